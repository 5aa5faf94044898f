"""A shop's life, from application to approval (or not): the only place that changes its status.

Each step locks the shop row, checks the step is allowed from the current status, records a
ShopDecision, and queues the e-mails for after commit.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.notifications import queue_email

from .models import Shop, ShopDecision, ShopStatus

REVIEW_PERMISSION = ("shops", "review_shop")


class TransitionNotAllowed(Exception):
    """The step does not apply to the shop's current status; the message says why."""


class ApplicationIncomplete(Exception):
    def __init__(self, missing: list[str]):
        self.missing = missing
        super().__init__(", ".join(str(label) for label in missing))


@dataclass(frozen=True)
class Step:
    name: str
    allowed_from: frozenset[str]
    to_status: str
    needs_reason: bool
    artisan_email: str
    notify_chamber: bool = False


STEPS = {
    step.name: step
    for step in (
        Step("submit", frozenset({ShopStatus.DRAFT, ShopStatus.CHANGES_REQUESTED}), ShopStatus.SUBMITTED, False,
             "shop_submitted", notify_chamber=True),
        Step("approve", frozenset({ShopStatus.SUBMITTED}), ShopStatus.APPROVED, False, "shop_approved"),
        Step("reject", frozenset({ShopStatus.SUBMITTED}), ShopStatus.REJECTED, True, "shop_rejected"),
        Step("request_changes", frozenset({ShopStatus.SUBMITTED}), ShopStatus.CHANGES_REQUESTED, True,
             "shop_changes_requested"),
        Step("suspend", frozenset({ShopStatus.APPROVED}), ShopStatus.SUSPENDED, True, "shop_suspended"),
        Step("reinstate", frozenset({ShopStatus.SUSPENDED}), ShopStatus.APPROVED, False, "shop_reinstated"),
    )
}

# What the chamber needs to vouch for a business, and the law to show on its storefront.
REQUIRED_FOR_SUBMISSION = (
    "legal_name", "legal_form", "siret", "trades_register_number", "email", "address_line", "postcode", "commune",
)


def missing_for_submission(shop: Shop) -> list[str]:
    """The labels of the fields an application still lacks."""
    filled = {name: bool(shop.commune_id if name == "commune" else getattr(shop, name)) for name in REQUIRED_FOR_SUBMISSION}
    missing = [Shop._meta.get_field(name).verbose_name for name, is_filled in filled.items() if not is_filled]
    if shop.vat_regime == "registered" and not shop.vat_number:
        missing.append(Shop._meta.get_field("vat_number").verbose_name)
    return missing


def chamber_reviewer_emails() -> list[str]:
    permission = Permission.objects.get(content_type__app_label=REVIEW_PERMISSION[0], codename=REVIEW_PERMISSION[1])
    users = get_user_model().objects.filter(
        Q(groups__permissions=permission) | Q(user_permissions=permission) | Q(is_superuser=True), is_active=True
    )
    return sorted({email for email in users.values_list("email", flat=True) if email})


def artisan_emails(shop: Shop) -> list[str]:
    return sorted({email for email in shop.partner.users.filter(is_active=True).values_list("email", flat=True) if email})


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def apply_step(shop: Shop, step_name: str, actor=None, reason: str = "") -> ShopDecision:
    step = STEPS[step_name]
    reason = (reason or "").strip()
    if step.needs_reason and not reason:
        raise TransitionNotAllowed(_("Give a reason: the artisan will read it."))
    with transaction.atomic():
        locked = Shop.objects.select_for_update().select_related("partner", "commune").get(pk=shop.pk)
        if locked.status not in step.allowed_from:
            raise TransitionNotAllowed(
                _("This shop is “%(status)s”: that step is not possible now.") % {"status": locked.get_status_display()}
            )
        if step_name != "submit" and actor is not None and locked.partner.users.filter(pk=actor.pk).exists():
            raise TransitionNotAllowed(_("You run this shop: another member of the chamber must decide on it."))
        if step_name == "submit":
            missing = missing_for_submission(locked)
            if missing:
                raise ApplicationIncomplete(missing)
        decision = ShopDecision.objects.create(
            shop=locked, from_status=locked.status, to_status=step.to_status, reason=reason, actor=actor
        )
        locked.status = step.to_status
        now = timezone.now()
        update_fields = ["status", "updated_at"]
        if step_name == "submit":
            locked.submitted_at = now
            update_fields.append("submitted_at")
        if step_name == "approve":
            locked.approved_at = now
            update_fields.append("approved_at")
        locked.save(update_fields=update_fields)
        _queue_emails(locked, step, decision)
    shop.refresh_from_db()
    return decision


def _queue_emails(shop: Shop, step: Step, decision: ShopDecision) -> None:
    context = {
        "shop_name": shop.name,
        "reason": decision.reason,
        "storefront_url": absolute_url(shop.get_absolute_url()),
        "back_office_url": absolute_url(reverse("artisan:home")),
        "review_url": absolute_url(reverse("chamber:application", kwargs={"pk": shop.pk})),
    }
    for recipient in artisan_emails(shop):
        queue_email(
            recipient=recipient,
            template=step.artisan_email,
            context=context,
            idempotency_key=f"shop-decision-{decision.pk}-{recipient}",
        )
    if step.notify_chamber:
        for recipient in chamber_reviewer_emails():
            queue_email(
                recipient=recipient,
                template="chamber_application_received",
                context=context,
                idempotency_key=f"shop-decision-{decision.pk}-chamber-{recipient}",
            )


def submit_application(shop: Shop, actor) -> ShopDecision:
    return apply_step(shop, "submit", actor)


def approve(shop: Shop, actor) -> ShopDecision:
    return apply_step(shop, "approve", actor)


def reject(shop: Shop, actor, reason: str) -> ShopDecision:
    return apply_step(shop, "reject", actor, reason)


def request_changes(shop: Shop, actor, reason: str) -> ShopDecision:
    return apply_step(shop, "request_changes", actor, reason)
