"""How a voucher's balance is shared out between the shops of one basket: a pure function.

Each shop's eligible amount (what the voucher may pay there: a participating shop's goods outside the
programme's excluded categories) is paid in full, shop after shop in a fixed order (the shops' keys,
ascending), until the balance runs out; the last shop reached gets what is left. Amounts are cents,
never split in fractions: the shares always add up to ``min(balance, total eligible)`` exactly.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def allocate(eligible: dict, balance: Decimal) -> dict:
    """``eligible``: {shop key: amount the voucher may pay there}; returns {shop key: voucher amount}
    for the shops it pays something at (keys in ascending order)."""
    left = max(Decimal(balance), ZERO).quantize(CENT, rounding=ROUND_DOWN)
    shares = {}
    for key in sorted(eligible):
        if left <= 0:
            break
        amount = max(Decimal(eligible[key]), ZERO).quantize(CENT, rounding=ROUND_DOWN)
        share = min(amount, left)
        if share > 0:
            shares[key] = share
            left -= share
    return shares
