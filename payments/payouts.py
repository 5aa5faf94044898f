"""Paying the artisan: the card money of an order is held until the order is collected or delivered
(shipped orders: a few days after shipping), then transferred to the shop's connected account — a
separate transfer linked to the checkout's charge by ``source_transaction``, so it never spends
money that has not arrived."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import gateway
from .gateway import PaymentUnavailable
from .models import LedgerEntry, OrderSettlement, PayoutStatus
from .settlement import write_entry

logger = logging.getLogger(__name__)

RELEASED_AT_ONCE = {"collected", "delivered"}
RELEASED_LATER = {"shipped"}


def schedule_on_status(order, new_status: str, now=None) -> None:
    """An order reached a status that frees its money: make its payout due."""
    if new_status not in RELEASED_AT_ONCE | RELEASED_LATER:
        return
    now = now or timezone.now()
    waiting = Q(payout_status=PayoutStatus.HELD)
    if new_status in RELEASED_AT_ONCE:
        due = now
        # Delivered before the shipping delay ran out: no reason to wait longer.
        waiting |= Q(payout_status=PayoutStatus.SCHEDULED, release_after__gt=now)
    else:
        due = now + datetime.timedelta(days=settings.PAYOUT_DELAY_DAYS_SHIPPED)
    if OrderSettlement.objects.filter(waiting, order=order).update(payout_status=PayoutStatus.SCHEDULED, release_after=due) and due <= now:
        from marketplace.outbox import enqueue_on_commit

        from .tasks import release_payout

        enqueue_on_commit(release_payout, order.pk)


def due_payouts(now=None):
    now = now or timezone.now()
    return OrderSettlement.objects.filter(
        payout_status__in=(PayoutStatus.SCHEDULED, PayoutStatus.FAILED), release_after__lte=now
    )


def release(order_id: int, now=None) -> OrderSettlement | None:
    """Transfer what the artisan is owed for this order, once. Stripe failures are kept and retried."""
    now = now or timezone.now()
    with transaction.atomic():
        settlement = (
            OrderSettlement.objects.select_for_update(of=("self",)).select_related("order__checkout_group").filter(order_id=order_id).first()
        )
        if settlement is None or settlement.payout_status not in (PayoutStatus.SCHEDULED, PayoutStatus.FAILED):
            return settlement
        if settlement.release_after and settlement.release_after > now:
            return settlement
        amount = settlement.net - settlement.transferred
        if amount <= 0:
            settlement.payout_status = PayoutStatus.NOTHING_DUE
            settlement.save(update_fields=["payout_status", "updated_at"])
            return settlement
        if not settlement.destination_account:
            settlement.payout_status, settlement.failure_message = PayoutStatus.FAILED, _("The shop has no Stripe account.")
            settlement.save(update_fields=["payout_status", "failure_message", "updated_at"])
            return settlement
        order = settlement.order
        try:
            transfer = gateway.call(
                "create transfer", gateway.client().v1.transfers.create,
                params={
                    "amount": gateway.to_cents(amount),
                    "currency": gateway.CURRENCY,
                    "destination": settlement.destination_account,
                    "source_transaction": settlement.charge_id,
                    "transfer_group": order.checkout_group.number if order.checkout_group_id else order.number,
                    "metadata": {"order": order.number},
                },
                # The same payout asked twice (a retry, two workers) is one transfer at Stripe.
                options={"idempotency_key": f"payout-{order.number}-{gateway.to_cents(settlement.transferred)}-{settlement.refusals}"},
            )
        except PaymentUnavailable as failure:
            settlement.payout_status, settlement.failure_message = PayoutStatus.FAILED, str(failure)[:300]
            settlement.refusals += 0 if failure.code == "unreachable" else 1
            settlement.save(update_fields=["payout_status", "failure_message", "refusals", "updated_at"])
            write_entry(order, LedgerEntry.Kind.TRANSFER, f"order-{order.number}-transfer-failed-{now.isoformat()}", net=amount,
                        status=LedgerEntry.Status.FAILED, message=str(failure))
            logger.warning("Payout of order %s failed: %s", order.number, failure)
            return settlement
        settlement.transferred += amount
        settlement.transfer_id = transfer.id
        settlement.payout_status, settlement.failure_message = PayoutStatus.TRANSFERRED, ""
        settlement.save(update_fields=["transferred", "transfer_id", "payout_status", "failure_message", "updated_at"])
        write_entry(order, LedgerEntry.Kind.TRANSFER, f"transfer-{transfer.id}", net=amount, stripe_id=transfer.id)
    return settlement
