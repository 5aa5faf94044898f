"""Oscar's dashboard paths that name products: the chamber's staff see and link them all; artisans
reach none of them (they work in /espace-artisan/, shops/oscar_dashboard_exit.py) and change nothing
by trying.

Two artisans (A and B, one shop each) and a staff member go through each path: the product lookup
behind the recommendations widget, the product form's recommendations (posted by hand, on an
existing product and on a new one), variants of another shop's product, the bulk actions, and the
dashboards that reference products (offers, ranges, stock alerts) or the catalogue's shared
categories.
"""

import pytest
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model

from tests.factories import ProductClassFactory, ProductFactory, ShopFactory, UserFactory

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductRecommendation = get_model("catalogue", "ProductRecommendation")
StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db

LOOKUP = "/dashboard/catalogue/product-lookup/"


@pytest.fixture
def world():
    """Shops A and B with two products each (A's second one a parent with a variant of A's), and a
    staff member. Every product is public and in a category, so that the product form saves."""
    category = create_from_breadcrumbs("Poterie > Vases")
    shop_a = ShopFactory(partner__name="Atelier A")
    shop_b = ShopFactory(partner__name="Atelier B")
    vase_a = ProductFactory(shop=shop_a, title="Vase de A")
    jug_a = ProductFactory(shop=shop_a, title="Pichet de A")
    necklace_a = Product.objects.create(title="Collier de A", structure=Product.PARENT, product_class=ProductClassFactory(), is_public=True)
    variant_a = Product.objects.create(title="Collier de A, argent", structure=Product.CHILD, parent=necklace_a, is_public=True)
    StockRecord.objects.create(product=variant_a, partner=shop_a.partner, partner_sku="COL-1", price_currency="EUR", price="30.00", num_in_stock=2)
    bowl_b = ProductFactory(shop=shop_b, title="Bol de B")
    plate_b = ProductFactory(shop=shop_b, title="Assiette de B")
    for product in (vase_a, jug_a, necklace_a, bowl_b, plate_b):
        ProductCategory.objects.create(product=product, category=category)
    staff = UserFactory(username="chambre@example.fr", is_staff=True, is_superuser=True)
    return {
        "a": shop_a.owner, "b": shop_b.owner, "staff": staff,
        "vase_a": vase_a, "jug_a": jug_a, "necklace_a": necklace_a, "variant_a": variant_a, "bowl_b": bowl_b, "plate_b": plate_b,
    }


# Who sees which products in the lookup (parent-less products, as in the dashboard's product list).
VISIBLE = {
    "a": {"Vase de A", "Pichet de A", "Collier de A"},
    "b": {"Bol de B", "Assiette de B"},
    "staff": {"Vase de A", "Pichet de A", "Collier de A", "Bol de B", "Assiette de B"},
}


def lookup(client, **params) -> set[str]:
    response = client.get(LOOKUP, params)
    assert response.status_code == 200, response.status_code
    return {result["text"] for result in response.json()["results"]}


@pytest.mark.parametrize("who", ["staff"])
def test_the_lookup_lists_the_users_own_products_only(client, world, who):
    client.force_login(world[who])
    assert lookup(client) == VISIBLE[who]
    assert lookup(client, q="de") == VISIBLE[who]  # a term every title has
    assert lookup(client, q="Bol") == VISIBLE[who] & {"Bol de B"}
    every_id = ",".join(str(world[name].pk) for name in ("vase_a", "jug_a", "necklace_a", "variant_a", "bowl_b", "plate_b"))
    assert lookup(client, initial=every_id) == VISIBLE[who]


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"}, {"page": "-1"}, {"page": "0"}, {"page": "99999999999999999999"}, {"page_limit": "1.5"},
        {"page_limit": "100000"}, {"q": "pain\x00"},
    ],
)
def test_hostile_lookup_parameters_are_a_400_not_a_500(client, world, params):
    client.force_login(world["staff"])
    assert client.get(LOOKUP, params).status_code == 400


def test_ids_that_cannot_be_ids_find_nothing(client, world):
    client.force_login(world["staff"])
    assert lookup(client, initial="abc,-1,99999999999999999999," + str(world["bowl_b"].pk)) == {"Bol de B"}


def test_the_lookup_pages_through_the_products(client, world):
    client.force_login(world["staff"])
    first = client.get(LOOKUP, {"page_limit": "3"}).json()
    second = client.get(LOOKUP, {"page_limit": "3", "page": "2"}).json()
    assert first["pagination"]["more"] is True and second["pagination"]["more"] is False
    assert {result["text"] for result in first["results"] + second["results"]} == VISIBLE["staff"]


def product_form(product, recommendations=()) -> dict:
    """What the dashboard's product page posts for ``product``, recommending ``recommendations``."""
    record = product.stockrecords.get()
    data = {
        "title": product.title, "upc": "", "description": "", "is_public": "on", "is_discountable": "on", "structure": "standalone",
        "vat_rate": "0.200", "lead_time_days": "0",
        "stockrecords-TOTAL_FORMS": "1", "stockrecords-INITIAL_FORMS": "1", "stockrecords-MIN_NUM_FORMS": "0", "stockrecords-MAX_NUM_FORMS": "1000",
        "stockrecords-0-id": str(record.pk), "stockrecords-0-partner": str(record.partner_id), "stockrecords-0-partner_sku": record.partner_sku,
        "stockrecords-0-price_currency": "EUR", "stockrecords-0-price": "4.50", "stockrecords-0-num_in_stock": "10",
        "stockrecords-0-low_stock_threshold": "",
        "images-TOTAL_FORMS": "0", "images-INITIAL_FORMS": "0", "images-MIN_NUM_FORMS": "0", "images-MAX_NUM_FORMS": "1000",
        "productcategory_set-TOTAL_FORMS": "1", "productcategory_set-INITIAL_FORMS": "1", "productcategory_set-MIN_NUM_FORMS": "0",
        "productcategory_set-MAX_NUM_FORMS": "1000",
        "productcategory_set-0-id": str(product.productcategory_set.get().pk), "productcategory_set-0-category": str(product.categories.get().pk),
        "primary_recommendations-TOTAL_FORMS": str(len(recommendations)), "primary_recommendations-INITIAL_FORMS": "0",
        "primary_recommendations-MIN_NUM_FORMS": "0", "primary_recommendations-MAX_NUM_FORMS": "1000",
    }
    for index, recommendation in enumerate(recommendations):
        data[f"primary_recommendations-{index}-recommendation"] = str(recommendation.pk)
        data[f"primary_recommendations-{index}-ranking"] = str(index)
    return data


def test_the_chambers_staff_may_link_any_products(client, world):
    client.force_login(world["staff"])
    product, recommended = world["vase_a"], world["bowl_b"]
    response = client.post(f"/dashboard/catalogue/products/{product.pk}/", product_form(product, [recommended]))
    assert response.status_code == 302
    assert ProductRecommendation.objects.filter(primary=product, recommendation=recommended).exists()


def artisan_attempts(world):
    """Every way an artisan used to name another shop's product in Oscar's dashboard."""
    product_class = world["bowl_b"].product_class
    new_product = product_form(world["bowl_b"], [world["vase_a"]])
    new_product.update({"title": "Tasse de B", "stockrecords-INITIAL_FORMS": "0", "stockrecords-0-id": "",
                        "productcategory_set-INITIAL_FORMS": "0", "productcategory_set-0-id": ""})
    return [
        ("get", LOOKUP, {}),
        ("post", f"/dashboard/catalogue/products/{world['bowl_b'].pk}/", product_form(world["bowl_b"], [world["vase_a"]])),
        ("post", f"/dashboard/catalogue/products/create/{product_class.slug}/", new_product),
        ("get", f"/dashboard/catalogue/products/{world['necklace_a'].pk}/create-variant/", {}),
        ("post", f"/dashboard/catalogue/products/{world['necklace_a'].pk}/create-variant/", {"title": "Intrus"}),
        ("post", "/dashboard/catalogue/", {"action": "make_products_non_public", "selected_product": [world["vase_a"].pk]}),
        *[("get", url, {}) for url in (
            "/dashboard/offers/", "/dashboard/offers/new/metadata/", "/dashboard/ranges/", "/dashboard/ranges/create/",
            "/dashboard/catalogue/stock-alerts/", "/dashboard/catalogue/categories/create/", "/dashboard/reports/",
            "/dashboard/vouchers/", "/dashboard/reviews/",
        )],
    ]


def test_artisans_reach_none_of_these_paths_and_change_nothing(client, world):
    for who in ("a", "b"):
        client.force_login(world[who])
        for method, url, data in artisan_attempts(world):
            response = getattr(client, method)(url, data)
            assert response.status_code == 302 and response.url.startswith("/espace-artisan/"), (who, method, url)
    assert not ProductRecommendation.objects.exists()
    assert not Product.objects.filter(title__in=["Tasse de B", "Intrus"]).exists()
    assert list(world["necklace_a"].children.values_list("title", flat=True)) == ["Collier de A, argent"]
    assert Product.objects.get(pk=world["vase_a"].pk).is_public


@pytest.mark.parametrize(
    "url",
    [
        "/dashboard/offers/", "/dashboard/offers/new/metadata/", "/dashboard/ranges/", "/dashboard/ranges/create/",
        "/dashboard/catalogue/stock-alerts/", "/dashboard/catalogue/categories/create/", "/dashboard/reports/",
        "/dashboard/vouchers/", "/dashboard/reviews/",
    ],
)
def test_the_chambers_staff_reach_the_dashboards_that_name_every_shops_products(client, world, url):
    client.force_login(world["staff"])
    assert client.get(url).status_code == 200


def test_the_product_page_recommends_only_visible_products_of_its_own_shop(world, client):
    """A recommendation saved before the dashboard checked its shop, or one hidden since, is not shown."""
    vase_a, jug_a = world["vase_a"], world["jug_a"]
    ProductRecommendation.objects.create(primary=vase_a, recommendation=jug_a, ranking=2)
    ProductRecommendation.objects.create(primary=vase_a, recommendation=world["bowl_b"], ranking=3)
    assert vase_a.sorted_recommended_products == [jug_a]
    page = client.get(vase_a.get_absolute_url())
    assert page.status_code == 200
    assert "Pichet de A" in page.content.decode() and "Bol de B" not in page.content.decode()
    Product.objects.filter(pk=jug_a.pk).update(hidden_by_chamber=True)
    assert vase_a.sorted_recommended_products == []
