"""validity and deadlines: period arithmetic over the 2026 calendar, records, .ics, the CLI."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from licencecheck.checks.deadlines import event_due
from licencecheck.datafiles import load_licence
from licencecheck.errors import CalendarGapError
from licencecheck.models import AfterEvent
from licencecheck.workdays import WorkCalendar

from .conftest import Invoke

CALENDAR = WorkCalendar()

# The State Council's 2026 notice (2025-11-04): every holiday block and every make-up working day.
HOLIDAYS_2026 = [
    ("2026-01-01", "2026-01-03"),
    ("2026-02-15", "2026-02-23"),
    ("2026-04-04", "2026-04-06"),
    ("2026-05-01", "2026-05-05"),
    ("2026-06-19", "2026-06-21"),
    ("2026-09-25", "2026-09-27"),
    ("2026-10-01", "2026-10-07"),
]
MAKE_UP_WORKDAYS_2026 = ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]


def days(start: str, end: str) -> list[date]:
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


@pytest.mark.parametrize(("start", "end"), HOLIDAYS_2026)
def test_holiday_blocks_are_rest_days(start: str, end: str) -> None:
    assert not any(CALENDAR.is_workday(day) for day in days(start, end))


@pytest.mark.parametrize("day", MAKE_UP_WORKDAYS_2026)
def test_make_up_days_are_working_days(day: str) -> None:
    assert date.fromisoformat(day).weekday() >= 5
    assert CALENDAR.is_workday(date.fromisoformat(day))


def rule(amount: int, unit: str) -> AfterEvent:
    return AfterEvent(kind="after-event", trigger="t", amount=amount, unit=unit, description="d")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("trigger", "amount", "unit", "due", "nominal"),
    [
        ("2026-09-28", 10, "working-days", "2026-10-16", None),  # the make-up Saturday 10-10 counts
        ("2026-09-03", 30, "days", "2026-10-08", "2026-10-03"),  # National Day, extended
        ("2026-01-02", 1, "working-days", "2026-01-04", None),  # make-up Sunday 01-04
        ("2025-12-31", 1, "days", "2026-01-04", "2026-01-01"),  # 元旦 over the year boundary; 01-04 works
        ("2026-01-14", 30, "days", "2026-02-13", None),  # Friday, a working day
        ("2026-01-15", 30, "days", "2026-02-14", None),  # make-up Saturday: a working day, not extended
        ("2026-01-16", 30, "days", "2026-02-24", "2026-02-15"),  # 春节 block
        ("2026-03-06", 30, "days", "2026-04-07", "2026-04-05"),  # 清明
        ("2026-04-01", 30, "days", "2026-05-06", "2026-05-01"),  # 劳动节
        ("2026-05-10", 10, "working-days", "2026-05-22", None),
        ("2026-05-20", 30, "days", "2026-06-22", "2026-06-19"),  # 端午
        ("2026-08-26", 30, "days", "2026-09-28", "2026-09-25"),  # 中秋
        ("2026-08-21", 30, "days", "2026-09-20", None),  # 09-20 is a make-up Sunday: a working day
        ("2026-09-24", 10, "working-days", "2026-10-15", None),  # 中秋 and 国庆 skipped, 10-10 counts
        ("2026-10-31", 30, "days", "2026-11-30", None),  # Monday
        ("2026-10-24", 30, "days", "2026-11-23", "2026-11-23"),
    ],
)
def test_period_arithmetic_2026(trigger: str, amount: int, unit: str, due: str, nominal: str | None) -> None:
    got_due, got_nominal, how = event_due(rule(amount, unit), date.fromisoformat(trigger), CALENDAR)
    assert got_due.isoformat() == due
    if nominal is not None and nominal != due:
        assert got_nominal is not None and got_nominal.isoformat() == nominal
        assert "art. 203" in how
    else:
        assert got_nominal is None


def test_a_year_without_an_official_schedule_is_refused() -> None:
    with pytest.raises(CalendarGapError, match="no official working-day schedule for 2027"):
        event_due(rule(10, "working-days"), date(2026, 12, 28), WorkCalendar())


def test_estimate_rests_on_weekends_and_statutory_holidays_and_is_labelled() -> None:
    calendar = WorkCalendar(estimate=True)
    due, _, how = event_due(rule(10, "working-days"), date(2026, 12, 28), calendar)
    assert due == date(2027, 1, 12)  # 元旦 2027-01-01 is a rest day even without the year's notice
    assert "ESTIMATE" in how


@given(st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 11, 30)), st.integers(min_value=1, max_value=15))
def test_a_working_day_deadline_always_lands_on_a_working_day(trigger: date, amount: int) -> None:
    try:
        due, _, _ = event_due(rule(amount, "working-days"), trigger, CALENDAR)
    except CalendarGapError:
        return
    assert CALENDAR.is_workday(due)
    assert due > trigger


@given(st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 11, 1)))
def test_a_day_period_ends_on_or_after_its_nominal_day_and_on_a_working_day(trigger: date) -> None:
    try:
        due, nominal, _ = event_due(rule(30, "days"), trigger, CALENDAR)
    except CalendarGapError:
        return
    assert CALENDAR.is_workday(due)
    assert due >= trigger + timedelta(days=30)
    assert (nominal is None) == (due == trigger + timedelta(days=30))


def test_validity_boundaries(cli: Invoke) -> None:
    assert cli("validity", "--on", "2026-10-20").exit_code == 0
    assert cli("validity", "--on", "2026-10-21").exit_code == 1
    assert cli("validity", "--on", "2021-10-20").exit_code == 0  # the inferred start of the term
    assert cli("validity", "--on", "2021-10-19").exit_code == 1
    assert cli("validity", "--on", "2026-01-01").exit_code == 0
    run = cli("validity", "--on", "2026-11-28", "--format", "json")
    finding = json.loads(run.stdout)["findings"][0]
    assert finding["data"]["days_since_expiry"] == 39
    assert "expired on 2026-10-20 (39 days ago" in finding["message"]


def test_validity_warning_window_and_strict(cli: Invoke) -> None:
    run = cli("validity", "--on", "2026-08-01", "--format", "json")
    assert run.exit_code == 0
    finding = json.loads(run.stdout)["findings"][0]
    assert finding["verdict"] == "warn" and "2026-07-22" in finding["message"]
    assert cli("validity", "--on", "2026-08-01", "--strict").exit_code == 1
    assert cli("validity", "--on", "2026-07-01", "--warn-days", "10").exit_code == 0
    assert json.loads(cli("validity", "--on", "2026-06-21", "-f", "json").stdout)["findings"][0]["verdict"] == "pass"
    assert json.loads(cli("validity", "--on", "2026-06-22", "-f", "json").stdout)["findings"][0]["verdict"] == "warn"


def deadlines_json(cli: Invoke, *args: str) -> tuple[int, dict[str, object]]:
    run = cli("deadlines", *args, "--format", "json")
    return run.exit_code, json.loads(run.stdout) if run.stdout else {}


def items(report: dict[str, object]) -> dict[str, dict[str, object]]:
    return {f["subject"]: f for f in report["findings"]}  # type: ignore[attr-defined,index]


def test_renewal_deadline_from_the_data(cli: Invoke) -> None:
    _, report = deadlines_json(cli, "--on", "2026-07-01")
    renewal = items(report)["renewal-application"]
    assert renewal["data"]["due"] == "2026-07-22" and renewal["data"]["status"] == "upcoming"


def test_events_are_computed_with_both_dates(cli: Invoke) -> None:
    _, report = deadlines_json(
        cli,
        "--on",
        "2026-09-30",
        "--event",
        "illegal-info-report=2026-09-28",
        "--event",
        "security-assessment-report=2026-09-03",
    )
    found = items(report)
    assert found["illegal-info-report (2026-09-28)"]["data"]["due"] == "2026-10-16"
    security = found["security-assessment-report (2026-09-03)"]["data"]
    assert (security["due"], security["nominal_due"]) == ("2026-10-08", "2026-10-03")


def test_expired_licence_always_fails(cli: Invoke) -> None:
    code, report = deadlines_json(cli, "--on", "2026-11-28")
    assert code == 1 and report["ok"] is False


def test_missing_year_exits_2_unless_estimate(cli: Invoke) -> None:
    run = cli("deadlines", "--on", "2026-12-30", "--event", "illegal-info-report=2026-12-28")
    assert run.exit_code == 2
    assert (
        "no official working-day schedule for 2027" in run.stderr and "earliest it could be is 2027-01-07" in run.stderr
    )
    code, report = deadlines_json(cli, "--on", "2026-12-30", "--event", "illegal-info-report=2026-12-28", "--estimate")
    assert code == 1  # the licence has expired
    assert any("ESTIMATE" in note for note in report["notes"])  # type: ignore[attr-defined]


def test_calendar_file_supplies_a_missing_year(cli: Invoke, tmp_path: Path) -> None:
    from licencecheck.workdays import official_has_year

    if official_has_year(2027):
        pytest.skip("the installed chinesecalendar has 2027 already; a calendar file may not redefine it")
    calendar = tmp_path / "2027.yaml"
    calendar.write_text(
        "schema_version: 1\nyears:\n  - year: 2027\n    source: test notice\n    holidays:\n"
        "      - {name: 元旦, start: 2027-01-01, end: 2027-01-03}\n    workdays: [2027-01-09]\n",
        encoding="utf-8",
    )
    _, report = deadlines_json(
        cli, "--on", "2026-12-30", "--event", "illegal-info-report=2026-12-28", "--calendar", str(calendar)
    )
    # 12-29, 12-30, 12-31, 01-04 .. 01-08, 01-09 (make-up Saturday), 01-11 = 10 working days
    assert items(report)["illegal-info-report (2026-12-28)"]["data"]["due"] == "2027-01-11"


RECORDS = """licence: 渝B2-20210467
filings:
  - obligation: annual-report
    year: 2026
    filed_on: 2026-03-10
  - obligation: renewal-application
    filed_on: 2026-07-01
events:
  - obligation: illegal-info-report
    occurred_on: 2026-09-28
    filed_on: 2026-10-09
"""


def test_records_mark_filings_done_and_missing_ones_overdue(cli: Invoke, tmp_path: Path) -> None:
    records = tmp_path / "records.yaml"
    records.write_text(RECORDS, encoding="utf-8")
    code, report = deadlines_json(cli, "--on", "2026-10-12", "--records", str(records))
    found = items(report)
    assert found["annual-report (2026)"]["data"]["status"] == "done"
    assert found["renewal-application"]["data"]["on_time"] is True
    assert found["illegal-info-report (2026-09-28)"]["data"]["status"] == "done"
    assert found["annual-report (2025)"]["verdict"] == "fail"
    assert code == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (RECORDS.replace("渝B2-20210467", "京B2-20190249"), "records are for licence 京B2-20190249"),
        (RECORDS.replace("obligation: renewal-application", "obligation: renewal"), "unknown obligation 'renewal'"),
        (RECORDS.replace("filed_on: 2026-07-01", "filed_on: 2026-12-01"), "is after the day checked"),
        (RECORDS + "extra: 1\n", "extra: unknown key"),
    ],
)
def test_bad_records_exit_2(cli: Invoke, tmp_path: Path, content: str, message: str) -> None:
    records = tmp_path / "records.yaml"
    records.write_text(content, encoding="utf-8")
    run = cli("deadlines", "--on", "2026-10-12", "--records", str(records))
    assert run.exit_code == 2
    assert message in run.stderr


@pytest.mark.parametrize(
    ("event", "message"),
    [
        ("nope=2026-01-01", "unknown obligation 'nope'"),
        ("illegal-info-report", "write ID=DATE"),
        ("illegal-info-report=2026-13-01", "not a real day"),
        ("illegal-info-report=2026-12-01", "after the day checked"),
    ],
)
def test_bad_events_exit_2(cli: Invoke, event: str, message: str) -> None:
    run = cli("deadlines", "--on", "2026-10-01", "--event", event)
    assert run.exit_code == 2
    assert message in run.stderr


def test_ics_parses_back_with_stable_uids_and_alarms(cli: Invoke) -> None:
    from icalendar import Calendar

    args = ("deadlines", "--on", "2026-09-30", "--event", "illegal-info-report=2026-09-28", "--format", "ics")
    first, second = cli(*args).stdout, cli(*args).stdout
    calendar = Calendar.from_ical(first)
    events = list(calendar.walk("VEVENT"))
    uids = [str(event["uid"]) for event in events]
    assert "渝B2-20210467/illegal-info-report/2026-09-28@licencecheck" in uids
    assert uids == [str(e["uid"]) for e in Calendar.from_ical(second).walk("VEVENT")]
    report = next(e for e in events if "illegal-info-report" in str(e["uid"]))
    assert report.decoded("dtend") == date(2026, 10, 17)
    alarms = list(report.walk("VALARM"))  # 30 days before 2026-10-16 is before the event: dropped
    assert [(alarm.decoded("trigger"), alarm["trigger"].params["RELATED"]) for alarm in alarms] == [
        (timedelta(days=-7), "END")
    ]


def test_licence_dates_come_from_the_data(tmp_path: Path) -> None:
    licence = load_licence()
    assert licence.validity.valid_until == date(2026, 10, 20)


def test_timeline_draws_the_dates_and_writes_svg(cli: Invoke, tmp_path: Path) -> None:
    from xml.etree import ElementTree

    svg = tmp_path / "timeline.svg"
    run = cli("timeline", "--on", "2026-09-30", "--event", "illegal-info-report=2026-09-28", "--svg", str(svg))
    assert run.exit_code == 0
    for row in ("validity", "annual-report", "renewal-application", "illegal-info-report", "day checked"):
        assert row in run.stdout
    assert "illegal-info-report (2026-09-28): upcoming, due 2026-10-16" in run.stdout
    root = ElementTree.parse(svg).getroot()
    assert root.tag.endswith("svg")
    assert not list(tmp_path.glob(".timeline.svg.*"))  # no temporary file left behind


def test_timeline_svg_into_a_missing_folder_is_exit_2(cli: Invoke, tmp_path: Path) -> None:
    run = cli("timeline", "--svg", str(tmp_path / "missing" / "t.svg"))
    assert run.exit_code == 2
    assert "does not exist" in run.stderr


def test_horizon_decides_what_is_upcoming(cli: Invoke) -> None:
    _, report = deadlines_json(cli, "--on", "2026-07-01", "--horizon", "10")
    assert items(report)["renewal-application"]["data"]["status"] == "open"
    _, report = deadlines_json(cli, "--on", "2026-07-01", "--horizon", "30")
    assert items(report)["renewal-application"]["data"]["status"] == "upcoming"


def test_strict_makes_upcoming_deadlines_fail(cli: Invoke, tmp_path: Path) -> None:
    records = tmp_path / "records.yaml"
    records.write_text(
        "licence: 渝B2-20210467\nfilings:\n"
        + "".join(
            f"  - {{obligation: annual-report, year: {y}, filed_on: {y}-03-01}}\n"
            for y in (2022, 2023, 2024, 2025, 2026)
        ),
        encoding="utf-8",
    )
    assert cli("deadlines", "--on", "2026-07-01", "--records", str(records)).exit_code == 0
    assert cli("deadlines", "--on", "2026-07-01", "--records", str(records), "--strict").exit_code == 1


def test_records_errors_name_file_line_and_column(cli: Invoke, tmp_path: Path) -> None:
    records = tmp_path / "records.yaml"
    records.write_text(RECORDS.replace("obligation: renewal-application", "obligation: renewal"), encoding="utf-8")
    run = cli("deadlines", "--on", "2026-10-12", "--records", str(records))
    assert run.exit_code == 2
    assert f"{records}:6:17: filings[1].obligation: unknown obligation 'renewal'" in run.stderr


def test_deadlines_text_table_is_sorted_by_due_date(cli: Invoke) -> None:
    _, report = deadlines_json(cli, "--on", "2026-09-30", "--event", "illegal-info-report=2026-09-28")
    dues = [f["data"]["due"] for f in report["findings"] if f["check"] == "deadlines"]  # type: ignore[attr-defined]
    assert dues == sorted(dues)


def test_annual_report_windows_after_expiry_are_not_applicable(cli: Invoke) -> None:
    _, report = deadlines_json(cli, "--on", "2026-11-28")
    found = items(report)
    assert found["annual-report (2027)"]["data"]["status"] == "not-applicable"
    assert found["annual-report (2027)"]["verdict"] == "pass"
    assert "annual-report (2021)" not in found  # the term began after 2021's first quarter
    assert found["annual-report (2022)"]["data"]["status"] == "unconfirmed"  # the term began 2021-10-20
    _, report = deadlines_json(cli, "--on", "2025-12-15")
    assert items(report)["annual-report (2026)"]["data"]["status"] == "upcoming"
