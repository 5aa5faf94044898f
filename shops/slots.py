"""Click-and-collect pickup slots, derived from a shop's opening hours.

Slots are laid out on the shop's wall clock (Europe/Paris): a shop open 8:00–12:30 offers 8:00,
8:30… whatever the season. On the night the clocks go forward, a wall-clock time that does not
exist is skipped; on the night they go back, a repeated hour is offered once (its first occurrence).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings

from .hours import closure_on

# The longest making time a product may have (the catalogue bounds it, and so does its table): no
# pickup or delivery is planned further ahead. Rules beyond it offer nothing rather than overflow.
MAXIMUM_LEAD_DAYS = 365
# Beyond this, a shop's settings are not ones its forms accept: no slot rather than a long loop.
MAXIMUM_HORIZON_DAYS = 366


def plannable(lead_days: int) -> bool:
    """Whether an order needing ``lead_days`` of making can be given a pickup or delivery day."""
    return 0 <= lead_days <= MAXIMUM_LEAD_DAYS


@dataclass(frozen=True)
class SlotRules:
    slot_minutes: int = 30
    # The artisan's time to prepare an order, counted from the moment it is placed.
    preparation_hours: int = 2
    # Made-to-order items: the earliest pickup day is this many days after the order day.
    lead_days: int = 0
    # Past this time of day, no slot is offered for the same day.
    same_day_cutoff: datetime.time | None = None
    horizon_days: int = 14


@dataclass(frozen=True)
class PickupSlot:
    starts_at: datetime.datetime
    ends_at: datetime.datetime


def _shop_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _exists(local: datetime.datetime, zone: ZoneInfo) -> bool:
    """False for a wall-clock time skipped when the clocks go forward."""
    aware = local.replace(tzinfo=zone)
    round_trip = aware.astimezone(datetime.timezone.utc).astimezone(zone).replace(tzinfo=None)
    return round_trip == local


def pickup_slots(periods, closures, rules: SlotRules, now: datetime.datetime) -> list[PickupSlot]:
    """The slots a customer ordering at ``now`` can choose, earliest first; none when the rules
    cannot be planned (a making time or a horizon beyond the bounds, a slot of no length)."""
    if not plannable(rules.lead_days) or not 0 <= rules.horizon_days <= MAXIMUM_HORIZON_DAYS or rules.slot_minutes <= 0:
        return []
    zone = _shop_zone()
    local_now = now.astimezone(zone)
    # In UTC: aware datetimes sharing a zone compare by wall clock, which is wrong across a DST change.
    earliest_start = now.astimezone(datetime.timezone.utc) + datetime.timedelta(hours=rules.preparation_hours)
    earliest_day = local_now.date() + datetime.timedelta(days=rules.lead_days)
    if rules.same_day_cutoff and local_now.time() >= rules.same_day_cutoff:
        earliest_day = max(earliest_day, local_now.date() + datetime.timedelta(days=1))
    step = datetime.timedelta(minutes=rules.slot_minutes)
    slots = []
    for offset in range(rules.lead_days, rules.horizon_days + rules.lead_days + 1):
        day = local_now.date() + datetime.timedelta(days=offset)
        if day < earliest_day or closure_on(closures, day):
            continue
        for period in sorted((p for p in periods if p.weekday == day.weekday()), key=lambda p: p.opens_at):
            start = datetime.datetime.combine(day, period.opens_at)
            closes = datetime.datetime.combine(day, period.closes_at)
            while start + step <= closes:
                end = start + step
                if _exists(start, zone):
                    starts_at = start.replace(tzinfo=zone, fold=0)
                    if starts_at >= earliest_start:
                        slots.append(PickupSlot(starts_at, end.replace(tzinfo=zone, fold=0)))
                start = end
    return slots
