"""Stock and pickup slots are held all or nothing, never beyond what exists, even under concurrency."""

import datetime
import threading
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, connection, transaction
from oscar.core.loading import get_model

from shops.fulfilment import PickupSlotLoad
from shops.reservations import (
    ReservationRefused,
    StockRequest,
    allocate_stock,
    book_pickup_slot,
    release_pickup_slot,
    release_stock,
)
from tests.factories import ProductFactory, ShopFactory

StockRecord = get_model("partner", "StockRecord")
SLOT = datetime.datetime(2026, 11, 24, 8, 0, tzinfo=ZoneInfo("Europe/Paris"))


def record_with(stock):
    return ProductFactory(shop__num_in_stock=stock).stockrecords.get()


@pytest.mark.django_db
def test_allocation_is_all_or_nothing_and_says_what_is_missing():
    bread, jam = record_with(5), record_with(1)
    with pytest.raises(ReservationRefused) as refused:
        with transaction.atomic():
            allocate_stock([StockRequest(bread.pk, 2), StockRequest(jam.pk, 2)])
    assert "Il ne reste que 1" in str(refused.value)
    bread.refresh_from_db()
    assert bread.num_allocated in (None, 0)  # the bread allocated first was rolled back with the jam
    allocate_stock([StockRequest(bread.pk, 2), StockRequest(bread.pk, 3)])
    bread.refresh_from_db()
    assert bread.num_allocated == 5 and bread.net_stock_level == 0
    with pytest.raises(ReservationRefused, match="en rupture"):
        allocate_stock([StockRequest(bread.pk, 1)])
    release_stock([StockRequest(bread.pk, 2)])
    bread.refresh_from_db()
    assert bread.num_allocated == 3


@pytest.mark.django_db
def test_the_database_refuses_more_allocated_than_in_stock():
    record = record_with(3)
    with pytest.raises(IntegrityError):
        with transaction.atomic():
            StockRecord.objects.filter(pk=record.pk).update(num_allocated=4)
    with pytest.raises(IntegrityError):
        with transaction.atomic():
            StockRecord.objects.filter(pk=record.pk).update(num_allocated=-1)


@pytest.mark.django_db
def test_a_slot_takes_orders_up_to_its_capacity():
    shop = ShopFactory()
    for _ in range(3):
        book_pickup_slot(shop.pk, SLOT, capacity=3)
    with pytest.raises(ReservationRefused, match="créneau"):
        book_pickup_slot(shop.pk, SLOT, capacity=3)
    release_pickup_slot(shop.pk, SLOT)
    book_pickup_slot(shop.pk, SLOT, capacity=3)
    assert PickupSlotLoad.objects.get().booked == 3
    with pytest.raises(IntegrityError):
        with transaction.atomic():
            PickupSlotLoad.objects.update(booked=4)


def run_together(count, action):
    """``count`` threads, each with its own connection, released at once by a barrier."""
    barrier = threading.Barrier(count)
    outcomes = []

    def attempt():
        try:
            barrier.wait()
            with transaction.atomic():
                action()
            outcomes.append("ok")
        except ReservationRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_fifty_buyers_for_ten_units_make_exactly_ten_allocations():
    record = record_with(10)
    outcomes = run_together(50, lambda: allocate_stock([StockRequest(record.pk, 1)]))
    record.refresh_from_db()
    assert outcomes.count("ok") == 10 and outcomes.count("refused") == 40
    assert record.num_allocated == 10 and record.net_stock_level == 0


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_twenty_buyers_for_a_slot_of_three_make_exactly_three_bookings():
    shop = ShopFactory()
    outcomes = run_together(20, lambda: book_pickup_slot(shop.pk, SLOT, capacity=3))
    assert outcomes.count("ok") == 3 and outcomes.count("refused") == 17
    assert PickupSlotLoad.objects.get(shop=shop).booked == 3
