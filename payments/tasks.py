from celery import shared_task

from marketplace import outbox

from . import card, events, payouts, reconciliation
from .gateway import PaymentUnavailable

RETRIED = {"autoretry_for": (PaymentUnavailable,), "retry_backoff": 30, "retry_backoff_max": 3600, "max_retries": 10}


@shared_task(**RETRIED)
def process_stripe_event(event_pk: int) -> bool:
    return events.process(event_pk)


@shared_task
def process_pending_events() -> int:
    """Queue again the events whose task was lost or failed for good."""
    stalled = events.stalled_event_ids()
    for event_pk in stalled:
        outbox.enqueue(process_stripe_event, event_pk)
    return len(stalled)


@shared_task(**RETRIED)
def refund_unwanted_payment(intent_id: str) -> None:
    card.refund_unwanted(intent_id)


@shared_task
def release_payout(order_id: int) -> None:
    # Failures are recorded on the settlement and retried by release_due_payouts.
    payouts.release(order_id)


@shared_task
def release_due_payouts() -> int:
    order_ids = list(payouts.due_payouts().values_list("order_id", flat=True)[:500])
    for order_id in order_ids:
        payouts.release(order_id)
    return len(order_ids)


@shared_task
def expire_unpaid_checkouts() -> int:
    return reconciliation.expire_unpaid()


@shared_task
def reconcile_recent_payments(days: int = 3) -> dict:
    return reconciliation.reconcile(days=days).as_dict()
