"""The artisan's working day: orders to accept, pickups by slot, deliveries by round, another day,
the preparation sheet to print, the home page's figures; never another shop's orders."""

import datetime
import html
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.apps.partner.strategy import Default
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from checkout.lifecycle import new_pickup_code
from checkout.order import workday
from payments.on_site import record_on_site_payment
from shops.artisan_orders import ArtisanOrderListView
from tests.factories import ProductFactory, ShopFactory, UserFactory

Basket = get_model("basket", "Basket")
Country = get_model("address", "Country")
ShippingAddress = get_model("order", "ShippingAddress")
pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime.datetime(2026, 11, 24, 7, 30, tzinfo=PARIS)  # a Tuesday morning, before the first pickup
TODAY = NOW.date()
TOMORROW = TODAY + datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(NOW, tick=False)


def at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=PARIS)


def place(shop, number, items, *, status="accepted", customer=None, pickup=None, delivery=None, window="", phone=""):
    """An order of ``shop``: ``items`` is [(product, quantity)]; a pickup at ``pickup`` (30-minute slot)
    or a delivery on ``delivery`` in ``window``."""
    basket = Basket.objects.create()
    basket.strategy = Default()
    for product, quantity in items:
        basket.add_product(product, quantity)
    fields = {"pickup_code": new_pickup_code()}
    address = None
    if pickup:
        fields.update(fulfilment="pickup", pickup_starts_at=pickup, pickup_ends_at=pickup + datetime.timedelta(minutes=30))
    else:
        fields.update(fulfilment="delivery", delivery_date=delivery, delivery_window=window)
        france, _created = Country.objects.get_or_create(iso_3166_1_a2="FR", defaults={"printable_name": "France", "name": "France"})
        address = ShippingAddress.objects.create(first_name="Paul", last_name="Roux", line1="4 chemin des Vignes",
                                                 line4="Gap", postcode="05000", phone_number=phone, country=france)
    customer = customer or UserFactory()
    return create_order(basket=basket, user=customer, number=number, status=status, shipping_address=address, **fields)


@pytest.fixture
def day():
    """Shop A's Tuesday: two slots of pickups, two delivery rounds, an order to accept; shop B's orders beside."""
    shop = ShopFactory(partner__name="Poterie du Lac")
    vase = ProductFactory(shop=shop, title="Vase bleu", shop__price=Decimal("20.00"), shop__num_in_stock=500)
    bowl = ProductFactory(shop=shop, title="Bol à café", shop__price=Decimal("8.00"), shop__num_in_stock=500)
    claire = UserFactory(first_name="Claire", last_name="Martin")
    orders = {
        "P1": place(shop, "P1", [(vase, 2)], status="new", customer=claire, pickup=at(TODAY, 10)),
        "P2": place(shop, "P2", [(bowl, 1)], pickup=at(TODAY, 10)),
        "P3": place(shop, "P3", [(vase, 1), (bowl, 1)], pickup=at(TODAY, 15, 30)),
        "P4": place(shop, "P4", [(vase, 5)], pickup=at(TOMORROW, 9)),
        "D1": place(shop, "D1", [(bowl, 3)], delivery=TODAY, window="afternoon", phone="0612345678"),
        "D2": place(shop, "D2", [(vase, 1)], delivery=TODAY, window="morning"),
        "X1": place(shop, "X1", [(vase, 7)], status="cancelled", pickup=at(TODAY, 10)),
        "C1": place(shop, "C1", [(bowl, 9)], status="collected", pickup=at(TODAY, 15, 30)),
    }
    # 10 € of P3 already received: 38 € due, not 48 €.
    record_on_site_payment(orders["P3"], Decimal("10.00"), "cash")
    other = ShopFactory(partner__name="Fournil voisin")
    bread = ProductFactory(shop=other, title="Pain de seigle")
    others = [place(other, "ZB1", [(bread, 4)], status="new", pickup=at(TODAY, 10)),
              place(other, "ZB2", [(bread, 2)], delivery=TODAY, window="morning")]
    return shop, orders, other, others


def numbers(group):
    return [planned.order.number for planned in group.orders]


def test_the_day_groups_pickups_by_slot_and_deliveries_by_round(client, day):
    shop, orders, _other, _others = day
    client.force_login(shop.owner)
    response = client.get(reverse("artisan:orders"))
    plan = response.context["plan"]
    assert plan.day == TODAY
    assert [(slot.starts_at, numbers(slot)) for slot in plan.slots] == [
        (at(TODAY, 10), ["P2", "P1"]),  # by customer (Camille, then Claire); the cancelled X1 is not there
        (at(TODAY, 15, 30), ["C1", "P3"]),  # C1 already collected, still listed as done
    ]
    assert [(delivery.window, numbers(delivery)) for delivery in plan.rounds] == [("morning", ["D2"]), ("afternoon", ["D1"])]
    page = response.content.decode()
    assert page.index("10\u00a0h – 10\u00a0h\u00a030") < page.index("15\u00a0h\u00a030 – 16\u00a0h") < page.index("Matin") < page.index("Après-midi")
    # The delivery's customer, phone and address; the pickup's customer by name.
    assert "Paul Roux" in page and "06 12 34 56 78" in page and 'href="tel:0612345678"' in page
    assert "4 chemin des Vignes" in page and "Claire Martin" in page
    assert (plan.pickup_count, plan.delivery_count) == (4, 2)
    # Due on site: P1 40 + P2 8 + P3 28 − 10 + D1 24 + D2 20 (nothing for C1: it was handed over).
    assert plan.amount_due == Decimal("110.00")


def test_another_day_is_chosen_with_the_date_picker(client, day):
    shop, _orders, _other, _others = day
    client.force_login(shop.owner)
    tomorrow = client.get(reverse("artisan:orders"), {"jour": TOMORROW.isoformat()})
    assert tomorrow.context["plan"].day == TOMORROW
    assert [numbers(slot) for slot in tomorrow.context["plan"].slots] == [["P4"]] and not tomorrow.context["plan"].rounds
    assert 'value="2026-11-25"' in tomorrow.content.decode()
    empty = client.get(reverse("artisan:orders"), {"jour": "2026-11-26"})
    assert empty.context["plan"].is_empty and "Aucun retrait ni aucune livraison ce jour-là." in empty.content.decode()
    for nonsense in ("2026-02-30", "demain", "9999-01-01", "2026-11-24' OR 1=1", "x" * 500):
        answer = client.get(reverse("artisan:orders"), {"jour": nonsense})
        assert answer.status_code == 200 and answer.context["plan"].day == TODAY, nonsense
        assert "choisissez une date dans le calendrier" in answer.content.decode()


def test_the_orders_to_accept_are_the_new_ones_of_this_shop_only(client, day):
    shop, _orders, _other, _others = day
    client.force_login(shop.owner)
    response = client.get(reverse("artisan:orders"))
    assert [order.number for order in response.context["to_accept"]] == ["P1"]
    page = response.content.decode()
    assert "ZB1" not in page and "ZB2" not in page and "Pain de seigle" not in page
    assert "X1" in page  # cancelled: not in the day's work, but in the list of all orders


def test_no_order_to_accept_and_no_order_at_all_say_so(client):
    shop = ShopFactory()
    client.force_login(shop.owner)
    page = client.get(reverse("artisan:orders")).content.decode()
    assert "Aucune commande n'attend d'être acceptée." in html.unescape(page)
    assert "Aucun retrait ni aucune livraison ce jour-là." in page
    assert "Pas encore de commande." in page


def test_all_orders_are_filtered_by_status_and_paginated(client, day, monkeypatch):
    shop, _orders, _other, _others = day
    client.force_login(shop.owner)
    monkeypatch.setattr(ArtisanOrderListView, "paginate_by", 3)
    first = client.get(reverse("artisan:orders"))
    assert first.context["page_obj"].paginator.count == 8 and len(first.context["orders"]) == 3
    assert "page=2" in first.content.decode()
    accepted = client.get(reverse("artisan:orders"), {"statut": "accepted", "page": "2"})
    assert accepted.context["page_obj"].paginator.count == 5 and [o.number for o in accepted.context["orders"]] == ["P3", "P2"]
    assert "statut=accepted&amp;page=1" in accepted.content.decode()
    unknown = client.get(reverse("artisan:orders"), {"statut": "pending_payment", "page": "zzz"})
    assert unknown.status_code == 200 and unknown.context["status"] == "" and unknown.context["page_obj"].number == 1


def test_the_day_s_pages_cost_the_same_whatever_the_number_of_orders(client, day):
    shop, orders, _other, _others = day
    client.force_login(shop.owner)
    urls = [reverse("artisan:orders"), f"{reverse('artisan:preparation-sheet')}?jour={TODAY.isoformat()}", reverse("artisan:home")]

    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = [count(url) for url in urls]
    vase = orders["P1"].lines.get().product
    for index in range(6):
        place(shop, f"M{index}", [(vase, 1)], status="new", pickup=at(TODAY, 11 + index))
        place(shop, f"N{index}", [(vase, 1)], delivery=TODAY, window="morning", phone="0600000000")
    assert [count(url) for url in urls] == before
    assert before[0] <= 16, before


def test_the_preparation_sheet_lists_each_slot_and_round_and_the_totals_to_prepare(client, day):
    shop, _orders, _other, _others = day
    client.force_login(shop.owner)
    response = client.get(reverse("artisan:preparation-sheet"), {"jour": TODAY.isoformat()})
    assert response.status_code == 200
    assert reverse("artisan:preparation-sheet") == "/espace-artisan/commandes/preparation/"
    plan = response.context["plan"]
    # Still to prepare: neither the cancelled X1 nor the collected C1.
    assert [numbers(slot) for slot in plan.slots] == [["P2", "P1"], ["P3"]]
    assert [(total.title, total.quantity) for total in plan.to_prepare] == [("Bol à café", 5), ("Vase bleu", 4)]
    page = response.content.decode()
    assert "Retrait 10\u00a0h – 10\u00a0h\u00a030" in page and "Livraison — Matin" in page
    assert re.search(r"<strong>2</strong> × Vase bleu", page) and re.search(r"<strong>3</strong> × Bol à café", page)
    assert "Pain de seigle" not in page and "ZB1" not in page and "C1 " not in page
    # Printed: its print stylesheet, and the « Imprimer » button shown only by its script (no inline script).
    assert re.search(r'<link rel="stylesheet" href="[^"]*shops/artisan/print\.css" media="print">', page)
    assert re.search(r'<script src="[^"]*shops/artisan/print\.js" defer></script>', page)
    assert re.search(r"<button[^>]*data-print hidden>", page) and "Imprimer" in page
    assert "<script>" not in page and " style=" not in page
    stylesheet = open(finders.find("shops/artisan/print.css"), encoding="utf-8").read()
    assert "@media print" in stylesheet and ".echoppe-backoffice__header" in stylesheet and "[data-print]" in stylesheet
    assert "window.print()" in open(finders.find("shops/artisan/print.js"), encoding="utf-8").read()


def test_the_preparation_sheet_of_a_day_without_orders_and_of_a_wrong_day(client, day):
    shop, _orders, _other, _others = day
    client.force_login(shop.owner)
    empty = client.get(reverse("artisan:preparation-sheet"), {"jour": "2026-11-30"})
    assert empty.context["plan"].is_empty and "Rien à préparer ce jour-là." in empty.content.decode()
    wrong = client.get(reverse("artisan:preparation-sheet"), {"jour": "2026-13-01"})
    assert wrong.status_code == 200 and wrong.context["plan"].day == TODAY
    assert "choisissez une date dans le calendrier" in wrong.content.decode()
    tomorrow = client.get(reverse("artisan:preparation-sheet"), {"jour": TOMORROW.isoformat()})
    assert [(total.title, total.quantity) for total in tomorrow.context["plan"].to_prepare] == [("Vase bleu", 5)]


def test_the_home_page_gives_today_figures_and_the_next_pickups(client, day, time_machine):
    shop, _orders, _other, _others = day
    client.force_login(shop.owner)
    response = client.get(reverse("artisan:home"))
    figures = response.context["figures"]
    assert (figures.to_accept, figures.pickups, figures.deliveries) == (1, 4, 2)
    assert figures.due_on_site == Decimal("110.00")
    assert [order.number for order in response.context["next_pickups"]] == ["P1", "P2", "P3", "P4"]
    page = response.content.decode()
    assert 'id="today-title"' in page and "110,00\u00a0€" in page and "Commandes à accepter" in page
    assert "ZB1" not in page
    # Later in the day: the 10 h pickups are over.
    time_machine.move_to(at(TODAY, 12), tick=False)
    assert [order.number for order in client.get(reverse("artisan:home")).context["next_pickups"]] == ["P3", "P4"]


def test_the_home_page_still_shows_the_status_and_the_checklist(client):
    shop = ShopFactory()
    client.force_login(shop.owner)
    page = client.get(reverse("artisan:home")).content.decode()
    assert "Votre boutique est en ligne." in page and "Complétez votre boutique" in page
    assert "Aucun retrait à venir." in page


def test_an_essential_checklist_item_says_so(client, monkeypatch):
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Item:
        label: str
        help_text: str = ""
        url: str = "/"
        is_done: bool = False
        is_essential: bool = False

    monkeypatch.setattr("shops.artisan_views.shop_checklist", lambda shop: [Item("Mettre un produit", is_essential=True), Item("Logo")])
    shop = ShopFactory()
    client.force_login(shop.owner)
    page = client.get(reverse("artisan:home")).content.decode()
    assert page.count("indispensable pour être en ligne") == 1


def test_a_shop_waiting_for_approval_has_no_day(client):
    shop = ShopFactory(status="submitted")
    client.force_login(shop.owner)
    response = client.get(reverse("artisan:home"))
    assert "figures" not in response.context and 'id="today-title"' not in response.content.decode()


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_shop_s_orders_never_answer(client, day, method):
    shop, orders, _other, others = day
    client.force_login(shop.owner)
    for order in others:
        answer = getattr(client, method)(reverse("artisan:order", kwargs={"number": order.number}), {"status": "accepted", "record_payment": "1", "amount": "1,00", "means": "cash"})
        assert answer.status_code == 404
        order.refresh_from_db()
        assert order.status in ("new", "accepted") and not order.sources.exists()
    for url in (reverse("artisan:preparation-sheet"), reverse("artisan:orders"), reverse("artisan:home")):
        answer = getattr(client, method)(url, {"jour": TODAY.isoformat()})
        if method == "post":
            assert answer.status_code == 405
        else:
            assert answer.status_code == 200 and "ZB1" not in answer.content.decode() and "Pain de seigle" not in answer.content.decode()
    assert not any(order.number.startswith("ZB") for order in workday.day_orders(shop, TODAY))
