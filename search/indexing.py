"""Keeping the search documents fresh: refresh some objects, or rebuild everything.

The SearchEntry table is always written (it is the database engine's index and the fallback); when
the configured engine is a cluster, the same documents are copied to it. Writers call
``schedule_products``/``schedule_shops``: the refresh runs in a Celery task after the transaction
commits, so a rolled-back change is never indexed and the request does not wait.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, connections, transaction
from django.utils import timezone
from oscar.core.loading import get_model

from . import documents
from .engines import configured_engine
from .models import SearchEntry
from .query import DocumentKind, EngineUnavailable

logger = logging.getLogger(__name__)
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

CHUNK_SIZE = 1000
UPDATED_FIELDS = [
    field.name for field in SearchEntry._meta.concrete_fields if field.name not in ("id", "kind", "object_id")
]


def _write(entries: list[SearchEntry], hidden_keys: list[tuple[str, int]]) -> None:
    """Upsert ``entries`` and delete the documents of ``hidden_keys``, in the table then the cluster."""
    with transaction.atomic():
        for kind in {kind for kind, _object_id in hidden_keys}:
            SearchEntry.objects.filter(kind=kind, object_id__in=[object_id for key_kind, object_id in hidden_keys if key_kind == kind]).delete()
        _write_table(entries)
    engine = configured_engine()
    if entries:
        engine.index(entries)
    if hidden_keys:
        engine.remove(hidden_keys)


def refresh_products(product_ids: Iterable[int]) -> None:
    for chunk in documents.chunks(sorted(set(product_ids)), CHUNK_SIZE):
        entries, hidden = documents.product_entries(chunk)
        _write(entries, [(DocumentKind.PRODUCT, object_id) for object_id in hidden])


def refresh_shops(shop_ids: Iterable[int], with_products: bool = True) -> None:
    """Refresh shops' documents and, since products carry their shop's facts, their products'."""
    shop_ids = sorted(set(shop_ids))
    entries, hidden = documents.shop_entries(shop_ids)
    _write(entries, [(DocumentKind.SHOP, object_id) for object_id in hidden])
    if with_products:
        refresh_products(StockRecord.objects.filter(partner_id__in=shop_ids).values_list("product_id", flat=True))


class _Pending(threading.local):
    """Ids changed in the current thread's transaction, refreshed together once it commits.

    Every change registers a flush; the first flush after the commit takes everything and the others
    find nothing. Ids left by a rolled-back transaction are refreshed with the next commit: a refresh
    reads the current state, so an extra one is harmless.
    """

    def __init__(self):
        self.products: set[int] = set()
        self.shops: set[int] = set()
        self.paused = 0


_pending = _Pending()


def _flush() -> None:
    from marketplace.outbox import enqueue

    from .tasks import refresh_products_task, refresh_shops_task

    shops, products = sorted(_pending.shops), sorted(_pending.products)
    _pending.shops.clear()
    _pending.products.clear()
    if shops:
        enqueue(refresh_shops_task, shops)
    if products:
        enqueue(refresh_products_task, products)


def schedule_products(product_ids: Iterable[int]) -> None:
    if _pending.paused:
        return
    _pending.products.update(int(product_id) for product_id in product_ids)
    transaction.on_commit(_flush, robust=True)


def schedule_shops(shop_ids: Iterable[int]) -> None:
    if _pending.paused:
        return
    _pending.shops.update(int(shop_id) for shop_id in shop_ids)
    transaction.on_commit(_flush, robust=True)


@contextmanager
def paused():
    """For bulk writers (demo seeding, benchmarks) that rebuild the index once at the end."""
    _pending.paused += 1
    try:
        yield
    finally:
        _pending.paused -= 1


@dataclass
class RebuildReport:
    shops: int = 0
    products: int = 0
    removed: int = 0
    seconds: float = 0.0
    cluster_documents: int | None = None

    @property
    def products_per_second(self) -> float:
        return self.products / self.seconds if self.seconds else 0.0


def rebuild(progress: Callable[[str, int, int], None] = lambda stage, done, total: None) -> RebuildReport:
    """Rebuild every document without emptying the table first: searches keep answering meanwhile,
    and rows not rewritten by this run (things no longer searchable) are deleted at the end."""
    report, started = RebuildReport(), time.monotonic()
    run_started = timezone.now()
    engine = configured_engine()
    shop_ids = sorted(documents.Shop.objects.values_list("pk", flat=True))
    facts_by_shop = documents.shop_facts(shop_ids)
    shop_rows = [documents.shop_entry(facts) for facts in facts_by_shop.values() if facts.searchable]
    _write_table(shop_rows)
    report.shops = len(shop_rows)
    progress("shops", len(shop_ids), len(shop_ids))
    # One document per standalone product and per parent (its variants' facts inside): search/documents.py.
    product_ids = sorted(Product.objects.exclude(structure=Product.CHILD).values_list("pk", flat=True))
    with _TableWriter() as writer:
        for done, chunk in enumerate(documents.chunks(product_ids, CHUNK_SIZE)):
            entries, _hidden = documents.product_entries(chunk, facts_by_shop)
            writer.write(entries)
            report.products += len(entries)
            progress("products", min((done + 1) * CHUNK_SIZE, len(product_ids)), len(product_ids))
    report.removed, _by_kind = SearchEntry.objects.filter(indexed_at__lt=run_started).delete()
    if connection.vendor == "postgresql":
        # Every row was rewritten: reclaim the old versions (they double the index scans) and give
        # the planner fresh statistics. VACUUM cannot run inside a transaction; ANALYZE can.
        with connection.cursor() as cursor:
            cursor.execute(f"{'ANALYZE' if connection.in_atomic_block else 'VACUUM ANALYZE'} {SearchEntry._meta.db_table}")
    if engine.name != "database":
        copy_started = timezone.now()
        total = SearchEntry.objects.count()
        copied: set[tuple[str, int]] = set()

        def rows():
            for entry in SearchEntry.objects.order_by("pk").iterator(chunk_size=CHUNK_SIZE):
                copied.add((entry.kind, entry.object_id))
                yield entry

        report.cluster_documents = engine.rebuild(rows(), total, lambda done: progress("cluster", done, total))
        # Refreshes made while the copy ran wrote to the old index: replay them into the new one,
        # changes and deletions (a shop suspended meanwhile must not stay findable).
        changed = list(SearchEntry.objects.filter(indexed_at__gte=copy_started))
        if changed:
            engine.index(changed)
        deleted = copied - set(SearchEntry.objects.values_list("kind", "object_id"))
        if deleted:
            engine.remove(sorted(deleted))
    report.seconds = time.monotonic() - started
    return report


class _TableWriter:
    """Writes chunks of documents; on PostgreSQL in a second thread (its own connection), so that
    the database computes one chunk's text vectors and indexes while Python builds the next."""

    def __init__(self):
        # Inside a transaction (a test, a caller's atomic block) the second connection would wait
        # for rows this one has not committed: write inline then.
        self.threaded = connection.vendor == "postgresql" and not connection.in_atomic_block
        self.pending = None

    def __enter__(self):
        self.executor = ThreadPoolExecutor(max_workers=1) if self.threaded else None
        return self

    def write(self, entries: list[SearchEntry]) -> None:
        if not self.threaded:
            _write_table(entries)
            return
        self._wait()
        self.pending = self.executor.submit(self._write_in_thread, entries)

    @staticmethod
    def _write_in_thread(entries: list[SearchEntry]) -> None:
        try:
            _write_table(entries)
        finally:
            connections.close_all()

    def _wait(self) -> None:
        if self.pending is not None:
            self.pending.result()  # a failed write fails the rebuild
            self.pending = None

    def __exit__(self, *exc_info):
        try:
            self._wait()
        finally:
            if self.executor is not None:
                self.executor.shutdown()


def _write_table(entries: list[SearchEntry]) -> None:
    now = timezone.now()
    for entry in entries:
        entry.indexed_at = now
    SearchEntry.objects.bulk_create(entries, update_conflicts=True, unique_fields=["kind", "object_id"], update_fields=UPDATED_FIELDS)


def mirror_failed(error: EngineUnavailable) -> None:
    logger.warning("Search cluster not updated (%s): the task retries; the database engine has the change.", error)
