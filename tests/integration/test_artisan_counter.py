"""The counter (« Comptoir »): the artisan finds an order from the customer's QR code, pickup code or
order number — their own shop's only — and receives what is due and hands it over in one step."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from checkout.counter import CounterRefused, find_order, hand_over_at_counter, read_code
from checkout.lifecycle import advance
from checkout.order.models import OrderStatus
from payments.models import PaymentMethod
from payments.on_site import amount_due, amount_paid, record_on_site_payment
from shops.fulfilment import ClickAndCollectOption
from shops.models import OpeningPeriod
from tests.factories import ShopFactory, UserFactory
from tests.integration.payments_support import TUESDAY_8, card_checkout

Order = get_model("order", "Order")
PaymentEvent = get_model("order", "PaymentEvent")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("payment_clock")]
COUNTER = "/espace-artisan/comptoir/"


def counter_shop(name: str):
    shop = ShopFactory(partner__name=name, accepts_payment_on_site=True)
    ClickAndCollectOption.objects.create(shop=shop, capacity_per_slot=5, preparation_hours=2)
    OpeningPeriod.objects.create(shop=shop, weekday=1, opens_at=datetime.time(8), closes_at=datetime.time(12))
    return shop


def ready_order(shop, price="7.10", customer=None, status=OrderStatus.READY):
    """An order placed for pickup and payment on site (2 × ``price``), taken to ``status``."""
    group, _basket, _customer = card_checkout([(shop, price)], customer=customer, payment=PaymentMethod.ON_SITE)
    order = group.orders.get()
    for step in (OrderStatus.ACCEPTED, OrderStatus.READY):
        if order.status == status:
            break
        advance(order, step, shop.owner)
    return order


@pytest.fixture
def fournil():
    return counter_shop("Fournil des Écrins")


@pytest.fixture
def order(fournil):
    return ready_order(fournil)


def hidden_fields(html: str) -> dict[str, str]:
    """What the hand-over form sends on its own (the CSRF token aside): the code and the amount shown."""
    return {name: value for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html)
            if name != "csrfmiddlewaretoken"}


def qr_payload(order) -> str:
    return f"ECHOPPE:{order.number}:{order.pickup_code}"


# --- Reading and finding ----------------------------------------------------------------------------


def test_reading_a_scanned_payload_or_a_typed_code_whatever_its_case_and_spaces():
    assert read_code("ECHOPPE:270327-ABCDEF-1:XY2345") == read_code("  echoppe:270327-abcdef-1:xy2345\n")
    scanned = read_code("echoppe:270327-abcdef-1:xy2345")
    assert (scanned.number, scanned.pickup_code, scanned.from_qr_code) == ("270327-ABCDEF-1", "XY2345", True)
    typed = read_code(" xy2 345 ")
    assert typed.pickup_code == "XY2345" and not typed.from_qr_code
    assert read_code("270327-abcdef-1").number == "270327-ABCDEF-1" and read_code("270327-abcdef-1").pickup_code == ""
    for garbage in ["https://example.fr/", "ECHOPPE:270327-ABCDEF-1", "ECHOPPE::XY2345", "ECHOPPE:A-1:XY234O", "é", "A" * 300]:
        with pytest.raises(CounterRefused, match="pas un code de commande"):
            read_code(garbage)
    with pytest.raises(CounterRefused, match="Scannez le QR code du client"):
        read_code("   ")


def test_the_order_is_found_by_its_qr_code_pickup_code_or_number(fournil, order):
    found = find_order(fournil, qr_payload(order).lower())
    assert found.order == order and found.pickup_code == order.pickup_code
    found = find_order(fournil, order.pickup_code.lower())
    assert found.order == order and found.pickup_code == order.pickup_code
    found = find_order(fournil, order.number.lower())
    assert found.order == order and found.pickup_code == ""  # the code is still to be asked for
    # A QR code whose two halves do not belong together (stale, or made up) finds nothing.
    other = ready_order(fournil)
    with pytest.raises(CounterRefused, match="Aucune commande de votre boutique ne porte ce code"):
        find_order(fournil, f"ECHOPPE:{order.number}:{other.pickup_code}")


def test_another_shops_order_is_not_found_as_an_unknown_code_is_not(fournil, order):
    other_shop = counter_shop("Savonnerie")
    messages = set()
    for text in [qr_payload(order), order.pickup_code, order.number, "ZZZZZZ", "999999-ZZZZZZ-1"]:
        with pytest.raises(CounterRefused) as refused:
            find_order(other_shop, text)
        messages.add(str(refused.value))
    assert messages == {"Aucune commande de votre boutique ne porte ce code\u00a0: vérifiez-le avec le client."}


def test_an_old_order_sharing_the_pickup_code_gives_way_to_the_one_waiting(fournil, order):
    old = ready_order(fournil)
    Order.objects.filter(pk=old.pk).update(pickup_code=order.pickup_code)  # codes are drawn at random
    hand_over_at_counter(old, fournil.owner, pickup_code=order.pickup_code, amount=amount_due(old), means="cash")
    assert find_order(fournil, order.pickup_code).order == order
    Order.objects.filter(pk=ready_order(fournil).pk).update(pickup_code=order.pickup_code)
    with pytest.raises(CounterRefused, match="Plusieurs commandes"):
        find_order(fournil, order.pickup_code)


# --- The page ---------------------------------------------------------------------------------------


def test_the_counter_lists_the_orders_to_collect_today_for_a_customer_without_their_code(client, fournil, order, time_machine):
    not_ready = ready_order(fournil, status=OrderStatus.ACCEPTED)
    collected = ready_order(fournil)
    hand_over_at_counter(collected, fournil.owner, pickup_code=collected.pickup_code, amount=Decimal("14.20"), means="cash")
    someone_elses = ready_order(counter_shop("Savonnerie"))
    client.force_login(fournil.owner)
    assert "À retirer aujourd'hui" not in client.get(COUNTER).content.decode().replace("&#x27;", "'")  # Saturday: due Tuesday
    time_machine.move_to(TUESDAY_8 + datetime.timedelta(hours=3))
    html = client.get(COUNTER).content.decode().replace("&#x27;", "'")
    assert "À retirer aujourd'hui" in html and "mardi 30 mars à 8\u00a0h" in html
    for shown in (order, not_ready):
        assert reverse("artisan:counter-order", kwargs={"number": shown.number}) in html
    assert collected.number not in html and someone_elses.number not in html
    time_machine.move_to(TUESDAY_8 + datetime.timedelta(days=1))
    html = client.get(COUNTER).content.decode()
    assert order.number in html  # not collected yesterday: still there


def test_the_counter_page_lets_the_camera_in_and_works_without_a_script(client, fournil):
    client.force_login(fournil.owner)
    page = client.get(COUNTER)
    html = page.content.decode()
    assert page.status_code == 200 and page["Permissions-Policy"] == "camera=(self), microphone=()"
    assert 'method="get"' in html and 'name="code"' in html and "Trouver la commande" in html
    assert "Scanner le code" in html and "shops/js/counter.js" in html and "themes/vendor/zxing/zxing.min.js" in html
    assert "<script>" not in html and "style=" not in html


def test_scanning_opens_the_order_with_what_is_left_to_pay(client, fournil, order):
    client.force_login(fournil.owner)
    answer = client.get(COUNTER, {"code": qr_payload(order)})
    assert answer.status_code == 302
    assert answer.url == reverse("artisan:counter-order", kwargs={"number": order.number}) + f"?code={order.pickup_code}"
    html = client.get(answer.url).content.decode()
    assert "Camille Martin" in html and order.email in html
    assert "2 × " in html and "14,20\u00a0€" in html
    assert "Encaisser 14,20\u00a0€ et remettre" in html
    assert f'type="hidden" name="pickup_code" value="{order.pickup_code}"' in html  # the scan proved the code
    assert "Espèces" in html and "Carte bancaire" in html and "Chèque" in html
    assert hidden_fields(html) == {"amount": "14.20", "pickup_code": order.pickup_code}


def test_a_code_not_found_is_said_on_the_counter_page(client, fournil, order):
    client.force_login(fournil.owner)
    page = client.get(COUNTER, {"code": "ZZZZZZ"})
    assert page.status_code == 200
    assert "Aucune commande de votre boutique ne porte ce code" in page.content.decode()
    assert 'value="ZZZZZZ"' in page.content.decode()
    client.force_login(counter_shop("Savonnerie").owner)
    page = client.get(COUNTER, {"code": qr_payload(order)})
    assert page.status_code == 200 and "Aucune commande de votre boutique ne porte ce code" in page.content.decode()


def test_payment_and_hand_over_in_one_step(client, fournil, order, django_capture_on_commit_callbacks):
    client.force_login(fournil.owner)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(reverse("artisan:counter-order", kwargs={"number": order.number}),
                             {"pickup_code": order.pickup_code, "amount": "14.20", "means": "card"})
    assert answer.status_code == 302 and answer.url == COUNTER
    order.refresh_from_db()
    assert order.status == OrderStatus.COLLECTED
    assert amount_paid(order) == Decimal("14.20") and amount_due(order) == 0
    assert list(order.payment_events.values_list("amount", "reference")) == [(Decimal("14.20"), "card")]
    page = client.get(COUNTER).content.decode()
    assert f"Commande {order.number} remise, 14,20\u00a0€ encaissés (carte bancaire)." in page


def test_pressed_twice_the_button_records_one_payment(client, fournil, order):
    client.force_login(fournil.owner)
    url = reverse("artisan:counter-order", kwargs={"number": order.number})
    form = {"pickup_code": order.pickup_code, "amount": "14.20", "means": "cash"}
    first, second = client.post(url, form), client.post(url, form)
    assert first.status_code == second.status_code == 302
    assert PaymentEvent.objects.filter(order=order).count() == 1 and amount_paid(order) == Decimal("14.20")
    assert "avait déjà été remise" in client.get(COUNTER).content.decode()
    # The domain alike, called again with the same press.
    again = hand_over_at_counter(order, fournil.owner, pickup_code=order.pickup_code, amount=Decimal("14.20"), means="cash")
    assert again.already_done and PaymentEvent.objects.filter(order=order).count() == 1


def test_nothing_due_hands_over_with_one_tap(client, fournil, order):
    record_on_site_payment(order, Decimal("14.20"), "cheque", fournil.owner)
    client.force_login(fournil.owner)
    url = reverse("artisan:counter-order", kwargs={"number": order.number})
    html = client.get(url, {"code": order.pickup_code}).content.decode()
    assert ">Remettre</button>" in html and "Encaisser" not in html and 'name="means"' not in html
    assert client.post(url, hidden_fields(html)).status_code == 302  # what the page sends
    order.refresh_from_db()
    assert order.status == OrderStatus.COLLECTED and PaymentEvent.objects.filter(order=order).count() == 1
    assert f"Commande {order.number} remise." in client.get(COUNTER).content.decode()


def test_found_by_its_number_the_order_asks_for_the_pickup_code(client, fournil, order):
    client.force_login(fournil.owner)
    answer = client.get(COUNTER, {"code": order.number})
    assert answer.url == reverse("artisan:counter-order", kwargs={"number": order.number})
    html = client.get(answer.url).content.decode()
    assert 'type="text" name="pickup_code"' in html and "Code de retrait donné par le client" in html
    wrong = client.post(answer.url, {"pickup_code": "ZZZZZZ", "amount": "14.20", "means": "cash"})
    assert wrong.status_code == 200 and "code de retrait" in wrong.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.READY and amount_paid(order) == 0  # neither the payment nor the step
    client.post(answer.url, {"pickup_code": order.pickup_code.lower(), "amount": "14.20", "means": "cash"})
    order.refresh_from_db()
    assert order.status == OrderStatus.COLLECTED


def test_the_means_must_be_chosen_and_a_changed_amount_is_refused(client, fournil, order):
    client.force_login(fournil.owner)
    url = reverse("artisan:counter-order", kwargs={"number": order.number})
    no_means = client.post(url, {"pickup_code": order.pickup_code, "amount": "14.20"})
    assert no_means.status_code == 200 and "Indiquez comment le client a payé." in no_means.content.decode()
    record_on_site_payment(order, Decimal("4.20"), "cash", fournil.owner)  # paid in part meanwhile
    stale = client.post(url, {"pickup_code": order.pickup_code, "amount": "14.20", "means": "card"})
    html = stale.content.decode()
    assert stale.status_code == 200 and "10,00\u00a0€ sont maintenant dus" in html and "Encaisser 10,00\u00a0€ et remettre" in html
    order.refresh_from_db()
    assert order.status == OrderStatus.READY and amount_paid(order) == Decimal("4.20")
    for bad in ["abc", "-1", "1e400", ""]:
        assert client.post(url, {"pickup_code": order.pickup_code, "amount": bad, "means": "card"}).status_code == 200
    assert amount_paid(order) == Decimal("4.20")


@pytest.mark.parametrize("status, words", [
    (OrderStatus.NEW, "n'est pas encore prête"),
    (OrderStatus.COLLECTED, "a déjà été remise"),
    (OrderStatus.CANCELLED, "est annulée"),
])
def test_an_order_that_cannot_be_handed_over_says_why(client, fournil, status, words):
    order = ready_order(fournil, status=status if status in (OrderStatus.NEW, OrderStatus.ACCEPTED) else OrderStatus.READY)
    if status == OrderStatus.COLLECTED:
        hand_over_at_counter(order, fournil.owner, pickup_code=order.pickup_code, amount=Decimal("14.20"), means="cash")
    elif status == OrderStatus.CANCELLED:
        advance(order, OrderStatus.CANCELLED, fournil.owner, reason="Four en panne")
    client.force_login(fournil.owner)
    answer = client.get(COUNTER, {"code": qr_payload(order)})
    html = client.get(answer.url).content.decode()
    assert words in html.replace("&#x27;", "'") and 'name="pickup_code"' not in html
    assert reverse("artisan:order", kwargs={"number": order.number}) in html
    paid = amount_paid(order)
    post = client.post(reverse("artisan:counter-order", kwargs={"number": order.number}),
                       {"pickup_code": order.pickup_code, "amount": f"{amount_due(order):.2f}", "means": "cash"})
    assert amount_paid(order) == paid  # nothing recorded
    if status == OrderStatus.COLLECTED:
        assert post.status_code == 302  # pressed again after it was handed over: nothing done, said so
    else:
        assert post.status_code == 200 and words in post.content.decode().replace("&#x27;", "'")
        order.refresh_from_db()
        assert order.status == status


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_shop_gets_a_404_on_the_order(client, order, method):
    client.force_login(counter_shop("Savonnerie").owner)
    url = reverse("artisan:counter-order", kwargs={"number": order.number})
    answer = getattr(client, method)(url, {"pickup_code": order.pickup_code, "amount": "14.20", "means": "cash", "code": order.pickup_code})
    assert answer.status_code == 404
    order.refresh_from_db()
    assert order.status == OrderStatus.READY and amount_paid(order) == 0


def test_customers_and_strangers_do_not_reach_the_counter(client, order):
    assert client.get(COUNTER).status_code == 302  # to the login page
    client.force_login(UserFactory())
    assert client.get(COUNTER).status_code == 404
    assert client.post(reverse("artisan:counter-order", kwargs={"number": order.number}), {}).status_code == 404


def test_an_accepted_order_not_yet_marked_ready_is_handed_over_in_the_same_step(client, fournil):
    """The artisan prepared it but did not tap « Prête »: the counter makes it ready and hands it over,
    without e-mailing « votre commande est prête » to the customer standing at the counter."""
    from marketplace.models import OutgoingEmail

    order = ready_order(fournil, status=OrderStatus.ACCEPTED)
    emails_before = OutgoingEmail.objects.count()
    client.force_login(fournil.owner)
    response = client.post(reverse("artisan:counter-order", kwargs={"number": order.number}),
                           {"pickup_code": order.pickup_code, "amount": "14.20", "means": "card"})
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.COLLECTED and amount_paid(order) == Decimal("14.20")
    steps = [note.message for note in order.notes.order_by("pk") if "→" in note.message]
    assert steps[-2:] == ["Acceptée → Prête à retirer", "Prête à retirer → Retirée"], steps
    templates = list(OutgoingEmail.objects.order_by("pk").values_list("template", flat=True)[emails_before:])
    assert not any("ready" in template for template in templates), templates
