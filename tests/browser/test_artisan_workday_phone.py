"""The artisan's day on a 320 px phone: orders, an order, the preparation sheet and the home page fit
the screen; the sheet's « Imprimer » button comes with its script and leaves the paper alone."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from checkout.order import workday
from tests.factories import ProductFactory, ShopFactory, UserFactory
from tests.integration.test_artisan_workday import at, place

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 320, "height": 640}


def assert_no_sideways_scroll(page) -> None:
    widths = page.evaluate("[document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]")
    assert max(widths[:2]) <= widths[2] == PHONE["width"], f"{page.url} is {widths[:2]} px wide on a {widths[2]} px screen"


def test_the_day_fits_a_phone_and_the_sheet_prints_without_its_buttons(browser_as, live_server):
    shop = ShopFactory(partner__name="Poterie du Lac aux longs noms de boutique")
    vase = ProductFactory(shop=shop, title="Grand vase bleu émaillé à la main, modèle unique", shop__price=Decimal("20.00"), shop__num_in_stock=100)
    today = workday.today()
    customer = UserFactory(first_name="Marie-Clémentine", last_name="de La Tour-Vieille-Montagne")
    pickup = place(shop, "PH-1", [(vase, 2)], status="new", customer=customer, pickup=at(today, 23))
    place(shop, "PH-2", [(vase, 1)], delivery=today, window="morning", phone="0612345678")
    page = browser_as(shop.owner)
    page.set_viewport_size(PHONE)
    sheet = f"{reverse('artisan:preparation-sheet')}?jour={today.isoformat()}"
    for url in (reverse("artisan:orders"), reverse("artisan:order", kwargs={"number": pickup.number}), sheet, reverse("artisan:home")):
        page.goto(live_server.url + url)
        assert_no_sideways_scroll(page)
    page.goto(live_server.url + sheet)
    button = page.get_by_role("button", name="Imprimer")
    assert button.is_visible()  # shown by print.js
    assert "Grand vase bleu" in page.locator("#totals-title").locator("..").inner_text()
    page.emulate_media(media="print")
    assert not button.is_visible() and not page.locator(".echoppe-backoffice__header").is_visible()
    assert not page.locator("input[name=jour]").is_visible()
    assert page.locator(".echoppe-sheet__order").count() == 2 and page.locator(".echoppe-sheet__order").first.is_visible()
