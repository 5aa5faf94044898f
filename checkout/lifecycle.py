"""A shop order's life after checkout: accepted, ready or on its way, handed over (collected or
delivered, with any money still due received in the same step) — or cancelled, which gives back its
stock and its pickup slot.

Only this module changes an order's status (the order and line models refuse a change made outside
one of its steps: checkout/order/status_guard.py); each step locks the order, checks the step fits
the order's fulfilment, and queues the customer's e-mail after commit. A card-paid order is cancelled
by payments.refunds.cancel_and_refund, which refunds it and then comes here.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from decimal import Decimal

import segno
from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from marketplace.notifications import queue_email
from payments.on_site import PaymentRefused, amount_due, record_on_site_payment
from shops.reservations import StockRequest, release_pickup_slot, release_stock

from .order.models import Fulfilment, LineStatus, OrderStatus
from .order.notes import record_note
from .order.status_guard import lifecycle_step

__all__ = [
    "OrderStatus", "ReceivedPayment", "StepRefused", "advance", "cancel_lines", "cancel_unpaid", "check_step",
    "confirm_payment", "hand_over", "hand_over_status", "new_pickup_code", "next_statuses", "pickup_qr_svg",
    "record_note", "release_holds",
]

Order = get_model("order", "Order")
Line = get_model("order", "Line")
StockRecord = get_model("partner", "StockRecord")

PICKUP_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud at the counter
PICKUP_CODE_LENGTH = 6
# The goods have left the shop: stock consumed, and nothing may be left to pay.
HANDED_OVER = (OrderStatus.COLLECTED, OrderStatus.DELIVERED)


# Which steps each fulfilment has; the order of the general pipeline is in settings.
STEPS_BY_FULFILMENT = {
    Fulfilment.PICKUP: {OrderStatus.ACCEPTED, OrderStatus.READY, OrderStatus.COLLECTED, OrderStatus.CANCELLED},
    # At a shared collection point: ready once dropped off there, collected from the host.
    Fulfilment.POINT: {OrderStatus.ACCEPTED, OrderStatus.READY, OrderStatus.COLLECTED, OrderStatus.CANCELLED},
    Fulfilment.DELIVERY: {OrderStatus.ACCEPTED, OrderStatus.OUT_FOR_DELIVERY, OrderStatus.DELIVERED, OrderStatus.CANCELLED},
    Fulfilment.SHIPPING: {OrderStatus.ACCEPTED, OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.CANCELLED},
}
CUSTOMER_EMAILS = {
    OrderStatus.READY: "order_ready",
    OrderStatus.OUT_FOR_DELIVERY: "order_out_for_delivery",
    OrderStatus.CANCELLED: "order_cancelled",
}


class StepRefused(Exception):
    """The step does not apply to this order now; the message says why."""


@dataclass(frozen=True)
class ReceivedPayment:
    """What the artisan received on site when handing the order over."""

    amount: Decimal
    means: str  # payments.on_site.PaymentMeans


def new_pickup_code() -> str:
    return "".join(secrets.choice(PICKUP_CODE_ALPHABET) for _ in range(PICKUP_CODE_LENGTH))


def pickup_qr_svg(order) -> str:
    """The pickup code as an SVG QR code, for the customer to show at the counter."""
    return segno.make(f"ECHOPPE:{order.number}:{order.pickup_code}", error="m").svg_inline(scale=4, title=_("Pickup code"))


def next_statuses(order) -> list[str]:
    allowed = STEPS_BY_FULFILMENT.get(order.fulfilment, set(OrderStatus.values))
    return [status for status in order.available_statuses() if status in allowed]


def _stock_requests(order) -> list[StockRequest]:
    # A cancelled (refunded) line gave its stock back when it was cancelled.
    return [
        StockRequest(line.stockrecord_id, line.quantity)
        for line in order.lines.all()
        if line.stockrecord_id and line.status != OrderStatus.CANCELLED
    ]


def release_holds(order) -> None:
    """Give back the stock and the pickup place of an order that will not be fulfilled (order locked)."""
    release_stock(_stock_requests(order))
    if order.fulfilment == Fulfilment.PICKUP and order.pickup_starts_at:
        release_pickup_slot(_shop_id(order), order.pickup_starts_at)
    if order.fulfilment == Fulfilment.POINT:
        from collection.booking import release_for_cancelled_order  # collection reads this app's orders

        release_for_cancelled_order(order)


def hand_over_status(order) -> str:
    """The step that hands this order over: collected at the counter, or delivered."""
    return OrderStatus.COLLECTED if order.fulfilment in (Fulfilment.PICKUP, Fulfilment.POINT) else OrderStatus.DELIVERED


def check_step(order, new_status: str, *, reason: str = "", pickup_code: str = "", payment_comes_with_it: bool = False) -> None:
    """Refuse (StepRefused) a step that cannot be taken now; the order is locked by the caller."""
    if new_status not in next_statuses(order):
        raise StepRefused(
            _("Order %(number)s is “%(status)s”: it cannot become “%(new)s”.")
            % {"number": order.number, "status": order.status_label,
               "new": OrderStatus(new_status).label if new_status in OrderStatus.values else new_status}
        )
    if new_status == OrderStatus.COLLECTED and (not order.pickup_code or pickup_code.strip().upper() != order.pickup_code):
        raise StepRefused(_("This is not the order's pickup code: check it with the customer."))
    if new_status == OrderStatus.CANCELLED:
        if not reason.strip():
            raise StepRefused(_("Give the reason for the cancellation: the customer will read it."))
        if _keeps_card_money(order):
            # payments.refunds.cancel_and_refund refunds first, then comes here.
            raise StepRefused(_("This order was paid by card: cancel it with a refund."))
    if new_status in HANDED_OVER and not payment_comes_with_it:
        due = amount_due(order)
        if due > 0:
            raise StepRefused(_still_due_message(due))


def _still_due_message(due: Decimal) -> str:
    return _("%(due)s € is still to be paid on this order: enter the amount received and how it was paid to hand it over.") % {
        "due": number_format(due, 2)
    }


def cancel_unpaid(order, reason: str) -> None:
    """A checkout whose card payment never came: its order is cancelled quietly (the customer was told
    on the payment page; no confirmation had been sent)."""
    locked = Order.objects.select_for_update().get(pk=order.pk)
    if locked.status != OrderStatus.PENDING_PAYMENT:
        return
    locked.cancellation_reason = reason
    locked.save(update_fields=["cancellation_reason"])
    release_holds(locked)
    with lifecycle_step():
        locked.set_status(OrderStatus.CANCELLED)
    _put_back_vouchers(locked, None)
    record_note(locked, None, reason)


def _put_back_vouchers(order, actor) -> None:
    """What gift vouchers paid of a cancelled order goes back on them (vouchers.spending)."""
    from vouchers.spending import put_back_for_order

    put_back_for_order(order, actor)


def confirm_payment(order) -> None:
    """The card payment of the order's checkout succeeded (order locked by the caller): it is new, to prepare."""
    if order.status == OrderStatus.PENDING_PAYMENT:
        with lifecycle_step():
            order.set_status(settings.OSCAR_INITIAL_ORDER_STATUS)


def cancel_lines(order, lines) -> None:
    """Lines refunded alone while the order goes on (order locked by the caller, by
    payments.refunds): cancelled, and back on sale if they have not left the shop."""
    with lifecycle_step():
        Line.objects.filter(pk__in=[line.pk for line in lines]).update(status=LineStatus.CANCELLED)
    if order.status not in HANDED_OVER:
        release_stock([StockRequest(line.stockrecord_id, line.quantity) for line in lines if line.stockrecord_id])


def _keeps_card_money(order) -> bool:
    settlement = getattr(order, "settlement", None)  # the missing relation raises an AttributeError
    return settlement is not None and settlement.holds_card_money


def advance(order, new_status: str, actor=None, reason: str = "", pickup_code: str = "") -> None:
    """Take the order to ``new_status``; handing over with money still due goes through hand_over."""
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        check_step(locked, new_status, reason=reason, pickup_code=pickup_code)
        _take_step(locked, new_status, actor, reason)
    order.refresh_from_db()


def hand_over(order, actor, pickup_code: str = "", payment: ReceivedPayment | None = None, *, ready_now: bool = False) -> None:
    """The customer takes the order (collected with its pickup code, or delivered). What is still due
    on site must be received in the same step: the payment is recorded and the order handed over in
    one transaction, or neither.

    ``ready_now``: at the counter, an accepted order the artisan had not yet marked ready is made
    ready in the same step, without telling the customer who is standing there that it is ready."""
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        new_status = hand_over_status(locked)
        if ready_now and locked.status == OrderStatus.ACCEPTED and new_status == OrderStatus.COLLECTED:
            check_step(locked, OrderStatus.READY)
            _take_step(locked, OrderStatus.READY, actor, tell_customer=False)
        check_step(locked, new_status, pickup_code=pickup_code, payment_comes_with_it=True)
        due = amount_due(locked)
        if due > 0:
            if payment is None:
                raise StepRefused(_still_due_message(due))
            if payment.amount < due:
                raise StepRefused(
                    _("%(received)s € received, but %(due)s € is due: the order is handed over once it is paid in full.")
                    % {"received": number_format(payment.amount, 2), "due": number_format(due, 2)}
                )
            try:
                record_on_site_payment(locked, payment.amount, payment.means, actor)
            except PaymentRefused as refused:
                raise StepRefused(str(refused)) from refused
        _take_step(locked, new_status, actor)
    order.refresh_from_db()


def _take_step(locked, new_status: str, actor, reason: str = "", *, tell_customer: bool = True) -> None:
    """The step's effects, once check_step let it through (order locked, within a transaction)."""
    if new_status == OrderStatus.CANCELLED:
        locked.cancellation_reason = reason.strip()
        locked.save(update_fields=["cancellation_reason"])
        release_holds(locked)
        _put_back_vouchers(locked, actor)
    if new_status in HANDED_OVER:
        # The goods have left the shop: the allocation becomes a reduction of the stock.
        # In stock-record order, as checkouts lock them: the two never wait on each other in a circle.
        for line in locked.lines.exclude(status=LineStatus.CANCELLED).select_related("stockrecord__product__product_class").order_by("stockrecord_id"):
            if line.stockrecord and line.stockrecord.is_allocation_consumption_possible(line.quantity):
                line.stockrecord.consume_allocation(line.quantity)
    previous_label = locked.status_label
    with lifecycle_step():
        locked.set_status(new_status)
    record_note(locked, actor, _("%(old)s → %(new)s") % {"old": previous_label, "new": locked.status_label})
    if tell_customer:
        _queue_customer_email(locked, new_status)


def _local_datetime(moment) -> str:
    """A moment as French customers read it (« mardi 24 novembre à 8 h »), for e-mails."""
    from .offers import moment_words

    if moment is None:
        return ""
    with translation.override(settings.LANGUAGE_CODE):
        return moment_words(moment)


def _shop_id(order) -> int:
    return order.lines.values_list("partner_id", flat=True).first()


def _collection_point_words(order) -> dict:
    """For an order collected at a shared point: the point and the customer's one code for it."""
    if order.fulfilment != Fulfilment.POINT:
        return {}
    from collection.models import CollectionOrder  # collection reads this app's orders

    link = CollectionOrder.objects.filter(order=order).select_related("booking__occurrence__session__point").first()
    if link is None:
        return {}
    point = link.booking.occurrence.session.point
    return {"collection_point": f"{point.name} — {point.address_line}, {point.postcode}", "collection_code": link.booking.code}


def _queue_customer_email(order, status: str) -> None:
    template = CUSTOMER_EMAILS.get(status)
    recipient = order.email
    if not template or not recipient:
        return
    queue_email(
        recipient=recipient,
        template=template,
        context={
            "order_number": order.number,
            "shop_name": order.lines.values_list("partner_name", flat=True).first() or "",
            "pickup_code": order.pickup_code,
            "pickup_when": _local_datetime(order.pickup_starts_at),
            "reason": order.cancellation_reason,
            **_collection_point_words(order),
        },
        idempotency_key=f"order-{order.number}-{status}",
    )
