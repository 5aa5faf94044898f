"""The one entry the screens use to move an order: each step taken the way the marketplace takes it.

A cancellation refunds what was paid by card first (payments.refunds.cancel_and_refund); handing an
order over receives what is still due on site in the same step (checkout.lifecycle.hand_over); every
other step is checkout.lifecycle.advance. The artisan's order page and Oscar's order dashboard (detail
page and bulk action) all come here, so none of them can take a step another way.
"""

from __future__ import annotations

from checkout.lifecycle import HANDED_OVER, OrderStatus, ReceivedPayment, StepRefused, advance, hand_over, hand_over_status
from payments.refunds import RefundRefused, cancel_and_refund


def take_step(order, new_status: str, actor, *, reason: str = "", pickup_code: str = "",
              payment: ReceivedPayment | None = None) -> str:
    """Move ``order`` to ``new_status`` or raise StepRefused (a French message for the person).
    Returns a warning to show them ("" if none), e.g. a refund whose payout reversal is outstanding."""
    try:
        if new_status == OrderStatus.CANCELLED:
            outcome = cancel_and_refund(order, actor, reason)
            return outcome.warning if outcome else ""
        if new_status in HANDED_OVER and new_status == hand_over_status(order):
            hand_over(order, actor, pickup_code=pickup_code, payment=payment)
        else:
            # Any other step, or a hand-over that does not fit the order: advance says why not.
            advance(order, new_status, actor, reason=reason, pickup_code=pickup_code)
    except RefundRefused as refused:
        raise StepRefused(str(refused)) from refused
    return ""
