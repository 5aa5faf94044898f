"""Spending a gift voucher at the artisan's counter: scanned or typed, found only by a shop that takes
it, debited once however many times the button is tapped, a receipt for both, and lookups throttled so
that codes cannot be enumerated."""

import datetime
import html as html_module
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from marketplace.models import OutgoingEmail
from tests.factories import ShopFactory, UserFactory
from tests.integration.vouchers_support import paid_voucher, participating, programme
from tests.integration.vouchers_support import clock, bakery, gapencais  # noqa: F401 (fixtures)
from vouchers import codes
from vouchers.counter import LOOKUP_FAILURES_ALLOWED
from vouchers.models import Movement, MovementKind

pytestmark = pytest.mark.django_db

D = Decimal
COUNTER = reverse("artisan:counter")
VOUCHER_PAGE = reverse("artisan:counter-voucher")
RECEIPT = reverse("artisan:counter-voucher-receipt")


@pytest.fixture
def voucher(gapencais):
    return paid_voucher(gapencais, UserFactory(email="camille@example.fr"), "20.00")


@pytest.fixture
def artisan(clock, client, bakery):
    client.force_login(bakery.owner)
    return client


def text(response) -> str:
    return html_module.unescape(response.content.decode())


def form_key(html: str) -> str:
    return re.search(r'name="key" value="([0-9a-f]{32})"', html).group(1)


def find(client, text):
    return client.post(VOUCHER_PAGE, {"code": text})


def test_the_scanned_qr_code_opens_the_voucher_without_its_code_in_any_address(artisan, voucher):
    answer = find(artisan, codes.qr_payload(voucher.code))
    assert answer.status_code == 302 and answer.url == VOUCHER_PAGE
    page = artisan.get(VOUCHER_PAGE)
    html = text(page)
    assert page.status_code == 200
    assert "Bons d'achat du Pays gapençais" in html and "24,00\u00a0€" in html and "accepte ce bon" in html
    assert voucher.expires_on.strftime("%d/%m/%Y") in html
    assert "Débiter le bon" in html and voucher.code not in answer.url


def test_a_code_typed_with_dashes_and_small_letters_in_either_box_is_found(artisan, voucher):
    typed = codes.display(voucher.code).lower()
    assert find(artisan, typed).url == VOUCHER_PAGE
    # Typed in the order's box (a page without its script): recognised, kept in the session.
    answer = artisan.get(COUNTER, {"code": f" {typed} "})
    assert answer.status_code == 302 and answer.url == VOUCHER_PAGE


def test_the_counter_offers_the_voucher_form_by_post(artisan):
    html = text(artisan.get(COUNTER))
    assert f'method="post" action="{VOUCHER_PAGE}" data-counter-voucher-form' in html and "Un bon d'achat\u00a0?" in html


def test_debiting_gives_a_receipt_and_emails_the_holder(artisan, voucher, bakery):
    find(artisan, voucher.code)
    key = form_key(text(artisan.get(VOUCHER_PAGE)))
    answer = artisan.post(VOUCHER_PAGE, {"amount": "7,50", "key": key})
    assert answer.status_code == 302 and answer.url == RECEIPT
    assert voucher.balance() == D("16.50")
    movement = Movement.objects.get(kind=MovementKind.REDEMPTION)
    assert (movement.shop, movement.order, movement.amount, movement.actor) == (bakery, None, D("-7.50"), bakery.owner)
    html = text(artisan.get(RECEIPT))
    assert "7,50\u00a0€ débités" in html and "16,50\u00a0€" in html and "Au Fournil de Gap" in html and "Imprimer" in html
    email = OutgoingEmail.objects.get(template="voucher_counter_receipt")
    assert email.recipient == "camille@example.fr"
    assert email.context["amount"] == "7,50\u00a0€" and email.context["balance"] == "16,50\u00a0€"


def test_a_double_tap_debits_once(artisan, voucher):
    find(artisan, voucher.code)
    key = form_key(text(artisan.get(VOUCHER_PAGE)))
    first = artisan.post(VOUCHER_PAGE, {"amount": "5.00", "key": key})
    second = artisan.post(VOUCHER_PAGE, {"amount": "5.00", "key": key})
    assert first.url == second.url == RECEIPT
    assert voucher.balance() == D("19.00")
    assert Movement.objects.filter(kind=MovementKind.REDEMPTION).count() == 1
    assert OutgoingEmail.objects.filter(template="voucher_counter_receipt").count() == 1
    # A new page view draws a new key: a second purchase is a second debit.
    key = form_key(text(artisan.get(VOUCHER_PAGE)))
    artisan.post(VOUCHER_PAGE, {"amount": "4.00", "key": key})
    assert voucher.balance() == D("15.00")


def test_more_than_what_is_left_is_refused_in_french(artisan, voucher):
    find(artisan, voucher.code)
    key = form_key(text(artisan.get(VOUCHER_PAGE)))
    answer = artisan.post(VOUCHER_PAGE, {"amount": "30", "key": key})
    assert answer.status_code == 200
    assert "Il reste 24,00\u00a0€ sur ce bon\u00a0: impossible d'en débiter 30,00\u00a0€." in text(answer)
    assert voucher.balance() == D("24.00")


@pytest.mark.parametrize("amount", ["0", "-3", "abc", "1e9", ""])
def test_a_bad_amount_is_refused_without_a_debit(artisan, voucher, amount):
    find(artisan, voucher.code)
    key = form_key(text(artisan.get(VOUCHER_PAGE)))
    assert artisan.post(VOUCHER_PAGE, {"amount": amount, "key": key}).status_code == 200
    assert voucher.balance() == D("24.00")


def test_a_forged_key_is_refused(artisan, voucher):
    find(artisan, voucher.code)
    answer = artisan.post(VOUCHER_PAGE, {"amount": "2", "key": "x" * 32})
    assert answer.status_code == 200 and "Ce formulaire a expiré" in text(answer)
    assert voucher.balance() == D("24.00")


def test_an_expired_voucher_is_shown_with_its_end_date_and_cannot_be_debited(artisan, bakery, time_machine):
    short = programme(valid_until=datetime.date(2027, 3, 10), sale_ends_on=datetime.date(2027, 3, 10))
    participating(short, bakery)
    voucher = paid_voucher(short, UserFactory(), "20.00")
    find(artisan, voucher.code)
    key = form_key(text(artisan.get(VOUCHER_PAGE)))
    time_machine.move_to(datetime.datetime(2027, 3, 11, 10, 0, tzinfo=datetime.UTC), tick=False)
    html = text(artisan.get(VOUCHER_PAGE))
    assert "Ce bon a expiré le" in html and "Débiter le bon" not in html
    answer = artisan.post(VOUCHER_PAGE, {"amount": "2", "key": key})
    assert "a expiré le" in text(answer)
    assert voucher.balance() == D("24.00")


def test_another_shop_never_reads_nor_debits_a_voucher_it_does_not_take(clock, client, voucher):
    elsewhere = ShopFactory(partner__name="Poterie de Briançon")
    client.force_login(elsewhere.owner)
    unknown = text(find(client, "K7QM2X-9PD4TR-AH3ZWN"))
    foreign = find(client, codes.qr_payload(voucher.code))
    assert foreign.status_code == 200
    refusal = "Aucun bon d'achat accepté par votre boutique n'a ce code"
    assert refusal in unknown and refusal in text(foreign)
    assert "24,00" not in text(foreign) and "gapençais" not in text(foreign)
    # Even with the voucher forced into its session, its page and its debit are not reached.
    session = client.session
    session["counter_voucher"] = {"voucher": voucher.pk, "shop": elsewhere.pk}
    session.save()
    assert client.get(VOUCHER_PAGE).url == COUNTER
    assert client.post(VOUCHER_PAGE, {"amount": "5", "key": "a" * 32}).url == COUNTER
    assert voucher.balance() == D("24.00")


def test_a_shop_that_left_the_programme_can_no_longer_debit(artisan, voucher, bakery):
    find(artisan, voucher.code)
    key = form_key(text(artisan.get(VOUCHER_PAGE)))
    bakery.voucher_participations.update(excluded_by_chamber=True)
    assert artisan.post(VOUCHER_PAGE, {"amount": "5", "key": key}).url == COUNTER
    assert voucher.balance() == D("24.00")


def test_lookups_are_throttled_per_account_and_per_address(clock, client, voucher, bakery):
    client.force_login(bakery.owner)
    for _attempt in range(LOOKUP_FAILURES_ALLOWED):
        assert find(client, codes.new_code()).status_code == 200
    blocked = find(client, voucher.code)
    assert blocked.status_code == 429
    assert "Trop de codes de bons d'achat ont été essayés" in text(blocked)
    # Another artisan account from the same address is blocked too…
    other = ShopFactory(partner__name="Poterie de Briançon")
    client.force_login(other.owner)
    assert find(client, voucher.code).status_code == 429
    # …and the same account from another address.
    client.force_login(bakery.owner)
    assert client.post(VOUCHER_PAGE, {"code": voucher.code}, REMOTE_ADDR="192.0.2.8").status_code == 429


def test_found_codes_do_not_count_towards_the_throttle(artisan, voucher):
    for _attempt in range(LOOKUP_FAILURES_ALLOWED + 2):
        assert find(artisan, voucher.code).status_code == 302


def test_the_receipt_and_voucher_pages_without_a_voucher_lead_back_to_the_counter(artisan):
    assert artisan.get(VOUCHER_PAGE).url == COUNTER
    assert artisan.get(RECEIPT).url == COUNTER
