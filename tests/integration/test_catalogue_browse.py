"""Browsing the catalogue: /catalogue/ and a category's page list what the public may see (the rule
the product page and search apply), with the category's descendants, facets counted in French
words, filters and sorting through a plain GET form, pagination that never fails, and a fixed
number of queries whatever the page holds."""

import html
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from oscar.core.loading import get_model
from PIL import Image

from catalogue import browsing
from marketplace.models import Label, LabelGrant
from shops.models import Shop, ShopStatus
from shops.trades import Trade
from tests.factories import ProductClassFactory, ProductFactory, ShopFactory, UserFactory

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")

BROWSE_MAX_QUERIES = 12


def titles(response) -> list[str]:
    return [product.title for product in response.context["products"]]


def text(response) -> str:
    """The page as read (entities such as &#x27; turned back into characters)."""
    return html.unescape(response.content.decode())


@pytest.fixture
def tree():
    """Alimentation > (Miel > Miel de montagne), (Pain); Artisanat."""
    food = Category.add_root(name="Alimentation", description="<p>Ce que les artisans cuisinent.</p>")
    honey = food.add_child(name="Miel")
    mountain = honey.add_child(name="Miel de montagne")
    bread = food.add_child(name="Pain")
    crafts = Category.add_root(name="Artisanat")
    return {"food": food, "honey": honey, "mountain": mountain, "bread": bread, "crafts": crafts}


def product_in(category, title, shop=None, **fields):
    price = fields.pop("price", Decimal("4.50"))
    product = ProductFactory(title=title, shop=shop or ShopFactory(), shop__price=price, **fields)
    product.categories.add(category)
    return product


# --- Who is listed ---------------------------------------------------------------------------------

def _private(product):
    Product.objects.filter(pk=product.pk).update(is_public=False)


def _hidden_by_chamber(product):
    Product.objects.filter(pk=product.pk).update(hidden_by_chamber=True, moderation_reason="Photo trompeuse")


def _shop_status(status):
    def change(product):
        Shop.objects.filter(partner__stockrecords__product=product).update(status=status, listed_at=None)
    return change


def _no_stock_record(product):
    product.stockrecords.all().delete()


HIDDEN_CASES = {
    "private": _private,
    "hidden by the chamber": _hidden_by_chamber,
    "shop suspended": _shop_status(ShopStatus.SUSPENDED),
    "shop draft": _shop_status(ShopStatus.DRAFT),
    "shop submitted": _shop_status(ShopStatus.SUBMITTED),
    "shop asked for changes": _shop_status(ShopStatus.CHANGES_REQUESTED),
    "shop rejected": _shop_status(ShopStatus.REJECTED),
    "sold by no shop": _no_stock_record,
}


@pytest.mark.parametrize("case", list(HIDDEN_CASES))
def test_catalogue_and_category_list_only_what_the_public_may_see(client, tree, case):
    product_in(tree["honey"], "Miel de lavande")
    unseen = product_in(tree["honey"], "Miel caché")
    HIDDEN_CASES[case](unseen)

    for url in ("/catalogue/", tree["honey"].get_absolute_url(), tree["food"].get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200
        assert titles(response) == ["Miel de lavande"], (case, url)
        assert "Miel caché" not in text(response)
        assert "1 produit" in text(response)


def test_a_sold_out_or_made_to_order_product_is_listed_as_on_its_storefront(client, tree):
    product_in(tree["honey"], "Miel épuisé", shop__num_in_stock=0)
    product_in(tree["honey"], "Hydromel sur commande", is_made_to_order=True, lead_time_days=10, shop__num_in_stock=0)
    assert sorted(titles(client.get(tree["honey"].get_absolute_url()))) == ["Hydromel sur commande", "Miel épuisé"]


def test_the_english_catalogue_counts_in_english(client, tree):
    product_in(tree["honey"], "Miel de lavande")
    response = client.get("/en/catalogue/")
    assert titles(response) == ["Miel de lavande"]
    assert ">1 product</h2>" in text(response) and "Filters" in text(response)


def test_what_the_catalogue_lists_is_what_the_product_pages_show(client, tree):
    """The same rule: each listed product's page opens, each unlisted one answers 404."""
    shown = product_in(tree["honey"], "Miel de lavande")
    hidden = [product_in(tree["honey"], f"Caché {name}") for name in HIDDEN_CASES if name != "sold by no shop"]
    for product, name in zip(hidden, [name for name in HIDDEN_CASES if name != "sold by no shop"]):
        HIDDEN_CASES[name](product)

    assert titles(client.get("/catalogue/")) == [shown.title]
    assert client.get(shown.get_absolute_url()).status_code == 200
    for product in hidden:
        assert client.get(product.get_absolute_url()).status_code == 404, product.title


# --- A category and its descendants ----------------------------------------------------------------

def test_a_category_lists_its_descendants_products_once_and_not_its_neighbours(client, tree):
    product_in(tree["mountain"], "Miel de sapin")
    acacia = product_in(tree["honey"], "Miel d'acacia")
    acacia.categories.add(tree["bread"])  # filed twice under Alimentation: listed once
    product_in(tree["bread"], "Pain au levain")
    product_in(tree["crafts"], "Bol en grès")

    assert sorted(titles(client.get(tree["food"].get_absolute_url()))) == ["Miel d'acacia", "Miel de sapin", "Pain au levain"]
    assert sorted(titles(client.get(tree["honey"].get_absolute_url()))) == ["Miel d'acacia", "Miel de sapin"]
    assert titles(client.get(tree["mountain"].get_absolute_url())) == ["Miel de sapin"]
    assert len(titles(client.get("/catalogue/"))) == 4


def test_sub_categories_are_counted_in_words_with_the_filters_kept(client, tree):
    product_in(tree["mountain"], "Miel de sapin")
    product_in(tree["honey"], "Miel d'acacia")
    product_in(tree["bread"], "Pain au levain")
    _hidden_by_chamber(product_in(tree["bread"], "Pain caché"))

    response = client.get(tree["food"].get_absolute_url() + "?sort=price&page=1")
    subs = {sub.category.name: sub.count for sub in response.context["facets"].sub_categories}
    assert subs == {"Miel": 2, "Pain": 1}
    page = text(response)
    assert "Miel <span class=\"echoppe-count\">2 produits</span>" in page
    assert "Pain <span class=\"echoppe-count\">1 produit</span>" in page
    assert f'href="{tree["honey"].get_absolute_url()}?sort=price"' in page  # the filters kept, not the page

    top = {sub.category.name: sub.count_words for sub in client.get("/catalogue/").context["facets"].sub_categories}
    assert top == {"Alimentation": "3 produits", "Artisanat": "aucun produit"}


def test_a_category_page_shows_its_trail_and_its_description(client, tree):
    product_in(tree["mountain"], "Miel de sapin")
    page = text(client.get(tree["mountain"].get_absolute_url()))
    trail = page[page.index('<ol class="breadcrumb">'):page.index("</ol>")]
    names = ["Accueil", "Tous les produits", "Alimentation", "Miel", "Miel de montagne"]
    assert [trail.index(name) for name in names] == sorted(trail.index(name) for name in names)
    assert f'<a href="{tree["honey"].get_absolute_url()}">Miel</a>' in trail
    assert 'aria-current="page">Miel de montagne</li>' in trail
    assert "Ce que les artisans cuisinent." in text(client.get(tree["food"].get_absolute_url()))


def test_a_category_description_keeps_only_safe_html(client, tree):
    tree["bread"].description = '<p onclick="steal()">Du <strong>levain</strong><script>steal()</script></p>'
    tree["bread"].long_description = "Cuit au feu de bois.\n\nChaque matin."
    tree["bread"].save()
    page = client.get(tree["bread"].get_absolute_url()).content.decode()
    assert "Du <strong>levain</strong>" in page
    assert "<script>steal()" not in page and "onclick" not in page
    assert "<p>Cuit au feu de bois.</p>" in page and "<p>Chaque matin.</p>" in page


def test_a_category_reached_by_an_old_address_is_redirected_with_its_filters(client, tree):
    response = client.get(f"/catalogue/category/ancien-nom_{tree['honey'].pk}/?sort=price")
    assert response.status_code == 301
    assert response["Location"] == tree["honey"].get_absolute_url() + "?sort=price"


def test_a_category_the_chamber_hid_is_not_found_but_its_staff_sees_it(client, tree):
    tree["honey"].is_public = False
    tree["honey"].save()
    tree["honey"].set_ancestors_are_public()
    assert client.get(tree["honey"].get_absolute_url()).status_code == 404
    assert client.get(Category.objects.get(pk=tree["mountain"].pk).get_absolute_url()).status_code == 404
    client.force_login(UserFactory(is_staff=True))
    assert client.get(tree["honey"].get_absolute_url()).status_code == 200


# --- Facets and filters ----------------------------------------------------------------------------

@pytest.fixture
def stalls(tree):
    bakery, honey_farm = ShopFactory(trade=Trade.BAKERY), ShopFactory(trade=Trade.HONEY)
    return {
        "levain": product_in(tree["bread"], "Pain au levain", bakery, price=Decimal("4.50")),
        "brioche": product_in(tree["bread"], "Brioche sur commande", bakery, price=Decimal("18.00"), is_made_to_order=True, lead_time_days=2),
        "lavande": product_in(tree["honey"], "Miel de lavande", honey_farm, price=Decimal("12.00")),
        "gros": product_in(tree["honey"], "Seau de miel", honey_farm, price=Decimal("60.00")),
    }


def facet(response, name) -> dict[str, int]:
    return {choice.value: choice.count for choice in getattr(response.context["facets"], name)}


def test_facets_count_the_category_by_trade_availability_and_price(client, tree, stalls):
    response = client.get(tree["food"].get_absolute_url())
    assert facet(response, "trades") == {Trade.BAKERY: 2, Trade.HONEY: 2}
    assert facet(response, "availability") == {"now": 3, "made-to-order": 1}
    assert facet(response, "prices") == {"0-10": 1, "10-20": 2, "50-100": 1}
    page = text(response)
    made_to_order = page[page.index('for="browse-availability-made-to-order">'):]
    assert made_to_order[:made_to_order.index("</label>")].endswith('<span class="echoppe-count">1 produit</span>')
    assert "Moins de 10 €" in page and "4 produits" in page


def test_each_facet_is_counted_with_the_other_filters_but_not_its_own(client, tree, stalls):
    response = client.get(tree["food"].get_absolute_url() + f"?trade={Trade.HONEY}&price_range=10-20")
    assert titles(response) == ["Miel de lavande"]
    assert facet(response, "trades") == {Trade.HONEY: 1, Trade.BAKERY: 1}  # at 10–20 €, whatever the trade
    assert facet(response, "prices") == {"10-20": 1, "50-100": 1}  # the honey farm's, whatever the price
    assert facet(response, "availability") == {"now": 1, "made-to-order": 0}
    assert "aucun produit" in text(response)  # the empty choice said in words
    assert response.context["filters"].active_count == 2


@pytest.mark.parametrize("query, expected", [
    (f"trade={Trade.BAKERY}", ["Brioche sur commande", "Pain au levain"]),
    ("availability=made-to-order", ["Brioche sur commande"]),
    ("availability=now", ["Miel de lavande", "Pain au levain", "Seau de miel"]),
    ("price_range=50-100", ["Seau de miel"]),
    (f"trade={Trade.BAKERY}&trade={Trade.HONEY}&price_range=0-10", ["Pain au levain"]),
])
def test_filters_narrow_the_list(client, tree, stalls, query, expected):
    assert sorted(titles(client.get(f"/catalogue/?{query}"))) == expected


def test_sorted_newest_first_by_default_or_by_price(client, tree, stalls):
    now = timezone.now()
    for days, product in enumerate(["gros", "lavande", "brioche", "levain"]):
        Product.objects.filter(pk=stalls[product].pk).update(date_created=now - timedelta(days=days))
    assert titles(client.get("/catalogue/")) == ["Seau de miel", "Miel de lavande", "Brioche sur commande", "Pain au levain"]
    assert titles(client.get("/catalogue/?sort=price")) == ["Pain au levain", "Miel de lavande", "Brioche sur commande", "Seau de miel"]
    assert titles(client.get("/catalogue/?sort=price-desc")) == ["Seau de miel", "Brioche sur commande", "Miel de lavande", "Pain au levain"]


@pytest.mark.parametrize("query", [
    "trade=garagiste", "availability=hier", "price_range=0-1000000", "sort=prix%27%3B--", "trade=%00",
    f"trade={Trade.HONEY}&trade=nope&sort=%F0%9F%8D%AF",
])
def test_filter_values_not_understood_are_ignored_and_said(client, tree, stalls, query):
    response = client.get(f"/catalogue/?{query}")
    assert response.status_code == 200
    assert "Certains filtres n'ont pas été compris\u00a0: ils sont ignorés." in text(response)
    assert len(titles(response)) in (2, 4)


def test_the_filters_are_a_get_form_in_a_drawer_after_which_the_results_come(client, tree, stalls):
    page = text(client.get("/catalogue/"))
    form = page[page.index('<form method="get" action="/catalogue/"'):page.index("</form>", page.index('id="catalogue-filters"'))]
    assert '<details class="echoppe-drawer browse-filters"' in form and "<summary>Filtres" in form
    assert 'name="trade"' in form and 'name="availability"' in form and 'name="price_range"' in form and 'name="sort"' in form
    assert '<button type="submit"' in form
    assert '<ul class="echoppe-cards echoppe-products">' in page
    assert page.index('id="browse-filters"') < page.index('class="echoppe-cards')


# --- Pages -----------------------------------------------------------------------------------------

@pytest.fixture
def many(tree):
    shop = ShopFactory()
    now = timezone.now()
    products = [product_in(tree["bread"], f"Pain n°{number:02d}", shop) for number in range(browsing.PAGE_SIZE + 6)]
    for number, product in enumerate(products):
        Product.objects.filter(pk=product.pk).update(date_created=now - timedelta(minutes=number))
    return products


def test_page_two_holds_the_rest_and_links_back(client, tree, many):
    first = client.get("/catalogue/")
    assert len(titles(first)) == browsing.PAGE_SIZE
    assert "30 produits" in text(first)
    assert 'href="?page=2"' in text(first)

    second = client.get(tree["food"].get_absolute_url() + "?sort=newest&page=2")
    assert titles(second) == [f"Pain n°{number:02d}" for number in range(browsing.PAGE_SIZE, browsing.PAGE_SIZE + 6)]
    assert 'rel="prev" href="?sort=newest&page=1"' in text(second)


@pytest.mark.parametrize("page", ["3", "99", "999999", "99999999999999999999", "0", "-1", "abc", "2.5", "1e3", "%00", "٣", ""])
def test_a_page_that_does_not_exist_shows_the_first_one_and_says_so(client, many, page):
    response = client.get(f"/catalogue/?page={page}")
    assert response.status_code == 200
    assert titles(response) == [f"Pain n°{number:02d}" for number in range(browsing.PAGE_SIZE)]
    said = "Cette page de résultats n'existe pas\u00a0: voici la première." in text(response)
    assert said == (page != "")


def test_a_page_beyond_an_empty_list_does_not_fail(client, tree):
    response = client.get(tree["crafts"].get_absolute_url() + "?page=2&trade=boulangerie")
    assert response.status_code == 200
    assert titles(response) == []


# --- Words and empty states ------------------------------------------------------------------------

def test_counts_are_french_words(client, tree):
    assert "<h2 id=\"browse-count\" class=\"browse-count\">Aucun produit</h2>" in text(client.get("/catalogue/"))
    product_in(tree["honey"], "Miel de lavande")
    assert ">1 produit</h2>" in text(client.get("/catalogue/"))
    product_in(tree["honey"], "Miel d'acacia")
    assert ">2 produits</h2>" in text(client.get("/catalogue/"))
    assert browsing.product_count(1234) == "1\u202f234 produits" or browsing.product_count(1234) == "1\u00a0234 produits"


def test_an_empty_category_offers_its_parent_and_the_search(client, tree):
    product_in(tree["bread"], "Pain au levain")
    page = text(client.get(tree["mountain"].get_absolute_url()))
    empty = page[page.index('id="browse-empty"'):]
    assert "Aucun produit dans cette catégorie pour l'instant." in empty
    assert f'<a href="{tree["honey"].get_absolute_url()}">Voir «\u00a0Miel\u00a0»</a>' in empty
    assert 'href="/search/"' in empty

    top = text(client.get(tree["crafts"].get_absolute_url()))
    assert '<a href="/catalogue/">Voir «\u00a0Tous les produits\u00a0»</a>' in top


def test_no_result_with_filters_offers_to_remove_them(client, tree, stalls):
    page = text(client.get(tree["bread"].get_absolute_url() + f"?trade={Trade.HONEY}&sort=price"))
    empty = page[page.index('id="browse-empty"'):]
    assert "Aucun produit avec ces filtres." in empty
    assert f'<a href="{tree["bread"].get_absolute_url()}?sort=price">Retirer tous les filtres</a>' in empty


# --- What it costs ---------------------------------------------------------------------------------

def picture(name: str) -> str:
    output = io.BytesIO()
    Image.new("RGB", (64, 48), "#b5651d").save(output, format="JPEG")
    return default_storage.save(f"images/products/{name}.jpg", ContentFile(output.getvalue()))


def browse_queries(client, url: str) -> tuple[int, int]:
    client.get(url)  # the menu and the categories' addresses cached, as on a running site
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), len(response.context["products"])


def test_a_page_of_cards_costs_the_same_queries_whatever_it_holds(client, tree, django_assert_max_num_queries):
    label = Label.objects.create(name="Fait maison", slug="fait-maison")
    ProductClassFactory(name="Produit artisanal")
    for number in range(browsing.PAGE_SIZE):
        shop = ShopFactory(trade=[Trade.BAKERY, Trade.HONEY, Trade.SOAP][number % 3])
        LabelGrant.objects.create(label=label, shop=shop)
        category = [tree["honey"], tree["mountain"], tree["bread"]][number % 3]
        product = product_in(category, f"Produit {number:02d}", shop, price=Decimal(5 + number * 3))
        ProductImage.objects.create(product=product, original=picture(f"p{number}"), display_order=0)
        if number == 2:
            few, listed_few = browse_queries(client, tree["food"].get_absolute_url())
    full, listed_full = browse_queries(client, tree["food"].get_absolute_url())

    assert (listed_few, listed_full) == (3, browsing.PAGE_SIZE)
    assert few == full
    with django_assert_max_num_queries(BROWSE_MAX_QUERIES):
        response = client.get(tree["food"].get_absolute_url() + f"?trade={Trade.HONEY}&sort=price")
    assert len(response.context["products"]) == browsing.PAGE_SIZE // 3
    assert "Fait maison" in text(response)
