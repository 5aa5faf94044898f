"""Spending a voucher at the artisan's counter (« Comptoir »): the artisan scans the voucher's QR code
(``ECHOPPE-BON:<code>``) or types its 18 characters, sees its programme, balance and end date, and
debits an amount; the holder receives a receipt by e-mail.

A shop only ever reads the vouchers it takes: another programme's voucher, or a code that names no
voucher, answer the same refusal, so that a shop cannot learn which codes exist. Lookups that find
nothing are counted per artisan account and per client address (the cache): past the limit every
lookup is refused for a while (429), so that codes cannot be enumerated even at 89 bits.

The voucher found is kept in the session (never in a URL: a code in an address ends up in the
browser's history and the server's logs). The debit goes through ``vouchers.ledger.redeem`` with a key
drawn when the form was shown: the same form sent twice (a double tap) debits once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from axes.helpers import get_client_ip_address
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import codes, ledger
from .models import Movement, MovementKind, Voucher, prefetch_restrictions

QR_PREFIX = "ECHOPPE-BON:"
# Failed lookups allowed per artisan account and per address within the window.
LOOKUP_FAILURES_ALLOWED = 10
LOOKUP_WINDOW_SECONDS = 15 * 60
SESSION_VOUCHER = "counter_voucher"
SESSION_RECEIPT = "counter_voucher_receipt"
KEY_PATTERN = re.compile(r"[0-9a-f]{32}")


class CounterVoucherRefused(Exception):
    """The code names no voucher this shop takes, or the lookups are throttled; the message says why."""

    def __init__(self, message: str, *, throttled: bool = False):
        super().__init__(message)
        self.throttled = throttled


def looks_like_voucher(text: str) -> bool:
    """A scanned voucher QR code, or 18 characters of the voucher alphabet typed (with or without dashes)."""
    cleaned = "".join(str(text or "").split()).upper()
    return cleaned.startswith(QR_PREFIX) or codes.normalise(cleaned) is not None


def _throttle_keys(request) -> list[str]:
    keys = [f"vouchers:counter-lookups:user:{request.user.pk}"]
    address = get_client_ip_address(request)
    if address:
        keys.append(f"vouchers:counter-lookups:ip:{address}")
    return keys


def throttled(request) -> bool:
    return any((cache.get(key) or 0) >= LOOKUP_FAILURES_ALLOWED for key in _throttle_keys(request))


def count_failure(request) -> None:
    for key in _throttle_keys(request):
        if cache.add(key, 1, LOOKUP_WINDOW_SECONDS):
            continue
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, LOOKUP_WINDOW_SECONDS)


def too_many_lookups_message() -> str:
    return _("Too many voucher codes were tried from this account or this connection: wait a quarter of an hour, then try again.")


def not_found_message() -> str:
    return _("No voucher accepted by your shop has this code: check it with the customer.")


def find_voucher(request, shop, text: str) -> Voucher:
    """The voucher that ``text`` (a scanned QR code or a typed code) names, if ``shop`` takes it.

    Unknown codes and vouchers of programmes the shop does not take answer the same refusal, and count
    towards the throttle; so does every lookup once the throttle is reached."""
    if throttled(request):
        raise CounterVoucherRefused(too_many_lookups_message(), throttled=True)
    code = codes.normalise("".join(str(text or "").split()).upper().replace(QR_PREFIX, "", 1))
    voucher = Voucher.objects.select_related("programme").filter(code=code).first() if code else None
    if voucher is None or not ledger.accepts(shop, voucher):
        count_failure(request)
        raise CounterVoucherRefused(not_found_message())
    return voucher


def remember(request, shop, voucher: Voucher) -> None:
    request.session[SESSION_VOUCHER] = {"voucher": voucher.pk, "shop": shop.pk}
    request.session.pop(SESSION_RECEIPT, None)


def remembered(request, shop) -> Voucher | None:
    """The voucher found last at this shop's counter, while the shop still takes it."""
    kept = request.session.get(SESSION_VOUCHER) or {}
    if kept.get("shop") != shop.pk:
        return None
    voucher = Voucher.objects.select_related("programme", "holder", "buyer").filter(pk=kept.get("voucher")).first()
    if voucher is None or not ledger.accepts(shop, voucher):
        return None
    return voucher


@dataclass(frozen=True)
class VoucherSummary:
    voucher: Voucher
    balance: Decimal
    refusal: str  # why it cannot be spent today ("" when it can)


def summary(voucher: Voucher, today=None) -> VoucherSummary:
    today = today or timezone.localdate()
    prefetch_restrictions(voucher.programme)
    balance = voucher.balance()
    refusal = ledger.spendable_refusal(voucher, today)
    if not refusal and balance <= 0:
        refusal = _("Nothing is left on this voucher.")
    return VoucherSummary(voucher, balance, refusal)


def receipt_recipient(voucher: Voucher) -> str:
    """Whom the receipt is e-mailed to: the holder, else the person it was offered to, else the buyer."""
    if voucher.holder_id and voucher.holder.email:
        return voucher.holder.email
    return voucher.recipient_email or voucher.buyer.email


def debit(shop, voucher: Voucher, amount: Decimal, *, form_key: str, actor) -> ledger.Receipt:
    """Debit ``amount`` at ``shop``'s counter. ``form_key`` is the key drawn when the form was shown:
    the same key debits once (VoucherRefused says why a debit is refused)."""
    from marketplace.notifications import queue_email

    if not KEY_PATTERN.fullmatch(form_key or ""):
        raise ledger.VoucherRefused(_("This form has expired: find the voucher again."))
    with transaction.atomic():
        receipt = ledger.redeem(voucher, amount, shop, key=f"counter-{shop.pk}-{voucher.pk}-{form_key}", actor=actor)
        movement = receipt.movement
        recipient = receipt_recipient(voucher)
        if recipient:
            queue_email(
                recipient=recipient, template="voucher_counter_receipt",
                context={
                    "shop_name": shop.name, "programme": voucher.programme.name, "code": voucher.display_code,
                    "amount": ledger.euros(-movement.amount), "balance": ledger.euros(receipt.balance_after),
                    "expires_on": date_format(voucher.expires_on, "SHORT_DATE_FORMAT"),
                    "when": date_format(timezone.localtime(movement.created_at), "DATETIME_FORMAT"),
                },
                idempotency_key=f"voucher-movement-{movement.pk}-receipt",
            )
    return receipt


def counter_receipt(shop, movement_id) -> ledger.Receipt | None:
    """A counter redemption of ``shop`` and the balance that was left just after it (None if not the shop's)."""
    movement = (
        Movement.objects.select_related("voucher__programme")
        .filter(pk=movement_id, shop=shop, kind=MovementKind.REDEMPTION, order__isnull=True).first()
    )
    if movement is None:
        return None
    after = sum((m.amount for m in movement.voucher.movements.filter(pk__lte=movement.pk)), Decimal("0.00"))
    return ledger.Receipt(movement.voucher, movement, after)
