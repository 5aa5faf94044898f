"""Nothing moves an order but checkout/lifecycle.py.

Every way Oscar's order dashboard offers (or a forged POST reaches) to change a status is tried by
the chamber's staff (artisans reach no page of Oscar's dashboard: tests/integration/test_isolation.py;
their own order page is tried below and in test_artisan_orders.py): each attempt is either refused with nothing changed, or done
by the lifecycle exactly as the lifecycle does it (pickup code, stock, pickup slot, e-mails, payment
due on site). Below the screens, the order and line models refuse any status change made outside a
lifecycle step. Statuses read in French wherever they are shown, and handing over an order with
money still due takes the payment in the same step.
"""

import datetime
import html
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from oscar.apps.partner.strategy import Default
from oscar.core.loading import get_class, get_model
from oscar.test.factories import create_order

from checkout.lifecycle import OrderStatus, ReceivedPayment, StepRefused, advance, hand_over, new_pickup_code
from checkout.order.models import Fulfilment
from checkout.order.status_guard import StatusChangeOutsideLifecycle
from marketplace.models import OutgoingEmail
from payments.on_site import amount_paid, record_on_site_payment
from shops.fulfilment import PickupSlotLoad
from shops.reservations import book_pickup_slot
from shops.roles import chamber_group
from tests.factories import ProductFactory, ShopFactory, UserFactory

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Line = get_model("order", "Line")
PaymentEvent = get_model("order", "PaymentEvent")
ShippingEvent = get_model("order", "ShippingEvent")
EventHandler = get_class("order.processing", "EventHandler")

pytestmark = pytest.mark.django_db
SLOT = datetime.datetime(2026, 11, 24, 8, 0, tzinfo=ZoneInfo("Europe/Paris"))
PRICE = Decimal("4.50")  # the factories' price: 2 items, 9,00 € to pay on site
ACTORS = ["chamber_staff"]


def shop_order(fulfilment=Fulfilment.PICKUP, status=OrderStatus.READY, quantity=2):
    """An order paid on site, placed as the checkout does (stock allocated, slot booked), then taken
    by the lifecycle to ``status``."""
    shop = ShopFactory(partner__name="Fournil du Lac")
    product = ProductFactory(shop=shop, shop__num_in_stock=10)
    basket = Basket.objects.create()
    basket.strategy = Default()
    basket.add_product(product, quantity)
    customer = UserFactory(email="claire@example.fr", username="claire@example.fr")
    order = create_order(basket=basket, user=customer)  # Oscar's order creation allocates the stock
    order.fulfilment, order.pickup_code = fulfilment, new_pickup_code()
    if fulfilment == Fulfilment.PICKUP:
        book_pickup_slot(shop.pk, SLOT, capacity=3)
        order.pickup_starts_at, order.pickup_ends_at = SLOT, SLOT + datetime.timedelta(minutes=30)
    order.save()
    path = {
        OrderStatus.NEW: [],
        OrderStatus.ACCEPTED: [OrderStatus.ACCEPTED],
        OrderStatus.READY: [OrderStatus.ACCEPTED, OrderStatus.READY],
        OrderStatus.OUT_FOR_DELIVERY: [OrderStatus.ACCEPTED, OrderStatus.OUT_FOR_DELIVERY],
    }[status]
    for step in path:
        advance(order, step)
    return order, shop


def state(order) -> dict:
    """Everything a step may change: status (order and lines), stock, slot, e-mails, money."""
    order = Order.objects.get(pk=order.pk)
    record = order.lines.get().stockrecord
    slot = PickupSlotLoad.objects.filter(starts_at=SLOT).first()
    return {
        "status": order.status,
        "line_statuses": sorted(order.lines.values_list("status", flat=True)),
        "stock": (record.num_in_stock, record.num_allocated),
        "slot_booked": slot.booked if slot else None,
        "emails": sorted(OutgoingEmail.objects.values_list("template", flat=True)),
        "sent": len(mail.outbox),
        "paid": amount_paid(order),
        "payment_events": PaymentEvent.objects.filter(order=order).count(),
        "shipping_events": ShippingEvent.objects.filter(order=order).count(),
    }


def chamber_staff():
    """The chamber's staff as Oscar's order dashboard lets them in: staff, with Oscar's order rights."""
    user = UserFactory(username="agent@cma.example.fr", is_staff=True)
    user.groups.add(chamber_group())
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="order", codename__in=["view_order", "change_order"]))
    return user


@pytest.fixture
def login(client):
    def as_actor(actor: str, shop):
        user = shop.owner if actor == "artisan" else chamber_staff()
        client.force_login(user)
        return user
    return as_actor


def detail_url(order) -> str:
    return f"/dashboard/orders/{order.number}/"


def page_text(response) -> str:
    """The page as read (entities decoded, non-breaking spaces as spaces)."""
    return html.unescape(response.content.decode()).replace("\xa0", " ").replace("\u202f", " ")


# -- Oscar's order page: change_order_status ----------------------------------------------------


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("data", [
    {"status": "collected"},  # the marketplace's form, without the code
    {"status": "collected", "pickup_code": "XXXXXX"},
    {"new_status": "collected"},  # Oscar's own field name
    {"status": "delivered"},  # not a step of a pickup order
    {"status": "cancelled"},  # no reason
    {"status": "cancelled", "reason": "   "},
    {"status": "new"},  # backwards
    {"status": "Cancelled", "reason": "x"},  # not a status at all
])
def test_the_order_page_refuses_a_step_the_lifecycle_refuses(client, login, django_capture_on_commit_callbacks, actor, data):
    order, shop = shop_order()
    login(actor, shop)
    before = state(order)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(detail_url(order), {"order_action": "change_order_status", **data})
    assert response.status_code == 200
    assert state(order) == before


@pytest.mark.parametrize("actor", ACTORS)
def test_the_order_page_says_why_in_french(client, login, actor):
    order, shop = shop_order()
    login(actor, shop)
    wrong_code = page_text(client.post(detail_url(order), {"order_action": "change_order_status", "status": "collected", "pickup_code": "XXXXXX"}))
    assert "Ce n'est pas le code de retrait de la commande" in wrong_code
    no_reason = page_text(client.post(detail_url(order), {"order_action": "change_order_status", "status": "cancelled"}))
    assert "Indiquez la raison de l'annulation" in no_reason


@pytest.mark.parametrize("actor", ACTORS)
def test_cancelling_from_the_order_page_is_the_lifecycle_s_cancellation(client, login, django_capture_on_commit_callbacks, actor):
    order, shop = shop_order()
    login(actor, shop)
    before = state(order)
    assert before["stock"] == (10, 2) and before["slot_booked"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(detail_url(order), {"order_action": "change_order_status", "status": "cancelled", "reason": "Four en panne ce matin."})
    assert response.status_code == 302
    after = state(order)
    assert after["status"] == "cancelled" and after["line_statuses"] == ["cancelled"]
    assert after["stock"] == (10, 0) and after["slot_booked"] == 0  # stock and slot given back
    assert after["emails"] == sorted(before["emails"] + ["order_cancelled"]) and after["sent"] == before["sent"] + 1
    assert "Four en panne ce matin." in mail.outbox[-1].body
    assert Order.objects.get(pk=order.pk).cancellation_reason == "Four en panne ce matin."


@pytest.mark.parametrize("actor", ACTORS)
def test_handing_over_from_the_order_page_needs_the_code_and_the_payment(client, login, django_capture_on_commit_callbacks, actor):
    order, shop = shop_order()
    login(actor, shop)
    before = state(order)
    page = page_text(client.get(detail_url(order)))
    assert 'name="pickup_code"' in page and 'name="amount"' in page and "9,00" in page
    step = {"order_action": "change_order_status", "status": "collected", "pickup_code": order.pickup_code}
    unpaid = client.post(detail_url(order), step)
    assert unpaid.status_code == 200 and "Il reste 9,00" in page_text(unpaid)
    assert state(order) == before
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(detail_url(order), {**step, "amount": "9,00", "means": "cheque"})
    assert done.status_code == 302
    after = state(order)
    assert after["status"] == "collected" and after["stock"] == (8, 0) and after["paid"] == Decimal("9.00")
    assert after["emails"] == before["emails"]  # no e-mail for a collection


# -- Oscar's order list: the bulk status change -------------------------------------------------


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("data", [
    {"new_status": "collected"},  # needs each order's code: not a bulk step
    {"new_status": "delivered"},  # not a step of a pickup order, and 9,00 € are due
    {"new_status": "cancelled"},  # no reason
    {"new_status": "new"},
    {"new_status": ""},
    {"new_status": "x" * 10_000},
    {"new_status": "accepted", "selected_order": ["abc"]},
    {"new_status": "accepted", "selected_order": ["9" * 20]},
])
def test_the_bulk_status_change_refuses_what_the_lifecycle_refuses(client, login, django_capture_on_commit_callbacks, actor, data):
    order, shop = shop_order()
    login(actor, shop)
    before = state(order)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/dashboard/orders/", {"action": "change_order_statuses", "selected_order": [order.pk], **data})
    assert response.status_code == 302  # back to the list, with the reason as a message
    assert state(order) == before


@pytest.mark.parametrize("actor", ACTORS)
def test_the_bulk_cancellation_is_the_lifecycle_s_cancellation(client, login, django_capture_on_commit_callbacks, actor):
    order, shop = shop_order()
    login(actor, shop)
    before = state(order)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/dashboard/orders/", {"action": "change_order_statuses", "selected_order": [order.pk],
                                                      "new_status": "cancelled", "reason": "Fermeture exceptionnelle."}, follow=True)
    after = state(order)
    assert after["status"] == "cancelled" and after["stock"] == (10, 0) and after["slot_booked"] == 0
    assert after["emails"] == sorted(before["emails"] + ["order_cancelled"]) and after["sent"] == before["sent"] + 1
    assert f"Commande {order.number} : Annulée." in page_text(response)


@pytest.mark.parametrize("actor", ACTORS)
def test_the_bulk_step_takes_each_order_that_may_and_says_why_not_for_the_others(client, login, actor):
    new_order, shop = shop_order(status=OrderStatus.NEW)
    ready_order, _shop = shop_order(status=OrderStatus.READY)
    ready_order.lines.update(partner=shop.partner)  # both the same shop's, for the artisan
    login(actor, shop)
    response = client.post("/dashboard/orders/", {"action": "change_order_statuses", "selected_order": [new_order.pk, ready_order.pk],
                                                  "new_status": "accepted"}, follow=True)
    assert (state(new_order)["status"], state(ready_order)["status"]) == ("accepted", "ready")
    page = page_text(response)
    assert f"Commande {new_order.number} : Acceptée." in page
    assert f"Commande {ready_order.number} : La commande {ready_order.number} est « Prête à retirer » : elle ne peut pas passer à « Acceptée »." in page


# -- Oscar's line actions and payment events ------------------------------------------------------


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("data", [
    {"line_action": "change_line_statuses", "new_status": "cancelled"},
    {"line_action": "create_shipping_event", "shipping_event_type": "shipped"},
    {"line_action": "create_payment_event", "payment_event_type": "paid", "amount": "9.00"},
    {"order_action": "create_order_payment_event", "payment_event_type": "paid", "amount": "9.00"},
])
def test_line_actions_and_payment_events_are_refused(client, login, django_capture_on_commit_callbacks, actor, data):
    order, shop = shop_order()
    login(actor, shop)
    line = order.lines.get()
    for code in ("paid", "shipped"):
        get_model("order", "PaymentEventType").objects.get_or_create(code=code, defaults={"name": code})
        get_model("order", "ShippingEventType").objects.get_or_create(code=code, defaults={"name": code})
    before = state(order)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(detail_url(order), {"selected_line": [line.pk], f"selected_line_qty_{line.pk}": "2", **data})
    assert response.status_code == 302
    assert state(order) == before


def test_the_order_page_offers_no_line_action(client, login):
    order, shop = shop_order()
    login("artisan", shop)
    page = page_text(client.get(detail_url(order)))
    assert "change_line_statuses" not in page and "create_payment_event" not in page and 'name="selected_line"' not in page


# -- below the screens: the models ---------------------------------------------------------------


def test_an_order_s_status_changes_only_in_a_lifecycle_step():
    order, _shop = shop_order()
    before = state(order)
    with pytest.raises(StatusChangeOutsideLifecycle):
        order.set_status(OrderStatus.COLLECTED)
    order = Order.objects.get(pk=order.pk)
    order.status = OrderStatus.COLLECTED
    with pytest.raises(StatusChangeOutsideLifecycle):
        order.save()
    with pytest.raises(StatusChangeOutsideLifecycle):
        Order.objects.filter(pk=order.pk).update(status=OrderStatus.COLLECTED)
    with pytest.raises(StatusChangeOutsideLifecycle):
        Order.objects.bulk_update([order], ["status"])
    with pytest.raises(StatusChangeOutsideLifecycle):  # the path Oscar's dashboard takes
        EventHandler().handle_order_status_change(Order.objects.get(pk=order.pk), OrderStatus.CANCELLED)
    assert state(order) == before


def test_a_line_s_status_changes_only_in_a_lifecycle_step():
    order, _shop = shop_order()
    line = order.lines.get()
    with pytest.raises(StatusChangeOutsideLifecycle):
        line.set_status("cancelled")
    line = Line.objects.get(pk=line.pk)
    line.status = "cancelled"
    with pytest.raises(StatusChangeOutsideLifecycle):
        line.save()
    with pytest.raises(StatusChangeOutsideLifecycle):
        order.lines.update(status="cancelled")
    assert Line.objects.get(pk=line.pk).status == "new"


def test_a_stale_copy_cannot_put_an_old_status_back_but_other_fields_save():
    order, _shop = shop_order(status=OrderStatus.NEW)
    stale = Order.objects.get(pk=order.pk)
    advance(order, OrderStatus.ACCEPTED)
    with pytest.raises(StatusChangeOutsideLifecycle):
        stale.save()  # would write "new" back over "accepted"
    fresh = Order.objects.get(pk=order.pk)
    fresh.guest_email = "autre@example.fr"
    fresh.save()
    stale.save(update_fields=["guest_email"])
    assert Order.objects.get(pk=order.pk).status == OrderStatus.ACCEPTED


def test_the_database_holds_only_known_statuses():
    order, _shop = shop_order()
    with pytest.raises(IntegrityError), transaction.atomic():
        Order.objects.create(number="X-1", total_incl_tax=1, total_excl_tax=1, status="Cancelled")
    with pytest.raises(IntegrityError), transaction.atomic():
        Line.objects.create(order=order, partner_name="x", title="x", quantity=1, line_price_incl_tax=1, line_price_excl_tax=1,
                            line_price_before_discounts_incl_tax=1, line_price_before_discounts_excl_tax=1, status="perdu")


def test_only_the_lifecycle_opens_the_door():
    """The guard's context manager is the lifecycle's alone: no other module may use it."""
    root = Path(__file__).resolve().parents[2]
    packages = [folder for folder in root.iterdir() if (folder / "__init__.py").exists() and folder.name != "tests"]
    users = sorted(
        str(path.relative_to(root)) for package in packages for path in package.rglob("*.py")
        if "lifecycle_step" in path.read_text(encoding="utf-8")
    )
    assert users == ["checkout/lifecycle.py", "checkout/order/status_guard.py"]


# -- handing over with money still due ----------------------------------------------------------


def artisan_page(order) -> str:
    return f"/espace-artisan/commandes/{order.number}/"


def test_the_artisan_hands_over_with_the_payment_in_the_same_step(client, django_capture_on_commit_callbacks):
    order, shop = shop_order()
    client.force_login(shop.owner)
    page = page_text(client.get(artisan_page(order)))
    assert "Pour la remettre : reste à payer 9,00 €" in page and 'name="means"' in page
    before = state(order)
    step = {"status": "collected", "pickup_code": order.pickup_code}

    missing = client.post(artisan_page(order), step)
    assert missing.status_code == 200 and "Il reste 9,00" in page_text(missing)
    short = client.post(artisan_page(order), {**step, "amount": "5,00", "means": "cash"})
    assert short.status_code == 200 and "5,00 € reçus, mais 9,00 € sont dus" in page_text(short)
    no_means = client.post(artisan_page(order), {**step, "amount": "9,00"})
    assert no_means.status_code == 200 and "Indiquez comment le client a payé." in page_text(no_means)
    wrong_code = client.post(artisan_page(order), {**step, "pickup_code": "XXXXXX", "amount": "9,00", "means": "cash"})
    assert wrong_code.status_code == 200 and "code de retrait" in page_text(wrong_code)
    assert state(order) == before  # the payment of a refused step is not kept either

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(artisan_page(order), {**step, "amount": "9,00", "means": "cash"})
    assert done.status_code == 302
    after = state(order)
    assert (after["status"], after["stock"], after["paid"], after["payment_events"]) == ("collected", (8, 0), Decimal("9.00"), 1)
    assert order.ledger_entries.count() == 1
    assert list(order.notes.order_by("pk").values_list("message", flat=True))[-2:] == ["Payé sur place\xa0: 9,00 € (Espèces)", "Prête à retirer → Retirée"]


def test_a_deposit_already_received_leaves_only_the_rest_to_pay():
    order, shop = shop_order(fulfilment=Fulfilment.DELIVERY, status=OrderStatus.OUT_FOR_DELIVERY)
    record_on_site_payment(order, Decimal("4.00"), "cheque", shop.owner)
    with pytest.raises(StepRefused, match="5,00"):
        hand_over(order, shop.owner, payment=ReceivedPayment(Decimal("4.00"), "cash"))
    hand_over(order, shop.owner, payment=ReceivedPayment(Decimal("5.00"), "cash"))
    assert (order.status, amount_paid(order)) == ("delivered", Decimal("9.00"))


def test_advance_alone_never_hands_over_an_unpaid_order():
    order, _shop = shop_order()
    with pytest.raises(StepRefused, match="Il reste 9,00"):
        advance(order, OrderStatus.COLLECTED, pickup_code=order.pickup_code)
    assert state(order)["status"] == "ready"


# -- statuses in French everywhere --------------------------------------------------------------

RAW_CODES = re.compile(r"\b(" + "|".join(re.escape(code) for code in OrderStatus.values) + r")\b")


class VisibleText(HTMLParser):
    """The text a person reads: no markup, attributes, scripts or styles."""

    def __init__(self):
        super().__init__()
        self.parts, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._hidden -= tag in ("script", "style") and self._hidden > 0

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def raw_codes_in(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return RAW_CODES.findall(" ".join(parser.parts))


def test_statuses_read_in_french_on_every_page_and_e_mail(client, django_capture_on_commit_callbacks):
    order, shop = shop_order(status=OrderStatus.NEW)
    with django_capture_on_commit_callbacks(execute=True):
        for step in (OrderStatus.ACCEPTED, OrderStatus.READY):
            advance(order, step, actor=shop.owner)
    hand_over(order, shop.owner, pickup_code=order.pickup_code, payment=ReceivedPayment(Decimal("9.00"), "cash"))
    delivery, _other = shop_order(fulfilment=Fulfilment.DELIVERY, status=OrderStatus.OUT_FOR_DELIVERY)
    line = order.lines.get()
    pages = {}
    client.force_login(chamber_staff())
    for url in ("/dashboard/orders/", "/dashboard/orders/?status=collected", detail_url(order), detail_url(delivery),
                f"/dashboard/orders/{order.number}/lines/{line.pk}/", "/dashboard/orders/statistics/"):
        pages[url] = client.get(url)
    client.force_login(shop.owner)
    for url in ("/espace-artisan/commandes/", artisan_page(order)):
        pages[url] = client.get(url)
    client.force_login(order.user)
    pages["customer"] = client.get(f"/accounts/orders/{order.number}/")
    client.logout()
    # A guest's page, once they give the order's e-mail.
    Order.objects.filter(pk=delivery.pk).update(user=None, guest_email="invite@example.fr")
    pages["guest"] = client.post(f"/accounts/order-status-form/{delivery.number}/{delivery.verification_hash()}/",
                                 {"email": "invite@example.fr"}, follow=True)
    for name, response in pages.items():
        assert response.status_code == 200, name
        assert raw_codes_in(page_text(response)) == [], name
    assert "Retirée" in page_text(pages["customer"]) and "En cours de livraison" in page_text(pages["guest"])
    assert "Retirée" in page_text(pages["/dashboard/orders/"]) and "En cours de livraison" in page_text(pages[detail_url(delivery)])
    assert "Statut de la commande : Retirée" in page_text(pages["/dashboard/orders/?status=collected"])
    assert '<option value="collected">Retirée</option>' in page_text(pages["/dashboard/orders/"])  # the status filter
    assert "Retirée" in page_text(pages["/dashboard/orders/statistics/"])
    for email in OutgoingEmail.objects.all():
        for part in ("subject", "body"):
            text = render_to_string(f"emails/{email.template}_{part}.txt", email.context)
            assert RAW_CODES.findall(text) == [], (email.template, part)
    assert OutgoingEmail.objects.filter(template="order_ready").exists()



def test_django_s_admin_shows_the_status_without_letting_it_be_edited(client):
    order, _shop = shop_order()
    client.force_login(UserFactory(username="admin@echoppe.example.fr", is_staff=True, is_superuser=True))
    page = page_text(client.get(f"/admin/order/order/{order.pk}/change/"))
    assert "Prête à retirer" in page and 'name="status"' not in page and 'name="lines-0-status"' not in page
    assert "Prête à retirer" in page_text(client.get("/admin/order/order/"))
