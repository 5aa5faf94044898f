"""The artisan's « Ventes » screen: gross, commission, net, refunds and payouts of their own shop, by
day, week or month (Paris days), with a chart of the net drawn on the server and a CSV of the same
figures. The figures are payments.sales'; these views read the period from the query string."""

from __future__ import annotations

import datetime

from django import forms
from django.urls import path
from django.utils import formats, timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from marketplace.csv_export import csv_response
from shops.artisan_views import ArtisanShopMixin

from . import sales
from .sales import DAY, GRANULARITIES, MONTH, WEEK


class PeriodForm(forms.Form):
    by = forms.ChoiceField(
        label=gettext_lazy("Show"), required=False, choices=list(GRANULARITIES.items()),
        error_messages={"invalid_choice": gettext_lazy("Choose to show sales by day, by week or by month.")},
    )
    date = forms.DateField(
        label=gettext_lazy("Period including the day"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), input_formats=["%Y-%m-%d"],
        error_messages={"invalid": gettext_lazy("Enter a valid date, e.g. 2026-03-01.")},
    )

    def clean_date(self):
        day = self.cleaned_data.get("date")
        if day and not sales.FIRST_YEAR <= day.year <= sales.LAST_YEAR:
            raise forms.ValidationError(
                _("Choose a date between %(first)s and %(last)s.") % {"first": sales.FIRST_YEAR, "last": sales.LAST_YEAR}
            )
        return day


def read_window(request) -> tuple[PeriodForm, sales.Window]:
    """The window the query string asks for; today's month by day when it asks for nothing or for
    something that does not make sense (the form then says what)."""
    today = timezone.localdate()
    form = PeriodForm(request.GET)
    granularity, anchor = DAY, today
    if form.is_valid():
        granularity = form.cleaned_data["by"] or DAY
        anchor = form.cleaned_data["date"] or today
    return form, sales.window_for(granularity, anchor)


def short_label(granularity: str, day: datetime.date) -> str:
    if granularity == DAY:
        return formats.date_format(day, "j")
    if granularity == WEEK:
        return formats.date_format(day, "j/n")
    return formats.date_format(day, "M")


def long_label(granularity: str, day: datetime.date) -> str:
    if granularity == DAY:
        return formats.date_format(day, "l j F Y")
    if granularity == WEEK:
        return _("Week of %(day)s") % {"day": formats.date_format(day, "j F Y")}
    return formats.date_format(day, "F Y")


def window_title(window: sales.Window) -> str:
    if window.granularity == DAY:
        return formats.date_format(window.start, "F Y")
    if window.granularity == WEEK:
        last = window.end - datetime.timedelta(days=1)
        return _("%(first)s to %(last)s") % {
            "first": formats.date_format(window.start, "j F Y"), "last": formats.date_format(last, "j F Y"),
        }
    return str(window.start.year)


def _query(granularity: str, anchor: datetime.date | None) -> str:
    return "?" + urlencode({"by": granularity, "date": anchor.isoformat()}) if anchor else ""


class ArtisanSalesView(ArtisanShopMixin, TemplateView):
    template_name = "payments/artisan/sales.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, window = read_window(self.request)
        report = sales.sales_report(self.shop, window)
        labels = [short_label(window.granularity, period.start) for period in report.periods]
        titles = [long_label(window.granularity, period.start) for period in report.periods]
        today = timezone.localdate()
        context.update(
            form=form,
            window=window,
            window_title=window_title(window),
            report=report,
            rows=list(zip(titles, report.periods)),
            chart=sales.chart(report, labels, titles),
            granularities=[
                {"value": value, "label": label, "query": _query(value, window.anchor), "is_current": value == window.granularity}
                for value, label in GRANULARITIES.items()
            ],
            previous_query=_query(window.granularity, window.previous_anchor()),
            next_query=_query(window.granularity, window.next_anchor(today)),
            today_query=_query(window.granularity, today) if not window.contains(today) else "",
            csv_query=_query(window.granularity, window.anchor),
            period_word={DAY: _("Day"), WEEK: _("Week"), MONTH: _("Month")}[window.granularity],
        )
        return context


class ArtisanSalesCsvView(ArtisanShopMixin, View):
    def get(self, request, *args, **kwargs):
        _form, window = read_window(request)
        report = sales.sales_report(self.shop, window)
        header = [_("Period starting"), _("Period"), _("Gross"), _("Refunds"), _("Commission"), _("Net"), _("Transfers")]
        rows = [
            [period.start, long_label(window.granularity, period.start), period.gross, period.refunds, period.commission, period.net, period.transfers]
            for period in report.periods
        ]
        totals = report.totals
        rows.append([None, _("Total"), totals.gross, totals.refunds, totals.commission, totals.net, totals.transfers])
        filename = f"{_('sales')}-{self.shop.slug}-{window.granularity}-{window.start.isoformat()}"
        return csv_response(filename, header, rows)


urlpatterns = [
    path("ventes/", ArtisanSalesView.as_view(), name="sales"),
    path("ventes/ventes.csv", ArtisanSalesCsvView.as_view(), name="sales-csv"),
]
