"""RFC 5545 calendar of the deadlines (for `deadlines --format ics`), built with icalendar.

One all-day event (VALUE=DATE; the days are days in Asia/Shanghai) per deadline or window, and
one per licence on its last day in force. UIDs derive from the licence, obligation and key, so
that re-importing updates events instead of duplicating them.

Alarms count back from the deadline, never from a window's start: every TRIGGER is
RELATED=END, relative to the end of the event's last day. `-P30D` on a deadline's event fires at
00:00 on the day from which 30 days are left, the due day included (2 March for 31 March). An
alarm that would fire before the duty arises (a window's opening, the event that starts the
period, else the licence's start) is dropped; if none is left, one fires on the due day.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from licencecheck.i18n import _, day
from licencecheck.report import Finding, Report, Status

if TYPE_CHECKING:
    from icalendar import Alarm, Event

ALARM_DAYS = (30, 7)
"""Alarms fire when this many days are left until a deadline, its due day included."""
DUE_DAY = 1
"""The alarm of a duty that arises less than the shortest of ALARM_DAYS before its deadline."""
TIME_ZONE = "Asia/Shanghai"
NO_EVENT = {Status.INFORMATION, Status.NOT_APPLICABLE}
"""Items with no deadline (data retention) and windows after the licence has ended."""


@dataclass(frozen=True)
class Reminder:
    """A deadline that an event's alarms count back from, and the day its duty arose."""

    what: str
    """What is due when, as the alarm says it."""
    deadline: date
    arises: date | None

    def fires_on(self, days: int) -> date:
        """The day (at 00:00) on which `days` days are left, the due day included."""
        return self.deadline - timedelta(days=days - 1)


def render_ics(report: Report) -> str:
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", "-//licencecheck//deadlines//EN")
    calendar.add("version", "2.0")
    # TRANSLATORS: the name of the calendar that `deadlines --format ics` writes.
    calendar.add("x-wr-calname", _("{licence} deadlines").format(licence=report.licence_number))
    calendar.add("x-wr-timezone", TIME_ZONE)
    stamp = datetime.combine(report.on or date.today(), datetime.min.time(), tzinfo=UTC)
    for event in _events(report):
        event.add("dtstamp", stamp)
        calendar.add_component(event)
    return str(calendar.to_ical().decode("utf-8"))


def _events(report: Report) -> Iterator[Event]:
    """Each licence's validity end, then each deadline or window that applies, in report order."""
    starts = {
        finding.licence or report.licence_number: date.fromisoformat(str(finding.data["valid_from"]))
        for finding in report.findings
        if finding.check == "validity"
    }
    for finding in report.findings:
        if finding.check == "validity":
            yield _validity_end(finding, finding.licence or report.licence_number)
        elif finding.check == "deadlines" and finding.data.get("status") not in NO_EVENT:
            number = finding.licence or report.licence_number
            yield _deadline(finding, number, starts.get(number))


def _deadline(finding: Finding, number: str, licence_start: date | None) -> Event:
    """A deadline on its due day, or a window from its opening to its due day."""
    data = finding.data
    due = date.fromisoformat(str(data["due"]))
    opens = date.fromisoformat(str(data["window_start"])) if data.get("window_start") else None
    start = opens if data.get("window") and opens else due
    basis = _basis(finding.clause)
    words = {
        "licence": number,
        "obligation": finding.shown_subject.removesuffix(f" ({data['key']})"),
        "action": data["action"],
    }
    if data.get("estimate"):
        # TRANSLATORS: an event's title; the date is an estimate (no official holiday schedule yet).
        summary = _("{licence} {obligation}: {action} [ESTIMATE]").format(**words)
    else:
        summary = _("{licence} {obligation}: {action}").format(**words)
    event = _event(
        f"{number}/{data['obligation']}/{data['key']}@licencecheck",
        (start, due),
        summary,
        f"{finding.message}\n{basis}\n{data['computation']}",
    )
    # A window or an after-event period arises on its start day; any other duty with the licence.
    what = _("{obligation} due on {day}").format(obligation=data["obligation"], day=day(due))
    reminder = Reminder(what, due, opens or licence_start)
    for alarm in _alarms(due, [reminder]):
        event.add_component(alarm)
    return event


def _basis(clause: str) -> str:
    """What a duty rests on, as the event says it: a regulation as cited, a licence clause as
    `特别规定事项 十四`. A regulation is cited as `regulation: 《…》第…条` (models.Obligation.citation),
    in the language of the run."""
    cited = _("regulation: {article}").split("{article}", 1)[0]
    from licencecheck.models import provision_label

    return clause if clause.startswith(("regulation:", cited)) else provision_label(clause)


def _validity_end(finding: Finding, number: str) -> Event:
    """The licence's last day in force, reminding of the renewal deadline before it."""
    data = finding.data
    start, until = date.fromisoformat(str(data["valid_from"])), date.fromisoformat(str(data["valid_until"]))
    renewal = date.fromisoformat(str(data["renewal_deadline"])) if data.get("renewal_deadline") else None
    lines = [finding.message, finding.clause]
    reminders = [Reminder(_("{licence} is in force until {day}").format(licence=number, day=day(until)), until, start)]
    if renewal is not None:
        lines.append(_("renewal application due by {day}").format(day=day(renewal)))
        what = _("{licence} renewal application due on {renewal} (the licence ends on {until})").format(
            licence=number, renewal=day(renewal), until=day(until)
        )
        reminders.insert(0, Reminder(what, renewal, start))
    event = _event(
        f"{number}/validity/end@licencecheck",
        (until, until),
        _("{licence} validity end: last day in force").format(licence=number),
        "\n".join(lines),
    )
    for alarm in _alarms(until, reminders):
        event.add_component(alarm)
    return event


def _event(uid: str, days: tuple[date, date], summary: str, description: str) -> Event:
    """An all-day event from days[0] to days[1], both included (DTEND is the day after)."""
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstart", days[0])
    event.add("dtend", days[1] + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    return event


def _alarms(last_day: date, reminders: list[Reminder]) -> list[Alarm]:
    """For an event whose last day is `last_day`: each reminder's alarms, counted back from the
    end of the event (RELATED=END), none before its duty arose, one trigger at most once."""
    seen: set[timedelta] = set()
    alarms = []
    for reminder in reminders:
        for days in _alarm_days(reminder):
            trigger = -timedelta(days=(last_day - reminder.deadline).days + days)
            if trigger not in seen:
                seen.add(trigger)
                alarms.append(_alarm(trigger, _alarm_text(reminder, days)))
    return alarms


def _alarm_days(reminder: Reminder) -> list[int]:
    """ALARM_DAYS that fire on or after the day the duty arose; else the due day alone."""
    days = [n for n in ALARM_DAYS if reminder.arises is None or reminder.fires_on(n) >= reminder.arises]
    return days or [DUE_DAY]


def _alarm_text(reminder: Reminder, days: int) -> str:
    if days == DUE_DAY:
        # TRANSLATORS: an alarm on a deadline's last day ("annual-report due on 2027-03-31: the last day").
        return _("{what}: the last day").format(what=reminder.what)
    # TRANSLATORS: an alarm; {days} is 30 or 7, counting the due day itself.
    return _("{what}: {days} days left, that day included").format(what=reminder.what, days=days)


def _alarm(trigger: timedelta, description: str) -> Alarm:
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", description)
    alarm.add("trigger", trigger, parameters={"RELATED": "END"})
    return alarm
