"""Selling vouchers: which amounts a programme offers, the funder's bonus within its budget, the
purchase limit per person, and the voucher waiting for its card payment.

The bonus is committed against the budget when the purchase starts (under a lock of the programme's
row, with a database constraint behind it), so that two buyers can never be promised the same last
euros; a payment that fails gives it back. When what is left of the budget cannot cover a voucher's
whole bonus, the voucher is sold without one and the buyer is told before paying: sales with a bonus
stop cleanly, never with a bonus cut in two.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .ledger import CENT, VoucherRefused, euros
from .models import ZERO, Programme, ProgrammeStatus, Voucher, VoucherStatus


@dataclass(frozen=True)
class Quote:
    face_value: Decimal
    bonus: Decimal
    budget_spent: bool  # a bonus was due, the budget could not cover it

    @property
    def total(self) -> Decimal:
        return self.face_value + self.bonus


def bonus_for(programme: Programme, face_value: Decimal) -> Decimal:
    """The bonus a face value earns, before the budget: the percentage, rounded to the cent, capped."""
    bonus = (face_value * programme.bonus_percent / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    if programme.bonus_cap is not None:
        bonus = min(bonus, programme.bonus_cap)
    return max(bonus, ZERO)


def quote(programme: Programme, face_value: Decimal) -> Quote:
    bonus = bonus_for(programme, face_value)
    if bonus > programme.bonus_left:
        return Quote(face_value, ZERO, budget_spent=True)
    return Quote(face_value, bonus, budget_spent=False)


def sale_refusal(programme: Programme, today: datetime.date) -> str:
    if programme.status != ProgrammeStatus.PUBLISHED:
        return _("This programme is not on sale.")
    if today < programme.sale_starts_on:
        return _("Vouchers of this programme go on sale on %(date)s.") % {"date": date_format(programme.sale_starts_on, "SHORT_DATE_FORMAT")}
    if today > programme.sale_ends_on:
        return _("The sale of this programme's vouchers ended on %(date)s.") % {"date": date_format(programme.sale_ends_on, "SHORT_DATE_FORMAT")}
    return ""


def value_refusal(programme: Programme, face_value: Decimal) -> str:
    fixed = [Decimal(str(value)) for value in programme.fixed_values]
    if fixed:
        if face_value not in fixed:
            return _("Choose one of the amounts offered: %(values)s.") % {"values": ", ".join(euros(value) for value in sorted(fixed))}
    elif not programme.minimum_value <= face_value <= programme.maximum_value:
        return _("Choose an amount between %(low)s and %(high)s.") % {"low": euros(programme.minimum_value), "high": euros(programme.maximum_value)}
    if face_value != face_value.quantize(CENT):
        return _("An amount in euros and cents, such as 25,00.")
    return ""


def bought_by(programme: Programme, buyer) -> Decimal:
    """The face values this person bought (or is paying for) in the programme."""
    return (
        Voucher.objects.filter(programme=programme, buyer=buyer)
        .exclude(status__in=[VoucherStatus.CANCELLED, VoucherStatus.WITHDRAWN])
        .aggregate(total=Sum("face_value"))["total"] or ZERO
    )


def start_purchase(programme: Programme, buyer, face_value: Decimal, *, recipient_name: str = "", recipient_email: str = "",
                   message: str = "", deliver_on: datetime.date | None = None, today: datetime.date | None = None) -> Voucher:
    """A voucher waiting for its card payment, its bonus committed against the budget."""
    today = today or timezone.localdate()
    face_value = Decimal(face_value)
    with transaction.atomic():
        locked = Programme.objects.select_for_update().get(pk=programme.pk)
        refusal = sale_refusal(locked, today) or value_refusal(locked, face_value)
        if refusal:
            raise VoucherRefused(refusal)
        if locked.purchase_limit is not None and bought_by(locked, buyer) + face_value > locked.purchase_limit:
            left = max(locked.purchase_limit - bought_by(locked, buyer), ZERO)
            raise VoucherRefused(_("Each person may buy %(limit)s of these vouchers: %(left)s left for you.")
                                 % {"limit": euros(locked.purchase_limit), "left": euros(left)})
        if deliver_on is not None and not today <= deliver_on <= locked.valid_until:
            raise VoucherRefused(_("Choose a sending date between today and the voucher's end date."))
        offer = quote(locked, face_value)
        if offer.bonus:
            Programme.objects.filter(pk=locked.pk).update(bonus_committed=F("bonus_committed") + offer.bonus)
        return Voucher.objects.create(
            programme=locked, buyer=buyer, holder=None if recipient_email else buyer, face_value=face_value, bonus=offer.bonus,
            recipient_name=recipient_name, recipient_email=recipient_email, message=message, deliver_on=deliver_on,
            expires_on=locked.valid_until,
        )


def release_bonus(programme_id: int, amount: Decimal) -> None:
    """A voucher's bonus back into the budget (a payment that failed, a withdrawal)."""
    Programme.objects.filter(pk=programme_id).update(bonus_committed=F("bonus_committed") - amount)


def cancel_unpaid(voucher: Voucher) -> None:
    """The card payment never came: the voucher is cancelled and its bonus goes back to the budget."""
    with transaction.atomic():
        locked = Voucher.objects.select_for_update().get(pk=voucher.pk)
        if locked.status != VoucherStatus.PENDING_PAYMENT:
            return
        locked.status = VoucherStatus.CANCELLED
        locked.save(update_fields=["status"])
        if locked.bonus:
            release_bonus(locked.programme_id, locked.bonus)
    voucher.refresh_from_db()
