"""Which session dates a collection point offers, and to which shop (collection/offers.py): the
intersection of the point's hours with each shop's making times, closures and vacation, the
cold-storage rule, the cut-off, on the wall clock of Paris across a daylight-saving weekend."""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from collection.offers import ShopAbility, occurrence_on, parse_key, shop_refusal, upcoming_occurrences, wall_clock

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture(autouse=True)
def in_english():
    """The reasons compared below are the source strings (another test may have left French active)."""
    with translation.override("en"):
        yield
SATURDAY = 5


def period(weekday, opens, closes):
    return SimpleNamespace(weekday=weekday, opens_at=datetime.time(*opens), closes_at=datetime.time(*closes))


def closure(first, last):
    return SimpleNamespace(first_day=first, last_day=last)


def gap_market(**changes):
    """Every Saturday 9:00–12:00, orders close on Thursday at 20:00, drop-off by 8:45 on the day."""
    values = dict(pk=7, weekday=SATURDAY, starts_at=datetime.time(9), ends_at=datetime.time(12), cutoff_days_before=2,
                  cutoff_time=datetime.time(20), dropoff_days_before=0, dropoff_time=datetime.time(8, 45), is_active=True)
    values.update(changes)
    return SimpleNamespace(**values)


MARKET_HOURS = [period(SATURDAY, (7, 0), (13, 0))]
BAKER = ShopAbility(periods=[period(SATURDAY, (6, 0), (12, 30)), period(4, (6, 0), (12, 30))], closures=[])
POTTER = ShopAbility(periods=[period(day, (10, 0), (18, 0)) for day in (1, 2, 3, 4)], closures=[])  # Tuesday–Friday
MONDAY_ONLY = ShopAbility(periods=[period(0, (9, 0), (17, 0))], closures=[])


def at(*parts):
    return datetime.datetime(*parts, tzinfo=PARIS)


def test_dates_are_the_sessions_weekdays_inside_the_points_hours_before_the_cutoff():
    now = at(2026, 12, 3, 10)  # Thursday morning
    dates = [occ.date for occ in upcoming_occurrences(gap_market(), MARKET_HOURS, [], now, horizon_days=14)]
    assert dates == [datetime.date(2026, 12, 5), datetime.date(2026, 12, 12)]
    # Thursday 20:00 passed: this Saturday is closed to orders.
    late = [occ.date for occ in upcoming_occurrences(gap_market(), MARKET_HOURS, [], at(2026, 12, 3, 20, 0), horizon_days=14)]
    assert late == [datetime.date(2026, 12, 12)]


def test_a_session_outside_the_points_hours_or_on_its_closure_is_not_offered():
    now = at(2026, 12, 1, 10)
    assert upcoming_occurrences(gap_market(ends_at=datetime.time(14)), MARKET_HOURS, [], now, 14) == []
    closed = [closure(datetime.date(2026, 12, 5), datetime.date(2026, 12, 5))]
    assert [occ.date for occ in upcoming_occurrences(gap_market(), MARKET_HOURS, closed, now, 14)] == [datetime.date(2026, 12, 12)]
    assert upcoming_occurrences(gap_market(is_active=False), MARKET_HOURS, [], now, 14) == []


def test_a_shop_is_offered_a_date_only_when_it_works_before_the_dropoff():
    now = at(2026, 12, 1, 10)  # Tuesday
    saturday = occurrence_on(gap_market(), datetime.date(2026, 12, 5))
    assert shop_refusal(saturday, BAKER, now) == ""  # bakes Saturday 6:00–8:45
    assert shop_refusal(saturday, POTTER, now) == ""  # works Friday
    assert shop_refusal(saturday, MONDAY_ONLY, now) != ""  # never works on Friday or Saturday: not offered


def test_closures_vacation_and_making_days_take_a_date_away():
    now = at(2026, 12, 1, 10)
    saturday = occurrence_on(gap_market(), datetime.date(2026, 12, 5))
    closed_saturday = ShopAbility(periods=BAKER.periods, closures=[closure(datetime.date(2026, 12, 5), datetime.date(2026, 12, 6))])
    assert shop_refusal(saturday, closed_saturday, now) == "this shop is closed on the drop-off day."
    closed_friday = ShopAbility(periods=POTTER.periods, closures=[closure(datetime.date(2026, 12, 4), datetime.date(2026, 12, 4))])
    assert shop_refusal(saturday, closed_friday, now) != ""
    assert shop_refusal(saturday, ShopAbility(periods=BAKER.periods, closures=[], on_vacation=True), now) == "this shop is on vacation."
    # Made to order in five days: ready on Sunday at the earliest, too late for Saturday, fine a week later.
    assert shop_refusal(saturday, POTTER, now, lead_days=5) != ""
    assert shop_refusal(occurrence_on(gap_market(), datetime.date(2026, 12, 12)), POTTER, now, lead_days=5) == ""


def test_the_preparation_time_counts_up_to_the_dropoff_deadline():
    saturday = occurrence_on(gap_market(), datetime.date(2026, 12, 5))
    thursday_evening = at(2026, 12, 3, 19, 30)  # before the cut-off
    # The potter's next working hours are Friday 10:00–18:00: fine. A shop open only Saturday 8:00–8:30
    # with three hours of preparation cannot.
    assert shop_refusal(saturday, POTTER, thursday_evening) == ""
    early = ShopAbility(periods=[period(SATURDAY, (8, 0), (8, 30))], closures=[], preparation_hours=48)
    assert shop_refusal(saturday, early, thursday_evening) != ""


def test_perishable_goods_only_at_points_with_cold_storage():
    now = at(2026, 12, 1, 10)
    saturday = occurrence_on(gap_market(), datetime.date(2026, 12, 5))
    assert shop_refusal(saturday, BAKER, now, perishable=True, cold_storage=False) == "this point has no cold storage for perishable goods."
    assert shop_refusal(saturday, BAKER, now, perishable=True, cold_storage=True) == ""
    assert shop_refusal(saturday, BAKER, now, perishable=False, cold_storage=False) == ""


def test_the_cutoff_closes_orders():
    saturday = occurrence_on(gap_market(), datetime.date(2026, 12, 5))
    assert shop_refusal(saturday, BAKER, at(2026, 12, 3, 20, 0)) == "orders for this session are closed."


def test_a_daylight_saving_weekend_keeps_the_wall_clock():
    """Clocks go forward on Sunday 28 March 2027 at 2:00 and back on Sunday 31 October 2027 at 3:00.
    A Sunday session 9:00–12:00 starts at 9:00 on the wall clock either side; its cut-off (Saturday
    20:00) and drop-off (Sunday 8:00) are wall-clock times too, and a shop baking Sunday 6:00–8:00
    still has two hours' work before the drop-off although the night was an hour shorter."""
    sunday_session = gap_market(weekday=6, cutoff_days_before=1, dropoff_time=datetime.time(8))
    hours = [period(6, (8, 0), (13, 0))]
    baker = ShopAbility(periods=[period(6, (6, 0), (8, 0))], closures=[], preparation_hours=2)
    for day, utc_offset in ((datetime.date(2027, 3, 21), 1), (datetime.date(2027, 3, 28), 2), (datetime.date(2027, 10, 31), 1)):
        saturday_noon = datetime.datetime.combine(day - datetime.timedelta(days=1), datetime.time(12), tzinfo=PARIS)
        (occurrence,) = upcoming_occurrences(sunday_session, hours, [], saturday_noon, horizon_days=1)
        assert occurrence.date == day
        assert occurrence.starts_at.astimezone(PARIS).time() == datetime.time(9)
        assert occurrence.starts_at.utcoffset() == datetime.timedelta(hours=utc_offset)
        assert occurrence.cutoff_at == datetime.datetime.combine(day - datetime.timedelta(days=1), datetime.time(20), tzinfo=PARIS)
        assert occurrence.dropoff_at.astimezone(PARIS).time() == datetime.time(8)
        assert shop_refusal(occurrence, baker, saturday_noon) == ""
        # Ordered on Sunday at 5:30 (wall clock): ready at 7:30, before the 8:00 drop-off — but orders closed.
        assert shop_refusal(occurrence, baker, datetime.datetime.combine(day, datetime.time(5, 30), tzinfo=PARIS)) != ""
    # On the spring night, 2:30 does not exist: a deadline there is read as the first moment after the gap.
    assert wall_clock(datetime.date(2027, 3, 28), datetime.time(2, 30)).astimezone(PARIS).time() == datetime.time(3, 30)


def test_a_form_value_names_a_session_and_a_date_or_nothing():
    assert parse_key("7:2026-12-05") == (7, datetime.date(2026, 12, 5))
    for bad in ("", "7", "x:2026-12-05", "7:2026-13-05", "9" * 30 + ":2026-12-05", "7:\x00"):
        assert parse_key(bad) is None
