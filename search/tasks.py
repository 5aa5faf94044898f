from celery import shared_task

from . import indexing
from .query import EngineUnavailable


@shared_task(autoretry_for=(EngineUnavailable, OSError), retry_backoff=5, retry_backoff_max=300, max_retries=10, acks_late=True)
def refresh_products_task(product_ids: list[int]) -> None:
    indexing.refresh_products(product_ids)


@shared_task(autoretry_for=(EngineUnavailable, OSError), retry_backoff=5, retry_backoff_max=300, max_retries=10, acks_late=True)
def refresh_shops_task(shop_ids: list[int]) -> None:
    indexing.refresh_shops(shop_ids)


@shared_task(acks_late=True)
def rebuild_index_task() -> dict:
    """Nightly upkeep: every document rebuilt (and on a cluster a fresh index behind the alias), so
    that anything a missed refresh left stale is put right."""
    report = indexing.rebuild()
    return {"shops": report.shops, "products": report.products, "removed": report.removed, "seconds": round(report.seconds, 1)}
