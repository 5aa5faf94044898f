"""Pickup slots from opening hours: closures, preparation and making time, cut-off, DST nights."""

import datetime
from zoneinfo import ZoneInfo

from shops.models import ExceptionalClosure, OpeningPeriod
from shops.slots import SlotRules, pickup_slots

PARIS = ZoneInfo("Europe/Paris")
UTC = datetime.timezone.utc


def period(weekday, opens, closes):
    return OpeningPeriod(weekday=weekday, opens_at=datetime.time(*opens), closes_at=datetime.time(*closes))


def paris(*args):
    return datetime.datetime(*args, tzinfo=PARIS)


def starts(slots):
    return [slot.starts_at.strftime("%a %d %H:%M") for slot in slots]


# Tuesday to Saturday, 8:00–12:30 and 15:00–19:00.
WEEK = [period(day, (8, 0), (12, 30)) for day in range(1, 6)] + [period(day, (15, 0), (19, 0)) for day in range(1, 6)]


def test_slots_follow_opening_hours_and_preparation_time():
    monday_evening = paris(2026, 11, 23, 20, 0)
    slots = pickup_slots(WEEK, [], SlotRules(slot_minutes=30, preparation_hours=2, horizon_days=1), monday_evening)
    assert starts(slots)[:3] == ["Tue 24 08:00", "Tue 24 08:30", "Tue 24 09:00"]
    assert "Tue 24 12:00" in starts(slots) and "Tue 24 12:30" not in starts(slots)  # 12:30 closes
    assert len(slots) == 9 + 8  # 9 half-hours in the morning, 8 in the afternoon
    assert all(slot.ends_at - slot.starts_at == datetime.timedelta(minutes=30) for slot in slots)

    tuesday_morning = paris(2026, 11, 24, 9, 10)
    slots = pickup_slots(WEEK, [], SlotRules(preparation_hours=2, horizon_days=0), tuesday_morning)
    assert starts(slots)[0] == "Tue 24 11:30"  # 9:10 + 2 h = 11:10, the next slot starts at 11:30


def test_a_slot_longer_than_what_is_left_of_a_period_is_not_offered():
    slots = pickup_slots([period(1, (8, 0), (9, 45))], [], SlotRules(slot_minutes=60, preparation_hours=0, horizon_days=7), paris(2026, 11, 23, 6))
    assert starts(slots) == ["Tue 24 08:00"]


def test_closures_cut_out_whole_days():
    closure = ExceptionalClosure(first_day=datetime.date(2026, 11, 24), last_day=datetime.date(2026, 11, 25))
    slots = pickup_slots(WEEK, [closure], SlotRules(preparation_hours=0, horizon_days=3), paris(2026, 11, 23, 6))
    assert {slot.starts_at.date() for slot in slots} == {datetime.date(2026, 11, 26)}


def test_made_to_order_lead_days_and_same_day_cutoff():
    tuesday_7am = paris(2026, 11, 24, 7, 0)
    rules = SlotRules(preparation_hours=0, lead_days=2, horizon_days=3)
    assert starts(pickup_slots(WEEK, [], rules, tuesday_7am))[0] == "Thu 26 08:00"

    cutoff = SlotRules(preparation_hours=0, same_day_cutoff=datetime.time(7, 0), horizon_days=1)
    assert starts(pickup_slots(WEEK, [], cutoff, paris(2026, 11, 24, 6, 59)))[0] == "Tue 24 08:00"
    assert starts(pickup_slots(WEEK, [], cutoff, tuesday_7am))[0] == "Wed 25 08:00"


def test_slots_keep_their_wall_clock_time_across_the_spring_dst_weekend():
    # Europe/Paris goes from 2:00 to 3:00 on Sunday 29 March 2026.
    week = [period(day, (9, 0), (10, 0)) for day in range(7)]
    slots = pickup_slots(week, [], SlotRules(slot_minutes=60, preparation_hours=0, horizon_days=2), paris(2026, 3, 28, 6))
    assert [slot.starts_at.astimezone(UTC).strftime("%d %H:%M") for slot in slots] == ["28 08:00", "29 07:00", "30 07:00"]
    assert all(slot.starts_at.astimezone(PARIS).hour == 9 for slot in slots)


def test_the_missing_hour_of_the_spring_night_is_skipped():
    night_bakery = [period(6, (1, 0), (4, 0))]  # Sunday 1:00–4:00
    slots = pickup_slots(night_bakery, [], SlotRules(slot_minutes=60, preparation_hours=0, horizon_days=1), paris(2026, 3, 28, 12))
    assert [slot.starts_at.strftime("%H:%M") for slot in slots] == ["01:00", "03:00"]  # 2:00 does not exist
    assert slots[1].starts_at.astimezone(UTC) - slots[0].starts_at.astimezone(UTC) == datetime.timedelta(hours=1)


def test_the_repeated_hour_of_the_autumn_night_is_offered_once():
    # Europe/Paris goes back from 3:00 to 2:00 on Sunday 25 October 2026.
    night_bakery = [period(6, (1, 0), (4, 0))]
    slots = pickup_slots(night_bakery, [], SlotRules(slot_minutes=60, preparation_hours=0, horizon_days=1), paris(2026, 10, 24, 12))
    assert [slot.starts_at.strftime("%H:%M") for slot in slots] == ["01:00", "02:00", "03:00"]
    utc = [slot.starts_at.astimezone(UTC).strftime("%H:%M") for slot in slots]
    assert utc == ["23:00", "00:00", "02:00"]  # 2:00 is its first occurrence (summer time)


def test_preparation_time_is_counted_in_real_hours_across_dst():
    # Saturday 28 March 2026 at 23:00: 4 hours later is Sunday 4:00 on the wall clock (one hour skipped).
    sunday = [period(6, (3, 0), (6, 0))]
    slots = pickup_slots(sunday, [], SlotRules(slot_minutes=60, preparation_hours=4, horizon_days=1), paris(2026, 3, 28, 23))
    assert [slot.starts_at.strftime("%H:%M") for slot in slots] == ["04:00", "05:00"]


def test_a_making_time_beyond_the_bounds_offers_nothing_rather_than_overflowing():
    from shops.fulfilment import LocalDeliveryOption
    from shops.slots import MAXIMUM_LEAD_DAYS

    saturday = paris(2026, 10, 24, 9)
    # 99,999,999,999 days overflowed the dates (OverflowError: /checkout/ answered 500).
    for lead_days in (99_999_999_999, MAXIMUM_LEAD_DAYS + 1, -1):
        assert pickup_slots(WEEK, [], SlotRules(preparation_hours=0, lead_days=lead_days), saturday) == []
        assert LocalDeliveryOption(delivery_days=list(range(7))).delivery_dates(saturday, lead_days=lead_days) == []
    # A slot of no length or a horizon beyond the bounds: nothing either, rather than an endless loop.
    assert pickup_slots(WEEK, [], SlotRules(slot_minutes=0), saturday) == []
    assert pickup_slots(WEEK, [], SlotRules(horizon_days=10**9), saturday) == []
    # The longest making time is still planned, a year ahead.
    slots = pickup_slots(WEEK, [], SlotRules(preparation_hours=0, lead_days=MAXIMUM_LEAD_DAYS, horizon_days=7), saturday)
    assert slots[0].starts_at.date() == datetime.date(2027, 10, 26)  # the first Tuesday after a year of making
