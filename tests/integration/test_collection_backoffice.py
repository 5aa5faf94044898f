"""The chamber creates a collection point, its hours, a session and its host; the artisan chooses the
sessions their shop serves; the public finds the point with its next sessions and its artisans."""

import datetime

import pytest
import time_machine

from collection.models import CollectionPoint, CollectionSession, PointHost, ShopSession
from chamber.models import AuditEntry
from shops.roles import chamber_group
from tests.factories import CommuneFactory, ShopFactory, UserFactory
from tests.integration.collection_support import NOW, gap_market_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def chamber_client(client):
    staff = UserFactory(username="agent@cma.example.fr")
    staff.groups.add(chamber_group())
    client.force_login(staff)
    return client


def test_the_chamber_creates_a_point_with_hours_a_session_and_a_host(chamber_client, django_capture_on_commit_callbacks):
    from django.core import mail

    CommuneFactory(insee_code="13001", name="Aix-en-Provence", postcodes="13090 13100", latitude=43.5283, longitude=5.4497)
    assert "Points de retrait" in chamber_client.get("/chambre/").content.decode()
    created = chamber_client.post("/chambre/points-de-retrait/nouveau/", {
        "name": "Office de tourisme d'Aix", "slug": "office-tourisme-aix", "host_kind": "tourist_office", "host_name": "Office de tourisme",
        "address_line": "300 avenue Giuseppe Verdi", "postcode": "13100", "commune_name": "Aix-en-Provence",
        "capacity_per_window": "40", "instructions": "Au comptoir d'accueil.", "is_active": "on",
    })
    point = CollectionPoint.objects.get()
    assert created.status_code == 302 and (point.latitude, point.commune.name) == (43.5283, "Aix-en-Provence")
    url = f"/chambre/points-de-retrait/{point.pk}/"
    chamber_client.post(url, {"action": "add_period", "period-weekday": "2", "period-opens_at": "09:00", "period-closes_at": "18:00"})
    # A session whose orders would close after the drop-off is refused, with the reason.
    refused = chamber_client.post(url, {"action": "add_session", "session-weekday": "2", "session-starts_at": "16:00", "session-ends_at": "18:00",
                                        "session-cutoff_days_before": "0", "session-cutoff_time": "15:00",
                                        "session-dropoff_days_before": "0", "session-dropoff_time": "14:00"})
    assert refused.status_code == 200 and "avant le dépôt" in refused.content.decode()
    chamber_client.post(url, {"action": "add_session", "session-weekday": "2", "session-starts_at": "16:00", "session-ends_at": "18:00",
                              "session-cutoff_days_before": "1", "session-cutoff_time": "18:00",
                              "session-dropoff_days_before": "0", "session-dropoff_time": "14:00"})
    assert CollectionSession.objects.get(point=point).starts_at == datetime.time(16)
    host = UserFactory(username="accueil@aix.example.fr", email="accueil@aix.example.fr")
    with django_capture_on_commit_callbacks(execute=True):
        chamber_client.post(url, {"action": "add_host", "host-email": "Accueil@aix.example.fr"})
    assert PointHost.objects.get().user == host
    [welcome] = [message for message in mail.outbox if message.to == ["accueil@aix.example.fr"]]
    assert "Office de tourisme d'Aix" in welcome.subject and "/espace-hote/" in welcome.body
    twice = chamber_client.post(url, {"action": "add_host", "host-email": "accueil@aix.example.fr"})
    assert "accueille déjà" in twice.content.decode() and PointHost.objects.count() == 1
    unknown = chamber_client.post(url, {"action": "remove_host", "row": "999999"})
    assert unknown.status_code == 404
    chamber_client.post(url, {"action": "remove_host", "row": str(PointHost.objects.get().pk)})
    assert not PointHost.objects.exists()
    logged = list(AuditEntry.objects.filter(target_type="collectionpoint", target_id=str(point.pk)).order_by("pk").values_list("action", "reason"))
    assert [action for action, _reason in logged] == [AuditEntry.Action.COLLECTION_POINT_CHANGED] * 3 + [AuditEntry.Action.COLLECTION_HOST_CHANGED] * 2
    assert logged[0][1] == "Point créé." and logged[3][1] == "Hôte ajouté\u00a0: accueil@aix.example.fr." and logged[4][1].startswith("Hôte retiré")
    assert {entry.actor.username for entry in AuditEntry.objects.all()} == {"agent@cma.example.fr"}


def test_artisans_and_customers_cannot_open_the_chambers_point_screens(client):
    world = gap_market_world()
    client.force_login(world["shops"]["baker"].owner)
    assert client.get("/chambre/points-de-retrait/").status_code == 403
    assert client.get(f"/chambre/points-de-retrait/{world['point'].pk}/").status_code == 403


def test_the_artisan_chooses_the_sessions_their_shop_serves(client):
    world = gap_market_world()
    closed = CollectionSession.objects.create(point=world["point"], weekday=2, starts_at=datetime.time(9), ends_at=datetime.time(10),
                                              cutoff_time=datetime.time(8), dropoff_time=datetime.time(8, 30), is_active=False)
    other_shop = ShopFactory()
    baker = world["shops"]["baker"]
    client.force_login(baker.owner)
    page = client.get("/espace-artisan/points-de-retrait/").content.decode()
    assert "Marché de Gap" in page and "checked" in page
    client.post("/espace-artisan/points-de-retrait/", {"sessions": []})
    assert not ShopSession.objects.filter(shop=baker).exists()
    client.post("/espace-artisan/points-de-retrait/", {"sessions": [str(world["session"].pk), str(closed.pk), "abc", "9" * 30]})
    assert list(ShopSession.objects.filter(shop=baker).values_list("session_id", flat=True)) == [world["session"].pk]
    assert not ShopSession.objects.filter(shop=other_shop).exists()


def test_the_public_finds_the_points_their_next_sessions_and_artisans(client):
    world = gap_market_world()
    with time_machine.travel(NOW, tick=False):
        listing = client.get("/points-de-retrait/").content.decode().replace("\u00a0", " ")
        detail = client.get("/points-de-retrait/marche-de-gap/").content.decode().replace("\u00a0", " ")
        storefront = client.get(f"/shops/{world['shops']['baker'].slug}/").content.decode()
    assert "Marché de Gap" in listing and "samedi 5 décembre, 9 h–12 h" in listing and "Fournil des Écrins" in listing
    assert "search-map-data" in listing
    assert "Poterie du Buëch" in detail and "fontaine" in detail
    assert "Marché de Gap" in storefront
    assert client.get("/points-de-retrait/inconnu/").status_code == 404


def test_the_chamber_sees_how_full_the_next_windows_are(chamber_client):
    from checkout.order.models import Fulfilment
    from checkout.placement import ShopChoice, place_checkout
    from tests.integration.collection_support import basket_with

    world = gap_market_world()
    customer = UserFactory()
    choices = {world["shops"]["baker"].pk: ShopChoice(Fulfilment.POINT, collection_window=world["key"])}
    place_checkout(basket_with([world["products"]["baker"]], owner=customer), customer, customer.email, choices, None, True, now=NOW)
    with time_machine.travel(NOW, tick=False):
        page = chamber_client.get(f"/chambre/points-de-retrait/{world['point'].pk}/").content.decode().replace("\u00a0", " ")
    assert "samedi 5 décembre, 9 h–12 h — 1 / 30 places réservées" in page
