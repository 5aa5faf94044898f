"""The artisan's side of payments: Stripe onboarding, payment settings, refunds from the order page,
and what the checkout offers for each shop."""

from decimal import Decimal

import pytest

from checkout.order.models import CheckoutStatus
from checkout.placement import PlacementRefused
from payments import card
from payments.methods import accepted_methods
from payments.models import PaymentMethod, StripeAccount
from shops.checklist import shop_checklist
from shops.models import Shop
from shops.roles import chamber_group
from tests.factories import ShopFactory, UserFactory
from tests.integration.payments_support import card_checkout, connected_shop

# Placed at the tests' clock (payments_support.NOW); the payment code reads that clock too.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("payment_clock")]


def test_onboarding_through_an_account_link_regenerated_when_it_expires(stripe_settings, client):
    shop = ShopFactory(partner__name="Savonnerie", accepts_payment_on_site=False)
    client.force_login(shop.owner)
    page = client.get("/espace-artisan/paiements/").content.decode()
    assert "Activer le paiement par carte avec Stripe" in page
    assert not next(item for item in shop_checklist(shop) if item.code == "payments").is_done

    to_stripe = client.post("/espace-artisan/paiements/", {"connect": "1"})
    account = StripeAccount.objects.get(shop=shop)
    assert to_stripe.status_code == 302 and to_stripe.url.startswith(f"{stripe_settings.api_url}/connect/onboarding/{account.account_id}")
    assert "return_url=http%3A%2F%2Ftestserver%2Fespace-artisan%2Fpaiements%2Fstripe%2Fretour%2F" in to_stripe.url
    # Clicking again never makes a second account; an expired link gives a fresh one.
    client.post("/espace-artisan/paiements/", {"connect": "1"})
    assert StripeAccount.objects.filter(shop=shop).count() == 1
    links = [form for method, path, form in stripe_settings.stand_in.state.requests if path == "/v1/account_links"]
    assert client.get("/espace-artisan/paiements/stripe/relancer/").url.startswith(stripe_settings.api_url)
    assert len([form for method, path, form in stripe_settings.stand_in.state.requests if path == "/v1/account_links"]) == len(links) + 1

    # Back from Stripe before finishing: what is missing is said in French.
    client.get("/espace-artisan/paiements/stripe/retour/")
    page = client.get("/espace-artisan/paiements/").content.decode()
    assert "Compte bancaire (IBAN) pour les virements" in page and "Pièce d&#x27;identité" in page
    stripe_settings.stand_in.state.complete_onboarding(account.account_id)
    client.get("/espace-artisan/paiements/stripe/retour/")
    account.refresh_from_db()
    assert account.is_ready and "Actif" in client.get("/espace-artisan/paiements/").content.decode()
    assert next(item for item in shop_checklist(Shop.objects.get(pk=shop.pk)) if item.code == "payments").is_done


def test_payment_settings_and_what_the_checkout_offers(stripe_settings, client, settings):
    on_site_only = ShopFactory(partner__name="Boucherie", accepts_payment_on_site=True)
    client.force_login(on_site_only.owner)
    client.post("/espace-artisan/paiements/", {"on_site": "1"})  # the box unticked
    on_site_only.refresh_from_db()
    assert not on_site_only.accepts_payment_on_site
    assert accepted_methods(on_site_only) == []
    connected = connected_shop(stripe_settings, "Fournil", accepts_payment_on_site=False)
    assert accepted_methods(connected) == [PaymentMethod.CARD]
    settings.STRIPE_SECRET_KEY = ""  # no card payments on the marketplace: the connected shop cannot take cards either
    assert accepted_methods(connected) == []


def test_the_artisan_refunds_a_line_and_sees_the_ledger(stripe_settings, client, django_capture_on_commit_callbacks):
    shop = connected_shop(stripe_settings, "Fournil")
    group, _basket, _customer = card_checkout([(shop, "10.00")])
    order = group.orders.get()
    client.force_login(shop.owner)
    assert client.get(f"/espace-artisan/commandes/{order.number}/").status_code == 404  # not paid yet: not theirs to prepare
    assert order.number not in client.get("/espace-artisan/commandes/").content.decode()
    card.start_payment(group, stripe_settings.card())
    page = client.get(f"/espace-artisan/commandes/{order.number}/").content.decode()
    assert "Payée par carte" in page and "Net pour vous" in page and "Paiement par carte" in page
    answer = client.post(f"/espace-artisan/commandes/{order.number}/", {"status": "cancelled", "reason": ""})
    assert answer.status_code == 200  # a reason is needed
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(f"/espace-artisan/commandes/{order.number}/", {"status": "cancelled", "reason": "Four en panne"})
    order.refresh_from_db()
    assert answer.status_code == 302 and order.status == "cancelled" and order.settlement.refunded == Decimal("20.00")
    page = client.get(f"/espace-artisan/commandes/{order.number}/").content.decode()
    assert "Remboursement" in page and "-20,00" in page
    ledger = client.get("/espace-artisan/paiements/").content.decode()
    assert order.number in ledger and "20,00" in ledger


def test_a_checkout_mixing_card_and_on_site_waits_for_the_card_payment(stripe_settings):
    baker = connected_shop(stripe_settings, "Fournil")
    butcher = connected_shop(stripe_settings, "Boucherie", ready=False)  # pays on site only
    group, _basket, _customer = card_checkout([(baker, "10.00"), (butcher, "8.00")],
                                              payment={baker: PaymentMethod.CARD, butcher: PaymentMethod.ON_SITE})
    assert group.status == CheckoutStatus.AWAITING_PAYMENT and group.amount_online == Decimal("20.00")
    assert set(group.orders.values_list("status", flat=True)) == {"pending_payment"}
    assert card.start_payment(group, stripe_settings.card()).paid
    group.refresh_from_db()
    assert set(group.orders.values_list("status", flat=True)) == {"new"}
    meat = group.orders.get(lines__partner_id=butcher.pk)
    assert meat.payment_method == PaymentMethod.ON_SITE and not hasattr(meat, "settlement")
    with pytest.raises(PlacementRefused, match="moyen de paiement"):
        card_checkout([(butcher, "8.00")], payment=PaymentMethod.CARD)
    on_site_group, _basket, _customer = card_checkout([(butcher, "8.00")], payment=PaymentMethod.ON_SITE)
    assert on_site_group.status == CheckoutStatus.CONFIRMED and on_site_group.amount_online == 0


def test_another_artisan_never_reaches_a_shops_money(stripe_settings, client):
    shop_a = connected_shop(stripe_settings, "Fournil A")
    shop_b = connected_shop(stripe_settings, "Fournil B")
    group, _basket, _customer = card_checkout([(shop_a, "10.00")])
    card.start_payment(group, stripe_settings.card())
    order = group.orders.get()
    line = order.lines.get()
    client.force_login(shop_b.owner)
    url = f"/espace-artisan/commandes/{order.number}/"
    for data in ({}, {"refund_lines": "1", "lines": [line.pk], "refund_reason": "x"}, {"status": "cancelled", "reason": "x"},
                 {"record_payment": "1", "amount": "1", "means": "cash"}):
        assert client.post(url, data).status_code == 404
    assert client.get(url).status_code == 404
    payments_page = client.get("/espace-artisan/paiements/").content.decode()
    assert order.number not in payments_page and "Aucune commande payée" in payments_page
    order.settlement.refresh_from_db()
    assert order.settlement.refunded == 0 and order.status == "new"
    # B's onboarding touches B's account only.
    client.post("/espace-artisan/paiements/", {"connect": "1"})
    assert StripeAccount.objects.get(shop=shop_a).account_id != StripeAccount.objects.get(shop=shop_b).account_id


def test_the_chamber_refunds_and_cancels_any_order_and_nobody_else_can(stripe_settings, client, django_capture_on_commit_callbacks):
    shop = connected_shop(stripe_settings, "Fournil")
    group, _basket, customer = card_checkout([(shop, "10.00")], quantity=3)
    card.start_payment(group, stripe_settings.card())
    order = group.orders.get()
    url = f"/chambre/commandes/{order.number}/"
    for someone in (None, customer, shop.owner):
        client.logout()
        if someone is not None:
            client.force_login(someone)
        assert client.get(url).status_code in (302, 403)
        assert client.post(url, {"reason": "x"}).status_code in (302, 403)
    order.refresh_from_db()
    assert order.status == "new"
    staff = UserFactory(username="chambre@example.fr")
    staff.groups.add(chamber_group())
    client.force_login(staff)
    assert "Annuler et rembourser" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(url, {"cancel": "1", "reason": "Boutique fermée par arrêté"})
    order.refresh_from_db()
    assert answer.status_code == 302 and order.status == "cancelled" and order.settlement.refunded == Decimal("30.00")
    assert order.ledger_entries.get(kind="refund").actor == staff
