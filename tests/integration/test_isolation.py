"""Multi-tenancy: artisan B can neither read nor change anything of artisan A's shop, by any URL.

Every back-office URL that names one of A's objects is tried by B, with GET and POST; every form B
can post is tried with A's ids slipped in (mass assignment).
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.apps.partner.strategy import Default
from oscar.core.loading import get_model
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.test.factories import ShippingAddressFactory, create_order
from PIL import Image

from shops.models import Shop, ShopStatus
from tests.factories import ProductFactory, ShopFactory

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
    """Artisan A's shop with a product, a picture and an order; artisan B with a shop of their own."""
    shop_a = ShopFactory(partner__name="Atelier A", tagline="Accroche A")
    shop_b = ShopFactory(partner__name="Atelier B", tagline="Accroche B")
    product_a = ProductFactory(shop=shop_a, title="Vase de A")
    ProductFactory(shop=shop_b, title="Bol de B")
    image_a = ProductImage.objects.create(product=product_a, original=SimpleUploadedFile("a.jpg", picture()), caption="Photo A")
    basket = Basket.objects.create()
    basket.strategy = Default()
    basket.add_product(product_a)
    order_a = create_order(basket=basket, number="A-0001", shipping_address=ShippingAddressFactory())
    return {
        "shop_a": shop_a, "shop_b": shop_b, "product_a": product_a, "image_a": image_a, "order_a": order_a,
        "line_a": order_a.lines.get(), "stockrecord_a": product_a.stockrecords.get(),
    }


# Oscar's dashboard URLs that name one of A's objects.
FOREIGN_URLS = [
    "/dashboard/catalogue/products/{product_a.pk}/",
    "/dashboard/catalogue/products/{product_a.pk}/delete/",
    "/dashboard/orders/{order_a.number}/",
    "/dashboard/orders/{order_a.number}/lines/{line_a.pk}/",
    "/dashboard/orders/{order_a.number}/shipping-address/",
]


@pytest.mark.parametrize("url", FOREIGN_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_artisan_b_gets_nothing_of_a_by_url(client, tenants, url, method):
    client.force_login(tenants["shop_b"].owner)
    before = (
        Product.objects.filter(pk=tenants["product_a"].pk).values_list("title", flat=True).first(),
        Order.objects.get(pk=tenants["order_a"].pk).status,
    )
    response = getattr(client, method)(url.format(**tenants), {"title": "Volé", "action": "change_order_status", "new_status": "Cancelled"})
    assert response.status_code in (403, 404), response.status_code
    after = (
        Product.objects.filter(pk=tenants["product_a"].pk).values_list("title", flat=True).first(),
        Order.objects.get(pk=tenants["order_a"].pk).status,
    )
    assert after == before


@pytest.mark.parametrize("url", FOREIGN_URLS)
def test_artisan_a_reaches_their_own_objects(client, tenants, url):
    client.force_login(tenants["shop_a"].owner)
    if url.endswith("/delete/"):
        return  # a GET of the delete page is a confirmation: checked below for B only
    assert client.get(url.format(**tenants)).status_code == 200


def test_lists_show_only_the_artisans_own_products_and_orders(client, tenants):
    client.force_login(tenants["shop_b"].owner)
    products = client.get("/dashboard/catalogue/").content.decode()
    assert "Bol de B" in products and "Vase de A" not in products
    orders = client.get("/dashboard/orders/").content.decode()
    assert "A-0001" not in orders
    stats = client.get("/dashboard/orders/statistics/")
    assert stats.status_code == 200 and stats.context["total_orders"] == 0


def test_a_mixed_order_is_hidden_from_artisans_and_its_lines_too(client, tenants):
    """Defence in depth: checkout places one order per shop, but an order mixing shops must not leak."""
    basket = Basket.objects.create()
    basket.strategy = Default()
    basket.add_product(tenants["product_a"])
    basket.add_product(Product.objects.get(title="Bol de B"))
    mixed = create_order(basket=basket, number="MIX-1")
    line_a = mixed.lines.get(partner=tenants["shop_a"].partner)
    client.force_login(tenants["shop_b"].owner)
    assert client.get(f"/dashboard/orders/{mixed.number}/").status_code == 404
    assert client.get(f"/dashboard/orders/{mixed.number}/lines/{line_a.pk}/").status_code == 404
    assert "MIX-1" not in client.get("/dashboard/orders/").content.decode()


def test_b_cannot_create_a_product_in_a_shop(client, tenants):
    """The stock record's partner is the shop: B may only choose their own."""
    client.force_login(tenants["shop_b"].owner)
    product_class = tenants["product_a"].product_class
    form = client.get(f"/dashboard/catalogue/products/create/{product_class.slug}/").context["form"]
    assert form is not None
    data = {
        "title": "Intrus", "upc": "", "description": "", "is_public": "on", "is_discountable": "on", "structure": "standalone",
        "vat_rate": "0.200", "lead_time_days": "0",
        "stockrecords-TOTAL_FORMS": "1", "stockrecords-INITIAL_FORMS": "0", "stockrecords-MIN_NUM_FORMS": "0", "stockrecords-MAX_NUM_FORMS": "1000",
        "stockrecords-0-partner": str(tenants["shop_a"].pk), "stockrecords-0-partner_sku": "X1",
        "stockrecords-0-price_currency": "EUR", "stockrecords-0-price": "10.00", "stockrecords-0-num_in_stock": "5",
        "stockrecords-0-low_stock_threshold": "",
        "images-TOTAL_FORMS": "0", "images-INITIAL_FORMS": "0", "images-MIN_NUM_FORMS": "0", "images-MAX_NUM_FORMS": "1000",
        "primary_recommendations-TOTAL_FORMS": "0", "primary_recommendations-INITIAL_FORMS": "0",
        "primary_recommendations-MIN_NUM_FORMS": "0", "primary_recommendations-MAX_NUM_FORMS": "1000",
        "productcategory_set-TOTAL_FORMS": "1", "productcategory_set-INITIAL_FORMS": "0", "productcategory_set-MIN_NUM_FORMS": "0", "productcategory_set-MAX_NUM_FORMS": "1000",
        "productcategory_set-0-category": str(create_from_breadcrumbs("Poterie > Vases").pk),
    }
    response = client.post(f"/dashboard/catalogue/products/create/{product_class.slug}/", data)
    assert not StockRecord.objects.filter(partner=tenants["shop_a"].partner, partner_sku="X1").exists()
    assert not Product.objects.filter(title="Intrus", stockrecords__partner=tenants["shop_a"].partner).exists()
    assert response.status_code == 200  # the form comes back with the partner refused

    data["stockrecords-0-partner"] = str(tenants["shop_b"].pk)
    response = client.post(f"/dashboard/catalogue/products/create/{product_class.slug}/", data)
    assert response.status_code == 302
    assert Product.objects.get(title="Intrus").stockrecords.get().partner == tenants["shop_b"].partner


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


def test_back_office_pages_show_the_signed_in_artisans_shop_only(client, tenants):
    client.force_login(tenants["shop_b"].owner)
    for url in ("/espace-artisan/", "/espace-artisan/boutique/", "/espace-artisan/apparence/", "/espace-artisan/horaires/"):
        html = client.get(url).content.decode()
        assert "Atelier B" in html and "Atelier A" not in html and "Accroche A" not in html


def test_b_cannot_preview_a_hidden_shop_or_a_draft_look_of_a(client, tenants):
    shop_a = tenants["shop_a"]
    Shop.objects.filter(pk=shop_a.pk).update(status=ShopStatus.SUBMITTED, appearance_draft={"theme": "epure", "primary_colour": "#000000", "accent_colour": "#000000", "font_pair": "modern"})
    client.force_login(tenants["shop_b"].owner)
    assert client.get(f"/shops/{shop_a.slug}/?apercu=1").status_code == 404
    assert client.get(tenants["product_a"].get_absolute_url()).status_code == 404


def test_b_cannot_edit_a_product_image_of_a_through_the_dashboard(client, tenants):
    client.force_login(tenants["shop_b"].owner)
    image_a = tenants["image_a"]
    response = client.post(f"/dashboard/catalogue/products/{tenants['product_a'].pk}/", {"images-0-id": image_a.pk, "images-0-caption": "Volée"})
    assert response.status_code in (403, 404)
    image_a.refresh_from_db()
    assert image_a.caption == "Photo A"


def test_an_artisan_adds_a_product_with_a_photo_through_the_dashboard(client, tenants, django_capture_on_commit_callbacks):
    from catalogue.models import ImageRendition

    client.force_login(tenants["shop_b"].owner)
    product_class = tenants["product_a"].product_class
    category = create_from_breadcrumbs("Poterie > Bols")
    data = {
        "title": "Bol à café", "upc": "", "description": "<p>Grès <script>x()</script>émaillé</p>", "is_public": "on",
        "is_discountable": "on", "structure": "standalone", "vat_rate": "0.200", "lead_time_days": "0",
        "stockrecords-TOTAL_FORMS": "1", "stockrecords-INITIAL_FORMS": "0", "stockrecords-MIN_NUM_FORMS": "0", "stockrecords-MAX_NUM_FORMS": "1000",
        "stockrecords-0-partner": str(tenants["shop_b"].pk), "stockrecords-0-partner_sku": "BOL-1",
        "stockrecords-0-price_currency": "EUR", "stockrecords-0-price": "24.00", "stockrecords-0-num_in_stock": "6",
        "stockrecords-0-low_stock_threshold": "",
        "images-TOTAL_FORMS": "1", "images-INITIAL_FORMS": "0", "images-MIN_NUM_FORMS": "0", "images-MAX_NUM_FORMS": "1000",
        "images-0-original": SimpleUploadedFile("bol.jpg", picture(), content_type="image/jpeg"), "images-0-caption": "Le bol",
        "images-0-display_order": "0",
        "primary_recommendations-TOTAL_FORMS": "0", "primary_recommendations-INITIAL_FORMS": "0",
        "primary_recommendations-MIN_NUM_FORMS": "0", "primary_recommendations-MAX_NUM_FORMS": "1000",
        "productcategory_set-TOTAL_FORMS": "1", "productcategory_set-INITIAL_FORMS": "0", "productcategory_set-MIN_NUM_FORMS": "0",
        "productcategory_set-MAX_NUM_FORMS": "1000", "productcategory_set-0-category": str(category.pk),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/dashboard/catalogue/products/create/{product_class.slug}/", data)
    assert response.status_code == 302
    product = Product.objects.get(title="Bol à café")
    assert "script" not in product.description and "émaillé" in product.description
    image = product.images.get()
    assert ImageRendition.objects.filter(source=image.original.name).count() == 2  # 400 px, WebP and JPEG
    assert client.get(product.get_absolute_url()).status_code == 200

    data.update(title="Bol piégé", **{"stockrecords-0-partner_sku": "BOL-2", "images-0-original": SimpleUploadedFile("piege.jpg", b"<?php system($_GET[0]); ?>")})
    response = client.post(f"/dashboard/catalogue/products/create/{product_class.slug}/", data)
    assert response.status_code == 200
    assert not Product.objects.filter(title="Bol piégé").exists()


def test_the_artisan_archives_and_restores_their_own_products_only(client, tenants):
    product_a = tenants["product_a"]
    client.force_login(tenants["shop_b"].owner)
    assert client.post("/espace-artisan/produits/", {"product": product_a.pk, "action": "archive"}).status_code == 404
    assert client.post("/espace-artisan/produits/", {"product": "abc", "action": "archive"}).status_code == 404
    product_a.refresh_from_db()
    assert product_a.is_public
    page = client.get("/espace-artisan/produits/").content.decode()
    assert "Bol de B" in page and "Vase de A" not in page

    client.force_login(tenants["shop_a"].owner)
    assert client.post("/espace-artisan/produits/", {"product": product_a.pk, "action": "archive"}).status_code == 302
    product_a.refresh_from_db()
    assert not product_a.is_public
    assert product_a not in client.get(tenants["shop_a"].get_absolute_url()).context["products"]
    assert "Vase de A" in client.get("/espace-artisan/produits/?archives=1").content.decode()
    client.post("/espace-artisan/produits/", {"product": product_a.pk, "action": "restore"})
    product_a.refresh_from_db()
    assert product_a.is_public
