"""Every change of a voucher's balance: a movement appended to its ledger, under a lock of the
voucher's row, so that two redemptions at the same moment can never spend the same euro.

The balance is the sum of the movements, read inside the lock. Each function is idempotent through
the movement's key: run twice (a retried task, a double click), it writes once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from .models import ZERO, Movement, MovementKind, Participation, Voucher, VoucherStatus

WITHDRAWAL_DAYS = 14
CENT = Decimal("0.01")


class VoucherRefused(Exception):
    """The voucher cannot do what was asked; the message says why, in the customer's words."""


@dataclass(frozen=True)
class Receipt:
    voucher: Voucher
    movement: Movement
    balance_after: Decimal


def euros(amount: Decimal) -> str:
    return f"{number_format(amount, 2)}\u00a0€"


def _locked(voucher_id: int) -> Voucher:
    return Voucher.objects.select_for_update().select_related("programme").get(pk=voucher_id)


def _balance(voucher: Voucher) -> Decimal:
    # Rounded to the cent: SQLite sums decimals as floats (8.9e-16 for 0,10 + 0,20 − 0,30).
    return (Movement.objects.filter(voucher=voucher).aggregate(total=Sum("amount"))["total"] or ZERO).quantize(CENT)


def _existing(key: str) -> Movement | None:
    return Movement.objects.filter(idempotency_key=key).select_related("voucher").first()


def _append(voucher: Voucher, kind: str, amount: Decimal, key: str, **links) -> Movement:
    try:
        with transaction.atomic():
            return Movement.objects.create(voucher=voucher, kind=kind, amount=amount, idempotency_key=key, **links)
    except IntegrityError:
        existing = _existing(key)
        if existing is None:
            raise
        return existing


def accepts(shop, voucher: Voucher) -> bool:
    """The shop takes this voucher's programme: it opted in, the chamber did not exclude it, it is public."""
    return shop.is_public and Participation.objects.filter(
        programme_id=voucher.programme_id, shop=shop, excluded_by_chamber=False
    ).exists()


def spendable_refusal(voucher: Voucher, today: datetime.date) -> str:
    """Why the voucher cannot be spent today ("" when it can)."""
    if voucher.status == VoucherStatus.PENDING_PAYMENT:
        return _("This voucher is not paid yet.")
    if voucher.status == VoucherStatus.WITHDRAWN:
        return _("This voucher was withdrawn and refunded.")
    if voucher.status == VoucherStatus.CANCELLED:
        return _("This voucher was never paid.")
    if voucher.status == VoucherStatus.EXPIRED or today > voucher.expires_on:
        return _("This voucher expired on %(date)s.") % {"date": date_format(voucher.expires_on, "SHORT_DATE_FORMAT")}
    return ""


def credit_purchase(voucher: Voucher, *, payment_intent_id: str = "") -> Voucher:
    """The card payment of a voucher succeeded: it becomes active with its face value and bonus."""
    with transaction.atomic():
        locked = _locked(voucher.pk)
        if locked.status == VoucherStatus.PENDING_PAYMENT:
            locked.status = VoucherStatus.ACTIVE
            locked.paid_at = timezone.now()
            if payment_intent_id:
                locked.payment_intent_id = payment_intent_id
            locked.save(update_fields=["status", "paid_at", "payment_intent_id"])
        if locked.status == VoucherStatus.ACTIVE:
            _append(locked, MovementKind.PURCHASE, locked.face_value, f"voucher-{locked.pk}-purchase", actor=locked.buyer)
            if locked.bonus > 0:
                _append(locked, MovementKind.BONUS, locked.bonus, f"voucher-{locked.pk}-bonus")
    voucher.refresh_from_db()
    return voucher


def redeem(voucher: Voucher, amount: Decimal, shop, *, key: str, order=None, actor=None,
           today: datetime.date | None = None) -> Receipt:
    """Spend ``amount`` of the voucher at ``shop`` (for ``order`` when online)."""
    today = today or timezone.localdate()
    amount = Decimal(amount).quantize(CENT)
    if amount <= 0:
        raise VoucherRefused(_("Enter an amount above zero."))
    with transaction.atomic():
        existing = _existing(key)
        if existing is not None:
            return Receipt(existing.voucher, existing, _balance(existing.voucher))
        locked = _locked(voucher.pk)
        refusal = spendable_refusal(locked, today)
        if refusal:
            raise VoucherRefused(refusal)
        if not accepts(shop, locked):
            raise VoucherRefused(_("%(shop)s does not take the vouchers of « %(programme)s ».")
                                 % {"shop": shop.name, "programme": locked.programme.name})
        balance = _balance(locked)
        if amount > balance:
            raise VoucherRefused(_("This voucher has %(balance)s left: %(amount)s cannot be taken from it.")
                                 % {"balance": euros(balance), "amount": euros(amount)})
        movement = _append(locked, MovementKind.REDEMPTION, -amount, key, shop=shop, order=order, actor=actor)
    return Receipt(locked, movement, balance - amount)


def put_back(redemption: Movement, amount: Decimal, *, key: str, actor=None, today: datetime.date | None = None) -> Movement | None:
    """An order paid by the voucher is cancelled or refunded: the money goes back on the voucher, at
    most what that redemption took, while the voucher is valid. After its end date nothing comes back
    (returns None): the amount stays with the platform as expired value."""
    today = today or timezone.localdate()
    amount = Decimal(amount).quantize(CENT)
    if redemption.kind != MovementKind.REDEMPTION or amount <= 0:
        raise ValueError("Only part of a redemption can be put back.")
    with transaction.atomic():
        existing = _existing(key)
        if existing is not None:
            return existing
        locked = _locked(redemption.voucher_id)
        if today > locked.expires_on or locked.status != VoucherStatus.ACTIVE:
            return None
        already_back = (
            Movement.objects.filter(voucher=locked, kind=MovementKind.REFUND, order=redemption.order, shop=redemption.shop)
            .aggregate(total=Sum("amount"))["total"] or ZERO
        )
        amount = min(amount, -redemption.amount - already_back)
        if amount <= 0:
            return None
        return _append(locked, MovementKind.REFUND, amount, key, shop=redemption.shop, order=redemption.order, actor=actor)


def expire(voucher: Voucher, today: datetime.date) -> Movement | None:
    """After its end date what is left goes to an expiry movement (never paid out in cash)."""
    with transaction.atomic():
        locked = _locked(voucher.pk)
        if locked.status != VoucherStatus.ACTIVE or today <= locked.expires_on:
            return None
        balance = _balance(locked)
        movement = _append(locked, MovementKind.EXPIRY, -balance, f"voucher-{locked.pk}-expiry") if balance > 0 else None
        locked.status = VoucherStatus.EXPIRED
        locked.save(update_fields=["status"])
    return movement


def withdrawal_refusal(voucher: Voucher, now: datetime.datetime) -> str:
    """Why the buyer cannot withdraw the voucher now ("" when they can): within 14 days of the
    purchase, unused (Code de la consommation, art. L221-18)."""
    if voucher.status != VoucherStatus.ACTIVE or voucher.paid_at is None:
        return _("Only an active voucher can be withdrawn.")
    if now > voucher.paid_at + datetime.timedelta(days=WITHDRAWAL_DAYS):
        return _("The 14 days to withdraw from this purchase are over.")
    if voucher.movements.filter(kind=MovementKind.REDEMPTION).exists():
        return _("This voucher has been used: it can no longer be withdrawn.")
    return ""


def withdraw(voucher: Voucher, actor, now: datetime.datetime | None = None) -> Movement:
    """The buyer withdraws an unused voucher: its whole balance leaves the ledger, the bonus goes back
    to the funder's budget; the card refund of the face value is vouchers.selling's (after commit)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(voucher.pk)
        refusal = withdrawal_refusal(locked, now)
        if refusal:
            raise VoucherRefused(refusal)
        balance = _balance(locked)
        movement = _append(locked, MovementKind.WITHDRAWAL, -balance, f"voucher-{locked.pk}-withdrawal", actor=actor)
        locked.status = VoucherStatus.WITHDRAWN
        locked.save(update_fields=["status"])
        if locked.bonus > 0:
            from .selling import release_bonus

            release_bonus(locked.programme_id, locked.bonus)
    return movement
