"""Multi-tenancy: artisan B can neither read nor change anything of artisan A's shop, by any URL.

Every URL of the artisan's back-office is listed from the resolver (a new screen joins the matrix by
itself, and fails it until the matrix knows which of A's objects its URL names): B tries each with
A's objects, by GET and POST, and gets a 404 with nothing of A changed; every form B can post is
tried with A's ids slipped in (mass assignment). Oscar's dashboard is out of reach for artisans: every
one of its URLs answers them with a redirect to their own back-office.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.apps.partner.strategy import Default
from oscar.core.loading import get_model
from oscar.test.factories import ShippingAddressFactory, create_order
from PIL import Image

from catalogue.models import ProductImport
from shops.models import Shop, ShopStatus
from tests.factories import ProductFactory, ShopFactory
from tests.integration.url_catalogue import routes_in

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def picture() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (500, 500), "#336699").save(output, format="JPEG")
    return output.getvalue()


@pytest.fixture
def tenants():
    """Artisan A's shop with a product, a picture, an import and an order; artisan B with a shop of their own."""
    shop_a = ShopFactory(partner__name="Atelier A", tagline="Accroche A")
    shop_b = ShopFactory(partner__name="Atelier B", tagline="Accroche B")
    product_a = ProductFactory(shop=shop_a, title="Vase de A")
    ProductFactory(shop=shop_b, title="Bol de B")
    image_a = ProductImage.objects.create(product=product_a, original=SimpleUploadedFile("a.jpg", picture()), caption="Photo A")
    basket = Basket.objects.create()
    basket.strategy = Default()
    basket.add_product(product_a)
    order_a = create_order(basket=basket, number="A-0001", shipping_address=ShippingAddressFactory())
    import_a = ProductImport.objects.create(shop=shop_a, file_name="a.csv", rows=[], total_rows=1, valid_rows=1)
    return {
        "shop_a": shop_a, "shop_b": shop_b, "product_a": product_a, "image_a": image_a, "order_a": order_a,
        "line_a": order_a.lines.get(), "stockrecord_a": product_a.stockrecords.get(), "import_a": import_a,
    }


# Which of A's objects each artisan URL names, by the URL's name (the longest matching prefix wins).
FOREIGN_KWARGS = {
    "artisan:import": lambda t: {"pk": t["import_a"].pk},
    "artisan:product": lambda t: {"pk": t["product_a"].pk},
    "artisan:order": lambda t: {"number": t["order_a"].number},
    "artisan:counter": lambda t: {"number": t["order_a"].number},
}


def foreign_kwargs(route, tenants) -> dict:
    prefixes = sorted((prefix for prefix in FOREIGN_KWARGS if route.name.startswith(prefix)), key=len, reverse=True)
    assert prefixes, f"{route.name} names an object: tell FOREIGN_KWARGS which of A's objects it takes"
    kwargs = FOREIGN_KWARGS[prefixes[0]](tenants)
    assert set(kwargs) == set(route.kwargs), f"{route.name} takes {route.kwargs}"
    return kwargs


ARTISAN_ROUTES = routes_in("artisan")
ROUTES_NAMING_AN_OBJECT = [route for route in ARTISAN_ROUTES if route.kwargs]
ROUTES_WITHOUT_OBJECT = [route for route in ARTISAN_ROUTES if not route.kwargs]

# Everything B's requests could change of A's, read again after each one.
def snapshot_of_a(tenants):
    product = Product.objects.get(pk=tenants["product_a"].pk)
    stockrecord = StockRecord.objects.get(pk=tenants["stockrecord_a"].pk)
    order = Order.objects.get(pk=tenants["order_a"].pk)
    shop = Shop.objects.get(pk=tenants["shop_a"].pk)
    return (
        product.title, product.is_public, product.description, stockrecord.price, stockrecord.num_in_stock,
        Product.objects.filter(stockrecords__partner_id=shop.pk).count(),
        ProductImage.objects.filter(product=product).count(), ProductImage.objects.get(pk=tenants["image_a"].pk).caption,
        order.status, order.lines.count(), order.payment_events.count() if hasattr(order, "payment_events") else 0,
        shop.tagline, shop.status, shop.theme, shop.accepts_payment_on_site,
        ProductImport.objects.get(pk=tenants["import_a"].pk).status,
    )


MASS_ASSIGNMENT = {
    "product": "{product_a.pk}", "products": "{product_a.pk}", "pk": "{product_a.pk}", "id": "{product_a.pk}",
    "order": "{order_a.number}", "number": "{order_a.number}", "code": "ECHOPPE:{order_a.number}:ABCDEF",
    "shop": "{shop_a.pk}", "partner": "{shop_a.pk}", "partner_id": "{shop_a.pk}", "stockrecord": "{stockrecord_a.pk}",
    "image": "{image_a.pk}", "images-0-id": "{image_a.pk}", "title": "Volé", "status": "cancelled",
    "action": "archive", "amount": "1", "means": "cash", "tagline": "Accroche piratée", "accepts_payment_on_site": "",
}


def test_the_matrix_covers_every_artisan_screen():
    names = {route.name for route in ARTISAN_ROUTES}
    assert {"artisan:home", "artisan:products", "artisan:orders", "artisan:counter", "artisan:sales", "artisan:notifications"} <= names
    assert len(ROUTES_NAMING_AN_OBJECT) >= 5


@pytest.mark.parametrize("route", ROUTES_NAMING_AN_OBJECT, ids=lambda route: route.name)
@pytest.mark.parametrize("method", ["get", "post"])
def test_artisan_b_gets_nothing_of_a_by_any_url(client, tenants, route, method):
    url = reverse(route.name, kwargs=foreign_kwargs(route, tenants))
    client.force_login(tenants["shop_b"].owner)
    before = snapshot_of_a(tenants)
    data = {key: value.format(**tenants) for key, value in MASS_ASSIGNMENT.items()}
    response = getattr(client, method)(url, data)
    # 405 for a POST to a read-only URL: refused before anything is looked up.
    assert response.status_code == 404 or (method == "post" and response.status_code == 405), (url, response.status_code)
    assert snapshot_of_a(tenants) == before


@pytest.mark.parametrize("route", ROUTES_NAMING_AN_OBJECT, ids=lambda route: route.name)
def test_artisan_a_reaches_their_own_objects(client, tenants, route):
    client.force_login(tenants["shop_a"].owner)
    response = client.get(reverse(route.name, kwargs=foreign_kwargs(route, tenants)))
    # 200, a file, or a redirect to the object's own page (duplicate, print…): never a 404 for the owner.
    assert response.status_code in (200, 302, 405), response.status_code


@pytest.mark.parametrize("route", ROUTES_WITHOUT_OBJECT, ids=lambda route: route.name)
def test_b_posting_as_ids_from_a_changes_nothing_of_a(client, tenants, route):
    client.force_login(tenants["shop_b"].owner)
    before = snapshot_of_a(tenants)
    data = {key: value.format(**tenants) for key, value in MASS_ASSIGNMENT.items()}
    response = client.post(reverse(route.name), data)
    assert response.status_code < 500
    assert snapshot_of_a(tenants) == before


@pytest.mark.parametrize("route", ROUTES_WITHOUT_OBJECT, ids=lambda route: route.name)
def test_pages_without_an_object_show_nothing_of_a(client, tenants, route):
    client.force_login(tenants["shop_b"].owner)
    response = client.get(reverse(route.name))
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
        html = response.content.decode()
        assert "Atelier B" in html
        for secret in ("Atelier A", "Accroche A", "Vase de A", "A-0001"):
            assert secret not in html, (route.name, secret)


# --- Oscar's dashboard: never for artisans ---------------------------------------------------------

SAMPLE_VALUES = {"pk": "1", "number": "A-0001", "line_id": "1", "slug": "a", "parent_pk": "1", "product_pk": "1",
                 "product_class_slug": "a", "code": "a", "key": "a"}


def dashboard_urls(tenants):
    urls = []
    for route in routes_in("dashboard"):
        kwargs = {name: SAMPLE_VALUES.get(name, "1") for name in route.kwargs}
        if "pk" in kwargs and "catalogue-product" in route.name:
            kwargs["pk"] = str(tenants["product_a"].pk)
        try:
            urls.append(reverse(route.name, kwargs=kwargs))
        except Exception:  # a converter refusing the sample: try an integer
            urls.append(reverse(route.name, kwargs={name: "1" for name in route.kwargs}))
    return urls


def test_every_dashboard_url_sends_an_artisan_to_their_back_office(client, tenants):
    client.force_login(tenants["shop_a"].owner)
    urls = dashboard_urls(tenants)
    assert len(urls) > 50  # Oscar's whole dashboard, not a sample
    before = snapshot_of_a(tenants)
    for url in urls:
        for method in ("get", "post"):
            response = getattr(client, method)(url, {"title": "Volé", "action": "change_order_status", "new_status": "cancelled"})
            assert response.status_code == 302, (method, url, response.status_code)
            assert response.url.startswith("/espace-artisan/"), (url, response.url)
    assert snapshot_of_a(tenants) == before


@pytest.mark.parametrize("old_bookmark, screen", [
    ("/dashboard/", "/espace-artisan/"),
    ("/dashboard/catalogue/", "/espace-artisan/produits/"),
    ("/dashboard/catalogue/products/{product_a.pk}/", "/espace-artisan/produits/{product_a.pk}/"),
    ("/dashboard/orders/", "/espace-artisan/commandes/"),
    ("/dashboard/orders/{order_a.number}/", "/espace-artisan/commandes/{order_a.number}/"),
    ("/en/dashboard/orders/", "/en/espace-artisan/commandes/"),
])
def test_old_dashboard_bookmarks_lead_to_the_same_screen(client, tenants, old_bookmark, screen):
    client.force_login(tenants["shop_a"].owner)
    response = client.get(old_bookmark.format(**tenants))
    assert response.status_code == 302 and response.url == screen.format(**tenants)


def test_artisans_hold_no_dashboard_permission_and_see_no_dashboard_link(client, tenants):
    owner = tenants["shop_a"].owner
    assert not owner.has_perm("partner.dashboard_access")
    client.force_login(owner)
    assert "/dashboard/" not in client.get("/").content.decode()


def test_the_chambers_staff_still_reach_oscars_dashboard(client, tenants, admin_user):
    client.force_login(admin_user)
    assert client.get("/dashboard/").status_code == 200


# --- Forms and pages of the back-office ------------------------------------------------------------

@pytest.mark.parametrize("url", ["/espace-artisan/boutique/", "/espace-artisan/horaires/", "/espace-artisan/apparence/", "/ouvrir-ma-boutique/demande/"])
def test_our_back_office_forms_ignore_partner_status_and_slug(client, tenants, url):
    shop_a, shop_b = tenants["shop_a"], tenants["shop_b"]
    client.force_login(shop_b.owner)
    client.post(url, {
        "partner": shop_a.pk, "partner_id": shop_a.pk, "shop": shop_a.pk, "pk": shop_a.pk, "status": ShopStatus.SUSPENDED,
        "slug": shop_a.slug, "tagline": "Accroche piratée", "theme": "marche", "primary_colour": "#1d4e89",
        "accent_colour": "#e07a1f", "font_pair": "rounded", "publish": "1",
        "periods-TOTAL_FORMS": "0", "periods-INITIAL_FORMS": "0", "closures-TOTAL_FORMS": "0", "closures-INITIAL_FORMS": "0",
    })
    a_after = Shop.objects.get(pk=shop_a.pk)
    b_after = Shop.objects.get(pk=shop_b.pk)
    assert (a_after.tagline, a_after.status, a_after.theme) == ("Accroche A", ShopStatus.APPROVED, shop_a.theme)
    assert (b_after.slug, b_after.status, b_after.partner_id) == (shop_b.slug, ShopStatus.APPROVED, shop_b.pk)


def test_b_cannot_preview_a_hidden_shop_or_a_draft_look_of_a(client, tenants):
    shop_a = tenants["shop_a"]
    Shop.objects.filter(pk=shop_a.pk).update(status=ShopStatus.SUBMITTED, listed_at=None, appearance_draft={"theme": "epure", "primary_colour": "#000000", "accent_colour": "#000000", "font_pair": "modern"})
    client.force_login(tenants["shop_b"].owner)
    assert client.get(f"/shops/{shop_a.slug}/?apercu=1").status_code == 404
    assert client.get(tenants["product_a"].get_absolute_url()).status_code == 404
