"""The site benchmark (``make bench``): figures for a report, never a test.

Seeds the demo at scale on PostgreSQL (or reuses a database already seeded with the same counts),
serves the site with gunicorn (DEBUG off) and loads it with virtual users at several concurrencies:
home, storefront, product page, search, add to basket, checkout page. Counts SQL queries per page
in-process for 24 and 48 listed items. Builds a stock django-oscar project on the same products
and measures its product list and product page right after ours, for Échoppe / stock ratios.
Writes var/bench/report.md with the machine description and prints it. Servers are always stopped.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/echoppe_bench_site DEBUG=0 SECRET_KEY=… \\
      manage.py bench_site [--shops 1000 --products-per-shop 100 --duration 20 --levels 1,10,50]
"""

from __future__ import annotations

import datetime
import os
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Sum
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.bench import fixtures, load, queries, report, servers
from marketplace.bench.stock_oscar import STOCK_DATABASE, StockOscar
from marketplace.bench.weight import page_weight
from marketplace.demo.seeding import PACA_DEPARTMENTS, seed_demo
from geography.models import Commune

Line = get_model("basket", "Line")
BENCH_DIR = Path(settings.BASE_DIR) / "var" / "bench"


def _levels(text: str) -> list[int]:
    try:
        levels = [int(part) for part in text.split(",") if part.strip()]
    except ValueError as error:
        raise CommandError(f"--levels is a comma-separated list of user counts, not {text!r}") from error
    if not levels or min(levels) < 1:
        raise CommandError("--levels needs at least one positive user count")
    return levels


class Command(BaseCommand):
    help = "Load-tests the site under gunicorn, counts SQL queries, compares with stock Oscar; writes var/bench/report.md."

    def add_arguments(self, parser):
        parser.add_argument("--shops", type=int, default=1000)
        parser.add_argument("--products-per-shop", type=int, default=100)
        parser.add_argument("--duration", type=float, default=20, help="measured seconds per page and level (default 20)")
        parser.add_argument("--warmup", type=float, default=3, help="unrecorded seconds before each measure (default 3)")
        parser.add_argument("--levels", default="1,10,50", help="concurrent users, comma-separated (default 1,10,50)")
        parser.add_argument("--think-time", type=float, default=0,
                            help="mean seconds a user waits between requests (default 0: a closed loop that saturates the server)")
        parser.add_argument("--browsing-think-time", type=float, default=3,
                            help="after the closed loop, the product list again at the top level with this mean think time "
                                 "(default 3 s; 0 skips it)")
        parser.add_argument("--workers", type=int, default=servers.DEFAULT_WORKERS, help="gunicorn workers (default 3)")
        parser.add_argument("--threads", type=int, default=servers.DEFAULT_THREADS, help="threads per worker (default 2)")
        parser.add_argument("--skip-stock", action="store_true", help="do not build and measure stock Oscar")
        parser.add_argument("--stock-database", default=STOCK_DATABASE, help=f"stock Oscar's database (default {STOCK_DATABASE})")
        parser.add_argument("--rebuild-stock", action="store_true", help="recreate the stock database even if complete")
        parser.add_argument("--drop-stock-database", action="store_true", help="drop the stock database at the end")
        parser.add_argument("--report", default=str(BENCH_DIR / "report.md"))

    def say(self, message: str) -> None:
        self.stdout.write(message)
        self.stdout.flush()

    def handle(self, *args, **options):
        levels = _levels(options["levels"])
        if settings.DEBUG:
            raise CommandError("Run the bench with DEBUG=0 (and a SECRET_KEY), as `make bench` does: it measures the production setup.")
        if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
            raise CommandError("The site benchmark runs on PostgreSQL: set DATABASE_URL=postgres://… (see `make bench`).")
        if options["shops"] < 3 or options["products_per_shop"] < 2:
            raise CommandError("The bench needs at least 3 shops and 2 products per shop.")
        started = time.monotonic()
        self.prepare_database(options["shops"], options["products_per_shop"])
        self.say("Refreshing the planner's statistics (ANALYZE)…")
        self.autovacuum = fixtures.analyze()
        self.say("Collecting static files…")
        call_command("collectstatic", "--noinput", verbosity=0)

        # The cached product grids are keyed by catalogue versions, which a reseeded database restarts.
        cache.clear()
        data = fixtures.collect()
        fixtures.prepare_customers(data, max(levels))
        shops, products = fixtures.seeded_counts()
        bench = report.BenchReport(machine=report.machine_description(fixtures.postgresql_version()),
                                   think_time=options["think_time"])
        bench.setup = self.setup_lines(options, levels, shops, products, data)

        self.say("Counting SQL queries per page…")
        problem = queries.check_basket_add(data)
        if problem:
            bench.notes.append(f"In-process check: {problem}.")
        bench.queries = queries.count_queries(data)
        for row in bench.queries:
            self.say(f"  {row.page:<24} {row.variant:<22} items {row.items if row.items is not None else '–':>3}  "
                     f"queries {row.queries:>3}  status {row.status}")

        running: list[servers.Server] = []
        stock: StockOscar | None = None
        try:
            ours = self.start_site(options, running)
            bench.weight = page_weight(ours.base_url, "/")
            self.say(f"Home page: {bench.weight.total_bytes / 1000:,.1f} kB transferred without pictures")
            self.measure_site(ours.base_url, data, levels, options, bench)
            self.measure_browsing(ours.base_url, data, max(levels), options, bench)
            if not options["skip_stock"]:
                stock = StockOscar(BENCH_DIR / "stock_oscar", settings.DATABASES["default"], settings.SECRET_KEY,
                                   Path(settings.MEDIA_ROOT), database=options["stock_database"])
                self.measure_stock(stock, ours, data, levels, options, bench, running)
        finally:
            for server in reversed(running):
                server.stop()
            if stock is not None and options["drop_stock_database"]:
                stock.drop_database()

        bench.notes += self.notes(options)
        bench.setup.append(f"Whole run: {(time.monotonic() - started) / 60:.1f} min")
        path = report.write_report(bench, Path(options["report"]))
        self.say("")
        self.say(report.render(bench))
        self.say(f"Report written to {path}")

    # --- Data -------------------------------------------------------------------------------------

    def prepare_database(self, shop_count: int, per_shop: int) -> None:
        if fixtures.ensure_database():
            self.say(f"Created the database {settings.DATABASES['default']['NAME']}.")
        self.say("Migrating…")
        call_command("migrate", "--noinput", verbosity=0)
        if not Commune.objects.filter(department_code__in=PACA_DEPARTMENTS).exists():
            self.say("Importing the communes…")
            call_command("import_communes", stdout=self.stdout)
        shops, products = fixtures.seeded_counts()
        wanted = shop_count * per_shop
        if (shops, products) == (shop_count, wanted):
            self.say(f"Reusing the seeded database: {shops} shops, {products} products.")
            return
        if shops > shop_count or products > wanted:
            raise CommandError(
                f"The database holds {shops} demo shops and {products} products, more than asked "
                f"({shop_count} × {per_shop}): use another database (DATABASE_URL) or drop this one."
            )
        self.say(f"Seeding {shop_count} shops × {per_shop} products…")
        begun = time.monotonic()
        seed_demo(shop_count, per_shop, progress=lambda message: self.say(f"  {message}"))
        self.say(f"  seeded in {time.monotonic() - begun:.0f} s")

    # --- Échoppe ----------------------------------------------------------------------------------

    def site_env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="marketplace.settings",
            DATABASE_URL=fixtures.database_url(),
            DEBUG="0",
            SECRET_KEY=settings.SECRET_KEY,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            STATIC_ROOT=str(settings.STATIC_ROOT),
            MEDIA_ROOT=str(settings.MEDIA_ROOT),
            LOG_LEVEL="WARNING",
        )
        return env

    def start_site(self, options, running: list) -> servers.Server:
        self.say("Starting Échoppe under gunicorn…")
        server = servers.start_gunicorn("Échoppe", "marketplace.wsgi:application", self.site_env(), Path(settings.BASE_DIR),
                                        BENCH_DIR / "gunicorn-echoppe.log", workers=options["workers"], threads=options["threads"])
        running.append(server)
        servers.wait_until_ready(server)
        self.say(f"  listening on {server.base_url}")
        return server

    def scenarios(self, data: fixtures.BenchData) -> list[load.Scenario]:
        return [
            load.GetPages(report.HOME, ["/"]),
            load.GetPages(report.STOREFRONT, data.shop_paths),
            load.GetPages(report.STOREFRONT_RENDERED, self.uncached(data.shop_paths)),
            load.GetPages(report.PRODUCT, data.product_paths),
            load.GetPages(report.SEARCH, data.search_paths),
            load.AddToBasket(report.BASKET_ADD, data.basket_products),
            load.GetPages(report.CHECKOUT, ["/checkout/"], cookies=data.customer_cookies),
        ]

    @staticmethod
    def uncached(shop_paths: list[str]) -> list[str]:
        # An address parameter the cached grid does not carry: every visit renders the grid, as the
        # first visit after the artisan changed the catalogue does.
        return [f"{path}?utm_source=bench" for path in shop_paths]

    def run_level(self, base_url: str, scenario: load.Scenario, users: int, options, site: str = "echoppe",
                  pacing: tuple[float, float, float] | None = None, label: str = "") -> load.LevelResult:
        """``pacing`` (duration, warm-up, think time) overrides the command's options."""
        duration, warmup, think_time = pacing or (options["duration"], options["warmup"], options["think_time"])
        result = load.run(base_url, scenario, users, duration, warmup, site=site, think_time=think_time)
        label = label or (scenario.name if site == "echoppe" else f"{scenario.name} [stock]")
        self.say(f"  {label:<36} {users:>3} users  p50 {result.p50:7.1f}  p95 {result.p95:7.1f}  p99 {result.p99:7.1f} ms  "
                 f"{result.rps:7.1f} req/s  {result.requests:>6} ok  {result.errors:>4} errors")
        return result

    def measure_site(self, base_url: str, data, levels: list[int], options, bench: report.BenchReport) -> None:
        self.say(f"Loading Échoppe ({options['warmup']:g} s warm-up + {options['duration']:g} s per page and level)…")
        for scenario in self.scenarios(data):
            since = timezone.now()
            for users in levels:
                bench.load.append(self.run_level(base_url, scenario, users, options))
            if isinstance(scenario, load.AddToBasket):
                added = Line.objects.filter(basket__date_created__gte=since).aggregate(total=Sum("quantity"))["total"] or 0
                bench.notes.append(
                    f"Add to basket: Oscar redirects (302) whether or not the product was added; the baskets the run "
                    f"opened hold {added:,} items for {scenario.redirects:,} redirects (warm-ups included)."
                )

    def measure_browsing(self, base_url: str, data, users: int, options, bench: report.BenchReport) -> None:
        think_time = options["browsing_think_time"]
        if think_time <= 0 or options["think_time"]:
            return
        # Long enough for a few hundred requests at this pace, after everyone has clicked once.
        duration, warmup = max(options["duration"], 30.0), max(options["warmup"], 2 * think_time)
        self.say(f"Product list at {users} users browsing ({think_time:g} s think time on average, "
                 f"{warmup:g} s warm-up + {duration:g} s)…")
        result = self.run_level(base_url, load.GetPages(report.STOREFRONT, data.shop_paths), users, options,
                                pacing=(duration, warmup, think_time), label=f"{report.STOREFRONT} [browsing]")
        bench.browsing, bench.browsing_think_time = result, think_time

    # --- Stock Oscar ------------------------------------------------------------------------------

    def measure_stock(self, stock: StockOscar, ours: servers.Server, data, levels: list[int], options,
                      bench: report.BenchReport, running: list) -> None:
        self.say("Building stock django-oscar on the same products…")
        begun = time.monotonic()
        total_products = get_model("catalogue", "Product").objects.count()
        built = stock.build(fixtures.database_url(), total_products, rebuild=options["rebuild_stock"], progress=self.say)
        self.say(f"  ready in {time.monotonic() - begun:.0f} s: {built}")
        range_paths = [f"/catalogue/ranges/{code}/" for code in data.shop_codes]
        bench.stock_queries = [report.QueryCount(**row) for row in stock.count_queries(range_paths[:2], data.product_paths[:2])]
        for row in bench.stock_queries:
            self.say(f"  [stock] {row.page:<36} {row.variant:<12} items {row.items if row.items is not None else '–':>3}  "
                     f"queries {row.queries:>3}  status {row.status}")
        self.say("Making stock Oscar's thumbnails for the pages the load visits…")
        begun = time.monotonic()
        warmed = stock.warm(range_paths, data.product_paths)
        self.say(f"  {warmed['range_pages']} range pages and {warmed['product_pages']} product pages rendered in {time.monotonic() - begun:.0f} s")
        self.say("Starting stock Oscar under gunicorn…")
        server = stock.start(BENCH_DIR / "gunicorn-stock-oscar.log", options["workers"], options["threads"])
        running.append(server)
        servers.wait_until_ready(server, range_paths[0])
        self.say(f"  listening on {server.base_url}")
        pairs = [
            ("Product list (storefront / range page)", load.GetPages("Product list", data.shop_paths),
             load.GetPages("Product list", range_paths)),
            ("Product list, grid rendered (storefront / range page)", load.GetPages("Product list, grid rendered", self.uncached(data.shop_paths)),
             load.GetPages("Product list, grid rendered", range_paths)),
            (report.PRODUCT, load.GetPages(report.PRODUCT, data.product_paths), load.GetPages(report.PRODUCT, data.product_paths)),
        ]
        self.say("Side by side, Échoppe then stock Oscar for each page and level…")
        for users in levels:
            for page, our_scenario, stock_scenario in pairs:
                ours_result = self.run_level(ours.base_url, our_scenario, users, options)
                stock_result = self.run_level(server.base_url, stock_scenario, users, options, site="stock")
                ours_result.page = stock_result.page = page
                bench.comparisons.append(report.Comparison(page, users, ours_result, stock_result))

    # --- The report -------------------------------------------------------------------------------

    def setup_lines(self, options, levels, shops, products, data) -> list[str]:
        db = settings.DATABASES["default"]
        cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
        if options["think_time"]:
            pacing = f"with {options['think_time']:g} s of think time on average"
        else:
            pacing = "without think time (a closed loop: from a few users on the server is saturated, and latency is mostly queueing)"
        return [
            f"Data: {shops:,} demo shops, {products:,} demo products (asked {options['shops']:,} × {options['products_per_shop']:,}); "
            f"database {db['NAME']} on {db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}",
            f"Server: gunicorn, {options['workers']} workers × {options['threads']} threads (gthread), bound to 127.0.0.1, "
            f"no access log; DEBUG off; persistent database connections (CONN_MAX_AGE {db.get('CONN_MAX_AGE')}); cache {cache}",
            f"Load: {', '.join(map(str, levels))} concurrent virtual users, each looping {pacing}; per page and level "
            f"{options['warmup']:g} s warm-up then {options['duration']:g} s measured; the load tool (aiohttp, one process) shares the machine",
            f"Visited: home; {len(data.shop_paths)} storefronts (24 products a page); {len(data.product_paths)} product pages; "
            f"{len(data.search_paths)} one-word searches; add to basket over {len(data.basket_products)} products in stock "
            f"(anonymous, a new basket every 10 adds); the checkout page (GET) of {len(data.customer_cookies)} logged-in customers "
            f"with 3 lines from 3 shops",
            "Requests carry `X-Forwarded-Proto: https`, as from the production proxy (secure cookies, no redirect to https)",
            f"Command: `manage.py bench_site --shops {options['shops']} --products-per-shop {options['products_per_shop']} "
            f"--duration {options['duration']:g} --warmup {options['warmup']:g} --levels {','.join(map(str, levels))} "
            f"--think-time {options['think_time']:g} --browsing-think-time {options['browsing_think_time']:g} --workers {options['workers']} --threads {options['threads']}"
            f"{' --skip-stock' if options['skip_stock'] else ''}`",
        ]

    def notes(self, options) -> list[str]:
        notes = [
            f"PostgreSQL autovacuum is {self.autovacuum} on this server; the bench runs ANALYZE before measuring (right "
            "after a bulk seed, without statistics, the planner can pick plans that are slower by orders of magnitude).",
            "The storefront has no address parameter for its page size (shops/views.py `PRODUCTS_PER_PAGE = 24`): the 48-item "
            "count patches `StorefrontView.paginate_by` in-process. Search takes `per_page` (at most 50).",
            "The storefront's product grid is cached per shop catalogue version (shops/product_grid.py): the storefront "
            "rows are mostly served from the cache once each visited shop has been seen; the rows \"grid rendered\" add a "
            "tracking parameter the cache does not cover, so every visit renders the grid, as the first visit after the "
            "artisan changed the catalogue.",
            "Échoppe's own `/catalogue/` is Oscar's Haystack view and, with the simple engine, lists nothing; it is not measured.",
        ]
        if not options["skip_stock"]:
            notes += [
                "Stock Oscar: a project written from Oscar 4.2's documented settings (its apps, middlewares, auth backends, "
                "context processors, Haystack simple engine), same PostgreSQL server and connection settings, same gunicorn "
                "settings, 24 products a page. Copied with COPY from the bench database, keeping the primary keys: product "
                "classes, categories, partners, products (title, slug, description, UPC), stock records (price, stock), product "
                "categories and product images (the same files). Stock `/catalogue/` lists nothing with the simple engine "
                "(django-oscar issue #4366), so the stock product list is Oscar's offer-range page (database-backed, the stock "
                "product card): one range per shop with that shop's products in storefront order.",
                "Stock Oscar makes its thumbnails (sorl-thumbnail) at a picture's first view; they are made before its load "
                "(each visited range page and one product page per picture, in-process), as on a shop that has been running. "
                "Échoppe's picture sizes are made by a background task at upload, never during a request (the seeded "
                "data has none: its pages link the original pictures).",
                "Pictures are not served by either site (DEBUG off, no media server): pages reference them, the load does not fetch them.",
            ]
        return notes + [f"Generated {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC by `manage.py bench_site`."]
