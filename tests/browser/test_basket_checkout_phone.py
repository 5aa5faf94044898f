"""The basket and the checkout on a 320 px phone: every fee before checkout, nothing wider than the
screen, only what applies to the way chosen, choices kept when the customer leaves and comes back.

The shops and the consumer come from conftest.py (``market``); the site runs on the real clock.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from checkout.order.models import CheckoutGroup
from tests.browser.conftest import offered_choice

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 320, "height": 640}


def assert_no_sideways_scroll(page) -> None:
    widths = page.evaluate("[document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]")
    assert max(widths[:2]) <= widths[2] == PHONE["width"], f"{page.url} is {widths[:2]} px wide on a {widths[2]} px screen"


def assert_tappable(locator) -> None:
    box = locator.bounding_box()
    assert box is not None and box["height"] >= 44 and box["width"] >= 44, box


def test_basket_to_checkout_on_a_320_px_phone(market, browser_as, live_server, client):
    honey, cheese, customer = market["honey"], market["cheese"], market["customer"]
    page = browser_as(customer)
    page.set_viewport_size(PHONE)
    for product in (market["lavender"], market["tomme"]):
        client.post(f"/basket/add/{product.pk}/", {"quantity": 1})  # the tab's session: the same basket

    # The basket: each shop says how its items can be got, and what it costs, before checkout.
    page.goto(live_server.url + reverse("basket:summary"))
    honey_part = page.locator("section.basket-shop", has_text="Miellerie des Écrins")
    assert "Retrait en boutique" in honey_part.inner_text() and "Livraison 3,00\u00a0€" in honey_part.inner_text()
    assert "Livraison gratuite" not in page.content()
    assert_no_sideways_scroll(page)
    checkout_link = page.get_by_role("link", name="Procéder au paiement")
    assert_tappable(checkout_link)
    with page.expect_navigation():
        checkout_link.click()
    page.wait_for_url(live_server.url + reverse("marketplace-checkout"))
    assert_no_sideways_scroll(page)

    # Nothing chosen yet: neither the slot menu nor the delivery day, nor the address, show.
    honey_slot = page.locator(f"select[name=shop_{honey.pk}_slot]")
    honey_day = page.locator(f"select[name=shop_{honey.pk}_date]")
    cheese_slot = page.locator(f"select[name=shop_{cheese.pk}_slot]")
    cheese_day = page.locator(f"select[name=shop_{cheese.pk}_date]")
    address = page.locator("input[name=line1]")
    assert honey_slot.is_hidden() and honey_day.is_hidden() and address.is_hidden()

    # Delivery for the honey: its slot menu is gone, its day and the address show.
    page.check(f"input[name=shop_{honey.pk}_fulfilment][value=delivery]")
    assert honey_slot.is_hidden() and honey_day.is_visible() and address.is_visible()
    # Click-and-collect for the cheese: its slot menu shows, its delivery day does not.
    page.check(f"input[name=shop_{cheese.pk}_fulfilment][value=pickup]")
    assert cheese_slot.is_visible() and cheese_day.is_hidden()
    slot = offered_choice(cheese_slot)
    with page.expect_response(lambda response: response.url.endswith("/checkout/brouillon/")) as saved:
        cheese_slot.select_option(slot)
    assert saved.value.status == 204
    day = offered_choice(honey_day)
    with page.expect_response(lambda response: response.url.endswith("/checkout/brouillon/")):
        honey_day.select_option(day)
        page.fill("input[name=line1]", "12 rue Carnot")
    assert_tappable(page.locator(f"label[for=id_shop_{cheese.pk}_fulfilment_0]"))
    assert_no_sideways_scroll(page)

    # Back to the basket and again to the checkout: everything chosen is still there.
    page.goto(live_server.url + reverse("basket:summary"))
    page.goto(live_server.url + reverse("marketplace-checkout"))
    assert page.is_checked(f"input[name=shop_{honey.pk}_fulfilment][value=delivery]")
    assert honey_day.input_value() == day and cheese_slot.input_value() == slot
    assert page.locator("input[name=line1]").input_value() == "12 rue Carnot"
    assert honey_slot.is_hidden() and cheese_day.is_hidden()

    # The summary, as stacked rows; the primary action last.
    for name, value in (("first_name", "Claire"), ("last_name", "Durand"), ("postcode", "05000"), ("commune_name", "Gap")):
        page.fill(f"input[name={name}]", value)
    for shop in (honey, cheese):
        page.check(f"input[name=shop_{shop.pk}_payment][value=on_site]")
    with page.expect_navigation():
        page.click("button[name=review]")
    summary = page.locator("section[aria-labelledby=summary-title]")
    summary.wait_for()
    assert "20,50\u00a0€" in summary.inner_text(), summary.inner_text()  # 8,50 + 3,00 of delivery + 9,00
    assert_no_sideways_scroll(page)
    confirm = page.locator("button[name=confirm]")
    assert_tappable(confirm)
    last_button = page.locator("form[data-checkout-form] button").last
    assert last_button.get_attribute("name") == "confirm"

    # Ordered: the confirmation adds up every shop, and fits the screen too.
    page.check("input[name=terms]")
    with page.expect_navigation():
        confirm.click()
    group = CheckoutGroup.objects.get(user=customer)
    page.wait_for_url(live_server.url + reverse("marketplace-checkout-done", kwargs={"number": group.number}))
    total = page.locator("section[aria-labelledby=grand-total-title]")
    assert "Total général" in total.inner_text() and "20,50\u00a0€" in total.inner_text(), total.inner_text()
    assert page.locator(".pickup-qr svg").count() == 1
    assert_no_sideways_scroll(page)
