"""The demo's collection points: Gap's Saturday market, the chamber's office in Marseille and Aix's
tourist office, each with its host account and served by several demo shops; a basket from three
shops serving Gap's market is offered « Marché de Gap, samedi 9 h–12 h »."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory
from oscar.core.loading import get_model

from checkout.placement import lines_by_shop
from collection.models import CollectionPoint, PointHost, ShopSession
from collection.selection import basket_windows
from collection.words import window_words
from marketplace.demo.seeding import DEMO_PASSWORD, seed_demo
from shops.models import Shop
from tests.integration.collection_support import basket_with

Product = get_model("catalogue", "Product")
pytestmark = pytest.mark.django_db
TUESDAY = datetime.datetime(2026, 12, 1, 10, tzinfo=ZoneInfo("Europe/Paris"))


def test_the_demo_has_three_points_served_by_several_shops_with_their_hosts(communes_imported):
    seed_demo(shop_count=30, products_per_shop=2)
    points = {point.slug: point for point in CollectionPoint.objects.all()}
    assert set(points) == {"marche-de-gap", "chambre-marseille", "office-tourisme-aix"}
    for point in points.values():
        assert ShopSession.objects.filter(session__point=point).values("shop").distinct().count() >= 2, point.slug
        assert point.opening_periods.exists() and point.sessions.exists()
    host = PointHost.objects.get(point=points["marche-de-gap"]).user
    assert host.email == "hote-gap@echoppe.demo"
    assert authenticate(RequestFactory().post("/accounts/login/"), username=host.email, password=DEMO_PASSWORD) == host

    seed_demo(shop_count=30, products_per_shop=2)  # a second run adds nothing
    assert CollectionPoint.objects.count() == 3 and PointHost.objects.count() == 3

    gap_shops = Shop.objects.filter(collection_sessions__session__point=points["marche-de-gap"]).distinct().order_by("pk")[:3]
    assert len(gap_shops) == 3
    products = [Product.objects.filter(stockrecords__partner_id=shop.pk).exclude(stockrecords__num_in_stock=0).first() for shop in gap_shops]
    basket = basket_with([product for product in products if product])
    grouped = lines_by_shop(basket)
    shops = Shop.objects.prefetch_related("opening_periods", "closures").select_related("click_and_collect").in_bulk(grouped)
    windows = basket_windows([(shops[pk], lines) for pk, lines in grouped.items()], TUESDAY)
    saturday = next(window for window in windows if window.point.slug == "marche-de-gap")
    assert len(saturday.serving) == len(grouped) == 3
    assert window_words(saturday.occurrence).replace("\u00a0", " ") == "samedi 5 décembre, 9 h–12 h"
