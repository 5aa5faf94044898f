"""What a host does at their point: check in each artisan's drop-off, hand a customer all their
orders at once with their collection code, see what is left unclaimed, write to the artisans.

Orders move only through checkout.lifecycle (accepted and ready at the drop-off, collected at the
hand-over, with what is still due on site received by the host in the same step); the point's own
records (dropped off, handed over) are written in the same transaction, the rows locked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from checkout import lifecycle
from checkout.order.models import OrderStatus
from marketplace.notifications import queue_email
from payments.on_site import PaymentMeans, amount_due
from shops.notification_settings import new_order_recipients

from .models import ArtisanMessage, CollectionBooking, CollectionOrder, SessionOccurrence

GONE = {OrderStatus.CANCELLED, OrderStatus.PENDING_PAYMENT}
# What an order's drop-off label carries (its QR code, printed by the artisan): the host scans it.
DROPOFF_LABEL_PREFIX = "ECHOPPE-DEPOT:"


class HostRefused(Exception):
    """What the host cannot do now, said for them."""


def occurrences_for(user):
    """The windows of the point this user hosts (none for anybody else)."""
    return SessionOccurrence.objects.filter(session__point__hosts__user=user).select_related("session__point")


def window_orders(occurrence: SessionOccurrence):
    """Every order at this window, with what the screens show, in one query."""
    return (
        CollectionOrder.objects.filter(booking__occurrence=occurrence)
        .select_related("order", "shop__partner", "booking__customer")
        .order_by("booking__customer__last_name", "booking_id", "shop__partner__name", "order__number")
    )


@dataclass
class CustomerRow:
    booking: CollectionBooking
    orders: list = field(default_factory=list)  # CollectionOrder

    @property
    def live_orders(self) -> list:
        return [link for link in self.orders if link.order.status not in GONE]

    @property
    def is_handed_over(self) -> bool:
        return bool(self.live_orders) and all(link.handed_over_at for link in self.live_orders)

    @property
    def all_dropped_off(self) -> bool:
        return all(link.dropped_off_at for link in self.live_orders)

    @property
    def due(self) -> Decimal:
        return sum((link.due for link in self.live_orders if not link.handed_over_at), Decimal("0.00"))


@dataclass
class ShopRow:
    shop: object
    orders: list = field(default_factory=list)

    @property
    def live_orders(self) -> list:
        return [link for link in self.orders if link.order.status not in GONE]

    @property
    def all_dropped_off(self) -> bool:
        return all(link.dropped_off_at for link in self.live_orders)


def by_customer(links) -> list[CustomerRow]:
    rows: dict[int, CustomerRow] = {}
    for link in links:
        rows.setdefault(link.booking_id, CustomerRow(link.booking)).orders.append(link)
    return [row for row in rows.values() if row.live_orders or row.orders]


def by_shop(links) -> list[ShopRow]:
    rows: dict[int, ShopRow] = {}
    for link in links:
        rows.setdefault(link.shop_id, ShopRow(link.shop)).orders.append(link)
    return sorted(rows.values(), key=lambda row: row.shop.name)


def with_amounts_due(links) -> list:
    """Each link with ``due``: what is still to be received on site for its order."""
    links = list(links)
    for link in links:
        link.due = amount_due(link.order) if link.order.status not in GONE and not link.handed_over_at else Decimal("0.00")
    return links


def check_in(occurrence: SessionOccurrence, shop_id: int, host, now=None) -> int:
    """The artisan of ``shop_id`` dropped off their orders for this window: each is accepted if it was
    new, then ready (the customer is told), and recorded as dropped off. Returns how many."""
    return _check_in(CollectionOrder.objects.filter(booking__occurrence=occurrence, shop_id=shop_id), host, now)


def label_text(order) -> str:
    return f"{DROPOFF_LABEL_PREFIX}{order.number}"


def order_number_in(text: str) -> str:
    """The order number a drop-off label (scanned) or the host (typed) gives; "" when none."""
    cleaned = "".join((text or "").split())[:60]
    if cleaned.upper().startswith(DROPOFF_LABEL_PREFIX):
        cleaned = cleaned[len(DROPOFF_LABEL_PREFIX):]
    return cleaned.upper() if cleaned and all(char.isalnum() or char == "-" for char in cleaned) else ""


def is_dropoff_label(text: str) -> bool:
    return "".join((text or "").split()).upper().startswith(DROPOFF_LABEL_PREFIX)


def check_in_order(occurrence: SessionOccurrence, text: str, host, now=None) -> str:
    """One order dropped off, named by its label (scanned) or its number (typed): checked in like a
    whole shop's. Returns the order's number."""
    number = order_number_in(text)
    links = CollectionOrder.objects.filter(booking__occurrence=occurrence, order__number=number) if number else CollectionOrder.objects.none()
    if not links.exists():
        raise HostRefused(_("No order of this session has this number: check the label."))
    _check_in(links, host, now)
    return number


def _check_in(links_queryset, host, now=None) -> int:
    now = now or timezone.now()
    count = 0
    with transaction.atomic():
        links = list(links_queryset.select_for_update(of=("self",)).filter(dropped_off_at__isnull=True).select_related("order").order_by("order_id"))
        for link in links:
            order = link.order
            if order.status in GONE:
                continue
            try:
                if order.status == OrderStatus.NEW:
                    lifecycle.advance(order, OrderStatus.ACCEPTED, host)
                if order.status == OrderStatus.ACCEPTED:
                    lifecycle.advance(order, OrderStatus.READY, host)
            except lifecycle.StepRefused as refused:
                raise HostRefused(str(refused)) from refused
            link.dropped_off_at, link.dropped_off_by = now, host
            link.save(update_fields=["dropped_off_at", "dropped_off_by"])
            count += 1
    return count


def booking_for_code(occurrence: SessionOccurrence, code: str) -> CollectionBooking:
    """The booking of this window whose code the customer gives (spaces and case forgiven)."""
    cleaned = "".join((code or "").split()).upper()[:20]
    if cleaned.startswith("ECHOPPE-RETRAIT:"):
        cleaned = cleaned.removeprefix("ECHOPPE-RETRAIT:")
    booking = CollectionBooking.objects.filter(occurrence=occurrence, code=cleaned, released_at__isnull=True).first() if cleaned else None
    if booking is None:
        raise HostRefused(_("No customer of this session has this code: check it with them."))
    return booking


def hand_over(booking: CollectionBooking, host, means: str = "", now=None) -> list:
    """Give the customer every order of theirs dropped off here: each collected through the lifecycle,
    with what is still due received by the host (``means``). Returns the orders handed over; refuses
    when nothing is there to give, or money is due and ``means`` is not said."""
    now = now or timezone.now()
    handed = []
    with transaction.atomic():
        links = list(CollectionOrder.objects.select_for_update().filter(booking=booking, handed_over_at__isnull=True)
                     .select_related("order").order_by("order_id"))
        ready = [link for link in links if link.order.status not in GONE and link.dropped_off_at]
        if not ready:
            raise HostRefused(_("Nothing of this customer has been dropped off yet."))
        dues = {link.pk: amount_due(link.order) for link in ready}
        if any(dues.values()) and means not in PaymentMeans.values:
            raise HostRefused(_("Money is still due on these orders: choose how the customer paid."))
        for link in ready:
            payment = lifecycle.ReceivedPayment(dues[link.pk], means) if dues[link.pk] > 0 else None
            try:
                lifecycle.hand_over(link.order, host, pickup_code=link.order.pickup_code, payment=payment, ready_now=True)
            except lifecycle.StepRefused as refused:
                raise HostRefused(str(refused)) from refused
            link.handed_over_at, link.handed_over_by = now, host
            link.save(update_fields=["handed_over_at", "handed_over_by"])
            handed.append(link.order)
    return handed


def unclaimed(links) -> list:
    """Of a window's orders, those dropped off and not handed over (what is left at the end of the session)."""
    return [link for link in links if link.dropped_off_at and not link.handed_over_at and link.order.status not in GONE]


def artisan_addresses(shop) -> list[str]:
    """Where the artisan reads about their orders: their notification address, else their accounts'."""
    return new_order_recipients(shop) or [user.email for user in shop.partner.users.all() if user.email]


def message_artisans(occurrence: SessionOccurrence, host, text: str) -> ArtisanMessage:
    """Record the host's message and e-mail it once to the artisans of every shop with an order here."""
    text = (text or "").strip()
    if not text:
        raise HostRefused(_("Write the message first."))
    if len(text) > 2000:
        raise HostRefused(_("The message is at most 2,000 characters."))
    message = ArtisanMessage.objects.create(occurrence=occurrence, author=host, text=text)
    shops = {link.shop_id: link.shop for link in window_orders(occurrence).select_related("shop__notification_settings")}
    point = occurrence.session.point
    from .words import window_words

    for shop in shops.values():
        for recipient in artisan_addresses(shop):
            queue_email(
                recipient=recipient, template="collection_host_message",
                context={"point": point.name, "when": window_words(occurrence), "text": text},
                idempotency_key=f"collection-message-{message.pk}-{recipient}",
            )
    return message
