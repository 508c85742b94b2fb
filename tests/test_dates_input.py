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

from licencecheck.dates import EARLIEST, LATEST, parse_date
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


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Pacific/Kiritimati", "UTC"])
def test_today_is_shanghai_today_in_any_machine_time_zone(zone: str) -> None:
    env = {**os.environ, "TZ": zone}
    done = subprocess.run(
        [sys.executable, "-c", "from licencecheck.dates import today; print(today())"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    expected = datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()
    assert done.stdout.strip() == expected
