from celery import shared_task

from . import renditions


@shared_task(autoretry_for=(OSError,), retry_backoff=10, max_retries=5)
def make_renditions(source: str) -> int:
    return renditions.make_renditions(source)


@shared_task(acks_late=True)
def run_product_import(import_id: int) -> None:
    from .csv_import import run_import

    run_import(import_id)
