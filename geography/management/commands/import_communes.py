import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from geography.importer import GazetteerError, import_communes


class Command(BaseCommand):
    help = "Load (or refresh) the French communes and their postcodes. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--file", type=Path, default=settings.COMMUNES_DATA_FILE, help="the gzipped CSV gazetteer"
        )

    def handle(self, *args, **options):
        path = options["file"]
        if not path.exists():
            raise CommandError(f"No gazetteer at {path}")
        started = time.monotonic()
        try:
            report = import_communes(path)
        except GazetteerError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.communes_in_file} communes in the file, {report.communes_created} new; "
                f"postcode links: {report.postcode_links_created} added, {report.postcode_links_removed} removed "
                f"({time.monotonic() - started:.1f} s)."
            )
        )
