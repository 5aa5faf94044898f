"""Commission, payouts held until fulfilment, refunds before and after the transfer."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from checkout.lifecycle import OrderStatus, StepRefused, advance
from checkout.order.models import Fulfilment
from checkout.placement import ShopChoice, place_checkout
from payments import card, payouts
from payments.commission import CommissionRate, rate_for
from payments.models import CommissionRule, LedgerEntry, PaymentMethod, PayoutStatus
from payments.reconciliation import reconcile
from payments.refunds import RefundRefused, cancel_and_refund, refund_lines
from shops.partner.strategy import MarketplaceStrategy
from tests.factories import ProductFactory, ShopFactory, UserFactory
from tests.integration.payments_support import NOW, TUESDAY_8, card_checkout, connected_shop

StockRecord = get_model("partner", "StockRecord")
Basket = get_model("basket", "Basket")
# Placed at the tests' clock (payments_support.NOW); the payment code reads that clock too.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("payment_clock")]


def test_commission_is_a_percentage_plus_a_fixed_amount_never_more_than_the_order():
    rate = CommissionRate(Decimal("5.00"), Decimal("0.25"))
    assert rate.on(Decimal("20.00")) == Decimal("1.25")
    assert rate.on(Decimal("0.10")) == Decimal("0.10")
    assert rate.on(Decimal("0.00")) == Decimal("0.00")
    assert rate.on(Decimal("33.33")) == Decimal("1.92")  # 1.6665 rounded half up, plus 0.25


def test_a_shop_rule_overrides_the_default_for_its_period(settings):
    settings.COMMISSION_PERCENT, settings.COMMISSION_FIXED = "5.00", "0.25"
    shop = ShopFactory()
    CommissionRule.objects.create(shop=shop, percent=0, fixed=0, starts_on=datetime.date(2026, 12, 1), ends_on=datetime.date(2026, 12, 24), reason="Noël")
    assert rate_for(shop, datetime.date(2026, 11, 30)) == CommissionRate(Decimal("5.00"), Decimal("0.25"))
    assert rate_for(shop, datetime.date(2026, 12, 24)) == CommissionRate(Decimal("0"), Decimal("0"))
    assert rate_for(shop, datetime.date(2026, 12, 25)) == CommissionRate(Decimal("5.00"), Decimal("0.25"))
    assert rate_for(ShopFactory(), datetime.date(2026, 12, 10)).percent == Decimal("5.00")


@pytest.fixture
def paid_order(stripe_settings, settings):
    settings.COMMISSION_PERCENT, settings.COMMISSION_FIXED = "5.00", "0.25"
    shop = connected_shop(stripe_settings, "Fournil")
    group, _basket, _customer = card_checkout([(shop, "10.00")], quantity=1)
    order = group.orders.get()
    card.start_payment(group, stripe_settings.card())
    order.refresh_from_db()
    return order, shop


@pytest.fixture
def paid_order_of_two_lines(stripe_settings, settings):
    settings.COMMISSION_PERCENT, settings.COMMISSION_FIXED = "5.00", "0.25"
    shop = connected_shop(stripe_settings, "Fournil")
    customer = UserFactory(email="claire@example.fr", username="claire@example.fr")
    basket = Basket.objects.create(owner=customer)
    basket.strategy = MarketplaceStrategy()
    basket.add_product(ProductFactory(shop=shop, title="Pain", shop__price=Decimal("10.00")), 2)
    basket.add_product(ProductFactory(shop=shop, title="Brioche", shop__price=Decimal("5.00")), 1)
    group = place_checkout(basket, customer, customer.email, {shop.pk: ShopChoice(Fulfilment.PICKUP, pickup_starts_at=TUESDAY_8, payment=PaymentMethod.CARD)},
                           None, terms_accepted=True, now=NOW)
    card.start_payment(group, stripe_settings.card())
    order = group.orders.get()
    return order, shop, stripe_settings


def hand_over(order):
    advance(order, OrderStatus.ACCEPTED)
    advance(order, OrderStatus.READY)
    advance(order, OrderStatus.COLLECTED, pickup_code=order.pickup_code)


def transfers_made(peer):
    return [form for method, path, form in peer.stand_in.state.requests if path == "/v1/transfers"]


def test_the_payout_waits_for_collection_then_goes_to_the_shop_once(paid_order, stripe_settings, django_capture_on_commit_callbacks):
    order, shop = paid_order
    settlement = order.settlement
    assert settlement.payout_status == PayoutStatus.HELD and payouts.release(order.pk).transferred == 0
    before = len(transfers_made(stripe_settings))
    with django_capture_on_commit_callbacks(execute=True):
        hand_over(order)
    settlement.refresh_from_db()
    assert settlement.payout_status == PayoutStatus.TRANSFERRED and settlement.transferred == Decimal("9.25")
    transfer = stripe_settings.stand_in.state.transfers[settlement.transfer_id]
    assert (transfer["amount"], transfer["destination"], transfer["source_transaction"]) == (925, shop.stripe_account.account_id, settlement.charge_id)
    assert transfer["transfer_group"] == order.checkout_group.number
    payouts.release(order.pk)  # a retry, a second worker: nothing more
    reconcile(days=3)
    assert len(transfers_made(stripe_settings)) == before + 1
    assert list(order.ledger_entries.values_list("kind", "net")) == [("card_payment", Decimal("9.25")), ("transfer", Decimal("9.25"))]


def test_shipped_orders_are_paid_out_after_the_configured_delay(paid_order, settings):
    order, _shop = paid_order
    now = timezone.now()
    payouts.schedule_on_status(order, "shipped", now=now)
    order.settlement.refresh_from_db()
    assert order.settlement.release_after == now + datetime.timedelta(days=settings.PAYOUT_DELAY_DAYS_SHIPPED)
    assert payouts.release(order.pk, now=now).payout_status == PayoutStatus.SCHEDULED
    assert list(payouts.due_payouts(now + datetime.timedelta(days=settings.PAYOUT_DELAY_DAYS_SHIPPED + 1))) == [order.settlement]
    assert payouts.release(order.pk, now=now + datetime.timedelta(days=8)).payout_status == PayoutStatus.TRANSFERRED


def test_a_failed_transfer_is_kept_and_retried(paid_order, stripe_settings, settings, django_capture_on_commit_callbacks):
    order, _shop = paid_order
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"
    with django_capture_on_commit_callbacks(execute=True):
        hand_over(order)
    order.settlement.refresh_from_db()
    assert order.settlement.payout_status == PayoutStatus.FAILED and order.settlement.transferred == 0
    settings.STRIPE_API_BASE = stripe_settings.api_url
    assert reconcile(days=3).payouts_made == 1
    order.settlement.refresh_from_db()
    assert order.settlement.payout_status == PayoutStatus.TRANSFERRED


def test_refund_before_the_transfer_lowers_the_payout(paid_order_of_two_lines, django_capture_on_commit_callbacks):
    order, _shop, peer = paid_order_of_two_lines
    brioche = order.lines.get(title="Brioche")
    record = StockRecord.objects.get(pk=brioche.stockrecord_id)
    allocated = record.num_allocated
    outcome = refund_lines(order, [brioche.pk], None, "Plus de brioche ce matin")
    assert outcome.amount == Decimal("5.00") and outcome.reversed == 0
    refunds = peer.get(f"/v1/refunds?payment_intent={order.settlement.intent_id}")["data"]
    assert [refund["amount"] for refund in refunds] == [500]
    settlement = order.settlement
    settlement.refresh_from_db()
    # 20.00 € kept: commission 1.25 €, net 18.75 €; the brioche's stock is on sale again.
    assert (settlement.refunded, settlement.commission, settlement.net) == (Decimal("5.00"), Decimal("1.25"), Decimal("18.75"))
    record.refresh_from_db()
    assert record.num_allocated == allocated - 1
    assert order.payment_events.filter(event_type__code="refunded").get().line_quantities.get().line == brioche
    with django_capture_on_commit_callbacks(execute=True):
        hand_over(order)
    settlement.refresh_from_db()
    assert settlement.transferred == Decimal("18.75")
    record.refresh_from_db()
    assert record.num_allocated == 0  # the collected bread consumed its allocation, the brioche did not
    with pytest.raises(RefundRefused):
        refund_lines(order, [brioche.pk], None, "encore")


def test_refund_after_the_transfer_reverses_the_artisans_share(paid_order_of_two_lines, django_capture_on_commit_callbacks):
    order, _shop, peer = paid_order_of_two_lines
    with django_capture_on_commit_callbacks(execute=True):
        hand_over(order)
    settlement = order.settlement
    settlement.refresh_from_db()
    assert settlement.transferred == Decimal("23.50")  # 25.00 − (1.25 + 0.25)
    outcome = refund_lines(order, [order.lines.get(title="Brioche").pk], None, "Brioche brûlée")
    settlement.refresh_from_db()
    # Kept 20.00 €: net 18.75 €, so 4.75 € of the 23.50 € transferred come back; the commission gives back 0.25 €.
    assert outcome.reversed == Decimal("4.75") and settlement.transferred == Decimal("18.75")
    assert peer.stand_in.state.transfers[settlement.transfer_id]["amount_reversed"] == 475
    assert list(order.ledger_entries.order_by("pk").values_list("kind", "gross", "commission", "net")) == [
        ("card_payment", Decimal("25.00"), Decimal("1.50"), Decimal("23.50")),
        ("transfer", Decimal("0.00"), Decimal("0.00"), Decimal("23.50")),
        ("refund", Decimal("-5.00"), Decimal("-0.25"), Decimal("-4.75")),
        ("transfer_reversal", Decimal("0.00"), Decimal("0.00"), Decimal("-4.75")),
    ]


def test_an_insufficient_connected_balance_still_refunds_the_customer_and_is_retried(paid_order_of_two_lines, django_capture_on_commit_callbacks):
    order, shop, peer = paid_order_of_two_lines
    with django_capture_on_commit_callbacks(execute=True):
        hand_over(order)
    peer.stand_in.state.insufficient_balance.add(shop.stripe_account.account_id)
    outcome = refund_lines(order, [order.lines.get(title="Brioche").pk], None, "Brioche brûlée")
    assert outcome.amount == Decimal("5.00") and outcome.reversal_outstanding == Decimal("4.75")
    assert "solde Stripe" in outcome.warning
    settlement = order.settlement
    settlement.refresh_from_db()
    assert settlement.reversal_outstanding == Decimal("4.75") and settlement.transferred == Decimal("23.50")
    assert order.ledger_entries.filter(kind=LedgerEntry.Kind.TRANSFER_REVERSAL, status="failed").exists()
    assert reconcile(days=3).reversals_retried == 0  # still short
    peer.stand_in.state.insufficient_balance.clear()
    report = reconcile(days=3)
    settlement.refresh_from_db()
    assert report.reversals_retried == 1 and settlement.reversal_outstanding == 0 and settlement.transferred == Decimal("18.75")
    assert report.problems == []  # the transfer at Stripe now matches the ledger


def test_cancelling_a_card_order_refunds_it_whole_and_gives_everything_back(paid_order, stripe_settings, django_capture_on_commit_callbacks):
    order, _shop = paid_order
    record = StockRecord.objects.get(pk=order.lines.get().stockrecord_id)
    with pytest.raises(StepRefused, match="remboursement"):
        advance(order, OrderStatus.CANCELLED, reason="Four en panne")  # never without refunding
    with pytest.raises(RefundRefused):
        cancel_and_refund(order, None, "  ")
    with django_capture_on_commit_callbacks(execute=True):
        cancel_and_refund(order, None, "Four en panne")
    settlement = order.settlement
    settlement.refresh_from_db()
    record.refresh_from_db()
    assert order.status == "cancelled" and settlement.kept == 0 and settlement.commission == 0 and record.num_allocated == 0
    assert sum(refund["amount"] for refund in stripe_settings.get(f"/v1/refunds?payment_intent={settlement.intent_id}")["data"]) == 1000
    assert payouts.release(order.pk).payout_status == PayoutStatus.HELD  # nothing will ever be transferred
    assert order.sources.get().amount_refunded == Decimal("10.00")
