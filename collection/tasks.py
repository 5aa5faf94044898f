from celery import shared_task

from . import notices


@shared_task
def send_collection_notices() -> dict:
    """Every hour: reminders, drop-off lists and hosts' lists that are due (each sent once)."""
    return notices.send_due_notices()
