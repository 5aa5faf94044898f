"""The product page on a 320 px phone: nothing wider than the screen, and the « Ajouter au panier »
button always in reach — at the bottom of the screen while reading, and still on screen at the very
end of the page — with 44 px tap targets; on a wide screen the bar gives way to the form beside the
picture. The site runs on the real clock: the shop opens every day."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from shops.fulfilment import ClickAndCollectOption, LocalDeliveryOption
from tests.browser.conftest import open_every_day
from tests.browser.test_accessibility import axe_script, axe_violations, report  # noqa: F401 (fixture)
from tests.factories import ProductFactory, ShopFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def honey(gap):
    shop = ShopFactory(partner__name="Miellerie des Écrins", trade="miellerie", vat_regime="registered", commune=gap,
                       address_line="12 route des Ruchers", postcode="05000")
    open_every_day(shop)
    ClickAndCollectOption.objects.create(shop=shop, preparation_hours=1)
    LocalDeliveryOption.objects.create(shop=shop, is_active=True, radius_km=Decimal("10"), flat_fee=Decimal("5.00"),
                                       minimum_order=Decimal("15.00"), free_above=Decimal("40.00"), delivery_days=list(range(7)))
    return ProductFactory(
        shop=shop, shop__price=Decimal("11.20"), title="Nougat au miel de lavande et aux amandes de Provence",
        vat_rate=Decimal("0.055"), is_perishable=True,
        description="<p>" + "Un nougat tendre, cuit au chaudron de cuivre, au miel de nos ruches. " * 30 + "</p>",
        ingredients="Miel de lavande (40 %), amandes de Provence, blancs d'œufs, sucre, pain azyme (fécule de pomme de terre)",
        allergens=["nuts", "eggs"], net_quantity="250 g",
        storage_instructions="Au sec et à l'abri de la chaleur ; à consommer de préférence dans les 6 mois.",
    )


def width_of(page) -> tuple[int, int]:
    return page.evaluate("[Math.max(document.documentElement.scrollWidth, document.body.scrollWidth), window.innerWidth]")


def in_viewport(locator, viewport: dict) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"] and box["x"] >= 0 \
        and box["x"] + box["width"] <= viewport["width"]


def test_on_a_320_px_phone_the_add_to_basket_stays_in_reach(honey, browser_as, live_server, axe_script):  # noqa: F811
    page = browser_as()
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + honey.get_absolute_url())
    page.get_by_role("heading", name="Composition et conservation").wait_for()

    scroll_width, screen = width_of(page)
    assert scroll_width <= screen == PHONE["width"], f"the page is {scroll_width} px wide on a {screen} px screen"
    assert page.evaluate("document.documentElement.scrollHeight") > 2 * PHONE["height"]  # a long page: it scrolls

    bar = page.locator(".product-sticky-bar")
    button = bar.get_by_role("button", name="Ajouter au panier")
    assert in_viewport(button, PHONE)  # at the bottom of the screen from the start
    assert "11,20\u00a0€" in bar.inner_text()
    for target in (button, page.locator("#add_to_basket_form input[name=quantity]"),
                   page.locator("#add_to_basket_form button[type=submit]")):
        box = target.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, box

    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_function("window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1")
    assert in_viewport(button, PHONE), button.bounding_box()  # still there at the very end
    assert width_of(page)[0] <= PHONE["width"]

    violations = axe_violations(page, axe_script)
    assert not violations, report({"product page at 320 px": violations})

    # The bar's button submits the form above, with its quantity.
    page.fill("#add_to_basket_form input[name=quantity]", "2")
    with page.expect_navigation():
        button.click()
    page.goto(live_server.url + reverse("basket:summary"))
    assert honey.title in page.content()
    assert page.locator("input[name$='-quantity']").first.input_value() == "2"


def test_on_a_wide_screen_the_form_sits_beside_the_picture_and_the_bar_is_gone(honey, browser_as, live_server):
    page = browser_as()
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + honey.get_absolute_url())
    assert page.locator(".product-sticky-bar").is_hidden()
    assert page.locator("#add_to_basket_form button[type=submit]").is_visible()
    assert width_of(page)[0] <= DESKTOP["width"]
