"""The chamber's actions on shops, products and labels: each in one transaction with its audit entry,
and the artisan told by e-mail where it concerns them."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from marketplace.models import Label, LabelGrant
from marketplace.notifications import queue_email
from shops import workflow
from shops.models import Shop

from . import audit
from .models import ApplicationNote, AuditEntry

Product = get_model("catalogue", "Product")

DECISION_ACTIONS = {
    "suspend": AuditEntry.Action.SHOP_SUSPENDED,
    "reinstate": AuditEntry.Action.SHOP_REINSTATED,
}


class ModerationRefused(Exception):
    """The action does not apply (already hidden, reason missing…); the message says why."""


def decide_on_shop(shop: Shop, decision: str, actor, reason: str):
    """Approve, reject, ask for changes, suspend or reinstate, through the shops workflow."""
    with transaction.atomic():
        result = workflow.apply_step(shop, decision, actor, reason)
        audit.record(actor, DECISION_ACTIONS.get(decision, AuditEntry.Action.APPLICATION_DECIDED), shop,
                     reason=f"{shop.get_status_display()}. {reason}".strip())
    return result


def _tell_artisans(shop: Shop, template: str, context: dict, key: str) -> None:
    for recipient in workflow.artisan_emails(shop):
        queue_email(recipient=recipient, template=template, context={"shop_name": shop.name, **context},
                    idempotency_key=f"{key}-{recipient}")


def set_product_hidden(product, hidden: bool, actor, reason: str) -> None:
    """Hide a product from the public (the artisan cannot publish it again) or restore it."""
    reason = (reason or "").strip()
    if hidden and not reason:
        raise ModerationRefused(_("Give the reason: the artisan receives it."))
    with transaction.atomic():
        locked = Product.objects.select_for_update().get(pk=product.pk)
        if locked.hidden_by_chamber == hidden:
            raise ModerationRefused(_("This product is already hidden.") if hidden else _("This product is not hidden."))
        locked.hidden_by_chamber = hidden
        locked.moderation_reason = reason if hidden else ""
        locked.save(update_fields=["hidden_by_chamber", "moderation_reason", "date_updated"])
        entry = audit.record(actor, AuditEntry.Action.PRODUCT_HIDDEN if hidden else AuditEntry.Action.PRODUCT_RESTORED,
                             locked, reason=reason, target_label=locked.title)
        record = locked.stockrecords.select_related("partner__shop").first()
        if record is not None:
            shop = record.partner.shop
            _tell_artisans(shop, "product_hidden" if hidden else "product_restored",
                           {"product_title": locked.title, "reason": reason,
                            "back_office_url": workflow.absolute_url(reverse("artisan:home"))},
                           f"chamber-action-{entry.pk}")
    product.refresh_from_db()


def grant_label(shop: Shop, label: Label, actor, evidence: str, expires_on: datetime.date | None) -> LabelGrant:
    with transaction.atomic():
        grant, created = LabelGrant.objects.update_or_create(
            label=label, shop=shop, defaults={"evidence": evidence, "expires_on": expires_on, "granted_by": actor},
        )
        until = _(" until %(date)s") % {"date": expires_on.strftime("%d/%m/%Y")} if expires_on else ""
        audit.record(actor, AuditEntry.Action.LABEL_GRANTED, shop, reason=f"{label.name}{until}. {evidence}".strip(),
                     target_label=f"{shop.name} — {label.name}")
    return grant


def withdraw_label(grant: LabelGrant, actor, reason: str) -> None:
    with transaction.atomic():
        audit.record(actor, AuditEntry.Action.LABEL_WITHDRAWN, grant.shop, reason=f"{grant.label.name}. {reason}".strip(),
                     target_label=f"{grant.shop.name} — {grant.label.name}")
        grant.delete()


def add_note(shop: Shop, actor, text: str) -> ApplicationNote:
    with transaction.atomic():
        note = ApplicationNote.objects.create(shop=shop, author=actor, text=text)
        audit.record(actor, AuditEntry.Action.NOTE_ADDED, shop, reason=text[:500])
    return note
