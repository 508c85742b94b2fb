"""RFC 5545 calendar of the deadlines (for `deadlines --format ics`), built with icalendar.

One all-day event per deadline or window, alarms 30 and 7 days before, and UIDs derived from
the licence, obligation and key, so that re-importing updates events instead of duplicating them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from licencecheck.report import Report, Status


def render_ics(report: Report) -> str:
    from icalendar import Alarm, Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//licencecheck//deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{report.licence_number} deadlines")
    stamp = datetime.combine(report.on or date.today(), datetime.min.time(), tzinfo=UTC)
    for finding in report.findings:
        data = finding.data
        if finding.check != "deadlines" or data.get("status") in {Status.INFORMATION, Status.NOT_APPLICABLE}:
            continue
        due = date.fromisoformat(str(data["due"]))
        start = (
            date.fromisoformat(str(data["window_start"])) if data.get("window") and data.get("window_start") else due
        )
        number = finding.licence or report.licence_number
        event = Event()
        event.add("uid", f"{number}/{data['obligation']}/{data['key']}@licencecheck")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", due + timedelta(days=1))
        estimate = " [ESTIMATE]" if data.get("estimate") else ""
        event.add("summary", f"{number} {data['obligation']}: {data['action']}{estimate}")
        basis = finding.clause if finding.clause.startswith("regulation:") else f"特别规定事项 {finding.clause}"
        event.add("description", f"{finding.message}\n{basis}\n{data['computation']}")
        for days in (30, 7):
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{data['obligation']} due on {due}")
            alarm.add("trigger", timedelta(days=-days))
            event.add_component(alarm)
        calendar.add_component(event)
    return str(calendar.to_ical().decode("utf-8"))
