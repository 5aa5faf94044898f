"""Rebuild every search document; on a cluster, into a new index then an alias switch (no downtime)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search import indexing
from search.query import EngineUnavailable


class Command(BaseCommand):
    help = "Rebuilds the search documents (database table, and the Elasticsearch/OpenSearch index when configured)."

    def handle(self, *args, **options):
        self.last_line = 0.0
        self.stdout.write(f"Search engine: {settings.SEARCH_ENGINE}")
        try:
            report = indexing.rebuild(progress=self.progress)
        except EngineUnavailable as failure:
            raise CommandError(f"The search cluster did not answer ({failure}); the database documents are rebuilt.") from failure
        self.stdout.write(self.style.SUCCESS(
            f"Indexed {report.shops} shops and {report.products} products in {report.seconds:.1f} s "
            f"({report.products_per_second:,.0f} products/s); {report.removed} stale documents removed"
            + (f"; {report.cluster_documents} documents in the cluster." if report.cluster_documents is not None else ".")
        ))

    def progress(self, stage: str, done: int, total: int) -> None:
        # At most a line a second, and always the last one of a stage.
        now = time.monotonic()
        if done < total and now - self.last_line < 1:
            return
        self.last_line = now
        percent = 100 * done / total if total else 100
        self.stdout.write(f"  {stage}: {done:,}/{total:,} ({percent:.0f} %)")
