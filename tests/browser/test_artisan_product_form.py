"""An artisan adds a product from their phone: two pictures (shown cut to the card's square before
sending), a variant added with the form's button, then the product in their list. Nothing is wider
than a 320 px screen, on the form or on the list."""

from __future__ import annotations

import io

import pytest
from oscar.core.loading import get_model
from PIL import Image

from tests.factories import ShopFactory

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 740}
SMALL_PHONE = {"width": 320, "height": 640}


def jpeg(colour: str, size=(900, 600)) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, colour).save(output, format="JPEG")
    return output.getvalue()


def assert_no_sideways_scroll(page) -> None:
    widths = page.evaluate("[document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]")
    assert max(widths[:2]) <= widths[2], f"{page.url} is {widths[:2]} px wide on a {widths[2]} px screen"


def test_an_artisan_adds_a_product_with_two_pictures_and_a_variant(browser_as, live_server):
    shop = ShopFactory(partner__name="Confiturerie du Buëch")
    page = browser_as(shop.owner)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/espace-artisan/produits/")
    assert "Aucun produit pour" in page.content()
    with page.expect_navigation():
        page.get_by_role("link", name="Créer mon premier produit").click()
    assert_no_sideways_scroll(page)

    page.get_by_label("Nom du produit").fill("Confiture d’abricots")
    page.get_by_label("Description").fill("Abricots du Buëch, cuits au chaudron.")
    page.locator("input[type=file][name=pictures]").set_input_files([
        {"name": "pot.jpg", "mimeType": "image/jpeg", "buffer": jpeg("#e2a73b")},
        {"name": "tartine.jpg", "mimeType": "image/jpeg", "buffer": jpeg("#a13a1b", (600, 900))},
    ])
    # Before sending: each picture as the card will show it, a square.
    previews = page.locator("#new-pictures-preview .product-crop img")
    previews.nth(1).wait_for()
    assert previews.count() == 2
    page.wait_for_function("Array.from(document.querySelectorAll('#new-pictures-preview img')).every(img => img.complete && img.naturalWidth > 0)")
    box = page.locator("#new-pictures-preview .product-crop").first.bounding_box()
    assert abs(box["width"] - box["height"]) < 2, box
    assert page.locator("#new-pictures-preview img").first.evaluate("img => getComputedStyle(img).objectFit") == "cover"

    # The first variant's row is there; the button adds a second.
    page.locator("input[name='variants-0-name']").fill("250 g")
    page.locator("input[name='variants-0-price']").fill("4,20")
    page.locator("input[name='variants-0-stock']").fill("5")
    page.get_by_role("button", name="Ajouter une variante").click()
    page.locator("input[name='variants-1-name']").fill("500 g")
    page.locator("input[name='variants-1-price']").fill("7,80")
    page.locator("input[name='variants-1-stock']").fill("3")
    page.get_by_label("Fait sur commande").check()
    page.get_by_label("Délai de fabrication (jours)").fill("2")
    page.get_by_label("Lait").check()
    assert_no_sideways_scroll(page)
    page.set_viewport_size(SMALL_PHONE)
    assert_no_sideways_scroll(page)
    page.set_viewport_size(PHONE)

    with page.expect_navigation():
        page.get_by_role("button", name="Créer le produit").click()
    assert page.url.rstrip("/").endswith("/espace-artisan/produits")
    text = page.locator("main").inner_text()
    assert "«\u00a0Confiture d’abricots\u00a0» est créé." in text
    row = page.locator(".artisan-product", has_text="Confiture d’abricots")
    assert "2 variantes" in row.inner_text() and "4,20" in row.inner_text()
    assert row.locator("img").count() == 1  # its first picture
    assert_no_sideways_scroll(page)
    page.set_viewport_size(SMALL_PHONE)
    assert_no_sideways_scroll(page)

    product = Product.objects.get(title="Confiture d’abricots")
    assert product.images.count() == 2 and product.children.count() == 2
    assert product.allergens == ["milk"] and product.lead_time_days == 2

    # Its form again: the two pictures in their squares, the variants with their prices.
    with page.expect_navigation():
        row.get_by_role("link", name="Confiture d’abricots", exact=True).click()
    assert page.locator(".product-pictures .product-crop").count() == 2
    assert page.locator("input[name='variants-1-name']").input_value() == "500 g"
    assert_no_sideways_scroll(page)
