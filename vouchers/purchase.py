"""Paying for a voucher by card, on the platform's Stripe account, and what follows the payment.

The money of a voucher is the platform's until the voucher is spent: one PaymentIntent on the
platform account for the face value (no Connect destination); artisans are paid later, like card
orders, for what the voucher paid. As for checkouts, the browser only hands over a payment method and
completes 3-D Secure when the bank asks; whether the voucher is paid is always read from Stripe by the
server (the return page or the webhook, whichever comes first) and credited once
(``ledger.credit_purchase`` is idempotent).

Also here: the e-voucher's e-mail (to the buyer at once, to a gift's recipient on its sending date),
the signed link a recipient opens it with, and the withdrawal's card refund.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from marketplace.notifications import queue_email
from payments import gateway
from payments.card import PAYMENT_METHOD_ID, PaymentStep, step_after
from payments.gateway import PaymentUnavailable

from . import codes, ledger, selling
from .ledger import euros
from .models import Voucher, VoucherStatus

logger = logging.getLogger(__name__)

# A voucher whose payment did not come within this delay is cancelled and its bonus released.
UNPAID_AFTER = datetime.timedelta(hours=1)
# How long the link in a gift's e-mail opens the voucher.
GIFT_LINK_MAX_AGE = datetime.timedelta(days=400)
GIFT_LINK_SALT = "vouchers.gift-link"


def _retrieve(intent_id: str):
    return gateway.call("retrieve PaymentIntent", gateway.client().v1.payment_intents.retrieve, intent_id)


def start_card_payment(voucher: Voucher, payment_method_id: str) -> PaymentStep:
    """Charge the voucher's face value with ``payment_method_id`` (confirmed at creation)."""
    if not PAYMENT_METHOD_ID.match(payment_method_id or ""):
        raise PaymentUnavailable(_("Your card details could not be read: enter them again."))
    voucher.refresh_from_db()
    if voucher.status == VoucherStatus.ACTIVE:
        raise PaymentUnavailable(_("This voucher is already paid."), "paid")
    if voucher.status != VoucherStatus.PENDING_PAYMENT:
        raise PaymentUnavailable(_("The time to pay this voucher has run out: nothing was charged. Buy it again."), "expired")
    stripe = gateway.client()
    if voucher.payment_intent_id:
        # An earlier try (another tab, 3-D Secure left unfinished): never charge twice.
        earlier = _retrieve(voucher.payment_intent_id)
        if earlier.status == "succeeded":
            settle_intent(earlier)
            return PaymentStep(paid=True)
        if earlier.status in ("requires_action", "requires_confirmation", "requires_payment_method", "processing"):
            try:
                gateway.call("cancel PaymentIntent", stripe.v1.payment_intents.cancel, earlier.id)
            except PaymentUnavailable:
                earlier = _retrieve(earlier.id)
                settle_intent(earlier)
                if earlier.status == "succeeded":
                    return PaymentStep(paid=True)
                raise
    intent = gateway.call(
        "create PaymentIntent", stripe.v1.payment_intents.create,
        params={
            "amount": gateway.to_cents(voucher.face_value),
            "currency": gateway.CURRENCY,
            "payment_method": payment_method_id,
            "confirm": True,
            "metadata": {"voucher": str(voucher.pk), "programme": voucher.programme.slug},
        },
        options={"idempotency_key": f"voucher-{voucher.pk}-{payment_method_id}"},
    )
    Voucher.objects.filter(pk=voucher.pk).update(payment_intent_id=intent.id)
    settle_intent(intent)
    return step_after(intent)


def is_voucher_intent(intent_id: str, payload: dict | None = None) -> bool:
    """A PaymentIntent of a voucher (the webhook asks before the checkouts' handler)."""
    metadata = ((payload or {}).get("data") or {}).get("object", {}).get("metadata") or {}
    return bool(metadata.get("voucher")) or Voucher.objects.filter(payment_intent_id=intent_id).exists()


def sync_intent(intent_id: str) -> None:
    """Read the PaymentIntent from Stripe and act on it (webhook, return page). Idempotent."""
    settle_intent(_retrieve(intent_id))


def settle_intent(intent) -> None:
    """Bring the voucher in line with ``intent``: credited once when it succeeded."""
    metadata = gateway.as_dict(getattr(intent, "metadata", None))
    voucher = (Voucher.objects.filter(payment_intent_id=intent.id).first()
               or Voucher.objects.filter(pk=int(metadata["voucher"]) if str(metadata.get("voucher", "")).isdigit() else None).first())
    if voucher is None:
        logger.warning("PaymentIntent %s is not a voucher's", intent.id)
        return
    if intent.status != "succeeded":
        return
    refund = False
    with transaction.atomic():
        locked = Voucher.objects.select_for_update().get(pk=voucher.pk)
        if intent.amount != gateway.to_cents(locked.face_value) or intent.currency != gateway.CURRENCY:
            logger.error("PaymentIntent %s: %s %s does not match voucher %s", intent.id, intent.amount, intent.currency, locked.pk)
            refund = True
        elif locked.status == VoucherStatus.PENDING_PAYMENT:
            ledger.credit_purchase(locked, payment_intent_id=intent.id)
            deliver_or_schedule(locked)
        elif locked.payment_intent_id and locked.payment_intent_id != intent.id:
            # Paid twice, or paid after the voucher was cancelled: this money is not wanted.
            refund = True
        elif locked.status == VoucherStatus.CANCELLED:
            refund = True
    if refund:
        from marketplace.outbox import enqueue_on_commit

        from payments.tasks import refund_unwanted_payment

        enqueue_on_commit(refund_unwanted_payment, intent.id)


def cancel_stale(now: datetime.datetime | None = None) -> int:
    """Vouchers still waiting for their payment an hour on: cancelled, their bonus released. A
    PaymentIntent that succeeded meanwhile is credited instead."""
    now = now or timezone.now()
    cancelled = 0
    for voucher in Voucher.objects.filter(status=VoucherStatus.PENDING_PAYMENT, created_at__lte=now - UNPAID_AFTER)[:500]:
        if voucher.payment_intent_id and gateway.card_payments_configured():
            try:
                intent = _retrieve(voucher.payment_intent_id)
                if intent.status == "succeeded":
                    settle_intent(intent)
                    continue
                if intent.status not in ("canceled", "requires_payment_method"):
                    gateway.call("cancel PaymentIntent", gateway.client().v1.payment_intents.cancel, intent.id)
            except PaymentUnavailable:
                logger.warning("Voucher %s: Stripe unreachable while cancelling its payment; tried again later", voucher.pk)
                continue
        selling.cancel_unpaid(voucher)
        cancelled += 1
    return cancelled


# --- the e-voucher -----------------------------------------------------------------------------------


def gift_token(voucher: Voucher) -> str:
    return signing.dumps({"v": voucher.pk, "c": voucher.code}, salt=GIFT_LINK_SALT)


def voucher_from_token(token: str) -> Voucher | None:
    try:
        data = signing.loads(token, salt=GIFT_LINK_SALT, max_age=GIFT_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    return Voucher.objects.select_related("programme").filter(pk=data.get("v"), code=data.get("c")).first()


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def email_context(voucher: Voucher, *, for_recipient: bool) -> dict:
    # The e-mail is in French whatever the page's language it was bought from: addresses and amounts too.
    with translation.override(settings.LANGUAGE_CODE):
        return _email_context(voucher, for_recipient=for_recipient)


def _email_context(voucher: Voucher, *, for_recipient: bool) -> dict:
    printable = reverse("vouchers:print", kwargs={"code": voucher.code})
    if for_recipient:
        printable = reverse("vouchers:gift", kwargs={"token": gift_token(voucher)})
    return {
        "programme": voucher.programme.name,
        "funder": voucher.programme.funder_name,
        "code": voucher.display_code,
        "value": euros(voucher.face_value + voucher.bonus),
        "face_value": euros(voucher.face_value),
        "bonus": euros(voucher.bonus) if voucher.bonus else "",
        "expires_on": date_format(voucher.expires_on, "DATE_FORMAT"),
        "shops_url": _absolute(reverse("vouchers:programme", kwargs={"slug": voucher.programme.slug})),
        "printable_url": _absolute(printable),
        "buyer_name": voucher.buyer.get_full_name() or voucher.buyer.email,
        "recipient_name": voucher.recipient_name,
        "message": voucher.message,
        "for_recipient": for_recipient,
    }


def deliver_or_schedule(voucher: Voucher, today: datetime.date | None = None) -> None:
    """After the payment: the e-voucher to the buyer; a gift also to its recipient, today or on its date."""
    today = today or timezone.localdate()
    queue_email(recipient=voucher.buyer.email, template="voucher_bought", context=email_context(voucher, for_recipient=False),
                idempotency_key=f"voucher-{voucher.pk}-bought")
    if voucher.recipient_email and (voucher.deliver_on is None or voucher.deliver_on <= today):
        deliver_gift(voucher)


def deliver_gift(voucher: Voucher) -> bool:
    """Send a paid gift to its recipient, once (idempotent)."""
    with transaction.atomic():
        locked = Voucher.objects.select_for_update().select_related("programme", "buyer").get(pk=voucher.pk)
        if locked.status != VoucherStatus.ACTIVE or not locked.recipient_email or locked.delivered_at is not None:
            return False
        queue_email(recipient=locked.recipient_email, template="voucher_gift", context=email_context(locked, for_recipient=True),
                    idempotency_key=f"voucher-{locked.pk}-gift")
        locked.delivered_at = timezone.now()
        locked.save(update_fields=["delivered_at"])
    return True


def deliver_due_gifts(today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    due = Voucher.objects.filter(status=VoucherStatus.ACTIVE, delivered_at__isnull=True, deliver_on__lte=today).exclude(recipient_email="")
    return sum(1 for voucher in due[:500] if deliver_gift(voucher))


def claim(voucher: Voucher, user) -> bool:
    """The recipient attaches the gift to their account: they become its holder (once)."""
    with transaction.atomic():
        locked = Voucher.objects.select_for_update().get(pk=voucher.pk)
        if locked.holder_id is not None:
            return locked.holder_id == user.pk
        locked.holder = user
        locked.save(update_fields=["holder"])
    voucher.refresh_from_db()
    return True


# --- withdrawal ----------------------------------------------------------------------------------------


def withdraw(voucher: Voucher, actor, now: datetime.datetime | None = None):
    """The buyer withdraws an unused voucher within 14 days: the ledger first, then (after commit)
    the card refund of the face value on the platform's PaymentIntent."""
    with transaction.atomic():
        movement = ledger.withdraw(voucher, actor, now=now)
        from marketplace.outbox import enqueue_on_commit

        from .tasks import refund_withdrawn_voucher

        enqueue_on_commit(refund_withdrawn_voucher, voucher.pk)
    return movement


def refund_withdrawal(voucher_id: int) -> None:
    voucher = Voucher.objects.get(pk=voucher_id)
    if voucher.status != VoucherStatus.WITHDRAWN or not voucher.payment_intent_id:
        return
    gateway.call(
        "refund withdrawn voucher", gateway.client().v1.refunds.create,
        params={"payment_intent": voucher.payment_intent_id, "amount": gateway.to_cents(voucher.face_value),
                "metadata": {"voucher": str(voucher.pk), "reason": "withdrawal"}},
        options={"idempotency_key": f"voucher-{voucher.pk}-withdrawal-refund"},
    )


def printable_code(voucher: Voucher) -> str:
    return codes.display(voucher.code)
