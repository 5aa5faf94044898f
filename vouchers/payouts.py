"""Paying the artisans what gift vouchers paid: the money of vouchers sits on the platform's Stripe
balance (their card purchases) until they are spent; then the shop is paid, like a card order, once
the goods have left — a redemption at the counter at once, an order's redemption once the order is
collected or delivered — by a Connect transfer from the platform's balance.

A run (``pay_out_vouchers``, run periodically) makes one transfer per shop of every redemption not yet
paid out, less what refunds of items put back on the vouchers after hand-over, recorded as a
VoucherPayout listing the movements it covers (an auditor follows each euro
from the voucher's ledger to the transfer). A redemption put back on the voucher (a cancelled order) is
never paid: its order was never handed over. A failed transfer frees its redemptions for the next run.
For an order, the transfer also appears in the order's ledger (payments.LedgerEntry, kind transfer).
"""

from __future__ import annotations

import logging
from decimal import Decimal

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from payments import gateway
from payments.gateway import PaymentUnavailable
from payments.methods import stripe_account_of
from payments.models import LedgerEntry
from payments.settlement import write_entry

from .models import Movement, MovementKind, VoucherPayout, VoucherPayoutStatus

logger = logging.getLogger(__name__)

HANDED_OVER = ("collected", "delivered")


def payable_movements(shop=None):
    """Redemptions whose money is owed to their shop and not yet paid out (nor being paid out), less
    what was put back on the vouchers of handed-over orders (items refunded after collection): such a
    put-back is taken from the shop's next payout, even when its redemption was paid out already."""
    movements = (
        Movement.objects.filter(Q(kind=MovementKind.REDEMPTION, order__isnull=True)
                                | Q(kind__in=[MovementKind.REDEMPTION, MovementKind.REFUND], order__status__in=HANDED_OVER))
        .filter(shop__isnull=False)
        .exclude(payouts__status__in=[VoucherPayoutStatus.PENDING, VoucherPayoutStatus.TRANSFERRED])
    )
    return movements.filter(shop=shop) if shop is not None else movements


def owed_to(shop) -> Decimal:
    """What vouchers paid at ``shop`` that the next run will transfer (negative: put back meanwhile)."""
    total = payable_movements(shop).aggregate(total=Sum("amount"))["total"] or Decimal("0.00")
    return -Decimal(total).quantize(Decimal("0.01"))


def pay_out_shop(shop, now=None) -> VoucherPayout | None:
    """Transfer to ``shop`` what vouchers paid there and it was not paid yet (None when nothing is owed)."""
    now = now or timezone.now()
    account = stripe_account_of(shop)
    with transaction.atomic():
        # One run per shop at a time: the shop's row is the lock.
        type(shop).objects.select_for_update().filter(pk=shop.pk).first()
        movements = list(payable_movements(shop).select_related("order").order_by("pk"))
        amount = -sum((movement.amount for movement in movements), Decimal("0.00"))
        if amount <= 0:
            return None
        payout = VoucherPayout.objects.create(shop=shop, amount=amount)
        payout.movements.set(movements)
    if account is None:
        return _failed(payout, "The shop has no Stripe account.")
    try:
        transfer = gateway.call(
            "create transfer", gateway.client().v1.transfers.create,
            params={
                "amount": gateway.to_cents(amount), "currency": gateway.CURRENCY, "destination": account.account_id,
                "transfer_group": f"vouchers-{shop.pk}", "metadata": {"voucher_payout": str(payout.pk)},
            },
            options={"idempotency_key": f"voucher-payout-{payout.pk}"},
        )
    except PaymentUnavailable as failure:
        logger.warning("Voucher payout %s to shop %s failed: %s", payout.pk, shop.pk, failure)
        return _failed(payout, str(failure))
    with transaction.atomic():
        payout.status, payout.transfer_id, payout.paid_out_at = VoucherPayoutStatus.TRANSFERRED, transfer.id, now
        payout.save(update_fields=["status", "transfer_id", "paid_out_at"])
        by_order: dict = {}
        for movement in movements:
            if movement.order_id:
                by_order.setdefault(movement.order, Decimal("0.00"))
                by_order[movement.order] -= movement.amount
        for order, paid in by_order.items():
            if not paid:
                continue
            write_entry(order, LedgerEntry.Kind.TRANSFER, f"voucher-payout-{payout.pk}-order-{order.pk}", net=paid,
                        stripe_id=transfer.id, message="Bon d'achat")
    return payout


def _failed(payout: VoucherPayout, message: str) -> VoucherPayout:
    payout.status, payout.failure_message = VoucherPayoutStatus.FAILED, message[:300]
    payout.save(update_fields=["status", "failure_message"])
    return payout


def pay_out_vouchers(now=None) -> list[VoucherPayout]:
    """One transfer per shop owed voucher money (the periodic run)."""
    from shops.models import Shop

    shop_ids = sorted(set(payable_movements().values_list("shop_id", flat=True)))
    payouts = []
    for shop in Shop.objects.filter(pk__in=shop_ids).order_by("pk"):
        payout = pay_out_shop(shop, now)
        if payout is not None:
            payouts.append(payout)
    return payouts


def paid_out_total(shop) -> Decimal:
    return VoucherPayout.objects.filter(shop=shop, status=VoucherPayoutStatus.TRANSFERRED).aggregate(total=Sum("amount"))["total"] or Decimal("0.00")
