"""The artisan's « Notifications » screen: the new order e-mail and the daily reminder follow the shop's
choices (on or off, the hour, the account's address or another one once confirmed); the defaults keep
what the marketplace did before; an artisan only ever reads and changes their own shop's."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.apps.partner.strategy import Default
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from checkout.order.models import Fulfilment
from checkout.placement import ShopChoice, place_checkout
from shops import notification_settings, reminders
from shops.fulfilment import ClickAndCollectOption
from shops.models import OpeningPeriod
from shops.notification_settings import ShopNotificationSettings
from shops.partner.strategy import MarketplaceStrategy
from shops.tasks import send_artisan_reminders
from tests.factories import ProductFactory, ShopFactory, UserFactory

Basket = get_model("basket", "Basket")
PARIS = ZoneInfo("Europe/Paris")
NOW = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)  # a Monday
TUESDAY_8 = datetime.datetime(2026, 11, 24, 8, 0, tzinfo=PARIS)
URL = "/espace-artisan/notifications/"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def baker():
    shop = ShopFactory(partner__name="Fournil", owner=UserFactory(email="marie@example.fr", username="marie@example.fr"))
    ClickAndCollectOption.objects.create(shop=shop, capacity_per_slot=5, preparation_hours=2)
    OpeningPeriod.objects.create(shop=shop, weekday=1, opens_at=datetime.time(8), closes_at=datetime.time(12))
    return shop


def place_order(shop, capture):
    basket = Basket.objects.create()
    basket.strategy = MarketplaceStrategy()
    basket.add_product(ProductFactory(shop=shop, shop__price=Decimal("4.20")), 1)
    mail.outbox.clear()
    with capture(execute=True):
        group = place_checkout(
            basket, None, "claire@example.fr", {shop.pk: ShopChoice(Fulfilment.PICKUP, pickup_starts_at=TUESDAY_8)}, None, True, now=NOW
        )
    return group.orders.get()


def artisan_mail(order_number=None):
    return [message for message in mail.outbox if message.to != ["claire@example.fr"] and (order_number is None or order_number in message.subject)]


def test_by_default_each_account_gets_the_new_order_email_as_before(baker, django_capture_on_commit_callbacks):
    assert not ShopNotificationSettings.objects.exists()
    order = place_order(baker, django_capture_on_commit_callbacks)
    assert [message.to for message in artisan_mail(order.number)] == [["marie@example.fr"]]
    assert [message.to for message in mail.outbox if message.to == ["claire@example.fr"]] == [["claire@example.fr"]]


def test_no_new_order_email_when_switched_off(baker, django_capture_on_commit_callbacks):
    ShopNotificationSettings.objects.create(shop=baker, new_order_email=False)
    order = place_order(baker, django_capture_on_commit_callbacks)
    assert artisan_mail() == []
    assert len(mail.outbox) == 1 and order.number in mail.outbox[0].body  # the customer still hears


def test_another_address_only_once_confirmed(baker, client, django_capture_on_commit_callbacks):
    client.force_login(baker.owner)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(URL, {"new_order_email": "on", "reminder_hour": "7", "recipient": "other", "other_email": "atelier@example.fr"})
    assert answer.status_code == 302
    confirmation = [message for message in mail.outbox if message.to == ["atelier@example.fr"]]
    assert len(confirmation) == 1 and "/espace-artisan/notifications/confirmer/?jeton=" in confirmation[0].body
    assert "atelier@example.fr n'est pas encore confirmée" in client.get(URL).content.decode().replace("&#x27;", "'")

    # Not confirmed yet: the account's address still receives the orders, the other one nothing.
    order = place_order(baker, django_capture_on_commit_callbacks)
    assert [message.to for message in artisan_mail(order.number)] == [["marie@example.fr"]]

    link = confirmation[0].body.split("http://", 1)[1].split()[0]
    path = link[link.index("/espace-artisan/"):]
    assert client.get(path).status_code == 302
    assert notification_settings.settings_of(type(baker).objects.get(pk=baker.pk)).other_email_confirmed
    order = place_order(baker, django_capture_on_commit_callbacks)
    assert [message.to for message in artisan_mail(order.number)] == [["atelier@example.fr"]]

    # A new address must be confirmed again; meanwhile the account's address receives the e-mails.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"new_order_email": "on", "reminder_hour": "7", "recipient": "other", "other_email": "autre@example.fr"})
    order = place_order(baker, django_capture_on_commit_callbacks)
    assert [message.to for message in artisan_mail(order.number)] == [["marie@example.fr"]]


def test_the_page_and_its_french_messages(baker, client):
    client.force_login(baker.owner)
    page = client.get(URL).content.decode()
    assert "M'envoyer un e-mail à chaque nouvelle commande" in page.replace("&#x27;", "'")
    assert "marie@example.fr" in page and 'name="new_order_email" id="id_new_order_email" checked' in page
    refused = client.post(URL, {"recipient": "other", "other_email": "", "reminder_hour": "7"})
    assert refused.status_code == 400 and "Saisissez l'autre adresse" in refused.content.decode().replace("&#x27;", "'")
    refused = client.post(URL, {"recipient": "other", "other_email": "pas-une-adresse", "reminder_hour": "7"})
    assert refused.status_code == 400 and "Saisissez une adresse e-mail valide" in refused.content.decode()
    refused = client.post(URL, {"recipient": "accounts", "reminder_hour": "99"})
    assert refused.status_code == 400 and "Choisissez une heure dans la liste" in refused.content.decode()
    refused = client.post(URL, {"recipient": "chamber", "reminder_hour": "7"})
    assert refused.status_code == 400
    assert not ShopNotificationSettings.objects.exists()
    assert client.get("/espace-artisan/notifications/confirmer/", {"jeton": "n'importe quoi"}).status_code == 302
    with CaptureQueriesContext(connection) as queries:
        client.get(URL)
    assert len(queries) <= 12


def test_another_artisan_only_reads_and_changes_their_own_shop(baker, client, django_capture_on_commit_callbacks):
    ShopNotificationSettings.objects.create(shop=baker, recipient="other", other_email="atelier@example.fr")
    token = notification_settings.confirmation_token(baker.notification_settings)
    other = ShopFactory(partner__name="Poterie", owner=UserFactory(email="paul@example.fr", username="paul@example.fr"))
    client.force_login(other.owner)
    page = client.get(URL).content.decode()
    assert "atelier@example.fr" not in page and "marie@example.fr" not in page and "paul@example.fr" in page
    # The baker's link does not confirm anything for another shop's artisan.
    client.get("/espace-artisan/notifications/confirmer/", {"jeton": token})
    assert not ShopNotificationSettings.objects.get(shop=baker).other_email_confirmed
    # A post changes the poster's shop only, whatever it carries.
    client.post(URL, {"recipient": "accounts", "reminder_hour": "9", "shop": baker.pk, "shop_id": baker.pk, "other_email_confirmed_at": "2026-01-01"})
    mine, theirs = ShopNotificationSettings.objects.get(shop=other), ShopNotificationSettings.objects.get(shop=baker)
    assert (mine.new_order_email, mine.reminder_hour, mine.other_email_confirmed_at) == (False, 9, None)
    assert (theirs.new_order_email, theirs.recipient, theirs.other_email_confirmed_at) == (True, "other", None)
    client.logout()
    assert client.get(URL).status_code == 302 and client.post(URL, {}).status_code == 302


def reminder_orders(shop):
    """An order still to accept, and one accepted to hand over on Tuesday 24 November."""
    def order(number, status, **fields):
        basket = Basket.objects.create()
        basket.strategy = Default()
        basket.add_product(ProductFactory(shop=shop), 1)
        return create_order(basket=basket, user=UserFactory(), number=number, status=status, **fields)

    order("R-1", "new", fulfilment="pickup", pickup_starts_at=TUESDAY_8 + datetime.timedelta(days=3))
    order("R-2", "accepted", fulfilment="pickup", pickup_starts_at=TUESDAY_8)
    order("R-3", "collected", fulfilment="pickup", pickup_starts_at=TUESDAY_8)


def test_the_daily_reminder_at_the_chosen_hour_once_a_day(baker, time_machine, django_capture_on_commit_callbacks):
    reminder_orders(baker)
    ShopNotificationSettings.objects.create(shop=baker, reminder_email=True, reminder_hour=7)
    tuesday = datetime.datetime(2026, 11, 24, 7, 0, tzinfo=PARIS)
    assert reminders.reminder_for(baker, tuesday.date()) == reminders.Reminder(["R-1"], ["R-2"])
    for hour in (6, 8):
        time_machine.move_to(tuesday.replace(hour=hour), tick=False)
        with django_capture_on_commit_callbacks(execute=True):
            assert send_artisan_reminders() == 0
    time_machine.move_to(tuesday.replace(minute=1), tick=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        send_artisan_reminders()
        send_artisan_reminders()  # beat ran twice: one e-mail all the same
    assert [message.to for message in mail.outbox] == [["marie@example.fr"]]
    body = mail.outbox[0].body
    assert "R-1" in body and "R-2" in body and "R-3" not in body
    assert "Fournil" in mail.outbox[0].subject


def test_no_reminder_by_default_when_off_or_with_nothing_to_say(baker, time_machine, django_capture_on_commit_callbacks):
    time_machine.move_to(datetime.datetime(2026, 11, 24, 7, 0, tzinfo=PARIS), tick=False)
    quiet = ShopFactory(partner__name="Calme")
    ShopNotificationSettings.objects.create(shop=quiet, reminder_email=True, reminder_hour=7)  # nothing to do today
    reminder_orders(baker)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_reminders() == 0  # the baker kept the defaults: no reminder
        ShopNotificationSettings.objects.create(shop=baker, reminder_email=False, reminder_hour=7)
        assert reminders.send_reminders() == 0
        ShopNotificationSettings.objects.filter(shop=baker).update(reminder_email=True)
        assert reminders.send_reminders() == 1
    assert [message.to for message in mail.outbox] == [["marie@example.fr"]]


def test_the_reminder_goes_to_the_confirmed_address(baker, time_machine, django_capture_on_commit_callbacks):
    time_machine.move_to(datetime.datetime(2026, 11, 24, 9, 30, tzinfo=PARIS), tick=False)
    reminder_orders(baker)
    ShopNotificationSettings.objects.create(
        shop=baker, reminder_email=True, reminder_hour=9, recipient="other", other_email="atelier@example.fr",
        other_email_confirmed_at=NOW,
    )
    with django_capture_on_commit_callbacks(execute=True):
        reminders.send_reminders()
    assert [message.to for message in mail.outbox] == [["atelier@example.fr"]]
