"""Random command lines never produce a traceback, an internal error, or exit 1 without a failed
check: whatever is typed, the answer is a result (0/1) or one line and exit 2."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import BUNDLED, REPO, Invoke

COMMANDS = ["show", "validate", "scope", "business", "validity", "deadlines", "timeline", "gate", "schema"]
VALUES = st.one_of(
    st.sampled_from(
        [
            "2026-06-01",
            "2026-10-20",
            "2026-10-21",
            "0001-01-01",
            "9999-12-31",
            "2026-02-30",
            "2026年10月20日",
            "maichetong.com.cn",
            "https://x.maichetong.com.cn/a",
            "B25",
            "e-commerce",
            "idc",
            "unknown-term",
            "illegal-info-report=2026-09-28",
            "annual-report=2026-01-01",
            "x=y",
            "=",
            "-1",
            "0",
            "99999999999",
            str(BUNDLED),
            "/dev/null",
            "/",
            "/nonexistent",
            str(REPO / "examples" / "licencecheck.yaml"),
            str(REPO / "examples" / "compliance" / "records.yaml"),
            "-",
            "json",
            "text",
            "ics",
            "junit",
            "",
        ]
    ),
    st.text(max_size=12),
)
OPTIONS = st.sampled_from(
    ["--on", "--format", "--licence", "--records", "--event", "--calendar", "--horizon", "--warn-days", "--from"]
)
FLAGS = st.sampled_from(["--strict", "--estimate", "--full", "--list", "--help", "--debug-not-really"])
ARGV = st.tuples(
    st.sampled_from(COMMANDS),
    st.lists(st.one_of(st.tuples(OPTIONS, VALUES), st.tuples(FLAGS), st.tuples(VALUES)), max_size=4),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ARGV)
def test_random_command_lines(cli: Invoke, argv: tuple[str, list[tuple[str, ...]]]) -> None:
    command, parts = argv
    args = [command] + [piece for part in parts for piece in part]
    if "--from" in args or "-" in args:
        return  # standard input is tested in the batch tests
    run = cli(*args, "--format", "json") if _takes_json(command, args) else cli(*args)
    assert run.exit_code in (0, 1, 2), (args, run.exit_code)
    assert "internal error" not in run.stderr, (args, run.stderr)
    assert "Traceback" not in run.stderr
    if run.exit_code == 2:
        assert run.stderr.startswith("licencecheck: error: ") or '"verdict": "error"' in run.stdout, (args, run)
    if run.exit_code == 1:
        assert _shows_a_failed_check(run.stdout), (args, run.stdout)


def _takes_json(command: str, args: list[str]) -> bool:
    return command not in {"timeline", "schema"} and "--format" not in args and "--help" not in args


def _shows_a_failed_check(stdout: str) -> bool:
    try:
        report = json.loads(stdout)
    except ValueError:
        return "FAIL" in stdout or "NOT OK" in stdout
    findings = report.get("findings", [])
    failed = any(f.get("verdict") == "fail" for f in findings)
    warned_strict = report.get("strict") and any(f.get("verdict") == "warn" for f in findings)
    return report.get("ok") is False and (failed or warned_strict or not findings)


def test_the_generator_reaches_real_results(cli: Invoke, tmp_path: Path) -> None:
    """The property is not vacuous: plain arguments give 0 and 1 as well as 2."""
    assert cli("validity", "--on", "2026-06-01").exit_code == 0
    assert cli("validity", "--on", "2026-11-01").exit_code == 1
