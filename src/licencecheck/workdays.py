"""The official working-day calendar: the State Council's holidays and make-up working days.

`chinesecalendar` carries the official schedule (one release a year, after the November notice)
and raises for a year it lacks; a user's calendar file adds a year the State Council has
published but the library does not have yet. A year neither covers is never guessed: the caller
gets a CalendarGapError, unless it asked for an estimate.

An estimate takes as rest days the weekends and the days that 《全国年节及纪念日放假办法》 art. 2 (as
amended by State Council Decree No. 795 of 2024-11-10, in force 2025-01-01) makes holidays every
year; the lunar dates and 清明 come from `borax`, imported only when an estimate is computed. What
only the State Council's yearly notice settles (bridging days, rest days in lieu of a holiday on a
weekend, make-up working days) stays unknown, and every estimate says so.

Weekends are rest days unless made working days (调休上班); statutory holidays are rest days.
Treating ordinary weekends as rest days for Civil Code art. 203 follows the older General
Principles art. 154 ("星期日或者其他法定休假日"): an inference, stated where it is used.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints

from licencecheck.errors import CalendarGapError, DataError
from licencecheck.i18n import N_, _, day, join, listing
from licencecheck.models import IsoDate, Problem, SchemaVersion, StrictModel
from licencecheck.strictyaml import Loc

Text = Annotated[str, StringConstraints(min_length=1)]
WEEKDAYS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday"))


class HolidayBlock(StrictModel):
    name: Text
    start: IsoDate
    end: IsoDate = Field(description="The last rest day of the block (inclusive).")

    def located_problems(self) -> list[Problem]:
        if self.end < self.start:
            message = _("the holiday block ends on {end}, before it starts on {start}")
            return [(("end",), message.format(end=day(self.end), start=day(self.start)))]
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
            (("holidays", i, key), when)
            for i, block in enumerate(self.holidays)
            for key, when in (("start", block.start), ("end", block.end))
        ] + [(("workdays", i), when) for i, when in enumerate(self.workdays)]
        message = _("{day} is not in {year}")
        return [(loc, message.format(day=day(when), year=self.year)) for loc, when in dated if when.year != self.year]

    def _workday_problems(self) -> list[Problem]:
        rest = {when: block.name for block in self.holidays for when in block.days()}
        problems: list[Problem] = []
        for i, when in enumerate(self.workdays):
            if when in rest:
                message = _("{day} is also a holiday ({holiday}); a day is a rest day or a working day")
                problems.append((("workdays", i), message.format(day=day(when), holiday=rest[when])))
            elif when.weekday() < 5:
                message = _("{day} is a {weekday}, a working day anyway; a make-up working day is a Saturday or Sunday")
                weekday = _(WEEKDAYS[when.weekday()])
                problems.append((("workdays", i), message.format(day=day(when), weekday=weekday)))
        return problems


class CalendarFile(StrictModel):
    schema_version: SchemaVersion
    years: list[YearSchedule] = Field(min_length=1)

    def located_problems(self) -> list[Problem]:
        first: dict[int, int] = {}
        problems: list[Problem] = []
        for i, schedule in enumerate(self.years):
            if schedule.year in first:
                message = _("{year} is given twice (first at years[{first}])")
                problems.append((("years", i, "year"), message.format(year=schedule.year, first=first[schedule.year])))
            first.setdefault(schedule.year, i)
        return problems


class WorkCalendar:
    """Is a day a working day? Official data only, or an explicit, labelled estimate."""

    def __init__(self, extra: CalendarFile | None = None, *, estimate: bool = False) -> None:
        self.extra: dict[int, tuple[set[date], set[date], str]] = {}
        for schedule in extra.years if extra else []:
            rest = {when for block in schedule.holidays for when in block.days()}
            self.extra[schedule.year] = (rest, set(schedule.workdays), schedule.source)
        self.estimate = estimate
        self.estimated_years: set[int] = set()

    def is_workday(self, when: date) -> bool:
        if when.year in self.extra:
            rest, work, _source = self.extra[when.year]
            if when in work:
                return True
            return when not in rest and when.weekday() < 5
        import chinese_calendar

        try:
            return bool(chinese_calendar.is_workday(when))
        except NotImplementedError:
            if not self.estimate:
                message = _(
                    "no official working-day schedule for {year} is known (the State Council publishes each year's "
                    "in November; add it with --calendar FILE, or pass --estimate to accept an estimate that knows "
                    "only weekends and the statutory holidays)"
                )
                raise CalendarGapError(when.year, message.format(year=when.year)) from None
            self.estimated_years.add(when.year)
            return when.weekday() < 5 and when not in statutory_rest_days(when.year)

    def is_estimate(self, year: int) -> bool:
        """Whether `year`'s working days were estimated (neither official nor from a calendar file)."""
        return year not in self.extra and year in self.estimated_years

    def source(self, year: int) -> str:
        """Where `year`'s working days come from, as the computation text says it."""
        if year in self.extra:
            return _("calendar file: {source}").format(source=self.extra[year][2])
        if year in self.estimated_years:
            return estimate_source(year)
        return _("chinesecalendar (State Council schedule)")

    def next_workday_on_or_after(self, when: date) -> date:
        while not self.is_workday(when):
            when += timedelta(days=1)
        return when

    def add_workdays(self, start: date, count: int) -> date:
        """The `count`-th working day after `start` (the start day is not counted)."""
        when = start
        remaining = count
        while remaining:
            when += timedelta(days=1)
            if self.is_workday(when):
                remaining -= 1
        return when


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
            message = _(
                "{where}: {key}: the official calendar (chinesecalendar) already has {year}; "
                "a calendar file may only add a year it lacks"
            )
            raise DataError(message.format(where=document.where(loc), key=dotted(loc), year=schedule.year))
    return calendar


def official_has_year(year: int) -> bool:
    import chinese_calendar

    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


STATUTORY_SOURCE = N_(
    "《全国年节及纪念日放假办法》 art. 2 as amended by State Council Decree No. 795 (2024-11-10, in force 2025-01-01)"
)
"""The text that makes the statutory holidays (translated where it is said)."""
STATUTORY_FROM = 2025
"""The first year the amended art. 2 governs; an estimate for an earlier year (only years before
`chinesecalendar`'s first, 2004, can need one) takes no statutory holidays: earlier texts differ."""
LUNAR_LAST_YEAR = 2100
"""The last year `borax` has lunar months and solar terms for."""


@cache
def statutory_holidays(year: int) -> tuple[tuple[str, tuple[date, ...]], ...]:
    """The holidays for all citizens that art. 2 fixes in `year`, by festival in calendar order:
    元旦 1 Jan; 春节 农历除夕 to 正月初三 (4 days); 清明节 the day of the 清明 solar term; 劳动节 1-2 May;
    端午节 农历五月初五; 中秋节 农历八月十五; 国庆节 1-3 Oct. Empty before 2025; after 2100 only the
    fixed-date ones (the lunar ones are beyond `borax`'s tables)."""
    if year < STATUTORY_FROM:
        return ()
    holidays = [
        ("元旦", (date(year, 1, 1),)),
        ("劳动节", (date(year, 5, 1), date(year, 5, 2))),
        ("国庆节", (date(year, 10, 1), date(year, 10, 2), date(year, 10, 3))),
    ]
    if year <= LUNAR_LAST_YEAR:
        from borax.calendars.lunardate import LunarDate, TermUtils  # type: ignore[import-untyped,unused-ignore]

        new_year: date = LunarDate(year, 1, 1).to_solar_date()
        qingming: date = TermUtils.nth_term_day(year, term_name="清明")
        dragon_boat: date = LunarDate(year, 5, 5).to_solar_date()
        mid_autumn: date = LunarDate(year, 8, 15).to_solar_date()
        holidays += [
            # 除夕 is the eve of 正月初一, whether the twelfth month has 29 days or 30.
            ("春节", tuple(new_year + timedelta(days=offset) for offset in range(-1, 3))),
            ("清明节", (qingming,)),
            ("端午节", (dragon_boat,)),
            ("中秋节", (mid_autumn,)),
        ]
    return tuple(sorted(holidays, key=lambda holiday: holiday[1][0]))


@cache
def statutory_rest_days(year: int) -> frozenset[date]:
    return frozenset(when for _name, days in statutory_holidays(year) for when in days)


def estimate_source(year: int) -> str:
    """How an estimated year's working days were found, for the computation text."""
    holidays = statutory_holidays(year)
    source = _(STATUTORY_SOURCE)
    if not holidays:
        message = _(
            "ESTIMATE, no official schedule for {year}: weekdays only; the statutory holidays of {source} are not "
            "taken for a year before {first}, and holidays and make-up working days are unknown"
        )
        return message.format(year=year, source=source, first=STATUTORY_FROM)
    # TRANSLATORS: a statutory holiday and its days, as in "春节 2031-01-22 to 2031-01-25".
    days = join(_("{holiday} {days}").format(holiday=name, days=_span(spanned)) for name, spanned in holidays)
    if year <= LUNAR_LAST_YEAR:
        lunar = _("lunar dates and 清明 from borax")
    else:
        festivals = listing(["春节", "清明节", "端午节"])
        lunar = _("{festivals} and 中秋节 not taken: no lunar calendar after {year}").format(
            festivals=festivals, year=LUNAR_LAST_YEAR
        )
    message = _(
        "ESTIMATE, no official schedule for {year}: rest days are weekends and the statutory holidays of "
        "{source}: {days} ({lunar}); bridging days, rest days in lieu of a holiday on a weekend and make-up "
        "working days (调休上班) are unknown until the State Council's notice"
    )
    return message.format(year=year, source=source, days=days, lunar=lunar)


def _span(days: tuple[date, ...]) -> str:
    if len(days) == 1:
        return day(days[0])
    return _("{start} to {end}").format(start=day(days[0]), end=day(days[-1]))
