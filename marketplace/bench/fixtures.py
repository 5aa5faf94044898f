"""The bench database and what the virtual users visit: shops, products, searches, customers.

Everything is drawn with a seeded generator, so two runs on the same database visit the same
pages. The customers are ``bench-customer-<n>@echoppe.bench``, each with an open basket of one
product from each of three shops and a session made here (no password hashing on the server).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from importlib import import_module
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.db import connection
from oscar.core.loading import get_class, get_model

from marketplace.demo.seeding import PARTNER_CODE_PREFIX
from shops.models import Shop

Basket = get_model("basket", "Basket")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Selector = get_class("partner.strategy", "Selector")

SEARCH_WORDS = ("miel", "pain", "fromage", "savon", "couteau", "bol", "chocolat", "saucisson", "bague", "confiture",
                "lavande", "tomme", "levain", "huile", "biere", "santon", "vase", "cuir", "nougat", "olive")
CUSTOMER_EMAIL = "bench-customer-{index}@echoppe.bench"
SHOPS_SAMPLE = 200
PRODUCTS_SAMPLE = 2000
LINES_PER_BASKET = 3


def database_url() -> str:
    """The default database as a URL, for the gunicorn child (which reads DATABASE_URL)."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise ValueError("the site benchmark runs on PostgreSQL")
    credentials = quote(db.get("USER") or "", safe="")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{credentials}{'@' if credentials else ''}{host}:{port}/{db['NAME']}"


def ensure_database() -> bool:
    """Creates the default PostgreSQL database when it does not exist; True if it was created."""
    import psycopg

    db = settings.DATABASES["default"]
    params = {"host": db.get("HOST") or "127.0.0.1", "port": db.get("PORT") or 5432, "user": db.get("USER") or None,
              "password": db.get("PASSWORD") or None, "dbname": "postgres", "autocommit": True}
    with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]).fetchone():
            return False
        admin.execute(f'CREATE DATABASE "{db["NAME"]}"')
        return True


def seeded_counts() -> tuple[int, int]:
    """Demo shops and demo products already in the database."""
    shops = Shop.objects.filter(partner__code__startswith=PARTNER_CODE_PREFIX).count()
    products = Product.objects.filter(upc__startswith="DEMO").count()
    return shops, products


def analyze() -> str:
    """Refreshes the planner's statistics (bulk inserts leave none until autovacuum passes, and it
    may be off); returns the server's autovacuum setting."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SHOW autovacuum")
        return cursor.fetchone()[0]


def postgresql_version() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


@dataclass
class BenchData:
    shop_slugs: list[str]
    shop_codes: list[str]  # their partners' codes (stock Oscar's range slugs)
    shop_paths: list[str]
    product_paths: list[str]
    basket_products: list[tuple[str, int]]  # (product page, product pk): in stock, in a selling shop
    search_paths: list[str]
    customer_ids: list[int] = field(default_factory=list)
    customer_cookies: list[dict[str, str]] = field(default_factory=list)


def _shop_of_products(product_ids: list[int]) -> dict[int, int]:
    return dict(StockRecord.objects.filter(product_id__in=product_ids).values_list("product_id", "partner_id"))


def collect(seed: int = 20261121) -> BenchData:
    """Samples the shops, products and searches the load visits."""
    rng = random.Random(seed)
    selling = Shop.objects.visible().filter(on_vacation=False)
    shops = list(selling.filter(partner__stockrecords__isnull=False).distinct().order_by("pk").values_list("slug", "partner__code"))
    if not shops:
        raise RuntimeError("No approved shop with products: seed the database first.")
    sampled = rng.sample(shops, min(SHOPS_SAMPLE, len(shops)))
    shop_slugs = [slug for slug, _code in sampled]
    rows = list(
        StockRecord.objects.filter(partner__shop__in=selling, product__is_public=True, product__hidden_by_chamber=False)
        .order_by("product_id")
        .values_list("product_id", "num_in_stock")
    )
    sample = rng.sample(rows, min(PRODUCTS_SAMPLE, len(rows)))
    products = Product.objects.in_bulk([pk for pk, _stock in sample])
    product_paths = [products[pk].get_absolute_url() for pk, _stock in sample]
    basket_products = [(products[pk].get_absolute_url(), pk) for pk, stock in sample if stock and stock >= 5]
    return BenchData(
        shop_slugs=shop_slugs,
        shop_codes=[code for _slug, code in sampled],
        shop_paths=[f"/shops/{slug}/" for slug in shop_slugs],
        product_paths=product_paths,
        basket_products=basket_products,
        search_paths=[f"/search/?q={word}" for word in SEARCH_WORDS],
    )


def prepare_customers(data: BenchData, count: int, seed: int = 20261121) -> None:
    """``count`` customers, each with an open basket of one product from each of three shops and a
    fresh session; their cookies go in ``data.customer_cookies``."""
    User = get_user_model()
    rng = random.Random(seed + 1)
    by_shop: dict[int, list[int]] = {}
    shop_of = _shop_of_products([pk for _path, pk in data.basket_products])
    for _path, pk in data.basket_products:
        by_shop.setdefault(shop_of[pk], []).append(pk)
    shops = sorted(by_shop)
    if len(shops) < LINES_PER_BASKET:
        raise RuntimeError("The checkout bench needs products in stock in at least three shops.")
    engine = import_module(settings.SESSION_ENGINE)
    data.customer_ids, data.customer_cookies = [], []
    for index in range(count):
        email = CUSTOMER_EMAIL.format(index=index)
        user, created = User.objects.get_or_create(username=email, defaults={"email": email, "first_name": "Client",
                                                                               "last_name": f"Bench {index}"})
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        basket, _created = Basket.open.get_or_create(owner=user)
        basket.strategy = Selector().strategy(user=user)
        basket.flush()
        for shop_id in rng.sample(shops, LINES_PER_BASKET):
            basket.add_product(Product.objects.get(pk=rng.choice(by_shop[shop_id])), 1)
        session = engine.SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        data.customer_ids.append(user.pk)
        data.customer_cookies.append({settings.SESSION_COOKIE_NAME: session.session_key})
