"""The counter (« Comptoir »): the artisan finds the order the customer shows — the QR code of their
confirmation (``checkout.lifecycle.pickup_qr_svg``), the pickup code read aloud, or the order number —
and hands it over, receiving what is still due, in one step.

Only the artisan's own shop's orders are found: another shop's code answers exactly as an unknown one.
Handing over goes through ``checkout.lifecycle.hand_over`` (the payment and the step in one
transaction, or neither); the order is locked first, so the same button pressed twice hands the order
over once and records one payment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from payments.on_site import PaymentMeans, amount_due

from .lifecycle import (
    HANDED_OVER, PICKUP_CODE_ALPHABET, PICKUP_CODE_LENGTH, ReceivedPayment, StepRefused, hand_over, next_statuses,
)
from .order.access import orders_of_shop
from .order.models import Fulfilment, OrderStatus

Order = get_model("order", "Order")

# What the customer's QR code holds: ECHOPPE:{order number}:{pickup code}.
QR_PREFIX = "ECHOPPE:"
MAX_TYPED_LENGTH = 200
PICKUP_CODE = re.compile(f"[{PICKUP_CODE_ALPHABET}]{{{PICKUP_CODE_LENGTH}}}")
# Order numbers are made of capitals, digits and hyphens (checkout.placement; marketplace.converters).
ORDER_NUMBER = re.compile(r"[0-9A-Z][0-9A-Z-]{0,127}")


class CounterRefused(Exception):
    """The code names no order of the shop, or the order cannot be handed over now; the message says why."""


@dataclass(frozen=True)
class CounterCode:
    """What was scanned or typed: the QR code (an order number and its pickup code, both to match), or
    a typed pickup code and/or order number (six letters and digits may be either)."""

    number: str = ""
    pickup_code: str = ""
    from_qr_code: bool = False


@dataclass(frozen=True)
class CounterMatch:
    order: object
    # The order's pickup code when the customer showed it (QR code or code read aloud); "" when the
    # order was found by its number, and the code is still to be asked for.
    pickup_code: str


@dataclass(frozen=True)
class CounterHandOver:
    order: object
    received: Decimal  # 0 when nothing was due
    means: str  # PaymentMeans, "" when nothing was due
    already_done: bool  # handed over before this request (the button pressed twice): nothing done


def _not_found() -> CounterRefused:
    return CounterRefused(_("No order of your shop has this code: check it with the customer."))


def read_code(text: str) -> CounterCode:
    """The order number and/or pickup code in a scanned payload or a typed code, whatever their case
    and spaces; CounterRefused when it cannot be one."""
    cleaned = "".join(str(text or "").split()).upper()
    if not cleaned:
        raise CounterRefused(_("Scan the customer's QR code, or type their pickup code or order number."))
    if len(cleaned) <= MAX_TYPED_LENGTH:
        if cleaned.startswith(QR_PREFIX):
            number, separator, code = cleaned[len(QR_PREFIX):].partition(":")
            if separator and ORDER_NUMBER.fullmatch(number) and PICKUP_CODE.fullmatch(code):
                return CounterCode(number=number, pickup_code=code, from_qr_code=True)
        elif PICKUP_CODE.fullmatch(cleaned):
            # Six letters and digits may also be an order number: find_order tries both.
            return CounterCode(number=cleaned, pickup_code=cleaned)
        elif ORDER_NUMBER.fullmatch(cleaned):
            return CounterCode(number=cleaned)
    raise CounterRefused(_(
        "This is not an order's code: scan the QR code of the customer's confirmation, or type the pickup "
        "code (6 characters) or the order number."
    ))


def find_order(shop, text: str) -> CounterMatch:
    """The order of ``shop`` that ``text`` (a scanned QR code, a pickup code or an order number) names;
    CounterRefused when there is none — the same answer for another shop's order."""
    code = read_code(text)
    orders = orders_of_shop(Order.objects.all(), shop)
    if code.from_qr_code:
        # The QR code: both must match, so a stale or forged one finds nothing.
        order = orders.filter(number=code.number, pickup_code=code.pickup_code).first()
        if order is None:
            raise _not_found()
        return CounterMatch(order, code.pickup_code)
    if code.pickup_code:
        # Codes are drawn at random: an old order may share one. The order still to hand over wins.
        matches = list(orders.filter(pickup_code=code.pickup_code).order_by("-date_placed", "-pk")[:20])
        waiting = [order for order in matches if order.status not in {*HANDED_OVER, OrderStatus.CANCELLED}]
        if len(waiting) > 1:
            raise CounterRefused(_("Several orders of your shop have this pickup code: type the order number."))
        if matches:
            return CounterMatch((waiting or matches)[0], code.pickup_code)
    # Numbers are stored in capitals (checkout.placement): an exact match uses the index.
    order = orders.filter(number=code.number).first() if code.number else None
    if order is None:
        raise _not_found()
    return CounterMatch(order, "")


def orders_to_collect(shop, now=None, limit: int = 50):
    """The shop's pickup orders still to hand over whose slot is today or past (or that have none),
    earliest first: for a customer who has no code with them."""
    now = now or timezone.now()
    tomorrow = datetime.datetime.combine(timezone.localdate(now) + datetime.timedelta(days=1), datetime.time(), timezone.get_current_timezone())
    return (
        orders_of_shop(Order.objects.all(), shop)
        .filter(fulfilment=Fulfilment.PICKUP)
        .exclude(status__in=[*HANDED_OVER, OrderStatus.CANCELLED])
        .filter(Q(pickup_starts_at__lt=tomorrow) | Q(pickup_starts_at__isnull=True))
        .select_related("user")
        .order_by("pickup_starts_at", "number")[:limit]
    )


def hand_over_refusal(order) -> str:
    """Why ``order`` cannot be handed over at the counter now ("" when it can)."""
    context = {"number": order.number, "status": order.status_label}
    if order.status in HANDED_OVER:
        return _("Order %(number)s has already been handed over: it is “%(status)s”.") % context
    if order.status == OrderStatus.CANCELLED:
        return _("Order %(number)s is cancelled: there is nothing to hand over.") % context
    if order.fulfilment and order.fulfilment != Fulfilment.PICKUP:
        return _("Order %(number)s is to be delivered (%(fulfilment)s), not collected at the counter.") % {
            **context, "fulfilment": order.get_fulfilment_display().lower()}
    if OrderStatus.COLLECTED not in next_statuses(order) and order.status != OrderStatus.ACCEPTED:
        # The lifecycle's pipeline: a ready order is collected; an accepted one is made ready on the way.
        return _("Order %(number)s is not ready yet (“%(status)s”): mark it “%(ready)s” on its page first.") % {
            **context, "ready": OrderStatus.READY.label}
    return ""


def hand_over_at_counter(order, actor, *, pickup_code: str, amount: Decimal, means: str = "") -> CounterHandOver:
    """Receive ``amount`` (what the button said was due) by ``means`` and hand ``order`` over, in one
    transaction. Pressed twice, the second press finds the order handed over and does nothing."""
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.status in HANDED_OVER:
            return CounterHandOver(locked, Decimal("0.00"), "", already_done=True)
        refusal = hand_over_refusal(locked)
        if refusal:
            raise CounterRefused(refusal)
        due = amount_due(locked)
        if amount != due:
            # Paid in part elsewhere since the page was shown: the artisan must see the new amount.
            raise CounterRefused(_("%(due)s € is now due on this order: check the amount with the customer.") % {
                "due": number_format(due, 2)})
        if due > 0 and means not in PaymentMeans.values:
            raise CounterRefused(_("Choose how the customer paid."))
        try:
            hand_over(locked, actor, pickup_code=pickup_code, payment=ReceivedPayment(due, means) if due > 0 else None, ready_now=True)
        except StepRefused as refused:
            raise CounterRefused(str(refused)) from refused
    order.refresh_from_db()
    return CounterHandOver(order, due, means if due > 0 else "", already_done=False)
