"""A small region around Gap for the search contract: shops at exact distances, and what must not
be found (suspended, awaiting approval, sold out)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from oscar.core.loading import get_model

from geography.distance import KM_PER_DEGREE_OF_LATITUDE, GeoPoint
from geography.models import Commune
from marketplace.models import Label
from search.query import Place
from shops.fulfilment import ClickAndCollectOption, LocalDeliveryOption
from shops.models import OpeningPeriod, ShopStatus
from shops.trades import Trade
from tests.factories import CommuneFactory, ProductFactory, ShopFactory

Category = get_model("catalogue", "Category")
PARIS = ZoneInfo("Europe/Paris")
MONDAY_10 = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)


def north_of(point: GeoPoint, km: float) -> GeoPoint:
    # Along a meridian the great-circle distance is exactly the latitude difference.
    return GeoPoint(point.latitude + km / KM_PER_DEGREE_OF_LATITUDE, point.longitude)


@dataclass
class World:
    gap: Place
    honey_shop: object
    cheese_shop: object
    bakery: object
    vacation_shop: object
    products: dict


def build_world() -> World:
    gap_commune = Commune.objects.get(insee_code="05061")
    gap = Place(point=GeoPoint(gap_commune.latitude, gap_commune.longitude), label="Gap (05000)", insee_code="05061", postcode="05000")
    made_at_home = Label.objects.create(name="Fait maison", slug="fait-maison")
    honey_category = Category.add_root(name="Miel")
    dairy_category = Category.add_root(name="Produits laitiers")

    def shop_at(name: str, km: float, trade: str, **kwargs):
        point = north_of(gap.point, km)
        commune = CommuneFactory(name=f"Village à {km} km", latitude=point.latitude, longitude=point.longitude)
        return ShopFactory(partner__name=name, trade=trade, commune=commune, **kwargs)

    honey_shop = shop_at("Miellerie des Écrins", 4.0, Trade.HONEY)
    cheese_shop = shop_at("Fromagerie du Champsaur", 19.9, Trade.CHEESE)
    bakery = shop_at("Fournil de Tallard", 20.1, Trade.BAKERY)
    vacation_shop = shop_at("Rucher en congés", 8.0, Trade.HONEY, on_vacation=True)
    suspended = shop_at("Miellerie suspendue", 3.0, Trade.HONEY, status=ShopStatus.SUSPENDED)
    pending = shop_at("Miellerie en attente", 3.0, Trade.HONEY, status=ShopStatus.SUBMITTED)

    ClickAndCollectOption.objects.create(shop=honey_shop, capacity_per_slot=4)
    ClickAndCollectOption.objects.create(shop=bakery, capacity_per_slot=4)
    LocalDeliveryOption.objects.create(shop=honey_shop, is_active=True, radius_km=Decimal("10"))
    LocalDeliveryOption.objects.create(shop=cheese_shop, is_active=True, radius_km=Decimal("5"))
    made_at_home.shops.add(honey_shop, bakery)
    OpeningPeriod.objects.create(shop=honey_shop, weekday=0, opens_at=datetime.time(9), closes_at=datetime.time(12))
    OpeningPeriod.objects.create(shop=cheese_shop, weekday=0, opens_at=datetime.time(14), closes_at=datetime.time(18))

    def product(title, shop, price, category=None, stock=10, **kwargs):
        item = ProductFactory(title=title, shop=shop, shop__price=Decimal(price), shop__num_in_stock=stock, **kwargs)
        if category is not None:
            item.categories.add(category)
        return item

    products = {
        "lavender": product("Miel de lavande", honey_shop, "8.50", honey_category, description="<p>Récolté sur le plateau de Valensole.</p>"),
        "mountain": product("Miel de montagne", honey_shop, "12.00", honey_category),
        "cream": product("Crème fraîche épaisse", cheese_shop, "3.20", dairy_category),
        "tomme": product("Tomme de chèvre", cheese_shop, "9.00", dairy_category),
        "cheese_board": product("Plateau de fromages sur commande", cheese_shop, "35.00", dairy_category, lead_time_days=2),
        "rye": product("Pain de seigle", bakery, "4.50"),
        "vacation": product("Miel de sapin", vacation_shop, "11.00", honey_category),
        "suspended": product("Miel de châtaignier", suspended, "10.00", honey_category),
        "pending": product("Miel d'acacia", pending, "10.00", honey_category),
        "sold_out": product("Miel de thym", honey_shop, "14.00", honey_category, stock=0),
    }
    return World(gap, honey_shop, cheese_shop, bakery, vacation_shop, products)
