"""The « Ventes » and « Notifications » screens with figures on a 320 px phone: the chart, the table and
the forms fit the screen, and the Content-Security-Policy passes (no script, no inline style)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone
from oscar.apps.partner.strategy import Default
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from payments.models import LedgerEntry
from tests.browser.test_responsive import overflow
from tests.factories import ProductFactory, ShopFactory, UserFactory

Basket = get_model("basket", "Basket")
pytestmark = pytest.mark.django_db(transaction=True)


def sales_of(shop):
    """Sales on several days of the current month (the real clock: the browser's pages read it too)."""
    today = timezone.localdate()
    for day in range(1, today.day + 1):
        basket = Basket.objects.create()
        basket.strategy = Default()
        basket.add_product(ProductFactory(shop=shop), 1)
        order = create_order(basket=basket, user=UserFactory(), number=f"S-{day}")
        entry = LedgerEntry.objects.create(
            order=order, kind=LedgerEntry.Kind.CARD_PAYMENT, gross=Decimal("1234.50"), commission=Decimal("123.45"),
            net=Decimal("1111.05"), idempotency_key=f"sale-{day}",
        )
        moment = timezone.make_aware(datetime.datetime.combine(today.replace(day=day), datetime.time(10)))
        LedgerEntry.objects.filter(pk=entry.pk).update(created_at=moment)


def test_sales_and_notifications_fit_a_320_px_phone(chromium, live_server, client):
    shop = ShopFactory(partner__name="Boulangerie-pâtisserie du Vieux Moulin de Saint-Véran")
    sales_of(shop)
    client.force_login(shop.owner)
    context = chromium.new_context(viewport={"width": 320, "height": 740}, locale="fr-FR", timezone_id="Europe/Paris")
    cookie = settings.SESSION_COOKIE_NAME
    context.add_cookies([{"name": cookie, "value": client.cookies[cookie].value, "url": live_server.url}])
    failures = []
    try:
        page = context.new_page()
        for path in ("/espace-artisan/ventes/", "/espace-artisan/ventes/?by=week", "/espace-artisan/ventes/?by=month",
                     "/espace-artisan/notifications/", "/espace-artisan/paiements/"):
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            problem = overflow(page)
            if problem:
                failures.append(f"{path}: {problem}")
        page.goto(live_server.url + "/espace-artisan/ventes/")
        assert page.locator("svg[role=img] rect.echoppe-sales__bar").count() == timezone.localdate().day
        assert page.locator("svg[role=img] rect.echoppe-sales__bar").first.bounding_box()["height"] > 10
    finally:
        context.close()
    assert not failures, "Wider than a 320 px phone:\n" + "\n".join(failures)
