"""Repairing what webhooks missed: unpaid checkouts past their deadline are given up (their stock and
slots released), unfinished payments are re-read from Stripe (a customer whose browser died after
paying still gets their orders), payouts that are due or failed are made, refused reversals are
retried, and transfers are checked against the ledger."""

from __future__ import annotations

import datetime
import logging
from dataclasses import asdict, dataclass, field

from django.utils import timezone

from checkout.order.models import CheckoutGroup, CheckoutStatus

from . import card, gateway, payouts
from .gateway import PaymentUnavailable
from .models import OrderSettlement, PaymentAttempt, PayoutStatus
from .refunds import retry_outstanding_reversals

logger = logging.getLogger(__name__)


@dataclass
class Report:
    intents_checked: int = 0
    checkouts_confirmed: int = 0
    checkouts_abandoned: int = 0
    payouts_made: int = 0
    reversals_retried: int = 0
    transfers_checked: int = 0
    problems: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def expire_unpaid(now=None) -> int:
    """Give up the checkouts whose payment deadline passed. Returns how many were given up."""
    now = now or timezone.now()
    given_up = 0
    for group in CheckoutGroup.objects.filter(status=CheckoutStatus.AWAITING_PAYMENT, payment_deadline__lte=now):
        if card.abandon(group, now=now):
            given_up += 1
    return given_up


def _find_lost_intents(since: datetime.datetime, report: Report) -> None:
    """Attempts whose creation call failed in transit may still have a PaymentIntent at Stripe."""
    lost = {str(pk): pk for pk in PaymentAttempt.objects.filter(intent_id__isnull=True, status=PaymentAttempt.Status.STARTED, created_at__gte=since).values_list("pk", flat=True)}
    if not lost:
        return
    for intent in gateway.payment_intents_since(since.timestamp()):
        attempt_pk = lost.get(gateway.as_dict(intent).get("metadata", {}).get("attempt", ""))
        if attempt_pk is not None:
            PaymentAttempt.objects.filter(pk=attempt_pk, intent_id__isnull=True).update(intent_id=intent.id)
            card.settle_intent(intent)


def reconcile(days: int = 3, now=None) -> Report:
    now = now or timezone.now()
    since = now - datetime.timedelta(days=days)
    report = Report()
    try:
        _find_lost_intents(since, report)
    except PaymentUnavailable as failure:
        report.problems.append(f"listing PaymentIntents: {failure}")
    open_attempts = PaymentAttempt.objects.filter(
        created_at__gte=since, intent_id__isnull=False,
        status__in=(PaymentAttempt.Status.STARTED, PaymentAttempt.Status.REQUIRES_ACTION, PaymentAttempt.Status.PROCESSING),
    ).select_related("checkout")
    for attempt in open_attempts:
        was_awaiting = attempt.checkout.status == CheckoutStatus.AWAITING_PAYMENT
        try:
            card.sync_intent(attempt.intent_id)
        except PaymentUnavailable as failure:
            report.problems.append(f"{attempt.intent_id}: {failure}")
            continue
        report.intents_checked += 1
        attempt.checkout.refresh_from_db()
        if was_awaiting and attempt.checkout.status == CheckoutStatus.CONFIRMED:
            report.checkouts_confirmed += 1
    report.checkouts_abandoned = expire_unpaid(now)
    for order_id in list(payouts.due_payouts(now).values_list("order_id", flat=True)):
        settlement = payouts.release(order_id, now=now)
        if settlement is not None and settlement.payout_status == PayoutStatus.TRANSFERRED:
            report.payouts_made += 1
        elif settlement is not None and settlement.payout_status == PayoutStatus.FAILED:
            report.problems.append(f"payout of order {settlement.order.number}: {settlement.failure_message}")
    report.reversals_retried = retry_outstanding_reversals()
    _check_transfers(since, report)
    return report


def _check_transfers(since: datetime.datetime, report: Report) -> None:
    """Each recorded transfer exists at Stripe, to the right account, for what the ledger says is net of reversals."""
    settlements = OrderSettlement.objects.filter(updated_at__gte=since).exclude(transfer_id="").select_related("order")
    for settlement in settlements:
        try:
            transfer = gateway.as_dict(gateway.call("retrieve transfer", gateway.client().v1.transfers.retrieve, settlement.transfer_id))
        except PaymentUnavailable as failure:
            report.problems.append(f"transfer {settlement.transfer_id}: {failure}")
            continue
        report.transfers_checked += 1
        kept_at_stripe = transfer.get("amount", 0) - transfer.get("amount_reversed", 0)
        if transfer.get("destination") != settlement.destination_account or kept_at_stripe != gateway.to_cents(settlement.transferred):
            report.problems.append(
                f"order {settlement.order.number}: transfer {settlement.transfer_id} holds {kept_at_stripe} cents for "
                f"{transfer.get('destination')}, the ledger {gateway.to_cents(settlement.transferred)} for {settlement.destination_account}"
            )
