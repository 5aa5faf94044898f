import time

from django.conf import settings

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from marketplace.demo.seeding import PACA_DEPARTMENTS, seed_demo
from geography.models import Commune


class Command(BaseCommand):
    help = (
        "Seed the demo marketplace for Provence-Alpes-Côte d'Azur: shops, artisans, products with "
        "pictures, a chamber account and a consumer account. Safe to run again: only what is "
        "missing is created."
    )

    def add_arguments(self, parser):
        parser.add_argument("--shops", type=int, default=66, help="number of shops (default 66)")
        parser.add_argument(
            "--products-per-shop", type=int, default=10, help="products in each shop (default 10)"
        )
        parser.add_argument(
            "--force", action="store_true", help="seed even with DEBUG off (a staging site, never production)"
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG is off: seed_demo creates staff accounts with a published password. "
                "Use --force only on a staging site."
            )
        if options["shops"] < 1 or options["products_per_shop"] < 0:
            raise CommandError("--shops must be at least 1 and --products-per-shop at least 0.")
        if not Commune.objects.filter(department_code__in=PACA_DEPARTMENTS).exists():
            self.stdout.write("No communes yet: importing them first.")
            call_command("import_communes", stdout=self.stdout)
        started = time.monotonic()
        report = seed_demo(options["shops"], options["products_per_shop"], progress=self.stdout.write)
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready in {elapsed:.1f} s: {report.shops_total} shops ({report.shops_created} new), "
                f"{report.products_total} products ({report.products_created} new), "
                f"{report.images_drawn} pictures drawn."
            )
        )
        self.stdout.write("\nDemo logins (e-mail / password):")
        for role, email, password in report.logins:
            self.stdout.write(f"  {role:<45} {email:<32} {password}")
