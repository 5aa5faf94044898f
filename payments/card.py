"""Paying a checkout's card part: one PaymentIntent on the platform account for every shop at once.

The browser only hands over a payment method and, if the bank asks, completes 3-D Secure; whether the
checkout is paid is always read from Stripe by the server (return page, webhook or reconciliation,
whichever comes first), and confirming is done once under a row lock. Money that arrives for a
checkout that no longer wants it (already paid, or given up) is refunded at once.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.core.loading import get_model

from checkout.lifecycle import cancel_unpaid
from checkout.order.models import CheckoutGroup, CheckoutStatus
from checkout.placement import confirm_paid_checkout

from . import gateway
from .gateway import CardDeclined, PaymentUnavailable
from .models import PaymentAttempt
from .settlement import record_card_payment

logger = logging.getLogger(__name__)
Basket = get_model("basket", "Basket")

# A PaymentMethod (pm_…) from Stripe.js, or a card (card_…) from a token, as localstripe's Stripe.js makes.
PAYMENT_METHOD_ID = re.compile(r"^(pm|card)_[A-Za-z0-9]{6,64}$")
ABANDONED_REASON = gettext_lazy("Card payment not completed: the order was not confirmed.")

STATUS_BY_INTENT = {
    "succeeded": PaymentAttempt.Status.SUCCEEDED,
    "requires_action": PaymentAttempt.Status.REQUIRES_ACTION,
    "processing": PaymentAttempt.Status.PROCESSING,
    "requires_capture": PaymentAttempt.Status.PROCESSING,
    "requires_confirmation": PaymentAttempt.Status.STARTED,
    "requires_payment_method": PaymentAttempt.Status.FAILED,
    "canceled": PaymentAttempt.Status.CANCELED,
}
_OPEN = (PaymentAttempt.Status.STARTED, PaymentAttempt.Status.REQUIRES_ACTION, PaymentAttempt.Status.PROCESSING)


@dataclass(frozen=True)
class PaymentStep:
    """Where a payment stands after the server's call: paid, or the browser must authenticate."""

    paid: bool
    client_secret: str = ""


def start_payment(group: CheckoutGroup, payment_method_id: str, now=None) -> PaymentStep:
    """Charge the checkout's card part with ``payment_method_id`` (confirmed at creation)."""
    now = now or timezone.now()
    if not PAYMENT_METHOD_ID.match(payment_method_id or ""):
        raise PaymentUnavailable(_("Your card details could not be read: enter them again."))
    with transaction.atomic():
        locked = CheckoutGroup.objects.select_for_update().get(pk=group.pk)
        _check_still_payable(locked, now)
        open_attempts = list(locked.payment_attempts.filter(status__in=_OPEN))
        attempt = PaymentAttempt.objects.create(checkout=locked, amount_cents=gateway.to_cents(locked.amount_online))
    # A customer paying again (another tab, a second card) gives up the earlier tries first: a
    # checkout must never be charged twice.
    for earlier in open_attempts:
        if _give_up_attempt(earlier):
            _close(attempt, PaymentAttempt.Status.CANCELED, _("Already paid."))
            return PaymentStep(paid=True)
    stripe = gateway.client()
    try:
        intent = gateway.call(
            "create PaymentIntent", stripe.v1.payment_intents.create,
            params={
                "amount": attempt.amount_cents,
                "currency": gateway.CURRENCY,
                "payment_method": payment_method_id,
                "confirm": True,
                "metadata": {"checkout": group.number, "attempt": str(attempt.pk)},
            },
            options={"idempotency_key": f"checkout-{group.number}-attempt-{attempt.pk}"},
        )
    except CardDeclined as declined:
        _close(attempt, PaymentAttempt.Status.FAILED, str(declined))
        raise
    except PaymentUnavailable as unavailable:
        # Perhaps created, perhaps not: the attempt stays open and reconciliation looks for it.
        PaymentAttempt.objects.filter(pk=attempt.pk).update(failure_message=str(unavailable)[:300])
        raise
    PaymentAttempt.objects.filter(pk=attempt.pk).update(intent_id=intent.id)
    settle_intent(intent)
    return step_after(intent)


def step_after(intent) -> PaymentStep:
    """What the customer does next once a PaymentIntent was confirmed: nothing (paid, or the bank
    is processing), 3-D Secure in the browser, or another card (CardDeclined, in French)."""
    if intent.status == "succeeded":
        return PaymentStep(paid=True)
    if intent.status == "requires_action":
        return PaymentStep(paid=False, client_secret=intent.client_secret)
    if intent.status in ("processing", "requires_capture"):
        return PaymentStep(paid=False)
    raise CardDeclined(gateway.decline_message(gateway.as_dict(getattr(intent, "last_payment_error", None)).get("code", "")))



def _check_still_payable(group: CheckoutGroup, now) -> None:
    if group.status == CheckoutStatus.CONFIRMED:
        raise PaymentUnavailable(_("This order is already paid."), "paid")
    if group.status == CheckoutStatus.ABANDONED or (group.payment_deadline and group.payment_deadline <= now):
        raise PaymentUnavailable(
            _("The time to pay this order has run out and its items were released: order again from your basket."), "expired"
        )


def _close(attempt: PaymentAttempt, status: str, message: str = "") -> None:
    PaymentAttempt.objects.filter(pk=attempt.pk).update(status=status, failure_message=message[:300])


def _give_up_attempt(attempt: PaymentAttempt) -> bool:
    """Cancel an unfinished attempt at Stripe. True if it turned out to have succeeded (and is settled)."""
    if not attempt.intent_id:
        _close(attempt, PaymentAttempt.Status.CANCELED, _("Replaced by a later attempt."))
        return False
    stripe = gateway.client()
    try:
        intent = gateway.call("cancel PaymentIntent", stripe.v1.payment_intents.cancel, attempt.intent_id)
    except PaymentUnavailable:
        # Not cancellable: it succeeded or is processing. Its current state decides.
        intent = gateway.call("retrieve PaymentIntent", stripe.v1.payment_intents.retrieve, attempt.intent_id)
    settle_intent(intent)
    return intent.status == "succeeded"


def sync_intent(intent_id: str) -> None:
    """Read a PaymentIntent's current state from Stripe and act on it (webhook, return page, reconciliation)."""
    stripe = gateway.client()
    settle_intent(gateway.call("retrieve PaymentIntent", stripe.v1.payment_intents.retrieve, intent_id))


def settle_intent(intent) -> None:
    """Bring our records in line with ``intent`` (a PaymentIntent as Stripe returned it). Idempotent."""
    refund_whole = False
    with transaction.atomic():
        checkout_id = PaymentAttempt.objects.filter(intent_id=intent.id).values_list("checkout_id", flat=True).first()
        if checkout_id is None:
            logger.warning("PaymentIntent %s is not one of ours", intent.id)
            return
        # The checkout first, then the attempt: the order every path locks them in.
        group = CheckoutGroup.objects.select_for_update().get(pk=checkout_id)
        attempt = PaymentAttempt.objects.select_for_update().get(intent_id=intent.id)
        status = STATUS_BY_INTENT.get(intent.status, attempt.status)
        if attempt.status == PaymentAttempt.Status.SUCCEEDED:
            return
        if status != PaymentAttempt.Status.SUCCEEDED:
            error_code = gateway.as_dict(getattr(intent, "last_payment_error", None)).get("code", "")
            # Stripe's own message is in English: the customer reads ours.
            message = gateway.decline_message(error_code) if status == PaymentAttempt.Status.FAILED else ""
            PaymentAttempt.objects.filter(pk=attempt.pk).update(status=status, failure_message=message[:300])
            return
        charge_id = gateway.object_id(getattr(intent, "latest_charge", None))
        if intent.amount != gateway.to_cents(group.amount_online) or intent.currency != gateway.CURRENCY:
            logger.error("PaymentIntent %s: %s %s does not match checkout %s", intent.id, intent.amount, intent.currency, group.number)
            refund_whole = True
        elif group.status != CheckoutStatus.AWAITING_PAYMENT or group.payment_attempts.filter(status=PaymentAttempt.Status.SUCCEEDED).exists():
            # Paid twice, or paid after the checkout was given up: this money is not wanted.
            logger.error("PaymentIntent %s succeeded for checkout %s, which is %s", intent.id, group.number, group.status)
            refund_whole = True
        PaymentAttempt.objects.filter(pk=attempt.pk).update(
            status=PaymentAttempt.Status.CANCELED if refund_whole else PaymentAttempt.Status.SUCCEEDED, charge_id=charge_id,
            failure_message=_("Refunded: this checkout did not need this payment.") if refund_whole else "",
        )
        if not refund_whole:
            orders = confirm_paid_checkout(group, timezone.now())
            for order in orders:
                if order.payment_method == "card":
                    record_card_payment(order, intent.id, charge_id)
    if refund_whole:
        from marketplace.outbox import enqueue_on_commit

        from .tasks import refund_unwanted_payment

        # After the caller's transaction too, if there is one: the refund follows what it records.
        enqueue_on_commit(refund_unwanted_payment, intent.id)


def refund_unwanted(intent_id: str) -> None:
    stripe = gateway.client()
    gateway.call(
        "refund unwanted payment", stripe.v1.refunds.create,
        params={"payment_intent": intent_id, "metadata": {"reason": "unwanted"}},
        options={"idempotency_key": f"unwanted-{intent_id}"},
    )


def abandon(group: CheckoutGroup, now=None, reason: str = "") -> bool:
    """Give up a checkout's card payment: cancel its open attempts at Stripe, then cancel its orders,
    release their stock and slots, and give the customer their basket back. False if it was paid
    meanwhile, or if Stripe cannot tell us (tried again later)."""
    now = now or timezone.now()
    if not reason:
        # Kept on the orders, read by French customers and artisans whatever the request's language.
        with translation.override(settings.LANGUAGE_CODE):
            reason = str(ABANDONED_REASON)
    with transaction.atomic():
        locked = CheckoutGroup.objects.select_for_update().get(pk=group.pk)
        if locked.status != CheckoutStatus.AWAITING_PAYMENT:
            return False
        # No new attempt can start from now on.
        if locked.payment_deadline is None or locked.payment_deadline > now:
            locked.payment_deadline = now
            locked.save(update_fields=["payment_deadline"])
        open_attempts = list(locked.payment_attempts.filter(status__in=_OPEN))
    try:
        for attempt in open_attempts:
            if _give_up_attempt(attempt):
                return False
    except PaymentUnavailable:
        logger.warning("Checkout %s: Stripe unreachable while giving up its payment; retried later", group.number)
        return False
    with transaction.atomic():
        locked = CheckoutGroup.objects.select_for_update().get(pk=group.pk)
        if locked.status != CheckoutStatus.AWAITING_PAYMENT or locked.payment_attempts.filter(status__in=_OPEN + (PaymentAttempt.Status.SUCCEEDED,)).exists():
            return False
        for order in locked.orders.order_by("number"):
            cancel_unpaid(order, reason)
        if locked.basket_id:
            Basket.objects.filter(pk=locked.basket_id, status=Basket.FROZEN).update(status=Basket.OPEN)
        locked.status, locked.basket = CheckoutStatus.ABANDONED, None
        locked.save(update_fields=["status", "basket"])
    return True
