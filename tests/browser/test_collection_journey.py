"""A whole collection-point journey in a real browser: a customer orders from three shops for
Saturday's market at Gap (« Tout retirer au même endroit »), gets one code; the artisans drop their
orders off at the host's stall, who checks each in on a phone and hands the customer all three orders
with that one code (paid on site, in cash).

The site runs on the real clock: the shops open every day, the page's first offered Saturday is taken."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from collection.models import CollectionBooking, CollectionOrder, ShopSession
from tests.browser.conftest import open_every_day
from tests.factories import ProductFactory, ShopFactory, UserFactory
from tests.integration.collection_support import make_point

pytestmark = pytest.mark.django_db(transaction=True)
Order = get_model("order", "Order")


@pytest.fixture
def saturday_market(gap):
    point = make_point(gap, name="Marché de Gap")
    shops, products = [], []
    for name, title in (("Fournil des Écrins", "Tourte de seigle"), ("Fromagerie du Champsaur", "Tomme de brebis"), ("Poterie du Buëch", "Bol en grès")):
        shop = ShopFactory(partner__name=name, commune=gap, latitude=gap.latitude, longitude=gap.longitude)
        open_every_day(shop)
        ShopSession.objects.create(shop=shop, session=point.session)
        shops.append(shop)
        products.append(ProductFactory(shop=shop, title=title))
    customer = UserFactory(username="claire@example.fr", email="claire@example.fr", first_name="Claire", last_name="Durand")
    return {"point": point, "shops": shops, "products": products, "customer": customer}


def test_three_shops_one_point_one_code_dropped_off_and_handed_over(saturday_market, browser_as, live_server):
    customer, shops = saturday_market["customer"], saturday_market["shops"]
    page = browser_as(customer)
    for product in saturday_market["products"]:
        page.goto(live_server.url + product.get_absolute_url())
        with page.expect_navigation():
            page.locator("#add_to_basket_form button[type=submit]").click()

    page.goto(live_server.url + reverse("marketplace-checkout"))
    together = page.locator("fieldset[data-together]")
    assert "Tout retirer au même endroit" in together.inner_text()
    saturday = together.locator("input[name=together]").nth(1)  # the first Saturday offered
    label = page.locator(f"label[for={saturday.get_attribute('id')}]").inner_text()
    assert re.search(r"Marché de Gap — samedi \d+ \w+, 9\u00a0h–12\u00a0h", label), label
    saturday.check()
    # With JavaScript, the three shops' own ways are hidden at once: they are collected at the market.
    page.locator("[data-together-note]").first.wait_for(state="visible")
    assert page.locator("[data-together-note]:visible").count() == 3
    assert page.locator("[data-own-way]:visible").count() == 0
    for shop in shops:
        page.check(f"input[name=shop_{shop.pk}_payment][value=on_site]")
    with page.expect_navigation():
        page.click("button[name=review]")
    assert page.locator("[data-collected-together]").count() == 3
    page.check("input[name=terms]")
    with page.expect_navigation():
        page.click("button[name=confirm]")

    # The confirmation: one place, one code for the three orders.
    assert page.locator("[data-collection]").count() == 1
    code = page.locator("[data-collection-code]").inner_text().strip()
    booking = CollectionBooking.objects.get(customer=customer)
    assert code == booking.code and booking.orders.count() == 3

    # Saturday morning at the stall: the host, on a phone, checks in each artisan's drop-off…
    host = browser_as(saturday_market["point"].host)
    host.set_viewport_size({"width": 360, "height": 740})
    host.goto(live_server.url + reverse("host:home"))
    with host.expect_navigation():
        host.locator("a[href*='/espace-hote/seance/']").first.click()
    assert host.locator("[data-customer]").count() == 1 and "Claire Durand" in host.locator("[data-customer]").inner_text()
    for shop in shops:
        with host.expect_navigation():
            host.locator("form[data-shop-dropoff]", has_text=shop.name).get_by_role("button", name="Enregistrer le dépôt").click()
    assert not CollectionOrder.objects.filter(dropped_off_at__isnull=True).exists()
    assert set(Order.objects.filter(user=customer).values_list("status", flat=True)) == {"ready"}

    # …then the customer gives their code: everything handed over at once, paid in cash.
    host.fill("#handover-code", code.lower())
    host.select_option("#handover-means", "cash")
    with host.expect_navigation():
        host.get_by_role("button", name="Remettre toutes ses commandes").click()
    assert "3 commande(s)" in host.locator(".echoppe-backoffice__main").inner_text()
    assert set(Order.objects.filter(user=customer).values_list("status", flat=True)) == {"collected"}
    assert host.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scroll on the phone
