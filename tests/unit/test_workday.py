"""The artisan's day rules that need no database: which day is asked for, and where a day begins and ends."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from checkout.order import workday

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime.datetime(2026, 11, 24, 23, 30, tzinfo=PARIS)  # 22:30 UTC: still the 24th in Paris


def test_today_is_the_shop_s_wall_clock_day():
    assert workday.today(NOW) == datetime.date(2026, 11, 24)
    assert workday.today(NOW + datetime.timedelta(minutes=31)) == datetime.date(2026, 11, 25)


@pytest.mark.parametrize(("text", "day"), [
    ("2026-11-25", datetime.date(2026, 11, 25)),
    (" 2026-11-25 ", datetime.date(2026, 11, 25)),
    ("2025-01-01", datetime.date(2025, 1, 1)),
    ("2026-02-30", None), ("25/11/2026", None), ("", None), ("demain", None), ("2026-11-25T10:00", None),
    ("9999-12-31", None), ("0001-01-01", None), ("2026-1-5", None), ("x" * 10_000, None),
])
def test_a_day_is_read_from_a_date_field_or_refused(text, day):
    assert workday.parse_day(text, NOW) == day


def test_a_day_is_24_hours_except_when_the_clocks_change():
    start, end = workday.day_bounds(datetime.date(2026, 11, 24))
    assert (start.astimezone(datetime.timezone.utc).hour, end - start) == (23, datetime.timedelta(hours=24))
    start, end = workday.day_bounds(datetime.date(2026, 10, 25))  # clocks go back: 25 hours
    assert end.astimezone(datetime.timezone.utc) - start.astimezone(datetime.timezone.utc) == datetime.timedelta(hours=25)
    start, end = workday.day_bounds(datetime.date(2026, 3, 29))  # clocks go forward: 23 hours
    assert end.astimezone(datetime.timezone.utc) - start.astimezone(datetime.timezone.utc) == datetime.timedelta(hours=23)
