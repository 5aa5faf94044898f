"""A shop order's life: steps that fit its fulfilment, pickup code at the counter, cancellation."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from oscar.apps.partner.strategy import Default
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from checkout.lifecycle import (
    OrderStatus, ReceivedPayment, StepRefused, advance, hand_over, new_pickup_code, next_statuses, pickup_qr_svg,
)
from checkout.order.models import Fulfilment
from shops.fulfilment import PickupSlotLoad
from shops.reservations import book_pickup_slot
from tests.factories import ProductFactory, ShopFactory, UserFactory

Basket = get_model("basket", "Basket")
StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db
SLOT = datetime.datetime(2026, 11, 24, 8, 0, tzinfo=ZoneInfo("Europe/Paris"))


def shop_order(fulfilment, stock=10, quantity=2):
    shop = ShopFactory(partner__name="Fournil du Lac")
    product = ProductFactory(shop=shop, shop__num_in_stock=stock)
    record = product.stockrecords.get()
    basket = Basket.objects.create()
    basket.strategy = Default()
    basket.add_product(product, quantity)
    customer = UserFactory(email="claire@example.fr", username="claire@example.fr")
    order = create_order(basket=basket, user=customer)  # Oscar's order creation allocates the stock
    order.fulfilment = fulfilment
    order.pickup_code = new_pickup_code()
    if fulfilment == Fulfilment.PICKUP:
        book_pickup_slot(shop.pk, SLOT, capacity=3)
        order.pickup_starts_at, order.pickup_ends_at = SLOT, SLOT + datetime.timedelta(minutes=30)
    order.save()
    return order, record, shop


def test_click_and_collect_from_new_to_collected_with_the_pickup_code(django_capture_on_commit_callbacks):
    order, record, _shop = shop_order(Fulfilment.PICKUP)
    assert order.status == OrderStatus.NEW
    assert next_statuses(order) == ["accepted", "cancelled"]
    advance(order, OrderStatus.ACCEPTED)
    assert set(next_statuses(order)) == {"ready", "cancelled"}  # no delivery steps for a pickup
    with pytest.raises(StepRefused):
        advance(order, OrderStatus.OUT_FOR_DELIVERY)
    with django_capture_on_commit_callbacks(execute=True):
        advance(order, OrderStatus.READY)
    assert order.pickup_code in mail.outbox[-1].body and "mardi 24 novembre à 8\u00a0h" in mail.outbox[-1].body
    with pytest.raises(StepRefused, match="code"):
        advance(order, OrderStatus.COLLECTED, pickup_code="WRONG1")
    # Paid on site: handed over with the payment received (test_lifecycle_bypass.py tests the refusals).
    hand_over(order, None, pickup_code=f" {order.pickup_code.lower()} ", payment=ReceivedPayment(order.total_incl_tax, "cash"))
    record.refresh_from_db()
    assert (order.status, record.num_in_stock, record.num_allocated) == ("collected", 8, 0)
    assert list(order.status_changes.order_by("pk").values_list("new_status", flat=True)) == ["accepted", "ready", "collected"]
    assert next_statuses(order) == []


def test_local_delivery_goes_out_then_is_delivered(django_capture_on_commit_callbacks):
    order, record, _shop = shop_order(Fulfilment.DELIVERY)
    advance(order, OrderStatus.ACCEPTED)
    with pytest.raises(StepRefused):
        advance(order, OrderStatus.READY)
    with django_capture_on_commit_callbacks(execute=True):
        advance(order, OrderStatus.OUT_FOR_DELIVERY)
    assert "en cours de livraison" in mail.outbox[-1].subject or order.number in mail.outbox[-1].subject
    hand_over(order, None, payment=ReceivedPayment(order.total_incl_tax, "card"))
    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated) == (8, 0)


def test_cancelling_needs_a_reason_and_gives_back_stock_and_slot(django_capture_on_commit_callbacks):
    order, record, shop = shop_order(Fulfilment.PICKUP)
    assert PickupSlotLoad.objects.get(shop=shop).booked == 1
    with pytest.raises(StepRefused, match="raison"):
        advance(order, OrderStatus.CANCELLED, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        advance(order, OrderStatus.CANCELLED, reason="Four en panne ce matin.")
    record.refresh_from_db()
    assert (order.status, order.cancellation_reason) == ("cancelled", "Four en panne ce matin.")
    assert (record.num_in_stock, record.num_allocated) == (10, 0)
    assert PickupSlotLoad.objects.get(shop=shop).booked == 0
    assert "Four en panne ce matin." in mail.outbox[-1].body
    assert set(order.lines.values_list("status", flat=True)) == {"cancelled"}
    with pytest.raises(StepRefused):
        advance(order, OrderStatus.ACCEPTED)


def test_pickup_codes_are_short_unambiguous_and_shown_as_a_qr_code():
    codes = {new_pickup_code() for _ in range(200)}
    assert len(codes) > 190
    assert all(len(code) == 6 and not set(code) & set("0O1IL") for code in codes)
    order, _record, _shop = shop_order(Fulfilment.PICKUP)
    svg = pickup_qr_svg(order)
    assert svg.startswith("<svg") and "</svg>" in svg


def test_each_step_is_noted_with_who_made_it():
    order, _record, shop = shop_order(Fulfilment.PICKUP)
    advance(order, OrderStatus.ACCEPTED, actor=shop.owner)
    note = order.notes.get()
    assert note.user == shop.owner and note.message == "Nouvelle → Acceptée"
