"""Oscar's dashboard reports (orders, baskets, offers, vouchers, analytics) and the offer page's CSV
of discounts, written by the marketplace's CSV writer.

Every one of Oscar's CSV formatters derives from ``ReportCSVFormatter``, loaded with
``get_class("dashboard.reports.reports", ...)``; Oscar's class loader finds this module through the
``dashboard`` app (``shops.dashboard``), so overriding the base here covers them all, without forking
the reports app itself.
"""

from oscar.apps.dashboard.reports import reports as oscar_reports

from marketplace.csv_export import SpreadsheetWriter, csv_attachment


class ReportCSVFormatter(oscar_reports.ReportCSVFormatter):
    def get_csv_writer(self, file_handle, **kwargs):
        return SpreadsheetWriter(file_handle)

    def generate_response(self, objects, **kwargs):
        response = csv_attachment(self.filename(**kwargs))
        self.generate_csv(response, objects)
        return response
