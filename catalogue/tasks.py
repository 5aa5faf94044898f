from celery import shared_task

from . import renditions


@shared_task(autoretry_for=(OSError,), retry_backoff=10, max_retries=5)
def make_renditions(source: str) -> int:
    return renditions.make_renditions(source)
