"""The host's back-office (/espace-hote/): a host sees only their point (a matrix over every host URL,
from the resolver), the session by customer with every shop's orders together, the drop-off by
artisan, the hand-over of all a customer's orders with their one code, what is left unclaimed, and
the message to the artisans."""

import datetime
import html as html_module

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from checkout.order.models import Fulfilment
from checkout.placement import ShopChoice, place_checkout
from collection.models import CollectionBooking, CollectionOrder, SessionOccurrence, ShopSession
from tests.factories import CommuneFactory, UserFactory
from tests.integration.collection_support import NOW, PARIS, basket_with, gap_market_world, make_point
from tests.integration.url_catalogue import routes_in

Order = get_model("order", "Order")
pytestmark = pytest.mark.django_db
SATURDAY_TEN = datetime.datetime(2026, 12, 5, 10, tzinfo=PARIS)
SATURDAY_EVENING = datetime.datetime(2026, 12, 5, 19, tzinfo=PARIS)


def text_of(response) -> str:
    return html_module.unescape(response.content.decode()).replace("\u00a0", " ")


def ordered_at_point(world, customer, keys=("baker", "cheese", "potter")):
    basket = basket_with([world["products"][key] for key in keys], owner=customer)
    choices = {world["shops"][key].pk: ShopChoice(Fulfilment.POINT, collection_window=world["key"]) for key in keys}
    return place_checkout(basket, customer, customer.email, choices, None, True, now=NOW)


@pytest.fixture(autouse=True)
def clock(time_machine):
    """The world's orders are placed at NOW: the pages are read at that moment too, never on the real
    clock (with the clock a year ahead, the windows would all be past)."""
    time_machine.move_to(NOW, tick=True)


@pytest.fixture
def two_points():
    """Gap's market with a customer's three orders, and Marseille's chamber office with another's."""
    gap = gap_market_world()
    claire = UserFactory(username="claire@example.fr", email="claire@example.fr", first_name="Claire", last_name="Martin")
    ordered_at_point(gap, claire)
    marseille = CommuneFactory(insee_code="13055", name="Marseille", postcodes="13001", latitude=43.3, longitude=5.37)
    office = make_point(marseille, name="Chambre — Marseille", slug="chambre-marseille", host_username="hote@chambre.example.fr")
    ShopSession.objects.create(shop=gap["shops"]["baker"], session=office.session)
    world_b = {**gap, "point": office, "session": office.session, "key": f"{office.session.pk}:2026-12-05"}
    paul = UserFactory(username="paul@example.fr", email="paul@example.fr", first_name="Paul", last_name="Durand")
    ordered_at_point(world_b, paul, keys=("baker",))
    return {
        "gap": gap, "office": office, "claire": claire, "paul": paul,
        "occurrence_a": SessionOccurrence.objects.get(session=gap["session"]),
        "occurrence_b": SessionOccurrence.objects.get(session=office.session),
    }


HOST_ROUTES = routes_in("host")
FOREIGN_KWARGS = {"host:session": lambda world: {"pk": world["occurrence_a"].pk}}


def test_the_matrix_covers_every_host_screen():
    assert {route.name for route in HOST_ROUTES} == {"host:home", "host:session"}
    assert all(route.name in FOREIGN_KWARGS for route in HOST_ROUTES if route.kwargs)


@pytest.mark.parametrize("route", [route for route in HOST_ROUTES if route.kwargs], ids=lambda route: route.name)
@pytest.mark.parametrize("method", ["get", "post"])
def test_the_host_of_b_gets_nothing_of_a_by_any_url(client, two_points, route, method):
    client.force_login(two_points["office"].host)
    before = list(CollectionOrder.objects.order_by("pk").values_list("dropped_off_at", "handed_over_at"))
    url = reverse(route.name, kwargs=FOREIGN_KWARGS[route.name](two_points))
    code = CollectionBooking.objects.get(customer=two_points["claire"]).code
    response = getattr(client, method)(url, {"action": "check_in", "shop": two_points["gap"]["shops"]["baker"].pk, "code": code, "text": "x"})
    assert response.status_code == 404
    assert list(CollectionOrder.objects.order_by("pk").values_list("dropped_off_at", "handed_over_at")) == before


@pytest.mark.parametrize("route", [route for route in HOST_ROUTES if not route.kwargs], ids=lambda route: route.name)
def test_a_host_lists_only_their_point(client, two_points, route):
    client.force_login(two_points["office"].host)
    html = client.get(reverse(route.name)).content.decode()
    assert "Chambre — Marseille" in html and "Marché de Gap" not in html
    assert reverse("host:session", kwargs={"pk": two_points["occurrence_b"].pk}) in html
    assert reverse("host:session", kwargs={"pk": two_points["occurrence_a"].pk}) not in html


@pytest.mark.parametrize("route", HOST_ROUTES, ids=lambda route: route.name)
def test_customers_and_artisans_are_refused_the_host_space(client, two_points, route):
    kwargs = {"pk": two_points["occurrence_a"].pk} if route.kwargs else {}
    for user in (two_points["claire"], two_points["gap"]["shops"]["baker"].owner):
        client.force_login(user)
        assert client.get(reverse(route.name, kwargs=kwargs)).status_code == 403
    client.logout()
    assert client.get(reverse(route.name, kwargs=kwargs)).status_code == 302  # to the login


def test_a_host_sees_a_code_of_another_point_as_unknown(client, two_points):
    client.force_login(two_points["office"].host)
    url = reverse("host:session", kwargs={"pk": two_points["occurrence_b"].pk})
    claire_code = CollectionBooking.objects.get(customer=two_points["claire"]).code
    page = client.post(url, {"action": "hand_over", "code": claire_code}, follow=True)
    assert "Aucun client de cette séance" in text_of(page)


def test_one_customer_three_orders_dropped_off_then_handed_over_with_one_code(client, two_points, django_capture_on_commit_callbacks):
    gap, host = two_points["gap"], two_points["gap"]["point"].host
    occurrence = two_points["occurrence_a"]
    url = reverse("host:session", kwargs={"pk": occurrence.pk})
    client.force_login(host)
    page = client.get(url)
    html = text_of(page)
    assert html.count("data-customer") == 1 and "Claire Martin" in html and "Paul" not in html
    assert len(page.context["customers"][0].orders) == 3 and html.count("data-shop-dropoff") == 3
    code = CollectionBooking.objects.get(customer=two_points["claire"]).code
    with time_machine.travel(SATURDAY_TEN, tick=False):
        # Nothing dropped off yet: nothing to hand over.
        refused = client.post(url, {"action": "hand_over", "code": code, "means": "cash"}, follow=True)
        assert "Rien de ce client n'a encore été déposé" in text_of(refused)
        with django_capture_on_commit_callbacks(execute=True):
            for shop in gap["shops"].values():
                client.post(url, {"action": "check_in", "shop": shop.pk})
        assert set(Order.objects.filter(user=two_points["claire"]).values_list("status", flat=True)) == {"ready"}
        ready_mails = [message for message in mail.outbox if message.to == ["claire@example.fr"]]
        assert len(ready_mails) == 3 and all(code in message.body and "Marché de Gap" in message.body for message in ready_mails)
        assert not CollectionOrder.objects.filter(booking__customer=two_points["claire"], dropped_off_at__isnull=True).exists()
        # Paid on site: the host says how, and every order is collected at once with the one code.
        missing_means = client.post(url, {"action": "hand_over", "code": code}, follow=True)
        assert "choisissez comment le client a payé" in text_of(missing_means)
        done = client.post(url, {"action": "hand_over", "code": f" {code.lower()} ", "means": "cash"}, follow=True)
    assert "3 commande(s)" in text_of(done)
    orders = Order.objects.filter(user=two_points["claire"])
    assert set(orders.values_list("status", flat=True)) == {"collected"}
    from payments.on_site import amount_due

    assert all(amount_due(order) == 0 for order in orders)
    assert not CollectionOrder.objects.filter(booking__customer=two_points["claire"], handed_over_at__isnull=True).exists()
    # Paul's order at the other point was not touched.
    assert Order.objects.get(user=two_points["paul"]).status == "new"


def test_what_is_left_unclaimed_and_the_message_to_the_artisans(client, two_points, django_capture_on_commit_callbacks):
    gap, host = two_points["gap"], two_points["gap"]["point"].host
    url = reverse("host:session", kwargs={"pk": two_points["occurrence_a"].pk})
    client.force_login(host)
    with time_machine.travel(SATURDAY_EVENING, tick=False):
        client.post(url, {"action": "check_in", "shop": gap["shops"]["baker"].pk})
        page = client.get(url)
        assert "Non retirées" in text_of(page) and len(page.context["unclaimed"]) == 1
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url, {"action": "message", "text": "Le stand passe près de la fontaine samedi."})
        assert sorted(message.to[0] for message in mail.outbox) == sorted(shop.owner.email for shop in gap["shops"].values())
        empty = client.post(url, {"action": "message", "text": "  "}, follow=True)
        assert "Écrivez d'abord le message" in text_of(empty)


def test_the_artisan_sees_where_their_order_is_collected(client, two_points):
    baker = two_points["gap"]["shops"]["baker"]
    order = Order.objects.get(user=two_points["claire"], lines__partner_id=baker.pk)
    client.force_login(baker.owner)
    page = text_of(client.get(reverse("artisan:order", kwargs={"number": order.number})))
    assert "Au point de retrait Marché de Gap" in page
    dropoffs = text_of(client.get(reverse("artisan:collection")))
    assert order.number in dropoffs and "À déposer" in dropoffs


def test_an_order_is_checked_in_by_its_scanned_label_or_its_number(client, two_points):
    gap, host = two_points["gap"], two_points["gap"]["point"].host
    baker, cheese = gap["shops"]["baker"], gap["shops"]["cheese"]
    bread = Order.objects.get(user=two_points["claire"], lines__partner_id=baker.pk)
    tomme = Order.objects.get(user=two_points["claire"], lines__partner_id=cheese.pk)
    # The artisan prints the labels: one QR code per order to drop off.
    client.force_login(baker.owner)
    labels = client.get(reverse("artisan:collection-labels"))
    assert labels.status_code == 200 and bread.number in text_of(labels) and "<svg" in labels.content.decode()
    assert tomme.number not in text_of(labels)  # another shop's order
    # The host's camera reads a label into the hand-over form: that order is checked in, nothing handed over.
    client.force_login(host)
    url = reverse("host:session", kwargs={"pk": two_points["occurrence_a"].pk})
    scanned = client.post(url, {"action": "hand_over", "code": f"ECHOPPE-DEPOT:{bread.number}"}, follow=True)
    assert f"Dépôt enregistré : commande {bread.number}" in text_of(scanned)
    typed = client.post(url, {"action": "check_in_order", "order": tomme.number.lower()}, follow=True)
    assert tomme.number in text_of(typed)
    dropped = set(CollectionOrder.objects.filter(dropped_off_at__isnull=False).values_list("order_id", flat=True))
    assert dropped == {bread.pk, tomme.pk} and not CollectionOrder.objects.filter(handed_over_at__isnull=False).exists()
    # Another point's order, or nonsense, is refused with a message.
    paul_order = Order.objects.get(user=two_points["paul"])
    for text in (f"ECHOPPE-DEPOT:{paul_order.number}", "x\x00y", "9" * 80):
        refused = client.post(url, {"action": "check_in_order", "order": text}, follow=True)
        assert "Aucune commande de cette séance n'a ce numéro" in text_of(refused)


def test_the_account_menu_leads_a_host_to_their_space_in_the_same_query_as_the_shop(client, two_points, django_assert_num_queries):
    from themes.chrome import back_office_spaces

    host = two_points["office"].host
    with django_assert_num_queries(1):
        assert back_office_spaces(host) == {"runs_a_shop": False, "hosts_a_point": True}
    baker = two_points["gap"]["shops"]["baker"].owner
    assert back_office_spaces(baker) == {"runs_a_shop": True, "hosts_a_point": False}
    client.force_login(host)
    assert 'href="/espace-hote/">Mon espace d\'hôte' in client.get("/").content.decode()
    client.force_login(two_points["claire"])
    assert "/espace-hote/" not in client.get("/").content.decode()
