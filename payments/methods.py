"""Which payment means a shop offers at checkout."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist

from .gateway import card_payments_configured
from .models import PaymentMethod


def stripe_account_of(shop):
    try:
        return shop.stripe_account
    except ObjectDoesNotExist:
        return None


def accepted_methods(shop) -> list[str]:
    """Card when the marketplace takes cards and the shop's Stripe account can be paid; on site if the
    artisan allows it. Callers select_related("stripe_account") to keep this free of queries."""
    methods = []
    account = stripe_account_of(shop)
    if card_payments_configured() and account is not None and account.is_ready:
        methods.append(PaymentMethod.CARD)
    if shop.accepts_payment_on_site:
        methods.append(PaymentMethod.ON_SITE)
    return methods
