"""`deadlines --format ics`: every alarm fires when it makes sense, read back by a second iCalendar
reader (vobject) besides the `icalendar` package that writes the file.

An alarm fires on or before its deadline, never before the duty arose (a window's opening, the
event that starts the period, else the licence's start), and counts back from the deadline: an
annual report due on 31 March is never announced in December.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import vobject

from licencecheck.render.ics import render_ics
from licencecheck.report import Finding, Report, Verdict

from .conftest import BUNDLED, REPO, Invoke

SHANGHAI = ZoneInfo("Asia/Shanghai")
YU = "渝B2-20210467"
LICENCES = [BUNDLED, *sorted((REPO / "examples" / "licences").glob("*.yaml"))]


@dataclass(frozen=True)
class Fired:
    """One alarm as the second reader sees it: the absolute time it fires, and what it says."""

    uid: str
    at: datetime
    says: str


def fired(text: str) -> list[Fired]:
    """Every alarm of every event, fired at DTSTART or DTEND (by RELATED) plus its TRIGGER; the
    days are floating all-day dates, read in Asia/Shanghai as the calendar says."""
    calendar = vobject.readOne(text)
    assert calendar.contents["x-wr-timezone"][0].value == "Asia/Shanghai"
    alarms = []
    for event in calendar.vevent_list:
        assert event.dtstart.params.get("VALUE") == ["DATE"] and event.dtend.params.get("VALUE") == ["DATE"]
        for alarm in event.contents.get("valarm", []):
            trigger = alarm.trigger.value
            assert isinstance(trigger, timedelta)
            related = alarm.trigger.params.get("RELATED", ["START"])[0]
            anchor = event.dtend.value if related == "END" else event.dtstart.value
            at = datetime.combine(anchor, time(), SHANGHAI) + trigger
            alarms.append(Fired(event.uid.value, at, alarm.description.value))
    return alarms


def day_of(text: Any) -> date:
    return date.fromisoformat(str(text))


def bounds(report: dict[str, Any]) -> dict[str, tuple[date, date]]:
    """From the JSON report of the same command: each event's UID -> (the day its duty arose, its deadline)."""
    starts = {f["licence"]: day_of(f["data"]["valid_from"]) for f in report["findings"] if f["check"] == "validity"}
    found = {
        f"{number}/validity/end@licencecheck": (start, day_of(validity(report, number)["valid_until"]))
        for number, start in starts.items()
    }
    for finding in report["findings"]:
        data = finding["data"]
        if finding["check"] == "deadlines":
            uid = f"{finding['licence']}/{data['obligation']}/{data['key']}@licencecheck"
            arose = day_of(data["window_start"]) if data["window_start"] else starts[finding["licence"]]
            found[uid] = (arose, day_of(data["due"]))
    return found


def validity(report: dict[str, Any], number: str) -> dict[str, Any]:
    return next(f["data"] for f in report["findings"] if f["check"] == "validity" and f["licence"] == number)


def calendar_and_report(cli: Invoke, *argv: str) -> tuple[list[Fired], dict[str, Any]]:
    ics, report = cli("deadlines", *argv, "--format", "ics"), cli("deadlines", *argv, "--format", "json")
    assert ics.exit_code == report.exit_code and ics.exit_code in {0, 1}, ics.stderr
    return fired(ics.stdout), json.loads(report.stdout)


def midnight(day: date) -> datetime:
    return datetime.combine(day, time(), SHANGHAI)


SCENARIOS = {
    "bundled": ("--on", "2026-06-01"),
    "10-working-day report": ("--on", "2026-09-30", "--event", "illegal-info-report=2026-09-28"),
    "30-day report": ("--on", "2026-06-01", "--event", "registration-change-report=2026-05-20"),
    "planned change": ("--on", "2026-06-01", "--event", "service-item-change-report=2026-07-05"),
    "records": ("--on", "2026-11-01", "--records", str(REPO / "examples" / "compliance" / "renewal-filed.yaml")),
    "portfolio": ("--on", "2026-06-01", "--licence", str(BUNDLED), "--licence", str(LICENCES[1])),
    **{path.stem: ("--on", "2026-06-01", "--licence", str(path)) for path in LICENCES[1:]},
}


@pytest.mark.parametrize("argv", SCENARIOS.values(), ids=SCENARIOS.keys())
def test_every_alarm_fires_between_the_duty_and_its_deadline(cli: Invoke, argv: tuple[str, ...]) -> None:
    alarms, report = calendar_and_report(cli, *argv)
    window = bounds(report)
    assert alarms and {alarm.uid for alarm in alarms} <= set(window)
    for alarm in alarms:
        arose, deadline = window[alarm.uid]
        assert midnight(arose) <= alarm.at < midnight(deadline + timedelta(days=1)), alarm


@pytest.mark.parametrize("argv", SCENARIOS.values(), ids=SCENARIOS.keys())
def test_annual_report_alarms_fall_in_its_window_never_in_december(cli: Invoke, argv: tuple[str, ...]) -> None:
    alarms, report = calendar_and_report(cli, *argv)
    annual = [alarm for alarm in alarms if "/annual-report/" in alarm.uid]
    assert annual or not any("/annual-report/" in uid for uid in bounds(report))
    for alarm in annual:
        year = int(alarm.uid.split("/")[-1].split("@")[0])
        assert alarm.at.month != 12
        assert date(year, 1, 1) <= alarm.at.date() <= date(year, 3, 31), alarm
    days = {alarm.at.date() for alarm in annual if alarm.uid == f"{YU}/annual-report/2026@licencecheck"}
    assert days <= {date(2026, 3, 2), date(2026, 3, 25)}


@pytest.mark.parametrize("argv", SCENARIOS.values(), ids=SCENARIOS.keys())
def test_the_validity_end_reminds_of_the_renewal_deadline(cli: Invoke, argv: tuple[str, ...]) -> None:
    alarms, report = calendar_and_report(cli, *argv)
    for number in report["licences"]:
        data = validity(report, number)
        renewal = day_of(data["renewal_deadline"])
        on_end = [alarm for alarm in alarms if alarm.uid == f"{number}/validity/end@licencecheck"]
        before_renewal = [alarm for alarm in on_end if alarm.at < midnight(renewal + timedelta(days=1))]
        assert {a.at.date() for a in before_renewal} == {renewal - timedelta(days=29), renewal - timedelta(days=6)}
        assert all(f"renewal application due on {renewal}" in alarm.says for alarm in before_renewal)


def test_a_report_due_14_days_after_its_event_has_no_30_day_alarm(cli: Invoke) -> None:
    alarms, _ = calendar_and_report(cli, *SCENARIOS["10-working-day report"])
    uid = f"{YU}/illegal-info-report/2026-09-28@licencecheck"
    assert [(a.at, a.says) for a in alarms if a.uid == uid] == [
        (midnight(date(2026, 10, 10)), "illegal-info-report due on 2026-10-16: 7 days left, that day included")
    ]


def test_each_licence_of_a_portfolio_has_its_own_validity_end(cli: Invoke) -> None:
    alarms, report = calendar_and_report(cli, *SCENARIOS["portfolio"])
    ends = {alarm.uid for alarm in alarms if alarm.uid.endswith("/validity/end@licencecheck")}
    assert ends == {f"{number}/validity/end@licencecheck" for number in report["licences"]}
    assert len(ends) == 2


def item(obligation: str, key: str, due: str, window_start: str | None, *, window: bool = False) -> Finding:
    data = {"obligation": obligation, "key": key, "action": "做", "window": window, "window_start": window_start}
    data |= {"due": due, "computation": "how", "status": "open", "estimate": False}
    return Finding("deadlines", f"{obligation} ({key})", Verdict.PASS, "open", "十四", data, YU)


def small_report() -> Report:
    """One licence: its validity, an annual window, a 10-working-day report, a 3-day one and a
    planned change (due 30 days before the planned day; its duty has no start but the licence's)."""
    report = Report(command="deadlines", licence_number=YU, on=date(2025, 12, 1))
    dates = {"valid_from": "2021-10-20", "valid_until": "2026-10-20", "renewal_deadline": "2026-07-22"}
    report.add(Finding("validity", YU, Verdict.PASS, "in force", "正文", dates, YU))
    report.add(item("annual-report", "2026", "2026-03-31", "2026-01-01", window=True))
    report.add(item("illegal-info-report", "2026-09-28", "2026-10-16", "2026-09-28"))
    report.add(item("quick-report", "2026-05-01", "2026-05-04", "2026-05-01"))
    report.add(item("service-item-change-report", "2026-07-05", "2026-06-05", None))
    return report


def test_the_exact_lines_of_a_small_calendar() -> None:
    text = re.sub(r"\r?\n ", "", render_ics(small_report()))  # unfold RFC 5545 lines
    wanted = re.compile(r"^(UID|DTSTART|DTEND|TRIGGER|X-WR-TIMEZONE)[:;]")
    assert [line for line in text.splitlines() if wanted.match(line)] == [
        "X-WR-TIMEZONE:Asia/Shanghai",
        "DTSTART;VALUE=DATE:20261020",
        "DTEND;VALUE=DATE:20261021",
        f"UID:{YU}/validity/end@licencecheck",
        "TRIGGER;RELATED=END:-P120D",  # 30 and 7 days before the renewal deadline, 2026-07-22
        "TRIGGER;RELATED=END:-P97D",
        "TRIGGER;RELATED=END:-P30D",  # 30 and 7 days before the last day in force
        "TRIGGER;RELATED=END:-P7D",
        "DTSTART;VALUE=DATE:20260101",
        "DTEND;VALUE=DATE:20260401",
        f"UID:{YU}/annual-report/2026@licencecheck",
        "TRIGGER;RELATED=END:-P30D",  # 2026-03-02, not 2025-12-02
        "TRIGGER;RELATED=END:-P7D",
        "DTSTART;VALUE=DATE:20261016",
        "DTEND;VALUE=DATE:20261017",
        f"UID:{YU}/illegal-info-report/2026-09-28@licencecheck",
        "TRIGGER;RELATED=END:-P7D",  # 30 days before is before the event of 2026-09-28
        "DTSTART;VALUE=DATE:20260504",
        "DTEND;VALUE=DATE:20260505",
        f"UID:{YU}/quick-report/2026-05-01@licencecheck",
        "TRIGGER;RELATED=END:-P1D",  # shorter than 7 days: on the due day alone
        "DTSTART;VALUE=DATE:20260605",
        "DTEND;VALUE=DATE:20260606",
        f"UID:{YU}/service-item-change-report/2026-07-05@licencecheck",
        "TRIGGER;RELATED=END:-P30D",
        "TRIGGER;RELATED=END:-P7D",
    ]
    assert "DESCRIPTION:quick-report due on 2026-05-04: the last day" in text
    assert "DESCRIPTION:annual-report due on 2026-03-31: 30 days left\\, that day included" in text


def test_the_small_calendar_read_back_fires_as_documented() -> None:
    at = {(alarm.uid.split("/")[1], alarm.at.date()) for alarm in fired(render_ics(small_report()))}
    assert at == {
        ("validity", date(2026, 6, 23)),
        ("validity", date(2026, 7, 16)),
        ("validity", date(2026, 9, 21)),
        ("validity", date(2026, 10, 14)),
        ("annual-report", date(2026, 3, 2)),
        ("annual-report", date(2026, 3, 25)),
        ("illegal-info-report", date(2026, 10, 10)),
        ("quick-report", date(2026, 5, 4)),
        ("service-item-change-report", date(2026, 5, 7)),
        ("service-item-change-report", date(2026, 5, 30)),
    }
