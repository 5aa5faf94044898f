"""The chamber's commission on a shop order: a percentage plus a fixed amount, never more than the
order, with per-shop rules for a period (e.g. 0 % during a campaign)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Q

from .models import CommissionRule

CENT = Decimal("0.01")


@dataclass(frozen=True)
class CommissionRate:
    percent: Decimal
    fixed: Decimal

    def on(self, amount: Decimal) -> Decimal:
        """The commission on ``amount``: nothing on nothing, and never more than the amount itself."""
        if amount <= 0:
            return Decimal("0.00")
        commission = (amount * self.percent / 100).quantize(CENT, rounding=ROUND_HALF_UP) + self.fixed
        return min(commission, amount)


def default_rate() -> CommissionRate:
    return CommissionRate(Decimal(settings.COMMISSION_PERCENT), Decimal(settings.COMMISSION_FIXED))


def rate_for(shop, day: datetime.date) -> CommissionRate:
    """The rule in force for ``shop`` on ``day``: the latest-starting shop rule covering it, else the default."""
    rule = (
        CommissionRule.objects.filter(shop=shop, starts_on__lte=day)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
        .order_by("-starts_on", "-pk")
        .first()
    )
    return CommissionRate(rule.percent, rule.fixed) if rule else default_rate()
