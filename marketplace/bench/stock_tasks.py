"""Runs inside the throwaway stock Oscar project (``DJANGO_SETTINGS_MODULE=stock_settings``), never
inside Échoppe: it imports nothing from the marketplace.

    python stock_tasks.py load SOURCE_DATABASE_URL   # copy the catalogue from the Échoppe bench database
    python stock_tasks.py queries < pages.json       # SQL queries per page, printed as JSON
    python stock_tasks.py warm < pages.json          # make the thumbnails of the pages the load visits

``load`` copies, with PostgreSQL's COPY (the fastest bulk insert), the tables stock Oscar shares
with Échoppe's forks, column by column as stock Oscar defines them: product classes, categories,
partners, products (title, slug, description, UPC…), stock records (price, stock), product
categories and product images (the same files, through a link to the bench's media). Primary keys
are kept, so a product has the same address on both sites. Then one public offer range per partner
lists that partner's products in the order of its Échoppe storefront (title, then id): Oscar's
range page is the stock product list the bench compares with the storefront.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

# Run by path: its folder (the bench package) must not shadow anything on the import path.
sys.path = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stock_settings")

import django  # noqa: E402

django.setup()

import psycopg  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment, teardown_test_environment  # noqa: E402

# Parents before children (foreign keys).
TABLES = (
    "catalogue_productclass",
    "catalogue_category",
    "partner_partner",
    "catalogue_product",
    "partner_stockrecord",
    "catalogue_productcategory",
    "catalogue_productimage",
)


def target_dsn() -> str:
    db = settings.DATABASES["default"]
    parts = {"host": db.get("HOST"), "port": db.get("PORT"), "user": db.get("USER"), "password": db.get("PASSWORD"), "dbname": db["NAME"]}
    return " ".join(f"{key}={value}" for key, value in parts.items() if value)


def columns(conn, table: str) -> list[str]:
    rows = conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = %s ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return [row[0] for row in rows]


def load(source_url: str) -> dict:
    copied = {}
    with psycopg.connect(source_url) as source, psycopg.connect(target_dsn()) as target:
        for table in TABLES:
            wanted = columns(target, table)
            available = set(columns(source, table))
            shared = [name for name in wanted if name in available]
            missing = [name for name in wanted if name not in available]
            if missing:
                raise SystemExit(f"{table}: stock columns missing from the Échoppe table: {missing}")
            names = ", ".join(f'"{name}"' for name in shared)
            with source.cursor().copy(f"COPY (SELECT {names} FROM {table}) TO STDOUT") as out:
                with target.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as into:
                    for chunk in out:
                        into.write(chunk)
            copied[table] = target.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            target.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST(COALESCE(MAX(id), 0), 1)) FROM {table}")
        target.commit()
        # Oscar keeps a materialised view of product categories on PostgreSQL (its signals do not
        # see bulk inserts).
        target.execute("REFRESH MATERIALIZED VIEW catalogue_product_category_hierarchy")
        target.commit()
    copied["offer_range"], copied["offer_rangeproduct"] = make_ranges()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    from django.contrib.sites.models import Site

    Site.objects.update_or_create(pk=settings.SITE_ID, defaults={"domain": "127.0.0.1", "name": "Stock Oscar"})
    return copied


def make_ranges() -> tuple[int, int]:
    from oscar.core.loading import get_model

    Partner = get_model("partner", "Partner")
    Range = get_model("offer", "Range")
    Range.objects.bulk_create(
        [Range(name=code, slug=code, is_public=True, description="") for code in Partner.objects.order_by("pk").values_list("code", flat=True)],
        batch_size=2000,
    )
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO offer_rangeproduct (range_id, product_id, display_order)
            SELECT r.id, sr.product_id, row_number() OVER (PARTITION BY r.id ORDER BY p.title, p.id)
            FROM partner_stockrecord sr
            JOIN partner_partner pa ON pa.id = sr.partner_id
            JOIN offer_range r ON r.slug = pa.code
            JOIN catalogue_product p ON p.id = sr.product_id
            """
        )
        cursor.execute("SELECT count(*) FROM offer_rangeproduct")
        range_products = cursor.fetchone()[0]
    return Range.objects.count(), range_products


def count(client: Client, path: str) -> tuple[int, int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    return response.status_code, len(captured), response


def measured(client: Client, warm_path: str, path: str) -> tuple[int, int, object]:
    """As for Échoppe: another page of the kind, this page, then this page again, counted."""
    count(client, warm_path)
    count(client, path)
    return count(client, path)


def warm(pages: dict) -> dict:
    """Renders each range page and one product page per distinct picture once, in-process, so that
    sorl-thumbnail's thumbnails exist (files and key-value store) before the load, as on a shop
    that has been running: the load then measures the steady state, not the first resizes."""
    import re

    from oscar.core.loading import get_model

    ProductImage = get_model("catalogue", "ProductImage")
    setup_test_environment()
    try:
        client = Client()
        for path in pages["range_paths"]:
            client.get(path)
        by_pk = {int(match.group(1)): path for path in pages["product_paths"] if (match := re.search(r"_(\d+)/$", path))}
        one_per_picture = {}
        for product_id, original in ProductImage.objects.filter(product_id__in=by_pk).values_list("product_id", "original"):
            one_per_picture.setdefault(original, by_pk[product_id])
        for path in one_per_picture.values():
            client.get(path)
    finally:
        teardown_test_environment()
    return {"range_pages": len(pages["range_paths"]), "product_pages": len(one_per_picture)}


def items(response, name: str) -> int | None:
    try:
        return len(response.context[name])
    except (KeyError, TypeError):
        return None


def queries(pages: dict) -> list[dict]:
    from unittest import mock

    from oscar.apps.offer.views import RangeDetailView

    results = []
    setup_test_environment()
    try:
        client = Client()
        first, second = pages["range_paths"][:2]
        for size in (24, 48):
            with mock.patch.object(RangeDetailView, "paginate_by", size):
                status, number, response = measured(client, first, second)
            results.append({"page": "Range page (stock product list)", "variant": f"{size} per page",
                            "items": items(response, "products"), "queries": number, "status": status})
        status, number, response = measured(client, *pages["product_paths"][:2])
        results.append({"page": "Product page", "variant": "", "items": None, "queries": number, "status": status})
        status, number, response = measured(client, "/catalogue/", "/catalogue/")
        results.append({"page": "/catalogue/ (Haystack simple engine)", "variant": "24 per page",
                        "items": items(response, "products"), "queries": number, "status": status})
    finally:
        teardown_test_environment()
    return results


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "load":
        print(json.dumps(load(sys.argv[2])))
    elif len(sys.argv) == 2 and sys.argv[1] == "queries":
        print(json.dumps(queries(json.load(sys.stdin))))
    elif len(sys.argv) == 2 and sys.argv[1] == "warm":
        print(json.dumps(warm(json.load(sys.stdin))))
    else:
        raise SystemExit(__doc__)
