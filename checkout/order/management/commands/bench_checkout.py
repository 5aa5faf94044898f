"""Benchmark (prints figures, asserts nothing): time and SQL queries to place a three-shop checkout.

Runs inside a transaction that is rolled back, so it leaves the database as it found it.
"""

import datetime
import statistics
import time
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from oscar.core.loading import get_model

from checkout.order.models import Fulfilment
from checkout.placement import DeliveryAddress, ShopChoice, place_checkout
from geography.models import Commune
from shops.fulfilment import ClickAndCollectOption, LocalDeliveryOption
from shops.models import OpeningPeriod, Shop, ShopStatus
from shops.partner.strategy import MarketplaceStrategy

Basket = get_model("basket", "Basket")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time and count the SQL queries of placing a three-shop checkout, for several basket sizes."

    def add_arguments(self, parser):
        parser.add_argument("--lines-per-shop", type=int, nargs="+", default=[1, 5, 20])
        parser.add_argument("--runs", type=int, default=5)

    def handle(self, *args, **options):
        self.stdout.write("lines/shop  lines  queries  queries per shop order  median ms")
        for per_shop in options["lines_per_shop"]:
            timings, queries = [], 0
            for _ in range(options["runs"]):
                try:
                    with transaction.atomic():
                        basket, choices, address = self.scenario(per_shop)
                        started = time.perf_counter()
                        with CaptureQueriesContext(connection) as captured:
                            place_checkout(basket, None, "bench@example.fr", choices, address, True, now=self.now)
                        timings.append((time.perf_counter() - started) * 1000)
                        queries = len(captured)
                        raise Rollback
                except Rollback:
                    pass
            self.stdout.write(f"{per_shop:>10}  {per_shop * 3:>5}  {queries:>7}  {queries / 3:>21.1f}  {statistics.median(timings):>9.1f}")

    def scenario(self, per_shop: int):
        self.now = timezone.now()
        commune = Commune.objects.order_by("-population").first() or Commune.objects.create(
            insee_code="00000", name="Bench", search_name="bench", postcodes="00000", department_code="00",
            department_name="Bench", region_code="00", region_name="Bench", latitude=44.0, longitude=6.0,
            coordinate_source="geonames",
        )
        product_class, _created = ProductClass.objects.get_or_create(name="Produit artisanal", defaults={"track_stock": True})
        basket = Basket.objects.create()
        basket.strategy = MarketplaceStrategy()
        choices = {}
        for index, fulfilment in enumerate((Fulfilment.PICKUP, Fulfilment.DELIVERY, Fulfilment.PICKUP)):
            partner = Partner.objects.create(name=f"Bench {index}")
            shop = Shop(partner=partner, slug=f"bench-{partner.pk}", trade="boulangerie", status=ShopStatus.APPROVED,
                        accepts_payment_on_site=True)
            shop.place_in(commune)
            shop.save()
            for weekday in range(7):
                OpeningPeriod.objects.create(shop=shop, weekday=weekday, opens_at=datetime.time(0), closes_at=datetime.time(23, 30))
            ClickAndCollectOption.objects.create(shop=shop, preparation_hours=0, capacity_per_slot=50)
            LocalDeliveryOption.objects.create(shop=shop, is_active=True, radius_km=Decimal("30"), delivery_days=list(range(7)))
            for number in range(per_shop):
                product = Product.objects.create(title=f"Produit {number}", product_class=product_class, structure="standalone")
                StockRecord.objects.create(product=product, partner=partner, partner_sku=f"B{number}", price=Decimal("3.50"), num_in_stock=100)
                basket.add_product(product, 2)
            if fulfilment == Fulfilment.PICKUP:
                from shops.slots import pickup_slots

                slot = pickup_slots(list(shop.opening_periods.all()), [], shop.click_and_collect.slot_rules(), self.now)[0]
                choices[shop.pk] = ShopChoice(fulfilment, pickup_starts_at=slot.starts_at)
            else:
                day = shop.local_delivery.delivery_dates(self.now, count=1)[0]
                choices[shop.pk] = ShopChoice(fulfilment, delivery_date=day, delivery_window="morning")
        address = DeliveryAddress("Bench", "Mark", "1 rue du Banc", commune.main_postcode, commune)
        return basket, choices, address
