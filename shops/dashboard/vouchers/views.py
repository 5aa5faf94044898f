"""Oscar's voucher dashboard; the download of a voucher set's codes goes through the marketplace's
CSV writer, as every export does. Oscar's class loader finds this module through the ``dashboard``
app (``shops.dashboard``)."""

from django.utils.translation import gettext as _
from oscar.apps.dashboard.vouchers import views as oscar_views
from oscar.apps.dashboard.vouchers.views import *  # noqa: F401,F403

from marketplace.csv_export import csv_response


class VoucherSetDownloadView(oscar_views.VoucherSetDownloadView):
    def get(self, request, *args, **kwargs):
        voucher_set = self.get_object()
        codes = voucher_set.vouchers.order_by("pk").values_list("code", flat=True)
        return csv_response(voucher_set.name, [_("Code")], ([code] for code in codes))
