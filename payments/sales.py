"""What a shop sold and was paid, period by period (days, weeks or months, Paris time), read from the
ledger: one aggregated query per report, Decimals only.

Each figure is dated by the movement that made it, as the ledger records it:

- gross: card payments and payments on site (what customers paid);
- refunds: what was given back to customers (a positive amount);
- commission: the chamber's commission on payments, less what a refund gave back;
- net: what the artisan earns from the period's movements, ``gross - refunds - commission``;
- transfers: the payouts to the artisan's bank account, less payouts taken back.

Only movements that succeeded count, and only orders of the shop (``orders_of_shop``): an order that
mixed shops, or another shop's, never does.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import DateTimeField, Q, Sum
from django.db.models.functions import Trunc
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from checkout.order.access import orders_of_shop

from .models import LedgerEntry

Order = get_model("order", "Order")

PARIS = ZoneInfo("Europe/Paris")
ZERO = Decimal("0.00")
CENT = Decimal("0.01")

DAY, WEEK, MONTH = "day", "week", "month"
GRANULARITIES = {DAY: _("By day"), WEEK: _("By week"), MONTH: _("By month")}
# How many weeks the weekly report shows at once.
WEEKS_SHOWN = 12
# Dates outside these years are refused (no report spans them, and date arithmetic stays safe).
FIRST_YEAR = 2000
LAST_YEAR = 2200

# What gift vouchers paid counts as sold (less what a cancellation put back on the voucher).
SALE_KINDS = (LedgerEntry.Kind.CARD_PAYMENT, LedgerEntry.Kind.ON_SITE_PAYMENT, LedgerEntry.Kind.VOUCHER_PAYMENT)
REFUND_KINDS = (LedgerEntry.Kind.REFUND,)
TRANSFER_KINDS = (LedgerEntry.Kind.TRANSFER, LedgerEntry.Kind.TRANSFER_REVERSAL)


@dataclass(frozen=True)
class PeriodFigures:
    start: datetime.date
    gross: Decimal = ZERO
    refunds: Decimal = ZERO
    commission: Decimal = ZERO
    transfers: Decimal = ZERO

    @property
    def net(self) -> Decimal:
        return self.gross - self.refunds - self.commission

    @property
    def is_empty(self) -> bool:
        return not (self.gross or self.refunds or self.commission or self.transfers)


@dataclass(frozen=True)
class Window:
    """The periods a report shows: ``granularity`` periods from ``start`` (included) to ``end`` (excluded)."""

    granularity: str
    start: datetime.date
    end: datetime.date
    anchor: datetime.date

    def period_starts(self) -> list[datetime.date]:
        starts, day = [], self.start
        while day < self.end:
            starts.append(day)
            day = next_period_start(self.granularity, day)
        return starts

    def previous_anchor(self) -> datetime.date | None:
        anchor = shift(self.granularity, self.anchor, -1)
        return anchor if anchor.year >= FIRST_YEAR else None

    def next_anchor(self, today: datetime.date) -> datetime.date | None:
        """The next window's anchor, or None when it would only hold the future."""
        if self.end > today:
            return None
        return shift(self.granularity, self.anchor, 1)

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day < self.end


@dataclass(frozen=True)
class SalesReport:
    window: Window
    periods: list[PeriodFigures]
    totals: PeriodFigures

    @property
    def is_empty(self) -> bool:
        return all(period.is_empty for period in self.periods)


def _month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def next_period_start(granularity: str, start: datetime.date) -> datetime.date:
    if granularity == DAY:
        return start + datetime.timedelta(days=1)
    if granularity == WEEK:
        return start + datetime.timedelta(weeks=1)
    return _add_months(start, 1)


def window_for(granularity: str, anchor: datetime.date) -> Window:
    """By day: the days of ``anchor``'s month. By week: the ``WEEKS_SHOWN`` weeks (Monday to Sunday)
    ending with ``anchor``'s. By month: the months of ``anchor``'s year."""
    if granularity == DAY:
        start = _month_start(anchor)
        return Window(DAY, start, _add_months(start, 1), anchor)
    if granularity == WEEK:
        end = _monday(anchor) + datetime.timedelta(weeks=1)
        return Window(WEEK, end - datetime.timedelta(weeks=WEEKS_SHOWN), end, anchor)
    if granularity == MONTH:
        return Window(MONTH, datetime.date(anchor.year, 1, 1), datetime.date(anchor.year + 1, 1, 1), anchor)
    raise ValueError(f"Unknown granularity {granularity!r}")


def shift(granularity: str, anchor: datetime.date, steps: int) -> datetime.date:
    """``anchor`` moved by ``steps`` whole windows."""
    if granularity == DAY:
        return _add_months(_month_start(anchor), steps)
    if granularity == WEEK:
        return _monday(anchor) + datetime.timedelta(weeks=WEEKS_SHOWN * steps)
    return datetime.date(anchor.year + steps, 1, 1)


def _paris_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(0), tzinfo=PARIS)


def shop_entries(shop):
    """The shop's ledger entries that moved money."""
    return LedgerEntry.objects.filter(
        order__in=orders_of_shop(Order.objects.all(), shop), status=LedgerEntry.Status.SUCCEEDED
    )


def _amount(value) -> Decimal:
    return ZERO if value is None else Decimal(value).quantize(CENT)


def sales_report(shop, window: Window) -> SalesReport:
    """The shop's figures for each period of ``window``, every period present (zero when nothing
    happened), and their totals. One query."""
    rows = (
        shop_entries(shop)
        .filter(created_at__gte=_paris_midnight(window.start), created_at__lt=_paris_midnight(window.end))
        .annotate(period=Trunc("created_at", window.granularity, output_field=DateTimeField(), tzinfo=PARIS))
        .order_by()
        .values("period")
        .annotate(
            sold=Sum("gross", filter=Q(kind__in=SALE_KINDS)),
            refunded=Sum("gross", filter=Q(kind__in=REFUND_KINDS)),
            commissioned=Sum("commission", filter=Q(kind__in=SALE_KINDS + REFUND_KINDS)),
            transferred=Sum("net", filter=Q(kind__in=TRANSFER_KINDS)),
        )
    )
    found: dict[datetime.date, PeriodFigures] = {}
    for row in rows:
        period = row["period"]
        if isinstance(period, datetime.datetime):
            period = (timezone.localtime(period, PARIS) if timezone.is_aware(period) else period).date()
        found[period] = PeriodFigures(
            start=period,
            gross=_amount(row["sold"]),
            refunds=-_amount(row["refunded"]),
            commission=_amount(row["commissioned"]),
            transfers=_amount(row["transferred"]),
        )
    periods = [found.get(start) or PeriodFigures(start=start) for start in window.period_starts()]
    totals = PeriodFigures(
        start=window.start,
        gross=sum((p.gross for p in periods), ZERO),
        refunds=sum((p.refunds for p in periods), ZERO),
        commission=sum((p.commission for p in periods), ZERO),
        transfers=sum((p.transfers for p in periods), ZERO),
    )
    return SalesReport(window, periods, totals)


# The chart, in SVG user units: bars of net per period above (or below) a zero line.
CHART_WIDTH = 400
CHART_HEIGHT = 180
CHART_TOP = 8
CHART_BOTTOM = 22  # room for the labels under the bars
CHART_LEFT = 4


@dataclass(frozen=True)
class Bar:
    period: PeriodFigures
    x: int
    y: int
    width: int
    height: int
    label: str
    title: str
    label_x: int
    show_label: bool
    is_negative: bool


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    zero_y: int
    bars: list[Bar]


def chart(report: SalesReport, labels: list[str], titles: list[str]) -> Chart:
    """Where each period's net bar goes, scaled to the largest amount; integers only. ``labels``
    are written under the bars, ``titles`` name the periods in full (a bar's tooltip)."""
    nets = [period.net for period in report.periods]
    top = max([ZERO, *nets])
    bottom = min([ZERO, *nets])
    span = (top - bottom) or Decimal(1)
    drawing = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
    zero_y = CHART_TOP + int(drawing * top / span)
    slot = (CHART_WIDTH - CHART_LEFT) // max(len(nets), 1)
    width = max(slot * 7 // 10, 2)
    # Every label when they fit (about 32 units each), else one in so many.
    label_every = max(1, -(-32 // max(slot, 1)))
    bars = []
    for index, (period, label, title) in enumerate(zip(report.periods, labels, titles)):
        height = int(drawing * abs(period.net) / span)
        x = CHART_LEFT + index * slot + (slot - width) // 2
        y = zero_y - height if period.net >= 0 else zero_y
        bars.append(Bar(period, x, y, width, height, label, title, x + width // 2, index % label_every == 0, period.net < 0))
    return Chart(CHART_WIDTH, CHART_HEIGHT, zero_y, bars)
