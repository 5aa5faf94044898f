"""The chamber's territory statistics: shops, products and orders per department or per trade.

Every figure comes from a database aggregate grouped by department (or trade): one query for the
shops, one for the products, one for the orders, and (by department) one for the departments'
names, whatever the number of departments, trades, shops or orders.

Definitions, for a period of whole days in Europe/Paris, [start 00:00, end + 1 day 00:00):

- active shops: shops approved now (status "approved": neither suspended, rejected nor back in
  review) whose approval is before the end of the period (an approved shop with no approval date,
  from before the date was recorded, counts as active);
- new shops: active shops approved within the period;
- public products: products the public sees (``Product.objects.visible()``) sold by active shops;
  counted now, not as they were during the period;
- orders: orders placed within the period, except those awaiting their card payment
  ("pending_payment": they may never be paid) and cancelled ones; an order counts for the shop of
  its first line (the checkout places one order per shop) whatever the shop's status today, for the
  sale took place; an order whose shop is unknown (deleted since) has its own row;
- sales: the sum of those orders' totals, VAT and delivery charges included;
- fulfilment shares: the percentage of those orders collected at the shop, delivered locally or
  shipped, to one decimal;
- average basket: sales divided by orders, to the cent (None without orders).

The total row adds the rows up.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from checkout.lifecycle import OrderStatus
from checkout.order.models import Fulfilment
from geography.models import Commune
from geography.text import normalize
from shops.models import Shop, ShopStatus
from shops.trades import Trade

Line = get_model("order", "Line")
Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")

PARIS = ZoneInfo("Europe/Paris")
CENT = Decimal("0.01")
TENTH = Decimal("0.1")
ZERO = Decimal("0.00")
# Orders that are not sales: a card payment still awaited, or the order called off.
NOT_SALES = (OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED)
# The widest period a report covers, and the dates it may start or end on.
MAX_PERIOD_YEARS = 5
EARLIEST_DATE = datetime.date(2000, 1, 1)
LATEST_DATE = datetime.date(2099, 12, 31)


class GroupBy(models.TextChoices):
    DEPARTMENT = "department", _("Department")
    TRADE = "trade", _("Trade")


# How each query reaches the grouping value: from a shop, a product and an order line.
_KEYS = {
    GroupBy.DEPARTMENT: ("commune__department_code", "stockrecords__partner__shop__commune__department_code", "partner__shop__commune__department_code"),
    GroupBy.TRADE: ("trade", "stockrecords__partner__shop__trade", "partner__shop__trade"),
}


@dataclass
class Row:
    """One department or trade (or the total): ``code`` is the department code or trade code."""

    code: str
    label: str
    active_shops: int = 0
    new_shops: int = 0
    products: int = 0
    orders: int = 0
    sales: Decimal = ZERO
    pickup_orders: int = 0
    delivery_orders: int = 0
    shipping_orders: int = 0

    def _share(self, count: int) -> Decimal | None:
        if not self.orders:
            return None
        return (Decimal(count * 100) / Decimal(self.orders)).quantize(TENTH, rounding=ROUND_HALF_UP)

    @property
    def pickup_share(self) -> Decimal | None:
        """Percentage of the orders collected at the shop (click-and-collect)."""
        return self._share(self.pickup_orders)

    @property
    def delivery_share(self) -> Decimal | None:
        return self._share(self.delivery_orders)

    @property
    def shipping_share(self) -> Decimal | None:
        return self._share(self.shipping_orders)

    @property
    def average_basket(self) -> Decimal | None:
        if not self.orders:
            return None
        return (self.sales / self.orders).quantize(CENT, rounding=ROUND_HALF_UP)

    def add(self, other: Row) -> None:
        for name in ("active_shops", "new_shops", "products", "orders", "sales", "pickup_orders", "delivery_orders", "shipping_orders"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class TerritoryReport:
    start: datetime.date
    end: datetime.date
    group_by: str
    rows: list[Row] = field(default_factory=list)
    total: Row = field(default_factory=lambda: Row(code="", label=str(_("Total"))))


def period_bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The instants the period runs between: start's midnight, and the midnight after end, in Paris."""
    after_end = end + datetime.timedelta(days=1)
    return (
        datetime.datetime.combine(start, datetime.time.min, tzinfo=PARIS),
        datetime.datetime.combine(after_end, datetime.time.min, tzinfo=PARIS),
    )


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


def _first_of_month(day: datetime.date, months_back: int = 0) -> datetime.date:
    month_index = day.year * 12 + day.month - 1 - months_back
    return datetime.date(month_index // 12, month_index % 12 + 1, 1)


def preset_periods(today: datetime.date) -> dict[str, tuple[datetime.date, datetime.date]]:
    """The usual periods: this month so far, last month, and the twelve months up to today."""
    first_of_this_month = _first_of_month(today)
    return {
        "this_month": (first_of_this_month, today),
        "last_month": (_first_of_month(today, 1), first_of_this_month - datetime.timedelta(days=1)),
        "last_12_months": (add_years(today, -1) + datetime.timedelta(days=1), today),
    }


def validate_period(start: datetime.date, end: datetime.date) -> list[str]:
    """What is wrong with the period (an empty list when nothing is)."""
    problems = []
    if not (EARLIEST_DATE <= start <= LATEST_DATE and EARLIEST_DATE <= end <= LATEST_DATE):
        problems.append(
            str(_("Choose dates between %(earliest)s and %(latest)s.") % {
                "earliest": EARLIEST_DATE.strftime("%d/%m/%Y"), "latest": LATEST_DATE.strftime("%d/%m/%Y")})
        )
    elif end < start:
        problems.append(str(_("The end of the period cannot be before its start.")))
    elif end >= add_years(start, MAX_PERIOD_YEARS):
        problems.append(str(_("The period cannot be longer than %(years)d years.") % {"years": MAX_PERIOD_YEARS}))
    return problems


def territory_statistics(start: datetime.date, end: datetime.date, group_by: str = GroupBy.DEPARTMENT) -> TerritoryReport:
    """The report for the whole days from ``start`` to ``end`` (both included), one row per
    department or trade with any activity, sorted by department code or trade name."""
    if group_by not in _KEYS:
        raise ValueError(f"Unknown grouping: {group_by!r}")
    if validate_period(start, end):
        raise ValueError(f"Invalid period: {start} – {end}")
    starts_at, ends_before = period_bounds(start, end)
    shop_key, product_key, line_key = _KEYS[group_by]
    rows: dict[str | None, Row] = {}

    def row(code: str | None) -> Row:
        if code not in rows:
            rows[code] = Row(code=code or "", label="")
        return rows[code]

    approved_by_the_end = Q(approved_at__lt=ends_before) | Q(approved_at__isnull=True)
    shops = (
        Shop.objects.filter(approved_by_the_end, status=ShopStatus.APPROVED)
        .values(key=models.F(shop_key))
        .annotate(active=Count("pk"), new=Count("pk", filter=Q(approved_at__gte=starts_at)))
        .order_by()
    )
    for figures in shops:
        target = row(figures["key"])
        target.active_shops, target.new_shops = figures["active"], figures["new"]

    # The shop conditions go in one filter() so that they apply to the same stock record.
    products = (
        Product.objects.visible()
        .filter(
            Q(stockrecords__partner__shop__approved_at__lt=ends_before) | Q(stockrecords__partner__shop__approved_at__isnull=True),
            stockrecords__partner__shop__status=ShopStatus.APPROVED,
        )
        .values(key=models.F(product_key))
        .annotate(count=Count("pk", distinct=True))
        .order_by()
    )
    for figures in products:
        row(figures["key"]).products = figures["count"]

    # Orders carry no shop: each order is read through its first line (the one with no earlier
    # line in the same order), whose partner is the shop. An anti-join rather than a subquery per
    # order keeps this one hash join on PostgreSQL, however many orders the period holds.
    earlier_line = Line.objects.filter(order=OuterRef("order"), pk__lt=OuterRef("pk"))
    orders = (
        Line.objects.filter(order__date_placed__gte=starts_at, order__date_placed__lt=ends_before)
        .filter(~Q(order__status__in=NOT_SALES), ~Exists(earlier_line))
        .values(key=models.F(line_key))
        .annotate(
            orders=Count("order_id"),
            sales=Sum("order__total_incl_tax"),
            pickup=Count("order_id", filter=Q(order__fulfilment=Fulfilment.PICKUP)),
            delivery=Count("order_id", filter=Q(order__fulfilment=Fulfilment.DELIVERY)),
            shipping=Count("order_id", filter=Q(order__fulfilment=Fulfilment.SHIPPING)),
        )
        .order_by()
    )
    for figures in orders:
        target = row(figures["key"])
        target.orders = figures["orders"]
        target.sales = (figures["sales"] or ZERO).quantize(CENT)
        target.pickup_orders, target.delivery_orders, target.shipping_orders = figures["pickup"], figures["delivery"], figures["shipping"]

    _label_rows(rows, group_by)
    report = TerritoryReport(start=start, end=end, group_by=group_by)
    report.rows = sorted(rows.values(), key=_sort_key(group_by))
    for each in report.rows:
        report.total.add(each)
    return report


def _label_rows(rows: dict[str | None, Row], group_by: str) -> None:
    unknown = str(_("Unknown"))
    if group_by == GroupBy.DEPARTMENT:
        codes = [code for code in rows if code]
        names = dict(
            Commune.objects.filter(department_code__in=codes).order_by().values_list("department_code", "department_name").distinct()
        ) if codes else {}
        for code, each in rows.items():
            each.label = names.get(code, code) if code else unknown
    else:
        labels = dict(Trade.choices)
        for code, each in rows.items():
            each.label = str(labels.get(code, code)) if code else unknown


def _sort_key(group_by: str):
    # The unknown row comes last; departments by code (01 … 2A, 2B … 976), trades by name.
    if group_by == GroupBy.DEPARTMENT:
        return lambda each: (not each.code, each.code)
    return lambda each: (not each.code, normalize(each.label))
