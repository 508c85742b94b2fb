"""Dates on the command line, and "today" in Asia/Shanghai whatever the machine's time zone."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from licencecheck.dates import EARLIEST, LATEST, licence_day, parse_date
from licencecheck.errors import InputError


@given(st.dates(min_value=EARLIEST, max_value=LATEST))
def test_iso_and_chinese_forms_round_trip(day: date) -> None:
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"{day.year:04d}年{day.month}月{day.day}日") == day
    assert parse_date(f"{day.year:04d} 年 {day.month:02d} 月 {day.day:02d} 日") == day


@given(st.dates().filter(lambda day: not EARLIEST <= day <= LATEST))
def test_days_outside_the_supported_years_are_input_errors(day: date) -> None:
    with pytest.raises(InputError, match="outside the supported range"):
        parse_date(day.isoformat())


@given(st.text(max_size=20))
def test_anything_else_is_an_input_error_never_a_crash(text: str) -> None:
    message = None
    try:
        parse_date(text)
    except InputError as exc:
        message = str(exc)
    assert message is None or repr(text) in message


@pytest.mark.parametrize("text", ["2026-02-29", "2026-13-01", "2026年2月30日", "2026-00-10"])
def test_impossible_days(text: str) -> None:
    with pytest.raises(InputError, match="not a real day"):
        parse_date(text)


@pytest.mark.parametrize(
    ("instant", "day"),
    [
        ("2026-11-28T15:59:59+00:00", "2026-11-28"),
        ("2026-11-28T16:00:00+00:00", "2026-11-29"),  # midnight in Shanghai
        ("2026-11-28T08:30:00-08:00", "2026-11-29"),  # Los Angeles morning: already tomorrow
        ("2026-12-31T23:59:00+14:00", "2026-12-31"),  # Kiritimati, 17:59 in Shanghai
        ("2026-03-08T18:00:00+00:00", "2026-03-09"),  # no daylight saving in Shanghai
    ],
)
def test_the_licence_day_is_the_day_in_shanghai(instant: str, day: str) -> None:
    assert licence_day(datetime.fromisoformat(instant)).isoformat() == day


def test_a_naive_instant_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        licence_day(datetime(2026, 11, 28, 12, 0))


def test_today_does_not_depend_on_the_machine_time_zone() -> None:
    days = set()
    for zone in ("America/Los_Angeles", "Pacific/Kiritimati", "UTC", "Asia/Shanghai"):
        done = subprocess.run(
            [sys.executable, "-c", "from licencecheck.dates import today; print(today())"],
            env={**os.environ, "TZ": zone},
            capture_output=True,
            text=True,
            check=True,
        )
        days.add(done.stdout.strip())
    assert len(days) == 1 or _straddles_midnight_in_shanghai()


def _straddles_midnight_in_shanghai() -> bool:
    """The four runs may straddle midnight in Shanghai; then two days are right."""
    now = datetime.now(ZoneInfo("Asia/Shanghai"))
    return now.hour == 0 and now.minute < 1
