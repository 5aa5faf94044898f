"""Buying a gift voucher by card (against localstripe), the e-voucher, and the customer's vouchers."""

import datetime
import html
import json
from decimal import Decimal

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from payments.models import StripeEvent
from tests.factories import ShopFactory, UserFactory
from tests.integration.test_payments_webhooks import signed
from tests.integration.vouchers_support import paid_voucher, participating, programme
from tests.stripe_peers import DECLINED_CARD, THREE_D_SECURE_CARD
from vouchers import purchase
from vouchers.models import MovementKind, Programme, Voucher, VoucherStatus

pytestmark = pytest.mark.django_db
D = Decimal
NOW = datetime.datetime(2027, 3, 9, 10, 0, tzinfo=datetime.UTC)
WEBHOOK = "/payments/stripe/webhook/"


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(NOW, tick=True)
    cache.clear()


@pytest.fixture(autouse=True)
def card_payments_set_up(settings):
    """The programme pages sell only where card payments are set up; the tests that pay use
    localstripe (stripe_settings), the others never reach Stripe."""
    settings.STRIPE_SECRET_KEY = settings.STRIPE_SECRET_KEY or "sk_test_never_called"
    settings.STRIPE_PUBLISHABLE_KEY = settings.STRIPE_PUBLISHABLE_KEY or "pk_test_never_called"


@pytest.fixture
def bakery():
    return ShopFactory(partner__name="Au Fournil de Gap", commune__name="Gap")


@pytest.fixture
def gapencais(bakery):
    territory = programme(bonus_percent="20", bonus_budget="10000", fixed_values=("20.00", "50.00"))
    participating(territory, bakery)
    return territory


@pytest.fixture
def customer():
    return UserFactory(email="claire@example.fr", username="claire@example.fr", first_name="Claire", last_name="Dupont")


def text(response) -> str:
    return html.unescape(response.content.decode())


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def buy(client, territory, **fields):
    data = {"face_value": "20.00", "for_whom": "me", "accept_terms": "on", **fields}
    return client.post(f"/bons-cadeaux/{territory.slug}/", data)


def pay(client, voucher, card_id):
    return client.post(f"/bons-cadeaux/paiement/{voucher.pk}/", json.dumps({"payment_method": card_id}), content_type="application/json")


def test_the_list_shows_programmes_bonus_end_date_and_shops(gapencais, bakery, client):
    draft = programme(name="Bons en préparation", status="draft")
    page = text(client.get("/bons-cadeaux/"))
    assert gapencais.name in page and draft.name not in page
    assert "+20\u00a0% offerts par Communauté d'agglomération Gap-Tallard-Durance" in page
    assert "Au Fournil de Gap" in page and "Gap" in page
    assert "search-map-data" in page  # the map's points, the list working without it
    assert "5 septembre 2027" in page  # valid 180 days


def test_the_list_says_when_nothing_is_on_sale(client):
    programme(status="draft")
    page = text(client.get("/bons-cadeaux/"))
    assert "n'est en vente pour le moment" in page


def test_the_programme_page_quotes_the_bonus_and_warns_when_the_budget_is_spent(gapencais, client):
    page = text(client.get(f"/bons-cadeaux/{gapencais.slug}/"))
    assert "24,00" in page and "4,00" in page and "Valable chez les artisans participants." in page
    assert 'value="20.00"' in page and 'value="50.00"' in page  # what the form accepts back, whatever the language
    assert "budget d'abondement est épuisé" not in page
    Programme.objects.filter(pk=gapencais.pk).update(bonus_budget=D("3.00"))
    page = text(client.get(f"/bons-cadeaux/{gapencais.slug}/"))
    assert "budget d'abondement est épuisé\u00a0: ce bon sera vendu sans abondement" in page


def test_the_programme_page_the_printable_voucher_and_the_counter_say_what_the_voucher_does_not_pay(gapencais, customer, bakery):
    from oscar.core.loading import get_class

    from vouchers.models import CategoryLimit

    create_from_breadcrumbs = get_class("catalogue.categories", "create_from_breadcrumbs")
    gapencais.excluded_categories.add(create_from_breadcrumbs("Boissons > Spiritueux"))
    CategoryLimit.objects.create(programme=gapencais, category=create_from_breadcrumbs("Boissons > Vins"), max_amount=D("15"))
    voucher = paid_voucher(gapencais, customer)
    artisan = logged_in(bakery.owner)
    artisan.post("/espace-artisan/comptoir/bon-d-achat/", {"code": voucher.code})
    pages = [Client().get(f"/bons-cadeaux/{gapencais.slug}/"), logged_in(customer).get(f"/mes-bons/{voucher.code}/imprimer/"),
             artisan.get("/espace-artisan/comptoir/bon-d-achat/")]
    for page in pages:
        body = text(page)
        assert page.status_code == 200
        assert "Ce que le bon ne paie pas" in body, page.request["PATH_INFO"]
        assert "Spiritueux : jamais payé par le bon" in body
        assert "Vins : au plus 15,00 € par achat" in body
        assert "Frais de livraison" in body


def test_buying_needs_an_account_and_the_terms(gapencais, client, customer):
    answer = buy(client, gapencais)
    assert answer.status_code == 302 and "/accounts/login/" in answer.url
    answer = buy(logged_in(customer), gapencais, accept_terms="")
    assert answer.status_code == 400 and "Acceptez les conditions" in text(answer)
    answer = buy(logged_in(customer), gapencais, face_value="30.00")
    assert answer.status_code == 400 and not Voucher.objects.exists()
    answer = buy(logged_in(customer), gapencais, for_whom="gift", recipient_name="", recipient_email="pas-une-adresse")
    assert answer.status_code == 400 and not Voucher.objects.exists()


def test_buying_by_card_credits_20_and_4_euros_and_sends_the_voucher(gapencais, customer, stripe_settings, django_capture_on_commit_callbacks):
    client = logged_in(customer)
    answer = buy(client, gapencais)
    voucher = Voucher.objects.get()
    assert answer.url == f"/bons-cadeaux/paiement/{voucher.pk}/"
    page = text(client.get(answer.url))
    assert "24,00" in page and "pk_test_echoppe" in page
    with django_capture_on_commit_callbacks(execute=True):
        answer = pay(client, voucher, stripe_settings.card())
    assert answer.json() == {"redirect": "/mes-bons/"}
    voucher.refresh_from_db()
    intent = stripe_settings.get(f"/v1/payment_intents/{voucher.payment_intent_id}")
    assert (intent["amount"], intent["currency"], intent["status"]) == (2000, "eur", "succeeded")
    assert intent["metadata"]["voucher"] == str(voucher.pk)
    assert voucher.status == VoucherStatus.ACTIVE and voucher.balance() == D("24.00")
    assert sorted(voucher.movements.values_list("kind", "amount")) == [("bonus", D("4.00")), ("purchase", D("20.00"))]
    [sent] = mail.outbox
    assert sent.to == ["claire@example.fr"] and voucher.display_code in sent.body and "24,00" in sent.body
    assert f"/mes-bons/{voucher.code}/imprimer/" in sent.body
    # The return page and the webhook read it again: credited once.
    with django_capture_on_commit_callbacks(execute=True):
        purchase.sync_intent(voucher.payment_intent_id)
        client.get(f"/bons-cadeaux/paiement/{voucher.pk}/retour/")
    assert voucher.movements.count() == 2 and len(mail.outbox) == 1
    # Paying again is refused.
    assert pay(client, voucher, stripe_settings.card()).status_code == 409


def test_the_webhook_credits_a_voucher_paid_after_3d_secure(gapencais, customer, stripe_settings, django_capture_on_commit_callbacks):
    client = logged_in(customer)
    buy(client, gapencais)
    voucher = Voucher.objects.get()
    answer = pay(client, voucher, stripe_settings.card(THREE_D_SECURE_CARD)).json()
    assert answer["client_secret"] and answer["redirect"] == f"/bons-cadeaux/paiement/{voucher.pk}/retour/"
    voucher.refresh_from_db()
    stripe_settings.authenticate(voucher.payment_intent_id)
    assert voucher.status == VoucherStatus.PENDING_PAYMENT
    payload = json.dumps({"id": "evt_voucher_1", "object": "event", "type": "payment_intent.succeeded",
                          "data": {"object": {"id": voucher.payment_intent_id, "object": "payment_intent", "status": "requires_action"}}}).encode()
    with django_capture_on_commit_callbacks(execute=True):
        assert Client().post(WEBHOOK, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=signed(payload)).status_code == 200
    voucher.refresh_from_db()
    assert voucher.status == VoucherStatus.ACTIVE and voucher.balance() == D("24.00")
    assert StripeEvent.objects.get().processed_at is not None


def test_a_failed_payment_is_cancelled_after_an_hour_and_releases_the_bonus(gapencais, customer, stripe_settings, time_machine):
    client = logged_in(customer)
    buy(client, gapencais)
    voucher = Voucher.objects.get()
    gapencais.refresh_from_db()
    assert gapencais.bonus_committed == D("4.00")
    answer = pay(client, voucher, stripe_settings.card(DECLINED_CARD))
    assert answer.status_code == 402 and "refusée" in answer.json()["error"]
    assert purchase.cancel_stale() == 0  # not an hour yet
    time_machine.move_to(NOW + datetime.timedelta(hours=2), tick=True)
    assert purchase.cancel_stale() == 1
    voucher.refresh_from_db()
    gapencais.refresh_from_db()
    assert voucher.status == VoucherStatus.CANCELLED and gapencais.bonus_committed == D("0.00") and voucher.balance() == 0
    assert "expiré" in text(client.get(f"/bons-cadeaux/paiement/{voucher.pk}/")) or \
        "Le délai pour payer ce bon" in text(client.get(f"/bons-cadeaux/paiement/{voucher.pk}/"))


def test_a_gift_is_sent_on_its_date_once_and_opened_by_its_recipient(gapencais, customer, stripe_settings, time_machine,
                                                                     django_capture_on_commit_callbacks):
    client = logged_in(customer)
    buy(client, gapencais, for_whom="gift", recipient_name="Léa", recipient_email="lea@example.fr", message="Bon anniversaire !",
        deliver_on="2027-03-12")
    voucher = Voucher.objects.get()
    assert voucher.holder is None and voucher.deliver_on == datetime.date(2027, 3, 12)
    with django_capture_on_commit_callbacks(execute=True):
        pay(client, voucher, stripe_settings.card())
    assert [message.to for message in mail.outbox] == [["claire@example.fr"]]
    with django_capture_on_commit_callbacks(execute=True):
        assert purchase.deliver_due_gifts() == 0
    time_machine.move_to(NOW + datetime.timedelta(days=3), tick=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert purchase.deliver_due_gifts() == 1
        assert purchase.deliver_due_gifts() == 0
        assert not purchase.deliver_gift(voucher)  # sent once, however it is asked again
    assert [message.to for message in mail.outbox].count(["lea@example.fr"]) == 1
    gift = mail.outbox[-1]
    assert gift.to == ["lea@example.fr"] and "Bon anniversaire" in gift.body and voucher.display_code in gift.body
    link = next(word for word in gift.body.split() if "/mes-bons/cadeau/" in word)
    path = link[link.index("/mes-bons/"):]
    # The link opens the printable voucher without an account; a forged one answers 404.
    assert "Bon anniversaire" in text(Client().get(path))
    assert Client().get(path[:-3] + "xyz/").status_code == 404
    lea = UserFactory(email="lea@example.fr", username="lea@example.fr")
    with django_capture_on_commit_callbacks(execute=True):
        assert logged_in(lea).post(path).url == "/mes-bons/"
    voucher.refresh_from_db()
    assert voucher.holder == lea
    assert voucher.display_code in text(logged_in(lea).get("/mes-bons/"))
    # Another account cannot take it afterwards.
    logged_in(UserFactory()).post(path)
    voucher.refresh_from_db()
    assert voucher.holder == lea
    # The buyer still sees it, « offert à Léa ».
    page = text(client.get("/mes-bons/"))
    assert "offert à Léa" in page


def test_the_printable_voucher_is_for_its_holder_or_buyer_only(gapencais, customer):
    voucher = paid_voucher(gapencais, customer)
    page = logged_in(customer).get(f"/mes-bons/{voucher.code}/imprimer/")
    assert page.status_code == 200
    body = text(page)
    assert "<svg" in body and voucher.display_code in body and "24,00" in body
    assert logged_in(UserFactory()).get(f"/mes-bons/{voucher.code}/imprimer/").status_code == 404
    assert Client().get(f"/mes-bons/{voucher.code}/imprimer/").status_code == 302


def test_my_vouchers_shows_balances_and_history_without_n_plus_one(gapencais, customer, bakery, django_assert_max_num_queries):
    from vouchers import ledger

    voucher = paid_voucher(gapencais, customer)
    ledger.redeem(voucher, D("15.00"), bakery, key="test-redeem")
    client = logged_in(customer)
    page = text(client.get("/mes-bons/"))
    assert "9,00" in page and "Au Fournil de Gap" in page and "-15,00" in page.replace("\u2212", "-")
    for _ in range(3):
        paid_voucher(gapencais, customer, face_value="50.00")
    with django_assert_max_num_queries(12):
        page = client.get("/mes-bons/")
    assert page.content.decode().count("vouchers-voucher\"") == 4
    assert "pas encore de bon" in text(logged_in(UserFactory()).get("/mes-bons/"))


def test_withdrawal_within_14_days_refunds_the_card_and_is_refused_after(gapencais, customer, stripe_settings, time_machine,
                                                                       django_capture_on_commit_callbacks):
    client = logged_in(customer)
    buy(client, gapencais)
    voucher = Voucher.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        pay(client, voucher, stripe_settings.card())
    voucher.refresh_from_db()
    assert "Confirmer la rétractation" in text(client.get(f"/mes-bons/{voucher.code}/retractation/"))
    assert logged_in(UserFactory()).post(f"/mes-bons/{voucher.code}/retractation/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/mes-bons/{voucher.code}/retractation/")
        client.post(f"/mes-bons/{voucher.code}/retractation/")
    voucher.refresh_from_db()
    gapencais.refresh_from_db()
    assert voucher.status == VoucherStatus.WITHDRAWN and voucher.balance() == 0 and gapencais.bonus_committed == 0
    refunds = stripe_settings.get(f"/v1/refunds?payment_intent={voucher.payment_intent_id}")["data"]
    assert [refund["amount"] for refund in refunds] == [2000]

    late = paid_voucher(gapencais, customer)
    time_machine.move_to(NOW + datetime.timedelta(days=15), tick=True)
    client = logged_in(customer)
    assert "délai de 14 jours pour se rétracter" in text(client.get(f"/mes-bons/{late.code}/retractation/"))
    client.post(f"/mes-bons/{late.code}/retractation/")
    late.refresh_from_db()
    assert late.status == VoucherStatus.ACTIVE and late.movements.filter(kind=MovementKind.WITHDRAWAL).count() == 0


def test_typing_codes_is_throttled_per_person_and_per_address(gapencais, customer):
    voucher = paid_voucher(gapencais, UserFactory(), recipient_name="Léa", recipient_email="lea@example.fr")
    client = logged_in(customer)
    for _ in range(10):
        assert client.post("/mes-bons/ajouter/", {"code": "K7QM2X-9PD4TR-AH3ZWN"}).status_code == 400
    answer = client.post("/mes-bons/ajouter/", {"code": voucher.code})
    assert answer.status_code == 429 and "Trop de codes" in text(answer)
    voucher.refresh_from_db()
    assert voucher.holder is None
    # Another account from the same address still has tries left, until the address's limit.
    other = logged_in(UserFactory())
    assert other.post("/mes-bons/ajouter/", {"code": voucher.code}).status_code == 302
    voucher.refresh_from_db()
    assert voucher.holder is not None
    for _ in range(25):
        logged_in(UserFactory()).post("/mes-bons/ajouter/", {"code": "nope"})
    assert logged_in(UserFactory()).post("/mes-bons/ajouter/", {"code": "nope"}).status_code == 429


def test_a_free_amount_between_bounds_and_a_sale_without_bonus_once_the_budget_is_spent(bakery, customer):
    territory = programme(bonus_percent="20", bonus_budget="5.00", minimum_value=D("10.00"), maximum_value=D("100.00"))
    participating(territory, bakery)
    client = logged_in(customer)
    assert 'min="10.00"' in text(client.get(f"/bons-cadeaux/{territory.slug}/"))
    assert buy(client, territory, face_value="150").status_code == 400
    assert "entre 10,00\u00a0€ et 100,00\u00a0€" in text(buy(client, territory, face_value="5"))
    first = Voucher.objects.get(pk=int(buy(client, territory, face_value="25").url.rstrip("/").split("/")[-1]))
    assert first.bonus == D("5.00")
    assert "budget d'abondement est épuisé" not in text(client.get(f"/bons-cadeaux/paiement/{first.pk}/"))
    second = Voucher.objects.get(pk=int(buy(client, territory, face_value="20").url.rstrip("/").split("/")[-1]))
    assert second.bonus == 0
    page = text(client.get(f"/bons-cadeaux/paiement/{second.pk}/"))
    assert "budget d'abondement est épuisé\u00a0: ce bon sera vendu sans abondement" in page and "20,00" in page


def test_the_list_costs_the_same_queries_for_one_shop_or_many(gapencais, client, django_assert_max_num_queries):
    for number in range(6):
        participating(gapencais, ShopFactory(partner__name=f"Atelier {number}"))
    programme(name="Bons de Briançon", department_codes=["05"])
    with django_assert_max_num_queries(8):
        page = text(client.get("/bons-cadeaux/"))
    assert "Atelier 5" in page and "Bons de Briançon" in page


def test_without_card_payments_no_voucher_is_put_on_sale(gapencais, customer, settings):
    settings.STRIPE_SECRET_KEY = ""
    settings.DEBUG = True
    client = logged_in(customer)
    page = text(client.get(f"/bons-cadeaux/{gapencais.slug}/"))
    assert "lancez «\u00a0make demo\u00a0» (pas make demo-offline)" in page and "Continuer vers le paiement" not in page
    refused = buy(client, gapencais)
    assert refused.status_code == 400 and not Voucher.objects.exists()
    gapencais.refresh_from_db()
    assert gapencais.bonus_committed == D("0.00")
    settings.DEBUG = False
    assert "pas disponible pour le moment" in text(client.get(f"/bons-cadeaux/{gapencais.slug}/"))
