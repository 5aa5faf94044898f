"""Celery tasks through the real broker (Redis in CI) and a worker thread, not in-process."""

import time
import uuid
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from marketplace import notifications
from marketplace.celery import app as celery_app
from marketplace.models import OutgoingEmail, OutgoingEmailStatus
from marketplace.tasks import send_outgoing_email

pytestmark = [pytest.mark.broker, pytest.mark.django_db(transaction=True)]

TEST_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@pytest.fixture
def worker(settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [TEST_TEMPLATES]}]
    # A queue of this test's own, so that nothing left in a shared broker reaches its worker.
    queue = f"echoppe-test-{uuid.uuid4().hex}"
    previous = (celery_app.conf.task_always_eager, celery_app.conf.task_default_queue)
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        with start_worker(celery_app, perform_ping_check=False, queues=[queue], shutdown_timeout=20) as running:
            yield running
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = previous


def wait_until(condition, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_a_queued_email_is_sent_by_the_worker(worker):
    email = notifications.queue_email(
        recipient="claire@example.fr", template="greeting", context={"name": "Claire"}, idempotency_key="broker-1"
    )
    assert wait_until(lambda: OutgoingEmail.objects.get(pk=email.pk).status == OutgoingEmailStatus.SENT)
    assert [message.body.strip() for message in mail.outbox] == ["Accueil: Claire"]


def test_the_same_task_delivered_ten_times_sends_once(worker):
    email = OutgoingEmail.objects.create(
        idempotency_key="broker-2", recipient="a@example.fr", template="greeting", context={"name": "A"}
    )
    results = [send_outgoing_email.delay(email.pk) for _ in range(10)]
    assert wait_until(lambda: OutgoingEmail.objects.get(pk=email.pk).status == OutgoingEmailStatus.SENT)
    time.sleep(1)  # let the other nine deliveries run
    assert len(mail.outbox) == 1
    assert OutgoingEmail.objects.get(pk=email.pk).attempts == 1
    assert len({result.id for result in results}) == 10
