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
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from licencecheck.errors import CalendarGapError

Text = Annotated[str, StringConstraints(min_length=1)]


class HolidayBlock(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Text
    start: date
    end: date


class YearSchedule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    year: int = Field(ge=2000, le=2100)
    source: Text = Field(description="The State Council notice this schedule copies.")
    holidays: list[HolidayBlock]
    workdays: list[date] = Field(default_factory=list, description="Make-up working days (调休上班).")

    @model_validator(mode="after")
    def _dates_in_year(self) -> YearSchedule:
        days = [d for block in self.holidays for d in (block.start, block.end)] + list(self.workdays)
        stray = [d for d in days if d.year != self.year]
        if stray:
            raise ValueError(f"dates outside {self.year}: {', '.join(map(str, stray))}")
        return self


class CalendarFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1]
    years: list[YearSchedule] = Field(min_length=1)


class WorkCalendar:
    """Is a day a working day? Official data only, or an explicit, labelled estimate."""

    def __init__(self, extra: CalendarFile | None = None, *, estimate: bool = False) -> None:
        self.extra: dict[int, tuple[set[date], set[date], str]] = {}
        for schedule in extra.years if extra else []:
            rest = {
                block.start + timedelta(days=i)
                for block in schedule.holidays
                for i in range((block.end - block.start).days + 1)
            }
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
    from licencecheck.loading import load_model

    return load_model(path, CalendarFile, what="calendar file")
