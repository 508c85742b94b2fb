"""Details of deadlines and records that mutation testing showed no test looked at: the day
checked is allowed for events, the retention message, where an event problem points."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Invoke


def write_records(tmp_path: Path, events: str) -> Path:
    path = tmp_path / "records.yaml"
    path.write_text(f"licence: 渝B2-20210467\nfilings: []\nevents:\n{events}", encoding="utf-8")
    return path


def test_an_event_on_the_day_checked_is_allowed(cli: Invoke, tmp_path: Path) -> None:
    records = write_records(tmp_path, "  - {obligation: illegal-info-report, occurred_on: 2026-09-30}\n")
    run = cli("deadlines", "--on", "2026-09-30", "--records", str(records), "--format", "json")
    assert run.exit_code in (0, 1), run.stderr
    subjects = [f["subject"] for f in json.loads(run.stdout)["findings"]]
    assert "illegal-info-report (2026-09-30)" in subjects


@pytest.mark.parametrize(
    ("event", "key", "column"),
    [
        ("{obligation: illegal-info-report, occurred_on: 2026-10-01}", "occurred_on", 52),
        ("{obligation: illegal-info-report, occurred_on: 2026-09-28, filed_on: 2026-10-01}", "filed_on", 74),
        ("{obligation: no-such-duty, occurred_on: 2026-09-28}", "obligation", 18),
    ],
)
def test_an_event_problem_points_at_its_key(event: str, key: str, column: int, cli: Invoke, tmp_path: Path) -> None:
    records = write_records(tmp_path, f"  - {event}\n")
    run = cli("deadlines", "--on", "2026-09-30", "--records", str(records))
    assert run.exit_code == 2
    assert run.stderr.startswith(f"licencecheck: error: {records}:4:{column}: events[0].{key}: "), run.stderr


def test_a_retention_item_says_when_data_may_be_deleted(cli: Invoke) -> None:
    run = cli("deadlines", "--on", "2026-06-01", "--event", "data-retention=2026-05-31", "--format", "json")
    item = next(f for f in json.loads(run.stdout)["findings"] if f["subject"] == "data-retention (2026-05-31)")
    assert item["message"] == (
        "data-retention (2026-05-31): data created on 2026-05-31 is kept through 2027-05-31; "
        "it may be deleted from 2027-06-01"
    )
    assert item["data"]["status"] == "information" and item["verdict"] == "pass"


def test_the_catalogue_list_is_for_the_day_asked(cli: Invoke) -> None:
    report = json.loads(cli("business", "--list", "--on", "2026-06-01", "--format", "json").stdout)
    assert report["on"] == "2026-06-01" and report["command"] == "business --list"


def test_a_read_error_while_skipping_a_long_line_names_the_file_and_line() -> None:
    import errno

    from licencecheck.checks.scope import MAX_LINE_BYTES, read_targets
    from licencecheck.errors import UnreadableError

    class Failing:
        def __init__(self) -> None:
            self.chunks = [b"ok.example\n" + b"x" * (MAX_LINE_BYTES + 10)]

        def read(self, size: int) -> bytes:
            if self.chunks:
                return self.chunks.pop(0)
            raise OSError(errno.EIO, "Input/output error")

    with pytest.raises(UnreadableError, match=r"^targets\.txt:2: cannot read the target list: Input/output error$"):
        list(read_targets(Failing(), "targets.txt", chunk_size=1 << 20))  # type: ignore[arg-type]


def test_a_retention_item_in_full(cli: Invoke) -> None:
    report = json.loads(
        cli("deadlines", "--on", "2026-06-01", "--event", "data-retention=2026-05-31", "-f", "json").stdout
    )
    item = next(f for f in report["findings"] if f["subject"] == "data-retention (2026-05-31)")
    assert item["data"] == {
        "obligation": "data-retention",
        "name": "数据留存",
        "key": "2026-05-31",
        "action": "保存在线数据处理与交易处理业务平台上所传输处理的相关数据资料",
        "window": False,
        "window_start": None,
        "due": "2027-05-31",
        "nominal_due": None,
        "computation": (
            "保存时间不得少于一年: kept through 2027-05-31 (1 years after 2026-05-31, 民法典 art. 202 by analogy)"
        ),
        "filed_on": None,
        "days_left": 364,
        "days_overdue": None,
        "estimate": False,
        "delete_from": "2027-06-01",
        "status": "information",
    }


def test_a_filing_belongs_to_its_own_event_only(cli: Invoke, tmp_path: Path) -> None:
    records = write_records(
        tmp_path,
        "  - {obligation: illegal-info-report, occurred_on: 2026-09-28, filed_on: 2026-10-09}\n"
        "  - {obligation: security-assessment-report, occurred_on: 2026-09-28}\n"
        "  - {obligation: illegal-info-report, occurred_on: 2026-09-29}\n",
    )
    report = json.loads(cli("deadlines", "--on", "2026-10-10", "--records", str(records), "-f", "json").stdout)
    found = {f["subject"]: f["data"] for f in report["findings"]}
    assert found["illegal-info-report (2026-09-28)"]["status"] == "done"
    assert found["illegal-info-report (2026-09-28)"]["trigger"] == "2026-09-28"
    assert found["security-assessment-report (2026-09-28)"]["status"] != "done"
    assert found["illegal-info-report (2026-09-29)"]["status"] != "done"


def test_an_event_for_a_duty_without_one_is_refused(cli: Invoke) -> None:
    run = cli("deadlines", "--on", "2026-06-01", "--event", "annual-report=2026-05-01")
    assert run.exit_code == 2
    assert run.stderr == "licencecheck: error: --event annual-report: this obligation is not triggered by an event\n"


def test_a_catalogue_entry_in_full(cli: Invoke) -> None:
    report = json.loads(cli("business", "--list", "-f", "json", "--on", "2026-06-01").stdout)
    assert next(e for e in report["entries"] if e["id"] == "search") == {
        "id": "search",
        "name": "信息搜索查询服务",
        "kind": "type",
        "parent": "internet-information",
        "variants": [],
        "aliases": ["search"],
        "status": "excluded",
        "clause": "正文 业务种类（服务项目）及覆盖范围",
    }


@pytest.mark.parametrize(
    ("trigger", "computation"),
    [
        (
            "2026-09-03",
            "30 days after 2026-09-03, not counting 2026-09-03 (民法典 art. 201, by analogy): 2026-10-03, a rest day, "
            "so extended to the next working day 2026-10-08 (民法典 art. 203 by analogy; weekends count as rest days "
            "unless made working days, an "
            "inference from 民法通则 art. 154) [chinesecalendar (State Council schedule)]",
        ),
        (
            "2026-08-03",
            "30 days after 2026-08-03, not counting 2026-08-03 (民法典 art. 201, by analogy): 2026-09-02, "
            "a working day [chinesecalendar (State Council schedule)]",
        ),
    ],
)
def test_how_a_due_date_was_computed_is_said_in_full(trigger: str, computation: str, cli: Invoke) -> None:
    run = cli("deadlines", "--on", "2026-09-30", "--event", f"security-assessment-report={trigger}", "-f", "json")
    item = next(f for f in json.loads(run.stdout)["findings"] if f["subject"].startswith("security-assessment"))
    assert item["data"]["computation"] == computation
