"""Which session dates are offered, and to which shop: plain functions over already-fetched rows.

Everything is read on the wall clock of Paris (a session « every Saturday 9:00–12:00 » starts at 9:00
in winter as in summer, the order cut-off and the drop-off deadline too), then compared in UTC.

A date is offered at a point when the session fits in the point's opening hours that day and the
point is not closed. It is offered *for a shop* (the lesson of hubs whose hours overrode the
vendors': orders went to closed shops) only when the shop can make and bring the order by the
drop-off deadline: the shop is not on vacation, the drop-off day is not one of its closures, and
it works during one of its opening periods between the moment its order can be started (order time
plus its preparation time, and its making days) and the drop-off deadline, on the drop-off day or
the day before. Perishable goods go only to points with cold storage.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _

from shops.hours import closure_on
from shops.slots import plannable

DEFAULT_HORIZON_DAYS = 21
DEFAULT_PREPARATION_HOURS = 2


def paris() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def wall_clock(day: datetime.date, clock: datetime.time) -> datetime.datetime:
    """``clock`` on ``day`` in Paris; a time skipped when the clocks go forward is read an hour later
    (fold=0 on a repeated hour: its first occurrence), so a deadline always exists."""
    zone = paris()
    moment = datetime.datetime.combine(day, clock).replace(tzinfo=zone, fold=0)
    round_trip = moment.astimezone(datetime.timezone.utc).astimezone(zone)
    if round_trip.replace(tzinfo=None) != moment.replace(tzinfo=None):
        return round_trip  # in the gap: the first moment after it
    return moment


@dataclass(frozen=True)
class Occurrence:
    """A session on one date, with its deadlines as aware datetimes."""

    session: object  # collection.CollectionSession
    date: datetime.date
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    cutoff_at: datetime.datetime
    dropoff_at: datetime.datetime

    @property
    def key(self) -> str:
        """How a form names it: « session id:date »."""
        return f"{self.session.pk}:{self.date.isoformat()}"


def parse_key(key: str) -> tuple[int, datetime.date] | None:
    """The session id and date named by a form's value, or None when it is not one."""
    session_id, _sep, day = (key or "").partition(":")
    if not session_id.isdigit() or len(session_id) > 18:
        return None
    try:
        return int(session_id), datetime.date.fromisoformat(day)
    except ValueError:
        return None


def occurrence_on(session, day: datetime.date) -> Occurrence:
    return Occurrence(
        session=session, date=day,
        starts_at=wall_clock(day, session.starts_at),
        ends_at=wall_clock(day, session.ends_at),
        cutoff_at=wall_clock(day - datetime.timedelta(days=session.cutoff_days_before), session.cutoff_time),
        dropoff_at=wall_clock(day - datetime.timedelta(days=session.dropoff_days_before), session.dropoff_time),
    )


def point_is_open_for(session, day: datetime.date, periods, closures) -> bool:
    """The session fits inside one of the point's opening periods that day, and the point is not closed."""
    if day.weekday() != session.weekday or closure_on(closures, day):
        return False
    return any(p.weekday == day.weekday() and p.opens_at <= session.starts_at and session.ends_at <= p.closes_at for p in periods)


def upcoming_occurrences(session, periods, closures, now: datetime.datetime, horizon_days: int = DEFAULT_HORIZON_DAYS) -> list[Occurrence]:
    """The session's dates still open to orders (before their cut-off) within ``horizon_days``."""
    if not session.is_active:
        return []
    today = now.astimezone(paris()).date()
    occurrences = []
    for offset in range(0, max(0, min(horizon_days, 366)) + 1):
        day = today + datetime.timedelta(days=offset)
        if day.weekday() != session.weekday or not point_is_open_for(session, day, periods, closures):
            continue
        occurrence = occurrence_on(session, day)
        if now < occurrence.cutoff_at:
            occurrences.append(occurrence)
    return occurrences


@dataclass(frozen=True)
class ShopAbility:
    """What a shop's settings say about its making times (read from its rows by the caller)."""

    periods: list  # shops.OpeningPeriod
    closures: list  # shops.ExceptionalClosure
    on_vacation: bool = False
    preparation_hours: int = DEFAULT_PREPARATION_HOURS


def shop_refusal(occurrence: Occurrence, ability: ShopAbility, now: datetime.datetime, *, lead_days: int = 0,
                 perishable: bool = False, cold_storage: bool = True) -> str:
    """Why the shop cannot bring this order to this occurrence ("" when it can)."""
    if now >= occurrence.cutoff_at:
        return _("orders for this session are closed.")
    if perishable and not cold_storage:
        return _("this point has no cold storage for perishable goods.")
    if ability.on_vacation:
        return _("this shop is on vacation.")
    if not plannable(lead_days):
        return _("this order cannot be made in time.")
    zone = paris()
    dropoff = occurrence.dropoff_at.astimezone(datetime.timezone.utc)
    earliest_start = now.astimezone(datetime.timezone.utc) + datetime.timedelta(hours=ability.preparation_hours)
    earliest_day = now.astimezone(zone).date() + datetime.timedelta(days=lead_days)
    dropoff_day = occurrence.dropoff_at.astimezone(zone).date()
    if closure_on(ability.closures, dropoff_day):
        return _("this shop is closed on the drop-off day.")
    for day in (dropoff_day - datetime.timedelta(days=1), dropoff_day):
        if day < earliest_day or closure_on(ability.closures, day):
            continue
        for period in (p for p in ability.periods if p.weekday == day.weekday()):
            works_from = max(wall_clock(day, period.opens_at).astimezone(datetime.timezone.utc), earliest_start)
            works_until = min(wall_clock(day, period.closes_at).astimezone(datetime.timezone.utc), dropoff)
            if works_from < works_until:
                return ""
    return _("this shop cannot have the order ready by the drop-off deadline.")


def ability_of(shop) -> ShopAbility:
    """A shop's making times from its rows (prefetch opening_periods, closures and click_and_collect)."""
    option = getattr(shop, "click_and_collect", None)
    return ShopAbility(
        periods=list(shop.opening_periods.all()), closures=list(shop.closures.all()), on_vacation=shop.on_vacation,
        preparation_hours=option.preparation_hours if option is not None else DEFAULT_PREPARATION_HOURS,
    )
