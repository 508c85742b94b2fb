"""show, validate, schema, and the behaviour every command shares, as a user sees them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from licencecheck.errors import DataError

from .conftest import BUNDLED, EXAMPLES, Invoke

INVALID = EXAMPLES / "licence" / "invalid"


def test_show_today_says_the_licence_expired(cli: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    monkeypatch.setattr("licencecheck.dates.today", lambda: date(2026, 11, 28))
    run = cli("show")
    assert run.exit_code == 1  # it printed everything, and `ok` follows the licence's state: expired
    assert "渝B2-20210467 expired on 2026-10-20 (39 days ago on 2026-11-28)" in run.stdout
    for fact in (
        "重庆万象优车科技有限公司",
        "李飞",
        "maichetong.com.cn",
        "autoengine.com",
        "卖车通",
        "四轮引擎",
        "十六(十四)",
    ):
        assert fact in run.stdout
    assert run.stderr == ""


def test_show_in_force_with_days_left(cli: Invoke) -> None:
    run = cli("show", "--on", "2026年1月1日")
    assert "in force until 2026-10-20 (292 days left)" in run.stdout


def test_show_json_is_one_object_with_all_the_data(cli: Invoke) -> None:
    run = cli("show", "--format", "json", "--on", "2026-10-21")
    report = json.loads(run.stdout)
    assert report["schema_version"] == 1 and report["ok"] is False  # expired on the day checked
    assert report["status"]["state"] == "expired" and report["status"]["days_since_expiry"] == 1
    assert report["licence"] == report["licence_data"]["number"] == "渝B2-20210467"
    assert len(report["licence_data"]["provisions"]) == 37


def test_show_full_prints_provision_text(cli: Invoke) -> None:
    assert "用户隐私权保护机制" in cli("show", "--full", "--on", "2026-01-01").stdout
    assert "用户隐私权保护机制" not in cli("show", "--on", "2026-01-01").stdout


@pytest.mark.parametrize("bad", ["2026-02-30", "20261020", "tomorrow", "2026/10/20", ""])
def test_bad_dates_exit_2_with_one_line(cli: Invoke, bad: str) -> None:
    run = cli("show", "--on", bad)
    assert run.exit_code == 2
    assert run.stdout == ""
    assert run.stderr.count("\n") == 1 and "--on" in run.stderr and repr(bad) in run.stderr


def test_validate_bundled_licence_passes(cli: Invoke) -> None:
    run = cli("validate")
    assert run.exit_code == 0
    assert "valid licence file for 渝B2-20210467" in run.stdout


def test_validate_reports_every_error_and_exits_1(cli: Invoke) -> None:
    run = cli("validate", str(BUNDLED), str(INVALID / "unknown_key.yaml"), str(INVALID / "end_before_issue.yaml"))
    assert run.exit_code == 1
    assert "PASS" in run.stdout and run.stdout.count("FAIL") == 2
    assert "grants[0].websites[0].owner: unknown key" in run.stdout


def test_validate_unreadable_file_exits_2(cli: Invoke, tmp_path: Path) -> None:
    run = cli("validate", str(BUNDLED), str(tmp_path / "missing.yaml"))
    assert run.exit_code == 2
    assert "licence file not found" in run.stdout


def test_validate_json(cli: Invoke) -> None:
    report = json.loads(cli("validate", str(INVALID / "gbk.yaml"), "--format", "json").stdout)
    assert report["ok"] is False
    assert report["findings"][0]["data"]["readable"] is False


def test_licence_option_and_environment_variable(cli: Invoke) -> None:
    other = str(EXAMPLES / "licence" / "valid" / "minimal.yaml")
    assert "京B2-20190249" in cli("show", "--licence", other).stdout
    assert "京B2-20190249" in cli("show", env={"LICENCECHECK_LICENCE": other}).stdout


@pytest.mark.parametrize("name", ["duplicate_key.yaml", "gbk.yaml", "empty.yaml", "top_level_list.yaml"])
def test_bad_licence_file_is_exit_2_without_traceback(cli: Invoke, name: str) -> None:
    run = cli("show", "--licence", str(INVALID / name))
    assert run.exit_code == 2
    assert run.stdout == ""
    assert run.stderr.startswith("licencecheck: error: ") and str(INVALID / name) in run.stderr
    assert "Traceback" not in run.stderr


def test_debug_shows_the_exception(cli: Invoke) -> None:
    with pytest.raises(DataError):
        cli("--debug", "show", "--licence", str(INVALID / "empty.yaml"))


def test_schema_is_json_schema_from_the_models(cli: Invoke) -> None:
    schema = json.loads(cli("schema").stdout)
    assert schema["$schema"].endswith("2020-12/schema")
    assert "grants" in schema["properties"] and schema["additionalProperties"] is False


def test_version_and_help_with_examples(cli: Invoke) -> None:
    assert cli("--version").stdout.startswith("licencecheck ")
    for command in ("show", "validate", "schema"):
        run = cli(command, "--help")
        assert run.exit_code == 0 and "Examples" in run.stdout


def test_unknown_option_is_a_usage_error(cli: Invoke) -> None:
    run = cli("show", "--bogus")
    assert run.exit_code == 2
    assert "--bogus" in run.stderr


def test_python_dash_m_works_from_another_folder(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "licencecheck", "show", "--format", "json", "--on", "2026-06-01"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["licence"] == "渝B2-20210467"
