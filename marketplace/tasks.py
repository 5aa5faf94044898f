from celery import shared_task

from . import notifications, outbox


# The time limit stays well under notifications.CLAIM_TIMEOUT, so a claim never outlives its worker.
@shared_task(
    bind=True, autoretry_for=(Exception,), retry_backoff=30, retry_backoff_max=3600, max_retries=8,
    soft_time_limit=120, time_limit=180,
)
def send_outgoing_email(self, email_id: int) -> bool:
    return notifications.deliver(email_id)


@shared_task
def resend_stalled_emails() -> int:
    """Queue again the e-mails whose task was lost (a broker outage, a worker killed)."""
    stalled = notifications.stalled_email_ids()
    for email_id in stalled:
        outbox.enqueue(send_outgoing_email, email_id)
    return len(stalled)


@shared_task
def flush_task_outbox() -> int:
    """Publish the tasks kept while the broker was away (marketplace/outbox.py)."""
    published, _still_kept = outbox.flush()
    return published
