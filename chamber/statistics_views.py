"""The chamber's territory statistics: a page with a table and charts, and the same rows as CSV.

The figures and their definitions are marketplace.statistics'; these views read the period and the
grouping from the query string, and present the report.
"""

from __future__ import annotations

import datetime

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from marketplace import statistics
from marketplace.csv_export import csv_response
from marketplace.statistics import GroupBy
from shops.chamber_views import ChamberReviewerMixin

PRESET_LABELS = {
    "this_month": gettext_lazy("This month"),
    "last_month": gettext_lazy("Last month"),
    "last_12_months": gettext_lazy("Last 12 months"),
}


class StatisticsForm(forms.Form):
    start = forms.DateField(
        label=gettext_lazy("Period start"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": gettext_lazy("Enter a valid start date.")},
    )
    end = forms.DateField(
        label=gettext_lazy("Period end (included)"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": gettext_lazy("Enter a valid end date.")},
    )
    group_by = forms.ChoiceField(
        label=gettext_lazy("Group by"), required=False, choices=GroupBy.choices,
        error_messages={"invalid_choice": gettext_lazy("Group by department or by trade.")},
    )

    def __init__(self, data=None, *, today: datetime.date, initial=None):
        self.today = today
        self.default_start, self.default_end = statistics.preset_periods(today)["this_month"]
        initial = initial or {"start": self.default_start, "end": self.default_end, "group_by": GroupBy.DEPARTMENT}
        super().__init__(data, initial=initial)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        data["start"] = data.get("start") or self.default_start
        data["end"] = data.get("end") or self.default_end
        data["group_by"] = data.get("group_by") or GroupBy.DEPARTMENT
        for problem in statistics.validate_period(data["start"], data["end"]):
            self.add_error(None, problem)
        return data


def _read_form(request) -> StatisticsForm:
    return StatisticsForm(request.GET, today=timezone.localdate())


def _refused(request, form: StatisticsForm) -> HttpResponse:
    return render(request, "chamber/statistics.html", {"form": form, "presets": _presets(form.today, GroupBy.DEPARTMENT)}, status=400)


def _presets(today: datetime.date, group_by: str) -> list[dict]:
    return [
        {"label": PRESET_LABELS[name], "query": urlencode({"start": start.isoformat(), "end": end.isoformat(), "group_by": group_by})}
        for name, (start, end) in statistics.preset_periods(today).items()
    ]


# The charts' drawing, in SVG user units: a label column, then the bars.
ROW_HEIGHT = 28
LABEL_WIDTH = 200
BAR_WIDTH = 340  # the largest value's bar; its figure is written after it
SHARE_WIDTH = 400  # the fulfilment bar, 100 %


def _length(value, largest, full: int) -> str:
    """A bar's length, written for SVG (a dot, whatever the language)."""
    if not largest:
        return "0"
    return f"{float(value) * full / float(largest):.1f}"


def _charts(report: statistics.TerritoryReport) -> dict:
    """Where each row's bars go; the figures themselves are the table's."""
    largest_sales = max((row.sales for row in report.rows), default=0)
    largest_orders = max((row.orders for row in report.rows), default=0)
    bars = []
    for index, row in enumerate(report.rows):
        segments, offset = [], 0.0
        # From the counts rather than the rounded shares, so that the segments end at 100 %.
        for kind, count in (("pickup", row.pickup_orders), ("delivery", row.delivery_orders), ("shipping", row.shipping_orders)):
            width = count * SHARE_WIDTH / row.orders if row.orders else 0.0
            segments.append({"kind": kind, "x": f"{LABEL_WIDTH + offset:.1f}", "width": f"{width:.1f}"})
            offset += width
        sales_length, orders_length = _length(row.sales, largest_sales, BAR_WIDTH), _length(row.orders, largest_orders, BAR_WIDTH)
        bars.append({
            "row": row, "y": index * ROW_HEIGHT, "text_y": index * ROW_HEIGHT + 18,
            "sales_length": sales_length, "sales_text_x": f"{LABEL_WIDTH + float(sales_length) + 6:.1f}",
            "orders_length": orders_length, "orders_text_x": f"{LABEL_WIDTH + float(orders_length) + 6:.1f}",
            "segments": segments,
        })
    return {
        "bars": bars, "height": max(len(report.rows), 1) * ROW_HEIGHT, "label_x": LABEL_WIDTH - 8, "bar_x": LABEL_WIDTH,
        "width": LABEL_WIDTH + SHARE_WIDTH + 20,
    }


class StatisticsView(ChamberReviewerMixin, View):
    def get(self, request):
        form = _read_form(request)
        if not form.is_valid():
            return _refused(request, form)
        data = form.cleaned_data
        report = statistics.territory_statistics(data["start"], data["end"], data["group_by"])
        query = urlencode({"start": data["start"].isoformat(), "end": data["end"].isoformat(), "group_by": data["group_by"]})
        # The form shown again with the period read, defaults included.
        shown_form = StatisticsForm(today=form.today, initial=data)
        return render(request, "chamber/statistics.html", {
            "form": shown_form, "report": report, "charts": _charts(report), "csv_query": query,
            "presets": _presets(form.today, data["group_by"]),
            "group_label": GroupBy(data["group_by"]).label,
        })


def report_table(report: statistics.TerritoryReport) -> tuple[list, list[list]]:
    """The export's header and rows, the total last; figures as typed values, which the CSV writer
    writes as numbers (a share or a basket without orders, None, as an empty cell)."""
    header = [
        _("Code"), str(GroupBy(report.group_by).label), _("Active shops"), _("New shops"), _("Public products"),
        _("Orders"), _("Sales incl. VAT (€)"), _("Click-and-collect (%)"), _("Local delivery (%)"), _("Shipping (%)"),
        _("Average basket (€)"),
    ]
    rows = [
        [
            row.code, row.label, row.active_shops, row.new_shops, row.products, row.orders, row.sales,
            row.pickup_share, row.delivery_share, row.shipping_share, row.average_basket,
        ]
        for row in [*report.rows, report.total]
    ]
    return header, rows


class StatisticsCsvView(ChamberReviewerMixin, View):
    def get(self, request):
        form = _read_form(request)
        if not form.is_valid():
            return _refused(request, form)
        data = form.cleaned_data
        report = statistics.territory_statistics(data["start"], data["end"], data["group_by"])
        header, rows = report_table(report)
        filename = f"statistiques-{report.group_by}-{report.start.isoformat()}-{report.end.isoformat()}.csv"
        return csv_response(filename, header, rows)


urlpatterns = [
    path("statistiques/", StatisticsView.as_view(), name="statistics"),
    path("statistiques.csv", StatisticsCsvView.as_view(), name="statistics-csv"),
]
