"""One basket from three shops placed as three orders, all or nothing."""

import datetime
import math
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from oscar.core.loading import get_model

from checkout.order.models import CheckoutGroup, Fulfilment
from checkout.placement import DeliveryAddress, PlacementRefused, ShopChoice, place_checkout
from shops.fulfilment import ClickAndCollectOption, LocalDeliveryOption, PickupSlotLoad
from shops.models import OpeningPeriod
from shops.partner.strategy import MarketplaceStrategy
from tests.factories import CommuneFactory, ProductFactory, ShopFactory, UserFactory

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
NOW = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)  # a Monday
TUESDAY_8 = datetime.datetime(2026, 11, 24, 8, 0, tzinfo=PARIS)
KM = 1 / (math.pi * 6371.0088 / 180)


@pytest.fixture
def three_shops():
    home = CommuneFactory(insee_code="99061", postcodes="05000", latitude=44.0, longitude=6.0)  # not a real code: the gazetteer may be loaded
    baker = ShopFactory(partner__name="Fournil", commune=home, latitude=44.0, longitude=6.0)
    cheese = ShopFactory(partner__name="Fromagerie", commune=home, latitude=44.0, longitude=6.0)
    potter = ShopFactory(partner__name="Poterie", commune=home, latitude=44.0, longitude=6.0)
    for shop in (baker, potter):
        ClickAndCollectOption.objects.create(shop=shop, capacity_per_slot=2, preparation_hours=2)
        OpeningPeriod.objects.create(shop=shop, weekday=1, opens_at=datetime.time(8), closes_at=datetime.time(12))
    LocalDeliveryOption.objects.create(
        shop=cheese, is_active=True, radius_km=Decimal("15"), flat_fee=Decimal("6.00"),
        distance_bands=[["5", "2.50"]], free_above=Decimal("100"), minimum_order=Decimal("10"),
    )
    return {"baker": baker, "cheese": cheese, "potter": potter}


def basket_with(items):
    basket = Basket.objects.create()
    basket.strategy = MarketplaceStrategy()
    for product, quantity in items:
        basket.add_product(product, quantity)
    return basket


def address_at(km_north, postcode="05100"):
    commune = CommuneFactory(insee_code=f"9910{int(km_north) % 10}", postcodes=postcode, latitude=44.0 + km_north * KM, longitude=6.0)
    return DeliveryAddress("Claire", "Martin", "2 rue des Lilas", postcode, commune, "0492000000")


def choices(shops, overrides=None):
    base = {
        shops["baker"].pk: ShopChoice(Fulfilment.PICKUP, pickup_starts_at=TUESDAY_8),
        shops["cheese"].pk: ShopChoice(Fulfilment.DELIVERY, delivery_date=datetime.date(2026, 11, 24), delivery_window="morning"),
        shops["potter"].pk: ShopChoice(Fulfilment.PICKUP, pickup_starts_at=TUESDAY_8),
    }
    base.update(overrides or {})
    return base


def test_three_shops_make_three_orders_with_their_own_totals(three_shops, django_capture_on_commit_callbacks):
    bread = ProductFactory(shop=three_shops["baker"], shop__price=Decimal("4.20"))
    tomme = ProductFactory(shop=three_shops["cheese"], shop__price=Decimal("9.50"))
    bowl = ProductFactory(shop=three_shops["potter"], shop__price=Decimal("24.00"))
    basket = basket_with([(bread, 3), (tomme, 2), (bowl, 1)])
    customer = UserFactory(email="claire@example.fr", username="claire@example.fr")

    with django_capture_on_commit_callbacks(execute=True):
        group = place_checkout(basket, customer, "claire@example.fr", choices(three_shops), address_at(3), True, now=NOW)

    orders = {order.lines.get().partner_name: order for order in group.orders.all()}
    assert {order.status for order in orders.values()} == {"new"}
    assert set(orders) == {"Fournil", "Fromagerie", "Poterie"}
    assert (orders["Fournil"].total_incl_tax, orders["Fournil"].fulfilment) == (Decimal("12.60"), "pickup")
    assert orders["Fournil"].pickup_starts_at == TUESDAY_8 and len(orders["Fournil"].pickup_code) == 6
    cheese = orders["Fromagerie"]
    assert (cheese.total_incl_tax, cheese.shipping_incl_tax, cheese.delivery_window) == (Decimal("21.50"), Decimal("2.50"), "morning")
    assert cheese.shipping_address.postcode == "05100"
    assert group.total_incl_tax == Decimal("12.60") + Decimal("21.50") + Decimal("24.00")
    assert basket.status == "Submitted"
    assert StockRecord.objects.get(product=bread).num_allocated == 3
    assert PickupSlotLoad.objects.filter(starts_at=TUESDAY_8).count() == 2
    # One confirmation for the customer, one new-order e-mail per artisan.
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients.count("claire@example.fr") == 1 and len(recipients) == 4
    assert group.number in next(m for m in mail.outbox if m.to == ["claire@example.fr"]).subject


def test_nothing_is_placed_when_one_item_is_out_of_stock(three_shops):
    bread = ProductFactory(shop=three_shops["baker"])
    last_bowl = ProductFactory(shop=three_shops["potter"], shop__num_in_stock=1)
    basket = basket_with([(bread, 1), (last_bowl, 1)])
    StockRecord.objects.filter(product=last_bowl).update(num_allocated=1)  # someone else took it meanwhile
    with pytest.raises(PlacementRefused) as refused:
        place_checkout(basket, None, "a@example.fr", choices(three_shops), None, True, now=NOW)
    assert str(refused.value).startswith("Poterie") and last_bowl.title in str(refused.value) and "Fournil" not in str(refused.value)
    assert not Order.objects.exists() and not CheckoutGroup.objects.exists()
    assert StockRecord.objects.get(product=bread).num_allocated in (None, 0)
    assert not PickupSlotLoad.objects.filter(booked__gt=0).exists()
    assert basket.status == "Open"


def test_a_full_slot_cancels_the_whole_checkout(three_shops):
    PickupSlotLoad.objects.create(shop=three_shops["potter"], starts_at=TUESDAY_8, capacity=2, booked=2)
    basket = basket_with([(ProductFactory(shop=three_shops["baker"]), 1), (ProductFactory(shop=three_shops["potter"]), 1)])
    with pytest.raises(PlacementRefused, match="créneau"):
        place_checkout(basket, None, "a@example.fr", choices(three_shops), None, True, now=NOW)
    assert not Order.objects.exists()
    assert not PickupSlotLoad.objects.filter(shop=three_shops["baker"], booked__gt=0).exists()


def test_every_problem_is_reported_by_shop(three_shops):
    basket = basket_with([
        (ProductFactory(shop=three_shops["baker"]), 1),
        (ProductFactory(shop=three_shops["cheese"], shop__price=Decimal("12.00")), 1),
        (ProductFactory(shop=three_shops["potter"]), 1),
    ])
    bad_choices = choices(
        three_shops,
        {three_shops["baker"].pk: ShopChoice(Fulfilment.PICKUP, pickup_starts_at=TUESDAY_8 + datetime.timedelta(minutes=7))},
    )
    with pytest.raises(PlacementRefused) as refused:
        place_checkout(basket, None, "a@example.fr", bad_choices, address_at(23), True, now=NOW)
    problems = refused.value.problems
    assert any(p.startswith("Fournil\xa0:") and "créneau" in p for p in problems)
    assert "Fromagerie\xa0: hors zone\xa0: 23 km, livraison jusqu'à 15 km" in problems
    assert len(problems) == 2


def test_minimum_order_terms_and_vacation(three_shops):
    small = basket_with([(ProductFactory(shop=three_shops["cheese"], shop__price=Decimal("4.00")), 1)])
    with pytest.raises(PlacementRefused, match="minimum"):
        place_checkout(small, None, "a@example.fr", choices(three_shops), address_at(3), True, now=NOW)
    with pytest.raises(PlacementRefused, match="conditions"):
        place_checkout(small, None, "a@example.fr", choices(three_shops), address_at(3), False, now=NOW)
    three_shops["baker"].on_vacation = True
    three_shops["baker"].save()
    away = basket_with([(ProductFactory(shop=three_shops["baker"]), 1)])
    away.strategy = MarketplaceStrategy()
    with pytest.raises(PlacementRefused, match="Fournil"):
        place_checkout(away, None, "a@example.fr", choices(three_shops), None, True, now=NOW)


def test_placing_costs_the_same_queries_whatever_the_number_of_lines(three_shops):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for(lines_per_shop):
        items = [
            (ProductFactory(shop=three_shops[name], shop__price=Decimal("20.00")), 1)
            for name in ("baker", "cheese", "potter")
            for _ in range(lines_per_shop)
        ]
        basket = basket_with(items)
        with CaptureQueriesContext(connection) as captured:
            place_checkout(basket, None, "a@example.fr", choices(three_shops), address_at(3), True, now=NOW)
        PickupSlotLoad.objects.update(booked=0)
        return len(captured)

    queries_for(1)  # first placement: caches (site, country) filled once per process
    assert queries_for(6) == queries_for(1) <= 3 * 40


def test_discounted_prices_are_what_is_charged(three_shops):
    """Oscar offers lower line prices: totals, fees and minimum orders use the discounted prices."""
    from oscar.test.factories import ConditionalOfferFactory

    from oscar.apps.offer import models as offer_models
    ConditionalOfferFactory(
        benefit__type=offer_models.Benefit.PERCENTAGE, benefit__value=20, benefit__range__includes_all_products=True,
        condition__type=offer_models.Condition.COUNT, condition__value=1, condition__range__includes_all_products=True,
    )
    from oscar.apps.offer.applicator import Applicator

    basket = basket_with([(ProductFactory(shop=three_shops["baker"], shop__price=Decimal("10.00")), 1)])
    Applicator().apply(basket)
    group = place_checkout(basket, None, "a@example.fr", choices(three_shops), None, True, now=NOW)
    order = group.orders.get()
    assert order.total_incl_tax == order.lines.get().line_price_incl_tax == Decimal("8.00")
    assert group.total_incl_tax == Decimal("8.00")


def test_a_delivery_fee_carries_the_vat_of_the_goods(three_shops):
    three_shops["cheese"].vat_regime = "registered"
    three_shops["cheese"].save()
    basket = basket_with([(ProductFactory(shop=three_shops["cheese"], shop__price=Decimal("21.10"), vat_rate=Decimal("0.055")), 1)])
    order = place_checkout(basket, None, "a@example.fr", choices(three_shops), address_at(3), True, now=NOW).orders.get()
    assert (order.shipping_incl_tax, order.shipping_excl_tax) == (Decimal("2.50"), Decimal("2.37"))
    assert order.total_excl_tax == Decimal("20.00") + Decimal("2.37")


def test_a_basket_is_placed_once_even_when_submitted_twice(three_shops):
    basket = basket_with([(ProductFactory(shop=three_shops["baker"]), 1)])
    place_checkout(basket, None, "a@example.fr", choices(three_shops), None, True, now=NOW)
    again = Basket.objects.get(pk=basket.pk)
    again.strategy = MarketplaceStrategy()
    with pytest.raises(PlacementRefused):
        place_checkout(again, None, "a@example.fr", choices(three_shops), None, True, now=NOW)
    assert Order.objects.count() == 1


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_confirmations_of_one_basket_place_it_once(three_shops):
    import threading

    from django.db import connection

    product = ProductFactory(shop=three_shops["baker"], shop__num_in_stock=5)
    basket = basket_with([(product, 1)])
    barrier, outcomes = threading.Barrier(2), []

    def confirm():
        try:
            own = Basket.objects.get(pk=basket.pk)
            own.strategy = MarketplaceStrategy()
            barrier.wait()
            place_checkout(own, None, "a@example.fr", choices(three_shops), None, True, now=NOW)
            outcomes.append("placed")
        except PlacementRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["placed", "refused"]
    assert Order.objects.count() == 1 and StockRecord.objects.get(product=product).num_allocated == 1
    assert PickupSlotLoad.objects.get(shop=three_shops["baker"]).booked == 1
