"""Opening hours: the week as customers read it, and whether a shop is open at a given moment."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from .models import ExceptionalClosure, OpeningPeriod, Weekday


@dataclass(frozen=True)
class DaySchedule:
    weekday: int
    label: str
    periods: list[OpeningPeriod]
    is_today: bool


def local_now() -> datetime.datetime:
    return timezone.now().astimezone(ZoneInfo(settings.TIME_ZONE))


def weekly_schedule(periods: list[OpeningPeriod], today: datetime.date | None = None) -> list[DaySchedule]:
    today = today or local_now().date()
    by_day: dict[int, list[OpeningPeriod]] = {}
    for period in sorted(periods, key=lambda period: (period.weekday, period.opens_at)):
        by_day.setdefault(period.weekday, []).append(period)
    return [
        DaySchedule(day.value, str(day.label), by_day.get(day.value, []), day.value == today.weekday())
        for day in Weekday
    ]


def closure_on(closures: list[ExceptionalClosure], day: datetime.date) -> ExceptionalClosure | None:
    return next((closure for closure in closures if closure.first_day <= day <= closure.last_day), None)


def is_open_at(periods: list[OpeningPeriod], closures: list[ExceptionalClosure], moment: datetime.datetime) -> bool:
    """Whether the shop is open at ``moment`` (any time zone; hours are read in the shop's, Paris)."""
    local = moment.astimezone(ZoneInfo(settings.TIME_ZONE))
    if closure_on(closures, local.date()):
        return False
    clock = local.time()
    return any(
        period.weekday == local.weekday() and period.opens_at <= clock < period.closes_at for period in periods
    )


def shop_ids_open_at(moment: datetime.datetime) -> frozenset[int]:
    """The approved shops open at ``moment`` and not on vacation: one query, for search filters."""
    from .models import public_shop_q

    local = moment.astimezone(ZoneInfo(settings.TIME_ZONE))
    closed_today = ExceptionalClosure.objects.filter(first_day__lte=local.date(), last_day__gte=local.date()).values("shop_id")
    return frozenset(
        OpeningPeriod.objects.filter(
            public_shop_q("shop__"),
            weekday=local.weekday(), opens_at__lte=local.time(), closes_at__gt=local.time(), shop__on_vacation=False,
        ).exclude(shop_id__in=closed_today).values_list("shop_id", flat=True)
    )
