from celery import shared_task

from . import reminders


@shared_task
def send_artisan_reminders() -> int:
    """Every hour (Paris time): the daily reminders of the shops that chose this hour."""
    return reminders.send_reminders()
