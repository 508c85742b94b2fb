"""Family 9: a calendar file can only fill a year the official calendar lacks, and only with a
schedule that can be true. Anything else is one line, exit 2, at the file:line:column of the entry.

The schedules use 2099, a year no chinesecalendar release will have for a long time:
2099-01-01 is a Thursday, 01-03 and 01-04 the weekend, 01-06 a Tuesday, 01-10 a Saturday."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from licencecheck.errors import DataError
from licencecheck.strictyaml import parse_yaml
from licencecheck.workdays import WorkCalendar, load_calendar, official_has_year
from tests.conftest import Invoke, Run

from .test_strict_types import FUZZ, assert_refused, file_contents, iso_dates, write

OFFICIAL = max(year for year in range(2004, 2100) if official_has_year(year))
VALID = (
    "schema_version: 1\nyears:\n  - year: 2099\n    source: 国务院办公厅通知\n    holidays:\n"
    "      - {name: 元旦, start: 2099-01-01, end: 2099-01-04}\n"
    "    workdays: [2099-01-10]\n"
)


def deadlines(cli: Invoke, path: Path) -> Run:
    return cli("deadlines", "--on", "2026-09-30", "--calendar", str(path))


def test_a_valid_calendar_file_is_read_and_used(tmp_path: Path, cli: Invoke) -> None:
    path = write(tmp_path, "calendar.yaml", VALID)
    assert deadlines(cli, path).stderr == ""
    calendar = WorkCalendar(load_calendar(path))
    assert not calendar.is_workday(date(2099, 1, 2))  # a Friday holiday
    assert calendar.is_workday(date(2099, 1, 10))  # a make-up Saturday
    assert calendar.add_workdays(date(2099, 1, 1), 1) == date(2099, 1, 5)


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        # A holiday block that ends before it starts.
        (
            "start: 2099-01-01, end: 2099-01-04",
            "start: 2099-01-04, end: 2099-01-01",
            "2099-01-01}",
            "years[0].holidays[0].end: the holiday block ends on 2099-01-01, before it starts on 2099-01-04",
        ),
        # A day both holiday and make-up working day.
        (
            "workdays: [2099-01-10]",
            "workdays: [2099-01-10, 2099-01-03]",
            "2099-01-03]",
            "years[0].workdays[1]: 2099-01-03 is also a holiday (元旦); a day is a rest day or a working day",
        ),
        # A make-up working day on a weekday would change nothing: refused.
        (
            "workdays: [2099-01-10]",
            "workdays: [2099-01-06]",
            "2099-01-06",
            "years[0].workdays[0]: 2099-01-06 is a Tuesday, a working day anyway; a make-up working day is a "
            "Saturday or Sunday",
        ),
        # Dates outside the year they are listed under.
        ("end: 2099-01-04", "end: 2100-01-04", "2100-01-04", "years[0].holidays[0].end: 2100-01-04 is not in 2099"),
        ("workdays: [2099-01-10]", "workdays: [2098-12-27]", "2098", "years[0].workdays[0]: 2098-12-27 is not in 2099"),
        # Loose types.
        ("year: 2099", 'year: "2099"', '"2099"', "years[0].year: Input should be a valid integer (got '2099')"),
        ("start: 2099-01-01", "start: 4070908800", "4070908800", "years[0].holidays[0].start: write a date as"),
        ("workdays: [2099-01-10]", "workdays: [2099-1-10]", "2099-1-10", "years[0].workdays[0]: write a date as"),
        ("schema_version: 1", "schema_version: true", "true", "schema_version: Input should be a valid integer"),
        ("workdays: [2099-01-10]", "workdays: 2099-01-10", "2099", "years[0].workdays: Input should be a valid list"),
    ],
)
def test_impossible_schedules_are_refused_at_their_position(
    old: str, new: str, needle: str, message: str, tmp_path: Path, cli: Invoke
) -> None:
    assert old in VALID
    text = VALID.replace(old, new, 1)
    path = write(tmp_path, "calendar.yaml", text)
    assert_refused(deadlines(cli, path), path, text, needle, message, after=new)


def test_a_year_given_twice_is_refused_at_the_second(tmp_path: Path, cli: Invoke) -> None:
    text = VALID + "  - year: 2099\n    source: again\n    holidays: []\n"
    path = write(tmp_path, "calendar.yaml", text)
    message = "years[1].year: 2099 is given twice (first at years[0])"
    assert_refused(deadlines(cli, path), path, text, "2099", message, after="  - year: 2099\n    source: again")


@pytest.mark.parametrize("year", [OFFICIAL, 2010])
def test_a_year_the_official_calendar_has_cannot_be_replaced(year: int, tmp_path: Path, cli: Invoke) -> None:
    # Declaring the last week of an official year a holiday would move deadlines: refused.
    text = VALID + (
        f"  - year: {year}\n    source: a file that rewrites {year}\n"
        f"    holidays:\n      - {{name: x, start: {year}-12-28, end: {year}-12-31}}\n"
    )
    path = write(tmp_path, "calendar.yaml", text)
    message = f"years[1].year: the official calendar (chinesecalendar) already has {year}; a calendar file may only"
    assert_refused(deadlines(cli, path), path, text, str(year), message, after=f"  - year: {year}")


# Fuzz: the calendar loader refuses, it never crashes; what it accepts answers every day.

CALENDAR_BASE = parse_yaml(VALID, "calendar.yaml", what="calendar file").data
CALENDAR_VALUES = {
    "year": st.sampled_from([OFFICIAL, OFFICIAL + 1, 2098, 2099, 2100]),
    "start": iso_dates(2098, 2100),
    "end": iso_dates(2098, 2100),
    "workdays": iso_dates(2098, 2100),
    "name": st.sampled_from(["元旦", "春节"]),
}


@pytest.fixture(scope="module")
def fuzz_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "calendar.yaml"


@FUZZ
@given(content=file_contents(CALENDAR_BASE, CALENDAR_VALUES))
def test_random_calendar_files_never_crash_the_loader(content: bytes, fuzz_file: Path) -> None:
    fuzz_file.write_bytes(content)
    try:
        calendar = WorkCalendar(load_calendar(fuzz_file), estimate=True)
    except DataError:
        return
    for year in (OFFICIAL + 1, 2099):
        assert calendar.add_workdays(date(year, 1, 1), 20) > date(year, 1, 1)
