"""The demo's collection points: Gap's Saturday market, the chamber's office in Marseille and Aix's
tourist office, each with its host account and served by several demo shops; a basket from three
shops serving Gap's market is offered « Marché de Gap, samedi 9 h–12 h »."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import authenticate, get_user_model
from django.test import RequestFactory
from oscar.core.loading import get_model

from checkout.placement import lines_by_shop
from collection.models import CollectionBooking, CollectionPoint, PointHost, SessionOccurrence, ShopSession
from collection.selection import basket_windows
from collection.words import window_words
from marketplace.demo.seeding import CONSUMER_EMAIL, DEMO_PASSWORD, seed_demo
from shops.models import Shop
from tests.integration.collection_support import basket_with

Product = get_model("catalogue", "Product")
pytestmark = pytest.mark.django_db
TUESDAY = datetime.datetime(2026, 12, 1, 10, tzinfo=ZoneInfo("Europe/Paris"))


def test_the_demo_has_three_points_served_by_several_shops_with_their_hosts(communes_imported, client):
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

    # The acceptance as a new user checks it: the demo customer fills a basket from these three shops,
    # chooses Gap's market on Saturday, and the host sees one customer with three orders and one code.
    customer = get_user_model().objects.get(email=CONSUMER_EMAIL)
    client.force_login(customer)
    for product in products:
        client.post(f"/basket/add/{product.pk}/", {"quantity": 1})
    with time_machine.travel(TUESDAY, tick=False):
        page = client.get("/checkout/")
        together = dict(page.context["form"].fields["together"].choices)
        assert together[saturday.key].replace("\u00a0", " ").startswith("Marché de Gap, samedi matin — samedi 5 décembre, 9 h–12 h")
        data = {"together": saturday.key, **{f"shop_{shop.pk}_payment": "on_site" for shop in gap_shops}}
        review = client.post("/checkout/", {**data, "review": "1"})
        assert not review.context.get("problems"), review.context.get("problems")
        done = client.post("/checkout/", {**data, "confirm": "1", "terms": "on", "reviewed": review.context["digest"]})
        assert done.status_code == 302
    booking = CollectionBooking.objects.get(customer=customer)
    client.force_login(host)
    session = client.get(f"/espace-hote/seance/{SessionOccurrence.objects.get().pk}/")
    assert len(session.context["customers"]) == 1 and len(session.context["customers"][0].orders) == 3
    assert session.context["customers"][0].booking.code == booking.code
