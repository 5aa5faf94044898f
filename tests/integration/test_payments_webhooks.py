"""Stripe webhooks: verified signatures, each event processed once, state re-read from Stripe."""

import hashlib
import hmac
import json
import threading
import time

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from checkout.order.models import CheckoutGroup, CheckoutStatus
from payments import card
from payments.models import LedgerEntry, OrderSettlement, StripeAccount, StripeEvent
from tests.integration.payments_support import NOW, card_checkout, connected_shop
from tests.stripe_peers import THREE_D_SECURE_CARD, WEBHOOK_SECRET

WEBHOOK = "/payments/stripe/webhook/"


def signed(payload: bytes, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    signature = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={signature}"


def event_for(intent_id: str, event_id: str = "evt_test_1", event_type: str = "payment_intent.succeeded") -> bytes:
    # Deliberately stale data: processing must re-read the PaymentIntent, not trust the payload.
    return json.dumps({"id": event_id, "object": "event", "type": event_type,
                       "data": {"object": {"id": intent_id, "object": "payment_intent", "status": "requires_action"}}}).encode()


def authenticated_but_unconfirmed(peer, now=NOW):
    """A checkout paid after 3-D Secure whose browser never came back: only Stripe knows it is paid."""
    shop = connected_shop(peer, "Fournil")
    group, _basket, _customer = card_checkout([(shop, "10.00")], now=now)
    card.start_payment(group, peer.card(THREE_D_SECURE_CARD))
    intent_id = group.payment_attempts.get().intent_id
    peer.authenticate(intent_id)
    return group, intent_id


@pytest.mark.django_db
@pytest.mark.usefixtures("payment_clock")
def test_signatures_are_checked_and_nothing_changes_on_a_bad_one(stripe_settings, client, django_capture_on_commit_callbacks):
    group, intent_id = authenticated_but_unconfirmed(stripe_settings)
    payload = event_for(intent_id)
    tampered = payload.replace(b"evt_test_1", b"evt_test_2")
    assert client.post(WEBHOOK, tampered, content_type="application/json", HTTP_STRIPE_SIGNATURE=signed(payload)).status_code == 400
    stale = signed(payload, timestamp=int(time.time()) - 3600)
    assert client.post(WEBHOOK, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=stale).status_code == 400
    wrong_secret = signed(payload, secret="whsec_someone_else")
    assert client.post(WEBHOOK, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=wrong_secret).status_code == 400
    assert client.post(WEBHOOK, payload, content_type="application/json").status_code == 400
    assert client.get(WEBHOOK).status_code == 405
    group.refresh_from_db()
    assert not StripeEvent.objects.exists() and group.status == CheckoutStatus.AWAITING_PAYMENT

    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(WEBHOOK, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=signed(payload))
    group.refresh_from_db()
    assert answer.status_code == 200 and group.status == CheckoutStatus.CONFIRMED
    assert StripeEvent.objects.get().processed_at is not None


@pytest.mark.django_db
@pytest.mark.usefixtures("payment_clock")
def test_the_same_event_ten_times_changes_state_once(stripe_settings, client, mailoutbox, django_capture_on_commit_callbacks):
    group, intent_id = authenticated_but_unconfirmed(stripe_settings)
    payload = event_for(intent_id)
    for _ in range(10):
        with django_capture_on_commit_callbacks(execute=True):
            answer = client.post(WEBHOOK, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=signed(payload))
        assert answer.status_code == 200
    assert StripeEvent.objects.count() == 1
    assert OrderSettlement.objects.filter(order__checkout_group=group).count() == 1
    assert LedgerEntry.objects.filter(order__checkout_group=group).count() == 1
    assert [m.to for m in mailoutbox].count(["claire@example.fr"]) == 1


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("payment_clock")
def test_the_same_event_delivered_ten_times_concurrently_changes_state_once(stripe_settings, mailoutbox):
    group, intent_id = authenticated_but_unconfirmed(stripe_settings)
    payload = event_for(intent_id, event_id="evt_concurrent")
    start = threading.Barrier(10)
    answers = []

    def deliver():
        try:
            start.wait()
            answers.append(Client().post(WEBHOOK, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=signed(payload)).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [200] * 10
    group.refresh_from_db()
    assert group.status == CheckoutStatus.CONFIRMED and StripeEvent.objects.count() == 1
    assert OrderSettlement.objects.filter(order__checkout_group=group).count() == 1
    assert LedgerEntry.objects.filter(order__checkout_group=group).count() == 1
    assert [m.to for m in mailoutbox].count(["claire@example.fr"]) == 1


@pytest.mark.django_db(transaction=True)
def test_localstripe_own_signed_webhook_confirms_a_payment_whose_return_page_never_loads(stripe_settings, live_server):
    stripe_settings.send_webhooks_to(f"{live_server.url}{WEBHOOK}")
    try:
        # localstripe signs its webhooks with its own (real) clock, which the site checks against its
        # own: both run on the real clock here, and the checkout is placed at the real time.
        group, _intent_id = authenticated_but_unconfirmed(stripe_settings, now=timezone.now())
        for _ in range(100):  # localstripe sends its events about a second later
            if CheckoutGroup.objects.get(pk=group.pk).status == CheckoutStatus.CONFIRMED:
                break
            time.sleep(0.1)
    finally:
        stripe_settings.stop_webhooks()
    assert CheckoutGroup.objects.get(pk=group.pk).status == CheckoutStatus.CONFIRMED
    assert StripeEvent.objects.filter(type="payment_intent.succeeded", processed_at__isnull=False).exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("payment_clock")
def test_account_updated_reads_the_account_from_stripe(stripe_settings, client, django_capture_on_commit_callbacks):
    shop = connected_shop(stripe_settings, "Poterie", ready=False)
    account = StripeAccount.objects.get(shop=shop)
    assert not account.is_ready and "external_account" in account.requirements_due
    stripe_settings.stand_in.state.complete_onboarding(account.account_id)
    # The payload says nothing useful; what Stripe answers now is what counts.
    payload = json.dumps({"id": "evt_account", "type": "account.updated", "data": {"object": {"id": account.account_id, "object": "account"}}}).encode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(WEBHOOK, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=signed(payload)).status_code == 200
    account.refresh_from_db()
    assert account.is_ready and account.requirements_due == []
