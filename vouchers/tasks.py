"""Scheduled and after-commit work of the vouchers: unpaid ones cancelled, gifts sent on their
date, withdrawals refunded by card."""

from celery import shared_task

from payments.gateway import PaymentUnavailable

from . import purchase

RETRIED = {"autoretry_for": (PaymentUnavailable,), "retry_backoff": 30, "retry_backoff_max": 3600, "max_retries": 10}


@shared_task
def cancel_unpaid_vouchers() -> int:
    """Vouchers waiting for their card payment for over an hour: cancelled, their bonus released."""
    return purchase.cancel_stale()


@shared_task
def send_due_gifts() -> int:
    """Gifts whose sending date has come: the e-voucher to the recipient, once."""
    return purchase.deliver_due_gifts()


@shared_task(**RETRIED)
def refund_withdrawn_voucher(voucher_id: int) -> None:
    purchase.refund_withdrawal(voucher_id)


@shared_task
def expire_vouchers(batch_size: int = 500) -> int:
    """Active vouchers past their end date: what is left goes to an expiry movement (vouchers.ledger.expire),
    in batches, each voucher in its own transaction; run again, it finds nothing left to do."""
    from django.utils import timezone

    from . import ledger
    from .models import Voucher, VoucherStatus

    today = timezone.localdate()
    expired, last_pk = 0, 0
    while True:
        batch = list(Voucher.objects.filter(status=VoucherStatus.ACTIVE, expires_on__lt=today, pk__gt=last_pk)
                     .order_by("pk")[:batch_size])
        if not batch:
            return expired
        for voucher in batch:
            ledger.expire(voucher, today)
            expired += 1
        last_pk = batch[-1].pk


@shared_task
def pay_out_vouchers() -> int:
    """Transfer to each shop what vouchers paid there and was not paid out yet (vouchers.payouts)."""
    from .payouts import pay_out_vouchers as run

    return len(run())
