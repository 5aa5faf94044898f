"""A shop's Stripe Connect (Express) account: created from the back-office, completed on Stripe's
hosted onboarding (Account Links are single-use and expire, so a fresh one is made each time), and
followed through ``account.updated`` events, always re-read from Stripe."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import gateway
from .models import StripeAccount

# Stripe's requirement codes an artisan is most likely to meet, said in French; others are shown with
# their code.
REQUIREMENT_LABELS = {
    "external_account": gettext_lazy("Bank account (IBAN) for payouts"),
    "tos_acceptance.date": gettext_lazy("Acceptance of Stripe's terms"),
    "tos_acceptance.ip": gettext_lazy("Acceptance of Stripe's terms"),
    "business_profile.url": gettext_lazy("Website or shop page address"),
    "business_profile.mcc": gettext_lazy("Business activity"),
    "business_type": gettext_lazy("Kind of business (sole trader, company)"),
    "company.tax_id": gettext_lazy("SIREN number"),
    "company.name": gettext_lazy("Company name"),
    "company.address.line1": gettext_lazy("Business address"),
    "individual.verification.document": gettext_lazy("Identity document"),
    "individual.id_number": gettext_lazy("Identity number"),
    "individual.dob.day": gettext_lazy("Date of birth"),
    "individual.first_name": gettext_lazy("First name"),
    "individual.last_name": gettext_lazy("Last name"),
    "individual.address.line1": gettext_lazy("Home address"),
    "individual.email": gettext_lazy("E-mail address"),
    "individual.phone": gettext_lazy("Phone number"),
    "representative.verification.document": gettext_lazy("Identity document of the legal representative"),
}


def requirement_labels(codes: list[str]) -> list[str]:
    labels = []
    for code in codes:
        label = str(REQUIREMENT_LABELS.get(code) or _("Information asked by Stripe (%(code)s)") % {"code": code})
        if label not in labels:
            labels.append(label)
    return labels


def ensure_account(shop) -> StripeAccount:
    """The shop's Express account, created at Stripe the first time (once, whatever the clicks)."""
    existing = StripeAccount.objects.filter(shop=shop).first()
    if existing is not None:
        return existing
    account = gateway.call(
        "create account", gateway.client().v1.accounts.create,
        params={
            "type": "express",
            "country": "FR",
            "email": shop.email or None,
            "default_currency": gateway.CURRENCY,
            "capabilities": {"card_payments": {"requested": True}, "transfers": {"requested": True}},
            "business_profile": {"name": shop.name, "product_description": shop.tagline or shop.get_trade_display()},
            "metadata": {"shop": str(shop.pk), "siret": shop.siret},
        },
        options={"idempotency_key": f"shop-{shop.pk}-connect-account"},
    )
    try:
        with transaction.atomic():
            return apply_account(StripeAccount(shop=shop, account_id=account.id), account)
    except IntegrityError:
        return StripeAccount.objects.get(shop=shop)


def onboarding_link(account: StripeAccount, refresh_url: str, return_url: str) -> str:
    link = gateway.call(
        "create account link", gateway.client().v1.account_links.create,
        params={"account": account.account_id, "refresh_url": refresh_url, "return_url": return_url, "type": "account_onboarding"},
    )
    return link.url


def sync_account(account_id: str) -> StripeAccount | None:
    """Re-read the account from Stripe (events may come late or out of order) and record its state."""
    record = StripeAccount.objects.filter(account_id=account_id).first()
    if record is None:
        return None
    return apply_account(record, gateway.call("retrieve account", gateway.client().v1.accounts.retrieve, account_id))


def apply_account(record: StripeAccount, account) -> StripeAccount:
    account = gateway.as_dict(account)
    requirements = account.get("requirements") or {}
    record.charges_enabled = bool(account.get("charges_enabled"))
    record.payouts_enabled = bool(account.get("payouts_enabled"))
    record.details_submitted = bool(account.get("details_submitted"))
    record.requirements_due = sorted(set((requirements.get("currently_due") or []) + (requirements.get("past_due") or [])))
    record.disabled_reason = requirements.get("disabled_reason") or ""
    record.synced_at = timezone.now()
    record.save()
    return record
