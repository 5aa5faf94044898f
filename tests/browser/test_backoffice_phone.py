"""The artisan's whole back-office on a 320 px phone: every screen, listed from the URL resolver, fits
the screen (no sideways scroll), passes the Content-Security-Policy (tests/browser/conftest.py) and
never links to Oscar's dashboard."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from oscar.apps.partner.strategy import Default
from oscar.core.loading import get_model
from oscar.test.factories import ShippingAddressFactory, create_order

from catalogue.models import ProductImport
from checkout.lifecycle import new_pickup_code
from shops.fulfilment import ClickAndCollectOption
from shops.models import OpeningPeriod
from tests.browser.test_responsive import overflow
from tests.factories import ProductFactory, ShopFactory, UserFactory
from tests.integration.url_catalogue import routes_in

Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db(transaction=True)


def own_objects_of(shop):
    """A shop with today's pickup order, a product and an import: every screen has something to show."""
    OpeningPeriod.objects.create(shop=shop, weekday=timezone.localdate().weekday(), opens_at=datetime.time(8), closes_at=datetime.time(19))
    ClickAndCollectOption.objects.create(shop=shop, is_active=True)
    product = ProductFactory(shop=shop, title="Pain de seigle aux noix et aux raisins de Corinthe, grande miche")
    basket = Basket.objects.create()
    basket.strategy = Default()
    basket.add_product(product, 2)
    customer = UserFactory(email="claire.dumas-de-la-fontaine@example.fr", username="claire", first_name="Claire", last_name="Dumas-de-la-Fontaine")
    order = create_order(basket=basket, user=customer, number="ECH-0042", shipping_address=ShippingAddressFactory())
    slot = timezone.localtime().replace(hour=17, minute=0, second=0, microsecond=0)
    order.fulfilment, order.pickup_code = "pickup", new_pickup_code()
    order.pickup_starts_at, order.pickup_ends_at = slot, slot + datetime.timedelta(minutes=30)
    order.save()
    product_import = ProductImport.objects.create(shop=shop, file_name="catalogue-de-printemps.csv", rows=[], total_rows=1, valid_rows=1)
    return {"pk_product": product.pk, "pk_import": product_import.pk, "number": order.number}


def url_of(route, objects) -> str:
    if not route.kwargs:
        return reverse(route.name)
    if "number" in route.kwargs:
        return reverse(route.name, kwargs={"number": objects["number"]})
    key = "pk_import" if route.name.startswith("artisan:import") else "pk_product"
    return reverse(route.name, kwargs={"pk": objects[key]})


def test_every_artisan_screen_fits_a_320_px_phone(chromium, live_server, client):
    shop = ShopFactory(partner__name="Boulangerie-pâtisserie du Vieux Moulin de Saint-Véran")
    objects = own_objects_of(shop)
    client.force_login(shop.owner)
    context = chromium.new_context(viewport={"width": 320, "height": 740}, locale="fr-FR", timezone_id="Europe/Paris")
    cookie = settings.SESSION_COOKIE_NAME
    context.add_cookies([{"name": cookie, "value": client.cookies[cookie].value, "url": live_server.url}])
    failures = []
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        for route in routes_in("artisan"):
            url = url_of(route, objects)
            if url.endswith(".csv"):
                continue  # a download: no page to look at
            response = page.goto(live_server.url + url)
            assert response.status == 200, (url, response.status)
            problem = overflow(page)
            if problem:
                failures.append(f"{route.name} ({url}): {problem}")
            assert page.locator("a[href*='/dashboard/']").count() == 0, url
    finally:
        context.close()
    assert not failures, "Artisan screens wider than a 320 px phone:\n" + "\n".join(failures)
