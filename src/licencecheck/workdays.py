"""The official working-day calendar: the State Council's holidays and make-up working days.

`chinesecalendar` carries the official schedule (one release a year, after the November notice)
and raises for a year it lacks; a user's calendar file adds a year the State Council has
published but the library does not have yet. A year neither covers is never guessed: the caller
gets a CalendarGapError, unless it asked for a weekday-only estimate.

Weekends are rest days unless made working days (调休上班); statutory holidays are rest days.
Treating ordinary weekends as rest days for Civil Code art. 203 follows the older General
Principles art. 154 ("星期日或者其他法定休假日"): an inference, stated where it is used.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints

from licencecheck.errors import CalendarGapError, DataError
from licencecheck.models import IsoDate, Problem, SchemaVersion, StrictModel
from licencecheck.strictyaml import Loc

Text = Annotated[str, StringConstraints(min_length=1)]
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class HolidayBlock(StrictModel):
    name: Text
    start: IsoDate
    end: IsoDate = Field(description="The last rest day of the block (inclusive).")

    def located_problems(self) -> list[Problem]:
        if self.end < self.start:
            return [(("end",), f"the holiday block ends on {self.end}, before it starts on {self.start}")]
        return []

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]


class YearSchedule(StrictModel):
    year: int = Field(ge=2000, le=2100)
    source: Text = Field(description="The State Council notice this schedule copies.")
    holidays: list[HolidayBlock]
    workdays: list[IsoDate] = Field(
        default_factory=list, description="Make-up working days (调休上班): Saturdays or Sundays made working days."
    )

    def located_problems(self) -> list[Problem]:
        return self._stray_dates() or self._workday_problems()

    def _stray_dates(self) -> list[Problem]:
        dated: list[tuple[Loc, date]] = [
            (("holidays", i, key), day)
            for i, block in enumerate(self.holidays)
            for key, day in (("start", block.start), ("end", block.end))
        ] + [(("workdays", i), day) for i, day in enumerate(self.workdays)]
        return [(loc, f"{day} is not in {self.year}") for loc, day in dated if day.year != self.year]

    def _workday_problems(self) -> list[Problem]:
        rest = {day: block.name for block in self.holidays for day in block.days()}
        problems: list[Problem] = []
        for i, day in enumerate(self.workdays):
            if day in rest:
                problems.append(
                    (("workdays", i), f"{day} is also a holiday ({rest[day]}); a day is a rest day or a working day")
                )
            elif day.weekday() < 5:
                problems.append(
                    (
                        ("workdays", i),
                        f"{day} is a {WEEKDAYS[day.weekday()]}, a working day anyway; "
                        "a make-up working day is a Saturday or Sunday",
                    )
                )
        return problems


class CalendarFile(StrictModel):
    schema_version: SchemaVersion
    years: list[YearSchedule] = Field(min_length=1)

    def located_problems(self) -> list[Problem]:
        first: dict[int, int] = {}
        problems: list[Problem] = []
        for i, schedule in enumerate(self.years):
            if schedule.year in first:
                problems.append(
                    (("years", i, "year"), f"{schedule.year} is given twice (first at years[{first[schedule.year]}])")
                )
            first.setdefault(schedule.year, i)
        return problems


class WorkCalendar:
    """Is a day a working day? Official data only, or an explicit, labelled estimate."""

    def __init__(self, extra: CalendarFile | None = None, *, estimate: bool = False) -> None:
        self.extra: dict[int, tuple[set[date], set[date], str]] = {}
        for schedule in extra.years if extra else []:
            rest = {day for block in schedule.holidays for day in block.days()}
            self.extra[schedule.year] = (rest, set(schedule.workdays), schedule.source)
        self.estimate = estimate
        self.estimated_years: set[int] = set()

    def is_workday(self, day: date) -> bool:
        if day.year in self.extra:
            rest, work, _ = self.extra[day.year]
            if day in work:
                return True
            return day not in rest and day.weekday() < 5
        import chinese_calendar

        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            if not self.estimate:
                raise CalendarGapError(
                    day.year,
                    f"no official working-day schedule for {day.year} is known (the State Council publishes "
                    f"each year's in November; add it with --calendar FILE, or pass --estimate to accept a "
                    f"weekday-only estimate)",
                ) from None
            self.estimated_years.add(day.year)
            return day.weekday() < 5

    def source(self, year: int) -> str:
        if year in self.extra:
            return f"calendar file: {self.extra[year][2]}"
        if year in self.estimated_years:
            return "ESTIMATE: weekdays only, no official schedule"
        return "chinesecalendar (State Council schedule)"

    def next_workday_on_or_after(self, day: date) -> date:
        while not self.is_workday(day):
            day += timedelta(days=1)
        return day

    def add_workdays(self, start: date, count: int) -> date:
        """The `count`-th working day after `start` (the start day is not counted)."""
        day = start
        remaining = count
        while remaining:
            day += timedelta(days=1)
            if self.is_workday(day):
                remaining -= 1
        return day


def load_calendar(path: Path) -> CalendarFile:
    """Strict-load a calendar file; a year the official calendar already has is refused, so that a
    file can only fill a gap, never change an official schedule (and so a deadline)."""
    from licencecheck.datafiles import dotted, validate_document
    from licencecheck.strictyaml import load_yaml

    document = load_yaml(path, what="calendar file")
    calendar = validate_document(document, CalendarFile, what="calendar file")
    for index, schedule in enumerate(calendar.years):
        if official_has_year(schedule.year):
            loc = ("years", index, "year")
            raise DataError(
                f"{document.where(loc)}: {dotted(loc)}: the official calendar (chinesecalendar) already has "
                f"{schedule.year}; a calendar file may only add a year it lacks"
            )
    return calendar


def official_has_year(year: int) -> bool:
    import chinese_calendar

    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True
