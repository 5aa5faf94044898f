import threading
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection, transaction

from marketplace import notifications
from marketplace.models import OutgoingEmail, OutgoingEmailStatus
from marketplace.tasks import resend_stalled_emails

pytestmark = pytest.mark.django_db

TEST_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@pytest.fixture(autouse=True)
def test_email_templates(settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [TEST_TEMPLATES]}]


def queue(key="greeting-1", **overrides):
    arguments = {"recipient": "claire@example.fr", "template": "greeting", "context": {"name": "Claire"}, "idempotency_key": key}
    return notifications.queue_email(**{**arguments, **overrides})


def test_an_email_is_sent_after_commit_in_the_recipients_language(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue(language="en")
        assert mail.outbox == []  # nothing leaves before the transaction commits
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Hello Claire — Échoppe"
    assert message.body.strip() == "Home: Claire"
    assert message.alternatives[0][0].strip() == "<p>Claire</p>"
    assert OutgoingEmail.objects.get().status == OutgoingEmailStatus.SENT


def test_french_is_the_default_language(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue()
    assert mail.outbox[0].body.strip() == "Accueil: Claire"


def test_a_rolled_back_transaction_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                queue()
                raise RuntimeError("the order failed")
        except RuntimeError:
            pass
    assert callbacks == [] and mail.outbox == []
    assert not OutgoingEmail.objects.exists()


def test_the_same_key_sends_one_email(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue()
        second = queue(context={"name": "Someone else"})
    assert first.pk == second.pk
    assert len(mail.outbox) == 1


def test_a_task_delivered_twice_sends_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue()
    assert notifications.deliver(email.pk) is False
    assert len(mail.outbox) == 1


def test_a_failure_is_recorded_and_a_later_attempt_sends(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.integration.test_notifications.BrokenBackend"
    # The send fails after commit; the request that queued it is not affected.
    with django_capture_on_commit_callbacks(execute=True):
        email = queue()
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutgoingEmailStatus.FAILED, 1)
    assert "ConnectionRefusedError" in email.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutgoingEmail.objects.filter(pk=email.pk).update(created_at=email.created_at - notifications.CLAIM_TIMEOUT * 2)
    assert resend_stalled_emails() == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutgoingEmailStatus.SENT, 2)
    assert len(mail.outbox) == 1


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server down")


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_concurrent_deliveries_send_once():
    email = OutgoingEmail.objects.create(
        idempotency_key="concurrent", recipient="a@example.fr", template="greeting", context={"name": "A"}
    )
    barrier = threading.Barrier(10)
    results = []

    def deliver():
        try:
            barrier.wait()
            results.append(notifications.deliver(email.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 9 + [True]
    assert len(mail.outbox) == 1


def test_a_worker_that_overran_its_claim_cannot_overwrite_the_outcome(settings, django_capture_on_commit_callbacks):
    email = OutgoingEmail.objects.create(idempotency_key="slow", recipient="a@example.fr", template="greeting", context={"name": "A"})
    slow_claim = notifications.claim(email.pk)
    # The claim times out; another worker takes the message over and sends it.
    OutgoingEmail.objects.filter(pk=email.pk).update(claimed_at=slow_claim.claimed_at - notifications.CLAIM_TIMEOUT * 2)
    assert notifications.deliver(email.pk) is True
    # The slow worker's late outcome is ignored.
    OutgoingEmail.objects.filter(pk=email.pk, status=OutgoingEmailStatus.SENDING, claimed_at=slow_claim.claimed_at).update(
        status=OutgoingEmailStatus.FAILED
    )
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutgoingEmailStatus.SENT, 2)
    assert len(mail.outbox) == 1


def test_a_message_is_given_up_after_its_attempts(settings):
    email = OutgoingEmail.objects.create(
        idempotency_key="doomed", recipient="a@example.fr", template="greeting", status=OutgoingEmailStatus.FAILED,
        attempts=notifications.MAX_ATTEMPTS,
    )
    assert notifications.claim(email.pk) is None
    assert email.pk not in notifications.stalled_email_ids(older_than=notifications.CLAIM_TIMEOUT * 0)
