"""What the busiest pages cost in SQL: bounded, and independent of how much they list.

Counted on a repeat visit, as a running site serves them (the menu's categories come from the
cache after the first page; a product's analytics row exists after its first view). A storefront is
counted both ways: rendering its product grid after a catalogue change, and serving it cached.
"""

import io
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model
from PIL import Image

from catalogue.menu import menu_categories
from shops.models import Shop
from shops.views import StorefrontView
from tests.factories import ProductFactory, ShopFactory

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")
ProductImage = get_model("catalogue", "ProductImage")

STOREFRONT_MAX_QUERIES = 10
CACHED_STOREFRONT_MAX_QUERIES = 6
PRODUCT_PAGE_MAX_QUERIES = 12


def queries_for(client, url: str) -> tuple[int, object]:
    """The queries of a second visit to ``url``."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def picture(name: str) -> str:
    output = io.BytesIO()
    Image.new("RGB", (64, 48), "#b5651d").save(output, format="JPEG")
    return default_storage.save(f"images/products/{name}.jpg", ContentFile(output.getvalue()))


def add_pictures(product, count: int) -> None:
    for number in range(count):
        ProductImage.objects.create(product=product, original=picture(f"{product.pk}-{number}"), display_order=number)


@pytest.fixture
def categories():
    return [Category.add_root(name=name) for name in ("Boulangerie", "Fromages", "Savons")]


def catalogue_changed(shop) -> None:
    # What shops.product_grid does once a change to the shop's products commits.
    Shop.objects.filter(pk=shop.pk).update(catalogue_version=F("catalogue_version") + 1)


def storefront_queries(client, shop, per_page: int) -> tuple[int, int]:
    """The queries of a storefront whose grid must be rendered: everything else is warm."""
    with mock.patch.object(StorefrontView, "paginate_by", per_page):
        client.get(f"/shops/{shop.slug}/")
        catalogue_changed(shop)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/shops/{shop.slug}/")
    assert response.status_code == 200
    return len(captured), len(response.context["products"])


def test_storefront_queries_stay_within_ten_whatever_the_page_size(client, categories):
    shop = ShopFactory()
    for number in range(48):
        product = ProductFactory(shop=shop, title=f"Pain {number:02d}")
        product.categories.add(categories[number % 3])
        if number % 4 == 0:
            add_pictures(product, 2)

    small, listed_small = storefront_queries(client, shop, 24)
    large, listed_large = storefront_queries(client, shop, 48)

    assert (listed_small, listed_large) == (24, 48)
    assert small == large
    assert small <= STOREFRONT_MAX_QUERIES


def test_a_cached_storefront_runs_no_product_query(client, categories):
    shop = ShopFactory()
    for number in range(30):
        ProductFactory(shop=shop, title=f"Pain {number:02d}").categories.add(categories[number % 3])
    first = client.get(f"/shops/{shop.slug}/?page=2")

    with CaptureQueriesContext(connection) as captured:
        cached = client.get(f"/shops/{shop.slug}/?page=2")

    def grid(response) -> str:
        page = response.content.decode()
        return page[page.index('<section class="storefront-products"') : page.index("</section>", page.index("storefront-grid"))]

    assert grid(cached) == grid(first) and "Pain 29" in grid(cached)
    assert len(captured) <= CACHED_STOREFRONT_MAX_QUERIES
    product_tables = ("catalogue_product", "partner_stockrecord", "catalogue_productimage", "catalogue_imagerendition")
    assert not [query["sql"] for query in captured if any(table in query["sql"] for table in product_tables)]


def test_product_page_queries_do_not_grow_with_its_pictures(client, categories):
    shop = ShopFactory()
    plain, illustrated = ProductFactory(shop=shop), ProductFactory(shop=shop)
    for product in (plain, illustrated):
        product.categories.add(categories[0])
    add_pictures(plain, 1)
    add_pictures(illustrated, 5)

    # Each from a new visitor: a visitor's recently viewed products show on the page too.
    plain_count, plain_response = queries_for(Client(), plain.get_absolute_url())
    illustrated_count, illustrated_response = queries_for(Client(), illustrated.get_absolute_url())

    assert plain_count == illustrated_count
    assert plain_count <= PRODUCT_PAGE_MAX_QUERIES
    # The shop came with the product's stock record, and the price through the strategy.
    assert illustrated_response.context["shop"] == shop
    assert "4,50" in illustrated_response.content.decode()


def test_recently_viewed_products_cost_the_same_whatever_their_number(client):
    shop = ShopFactory()
    current, *seen = [ProductFactory(shop=shop) for _number in range(7)]
    for product in seen:
        add_pictures(product, 1)

    client.get(seen[0].get_absolute_url())
    after_one, _response = queries_for(client, current.get_absolute_url())
    for product in seen[1:]:
        client.get(product.get_absolute_url())
    after_six, response = queries_for(client, current.get_absolute_url())

    assert after_one == after_six
    html = response.content.decode()
    recently_viewed = html[html.index('id="recently-viewed-title"') : html.index("</main>")]
    assert all(product.title in recently_viewed and product.get_absolute_url() in recently_viewed for product in seen)
    # The marketplace's cards: price and shop, no basket form per product.
    assert recently_viewed.count("4,50") == 6 and shop.get_absolute_url() in recently_viewed
    assert "/basket/add/" not in recently_viewed


def test_product_page_of_a_shop_on_vacation_takes_no_order(client):
    product = ProductFactory(shop=ShopFactory(on_vacation=True))
    response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "En congés\xa0: les commandes sont suspendues." in html
    assert f"/basket/add/{product.pk}/" not in html


def test_menu_lists_top_level_categories_and_follows_their_changes(client, categories):
    assert [entry.name for entry in menu_categories()] == ["Boulangerie", "Fromages", "Savons"]
    html = client.get("/").content.decode()
    assert "Fromages" in html and categories[1].get_absolute_url() in html

    categories[1].name = "Crèmerie"
    categories[1].save()
    Category.add_root(name="Bougies")
    categories[2].delete()
    assert [entry.name for entry in menu_categories()] == ["Boulangerie", "Crèmerie", "Bougies"]
    html = client.get("/").content.decode()
    assert "Crèmerie" in html and "Bougies" in html and "Savons" not in html


def test_menu_costs_no_query_once_cached(categories):
    menu_categories()
    with CaptureQueriesContext(connection) as captured:
        entries = menu_categories()
    assert len(captured) == 0
    assert len(entries) == 3
