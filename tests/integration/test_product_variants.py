"""A product with variants (Oscar's parent and children) is a public product like any other: shown
once with « à partir de » its cheapest variant, its page lets the customer choose a variant (without
a script), the chosen variant goes to the basket and is ordered from its shop, the search finds the
product once, and a parent whose variants are all sold out or archived reads as sold out."""

from __future__ import annotations

import datetime
import json
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from checkout.order.models import Fulfilment
from checkout.placement import ShopChoice, place_checkout
from search import indexing
from search.models import SearchEntry
from shops.fulfilment import ClickAndCollectOption
from shops.models import OpeningPeriod
from shops.partner.strategy import MarketplaceStrategy
from shops.product_editing import ProductChange, VariantChange, save_product, set_public
from shops.views import StorefrontView
from tests.factories import CommuneFactory, ProductFactory, ShopFactory, UserFactory

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
NOW = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)  # a Monday
TUESDAY_8 = datetime.datetime(2026, 11, 24, 8, 0, tzinfo=PARIS)


def jam_with_variants(shop, title="Confiture de myrtilles", small=Decimal("4.50"), large=Decimal("8.00"), stock=(5, 3)):
    """A product with two variants, created as the artisan's page creates it."""
    change = ProductChange(
        values={"title": title, "description": "<p>Myrtilles sauvages du Champsaur.</p>", "vat_rate": Decimal("0.055")},
        variants=[VariantChange(None, "250 g", small, stock[0]), VariantChange(None, "500 g", large, stock[1])],
    )
    return save_product(shop, None, change)


def variants_of(parent):
    return {child.title.rsplit(" – ", 1)[1]: child for child in parent.children.order_by("pk")}


@pytest.fixture
def shop():
    commune = CommuneFactory(insee_code="05061", postcodes="05000", latitude=44.0, longitude=6.0)
    shop = ShopFactory(partner__name="Confiturerie du Lac", commune=commune, latitude=44.0, longitude=6.0)
    ClickAndCollectOption.objects.create(shop=shop, capacity_per_slot=4, preparation_hours=2)
    OpeningPeriod.objects.create(shop=shop, weekday=1, opens_at=datetime.time(8), closes_at=datetime.time(12))
    return shop


def test_a_parent_is_visible_when_one_of_its_variants_is_sold_by_a_public_shop(shop):
    jam = jam_with_variants(shop)
    assert jam.is_parent and not jam.stockrecords.exists()
    assert set(Product.objects.visible().values_list("pk", flat=True)) >= {jam.pk}
    assert list(Product.objects.browsable().filter(title__startswith="Confiture")) == [jam]  # variants not listed

    hidden = jam_with_variants(shop, title="Confiture cachée")
    Product.objects.filter(pk=hidden.pk).update(hidden_by_chamber=True)
    draft_shop = ShopFactory(status="draft")
    of_draft = jam_with_variants(draft_shop, title="Confiture en brouillon")
    visible = set(Product.objects.visible().values_list("pk", flat=True))
    assert jam.pk in visible and hidden.pk not in visible and of_draft.pk not in visible


def test_the_storefront_shows_the_parent_once_from_its_cheapest_variant(client, shop):
    jam = jam_with_variants(shop, small=Decimal("4.50"), large=Decimal("8.00"))
    ProductFactory(shop=shop, title="Miel de sapin", shop__price=Decimal("9.00"))

    response = client.get(shop.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    products = list(response.context["products"])
    assert [product.title for product in products] == ["Confiture de myrtilles", "Miel de sapin"]
    assert html.count("Confiture de myrtilles") == 1 and "250 g" not in html
    assert "à partir de 4,50\xa0€" in html
    assert jam.get_absolute_url() in html


def test_the_catalogue_lists_the_parent_once_with_its_lowest_price(client, shop):
    jam_with_variants(shop, small=Decimal("4.50"), large=Decimal("8.00"))
    response = client.get("/catalogue/")
    html = response.content.decode()
    assert [product.title for product in response.context["products"]] == ["Confiture de myrtilles"]
    assert "à partir de 4,50\xa0€" in html and "Confiturerie du Lac" in html


def test_the_page_offers_each_variant_with_its_price_and_availability(client, shop):
    jam = jam_with_variants(shop, stock=(0, 3))
    variants = variants_of(jam)

    response = client.get(jam.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    page = response.context["product_page"]
    assert [(v.name, v.price.amount, v.is_orderable) for v in page.variants] == [
        ("250 g", Decimal("4.50"), False), ("500 g", Decimal("8.00"), True),
    ]
    # The sold-out variant cannot be chosen; the cheapest orderable one is chosen beforehand.
    assert re.search(rf'<input type="radio" name="child_id" value="{variants["250 g"].pk}"[^>]* disabled', html)
    assert re.search(rf'<input type="radio" name="child_id" value="{variants["500 g"].pk}" checked', html)
    assert "Épuisé" in html and "8,00\xa0€" in html
    assert page.availability.is_orderable and page.price.amount == Decimal("8.00")
    assert 'action="/basket/add/%d/"' % jam.pk in html

    # A variant's own address leads to its parent's page, as Oscar does.
    redirect = client.get(variants["500 g"].get_absolute_url())
    assert redirect.status_code == 301 and redirect["Location"] == jam.get_absolute_url()


def test_the_page_says_from_the_cheapest_price_and_gives_an_aggregate_offer(client, shop):
    jam = jam_with_variants(shop)
    html = client.get(jam.get_absolute_url()).content.decode()
    assert "à partir de 4,50\xa0€" in html
    data = json.loads(re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html).group(1))
    product = data[0] if isinstance(data, list) else data
    offer = product["offers"]
    assert offer["@type"] == "AggregateOffer"
    assert (offer["lowPrice"], offer["highPrice"], offer["offerCount"]) == ("4.50", "8.00", 2)
    assert offer["availability"] == "https://schema.org/InStock"


def test_choosing_a_variant_puts_it_in_the_basket_and_places_an_order_with_its_shop(client, shop, django_capture_on_commit_callbacks):
    jam = jam_with_variants(shop)
    large = variants_of(jam)["500 g"]

    response = client.post(f"/basket/add/{jam.pk}/", {"child_id": large.pk, "quantity": 2})
    assert response.status_code == 302
    basket_page = client.get("/basket/")
    html = basket_page.content.decode()
    assert "Confiture de myrtilles – 500 g" in html and "16,00" in html and "Confiturerie du Lac" in html

    # Without a choice, or with another product's id, nothing is added: a message, never a 500.
    other = ProductFactory(shop=shop)
    for data in ({"quantity": 1}, {"child_id": other.pk, "quantity": 1}):
        refused = client.post(f"/basket/add/{jam.pk}/", data)
        assert refused.status_code == 302
    basket = Basket.objects.get(lines__isnull=False)
    assert [(line.product_id, line.quantity) for line in basket.lines.all()] == [(large.pk, 2)]

    basket.strategy = MarketplaceStrategy()
    customer = UserFactory(email="claire@example.fr", username="claire@example.fr")
    with django_capture_on_commit_callbacks(execute=True):
        group = place_checkout(
            basket, customer, "claire@example.fr", {shop.pk: ShopChoice(Fulfilment.PICKUP, pickup_starts_at=TUESDAY_8)}, None, True, now=NOW,
        )
    order = group.orders.get()
    line = order.lines.get()
    assert (line.product_id, line.partner_name, line.quantity) == (large.pk, "Confiturerie du Lac", 2)
    assert order.total_incl_tax == Decimal("16.00")
    assert StockRecord.objects.get(product=large).num_allocated == 2


def test_search_finds_the_parent_once_with_its_lowest_price(client, shop, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        jam = jam_with_variants(shop, small=Decimal("4.50"), large=Decimal("8.00"))
    variants = variants_of(jam)
    documents = SearchEntry.objects.filter(kind="product")
    assert list(documents.values_list("object_id", flat=True)) == [jam.pk]
    document = documents.get()
    assert (document.title, document.price, document.url) == ("Confiture de myrtilles", Decimal("4.50"), jam.get_absolute_url())
    assert "myrtilles sauvages" in document.body.lower() and document.category_id is not None

    answer = client.get("/api/search/", {"q": "myrtilles", "type": "products"}).json()
    assert [(item["title"], item["price"]) for item in answer["results"]] == [("Confiture de myrtilles", "4.50")]

    # The cheapest variant sold out: the parent's document follows, with the next price.
    with django_capture_on_commit_callbacks(execute=True):
        record = StockRecord.objects.get(product=variants["250 g"])
        record.num_in_stock = 0
        record.save()
    assert SearchEntry.objects.get(kind="product", object_id=jam.pk).price == Decimal("8.00")

    # A rebuild writes the same single document.
    indexing.rebuild()
    assert list(SearchEntry.objects.filter(kind="product").values_list("object_id", "price")) == [(jam.pk, Decimal("8.00"))]


def test_a_parent_whose_variants_are_all_sold_out_reads_as_sold_out(client, shop, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        jam = jam_with_variants(shop, stock=(0, 0))
    # Listed, as a sold-out standalone product is, and said sold out; not findable in the search.
    storefront = client.get(shop.get_absolute_url()).content.decode()
    assert "Confiture de myrtilles" in storefront and "Épuisé" in storefront
    page = client.get(jam.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200 and not page.context["product_page"].availability.is_orderable
    assert "Épuisé" in html and 'name="quantity"' not in html
    assert not SearchEntry.objects.filter(kind="product", object_id=jam.pk).exists()
    assert client.post(f"/basket/add/{jam.pk}/", {"child_id": variants_of(jam)["250 g"].pk, "quantity": 1}).status_code == 302
    assert not Basket.objects.filter(lines__isnull=False).exists()


def test_an_archived_parent_leaves_the_site_with_its_variants(client, shop, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        jam = jam_with_variants(shop)
        set_public(shop, [jam], False)
    assert not Product.objects.visible().filter(pk=jam.pk).exists()
    assert "Confiture de myrtilles" not in client.get(shop.get_absolute_url()).content.decode()
    assert client.get(jam.get_absolute_url()).status_code == 404
    assert not SearchEntry.objects.filter(kind="product").exists()


def test_sitemap_lists_the_parent_not_its_variants(client, shop):
    jam = jam_with_variants(shop)
    from marketplace.seo.sitemaps import ProductSitemap

    assert [product.pk for product in ProductSitemap().items()] == [jam.pk]


def test_cards_cost_the_same_queries_with_or_without_variants(client, shop):
    from unittest import mock

    def grid_queries():
        with mock.patch.object(StorefrontView, "paginate_by", 48):
            client.get(shop.get_absolute_url())
            shop.__class__.objects.filter(pk=shop.pk).update(catalogue_version=shop.__class__.objects.get(pk=shop.pk).catalogue_version + 1)
            with CaptureQueriesContext(connection) as storefront:
                assert client.get(shop.get_absolute_url()).status_code == 200
            client.get("/catalogue/")
            with CaptureQueriesContext(connection) as catalogue:
                assert client.get("/catalogue/").status_code == 200
        return len(storefront), len(catalogue)

    jam_with_variants(shop, title="Confiture 0")
    few = grid_queries()
    for number in range(1, 8):
        jam_with_variants(shop, title=f"Confiture {number}")
        ProductFactory(shop=shop, title=f"Miel {number}")
    many = grid_queries()
    assert many == few, (few, many)

    # A parent's page: a fixed number of queries whatever its number of variants.
    def page_queries(product):
        visitor = Client()
        visitor.get(product.get_absolute_url())
        with CaptureQueriesContext(connection) as page:
            assert visitor.get(product.get_absolute_url()).status_code == 200
        return len(page)

    many_variants = save_product(shop, None, ProductChange(
        values={"title": "Miel de montagne", "vat_rate": Decimal("0.055")},
        variants=[VariantChange(None, f"{grams} g", Decimal(grams) / 50, 4) for grams in (125, 250, 500, 750, 1000, 2000)],
    ))
    standalone = page_queries(Product.objects.get(title="Miel 3"))
    # The variants and their stock records, here and in the recently viewed cards: two queries each.
    assert page_queries(many_variants) == page_queries(Product.objects.get(title="Confiture 3")) <= standalone + 4


def test_the_home_page_and_a_campaign_show_the_parent_card(client, shop):
    from chamber.models import Campaign
    from marketplace.curation import newest_products

    jam = jam_with_variants(shop)
    assert [product.pk for product in newest_products()] == [jam.pk]  # the parent, not its newest variant
    home = client.get("/").content.decode()
    assert "Confiture de myrtilles" in home and "à partir de 4,50\xa0€" in home and "250 g" not in home

    campaign = Campaign.objects.create(title="Confitures", slug="confitures", starts_on=datetime.date(2000, 1, 1))
    campaign.products.set([jam])
    page = client.get("/campagnes/confitures/")
    html = page.content.decode()
    assert [product.pk for product in page.context["products"]] == [jam.pk]
    assert "à partir de 4,50\xa0€" in html and "Confiturerie du Lac" in html


def test_a_change_to_the_parent_refreshes_its_shops_cached_grid(shop, django_capture_on_commit_callbacks):
    jam = jam_with_variants(shop)
    version = type(shop).objects.get(pk=shop.pk).catalogue_version
    with django_capture_on_commit_callbacks(execute=True):
        jam.title = "Confiture de myrtilles sauvages"
        jam.save()  # the parent has no stock record: its variants' lead to the shop
    assert type(shop).objects.get(pk=shop.pk).catalogue_version > version


def test_the_english_page_offers_the_variants_in_english(client, shop):
    jam = jam_with_variants(shop)
    page = client.get("/en" + jam.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200 and "Choose a variant" in html and "Choisissez" not in html
    assert re.search(r"from [^<]*4[.,]50", html)


def test_the_catalogue_sorts_a_parent_by_the_price_its_card_shows(client, shop):
    jam_with_variants(shop, small=Decimal("4.50"), large=Decimal("8.00"), stock=(0, 3))  # the cheapest sold out
    ProductFactory(shop=shop, title="Miel de sapin", shop__price=Decimal("6.00"))
    response = client.get("/catalogue/", {"sort": "price"})
    assert [product.title for product in response.context["products"]] == ["Miel de sapin", "Confiture de myrtilles"]
    assert "à partir de 8,00\xa0€" in response.content.decode()


def test_a_variant_of_a_product_the_chamber_hid_cannot_be_bought(client, shop):
    jam = jam_with_variants(shop)
    Product.objects.filter(pk=jam.pk).update(hidden_by_chamber=True)
    assert client.get(jam.get_absolute_url()).status_code == 404
    client.post(f"/basket/add/{jam.pk}/", {"child_id": variants_of(jam)["250 g"].pk, "quantity": 1})
    assert not Basket.objects.filter(lines__isnull=False).exists()
