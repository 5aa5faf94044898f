"""E-mails, rendered in the recipient's language and sent by Celery after the transaction commits.

A message is a template prefix under ``templates/emails/``: ``<name>_subject.txt``,
``<name>_body.txt`` and, optionally, ``<name>_body.html``.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OutgoingEmail, OutgoingEmailStatus

logger = logging.getLogger(__name__)

# A worker that claimed a message and died leaves it "sending"; after this delay another may retry.
CLAIM_TIMEOUT = datetime.timedelta(minutes=10)
# After this many failed attempts a message waits for a person to look at it.
MAX_ATTEMPTS = 20


def queue_email(
    *, recipient: str, template: str, context: dict | None = None, idempotency_key: str, language: str | None = None
) -> OutgoingEmail:
    """Record an e-mail to send once the current transaction commits. Same key, same e-mail."""
    email, created = OutgoingEmail.objects.get_or_create(
        idempotency_key=idempotency_key,
        defaults={
            "recipient": recipient,
            "template": template,
            "context": context or {},
            "language": language or settings.LANGUAGE_CODE,
        },
    )
    if created:
        from .outbox import enqueue_on_commit
        from .tasks import send_outgoing_email

        # A failed in-process send must not undo a request that committed: the row stays queued and
        # resend_stalled_emails picks it up; a broker outage keeps the task in the outbox.
        enqueue_on_commit(send_outgoing_email, email.pk)
    return email


def render_email(email: OutgoingEmail) -> EmailMultiAlternatives:
    with translation.override(email.language):
        context = {**email.context, "site_name": settings.OSCAR_SHOP_NAME}
        subject = " ".join(render_to_string(f"emails/{email.template}_subject.txt", context).split())
        body = render_to_string(f"emails/{email.template}_body.txt", context)
        try:
            html = render_to_string(f"emails/{email.template}_body.html", context)
        except TemplateDoesNotExist:
            html = None
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [email.recipient])
    if html:
        message.attach_alternative(html, "text/html")
    return message


def claim(email_id: int) -> OutgoingEmail | None:
    """Take the message for this worker, or None if it is sent, given up, or held by another worker.

    The attempt is counted when claimed, so a message that kills its worker is not retried forever.
    """
    now = timezone.now()
    claimable = Q(status__in=[OutgoingEmailStatus.QUEUED, OutgoingEmailStatus.FAILED]) | Q(
        status=OutgoingEmailStatus.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT
    )
    claimed = OutgoingEmail.objects.filter(claimable, pk=email_id, attempts__lt=MAX_ATTEMPTS).update(
        status=OutgoingEmailStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    return OutgoingEmail.objects.get(pk=email_id) if claimed else None


def deliver(email_id: int) -> bool:
    """Send the message if nobody has; True when this call sent it. Errors propagate for retry."""
    email = claim(email_id)
    if email is None:
        return False
    # Only the holder of this claim may record the outcome: a worker that overran its claim must
    # not overwrite what the one that took over did.
    still_ours = OutgoingEmail.objects.filter(pk=email.pk, status=OutgoingEmailStatus.SENDING, claimed_at=email.claimed_at)
    try:
        render_email(email).send()
    except Exception as error:
        still_ours.update(status=OutgoingEmailStatus.FAILED, last_error=repr(error)[:2000])
        logger.warning("E-mail %s to %s failed: %r", email.template, email.recipient, error)
        raise
    still_ours.update(status=OutgoingEmailStatus.SENT, sent_at=timezone.now(), last_error="")
    return True


def stalled_email_ids(older_than: datetime.timedelta = CLAIM_TIMEOUT) -> list[int]:
    """Messages not sent long after they were queued or claimed."""
    limit = timezone.now() - older_than
    waiting = Q(
        status__in=[OutgoingEmailStatus.QUEUED, OutgoingEmailStatus.FAILED], created_at__lt=limit, attempts__lt=MAX_ATTEMPTS
    )
    abandoned = Q(status=OutgoingEmailStatus.SENDING, claimed_at__lt=limit)
    return list(OutgoingEmail.objects.filter(waiting | abandoned).values_list("pk", flat=True)[:1000])
