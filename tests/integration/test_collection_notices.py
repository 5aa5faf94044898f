"""The collection points' e-mails: each artisan's drop-off list once orders close, the host's list the
evening before, the customer's reminder the day before — each sent once however often beat runs."""

import datetime

import pytest
from django.conf import settings
from django.core import mail

from checkout.order.models import Fulfilment
from checkout.placement import ShopChoice, place_checkout
from collection.models import CollectionBooking
from collection.notices import send_due_notices
from collection.tasks import send_collection_notices
from tests.factories import UserFactory
from tests.integration.collection_support import NOW, PARIS, basket_with, gap_market_world

pytestmark = pytest.mark.django_db


def test_each_notice_leaves_once_when_it_is_due(django_capture_on_commit_callbacks):
    world = gap_market_world()
    customer = UserFactory(username="claire@example.fr", email="claire@example.fr", first_name="Claire", last_name="Martin")
    choices = {shop.pk: ShopChoice(Fulfilment.POINT, collection_window=world["key"]) for shop in world["shops"].values()}
    with django_capture_on_commit_callbacks(execute=True):
        place_checkout(basket_with(world["products"].values(), owner=customer), customer, customer.email, choices, None, True, now=NOW)
    code = CollectionBooking.objects.get().code

    def run(moment):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            counts = send_due_notices(moment)
        return counts, {message.to[0]: message for message in mail.outbox}

    counts, sent = run(NOW)  # Tuesday: nothing due yet
    assert counts == {"reminders": 0, "dropoff_lists": 0, "host_lists": 0} and not sent
    # Thursday 20:00 orders close: each artisan gets their list.
    counts, sent = run(datetime.datetime(2026, 12, 3, 20, 5, tzinfo=PARIS))
    assert counts["dropoff_lists"] == 3
    baker_mail = sent[world["shops"]["baker"].owner.email]
    assert "Claire Martin" in baker_mail.body and "05/12 08:45" in baker_mail.body and "Marché de Gap" in baker_mail.subject
    assert run(datetime.datetime(2026, 12, 3, 21, 5, tzinfo=PARIS))[0]["dropoff_lists"] == 0  # once
    # Friday 9:05, the day before: the customer's reminder with the code; 18:05 the host's list.
    counts, sent = run(datetime.datetime(2026, 12, 4, 9, 5, tzinfo=PARIS))
    assert counts["reminders"] == 1 and code in sent["claire@example.fr"].body and counts["host_lists"] == 0
    counts, sent = run(datetime.datetime(2026, 12, 4, 18, 5, tzinfo=PARIS))
    assert counts == {"reminders": 0, "dropoff_lists": 0, "host_lists": 1}
    assert "Claire Martin" in sent[world["point"].host.email].body
    assert run(datetime.datetime(2026, 12, 4, 19, 5, tzinfo=PARIS))[0] == {"reminders": 0, "dropoff_lists": 0, "host_lists": 0}


def test_beat_runs_the_task_every_hour():
    entry = next(entry for entry in settings.CELERY_BEAT_SCHEDULE.values() if entry["task"] == "collection.tasks.send_collection_notices")
    assert entry["schedule"].minute == {5}
    assert send_collection_notices.name == "collection.tasks.send_collection_notices"
