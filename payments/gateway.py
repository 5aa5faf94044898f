"""The one door to Stripe: a configured client, amounts in cents, and Stripe's failures turned into
French messages. Nothing else in the project imports ``stripe``."""

from __future__ import annotations

import logging
from decimal import ROUND_HALF_UP, Decimal

import stripe
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

logger = logging.getLogger(__name__)

CURRENCY = "eur"
# How old a signed webhook may be: older ones could be replays.
WEBHOOK_TOLERANCE_SECONDS = 300


class PaymentUnavailable(Exception):
    """Stripe could not be reached or refused the request; the message is for the person in front."""

    def __init__(self, message: str, code: str = ""):
        self.code = code
        super().__init__(message)


class CardDeclined(PaymentUnavailable):
    """The customer's bank said no: another card may work."""


def card_payments_configured() -> bool:
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY)


def client() -> stripe.StripeClient:
    if not settings.STRIPE_SECRET_KEY:
        raise PaymentUnavailable(_("Card payments are not set up on this marketplace."))
    addresses = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else {}
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, base_addresses=addresses, max_network_retries=2)


def to_cents(amount: Decimal) -> int:
    return int((amount * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def from_cents(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


def as_dict(value) -> dict:
    """A Stripe object as plain dicts and lists (Stripe objects refuse dict methods such as get)."""
    if value is None:
        return {}
    return value.to_dict() if hasattr(value, "to_dict") else dict(value)


def object_id(value) -> str:
    """An expandable field's id, whether Stripe sent the id or the whole object."""
    if value is None:
        return ""
    return value if isinstance(value, str) else value["id"]


DECLINE_MESSAGES = {
    "card_declined": gettext_lazy("Your card was declined by your bank. Try another card or contact your bank."),
    "expired_card": gettext_lazy("Your card has expired. Try another card."),
    "incorrect_cvc": gettext_lazy("The security code of your card is wrong."),
    "insufficient_funds": gettext_lazy("Your card was declined: insufficient funds. Try another card."),
    "processing_error": gettext_lazy("Your bank could not process the payment. Try again in a moment."),
    "payment_intent_authentication_failure": gettext_lazy("The 3-D Secure authentication failed: the payment was not made. Try again."),
}


def decline_message(code: str) -> str:
    return str(DECLINE_MESSAGES.get(code) or _("Your card was declined. Try another card."))


def call(operation: str, function, *args, **kwargs):
    """Run one Stripe call; its failures become PaymentUnavailable (or CardDeclined) with a French message."""
    try:
        return function(*args, **kwargs)
    except stripe.CardError as error:
        logger.info("Stripe %s: card declined (%s)", operation, error.code)
        raise CardDeclined(decline_message(error.code or ""), error.code or "") from error
    except stripe.APIConnectionError as error:
        logger.warning("Stripe %s: unreachable: %s", operation, error)
        raise PaymentUnavailable(_("The payment service cannot be reached just now. Nothing was charged; try again in a few minutes."), "unreachable") from error
    except stripe.StripeError as error:
        code = getattr(error, "code", "") or ""
        logger.warning("Stripe %s refused: %s %s", operation, code, error)
        raise PaymentUnavailable(_("The payment service refused the operation (%(code)s).") % {"code": code or error.http_status}, code) from error


def payment_intents_since(timestamp: float) -> list:
    """The platform's PaymentIntents created since ``timestamp``, newest first (reconciliation)."""

    def listed():
        found = []
        for intent in client().v1.payment_intents.list(params={"limit": 100}).auto_paging_iter():
            if intent.created < timestamp:
                break
            found.append(intent)
        return found

    return call("list PaymentIntents", listed)


class InvalidEvent(Exception):
    """A webhook payload that is not Stripe's, altered, or too old to be trusted."""


def verify_event(payload: bytes, signature: str) -> dict:
    """The event Stripe signed, as plain dicts; InvalidEvent otherwise (the tolerance refuses replays)."""
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise InvalidEvent("STRIPE_WEBHOOK_SECRET is not set")
    try:
        event = stripe.Webhook.construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET, tolerance=WEBHOOK_TOLERANCE_SECONDS)
    except (ValueError, stripe.SignatureVerificationError) as error:
        raise InvalidEvent(str(error)) from error
    return as_dict(event)

