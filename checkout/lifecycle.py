"""A shop order's life after checkout: accepted, ready or on its way, collected or delivered — or
cancelled, which gives back its stock and its pickup slot.

Only this module changes an order's status; each step locks the order, checks the step fits the
order's fulfilment, and queues the customer's e-mail after commit.
"""

from __future__ import annotations

import secrets

import segno
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.core.loading import get_model

from marketplace.notifications import queue_email
from shops.reservations import StockRequest, release_pickup_slot, release_stock

from .order.models import Fulfilment

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
OrderNote = get_model("order", "OrderNote")

PICKUP_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud at the counter
PICKUP_CODE_LENGTH = 6


class OrderStatus(models.TextChoices):
    PENDING_PAYMENT = "pending_payment", gettext_lazy("Awaiting payment")
    NEW = "new", gettext_lazy("New")
    ACCEPTED = "accepted", gettext_lazy("Accepted")
    READY = "ready", gettext_lazy("Ready for pickup")
    OUT_FOR_DELIVERY = "out_for_delivery", gettext_lazy("Out for delivery")
    SHIPPED = "shipped", gettext_lazy("Shipped")
    COLLECTED = "collected", gettext_lazy("Collected")
    DELIVERED = "delivered", gettext_lazy("Delivered")
    CANCELLED = "cancelled", gettext_lazy("Cancelled")


# Which steps each fulfilment has; the order of the general pipeline is in settings.
STEPS_BY_FULFILMENT = {
    Fulfilment.PICKUP: {OrderStatus.ACCEPTED, OrderStatus.READY, OrderStatus.COLLECTED, OrderStatus.CANCELLED},
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


def cancel_unpaid(order, reason: str) -> None:
    """A checkout whose card payment never came: its order is cancelled quietly (the customer was told
    on the payment page; no confirmation had been sent)."""
    locked = Order.objects.select_for_update().get(pk=order.pk)
    if locked.status != OrderStatus.PENDING_PAYMENT:
        return
    locked.cancellation_reason = reason
    locked.save(update_fields=["cancellation_reason"])
    release_holds(locked)
    locked.set_status(OrderStatus.CANCELLED)
    record_note(locked, None, reason)


def _keeps_card_money(order) -> bool:
    settlement = getattr(order, "settlement", None)  # the missing relation raises an AttributeError
    return settlement is not None and settlement.holds_card_money


def advance(order, new_status: str, actor=None, reason: str = "", pickup_code: str = "") -> None:
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if new_status not in next_statuses(locked):
            raise StepRefused(
                _("Order %(number)s is “%(status)s”: it cannot become “%(new)s”.")
                % {"number": locked.number, "status": locked.status_label, "new": OrderStatus(new_status).label}
            )
        if new_status == OrderStatus.COLLECTED and pickup_code.strip().upper() != locked.pickup_code:
            raise StepRefused(_("This is not the order's pickup code: check it with the customer."))
        if new_status == OrderStatus.CANCELLED:
            if not reason.strip():
                raise StepRefused(_("Give the reason for the cancellation: the customer will read it."))
            if _keeps_card_money(locked):
                # payments.refunds.cancel_and_refund refunds first, then comes here.
                raise StepRefused(_("This order was paid by card: cancel it with a refund."))
            locked.cancellation_reason = reason.strip()
            locked.save(update_fields=["cancellation_reason"])
            release_holds(locked)
        if new_status in (OrderStatus.COLLECTED, OrderStatus.DELIVERED):
            # The goods have left the shop: the allocation becomes a reduction of the stock.
            # In stock-record order, as checkouts lock them: the two never wait on each other in a circle.
            for line in locked.lines.exclude(status=OrderStatus.CANCELLED).select_related("stockrecord__product__product_class").order_by("stockrecord_id"):
                if line.stockrecord and line.stockrecord.is_allocation_consumption_possible(line.quantity):
                    line.stockrecord.consume_allocation(line.quantity)
        previous_label = locked.status_label
        locked.set_status(new_status)
        record_note(locked, actor, _("%(old)s → %(new)s") % {"old": previous_label, "new": locked.status_label})
        _queue_customer_email(locked, new_status)
    order.refresh_from_db()


def record_note(order, actor, message: str) -> None:
    """Who did what to an order, in Oscar's order notes (shown in its dashboard)."""
    OrderNote.objects.create(order=order, user=actor if actor and actor.is_authenticated else None,
                             note_type=OrderNote.SYSTEM, message=message)


def _local_datetime(moment) -> str:
    """A moment as French customers read it ("mardi 24 novembre 2026 08:00"), for e-mails."""
    if moment is None:
        return ""
    with translation.override(settings.LANGUAGE_CODE):
        return date_format(timezone.localtime(moment), "l j F Y H:i")


def _shop_id(order) -> int:
    return order.lines.values_list("partner_id", flat=True).first()


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
        },
        idempotency_key=f"order-{order.number}-{status}",
    )
