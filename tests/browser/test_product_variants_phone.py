"""A product with variants on a 320 px phone, scripts off: the variants are radio buttons with their
price and availability, nothing wider than the screen, 44 px rows; choosing one and « Ajouter au
panier » puts that variant in the basket."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shops.fulfilment import ClickAndCollectOption
from shops.product_editing import ProductChange, VariantChange, save_product
from tests.browser.conftest import open_every_day
from tests.factories import ShopFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 320, "height": 640}


def test_choosing_a_variant_without_scripts_on_a_320_px_phone(gap, chromium, live_server):
    shop = ShopFactory(partner__name="Confiturerie du Lac aux Myrtilles Sauvages", commune=gap)
    open_every_day(shop)
    ClickAndCollectOption.objects.create(shop=shop, preparation_hours=1)
    jam = save_product(shop, None, ProductChange(
        values={"title": "Confiture de myrtilles sauvages du Champsaur", "vat_rate": Decimal("0.055")},
        variants=[VariantChange(None, "Petit pot de 250 grammes", Decimal("4.50"), 0),
                  VariantChange(None, "Grand pot familial de 500 grammes", Decimal("8.00"), 3),
                  VariantChange(None, "Coffret de trois pots", Decimal("21.00"), 2)],
    ))
    context = chromium.new_context(locale="fr-FR", timezone_id="Europe/Paris", java_script_enabled=False)
    try:
        page = context.new_page()
        page.set_viewport_size(PHONE)
        page.goto(live_server.url + jam.get_absolute_url())
        widths = page.evaluate("[Math.max(document.documentElement.scrollWidth, document.body.scrollWidth), window.innerWidth]")
        assert widths[0] <= widths[1] == PHONE["width"], widths

        variants = page.locator("input[name=child_id]")
        assert variants.count() == 3
        assert variants.nth(0).is_disabled() and variants.nth(1).is_checked()  # sold out; the cheapest orderable
        for row in page.locator("label.product-variant").all():
            assert row.bounding_box()["height"] >= 44
        assert "à partir de 8,00" in page.locator(".product-price").inner_text()  # the cheapest that can be bought

        page.locator("label.product-variant", has_text="Coffret").click()
        assert variants.nth(2).is_checked()
        with page.expect_navigation():
            page.locator("#add_to_basket_form button[type=submit]").click()
        page.goto(live_server.url + "/basket/")
        basket = page.locator("main, body").first.inner_text()
        assert "Coffret de trois pots" in basket and "21,00" in basket
    finally:
        context.close()
