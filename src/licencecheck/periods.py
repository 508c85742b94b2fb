"""Counting periods the way PRC law does (Civil Code arts. 200-204).

- Art. 201: the starting day is not counted; counting starts the next day.
- Art. 202: for months and years, the last day is the corresponding day of the final month, or
  that month's last day if it has no such day (dateutil's relativedelta does exactly this).
- Art. 203: a last day that is a statutory rest day moves to the day after the rest ends.
Periods in working days count official working days (see `workdays`).
"""

from __future__ import annotations

from datetime import date, timedelta

from licencecheck.i18n import N_, _
from licencecheck.i18n import day as show_day

UNIT_WORDS = {
    "days": N_("{amount} days"),
    "months": N_("{amount} months"),
    "years": N_("{amount} years"),
}
"""A period as people read it: `90 days`, `1 years` (90日, 1年)."""


def period(amount: int, unit: str) -> str:
    """`amount` `unit` as people read it: `90 days` in English, `90日` in Chinese."""
    words = UNIT_WORDS.get(unit)
    return _(words).format(amount=amount) if words else f"{amount} {unit}"


def shift(day: date, amount: int, unit: str) -> date:
    """`day` moved by `amount` days, months or years (negative goes back); month ends clamp.
    A result outside the supported years is an InputError, never an OverflowError."""
    from licencecheck.dates import in_range

    try:
        moved = _shift(day, amount, unit)
    except (OverflowError, ValueError):
        moved = date.max if amount > 0 else date.min
    moved_by = period(abs(amount), unit)
    what = _("{day} + {period}") if amount >= 0 else _("{day} - {period}")
    return in_range(moved, what=what.format(day=show_day(day), period=moved_by))


def _shift(day: date, amount: int, unit: str) -> date:
    if unit == "days":
        return day + timedelta(days=amount)
    from dateutil.relativedelta import relativedelta

    if unit == "months":
        return day + relativedelta(months=amount)
    if unit == "years":
        return day + relativedelta(years=amount)
    raise ValueError(f"unknown period unit {unit!r}")


def before(end: date, amount: int, unit: str) -> date:
    """The day `amount` units before `end` ("提前90日": 90 calendar days before the end)."""
    return shift(end, -amount, unit)


def nominal_end(trigger: date, amount: int, unit: str) -> date:
    """Last day of a period of calendar days, months or years that starts after `trigger`
    (art. 201: the trigger day is not counted, so 30 days after 09-03 ends on 10-03)."""
    return shift(trigger, amount, unit)
