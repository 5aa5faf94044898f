"""The funders' read-only access to their programme's reports.

The chamber sends a link to an address the funder gives (no account to create for a town hall's
treasurer or their accountant); the link carries a signed reference to a FunderAccess row, so that
it works until the chamber revokes that row, and each opening is dated. Both steps are in the
chamber's audit log.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from chamber import audit
from chamber.models import AuditEntry
from marketplace.notifications import queue_email

from .models import FunderAccess, Programme

SALT = "vouchers.funder-access"


def token_for(access: FunderAccess) -> str:
    return signing.dumps({"a": access.pk}, salt=SALT)


def access_from_token(token: str) -> FunderAccess | None:
    """The access a link names, unless revoked (None for a forged or revoked link)."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("a"), int):
        return None
    return FunderAccess.objects.select_related("programme").filter(pk=data["a"], revoked_at__isnull=True).first()


def report_url(access: FunderAccess) -> str:
    return settings.SITE_URL + reverse("vouchers:funder-report", kwargs={"token": token_for(access)})


def grant(programme: Programme, email: str, actor) -> FunderAccess:
    """Send the funder a link to the programme's reports (e-mailed once the transaction commits)."""
    with transaction.atomic():
        access = FunderAccess.objects.create(programme=programme, email=email, created_by=actor)
        audit.record(actor, AuditEntry.Action.FUNDER_ACCESS_GRANTED, programme, reason=email, target_label=programme.name)
        with translation.override(settings.LANGUAGE_CODE):
            context = {"programme": programme.name, "funder": programme.funder_name, "url": report_url(access),
                       "sender": (actor.get_full_name() or actor.email) if actor is not None else ""}
        queue_email(recipient=email, template="voucher_funder_access", context=context, idempotency_key=f"funder-access-{access.pk}")
    return access


def revoke(access: FunderAccess, actor) -> bool:
    """The link stops working at once; False when it was revoked already."""
    with transaction.atomic():
        revoked = FunderAccess.objects.filter(pk=access.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
        if revoked:
            audit.record(actor, AuditEntry.Action.FUNDER_ACCESS_REVOKED, access.programme, reason=access.email,
                         target_label=access.programme.name)
    return bool(revoked)


def opened(access: FunderAccess) -> None:
    FunderAccess.objects.filter(pk=access.pk).update(last_opened_at=timezone.now())
