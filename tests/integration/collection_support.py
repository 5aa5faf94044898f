"""A collection point world for the collection tests: Gap's Saturday market (9:00–12:00, orders close
on Thursday at 20:00, drop-off by 8:45), a baker, a cheesemaker and a potter serving it, a host."""

from __future__ import annotations

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from oscar.core.loading import get_model

from collection.models import CollectionPoint, CollectionSession, HostKind, PointHost, PointOpeningPeriod, ShopSession
from shops.models import OpeningPeriod
from shops.partner.strategy import MarketplaceStrategy
from tests.factories import CommuneFactory, ProductFactory, ShopFactory, UserFactory

Basket = get_model("basket", "Basket")
PARIS = ZoneInfo("Europe/Paris")
NOW = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=PARIS)  # a Tuesday
SATURDAY = datetime.date(2026, 12, 5)
WINDOW_KEY_DATE = SATURDAY.isoformat()


def make_point(commune, name="Marché de Gap", slug="marche-de-gap", *, capacity=30, cold=True, host_username="hote@marche.example.fr"):
    point = CollectionPoint.objects.create(
        name=name, slug=slug, host_kind=HostKind.MARKET_STALL, host_name="Stand de la chambre", address_line="Place Jean-Marcellin",
        postcode="05000", commune=commune, latitude=commune.latitude, longitude=commune.longitude, capacity_per_window=capacity,
        has_cold_storage=cold, instructions="Au stand vert, près de la fontaine.", contact_phone="04 92 00 00 00",
    )
    PointOpeningPeriod.objects.create(point=point, weekday=5, opens_at=datetime.time(7), closes_at=datetime.time(13))
    session = CollectionSession.objects.create(
        point=point, weekday=5, starts_at=datetime.time(9), ends_at=datetime.time(12),
        cutoff_days_before=2, cutoff_time=datetime.time(20), dropoff_days_before=0, dropoff_time=datetime.time(8, 45),
    )
    host = UserFactory(username=host_username, email=host_username)
    PointHost.objects.create(point=point, user=host)
    point.host, point.session = host, session
    return point


def gap_market_world(*, capacity=30, cold=True):
    gap = CommuneFactory(insee_code="05061", name="Gap", postcodes="05000", latitude=44.55858, longitude=6.07868)
    point = make_point(gap, capacity=capacity, cold=cold)
    shops = {}
    for key, name, periods in (
        ("baker", "Fournil des Écrins", [(5, 6, 12)]),
        ("cheese", "Fromagerie du Champsaur", [(4, 8, 18), (5, 7, 12)]),
        ("potter", "Poterie du Buëch", [(day, 10, 18) for day in (1, 2, 3, 4)]),
    ):
        shop = ShopFactory(partner__name=name, commune=gap, latitude=gap.latitude, longitude=gap.longitude)
        for weekday, opens, closes in periods:
            OpeningPeriod.objects.create(shop=shop, weekday=weekday, opens_at=datetime.time(opens), closes_at=datetime.time(closes))
        ShopSession.objects.create(shop=shop, session=point.session)
        shops[key] = shop
    products = {
        "baker": ProductFactory(shop=shops["baker"], title="Tourte de seigle", shop__price=Decimal("6.40")),
        "cheese": ProductFactory(shop=shops["cheese"], title="Tomme du Champsaur", shop__price=Decimal("12.00")),
        "potter": ProductFactory(shop=shops["potter"], title="Bol en grès", shop__price=Decimal("24.00")),
    }
    return {"point": point, "session": point.session, "shops": shops, "products": products, "gap": gap,
            "key": f"{point.session.pk}:{WINDOW_KEY_DATE}"}


def basket_with(products, owner=None):
    basket = Basket.objects.create(owner=owner)
    basket.strategy = MarketplaceStrategy()
    for product in products:
        basket.add_product(product, 1)
    return basket
