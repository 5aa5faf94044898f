"""Buying a 20 € gift voucher by card on a phone (390 px), as a gift: the programme's page, the card
form with localstripe's Stripe.js and our pay.js, then /mes-bons/ with the voucher « offert à … »."""

from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from tests.browser.test_card_payment import fill_card
from tests.factories import ShopFactory, UserFactory
from tests.integration.vouchers_support import participating, programme
from tests.stripe_peers import GOOD_CARD
from vouchers.models import Voucher, VoucherStatus

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"width": 390, "height": 844}


def assert_no_sideways_scroll(page) -> None:
    widths = page.evaluate("[document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]")
    assert max(widths[:2]) <= widths[2], widths


def test_buy_a_20_euro_voucher_as_a_gift_by_card_on_a_phone(stripe_settings, browser_as, live_server):
    bakery = ShopFactory(partner__name="Au Fournil de Gap", commune__name="Gap")
    territory = programme(bonus_percent="20", bonus_budget="10000", fixed_values=("20.00", "50.00"))
    participating(territory, bakery)
    customer = UserFactory(email="claire@example.fr", username="claire@example.fr", first_name="Claire", last_name="Dupont")

    page = browser_as(customer)
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/bons-cadeaux/")
    assert "offerts par" in page.content() and "Au Fournil de Gap" in page.content()
    assert_no_sideways_scroll(page)
    page.get_by_role("link", name="Acheter un bon").first.click()
    page.get_by_label("20,00\u00a0€ payés", exact=False).check()
    page.get_by_label("Pour l'offrir").check()
    page.get_by_label("Nom du destinataire").fill("Léa")
    page.get_by_label("E-mail du destinataire").fill("lea@example.fr")
    page.get_by_label("Votre message").fill("Bon anniversaire !")
    page.get_by_label("J'ai lu et j'accepte").check()
    assert_no_sideways_scroll(page)
    page.get_by_role("button", name="Continuer vers le paiement").click()

    page.wait_for_selector("#card-element input[placeholder=number]")
    assert "24,00" in page.content() and "20,00" in page.locator("#card-submit").inner_text()
    assert_no_sideways_scroll(page)
    fill_card(page, GOOD_CARD)
    page.click("#card-submit")
    page.wait_for_url(live_server.url + "/mes-bons/")
    assert "Paiement accepté" in page.content() and "offert à Léa" in page.content()
    assert_no_sideways_scroll(page)

    voucher = Voucher.objects.get()
    assert voucher.status == VoucherStatus.ACTIVE and voucher.balance() == Decimal("24.00") and voucher.holder is None
    assert voucher.delivered_at is not None and voucher.delivered_at <= timezone.now()
    assert sorted(message.to[0] for message in mail.outbox) == ["claire@example.fr", "lea@example.fr"]

    # The printable voucher fits a 320 px phone, its QR code drawn to the stylesheet's size.
    page.set_viewport_size({"width": 320, "height": 640})
    page.get_by_role("link", name="Bon à imprimer").click()
    page.wait_for_url(live_server.url + f"/mes-bons/{voucher.code}/imprimer/")
    assert voucher.display_code in page.content() and "Bon anniversaire" in page.content()
    box = page.locator(".vouchers-qr svg").bounding_box()
    assert 150 <= box["width"] <= 320 and abs(box["width"] - box["height"]) < 2
    assert_no_sideways_scroll(page)
