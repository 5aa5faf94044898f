"""SQL queries per page, counted in-process with the test client (HTTPS, as behind the proxy).

Every GET is counted on a repeat visit, after a visit to another page of its kind, so that what a
worker does once per process (the site, content types, translations) or once per object (its
analytics row) is not charged to the page: the steady state of a running site.
List pages are counted with 24 and 48 items: the count must not grow with the list. The storefront
is counted with its product grid rendered (right after a change to the shop's catalogue) and served
from the cache (every other visit until the next change).
"""

from __future__ import annotations

from contextlib import contextmanager
from unittest import mock

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment, teardown_test_environment
from oscar.core.loading import get_class, get_model

from shops.models import Shop
from shops.views import StorefrontView

from .fixtures import BenchData
from .report import QueryCount

Basket = get_model("basket", "Basket")
Product = get_model("catalogue", "Product")
Selector = get_class("partner.strategy", "Selector")
LIST_SIZES = (24, 48)
QUERY_CUSTOMER_EMAIL = "bench-queries-{lines}@echoppe.bench"


@contextmanager
def _test_environment():
    # Records the templates' context on the responses (to count the items listed).
    try:
        setup_test_environment()
    except RuntimeError:
        # Already set up, by the test runner (tests/integration/test_bench_commands.py): it stays its to undo.
        yield
        return
    try:
        yield
    finally:
        teardown_test_environment()


def _items(response, name: str) -> int | None:
    context = response.context
    if context is None:
        return None
    try:
        value = context[name]
    except KeyError:
        return None
    if name == "results":
        return len(value.hits)
    return len(value)


def _cards(response) -> int:
    # A cached grid comes as HTML, without its products in the context.
    return response.content.decode().count('class="storefront-card"')


def _catalogue_changed(slug: str) -> None:
    # What shops.product_grid does after a change to the shop's products commits.
    Shop.objects.filter(slug=slug).update(catalogue_version=F("catalogue_version") + 1)


def _count(client: Client, method: str, path: str, **extra) -> tuple[int, int, object]:
    call = client.post if method == "POST" else client.get
    with CaptureQueriesContext(connection) as captured:
        response = call(path, secure=True, **extra)
    return response.status_code, len(captured), response


def _measured(client: Client, method: str, warm_path: str, path: str, **extra) -> tuple[int, int, object]:
    """Another page of the kind first (what a worker does once), then this page twice, counting the
    second time: the steady state, without first-visit work (a product's analytics row)."""
    _count(client, method, warm_path, **extra)
    _count(client, method, path, **extra)
    return _count(client, method, path, **extra)


def _customer_with_basket(lines: int, data: BenchData) -> tuple[object, int]:
    """A customer whose open basket holds one product of each of ``lines`` different shops."""
    User = get_user_model()
    email = QUERY_CUSTOMER_EMAIL.format(lines=lines)
    user, _created = User.objects.get_or_create(username=email, defaults={"email": email})
    basket, _created = Basket.open.get_or_create(owner=user)
    basket.strategy = Selector().strategy(user=user)
    basket.flush()
    seen_shops = set()
    for _path, pk in data.basket_products:
        product = Product.objects.get(pk=pk)
        shop_id = product.stockrecords.values_list("partner_id", flat=True).first()
        if shop_id in seen_shops:
            continue
        basket.add_product(product, 1)
        seen_shops.add(shop_id)
        if len(seen_shops) == lines:
            break
    return user, len(seen_shops)


def count_queries(data: BenchData) -> list[QueryCount]:
    counts: list[QueryCount] = []

    def add(page: str, variant: str, result: tuple[int, int, object], items_name: str | None = None) -> None:
        status, queries, response = result
        counts.append(QueryCount(page, variant, _items(response, items_name) if items_name else None, queries, status))

    with _test_environment():
        client = Client()
        add("Home", "", _measured(client, "GET", "/", "/"))
        shop_a, shop_b = data.shop_paths[0], data.shop_paths[1 % len(data.shop_paths)]
        for size in LIST_SIZES:
            with mock.patch.object(StorefrontView, "paginate_by", size):
                _measured(client, "GET", shop_a, shop_b)
                _catalogue_changed(data.shop_slugs[1 % len(data.shop_slugs)])
                status, queries, response = _count(client, "GET", shop_b)
                counts.append(QueryCount("Storefront", f"{size} per page, grid rendered", _cards(response), queries, status))
                status, queries, response = _count(client, "GET", shop_b)
                counts.append(QueryCount("Storefront", f"{size} per page, grid cached", _cards(response), queries, status))
        for size in LIST_SIZES:
            add("Search (all products)", f"{size} per page",
                _measured(client, "GET", f"/search/?per_page={size}&page=2", f"/search/?per_page={size}"), "results")
            add("Search (text)", f"{size} per page",
                _measured(client, "GET", f"/search/?q=pain&per_page={size}", f"/search/?q=miel&per_page={size}"), "results")
        add("Product page", "", _measured(client, "GET", data.product_paths[0], data.product_paths[1]))

        # Adding to a basket: into a basket of 1 line, then of 10 lines (anonymous visitor).
        visitor = Client()
        products = [pk for _path, pk in data.basket_products[:12]]
        _count(visitor, "POST", f"/basket/add/{products[0]}/", data={"quantity": "1"})
        add("Add to basket", "basket of 1 line", _count(visitor, "POST", f"/basket/add/{products[1]}/", data={"quantity": "1"}))
        if len(products) >= 11:
            for pk in products[2:10]:
                _count(visitor, "POST", f"/basket/add/{pk}/", data={"quantity": "1"})
            add("Add to basket", "basket of 10 lines", _count(visitor, "POST", f"/basket/add/{products[10]}/", data={"quantity": "1"}))

        for wanted in (3, 6):
            customer = Client()
            user, lines = _customer_with_basket(wanted, data)
            customer.force_login(user)
            status, queries, response = _measured(customer, "GET", "/checkout/", "/checkout/")
            counts.append(QueryCount("Checkout page", f"{lines} lines from {lines} shops", lines, queries, status))
    return counts


def check_basket_add(data: BenchData) -> str:
    """Adds one product through the test client and checks it lands in the basket (the load tool
    only sees Oscar's redirect, success or not)."""
    with _test_environment():
        client = Client()
        path, pk = data.basket_products[0]
        client.get(path, secure=True)
        response = client.post(f"/basket/add/{pk}/", {"quantity": "1"}, secure=True)
        cookie = client.cookies.get("oscar_open_basket")
        lines = 0
        if cookie is not None:
            basket_pk = cookie.value.split(":", 1)[0]
            lines = Basket.objects.get(pk=basket_pk).num_lines if basket_pk.isdigit() else 0
        if response.status_code != 302 or lines != 1:
            return f"adding to a basket did not work: status {response.status_code}, {lines} line(s)"
    return ""
