"""An artisan's working day: the orders to accept, the pickups of the day by slot, the deliveries by
round, what is still due on site, and what to prepare (quantities per product).

Plain functions over a shop's orders (checkout.order.access.orders_of_shop), read in a fixed number
of queries whatever their number: the lines are prefetched and what each order has received is
summed in the same query as the orders. Days are the shop's wall-clock days (settings.TIME_ZONE).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import DecimalField, F, OuterRef, Prefetch, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from oscar.core.loading import get_model

from .access import orders_of_shop
from .models import DeliveryWindow, Fulfilment, LineStatus, OrderStatus

Order = get_model("order", "Order")
Line = get_model("order", "Line")
Source = get_model("payment", "Source")

# The status of an order the artisan has not accepted yet (settings.OSCAR_ORDER_STATUS_PIPELINE: new → accepted).
TO_ACCEPT = OrderStatus.NEW
HANDED_OVER = (OrderStatus.COLLECTED, OrderStatus.DELIVERED)
# Orders with nothing left to prepare nor to hand over.
CLOSED = (*HANDED_OVER, OrderStatus.CANCELLED)
# How far from today a day may be asked for: beyond it, a typing mistake rather than a plan.
FURTHEST_DAYS = 2 * 366
# Delivery rounds in the order of the day; a delivery without a window comes last.
ROUND_ORDER = {DeliveryWindow.MORNING: 0, DeliveryWindow.AFTERNOON: 1}


def shop_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def today(now: datetime.datetime | None = None) -> datetime.date:
    return (now or timezone.now()).astimezone(shop_zone()).date()


def day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The first moment of ``day`` and of the next day, on the shop's wall clock."""
    zone = shop_zone()
    start = datetime.datetime.combine(day, datetime.time.min).replace(tzinfo=zone)
    end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min).replace(tzinfo=zone)
    return start, end


def parse_day(text: str, now: datetime.datetime | None = None) -> datetime.date | None:
    """The day written ``YYYY-MM-DD`` (a date field's value), or None if it is not one or is too far
    from today to be a working day."""
    text = (text or "").strip()
    if len(text) != 10:
        return None
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        return None
    if abs((day - today(now)).days) > FURTHEST_DAYS:
        return None
    return day


def _summed(queryset, expression):
    """A correlated subquery summing ``expression`` over ``queryset`` (rows of one order): two sums
    over two relations in one query would multiply each other's rows."""
    money = DecimalField(max_digits=12, decimal_places=2)
    total = queryset.order_by().values("order").annotate(total=Sum(expression)).values("total")
    return Coalesce(Subquery(total, output_field=money), Value(Decimal("0.00")), output_field=money)


def with_amount_paid(orders):
    """``orders`` annotated with ``received`` (what each has received by card, gift voucher or on
    site, less refunds) and ``cancelled_total`` (its refunded lines), summed in SQL."""
    return orders.annotate(
        received=_summed(Source.objects.filter(order=OuterRef("pk")), F("amount_debited") - F("amount_refunded")),
        cancelled_total=_summed(Line.objects.filter(order=OuterRef("pk"), status=LineStatus.CANCELLED), F("line_price_incl_tax")),
    )


def amount_due(order) -> Decimal:
    """What is still to be received on site for an order annotated by with_amount_paid: nothing once it is
    cancelled or handed over (a hand-over receives what was due)."""
    if order.status in CLOSED:
        return Decimal("0.00")
    owed = order.total_incl_tax - (order.cancelled_total or Decimal("0.00"))
    return max(owed - (order.received or Decimal("0.00")), Decimal("0.00"))


def _active_lines():
    return Prefetch("lines", queryset=Line.objects.exclude(status=LineStatus.CANCELLED).order_by("pk"), to_attr="active_lines")


def shop_orders(shop):
    return orders_of_shop(Order.objects.all(), shop)


def orders_to_accept(shop):
    """The orders waiting for the artisan to accept them, oldest first."""
    return shop_orders(shop).filter(status=TO_ACCEPT).select_related("user", "shipping_address").order_by("date_placed", "pk")


def day_condition(day: datetime.date) -> Q:
    start, end = day_bounds(day)
    return (Q(fulfilment=Fulfilment.PICKUP, pickup_starts_at__gte=start, pickup_starts_at__lt=end)
            | Q(fulfilment=Fulfilment.DELIVERY, delivery_date=day))


def day_orders(shop, day: datetime.date, *, still_to_prepare: bool = False):
    """The shop's pickups and deliveries of ``day`` (never the cancelled ones; with ``still_to_prepare``,
    not those already handed over either), with their lines and what they have received."""
    orders = shop_orders(shop).filter(day_condition(day)).exclude(status__in=CLOSED if still_to_prepare else (OrderStatus.CANCELLED,))
    return with_amount_paid(orders).select_related("user", "shipping_address").prefetch_related(_active_lines())


def next_pickups(shop, now: datetime.datetime | None = None, count: int = 5):
    """The pickups still to come (or under way), soonest first."""
    now = now or timezone.now()
    return (
        shop_orders(shop)
        .filter(fulfilment=Fulfilment.PICKUP)
        .filter(Q(pickup_ends_at__gt=now) | Q(pickup_ends_at__isnull=True, pickup_starts_at__gte=now))
        .exclude(status__in=CLOSED)
        .select_related("user")
        .order_by("pickup_starts_at", "pk")[:count]
    )


def customer_name(order) -> str:
    """The customer as the artisan calls them: their account's name, the delivery name, or the e-mail."""
    if order.user_id and order.user.get_full_name():
        return order.user.get_full_name()
    address = order.shipping_address if order.shipping_address_id else None
    if address and (address.first_name or address.last_name):
        return f"{address.first_name} {address.last_name}".strip()
    return order.email


def customer_phone(order) -> str:
    """The phone number given with the delivery address, as dialled in France ("" if none)."""
    number = order.shipping_address.phone_number if order.shipping_address_id else None
    if not number:
        return ""
    return number.as_national if getattr(number, "is_valid", lambda: False)() else str(number)


@dataclass
class PlannedOrder:
    order: object
    lines: list
    due: Decimal
    customer: str
    phone: str
    address: object  # the delivery address, None for a pickup

    @property
    def is_handed_over(self) -> bool:
        return self.order.status in HANDED_OVER


@dataclass
class Slot:
    """The pickups of one slot."""

    starts_at: datetime.datetime
    ends_at: datetime.datetime | None
    orders: list[PlannedOrder] = field(default_factory=list)

    @property
    def label(self) -> str:
        from checkout.offers import clock  # offers reads the order models

        start = timezone.localtime(self.starts_at, shop_zone()).time()
        if self.ends_at is None:
            return clock(start)
        return f"{clock(start)} – {clock(timezone.localtime(self.ends_at, shop_zone()).time())}"


@dataclass
class Round:
    """The deliveries of one round (a window of the delivery day)."""

    window: str
    orders: list[PlannedOrder] = field(default_factory=list)

    @property
    def label(self) -> str:
        from django.utils.translation import gettext

        return str(DeliveryWindow(self.window).label) if self.window in DeliveryWindow.values else gettext("Time not set")


@dataclass(frozen=True)
class ProductTotal:
    title: str
    reference: str
    quantity: int


@dataclass
class DayPlan:
    day: datetime.date
    slots: list[Slot]
    rounds: list[Round]
    to_prepare: list[ProductTotal]

    @property
    def pickup_count(self) -> int:
        return sum(len(slot.orders) for slot in self.slots)

    @property
    def delivery_count(self) -> int:
        return sum(len(delivery_round.orders) for delivery_round in self.rounds)

    @property
    def amount_due(self) -> Decimal:
        return sum((planned.due for group in (*self.slots, *self.rounds) for planned in group.orders), Decimal("0.00"))

    @property
    def is_empty(self) -> bool:
        return not (self.slots or self.rounds)


def _planned(order) -> PlannedOrder:
    address = order.shipping_address if order.shipping_address_id else None
    lines = getattr(order, "active_lines", None)
    if lines is None:
        lines = [line for line in order.lines.all() if line.status != LineStatus.CANCELLED]
    return PlannedOrder(order=order, lines=lines, due=amount_due(order), customer=customer_name(order),
                        phone=customer_phone(order),
                        address=address)


def product_totals(planned_orders) -> list[ProductTotal]:
    """How many of each product the orders hold, by title: what to prepare."""
    totals: dict[tuple, list] = {}
    for planned in planned_orders:
        if planned.is_handed_over:
            continue
        for line in planned.lines:
            key = (line.product_id or 0, line.title)
            entry = totals.setdefault(key, [line.title, line.partner_sku or line.upc or "", 0])
            entry[2] += line.quantity
    return sorted((ProductTotal(title, reference, quantity) for title, reference, quantity in totals.values()),
                  key=lambda total: (total.title.casefold(), total.reference))


def plan_day(day: datetime.date, orders) -> DayPlan:
    """The day's orders (day_orders) grouped: pickups by slot, deliveries by round, and the totals per
    product of those not handed over yet."""
    slots: dict[tuple, Slot] = {}
    rounds: dict[str, Round] = {}
    planned_orders = []
    for order in orders:
        planned = _planned(order)
        planned_orders.append(planned)
        if order.fulfilment == Fulfilment.PICKUP:
            slot = slots.setdefault((order.pickup_starts_at, order.pickup_ends_at), Slot(order.pickup_starts_at, order.pickup_ends_at))
            slot.orders.append(planned)
        else:
            rounds.setdefault(order.delivery_window or "", Round(order.delivery_window or "")).orders.append(planned)
    for group in (*slots.values(), *rounds.values()):
        group.orders.sort(key=lambda planned: (planned.customer.casefold(), planned.order.number))
    return DayPlan(
        day=day,
        slots=sorted(slots.values(), key=lambda slot: (slot.starts_at, slot.ends_at or slot.starts_at)),
        rounds=sorted(rounds.values(), key=lambda delivery_round: ROUND_ORDER.get(delivery_round.window, 9)),
        to_prepare=product_totals(planned_orders),
    )


@dataclass(frozen=True)
class TodayFigures:
    to_accept: int
    pickups: int
    deliveries: int
    due_on_site: Decimal


def today_figures(shop, now: datetime.datetime | None = None) -> tuple[TodayFigures, DayPlan]:
    """The home page's key figures for today, and today's plan they come from."""
    day = today(now)
    plan = plan_day(day, day_orders(shop, day))
    figures = TodayFigures(
        to_accept=shop_orders(shop).filter(status=TO_ACCEPT).count(),
        pickups=plan.pickup_count,
        deliveries=plan.delivery_count,
        due_on_site=plan.amount_due,
    )
    return figures, plan
