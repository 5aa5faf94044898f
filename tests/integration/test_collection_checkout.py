"""« Tout retirer au même endroit »: a basket from three shops collected at one point, at one window,
with one code; shops that do not serve the window keep their own way; the window's capacity holds,
under concurrency on PostgreSQL; cancelling every order gives the place back."""

import datetime
import threading
from decimal import Decimal

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction
from oscar.core.loading import get_model

from checkout import lifecycle
from checkout.order.models import CheckoutGroup, Fulfilment
from checkout.placement import PlacementRefused, ShopChoice, place_checkout
from collection.models import CollectionBooking, CollectionOrder, CollectionSession, SessionOccurrence, ShopSession
from collection.booking import book_window
from collection.offers import occurrence_on
from shops.fulfilment import ClickAndCollectOption
from shops.models import OpeningPeriod
from shops.reservations import ReservationRefused
from tests.factories import ProductFactory, ShopFactory, UserFactory
from tests.integration.collection_support import NOW, PARIS, SATURDAY, basket_with, gap_market_world

Order = get_model("order", "Order")
pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return gap_market_world()


def at_point(world, shop_keys=("baker", "cheese", "potter")):
    return {world["shops"][key].pk: ShopChoice(Fulfilment.POINT, collection_window=world["key"]) for key in shop_keys}


@pytest.fixture(autouse=True)
def clock(time_machine):
    """The world's orders are placed at NOW: the pages are read at that moment too, never on the real
    clock (with the clock a year ahead, the windows would all be past)."""
    time_machine.move_to(NOW, tick=True)


def test_three_shops_collected_at_one_point_with_one_code(world, django_capture_on_commit_callbacks):
    customer = UserFactory(username="claire@example.fr", email="claire@example.fr")
    basket = basket_with(world["products"].values(), owner=customer)
    with django_capture_on_commit_callbacks(execute=True):
        group = place_checkout(basket, customer, customer.email, at_point(world), None, True, now=NOW)
    orders = list(group.orders.order_by("number"))
    assert len(orders) == 3 and {order.fulfilment for order in orders} == {"point"}
    saturday_nine = datetime.datetime.combine(SATURDAY, datetime.time(9), tzinfo=PARIS)
    assert {order.pickup_starts_at for order in orders} == {saturday_nine}
    booking = CollectionBooking.objects.get()
    assert booking.customer == customer and len(booking.code) == 6
    assert set(CollectionOrder.objects.values_list("order_id", flat=True)) == {order.pk for order in orders}
    assert {link.shop_id for link in booking.orders.all()} == {shop.pk for shop in world["shops"].values()}
    assert SessionOccurrence.objects.get().booked == 1  # one customer, one place, three orders
    # A second checkout of the same customer for the same window keeps the booking and its code.
    basket2 = basket_with([world["products"]["baker"]], owner=customer)
    place_checkout(basket2, customer, customer.email, at_point(world, ("baker",)), None, True, now=NOW)
    assert CollectionBooking.objects.count() == 1 and CollectionOrder.objects.filter(booking=booking).count() == 4
    assert SessionOccurrence.objects.get().booked == 1


def test_the_checkout_page_offers_the_window_and_the_confirmation_shows_one_code(client, world, django_capture_on_commit_callbacks):
    customer = UserFactory(username="claire@example.fr", email="claire@example.fr")
    client.force_login(customer)
    for product in world["products"].values():
        client.post(f"/basket/add/{product.pk}/", {"quantity": 1})
    with time_machine.travel(NOW, tick=False):
        page = client.get("/checkout/")
        html = page.content.decode().replace("\u00a0", " ")
        assert "Tout retirer au même endroit" in html and "Marché de Gap — samedi 5 décembre, 9 h–12 h" in html
        data = {"together": world["key"], **{f"shop_{shop.pk}_payment": "on_site" for shop in world["shops"].values()}}
        review = client.post("/checkout/", {**data, "review": "1"})
        assert review.status_code == 200 and not review.context.get("problems"), review.context.get("problems")
        assert review.context["form"].errors == {}
        assert html.count("data-collected-together") == 0 and review.content.decode().count("data-collected-together") == 3
        with django_capture_on_commit_callbacks(execute=True):
            done = client.post("/checkout/", {**data, "confirm": "1", "terms": "on", "reviewed": review.context["digest"]})
    assert done.status_code == 302, done.context and done.context.get("problems")
    group = CheckoutGroup.objects.get()
    booking = CollectionBooking.objects.get()
    confirmation = client.get(done.url).content.decode().replace("\u00a0", " ")
    assert confirmation.count("data-collection-code") == 1 and booking.code in confirmation
    assert "Vos 3 commandes" in confirmation or "vos 3 commandes" in confirmation
    assert group.orders.filter(fulfilment="point").count() == 3
    from django.core import mail

    customer_mail = next(message for message in mail.outbox if message.to == ["claire@example.fr"])
    assert booking.code in customer_mail.body and "Marché de Gap" in customer_mail.body


def test_a_shop_that_does_not_serve_the_window_keeps_its_own_way_and_says_so(client, world):
    outsider = ShopFactory(partner__name="Savonnerie", commune=world["gap"])
    ClickAndCollectOption.objects.create(shop=outsider, preparation_hours=0)
    for weekday in range(7):
        OpeningPeriod.objects.create(shop=outsider, weekday=weekday, opens_at=datetime.time(8), closes_at=datetime.time(18))
    soap = ProductFactory(shop=outsider, title="Savon", shop__price=Decimal("5.00"))
    customer = UserFactory()
    client.force_login(customer)
    for product in [*world["products"].values(), soap]:
        client.post(f"/basket/add/{product.pk}/", {"quantity": 1})
    with time_machine.travel(NOW, tick=False):
        data = {"together": world["key"], **{f"shop_{shop.pk}_payment": "on_site" for shop in [*world["shops"].values(), outsider]}}
        page = client.post("/checkout/", {**data, "review": "1"})
        html = page.content.decode().replace("\u00a0", " ")
        assert "ne dépose pas ses commandes à « Marché de Gap »" in html
        assert f"shop_{outsider.pk}_fulfilment" in page.context["form"].errors  # it still needs its own choice
        slot = page.context["form"].fields[f"shop_{outsider.pk}_slot"].choices[1][1][0][0]
        review = client.post("/checkout/", {**data, f"shop_{outsider.pk}_fulfilment": "pickup", f"shop_{outsider.pk}_slot": slot, "review": "1"})
        assert not review.context.get("problems")
        ways = {plan.shop.pk: plan.choice.fulfilment for plan in review.context["plans"]}
    assert ways[outsider.pk] == "pickup" and {ways[shop.pk] for shop in world["shops"].values()} == {"point"}


def test_a_window_offered_only_when_the_shop_can_make_it(world):
    """The potter works Tuesday to Friday: after Friday's work is over it cannot bring Saturday's order."""
    customer = UserFactory()
    basket = basket_with([world["products"]["potter"]], owner=customer)
    friday_evening = datetime.datetime(2026, 12, 4, 19, tzinfo=PARIS)  # orders closed anyway on Thursday 20:00
    with pytest.raises(PlacementRefused, match="Poterie"):
        place_checkout(basket, customer, customer.email, at_point(world, ("potter",)), None, True, now=friday_evening)
    # A Monday-only shop serving the session is never offered it.
    monday = ShopFactory(partner__name="Lundi", commune=world["gap"])
    OpeningPeriod.objects.create(shop=monday, weekday=0, opens_at=datetime.time(8), closes_at=datetime.time(18))
    ShopSession.objects.create(shop=monday, session=world["session"])
    basket = basket_with([ProductFactory(shop=monday)], owner=customer)
    with pytest.raises(PlacementRefused, match="Lundi"):
        place_checkout(basket, customer, customer.email, {monday.pk: ShopChoice(Fulfilment.POINT, collection_window=world["key"])}, None, True, now=NOW)


def test_perishable_goods_go_only_to_points_with_cold_storage():
    world = gap_market_world(cold=False)
    customer = UserFactory()
    fresh = ProductFactory(shop=world["shops"]["cheese"], title="Faisselle", is_perishable=True)
    with pytest.raises(PlacementRefused, match="froid"):
        place_checkout(basket_with([fresh], owner=customer), customer, customer.email, at_point(world, ("cheese",)), None, True, now=NOW)
    # The bowl is not perishable: the same point takes it.
    place_checkout(basket_with([world["products"]["potter"]], owner=customer), customer, customer.email, at_point(world, ("potter",)), None, True, now=NOW)


def test_the_window_takes_customers_up_to_its_capacity_and_gives_back_a_cancelled_place():
    world = gap_market_world(capacity=1)
    first, second = UserFactory(), UserFactory()
    group = place_checkout(basket_with([world["products"]["baker"]], owner=first), first, first.email, at_point(world, ("baker",)), None, True, now=NOW)
    with pytest.raises(PlacementRefused, match="complète"):
        place_checkout(basket_with([world["products"]["baker"]], owner=second), second, second.email, at_point(world, ("baker",)), None, True, now=NOW)
    assert not Order.objects.filter(user=second).exists()
    lifecycle.advance(group.orders.get(), "cancelled", reason="Plus besoin")
    assert SessionOccurrence.objects.get().booked == 0
    place_checkout(basket_with([world["products"]["baker"]], owner=second), second, second.email, at_point(world, ("baker",)), None, True, now=NOW)
    assert SessionOccurrence.objects.get().booked == 1
    with pytest.raises(IntegrityError):
        with transaction.atomic():
            SessionOccurrence.objects.update(booked=2)
    with pytest.raises(IntegrityError):
        with transaction.atomic():
            CollectionBooking.objects.create(occurrence=SessionOccurrence.objects.get(), customer=second, code="ZZZZZZ")


def run_together(count, action):
    barrier = threading.Barrier(count)
    outcomes = []

    def attempt(index):
        try:
            barrier.wait()
            with transaction.atomic():
                action(index)
            outcomes.append("ok")
        except ReservationRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_twenty_customers_for_a_window_of_three_make_exactly_three_bookings():
    world = gap_market_world(capacity=3)
    session = CollectionSession.objects.select_related("point").get(pk=world["session"].pk)
    customers = [UserFactory() for _ in range(20)]
    occurrence = occurrence_on(session, SATURDAY)
    outcomes = run_together(20, lambda index: book_window(occurrence, customers[index]))
    assert outcomes.count("ok") == 3 and outcomes.count("refused") == 17
    assert SessionOccurrence.objects.get().booked == 3 and CollectionBooking.objects.count() == 3


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_one_customer_booking_twice_at_once_gets_one_place_and_one_code():
    world = gap_market_world(capacity=3)
    session = CollectionSession.objects.select_related("point").get(pk=world["session"].pk)
    customer = UserFactory()
    occurrence = occurrence_on(session, SATURDAY)
    outcomes = run_together(5, lambda index: book_window(occurrence, customer))
    assert outcomes.count("ok") + outcomes.count("refused") == 5
    assert SessionOccurrence.objects.get().booked == 1 and CollectionBooking.objects.count() == 1
