"""Search benchmark: seeds the demo at scale, then prints latency percentiles per query kind and
engine, and the full-reindex throughput. Figures, not a test: the machine is shared and noisy.

    manage.py bench_search --shops 1000 --products-per-shop 100 --queries 300
    (PostgreSQL: DATABASE_URL=postgres://… ; the cluster engine: --cluster-url or --osmem)
"""

from __future__ import annotations

import logging
import random
import statistics
import time
from contextlib import ExitStack

from django.core.management.base import BaseCommand
from django.db import connection
from django.test.utils import override_settings
from oscar.core.loading import get_model

from marketplace.demo.seeding import seed_demo
from geography.distance import GeoPoint
from search import indexing
from search.models import SearchEntry
from search.query import RADIUS_CHOICES_KM, Place, ResultType, SearchQuery, Sort
from search.service import run_search
from shops.models import Shop

Product = get_model("catalogue", "Product")
WORDS = ["miel", "pain", "fromage", "savon", "couteau", "bol", "chocolat", "saucisson", "bague", "confiture",
         "lavande", "tomme", "levain", "huile", "biere", "santon", "vase", "cuir", "nougat", "olive"]


class Command(BaseCommand):
    help = "Prints search latencies (p50/p95) per query kind and engine, and the full-reindex throughput."

    def add_arguments(self, parser):
        parser.add_argument("--shops", type=int, default=1000)
        parser.add_argument("--products-per-shop", type=int, default=100)
        parser.add_argument("--queries", type=int, default=300, help="queries per kind and engine")
        parser.add_argument("--cluster-url", default="", help="an Elasticsearch/OpenSearch cluster to measure too")
        parser.add_argument("--cluster-flavour", default="opensearch", choices=["elasticsearch", "opensearch"])
        parser.add_argument("--osmem", action="store_true", help="start an osmem-server (in memory) and measure it")
        parser.add_argument("--seed", type=int, default=20261121)

    def handle(self, *args, **options):
        # One log line per bulk request would drown the figures.
        for name in ("opensearch", "elastic_transport", "search"):
            logging.getLogger(name).setLevel(logging.WARNING)
        self.rng = random.Random(options["seed"])
        existing = Product.objects.count()
        wanted = options["shops"] * options["products_per_shop"]
        if existing < wanted:
            self.stdout.write(f"Seeding {options['shops']} shops × {options['products_per_shop']} products…")
            started = time.monotonic()
            seed_demo(options["shops"], options["products_per_shop"])
            self.stdout.write(f"  seeded in {time.monotonic() - started:.1f} s")
        self.stdout.write(f"Database: {connection.vendor}; {Shop.objects.count()} shops, {Product.objects.count()} products")

        with ExitStack() as stack:
            engines = [("database", {})]
            cluster_url = options["cluster_url"]
            if options["osmem"]:
                from osmem_server import OsmemServer

                cluster_url = stack.enter_context(OsmemServer.start()).url
            if cluster_url:
                engines.append(("elasticsearch", {"SEARCH_CLUSTER_URL": cluster_url, "SEARCH_CLUSTER_FLAVOUR": options["cluster_flavour"]}))
            for engine, overrides in engines:
                with override_settings(SEARCH_ENGINE=engine, **overrides):
                    self.reindex(engine)
                    self.measure(engine, options["queries"])

    def reindex(self, engine: str) -> None:
        report = indexing.rebuild()
        cluster = f", cluster {report.cluster_documents} documents" if report.cluster_documents is not None else ""
        self.stdout.write(
            f"[{engine}] full reindex: {report.products} products + {report.shops} shops in {report.seconds:.1f} s "
            f"= {report.products_per_second:,.0f} products/s{cluster}"
        )

    def places(self, count: int) -> list[Place]:
        points = list(SearchEntry.objects.filter(kind="shop").values_list("latitude", "longitude", "postcode")[:2000])
        chosen = [self.rng.choice(points) for _ in range(count)]
        # Around a shop, a few km off, as a visitor in a nearby village would be.
        return [Place(GeoPoint(lat + self.rng.uniform(-0.05, 0.05), lon + self.rng.uniform(-0.05, 0.05)), postcode, postcode=postcode)
                for lat, lon, postcode in chosen]

    def queries(self, count: int) -> dict[str, list[SearchQuery]]:
        places = self.places(count)
        word = lambda: self.rng.choice(WORDS)  # noqa: E731
        radius = lambda: self.rng.choice(RADIUS_CHOICES_KM)  # noqa: E731
        return {
            "text only": [SearchQuery(text=word()) for _ in range(count)],
            "text + radius": [SearchQuery(text=word(), place=places[i], radius_km=radius(), sort=Sort.DISTANCE) for i in range(count)],
            "radius + facets": [SearchQuery(place=places[i], radius_km=radius(), pickup=True, in_stock=True,
                                            price_max=self.rng.choice([10, 20, 50]), trades=(self.rng.choice(["boulangerie", "miellerie", "fromagerie"]),))
                                for i in range(count)],
            "browse near (shops)": [SearchQuery(place=places[i], radius_km=20, result_type=ResultType.SHOPS) for i in range(count)],
            "browse near (products)": [SearchQuery(place=places[i], radius_km=20) for i in range(count)],
        }

    def measure(self, engine: str, count: int) -> None:
        for kind, queries in self.queries(count).items():
            timings, results = [], 0
            for query in queries:
                started = time.perf_counter()
                answer = run_search(query)
                timings.append((time.perf_counter() - started) * 1000)
                results += answer.total
            timings.sort()
            p50 = statistics.median(timings)
            p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
            self.stdout.write(f"[{engine}] {kind:<24} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  max {timings[-1]:6.1f} ms  "
                              f"({len(queries)} queries, {results / len(queries):,.0f} results on average)")
