"""Shops connected to (stand-in) Stripe Connect, and baskets placed for card payment."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from oscar.core.loading import get_model

from checkout.order.models import Fulfilment
from checkout.placement import ShopChoice, place_checkout
from payments import connect
from payments.models import PaymentMethod
from shops.fulfilment import ClickAndCollectOption
from shops.models import OpeningPeriod
from shops.partner.strategy import MarketplaceStrategy
from tests.factories import ProductFactory, ShopFactory, UserFactory

Basket = get_model("basket", "Basket")
PARIS = ZoneInfo("Europe/Paris")
# The clock the payment tests run at (the ``payment_clock`` fixture): a Saturday morning before the
# clocks go forward (Sunday 28 March 2027, 02:00 -> 03:00), with a pickup on the Tuesday after, so
# payment deadlines, slots and payouts are computed across a daylight-saving change.
NOW = datetime.datetime(2027, 3, 27, 10, 0, tzinfo=PARIS)
TUESDAY_8 = datetime.datetime(2027, 3, 30, 8, 0, tzinfo=PARIS)
PICKUP_WEEKDAY = 1  # Tuesday: the only morning the test shops open


@pytest.fixture
def payment_clock(time_machine):
    """Moves the clock the code reads to ``NOW`` (it keeps ticking from there)."""
    time_machine.move_to(NOW, tick=True)
    return NOW


def first_tuesday_8_after(moment: datetime.datetime) -> datetime.datetime:
    """The first Tuesday 8:00 (Paris) at least two days after ``moment``: a slot the test shops offer.

    For tests whose peers keep the real clock (a browser, localstripe signing its own webhooks), so
    the checkout is placed at the real time instead of ``NOW``."""
    day = moment.astimezone(PARIS).date() + datetime.timedelta(days=2)
    day += datetime.timedelta(days=(PICKUP_WEEKDAY - day.weekday()) % 7)
    return datetime.datetime.combine(day, datetime.time(8), tzinfo=PARIS)


def connected_shop(peer, name: str, ready: bool = True, **kwargs):
    shop = ShopFactory(partner__name=name, **kwargs)
    ClickAndCollectOption.objects.create(shop=shop, capacity_per_slot=2, preparation_hours=2)
    OpeningPeriod.objects.create(shop=shop, weekday=1, opens_at=datetime.time(8), closes_at=datetime.time(12))
    account = connect.ensure_account(shop)
    if ready:
        peer.stand_in.state.complete_onboarding(account.account_id)
        connect.sync_account(account.account_id)
    shop.refresh_from_db()
    return shop


def card_checkout(shops_and_prices, customer=None, payment=PaymentMethod.CARD, quantity=2, stock=10, now=NOW):
    """A basket with ``quantity`` of one product per shop, placed at ``now`` with pickup on the first
    Tuesday 8:00 after it (``TUESDAY_8`` for ``NOW``)."""
    customer = customer or UserFactory(email="claire@example.fr", username="claire@example.fr")
    basket = Basket.objects.create(owner=customer)
    basket.strategy = MarketplaceStrategy()
    for shop, price in shops_and_prices:
        product = ProductFactory(shop=shop, shop__price=Decimal(price), shop__num_in_stock=stock)
        basket.add_product(product, quantity)
    # ``payment``: one means for every shop, or {shop: means}.
    means = payment if isinstance(payment, dict) else {shop: payment for shop, _price in shops_and_prices}
    pickup = first_tuesday_8_after(now)
    choices = {shop.pk: ShopChoice(Fulfilment.PICKUP, pickup_starts_at=pickup, payment=means[shop]) for shop, _price in shops_and_prices}
    group = place_checkout(basket, customer, customer.email, choices, None, terms_accepted=True, now=now)
    return group, basket, customer
