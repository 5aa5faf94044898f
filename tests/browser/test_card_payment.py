"""Paying a checkout by card in a real browser: our pay.js with localstripe's Stripe.js.

localstripe serves the fake Stripe.js (its card field is plain inputs, its 3-D Secure page a modal
with two buttons) and the PaymentIntents; only Connect is the stand-in's (see tests/stripe_peers.py).
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from checkout.order.models import CheckoutStatus
from payments.models import PaymentAttempt
from tests.integration.payments_support import card_checkout, connected_shop
from tests.stripe_peers import DECLINED_CARD, GOOD_CARD, THREE_D_SECURE_CARD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def placed_checkout(stripe_settings, settings):
    settings.COMMISSION_PERCENT, settings.COMMISSION_FIXED = "5.00", "0.25"
    baker = connected_shop(stripe_settings, "Fournil des Écrins")
    potter = connected_shop(stripe_settings, "Poterie du Queyras")
    # The browser keeps the real clock: the checkout is placed at the real time.
    group, _basket, customer = card_checkout([(baker, "10.00"), (potter, "25.00")], now=timezone.now())
    return group, customer


def fill_card(page, number):
    # localstripe's card element: plain inputs named by their placeholders.
    for placeholder, value in (("number", number), ("exp_month", "12"), ("exp_year", f"{(timezone.localdate().year + 5) % 100:02d}"), ("cvc", "123")):
        page.locator(f"#card-element input[placeholder={placeholder}]").fill(value)


def open_payment_page(browser_as, live_server, group, customer):
    page = browser_as(customer)
    page.goto(live_server.url + reverse("payment", kwargs={"number": group.number}))
    page.wait_for_selector("#card-element input[placeholder=number]")
    return page


def done_url(group):
    return reverse("marketplace-checkout-done", kwargs={"number": group.number})


def test_card_payment_of_two_shops_in_the_browser(placed_checkout, browser_as, live_server):
    group, customer = placed_checkout
    page = open_payment_page(browser_as, live_server, group, customer)
    assert "70,00" in page.locator("#card-submit").inner_text()
    fill_card(page, GOOD_CARD)
    page.click("#card-submit")
    page.wait_for_url(live_server.url + done_url(group))
    assert "Fournil des Écrins" in page.content() and "Poterie du Queyras" in page.content()
    group.refresh_from_db()
    assert group.status == CheckoutStatus.CONFIRMED
    assert set(group.orders.values_list("status", flat=True)) == {"new"}
    assert group.payment_attempts.get().status == PaymentAttempt.Status.SUCCEEDED


def test_three_d_secure_in_the_browser(placed_checkout, browser_as, live_server):
    group, customer = placed_checkout
    page = open_payment_page(browser_as, live_server, group, customer)
    fill_card(page, THREE_D_SECURE_CARD)
    page.click("#card-submit")
    # localstripe's bank page: a modal asking to complete or fail the authentication.
    page.get_by_role("button", name="Complete authentication").click()
    page.wait_for_url(live_server.url + done_url(group))
    assert "Paiement accepté" in page.content()
    group.refresh_from_db()
    assert group.status == CheckoutStatus.CONFIRMED
    assert set(group.orders.values_list("status", flat=True)) == {"new"}


def test_failed_authentication_keeps_the_checkout_payable(placed_checkout, browser_as, live_server):
    group, customer = placed_checkout
    page = open_payment_page(browser_as, live_server, group, customer)
    fill_card(page, THREE_D_SECURE_CARD)
    page.click("#card-submit")
    # Back on the payment page (through the return page), told why, the card form ready again.
    with page.expect_navigation(url=live_server.url + reverse("payment", kwargs={"number": group.number})):
        page.get_by_role("button", name="Fail authentication").click()
    page.wait_for_selector("#card-element input[placeholder=number]")
    failures = [text for text in page.locator(".alert-danger").all_inner_texts() if text.strip()]
    assert len(failures) == 1 and "L'authentification 3-D Secure a échoué" in failures[0]
    group.refresh_from_db()
    assert group.status == CheckoutStatus.AWAITING_PAYMENT
    assert set(group.orders.values_list("status", flat=True)) == {"pending_payment"}

    fill_card(page, GOOD_CARD)
    page.click("#card-submit")
    page.wait_for_url(live_server.url + done_url(group))
    group.refresh_from_db()
    assert group.status == CheckoutStatus.CONFIRMED


def test_declined_card_shows_the_french_message(placed_checkout, browser_as, live_server):
    group, customer = placed_checkout
    page = open_payment_page(browser_as, live_server, group, customer)
    fill_card(page, DECLINED_CARD)
    page.click("#card-submit")
    error = page.locator("#card-errors:not(.d-none)")
    error.wait_for()
    assert "Votre carte a été refusée" in error.inner_text()
    assert page.locator("#card-submit").is_enabled()
    group.refresh_from_db()
    assert group.status == CheckoutStatus.AWAITING_PAYMENT


def artisan_of(shop):
    return shop.partner.users.get()


def test_acceptance_pay_two_shops_collect_payout_and_refund_a_line(stripe_settings, settings, browser_as, live_server):
    """Issue 5's acceptance, as people would do it: the customer pays two shops by card; each artisan
    sees the order paid, marks it collected and sees the net payout; a refunded line shows in the ledger."""
    settings.COMMISSION_PERCENT, settings.COMMISSION_FIXED = "5.00", "0.25"
    baker = connected_shop(stripe_settings, "Fournil des Écrins")
    potter = connected_shop(stripe_settings, "Poterie du Queyras")
    group, _basket, customer = card_checkout([(baker, "10.00"), (baker, "4.00"), (potter, "25.00")], now=timezone.now())
    page = open_payment_page(browser_as, live_server, group, customer)
    assert "78,00" in page.locator("#card-submit").inner_text()
    fill_card(page, GOOD_CARD)
    page.click("#card-submit")
    page.wait_for_url(live_server.url + done_url(group))

    for shop, gross, net in ((baker, "28,00", "26,35"), (potter, "50,00", "47,25")):
        order = group.orders.filter(lines__partner_id=shop.pk).distinct().get()
        artisan = browser_as(artisan_of(shop))
        artisan.goto(live_server.url + reverse("artisan:order", kwargs={"number": order.number}))
        payment = artisan.locator("#payment-title").locator("..")
        assert "Payée par carte" in payment.inner_text() and gross in payment.inner_text()
        for step in ("accepted", "ready"):
            with artisan.expect_navigation():
                artisan.click(f"button[name=status][value={step}]")
        artisan.fill("input[name=pickup_code]", order.pickup_code)
        with artisan.expect_navigation():
            artisan.click("button[name=status][value=collected]")
        payment = artisan.locator("#payment-title").locator("..")
        assert net in payment.inner_text() and "Viré — " + net in payment.inner_text(), payment.inner_text()
        ledger = artisan.locator("#ledger-title").locator("..").inner_text()
        assert "Virement" in ledger and net in ledger, ledger

    # The baker refunds the 4 € item (2 × 4,00 €) after the payout: refund and reversal in the ledger.
    order = group.orders.filter(lines__partner_id=baker.pk).distinct().get()
    artisan = browser_as(artisan_of(baker))
    artisan.goto(live_server.url + reverse("artisan:order", kwargs={"number": order.number}))
    line = order.lines.get(unit_price_incl_tax="4.00")
    artisan.check(f"input[name=lines][value='{line.pk}']")
    artisan.fill("textarea[name=refund_reason]", "Pain brûlé à la cuisson.")
    with artisan.expect_navigation():
        artisan.click("button[name=refund_lines]")
    ledger = artisan.locator("#ledger-title").locator("..").inner_text()
    assert "Remboursement" in ledger and "8,00" in ledger, ledger
    intent = stripe_settings.get(f"/v1/payment_intents/{group.payment_attempts.get().intent_id}")
    refunds = stripe_settings.get(f"/v1/refunds?payment_intent={intent['id']}")["data"]
    assert [refund["amount"] for refund in refunds] == [800]
