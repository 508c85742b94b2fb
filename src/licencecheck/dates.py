"""Dates as users write them, and "today" as the licence's jurisdiction counts it."""

from __future__ import annotations

import re
from datetime import date, datetime

from licencecheck.errors import InputError
from licencecheck.i18n import N_, _, quote

LICENCE_TIME_ZONE = "Asia/Shanghai"

EARLIEST = date(1980, 1, 1)
LATEST = date(2199, 12, 31)
"""Days the tool reasons about: value-added telecom licences date from the 1990s, and every
computation (windows, periods, the timeline's margins) stays far inside Python's years 1-9999."""

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_CHINESE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_NOT_A_DAY = {
    "month must be in 1..12": N_("month must be in 1..12"),
    "day is out of range for month": N_("day is out of range for month"),
}
"""Why `date()` refused a day, in words the catalogue translates (others are said as Python says them)."""


def parse_date(text: str, *, what: str | None = None) -> date:
    """Parse `2026-10-20` or `2026年10月20日`; anything else, or a day that does not exist, is an InputError."""
    what = _("date") if what is None else what
    cleaned = text.strip()
    match = _ISO.match(cleaned) or _CHINESE.match(cleaned)
    if match is None:
        raise InputError(
            _("{what}: {text} is not a date; write 2026-10-20 or 2026年10月20日").format(what=what, text=quote(text))
        )
    year, month, day = (int(part) for part in match.groups())
    try:
        parsed = date(year, month, day)
    except ValueError as exc:
        reason = _NOT_A_DAY.get(str(exc))
        raise InputError(
            _("{what}: {text} is not a real day ({reason})").format(
                what=what, text=quote(text), reason=_(reason) if reason else str(exc)
            )
        ) from None
    return in_range(parsed, what=what)


def in_range(day: date, *, what: str) -> date:
    """`day`, or an InputError if it is outside the years the tool reasons about."""
    if not EARLIEST <= day <= LATEST:
        from licencecheck.i18n import day as show_day

        raise InputError(
            _("{what}: {day} is outside the supported range {earliest} to {latest}").format(
                what=what, day=show_day(day), earliest=show_day(EARLIEST), latest=show_day(LATEST)
            )
        )
    return day


def today() -> date:
    """Today in Asia/Shanghai, whatever the machine's time zone."""
    from datetime import UTC

    return licence_day(datetime.now(UTC))


def licence_day(instant: datetime) -> date:
    """The day an instant falls on in Asia/Shanghai (UTC+8, no daylight saving)."""
    from zoneinfo import ZoneInfo

    if instant.tzinfo is None:
        raise ValueError("licence_day needs an aware datetime")  # a programming error, not a message
    return instant.astimezone(ZoneInfo(LICENCE_TIME_ZONE)).date()


def day_or_today(text: str | None, *, what: str = "--on") -> date:
    return today() if text is None else parse_date(text, what=what)
