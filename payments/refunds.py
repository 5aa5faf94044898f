"""Refunding a shop order paid by card or by gift voucher, whole (cancellation) or some of its lines.

The customer is refunded first, from the checkout's PaymentIntent. The commission is recomputed on
what the order still brings; if the artisan was already paid, the part they no longer earn is taken
back from their connected account (a transfer reversal). If their Stripe balance cannot cover it, the
customer stays refunded, the reversal is recorded as outstanding and retried by reconciliation.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from checkout.lifecycle import OrderStatus, StepRefused, advance, next_statuses, record_note
from checkout.lifecycle import cancel_lines as cancel_refunded_lines

from . import gateway
from .gateway import PaymentUnavailable
from .models import LedgerEntry, OrderSettlement, PaymentMethod
from .settlement import REFUNDED_EVENT_CODE, event_type, rate_of, write_entry

logger = logging.getLogger(__name__)
Order = get_model("order", "Order")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventQuantity = get_model("order", "PaymentEventQuantity")

# Stripe's code when a connected account's balance cannot cover a reversal.
INSUFFICIENT_BALANCE_CODES = {"balance_insufficient", "insufficient_funds"}


class RefundRefused(Exception):
    """The refund cannot be made; the message says why, in French."""


ZERO = Decimal("0.00")


@dataclass(frozen=True)
class RefundOutcome:
    amount: Decimal  # refunded to the card
    reversed: Decimal
    reversal_outstanding: Decimal
    warning: str = ""
    on_voucher: Decimal = ZERO  # put back on the gift voucher that paid it
    on_site: Decimal = ZERO  # neither: no longer due on site, or given back at the counter if paid there

    def summary(self) -> str:
        parts = []
        if self.amount:
            parts.append(_("%(amount)s € to the card") % {"amount": number_format(self.amount, 2)})
        if self.on_voucher:
            parts.append(_("%(amount)s € put back on the gift voucher") % {"amount": number_format(self.on_voucher, 2)})
        if self.on_site:
            parts.append(_("%(amount)s € less to pay on site (give it back if the customer already paid it)")
                         % {"amount": number_format(self.on_site, 2)})
        return _("Refunded: %(parts)s.") % {"parts": ", ".join(parts) or number_format(ZERO, 2) + " €"}


def lines_refundable_online(order, settlement) -> bool:
    """Whether some lines of ``order`` can be refunded online: it goes on with other lines, and a card
    or a gift voucher paid for it."""
    from vouchers.spending import paid_by_voucher

    if order.status in (OrderStatus.CANCELLED, OrderStatus.PENDING_PAYMENT):
        return False
    if order.lines.exclude(status=OrderStatus.CANCELLED).count() < 2:
        return False
    return bool(settlement is not None and settlement.payment_method == PaymentMethod.CARD and settlement.holds_card_money) or paid_by_voucher(order) > 0


def cancel_and_refund(order, actor, reason: str) -> RefundOutcome | None:
    """Cancel a shop order — the one way to, for every payment method: if it was paid by card, what
    the customer paid for it is refunded first. None when there was nothing to refund."""
    if not reason.strip():
        raise RefundRefused(_("Give the reason for the cancellation: the customer will read it."))
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if OrderStatus.CANCELLED not in next_statuses(locked):
            raise RefundRefused(_("Order %(number)s is “%(status)s”: it cannot be cancelled.") % {"number": locked.number, "status": locked.status_label})
        outcome = None
        settlement = OrderSettlement.objects.select_for_update().filter(order=locked, payment_method=PaymentMethod.CARD).first()
        if settlement is not None and settlement.holds_card_money:
            lines = list(locked.lines.exclude(status=OrderStatus.CANCELLED))
            # The lines are cancelled with the order, which gives back their stock and slot.
            outcome = _refund(locked, settlement, settlement.kept, lines, actor, reason, cancel_lines=False)
        try:
            advance(locked, OrderStatus.CANCELLED, actor, reason)
        except StepRefused as refused:
            raise RefundRefused(str(refused)) from refused
    order.refresh_from_db()
    return outcome


def refund_lines(order, line_ids: list[int], actor, reason: str) -> RefundOutcome:
    """Refund some lines of an order paid by card or by a gift voucher (e.g. an item missing at
    pickup); the order goes on. The card refunds what it paid first, the rest goes back on the
    voucher; of an order paid on site, the voucher's part goes back on it and the rest is simply no
    longer due."""
    from vouchers.spending import paid_by_voucher, put_back_part

    if not reason.strip():
        raise RefundRefused(_("Give the reason for the refund: the customer will read it."))
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.status in (OrderStatus.CANCELLED, OrderStatus.PENDING_PAYMENT):
            raise RefundRefused(_("This order cannot be refunded in part: it is “%(status)s”.") % {"status": locked.status_label})
        settlement = OrderSettlement.objects.select_for_update().filter(order=locked, payment_method=PaymentMethod.CARD).first()
        voucher_paid = paid_by_voucher(locked)
        if settlement is None and voucher_paid <= 0:
            raise RefundRefused(_("This order was paid neither by card nor by gift voucher: there is nothing to refund online."))
        lines = list(locked.lines.filter(pk__in=line_ids).exclude(status=OrderStatus.CANCELLED).order_by("pk"))
        if not lines or len(lines) != len(set(line_ids)):
            raise RefundRefused(_("Choose lines of this order that are not refunded yet."))
        amount = sum((line.line_price_incl_tax for line in lines), ZERO)
        voucher_part = max(amount - settlement.kept, ZERO) if settlement is not None else min(amount, voucher_paid)
        if voucher_part > voucher_paid:
            raise RefundRefused(_("These lines come to more than what is left to refund."))
        goods_left = locked.lines.exclude(status=OrderStatus.CANCELLED).exclude(pk__in=[line.pk for line in lines]).exists()
        if not goods_left:
            raise RefundRefused(_("These are all the order's items: cancel the order instead."))
        on_voucher = ZERO
        if voucher_part:
            back = put_back_part(locked, voucher_part, key=f"order-{locked.number}-lines-{'-'.join(str(line.pk) for line in lines)}", actor=actor)
            on_voucher = sum((movement.amount for movement in back), ZERO)
            record_note(locked, actor, _("%(amount)s € put back on the gift voucher: %(reason)s")
                        % {"amount": number_format(on_voucher, 2), "reason": reason})
        card_part = amount - voucher_part
        if settlement is None or card_part <= 0:
            cancel_refunded_lines(locked, lines)
            return RefundOutcome(ZERO, ZERO, ZERO, on_voucher=on_voucher, on_site=card_part if settlement is None else ZERO)
        outcome = _refund(locked, settlement, card_part, lines, actor, reason, cancel_lines=True)
        return RefundOutcome(outcome.amount, outcome.reversed, outcome.reversal_outstanding, outcome.warning, on_voucher=on_voucher)


def _refund(order, settlement: OrderSettlement, amount: Decimal, lines, actor, reason: str, cancel_lines: bool) -> RefundOutcome:
    """Refund ``amount`` of a locked order and settlement, within the caller's transaction."""
    sequence = order.ledger_entries.filter(kind=LedgerEntry.Kind.REFUND).count() + 1
    key = f"order-{order.number}-refund-{sequence}"
    stripe = gateway.client()
    try:
        refund = gateway.call(
            "create refund", stripe.v1.refunds.create,
            params={"payment_intent": settlement.intent_id, "amount": gateway.to_cents(amount), "metadata": {"order": order.number}},
            options={"idempotency_key": key},
        )
    except PaymentUnavailable as failure:
        raise RefundRefused(_("The refund could not be made: %(reason)s Nothing was changed.") % {"reason": failure}) from failure
    rate = rate_of(settlement)
    kept = settlement.kept - amount
    commission = rate.on(kept)
    commission_back = settlement.commission - commission
    settlement.refunded += amount
    settlement.commission = commission
    write_entry(order, LedgerEntry.Kind.REFUND, key, gross=-amount, commission=-commission_back, net=-(amount - commission_back),
                stripe_id=refund.id, message=reason, actor=actor)
    # Oscar's records: the card source refunded, a "refunded" payment event naming the lines.
    source = order.sources.filter(reference=settlement.intent_id).first()
    if source is not None:
        source.refund(amount, reference=refund.id)
    event = PaymentEvent.objects.create(order=order, amount=amount, reference=refund.id, event_type=event_type(REFUNDED_EVENT_CODE, "Remboursé"))
    for line in lines:
        PaymentEventQuantity.objects.create(event=event, line=line, quantity=line.quantity)
    if cancel_lines:
        # Their status changes in the lifecycle, which also puts them back on sale if not handed over yet.
        cancel_refunded_lines(order, lines)
    reversed_amount, outstanding, warning = _take_back_payout(order, settlement, key)
    settlement.save()
    record_note(order, actor, _("Refunded %(amount)s € by card: %(reason)s") % {"amount": number_format(amount, 2), "reason": reason})
    return RefundOutcome(amount, reversed_amount, outstanding, warning)


def _take_back_payout(order, settlement: OrderSettlement, key: str) -> tuple[Decimal, Decimal, str]:
    """If the artisan was paid more than the order now earns them, reverse the difference."""
    excess = settlement.transferred - max(settlement.net, Decimal("0.00"))
    if excess <= 0 or not settlement.transfer_id:
        return Decimal("0.00"), Decimal("0.00"), ""
    try:
        reversal = gateway.call(
            "reverse transfer", gateway.client().v1.transfers.reversals.create, settlement.transfer_id,
            params={"amount": gateway.to_cents(excess), "metadata": {"order": order.number}},
            options={"idempotency_key": f"{key}-reversal"},
        )
    except PaymentUnavailable as failure:
        settlement.reversal_outstanding += excess
        settlement.refusals += 0 if failure.code == "unreachable" else 1
        insufficient = failure.code in INSUFFICIENT_BALANCE_CODES
        message = (
            _("The artisan's Stripe balance cannot cover taking back %(amount)s €: the customer is refunded, the chamber recovers the amount from the artisan.")
            if insufficient
            else _("Taking back %(amount)s € from the artisan's payout failed; it will be retried.")
        ) % {"amount": number_format(excess, 2)}
        write_entry(order, LedgerEntry.Kind.TRANSFER_REVERSAL, f"{key}-reversal", net=-excess, status=LedgerEntry.Status.FAILED, message=message)
        logger.warning("Order %s: reversal of %s failed: %s", order.number, excess, failure)
        return Decimal("0.00"), excess, message
    settlement.transferred -= excess
    write_entry(order, LedgerEntry.Kind.TRANSFER_REVERSAL, f"{key}-reversal", net=-excess, stripe_id=reversal.id)
    return excess, Decimal("0.00"), ""


def retry_outstanding_reversals() -> int:
    """Try again the reversals Stripe refused (reconciliation). Returns how many succeeded."""
    done = 0
    for settlement_id in OrderSettlement.objects.filter(reversal_outstanding__gt=0).values_list("pk", flat=True):
        with transaction.atomic():
            settlement = OrderSettlement.objects.select_for_update(of=("self",)).select_related("order").get(pk=settlement_id)
            if settlement.reversal_outstanding <= 0:
                continue
            key = f"order-{settlement.order.number}-reversal-retry-{settlement.refusals}"
            try:
                reversal = gateway.call(
                    "reverse transfer", gateway.client().v1.transfers.reversals.create, settlement.transfer_id,
                    params={"amount": gateway.to_cents(settlement.reversal_outstanding), "metadata": {"order": settlement.order.number}},
                    options={"idempotency_key": key},
                )
            except PaymentUnavailable as failure:
                if failure.code != "unreachable":
                    settlement.refusals += 1
                    settlement.save(update_fields=["refusals", "updated_at"])
                continue
            write_entry(settlement.order, LedgerEntry.Kind.TRANSFER_REVERSAL, key, net=-settlement.reversal_outstanding, stripe_id=reversal.id)
            settlement.transferred -= settlement.reversal_outstanding
            settlement.reversal_outstanding = Decimal("0.00")
            settlement.save(update_fields=["transferred", "reversal_outstanding", "updated_at"])
            done += 1
    return done

