"""Lighthouse figures for the public pages (``make lighthouse``): figures for the README, never a test.

Seeds a small demo (a few shops) into the database of the environment — ``make lighthouse`` gives it
a throwaway SQLite file, DEBUG=0, its own STATIC_ROOT and MEDIA_ROOT, tasks run in-process — collects
the static files, serves the site as in production (gunicorn + whitenoise) and runs Lighthouse
(npm's, mobile preset, Debian's Chromium) on home, search results, the map view, a storefront, a
product page, the basket with products from three shops and the checkout (those two with a signed-in
customer's session cookie). Prints a table; the JSON reports stay in var/lighthouse/. The server is
always stopped.

    DATABASE_URL=sqlite:////tmp/x/db.sqlite3 DEBUG=0 SECRET_KEY=… STATIC_ROOT=… MEDIA_ROOT=… \\
      manage.py measure_pages [--shops 6 --products-per-shop 4]
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from oscar.core.loading import get_model

from marketplace.bench import fixtures, lighthouse, servers
from marketplace.demo.seeding import PACA_DEPARTMENTS, seed_demo
from geography.models import Commune
from shops.models import Shop

Product = get_model("catalogue", "Product")
REPORTS_DIR = Path(settings.BASE_DIR) / "var" / "lighthouse"


class Command(BaseCommand):
    help = "Serves a small demo as in production and prints Lighthouse's figures for the public pages."

    def add_arguments(self, parser):
        parser.add_argument("--shops", type=int, default=6)
        parser.add_argument("--products-per-shop", type=int, default=4)
        parser.add_argument("--chrome", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--only", default="", help="comma-separated page names (home, search, map, storefront, product, basket, checkout)")

    def say(self, message: str) -> None:
        self.stdout.write(message)
        self.stdout.flush()

    def handle(self, *args, **options):
        root = Path(settings.BASE_DIR)
        if settings.DEBUG:
            raise CommandError("Lighthouse measures the site as in production: run it with DEBUG=0 (make lighthouse does).")
        if not lighthouse.lighthouse_script(root).is_file():
            raise CommandError("No node_modules/lighthouse: run `npm ci` at the repository root (make install-dev does).")
        if not shutil.which("node"):
            raise CommandError("Lighthouse needs Node.js (node) on the PATH.")
        if not shutil.which(options["chrome"]):
            raise CommandError(f"No Chromium at {options['chrome']} (apt-get install chromium, or --chrome PATH).")

        self.say("Preparing the demo database…")
        call_command("migrate", "--noinput", verbosity=0)
        if not Commune.objects.filter(department_code__in=PACA_DEPARTMENTS).exists():
            call_command("import_communes", stdout=self.stdout)
        seed_demo(options["shops"], options["products_per_shop"], progress=lambda message: None)
        call_command("collectstatic", "--noinput", verbosity=0)
        pages, customer_cookie = self.pages()
        if options["only"]:
            wanted = {name.strip() for name in options["only"].split(",")}
            pages = [page for page in pages if page[0] in wanted]
            if not pages:
                raise CommandError(f"--only names none of the pages: {options['only']}")

        REPORTS_DIR.mkdir(parents=True, exist_ok=True)
        server = servers.start_gunicorn("Échoppe", "marketplace.wsgi:application", self.site_env(), root,
                                        REPORTS_DIR / "gunicorn.log", workers=options["workers"], threads=2)
        results: list[lighthouse.PageFigures] = []
        try:
            servers.wait_until_ready(server)
            self.say(f"Échoppe served by gunicorn on {server.base_url}; Lighthouse {len(pages)} pages (about 30 s each)…")
            for name, path, signed_in in pages:
                # As behind the production proxy (TLS ended there): no redirection to https.
                headers = {"X-Forwarded-Proto": "https"}
                if signed_in:
                    headers["Cookie"] = customer_cookie
                output = REPORTS_DIR / f"{name.replace(' ', '-')}.json"
                for attempt in (1, 2):  # Lighthouse sometimes loses its trace (NO_NAVSTART): once more
                    try:
                        report = lighthouse.run(root, server.base_url + path, output, headers, options["chrome"])
                        figures = lighthouse.figures(name, path, report)
                    except Exception as error:  # one page's failure is reported, the others measured
                        figures = lighthouse.PageFigures(name=name, path=path, error=str(error))
                    if not figures.error:
                        break
                results.append(figures)
                self.say(f"  {name}: done")
        finally:
            server.stop()

        self.say("\nLighthouse 12 (mobile preset, simulated throttling), served by gunicorn + whitenoise, DEBUG=0:\n")
        self.say(lighthouse.table(results))
        for page in results:
            if page.error:
                self.say(f"\n{page.name} ({page.path}): {page.error}")
            if page.failed_audits:
                self.say(f"\n{page.name} ({page.path}) lost points on:\n" + "\n".join(f"  {audit}" for audit in page.failed_audits))
        self.say(f"\nReports: {REPORTS_DIR}/*.json")

    def pages(self) -> tuple[list[tuple[str, str, bool]], str]:
        """The pages to measure, and the session cookie of a customer whose basket holds a product
        of each of three shops."""
        data = fixtures.collect()
        fixtures.prepare_customers(data, 1)
        customer_cookie = "; ".join(f"{name}={value}" for name, value in data.customer_cookies[0].items())
        shop = Shop.objects.get(slug=data.shop_slugs[0])
        product = (Product.objects.filter(stockrecords__partner=shop.partner, is_public=True)
                   .order_by("pk").first())
        if product is None:
            raise CommandError("The demo's first shop has no product: seed with --products-per-shop 1 or more.")
        search = "/search/?" + urlencode({"q": product.title.split()[0].lower(), "place": shop.postcode})
        return [
            ("home", "/", False),
            ("search", search, False),
            ("map", search + "&view=map", False),
            ("storefront", shop.get_absolute_url(), False),
            ("product", product.get_absolute_url(), False),
            ("basket", "/basket/", True),
            ("checkout", "/checkout/", True),
        ], customer_cookie

    @staticmethod
    def site_env() -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="marketplace.settings",
            DEBUG="0",
            SECRET_KEY=settings.SECRET_KEY,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            STATIC_ROOT=str(settings.STATIC_ROOT),
            MEDIA_ROOT=str(settings.MEDIA_ROOT),
            LOG_LEVEL="WARNING",
        )
        return env
