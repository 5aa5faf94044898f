"""Shops connected to (stand-in) Stripe Connect, and baskets placed for card payment."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

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
NOW = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)  # a Monday
TUESDAY_8 = datetime.datetime(2026, 11, 24, 8, 0, tzinfo=PARIS)


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


def card_checkout(shops_and_prices, customer=None, payment=PaymentMethod.CARD, quantity=2, stock=10):
    """A basket with ``quantity`` of one product per shop, placed with pickup on Tuesday 8:00."""
    customer = customer or UserFactory(email="claire@example.fr", username="claire@example.fr")
    basket = Basket.objects.create(owner=customer)
    basket.strategy = MarketplaceStrategy()
    for shop, price in shops_and_prices:
        product = ProductFactory(shop=shop, shop__price=Decimal(price), shop__num_in_stock=stock)
        basket.add_product(product, quantity)
    # ``payment``: one means for every shop, or {shop: means}.
    means = payment if isinstance(payment, dict) else {shop: payment for shop, _price in shops_and_prices}
    choices = {shop.pk: ShopChoice(Fulfilment.PICKUP, pickup_starts_at=TUESDAY_8, payment=means[shop]) for shop, _price in shops_and_prices}
    group = place_checkout(basket, customer, customer.email, choices, None, terms_accepted=True, now=NOW)
    return group, basket, customer
