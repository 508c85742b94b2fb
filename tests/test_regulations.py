"""What the regulations add to the licence text: when validity starts, what follows expiry, the
statutory duties every licence shares, unconfirmed past deadlines, the warning lead before the
renewal deadline, and `ok` following the licence's state in informational commands."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from licencecheck.rulebook import load_rulebook

from .conftest import REPO, Invoke

RENEWAL_FILED = REPO / "examples" / "compliance" / "renewal-filed.yaml"


def only(run_stdout: str) -> dict[str, object]:
    (finding,) = json.loads(run_stdout)["findings"]
    return dict(finding)


def test_validity_starts_at_the_inferred_term_start_not_the_issue_date(cli: Invoke) -> None:
    run = cli("validity", "--on", "2022-10-30", "--format", "json")
    assert run.exit_code == 0
    data = only(run.stdout)["data"]
    assert data == {**data, "valid_from": "2021-10-20", "valid_from_inferred": True, "issued_on": "2022-10-31"}
    before = cli("validity", "--on", "2021-10-19", "--format", "json")
    assert before.exit_code == 1
    assert "not yet in force on 2021-10-19: it is valid from 2021-10-20 (inferred:" in str(
        only(before.stdout)["message"]
    )


def test_the_annual_report_window_of_the_first_full_year_counts(cli: Invoke) -> None:
    run = cli("deadlines", "--on", "2022-06-01", "--format", "json")
    subjects = [f["subject"] for f in json.loads(run.stdout)["findings"]]
    assert "annual-report (2022)" in subjects


def test_after_expiry_without_records_the_licence_lapses_and_says_what_follows(cli: Invoke) -> None:
    run = cli("validity", "--on", "2026-11-01", "--format", "json")
    assert run.exit_code == 1
    message = str(only(run.stdout)["message"])
    assert "no renewal application is on record (give --records if one was filed)" in message
    assert "it lapses and is cancelled (注销), and a new licence must be applied for" in message
    assert "《中华人民共和国行政许可法》第七十条第（一）项" in message
    assert "operating meanwhile is unlicensed operation (《中华人民共和国电信条例》第七条、第六十九条" in message


def test_a_timely_renewal_application_makes_it_renewal_pending_not_expired(cli: Invoke) -> None:
    run = cli("validity", "--on", "2026-11-01", "--records", str(RENEWAL_FILED), "--format", "json")
    assert run.exit_code == 0
    finding = only(run.stdout)
    assert finding["verdict"] == "warn"
    assert finding["data"]["state"] == "renewal-pending"  # type: ignore[index]
    assert "视为准予延续, 《中华人民共和国行政许可法》第五十条" in str(finding["message"])
    strict = cli("validity", "--on", "2026-11-01", "--records", str(RENEWAL_FILED), "--strict")
    assert strict.exit_code == 1


def test_scope_covers_while_renewal_is_pending(cli: Invoke) -> None:
    run = cli("scope", "maichetong.com.cn", "--on", "2026-11-01", "--records", str(RENEWAL_FILED), "--format", "json")
    assert run.exit_code == 0
    finding = json.loads(run.stdout)["findings"][0]
    assert finding["verdict"] == "warn" and "renewal pending (applied on 2026-07-15" in finding["message"]
    lapsed = cli("scope", "maichetong.com.cn", "--on", "2026-11-01")
    assert lapsed.exit_code == 1


def test_a_late_renewal_application_does_not_save_the_licence(cli: Invoke, tmp_path: Path) -> None:
    late = tmp_path / "late.yaml"
    late.write_text(
        "licence: 渝B2-20210467\nfilings:\n  - {obligation: renewal-application, filed_on: 2026-08-01}\n",
        encoding="utf-8",
    )
    run = cli("validity", "--on", "2026-11-01", "--records", str(late), "--format", "json")
    assert run.exit_code == 1
    assert "the renewal application of 2026-08-01 was after the deadline 2026-07-22" in str(only(run.stdout)["message"])


@pytest.mark.parametrize(
    ("day", "verdict", "said"),
    [
        ("2026-06-21", "pass", None),
        ("2026-06-22", "warn", "the renewal application is due by 2026-07-22 (in 30 days; clause 十二)"),
        ("2026-07-23", "warn", "the renewal application was due by 2026-07-22 (1 day ago; clause 十二)"),
    ],
)
def test_validity_warns_thirty_days_before_the_renewal_deadline(
    cli: Invoke, day: str, verdict: str, said: str | None
) -> None:
    finding = only(cli("validity", "--on", day, "--format", "json").stdout)
    assert finding["verdict"] == verdict
    assert finding["data"]["warning_from"] == "2026-06-22"  # type: ignore[index]
    if said is not None:
        assert said in str(finding["message"])


def test_warn_days_counts_back_from_the_renewal_deadline(cli: Invoke) -> None:
    finding = only(cli("validity", "--on", "2026-07-01", "--warn-days", "10", "--format", "json").stdout)
    assert (finding["verdict"], finding["data"]["warning_from"]) == ("pass", "2026-07-12")  # type: ignore[index]


def test_a_statutory_duty_is_cited_as_a_regulation(cli: Invoke) -> None:
    run = cli("deadlines", "--on", "2026-06-01", "--event", "registration-change-report=2026-05-20", "--format", "json")
    (item,) = [
        f for f in json.loads(run.stdout)["findings"] if f["data"].get("obligation") == "registration-change-report"
    ]
    assert item["clause"] == "regulation: 《电信业务经营许可管理办法》（工业和信息化部令第42号）第二十九条 [unverified]"
    assert item["data"]["due"] == "2026-06-22"  # 30 days: 2026-06-19 is 端午, moved past the weekend


def test_filing_the_renewal_discharges_the_non_continuation_report(cli: Invoke) -> None:
    run = cli("deadlines", "--on", "2026-08-01", "--records", str(RENEWAL_FILED), "--format", "json")
    statuses = {
        f["subject"]: f["data"]["status"] for f in json.loads(run.stdout)["findings"] if f["check"] == "deadlines"
    }
    assert statuses["renewal-application"] == statuses["non-continuation-report"] == "done"


def test_without_records_a_past_deadline_is_unconfirmed_not_overdue(cli: Invoke) -> None:
    run = cli("deadlines", "--on", "2026-06-01", "--format", "json")
    report = json.loads(run.stdout)
    past = {f["subject"]: (f["verdict"], f["data"]["status"]) for f in report["findings"] if f["check"] == "deadlines"}
    assert past["annual-report (2025)"] == ("warn", "unconfirmed")
    with_records = cli("deadlines", "--on", "2026-08-01", "--records", str(RENEWAL_FILED), "--format", "json")
    assert with_records.exit_code == 0


def test_period_rules_are_said_to_apply_by_analogy(cli: Invoke) -> None:
    run = cli("deadlines", "--on", "2026-06-01", "--event", "illegal-info-report=2026-05-20", "--format", "json")
    report = json.loads(run.stdout)
    assert any("applied by analogy" in note for note in report["notes"])
    (item,) = [f for f in report["findings"] if f["data"].get("obligation") == "illegal-info-report"]
    assert "(民法典 art. 201, by analogy)" in item["data"]["computation"]


@pytest.mark.parametrize("command", [["show"], ["timeline"]])
def test_informational_commands_are_not_ok_for_an_expired_licence(cli: Invoke, command: list[str]) -> None:
    expired = cli(*command, "--on", "2026-11-01", "--format", "json")
    assert expired.exit_code == 1 and json.loads(expired.stdout)["ok"] is False
    in_force = cli(*command, "--on", "2026-06-01", "--format", "json")
    assert in_force.exit_code == 0 and json.loads(in_force.stdout)["ok"] is True


def test_every_rulebook_rule_names_its_article_and_unverified_ones_say_so(cli: Invoke) -> None:
    book = load_rulebook()
    bases = [o.basis for o in book.obligations] + [r.basis for r in book.retention]
    assert all(basis is not None and basis.article for basis in bases)
    documented = (REPO / "docs" / "regulations.md").read_text(encoding="utf-8")
    for basis in bases:
        assert basis is not None
        assert basis.cite().endswith("[unverified]") is not basis.verified
        assert basis.instrument.split("》")[0].lstrip("《") in documented


def write_manifest(tmp_path: Path, retention: str) -> Path:
    manifest = tmp_path / "licencecheck.yaml"
    manifest.write_text(f"release_date: 2026-06-01\ndomains: [maichetong.com.cn]\n{retention}\n", encoding="utf-8")
    return manifest


def retention_findings(run_stdout: str) -> dict[str, tuple[str, str]]:
    found = json.loads(run_stdout)["findings"]
    return {f["subject"]: (f["verdict"], f["clause"]) for f in found if f["check"] == "retention"}


def test_retention_by_class_meets_the_strictest_rule_and_names_it(cli: Invoke, tmp_path: Path) -> None:
    manifest = write_manifest(tmp_path, "retention: {transactions: 1096, logs: 183, platform-data: 365}")
    run = cli("gate", str(manifest), "--format", "json")
    assert run.exit_code == 0, run.stdout
    assert retention_findings(run.stdout) == {
        "platform-data": ("pass", "十五(三)"),
        "transactions": ("pass", "regulation: 《中华人民共和国电子商务法》第三十一条"),
        "logs": (
            "pass",
            "regulation: 《中华人民共和国网络安全法》（2025年修正，2026年1月1日起施行）第二十三条（修正前第二十一条）",
        ),
    }


@pytest.mark.parametrize(("data_class", "days"), [("transactions", 1095), ("logs", 182), ("platform-data", 364)])
def test_a_day_below_a_class_minimum_fails(cli: Invoke, tmp_path: Path, data_class: str, days: int) -> None:
    declared = {"transactions": 1096, "logs": 183, "platform-data": 365, data_class: days}
    manifest = write_manifest(tmp_path, f"retention: {json.dumps(declared)}")
    run = cli("gate", str(manifest), "--format", "json")
    assert run.exit_code == 1
    assert [s for s, (v, _) in retention_findings(run.stdout).items() if v == "fail"] == [data_class]


def test_an_undeclared_class_with_a_rule_is_a_warning(cli: Invoke, tmp_path: Path) -> None:
    run = cli("gate", str(write_manifest(tmp_path, "retention: {logs: 200}")), "--format", "json")
    verdicts = {s: v for s, (v, _) in retention_findings(run.stdout).items()}
    assert verdicts == {"platform-data": "warn", "transactions": "warn", "logs": "pass"}
    assert cli("gate", str(write_manifest(tmp_path, "retention: {logs: 200}")), "--strict").exit_code == 1


def test_an_unknown_data_class_is_refused(cli: Invoke, tmp_path: Path) -> None:
    run = cli("gate", str(write_manifest(tmp_path, "retention: {emails: 200}")))
    assert run.exit_code == 2 and "retention.emails" in run.stderr


def test_a_change_needing_notice_in_advance_is_due_before_the_planned_day(cli: Invoke) -> None:
    run = cli("deadlines", "--on", "2026-06-01", "--event", "service-item-change-report=2026-07-05", "--format", "json")
    assert run.exit_code == 0, run.stderr
    (item,) = [
        f for f in json.loads(run.stdout)["findings"] if f["data"].get("obligation") == "service-item-change-report"
    ]
    assert (item["data"]["due"], item["data"]["status"]) == ("2026-06-05", "upcoming")
    assert item["clause"] == "regulation: 《互联网信息服务管理办法》（国务院令第292号，2011年修订）第十一条"


def test_an_advance_deadline_on_a_rest_day_moves_earlier(cli: Invoke) -> None:
    # 90 days before 2026-12-30 is 2026-10-01, 国庆: the working day before is 2026-09-30.
    run = cli(
        "deadlines", "--on", "2026-06-01", "--event", "operation-change-application=2026-12-30", "--format", "json"
    )
    (item,) = [
        f for f in json.loads(run.stdout)["findings"] if f["data"].get("obligation") == "operation-change-application"
    ]
    assert (item["data"]["due"], item["data"]["nominal_due"]) == ("2026-09-30", "2026-10-01")
    assert "moved back to the working day before" in item["data"]["computation"]


def test_only_an_advance_duty_takes_a_planned_future_day(cli: Invoke) -> None:
    run = cli("deadlines", "--on", "2026-06-01", "--event", "illegal-info-report=2026-07-05")
    assert run.exit_code == 2 and "the event is after the day checked" in run.stderr


def test_an_advance_duty_applies_only_where_its_grant_is(cli: Invoke) -> None:
    regrouped = REPO / "examples" / "licences" / "regrouped_B2.yaml"  # B21 only: no 互联网信息服务
    run = cli(
        "deadlines",
        "--licence",
        str(regrouped),
        "--on",
        "2026-06-01",
        "--event",
        "service-item-change-report=2026-07-05",
    )
    assert run.exit_code == 2 and "unknown obligation 'service-item-change-report'" in run.stderr


def test_deadlines_read_the_renewal_from_the_records_too(cli: Invoke) -> None:
    run = cli("deadlines", "--on", "2026-11-01", "--records", str(RENEWAL_FILED), "--format", "json")
    validity = json.loads(run.stdout)["findings"][0]
    assert (validity["check"], validity["verdict"], validity["data"]["state"]) == (
        "validity",
        "warn",
        "renewal-pending",
    )


def test_an_advance_duty_has_a_due_day_not_a_window_and_its_calendar_entry_cites_the_regulation(cli: Invoke) -> None:
    args = ("deadlines", "--on", "2026-06-01", "--event", "service-item-change-report=2026-07-05")
    report = json.loads(cli(*args, "--format", "json").stdout)
    (item,) = [f for f in report["findings"] if f["data"].get("obligation") == "service-item-change-report"]
    assert item["data"]["window_start"] is None and item["data"]["trigger"] == "2026-07-05"
    ics = re.sub(r"\r?\n ", "", cli(*args, "--format", "ics").stdout)  # unfold RFC 5545 lines
    assert "\\nregulation: 《互联网信息服务管理办法》（国务院令第292号，2011年修订）第十一条\\n" in ics
    assert "特别规定事项 regulation" not in ics
