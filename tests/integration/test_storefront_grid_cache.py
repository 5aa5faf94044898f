"""The storefront's cached product grid follows every change to what its cards show, once committed.

Each change runs inside ``django_capture_on_commit_callbacks(execute=True)``, which plays the
commit's callbacks as the site would after a real commit (the test's own transaction never commits).
"""

import io
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import transaction
from django.test import RequestFactory
from oscar.core.loading import get_class, get_model
from PIL import Image

from catalogue.renditions import make_renditions
from shops.models import Shop
from shops.reservations import StockRequest, allocate_stock
from search.models import SearchEntry
from tests.factories import ProductFactory, ShopFactory, UserFactory

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")


def grid(client, shop, query: str = "", language_prefix: str = "") -> str:
    response = client.get(f"{language_prefix}/shops/{shop.slug}/{query}")
    assert response.status_code == 200
    page = response.content.decode()
    start = page.index('<section class="storefront-products"')
    return page[start : page.index("</section>", start)]


def version(shop) -> int:
    return Shop.objects.values_list("catalogue_version", flat=True).get(pk=shop.pk)


def picture_file(name: str) -> str:
    output = io.BytesIO()
    Image.new("RGB", (900, 600), "#8a5a2b").save(output, format="JPEG")
    return default_storage.save(f"images/products/{name}.jpg", ContentFile(output.getvalue()))


@pytest.fixture
def bakery(django_capture_on_commit_callbacks):
    # Committed, so that nothing is left queued for the test's own commit.
    with django_capture_on_commit_callbacks(execute=True):
        shop = ShopFactory()
        bread = ProductFactory(shop=shop, title="Pain au levain")
        ProductFactory(shop=shop, title="Fougasse aux olives")
    return shop, bread


def retitle(shop, bread):
    bread.title = "Pain de seigle"
    bread.save()
    return "Pain de seigle", "Pain au levain"


def reprice(shop, bread):
    record = bread.stockrecords.get()
    record.price = Decimal("6.20")
    record.save()
    return "6,20", None


def sell_out(shop, bread):
    record = bread.stockrecords.get()
    record.num_in_stock = 0
    record.save()
    return "Épuisé", None


def hide_by_chamber(shop, bread):
    bread.hidden_by_chamber = True
    bread.save()
    return None, "Pain au levain"


def withdraw_stock_record(shop, bread):
    bread.stockrecords.get().delete()
    return None, "Pain au levain"


def delete_product(shop, bread):
    bread.delete()
    return None, "Pain au levain"


def add_picture(shop, bread):
    image = ProductImage.objects.create(product=bread, original=picture_file("levain"), display_order=0)
    return image.original.name.rsplit("/", 1)[-1], None


def file_under_sections(shop, bread):
    # Through Oscar's product form, whose category formset saves the links one by one.
    ProductCategory.objects.create(product=bread, category=Category.add_root(name="Pains"))
    ProductCategory.objects.create(product=bread.__class__.objects.get(title="Fougasse aux olives"), category=Category.add_root(name="Fougasses"))
    return "Fougasses", None


CHANGES = [retitle, reprice, sell_out, hide_by_chamber, withdraw_stock_record, delete_product, add_picture, file_under_sections]


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
def test_the_grid_shows_each_committed_change(client, bakery, django_capture_on_commit_callbacks, change):
    shop, bread = bakery
    before = grid(client, shop)
    assert grid(client, shop) == before  # served from the cache

    with django_capture_on_commit_callbacks(execute=True):
        shown, gone = change(shop, bread)

    after = grid(client, shop)
    assert after != before
    if shown:
        assert shown in after
    if gone:
        assert gone not in after


def test_sections_are_renamed_and_linked_through_the_many_to_many_too(client, bakery, django_capture_on_commit_callbacks):
    shop, bread = bakery
    section = Category.add_root(name="Pains")
    with django_capture_on_commit_callbacks(execute=True):
        bread.categories.add(section)
        ProductFactory(shop=shop, title="Baguette").categories.add(Category.add_root(name="Baguettes"))
    assert "Pains" in grid(client, shop)

    with django_capture_on_commit_callbacks(execute=True):
        section.name = "Pains au levain naturel"
        section.save()
    assert "Pains au levain naturel" in grid(client, shop)

    with django_capture_on_commit_callbacks(execute=True):
        section.product_set.clear()
    assert "Pains au levain naturel" not in grid(client, shop)


def test_orders_holding_the_last_items_show_the_product_sold_out(client, bakery, django_capture_on_commit_callbacks):
    shop, bread = bakery
    record = bread.stockrecords.get()
    before = version(shop)
    with django_capture_on_commit_callbacks(execute=True):
        allocate_stock([StockRequest(stockrecord_id=record.pk, quantity=2)])
    assert version(shop) > before
    assert "Épuisé" not in grid(client, shop)

    with django_capture_on_commit_callbacks(execute=True):
        allocate_stock([StockRequest(stockrecord_id=record.pk, quantity=record.num_in_stock - 2)])
    assert "Épuisé" in grid(client, shop)


def test_the_pictures_web_sizes_reach_the_cached_cards(client, bakery, django_capture_on_commit_callbacks, settings):
    shop, bread = bakery
    image = ProductImage.objects.create(product=bread, original=picture_file("fougasse"), display_order=0)
    assert ".webp" not in grid(client, shop)

    with django_capture_on_commit_callbacks(execute=True):
        make_renditions(image.original.name)

    assert ".webp" in grid(client, shop)


def test_one_transaction_bumps_each_shop_once_and_only_the_shops_concerned(bakery, django_capture_on_commit_callbacks):
    shop, bread = bakery
    with django_capture_on_commit_callbacks(execute=True):
        neighbour = ShopFactory()
        ProductFactory(shop=neighbour)
    before, neighbour_before = version(shop), version(neighbour)

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            for number in range(20):
                ProductFactory(shop=shop, title=f"Brioche {number}")

    assert version(shop) == before + 1
    assert version(neighbour) == neighbour_before


def test_saving_a_shop_read_earlier_never_writes_an_old_version_back(bakery, django_capture_on_commit_callbacks):
    shop, bread = bakery
    stale = Shop.objects.get(pk=shop.pk)
    with django_capture_on_commit_callbacks(execute=True):
        retitle(shop, bread)
    current = version(shop)

    stale.tagline = "Au feu de bois depuis 1952"
    stale.save()

    assert version(shop) == current
    assert Shop.objects.get(pk=shop.pk).tagline == "Au feu de bois depuis 1952"


def test_a_change_without_commit_leaves_the_cached_grid(client, bakery):
    # Inside the test's transaction nothing commits: no bump, the cached grid stays (and the
    # rolled-back change of a real request would never reach it either).
    shop, bread = bakery
    before = grid(client, shop)
    retitle(shop, bread)
    assert grid(client, shop) == before


@pytest.mark.parametrize("query", ["?utm_source=lettre", "?categorie=abc", "?page=1&page=1", "?categorie=99999"])
def test_addresses_the_cached_grid_would_not_reproduce_are_rendered_afresh(client, bakery, query):
    shop, bread = bakery
    grid(client, shop, query)
    retitle(shop, bread)  # not committed: only a fresh rendering can show it
    assert "Pain de seigle" in grid(client, shop, query)


def test_pages_sections_and_languages_are_cached_apart(client, django_capture_on_commit_callbacks):
    shop = ShopFactory()
    section = Category.add_root(name="Sablés")
    for number in range(30):
        product = ProductFactory(shop=shop, title=f"Biscuit {number:02d}")
        if number % 2:
            product.categories.add(section)

    first, second = grid(client, shop), grid(client, shop, "?page=2")
    in_section = grid(client, shop, f"?categorie={section.pk}")
    assert "Biscuit 00" in first and "Biscuit 29" in second and "Biscuit 00" not in in_section
    assert grid(client, shop, "?page=02") == second

    english = grid(client, shop, language_prefix="/en")
    assert "Products" in english and "Produits" in first


def test_a_page_past_the_last_is_not_found(client, bakery):
    shop, _bread = bakery
    assert client.get(f"/shops/{shop.slug}/?page=7").status_code == 404
    assert client.get(f"/shops/{shop.slug}/?page=7").status_code == 404


def _dashboard_request(user):
    request = RequestFactory().post("/dashboard/catalogue/products/")
    request.user = user
    request._messages = CookieStorage(request)
    return request


def test_the_dashboards_bulk_actions_reach_the_grid_and_the_search(client, bakery, django_capture_on_commit_callbacks):
    # Oscar's bulk actions write with queryset.update(): the fork announces the products.
    shop, bread = bakery
    staff = UserFactory(is_staff=True)
    make_non_public = get_class("dashboard.catalogue.bulk_actions", "MakeProductsNonPublicAction")
    set_price = get_class("dashboard.catalogue.bulk_actions", "SetProductPriceAction")
    price_form_class = get_class("dashboard.catalogue.forms", "SetProductPriceForm")
    fougasse = Product.objects.get(title="Fougasse aux olives")
    grid(client, shop)

    with django_capture_on_commit_callbacks(execute=True):
        make_non_public().execute(_dashboard_request(staff), Product.objects.filter(pk=bread.pk), None)
        form = price_form_class(
            data={"selected_products": [fougasse.pk], "new_price": "9.90", "partners": [shop.pk]},
            products_queryset=Product.objects.all(), user=staff,
        )
        assert form.is_valid(), form.errors
        set_price().execute(_dashboard_request(staff), Product.objects.filter(pk=fougasse.pk), form)

    after = grid(client, shop)
    assert "Pain au levain" not in after and "9,90" in after
    assert not SearchEntry.objects.filter(kind="product", object_id=bread.pk).exists()
    assert SearchEntry.objects.get(kind="product", object_id=fougasse.pk).price == Decimal("9.90")


def test_a_stock_record_moved_to_another_shop_leaves_the_old_grid(client, bakery, django_capture_on_commit_callbacks):
    shop, bread = bakery
    other = ShopFactory()
    grid(client, shop)
    record = bread.stockrecords.get()
    with django_capture_on_commit_callbacks(execute=True):
        record.partner = other.partner
        record.save()
    assert "Pain au levain" not in grid(client, shop)
    assert "Pain au levain" in grid(client, other)
