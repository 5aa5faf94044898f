from celery import shared_task

from . import indexing
from .query import EngineUnavailable


@shared_task(autoretry_for=(EngineUnavailable, OSError), retry_backoff=5, retry_backoff_max=300, max_retries=10, acks_late=True)
def refresh_products_task(product_ids: list[int]) -> None:
    indexing.refresh_products(product_ids)


@shared_task(autoretry_for=(EngineUnavailable, OSError), retry_backoff=5, retry_backoff_max=300, max_retries=10, acks_late=True)
def refresh_shops_task(shop_ids: list[int]) -> None:
    indexing.refresh_shops(shop_ids)
