"""--estimate knows the statutory holidays: 《全国年节及纪念日放假办法》 art. 2 as amended in 2024.

An estimate is only computed for a year `chinesecalendar` lacks. These tests pin that to 2027 and
later (as with chinesecalendar 1.11) through `no_official_after_2026`, so that a release that has
2027 does not silently turn them into tests of the official calendar.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from licencecheck.workdays import WorkCalendar, estimate_source, official_has_year, statutory_holidays

from .conftest import Invoke

LAST_OFFICIAL = 2026
YUANDAN = ["--on", "2026-12-30", "--event", "security-assessment-report=2026-12-02", "--estimate"]
CHUNJIE = ["--on", "2027-02-01", "--event", "illegal-info-report=2027-02-01", "--estimate"]

# chinesecalendar's names for the holidays art. 2 fixes.
OFFICIAL_NAMES = {
    "元旦": "New Year's Day",
    "春节": "Spring Festival",
    "清明节": "Tomb-sweeping Day",
    "劳动节": "Labour Day",
    "端午节": "Dragon Boat Festival",
    "中秋节": "Mid-autumn Festival",
    "国庆节": "National Day",
}


@pytest.fixture
def no_official_after_2026(monkeypatch: pytest.MonkeyPatch) -> None:
    import chinese_calendar

    real: Callable[[date], bool] = chinese_calendar.is_workday

    def is_workday(day: date) -> bool:
        if day.year > LAST_OFFICIAL:
            raise NotImplementedError(f"no available data for year {day.year}")
        return real(day)

    monkeypatch.setattr(chinese_calendar, "is_workday", is_workday)


def item(cli: Invoke, args: list[str], obligation: str) -> dict[str, object]:
    run = cli("deadlines", *args, "--format", "json")
    assert run.exit_code in {0, 1}, run.stderr  # 1: the bundled licence has expired by then
    report = json.loads(run.stdout)
    finding: dict[str, object] = next(f for f in report["findings"] if f["subject"].startswith(obligation))
    return finding


def table_cells(table: str, subject: str) -> list[str]:
    """The cells of the table row whose obligation starts with `subject`, each cell's lines joined."""
    lines = table.splitlines()
    start = next(i for i, line in enumerate(lines) if line.split("│")[2:3] and subject in line.split("│")[2])
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("│         │"))
    columns = zip(*(line.split("│")[1:-1] for line in lines[start:end]), strict=True)
    return [" ".join(part.strip() for part in column if part.strip()) for column in columns]


@pytest.mark.usefixtures("no_official_after_2026")
def test_thirty_days_ending_on_yuandan_end_on_the_next_working_day(cli: Invoke) -> None:
    finding = item(cli, YUANDAN, "security-assessment-report")
    data = finding["data"]
    assert isinstance(data, dict)
    # 2027-01-01 is 元旦 (a Friday), then a weekend: a weekday-only estimate said 2027-01-01.
    assert data["nominal_due"] == "2027-01-01" and data["due"] == "2027-01-04"
    assert data["estimate"] is True
    computation = str(data["computation"])
    assert "2027-01-01, a rest day, so extended to the next working day 2027-01-04" in computation
    assert "《全国年节及纪念日放假办法》 art. 2 as amended by State Council Decree No. 795" in computation
    assert "元旦 2027-01-01;" in computation
    assert "make-up working days (调休上班) are unknown" in computation


@pytest.mark.usefixtures("no_official_after_2026")
def test_ten_working_days_across_chunjie_2027_skip_its_four_statutory_days(cli: Invoke) -> None:
    days = dict(statutory_holidays(2027))["春节"]
    # 正月初一 of 2027 is 2027-02-06 (a Saturday): 除夕 to 初三 are Friday to Monday.
    assert days == (date(2027, 2, 5), date(2027, 2, 6), date(2027, 2, 7), date(2027, 2, 8))
    data = item(cli, CHUNJIE, "illegal-info-report")["data"]
    assert isinstance(data, dict)
    # 2-4 Feb, then 9-12 and 15-17 Feb: 5 and 8 Feb are statutory (weekday-only said 2027-02-15).
    assert data["due"] == "2027-02-17" and data["estimate"] is True
    assert "春节 2027-02-05 to 2027-02-08;" in str(data["computation"])


@pytest.mark.usefixtures("no_official_after_2026")
def test_the_estimate_stays_labelled_in_text_json_and_ics(cli: Invoke) -> None:
    text = cli("deadlines", *YUANDAN, env={"COLUMNS": "200"})  # wide enough for the table
    assert text.exit_code == 1, text.stderr
    assert table_cells(text.stdout, "security-assessment")[3] == "2026-12-02 → 2027-01-04 (nominal 2027-01-01) ESTIMATE"

    finding = item(cli, YUANDAN, "security-assessment-report")
    assert "due by 2027-01-04" in str(finding["message"]) and "[ESTIMATE" in str(finding["message"])
    report = json.loads(cli("deadlines", *YUANDAN, "--format", "json").stdout)
    assert any(note.startswith("ESTIMATE") and "2027" in note for note in report["notes"])

    from icalendar import Calendar

    ics = Calendar.from_ical(cli("deadlines", *YUANDAN, "--format", "ics").stdout)
    event = next(e for e in ics.walk("VEVENT") if "/security-assessment-report/" in str(e["uid"]))
    assert event.decoded("dtstart") == date(2027, 1, 4)
    assert (
        str(event["summary"])
        == "渝B2-20210467 security-assessment-report: 向电信主管部门提交新技术新业务安全评估的书面评估报告 [ESTIMATE]"
    )
    assert "元旦 2027-01-01;" in str(event["description"])


@pytest.mark.usefixtures("no_official_after_2026")
def test_an_official_year_keeps_the_official_calendar_under_estimate(cli: Invoke) -> None:
    # 2026: 国庆 and 中秋 rest 1-7 Oct and 10 Oct (Saturday) is a make-up working day; the statutory
    # days alone (1-3 Oct) would give 2026-10-14.
    args = ["--on", "2026-09-30", "--event", "illegal-info-report=2026-09-28"]
    official = item(cli, args, "illegal-info-report")
    estimated = item(cli, [*args, "--estimate"], "illegal-info-report")
    assert estimated == official
    data = estimated["data"]
    assert isinstance(data, dict)
    assert data["due"] == "2026-10-16" and data["estimate"] is False
    assert str(data["computation"]).endswith("[chinesecalendar (State Council schedule)]")


@pytest.mark.parametrize("year", [2025, 2026])
def test_every_statutory_day_is_an_official_holiday(year: int) -> None:
    """Guards the library and the rule set against the State Council's own schedules."""
    import chinese_calendar

    assert official_has_year(year)
    holidays = statutory_holidays(year)
    assert [name for name, _ in holidays if name != "中秋节"] == [
        "元旦",
        "春节",
        "清明节",
        "劳动节",
        "端午节",
        "国庆节",
    ]
    for name, days in holidays:
        for day in days:
            assert chinese_calendar.get_holiday_detail(day) == (True, OFFICIAL_NAMES[name]), (name, day)


def test_every_later_official_year_agrees_too() -> None:
    """Whatever official years a newer chinesecalendar brings are checked the same way."""
    import chinese_calendar

    year = LAST_OFFICIAL + 1
    while official_has_year(year):
        for name, days in statutory_holidays(year):
            for day in days:
                assert chinese_calendar.get_holiday_detail(day)[0], (name, day)
        year += 1


def test_the_statutory_days_of_2027() -> None:
    assert statutory_holidays(2027) == (
        ("元旦", (date(2027, 1, 1),)),
        ("春节", (date(2027, 2, 5), date(2027, 2, 6), date(2027, 2, 7), date(2027, 2, 8))),
        ("清明节", (date(2027, 4, 5),)),
        ("劳动节", (date(2027, 5, 1), date(2027, 5, 2))),
        ("端午节", (date(2027, 6, 9),)),
        ("中秋节", (date(2027, 9, 15),)),
        ("国庆节", (date(2027, 10, 1), date(2027, 10, 2), date(2027, 10, 3))),
    )


@pytest.mark.usefixtures("no_official_after_2026")
def test_an_estimated_year_rests_on_weekends_and_statutory_days_only() -> None:
    calendar = WorkCalendar(estimate=True)
    rest = {day for _, days in statutory_holidays(2027) for day in days}
    day = date(2027, 1, 1)
    while day.year == 2027:
        assert calendar.is_workday(day) is (day.weekday() < 5 and day not in rest), day
        day += timedelta(days=1)
    assert calendar.estimated_years == {2027}


def test_years_the_rules_or_the_library_do_not_cover_say_so() -> None:
    # Before 2025 the amended art. 2 was not in force: weekdays only.
    assert statutory_holidays(2003) == ()
    assert "weekdays only" in estimate_source(2003)
    # After 2100 there is no lunar calendar: the fixed-date holidays only.
    assert [name for name, _ in statutory_holidays(2150)] == ["元旦", "劳动节", "国庆节"]
    assert "春节, 清明节, 端午节 and 中秋节 not taken: no lunar calendar after 2100" in estimate_source(2150)
    # Every year the library covers has all seven, 春节 spanning 除夕 to 初三.
    for year in range(2025, 2101):
        holidays = dict(statutory_holidays(year))
        assert len(holidays) == 7 and len(holidays["春节"]) == 4, year


def test_the_lunar_library_is_imported_only_for_an_estimate() -> None:
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from licencecheck.workdays import WorkCalendar\n"
        "WorkCalendar(estimate=True).add_workdays(date(2026, 9, 28), 10)\n"
        "assert 'borax' not in sys.modules, 'borax imported for an official year'\n"
        "WorkCalendar(estimate=True).add_workdays(date(2100, 1, 4), 10)\n"
        "assert 'borax' in sys.modules\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
