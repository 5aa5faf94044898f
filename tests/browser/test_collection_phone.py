"""Every collection-point screen of the back-offices on a 320 px phone — the chamber's points, the
artisan's « Points de retrait », the host's sessions and a session with its customers — fits the
screen, has one title, and passes the Content-Security-Policy (tests/browser/conftest.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from checkout.order.models import Fulfilment
from checkout.placement import ShopChoice, place_checkout
from collection.models import SessionOccurrence
from tests.factories import UserFactory
from tests.integration.collection_support import NOW, basket_with, gap_market_world

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"width": 320, "height": 640}


@pytest.fixture
def market_with_a_customer():
    world = gap_market_world()
    customer = UserFactory(username="claire.dumas-de-la-fontaine@example.fr", email="claire.dumas-de-la-fontaine@example.fr",
                           first_name="Claire", last_name="Dumas-de-la-Fontaine")
    choices = {shop.pk: ShopChoice(Fulfilment.POINT, collection_window=world["key"]) for shop in world["shops"].values()}
    place_checkout(basket_with(world["products"].values(), owner=customer), customer, customer.email, choices, None, True, now=NOW)
    world["occurrence"] = SessionOccurrence.objects.get()
    return world


def too_wide(page, base_url: str, urls: list[str]) -> list:
    problems = []
    for url in urls:
        response = page.goto(base_url + url)
        assert response.status == 200, url
        assert page.locator("h1").count() == 1, url
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            problems.append((url, width))
    return problems


def test_every_collection_back_office_screen_fits_a_320_px_phone(market_with_a_customer, chamber_user, browser_as, live_server):
    world = market_with_a_customer
    screens = [
        (chamber_user, [reverse("chamber:collection-points"), reverse("chamber:collection-point-new"),
                        reverse("chamber:collection-point", kwargs={"pk": world["point"].pk})]),
        (world["shops"]["baker"].owner, [reverse("artisan:collection"), reverse("artisan:collection-labels")]),
        (world["point"].host, [reverse("host:home"), reverse("host:session", kwargs={"pk": world["occurrence"].pk})]),
    ]
    problems = []
    for user, urls in screens:
        page = browser_as(user)
        page.set_viewport_size(PHONE)
        problems += too_wide(page, live_server.url, urls)
    assert problems == []
