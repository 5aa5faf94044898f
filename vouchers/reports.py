"""Reports on voucher programmes, for the chamber and each funder: read from the ledger only.

Every figure is a sum of movements (vouchers.models.Movement), in Decimal:

- **sold**: the face values paid (purchase movements);
- **bonus granted**: the funder's bonuses credited (bonus movements);
- **redeemed**: what was spent at the shops, net of what cancelled or refunded orders put back
  (redemption and refund movements), in total, per shop and per commune of the shop;
- **outstanding**: the balances of the active vouchers (what can still be spent);
- **expired** and **withdrawn**: what left the vouchers at their end date, or with a withdrawal.

So that ``sold + bonus granted = redeemed + outstanding + expired + withdrawn`` for any programme.

**The funder's statement: which part of a redemption is the funder's bonus.** A voucher of face value
F with a bonus B spends both together, pro rata: every euro spent is B / (F + B) bonus. The bonus spent
by a redemption is computed on the voucher's running total, so that roundings never drift: after the
voucher's redemptions (net of put-backs) reach a total S, the bonus spent so far is
``round(S × B / (F + B), cent)`` (half up), and each movement's share is the difference between that
figure after and before it. The shares of a voucher therefore add up exactly to B once it is wholly
spent (the last redemption takes what the roundings left), a put-back gives its share back (a
negative share in its month), and the bonus of an unspent remainder that expires is never invoiced.
The statement sums these shares per shop and per month (Europe/Paris) of the movement.

**The limited-network exemption** (Code monétaire et financier, art. L521-3): beyond 1 000 000 € of
payment transactions over 12 rolling months the operator must declare to the ACPR. The gauge counts
the face values the platform sold over the last 365 days (purchase movements, every programme) and
warns from 80 % of the threshold.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import ZERO, Movement, MovementKind, Programme, VoucherStatus

CENT = Decimal("0.01")
EXEMPTION_THRESHOLD = Decimal("1000000.00")
EXEMPTION_WARNING_RATIO = Decimal("0.80")
EXEMPTION_DAYS = 365

REDEEMING_KINDS = (MovementKind.REDEMPTION, MovementKind.REFUND)


def cents(amount) -> Decimal:
    """A sum read from the database, to the cent (SQLite adds decimals as floats)."""
    return (Decimal(amount) if amount is not None else ZERO).quantize(CENT, rounding=ROUND_HALF_UP)


def _sum(condition: Q) -> Coalesce:
    return Coalesce(Sum("amount", filter=condition), ZERO)


FIGURE_SUMS = {
    "sold": _sum(Q(kind=MovementKind.PURCHASE)),
    "bonus": _sum(Q(kind=MovementKind.BONUS)),
    # Spent, net of put-backs: movements are signed, so the sum is negative; turned positive below.
    "redeemed": _sum(Q(kind__in=REDEEMING_KINDS)),
    "outstanding": _sum(Q(voucher__status=VoucherStatus.ACTIVE)),
    "expired": _sum(Q(kind=MovementKind.EXPIRY)),
    "withdrawn": _sum(Q(kind=MovementKind.WITHDRAWAL)),
}
NEGATIVE_FIGURES = ("redeemed", "expired", "withdrawn")


@dataclass(frozen=True)
class Figures:
    sold: Decimal = ZERO
    bonus: Decimal = ZERO
    redeemed: Decimal = ZERO
    outstanding: Decimal = ZERO
    expired: Decimal = ZERO
    withdrawn: Decimal = ZERO
    vouchers: int = 0

    @classmethod
    def from_row(cls, row: dict) -> Figures:
        values = {name: cents(-row[name] if name in NEGATIVE_FIGURES else row[name]) + ZERO for name in FIGURE_SUMS}
        return cls(vouchers=row.get("vouchers", 0), **values)


def figures_by_programme(programme_ids) -> dict[int, Figures]:
    """The key figures of several programmes in one query (the list of programmes)."""
    rows = (
        Movement.objects.filter(voucher__programme_id__in=list(programme_ids))
        .values("voucher__programme_id")
        .annotate(vouchers=Count("voucher_id", distinct=True), **FIGURE_SUMS)
        .order_by()
    )
    return {row["voucher__programme_id"]: Figures.from_row(row) for row in rows}


def programme_figures(programme: Programme) -> Figures:
    return figures_by_programme([programme.pk]).get(programme.pk, Figures())


@dataclass(frozen=True)
class PlaceRow:
    name: str
    commune: str
    redeemed: Decimal


def redeemed_per_shop(programme: Programme) -> list[PlaceRow]:
    rows = (
        Movement.objects.filter(voucher__programme=programme, kind__in=REDEEMING_KINDS)
        .values("shop_id", "shop__partner__name", "shop__commune__name")
        .annotate(total=Sum("amount"))
        .order_by("total", "shop__partner__name")
    )
    return [PlaceRow(row["shop__partner__name"] or "—", row["shop__commune__name"] or "", cents(-row["total"]) + ZERO) for row in rows]


def redeemed_per_commune(programme: Programme) -> list[PlaceRow]:
    rows = (
        Movement.objects.filter(voucher__programme=programme, kind__in=REDEEMING_KINDS)
        .values("shop__commune__insee_code", "shop__commune__name")
        .annotate(total=Sum("amount"))
        .order_by("total", "shop__commune__name")
    )
    return [PlaceRow(row["shop__commune__name"] or "—", row["shop__commune__insee_code"] or "", cents(-row["total"]) + ZERO)
            for row in rows]


def _month(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date().replace(day=1)


@dataclass(frozen=True)
class MonthBar:
    month: datetime.date
    amount: Decimal
    height: int = 0  # out of 100, for the chart
    x: int = 0

    @property
    def y(self) -> int:
        return 110 - self.height


def redeemed_per_month(programme: Programme) -> list[MonthBar]:
    """Net redemptions per calendar month (Europe/Paris), every month from the first to the last."""
    totals: dict[datetime.date, Decimal] = defaultdict(lambda: ZERO)
    for created_at, amount in (
        Movement.objects.filter(voucher__programme=programme, kind__in=REDEEMING_KINDS).values_list("created_at", "amount")
    ):
        totals[_month(created_at)] -= amount
    if not totals:
        return []
    months = []
    month, last = min(totals), max(totals)
    while month <= last:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    highest = max(max(totals.values()), CENT)
    return [
        MonthBar(month, totals[month], int((max(totals[month], ZERO) * 100 / highest).to_integral_value(ROUND_HALF_UP)), index * 40)
        for index, month in enumerate(months)
    ]


# --- The funder's statement -----------------------------------------------------------------------


@dataclass
class StatementRow:
    month: datetime.date
    shop_id: int
    shop: str
    commune: str
    redeemed: Decimal = ZERO
    bonus: Decimal = ZERO


def bonus_spent(spent: Decimal, face_value: Decimal, bonus: Decimal) -> Decimal:
    """The bonus spent once a voucher's redemptions add up to ``spent`` (see the module's rule)."""
    total = face_value + bonus
    if bonus <= 0 or total <= 0:
        return ZERO
    return (spent * bonus / total).quantize(CENT, rounding=ROUND_HALF_UP)


def statement(programme: Programme, month: datetime.date | None = None) -> list[StatementRow]:
    """The bonus spent per month and per shop (every month, or only ``month``): one query, the
    shares computed voucher by voucher in the order of their movements."""
    movements = (
        Movement.objects.filter(voucher__programme=programme, kind__in=REDEEMING_KINDS)
        .order_by("voucher_id", "created_at", "pk")
        .values_list("voucher_id", "voucher__face_value", "voucher__bonus", "amount", "created_at",
                     "shop_id", "shop__partner__name", "shop__commune__name")
    )
    rows: dict[tuple[datetime.date, int], StatementRow] = {}
    spent_by_voucher: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for voucher_id, face_value, bonus, amount, created_at, shop_id, shop_name, commune in movements:
        before = spent_by_voucher[voucher_id]
        after = before - amount  # a redemption is negative: it adds to what was spent
        spent_by_voucher[voucher_id] = after
        share = bonus_spent(after, face_value, bonus) - bonus_spent(before, face_value, bonus)
        movement_month = _month(created_at)
        if month is not None and movement_month != month:
            continue
        row = rows.setdefault((movement_month, shop_id), StatementRow(movement_month, shop_id, shop_name or "—", commune or ""))
        row.redeemed -= amount
        row.bonus += share
    return sorted(rows.values(), key=lambda row: (row.month, row.shop.lower(), row.shop_id))


def statement_months(programme: Programme) -> list[datetime.date]:
    return sorted({_month(moment) for moment in Movement.objects.filter(
        voucher__programme=programme, kind__in=REDEEMING_KINDS).values_list("created_at", flat=True)}, reverse=True)


def statement_csv_rows(rows: list[StatementRow]):
    for row in rows:
        yield [row.month.strftime("%Y-%m"), row.shop, row.commune, row.redeemed, row.bonus]


# --- The audit export -----------------------------------------------------------------------------


def audit_movements(programme: Programme | None = None):
    """Every movement of the ledger (of one programme, or of all), oldest first: its rows add up to
    the sum of the movements."""
    movements = Movement.objects.select_related("voucher__programme", "shop__partner", "order").order_by("created_at", "pk")
    if programme is not None:
        movements = movements.filter(voucher__programme=programme)
    return movements


def audit_csv_rows(movements):
    for movement in movements.iterator(chunk_size=2000):
        yield [
            movement.created_at,
            movement.voucher.display_code,
            movement.voucher.programme.name,
            movement.get_kind_display(),
            movement.amount,
            movement.shop.name if movement.shop_id else "",
            movement.order.number if movement.order_id else "",
        ]


# --- The limited-network exemption (CMF L521-3) ---------------------------------------------------


@dataclass(frozen=True)
class ExemptionGauge:
    sold: Decimal
    threshold: Decimal = EXEMPTION_THRESHOLD
    since: datetime.date | None = None
    ratio: Decimal = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "ratio", (self.sold / self.threshold) if self.threshold else ZERO)

    @property
    def percent(self) -> int:
        return int((self.ratio * 100).to_integral_value(ROUND_HALF_UP))

    @property
    def warning(self) -> bool:
        return self.ratio >= EXEMPTION_WARNING_RATIO

    @property
    def exceeded(self) -> bool:
        return self.sold > self.threshold

    @property
    def warning_level(self) -> Decimal:
        return self.threshold * EXEMPTION_WARNING_RATIO


def exemption_gauge(now: datetime.datetime | None = None) -> ExemptionGauge:
    now = now or timezone.now()
    since = now - datetime.timedelta(days=EXEMPTION_DAYS)
    sold = cents(Movement.objects.filter(kind=MovementKind.PURCHASE, created_at__gt=since).aggregate(total=Sum("amount"))["total"])
    return ExemptionGauge(sold=sold, since=timezone.localtime(since).date())


def month_from(text: str) -> datetime.date | None:
    """« 2027-03 » (the report's ?mois=) as the first day of that month; None for anything else."""
    try:
        return datetime.datetime.strptime(text or "", "%Y-%m").date()
    except (TypeError, ValueError):
        return None


def report_context(programme: Programme, month_text: str = "") -> dict:
    """What vouchers/_report.html shows of a programme, the statement for the month asked (or the last
    one with spending)."""
    months = statement_months(programme)
    month = month_from(month_text)
    if month not in months:
        month = months[0] if months else None
    rows = statement(programme, month) if month else []
    bars = redeemed_per_month(programme)
    return dict(
        programme=programme,
        figures=programme_figures(programme),
        per_shop=redeemed_per_shop(programme),
        per_commune=redeemed_per_commune(programme),
        bars=bars, chart_width=max(len(bars) * 40, 40),
        months=months, month=month, statement=rows,
        statement_redeemed=sum((row.redeemed for row in rows), ZERO),
        statement_bonus=sum((row.bonus for row in rows), ZERO),
    )
