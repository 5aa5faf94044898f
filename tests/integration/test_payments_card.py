"""Paying a checkout by card against a real localstripe server (see tests/stripe_peers.py)."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from checkout.order.models import CheckoutStatus, Fulfilment
from checkout.placement import ShopChoice, place_checkout
from payments import card, gateway
from payments.gateway import CardDeclined, PaymentUnavailable
from payments.models import LedgerEntry, OrderSettlement, PaymentAttempt, PayoutStatus
from payments.reconciliation import expire_unpaid, reconcile
from shops.fulfilment import ClickAndCollectOption, PickupSlotLoad
from tests.integration.payments_support import NOW, TUESDAY_8, card_checkout, connected_shop
from shops.partner.strategy import MarketplaceStrategy
from tests.factories import ProductFactory, UserFactory
from tests.stripe_peers import DECLINED_CARD, THREE_D_SECURE_CARD

Basket = get_model("basket", "Basket")
StockRecord = get_model("partner", "StockRecord")
PaymentEvent = get_model("order", "PaymentEvent")
# Placed at the tests' clock (payments_support.NOW); the payment code reads that clock too.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("payment_clock")]


@pytest.fixture
def two_shops(stripe_settings, settings):
    settings.COMMISSION_PERCENT, settings.COMMISSION_FIXED = "5.00", "0.25"
    baker = connected_shop(stripe_settings, "Fournil")
    potter = connected_shop(stripe_settings, "Poterie")
    return baker, potter


def test_one_payment_for_two_shops_confirms_both_orders_once(two_shops, stripe_settings, django_capture_on_commit_callbacks):
    baker, potter = two_shops
    with django_capture_on_commit_callbacks(execute=True):
        group, basket, customer = card_checkout([(baker, "10.00"), (potter, "25.00")])
    # Placed, holding stock and slots, but not confirmed: no e-mail, no order for the artisans yet.
    assert group.status == CheckoutStatus.AWAITING_PAYMENT and group.amount_online == Decimal("70.00")
    assert set(group.orders.values_list("status", flat=True)) == {"pending_payment"}
    assert Basket.objects.get(pk=basket.pk).status == Basket.FROZEN and mail.outbox == []
    assert PickupSlotLoad.objects.get(shop=baker, starts_at=TUESDAY_8).booked == 1

    with django_capture_on_commit_callbacks(execute=True):
        step = card.start_payment(group, stripe_settings.card())
    assert step.paid
    group.refresh_from_db()
    attempt = group.payment_attempts.get()
    intent = stripe_settings.get(f"/v1/payment_intents/{attempt.intent_id}")
    # The server computed the amount, in cents, for the whole checkout: one PaymentIntent.
    assert (intent["amount"], intent["currency"], intent["status"]) == (7000, "eur", "succeeded")
    assert intent["metadata"]["checkout"] == group.number
    assert group.status == CheckoutStatus.CONFIRMED and Basket.objects.get(pk=basket.pk).status == Basket.SUBMITTED
    assert set(group.orders.values_list("status", flat=True)) == {"new"}
    bread = group.orders.get(lines__partner_id=baker.pk)
    settlement = bread.settlement
    # 5 % + 0.25 € of 20.00 €: 1.25 €, so 18.75 € for the baker, held until the bread is collected.
    assert (settlement.gross, settlement.commission, settlement.net) == (Decimal("20.00"), Decimal("1.25"), Decimal("18.75"))
    assert settlement.payout_status == PayoutStatus.HELD and settlement.charge_id == attempt.charge_id != ""
    assert settlement.destination_account == baker.stripe_account.account_id
    assert list(bread.ledger_entries.values_list("kind", "gross", "commission", "net")) == [
        ("card_payment", Decimal("20.00"), Decimal("1.25"), Decimal("18.75"))]
    assert bread.sources.get().amount_debited == Decimal("20.00")
    assert PaymentEvent.objects.filter(order__checkout_group=group, event_type__code="paid").count() == 2
    assert [m.to for m in mail.outbox].count([customer.email]) == 1

    # Reading the same PaymentIntent again (return page, webhook, reconciliation) changes nothing.
    with django_capture_on_commit_callbacks(execute=True):
        card.sync_intent(attempt.intent_id)
        card.sync_intent(attempt.intent_id)
    assert OrderSettlement.objects.filter(order__checkout_group=group).count() == 2
    assert LedgerEntry.objects.filter(order__checkout_group=group).count() == 2
    assert len(mail.outbox) == 3  # the customer, and one per artisan
    with pytest.raises(PaymentUnavailable, match="déjà payée"):
        card.start_payment(group, stripe_settings.card())


def test_three_d_secure_is_completed_in_the_browser_and_read_by_the_server(two_shops, stripe_settings, client):
    baker, _potter = two_shops
    group, _basket, customer = card_checkout([(baker, "10.00")])
    step = card.start_payment(group, stripe_settings.card(THREE_D_SECURE_CARD))
    assert not step.paid and step.client_secret.startswith("pi_")
    attempt = group.payment_attempts.get()
    assert attempt.status == PaymentAttempt.Status.REQUIRES_ACTION
    client.force_login(customer)
    # The browser coming back without authenticating confirms nothing.
    assert client.get(f"/paiement/{group.number}/retour/").url == f"/paiement/{group.number}/"
    group.refresh_from_db()
    assert group.status == CheckoutStatus.AWAITING_PAYMENT

    stripe_settings.authenticate(attempt.intent_id, success=True)
    answer = client.get(f"/paiement/{group.number}/retour/")
    group.refresh_from_db()
    assert answer.url == f"/commande/{group.number}/" and group.status == CheckoutStatus.CONFIRMED


def test_failed_authentication_and_declined_card_keep_the_checkout_payable(two_shops, stripe_settings, client):
    baker, _potter = two_shops
    group, basket, customer = card_checkout([(baker, "10.00")])
    card.start_payment(group, stripe_settings.card(THREE_D_SECURE_CARD))
    stripe_settings.authenticate(group.payment_attempts.get().intent_id, success=False)
    client.force_login(customer)
    client.get(f"/paiement/{group.number}/retour/")
    assert group.payment_attempts.get().status == PaymentAttempt.Status.FAILED
    assert "L&#x27;authentification 3-D Secure a échoué" in client.get(f"/paiement/{group.number}/").content.decode()

    with pytest.raises(CardDeclined) as declined:
        card.start_payment(group, stripe_settings.card(DECLINED_CARD))
    assert "refusée" in str(declined.value)
    group.refresh_from_db()
    assert group.status == CheckoutStatus.AWAITING_PAYMENT and Basket.objects.get(pk=basket.pk).status == Basket.FROZEN
    # Another card works, and the checkout is paid by that attempt only.
    assert card.start_payment(group, stripe_settings.card()).paid
    assert list(group.payment_attempts.order_by("pk").values_list("status", flat=True)) == ["failed", "failed", "succeeded"]


def test_the_payment_page_answers_in_json_with_a_french_message(two_shops, stripe_settings, client):
    baker, _potter = two_shops
    group, _basket, customer = card_checkout([(baker, "10.00")])
    client.force_login(customer)
    page = client.get(f"/paiement/{group.number}/")
    assert page.status_code == 200 and "20,00" in page.content.decode() and stripe_settings.api_url in page.content.decode()
    bad = client.post(f"/paiement/{group.number}/", "not json", content_type="application/json")
    assert bad.status_code == 402 and "carte" in bad.json()["error"]
    declined = client.post(f"/paiement/{group.number}/", {"payment_method": stripe_settings.card(DECLINED_CARD)}, content_type="application/json")
    assert declined.status_code == 402 and "refusée" in declined.json()["error"]
    paid = client.post(f"/paiement/{group.number}/", {"payment_method": stripe_settings.card()}, content_type="application/json")
    assert paid.json() == {"redirect": f"/commande/{group.number}/"}
    # Someone else's checkout does not exist for another customer, in any of its pages.
    client.force_login(UserFactory(username="autre@example.fr"))
    for path in ("", "retour/"):
        assert client.get(f"/paiement/{group.number}/{path}").status_code == 404
    assert client.post(f"/paiement/{group.number}/abandon/").status_code == 404
    assert client.post(f"/paiement/{group.number}/", {"payment_method": stripe_settings.card()}, content_type="application/json").status_code == 404


def test_stripe_unreachable_confirms_nothing_and_says_so(two_shops, stripe_settings, settings):
    baker, _potter = two_shops
    group, basket, _customer = card_checkout([(baker, "10.00")])
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens there
    with pytest.raises(PaymentUnavailable, match="joignable|injoignable|atteint"):
        card.start_payment(group, "card_abcdefgh")
    group.refresh_from_db()
    assert group.status == CheckoutStatus.AWAITING_PAYMENT and Basket.objects.get(pk=basket.pk).status == Basket.FROZEN


def test_an_unpaid_checkout_releases_its_stock_and_slots_after_the_timeout(two_shops, stripe_settings, settings):
    baker, _potter = two_shops
    group, basket, _customer = card_checkout([(baker, "10.00")], quantity=3)
    card.start_payment(group, stripe_settings.card(THREE_D_SECURE_CARD))  # then the customer walks away
    record = StockRecord.objects.get(partner_id=baker.pk)
    assert record.num_allocated == 3
    assert expire_unpaid(now=NOW + datetime.timedelta(minutes=settings.PAYMENT_TIMEOUT_MINUTES - 1)) == 0
    assert expire_unpaid(now=NOW + datetime.timedelta(minutes=settings.PAYMENT_TIMEOUT_MINUTES + 1)) == 1
    group.refresh_from_db()
    record.refresh_from_db()
    assert group.status == CheckoutStatus.ABANDONED and record.num_allocated == 0
    assert PickupSlotLoad.objects.get(shop=baker, starts_at=TUESDAY_8).booked == 0
    assert set(group.orders.values_list("status", flat=True)) == {"cancelled"}
    # The customer finds their basket as it was, and the abandoned PaymentIntent is cancelled at Stripe.
    assert Basket.objects.get(pk=basket.pk).status == Basket.OPEN and basket.all_lines().count() == 1
    intent = stripe_settings.get(f"/v1/payment_intents/{group.payment_attempts.get().intent_id}")
    assert intent["status"] == "canceled"
    with pytest.raises(PaymentUnavailable, match="temps"):
        card.start_payment(group, stripe_settings.card())


def test_giving_up_from_the_payment_page_brings_the_basket_back(two_shops, stripe_settings, client):
    baker, _potter = two_shops
    group, basket, customer = card_checkout([(baker, "10.00")])
    client.force_login(customer)
    answer = client.post(f"/paiement/{group.number}/abandon/")
    assert answer.url == "/basket/"
    assert Basket.objects.get(pk=basket.pk).status == Basket.OPEN
    assert "Le temps pour payer cette commande est écoulé" in client.get(f"/paiement/{group.number}/").content.decode()


def test_a_paid_checkout_whose_return_page_never_loads_is_confirmed_by_reconciliation(two_shops, stripe_settings):
    baker, _potter = two_shops
    group, _basket, _customer = card_checkout([(baker, "10.00")])
    card.start_payment(group, stripe_settings.card(THREE_D_SECURE_CARD))
    stripe_settings.authenticate(group.payment_attempts.get().intent_id)  # then the browser dies
    report = reconcile(days=3)
    group.refresh_from_db()
    assert group.status == CheckoutStatus.CONFIRMED and report.checkouts_confirmed == 1
    assert reconcile(days=3).checkouts_confirmed == 0  # nothing left to repair


def test_a_second_successful_payment_of_a_paid_checkout_is_refunded(two_shops, stripe_settings, django_capture_on_commit_callbacks):
    baker, _potter = two_shops
    group, _basket, _customer = card_checkout([(baker, "10.00")])
    card.start_payment(group, stripe_settings.card(THREE_D_SECURE_CARD))
    first = group.payment_attempts.get()
    # Meanwhile, in another tab, the customer pays with another card: the first try is cancelled first.
    assert card.start_payment(group, stripe_settings.card()).paid
    assert stripe_settings.get(f"/v1/payment_intents/{first.intent_id}")["status"] == "canceled"
    # A duplicate success arriving anyway (here: forced through settle_intent) is refunded, not kept.
    second = stripe_settings.post("/v1/payment_intents", {"amount": 2000, "currency": "eur", "payment_method": stripe_settings.card(), "confirm": "true"})
    PaymentAttempt.objects.create(checkout=group, intent_id=second["id"], amount_cents=2000)
    with django_capture_on_commit_callbacks(execute=True):
        card.sync_intent(second["id"])
    refunds = stripe_settings.get(f"/v1/refunds?payment_intent={second['id']}")["data"]
    assert [refund["amount"] for refund in refunds] == [2000]
    assert OrderSettlement.objects.filter(order__checkout_group=group).count() == 1


def test_confirming_a_payment_costs_the_same_queries_whatever_the_number_of_lines(two_shops, stripe_settings, django_capture_on_commit_callbacks):
    baker, potter = two_shops
    ClickAndCollectOption.objects.filter(shop__in=two_shops).update(capacity_per_slot=10)
    counts = []
    # The first run creates Oscar's source and event types; the next two are compared.
    for lines_per_shop in (1, 1, 6):
        customer = UserFactory()
        basket = Basket.objects.create(owner=customer)
        basket.strategy = MarketplaceStrategy()
        for shop in (baker, potter):
            for _ in range(lines_per_shop):
                basket.add_product(ProductFactory(shop=shop, shop__price=Decimal("3.00")), 1)
        choices = {shop.pk: ShopChoice(Fulfilment.PICKUP, pickup_starts_at=TUESDAY_8, payment="card") for shop in (baker, potter)}
        group = place_checkout(basket, customer, customer.email, choices, None, terms_accepted=True, now=NOW)
        intent = stripe_settings.post("/v1/payment_intents", {"amount": gateway.to_cents(group.amount_online), "currency": "eur",
                                                              "payment_method": stripe_settings.card(), "confirm": "true"})
        PaymentAttempt.objects.create(checkout=group, intent_id=intent["id"], amount_cents=intent["amount"])
        with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=False):
            card.sync_intent(intent["id"])
        group.refresh_from_db()
        assert group.status == CheckoutStatus.CONFIRMED
        counts.append(len(queries))
    print(f"queries to confirm a paid checkout of two shops: {counts[1]} with 1 line per shop, {counts[2]} with 6")
    assert counts[1] == counts[2]
