"""Stripe's webhook events: verified, stored once by id, then processed once by a Celery task.

Processing never trusts the event's copy of an object: it re-reads the object from Stripe, so late,
repeated or out-of-order deliveries all end in Stripe's current state.
"""

from __future__ import annotations

import datetime
import logging

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .card import sync_intent
from .connect import sync_account
from .gateway import PaymentUnavailable
from .models import StripeEvent

logger = logging.getLogger(__name__)


def store(event: dict) -> tuple[StripeEvent, bool]:
    """Keep a verified event; (event, False) when this id was already received."""
    data_object = (event.get("data") or {}).get("object") or {}
    try:
        with transaction.atomic():
            return StripeEvent.objects.create(
                event_id=event["id"], type=event.get("type", ""), object_id=str(data_object.get("id", ""))[:100], payload=event
            ), True
    except IntegrityError:
        return StripeEvent.objects.get(event_id=event["id"]), False


def _sync_intent(event: StripeEvent) -> None:
    from vouchers import purchase as voucher_purchase  # a gift voucher's payment, on the platform account

    if voucher_purchase.is_voucher_intent(event.object_id, event.payload):
        voucher_purchase.sync_intent(event.object_id)
        return
    sync_intent(event.object_id)


def _sync_account(event: StripeEvent) -> None:
    sync_account(event.object_id)


HANDLERS = {
    "payment_intent.succeeded": _sync_intent,
    "payment_intent.payment_failed": _sync_intent,
    "payment_intent.canceled": _sync_intent,
    "payment_intent.processing": _sync_intent,
    "payment_intent.requires_action": _sync_intent,
    "account.updated": _sync_account,
}


def process(event_pk: int) -> bool:
    """Act on a stored event once. True if it was processed now; Stripe failures propagate (retried)."""
    try:
        with transaction.atomic():
            event = StripeEvent.objects.select_for_update().get(pk=event_pk)
            if event.processed_at is not None:
                return False
            handler = HANDLERS.get(event.type)
            if handler is not None:
                handler(event)
            # Types we do not act on (refunds and transfers are recorded when we make them) are
            # still marked, so that they are not looked at again.
            StripeEvent.objects.filter(pk=event.pk).update(processed_at=timezone.now(), attempts=F("attempts") + 1, last_error="")
            return True
    except PaymentUnavailable as failure:
        StripeEvent.objects.filter(pk=event_pk).update(attempts=F("attempts") + 1, last_error=str(failure))
        logger.warning("Stripe event %s not processed yet: %s", event_pk, failure)
        raise


def stalled_event_ids(now=None, older_than_minutes: int = 5) -> list[int]:
    now = now or timezone.now()
    return list(
        StripeEvent.objects.filter(processed_at__isnull=True, received_at__lte=now - datetime.timedelta(minutes=older_than_minutes))
        .values_list("pk", flat=True)[:500]
    )
