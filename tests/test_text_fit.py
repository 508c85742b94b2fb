"""Text fits the output: as wide as COLUMNS says (else the terminal, else 100 columns), never a
token split inside a cell (licence numbers, dates, ids, domains, URLs stay whole), a table only
where it fits and one block per item where it does not; `scope` batches one short line per
target; -q, --summary, -V; no ANSI escape at all under --no-color, NO_COLOR, CLICOLOR=0 or
TERM=dumb.

Exact outputs are in tests/golden/widths/ (regenerate with LICENCECHECK_UPDATE_GOLDEN=1 and read
the diff: they are what users see)."""

from __future__ import annotations

import json
import os
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from licencecheck import __version__
from tests.conftest import REPO, Invoke

GOLDEN = REPO / "tests" / "golden" / "widths"
UPDATE = os.environ.get("LICENCECHECK_UPDATE_GOLDEN") == "1"
BATCH = "tests/data/scope_batch.txt"

RUNS = {
    "deadlines": [
        "deadlines",
        "--on",
        "2026-10-10",
        "--records",
        "examples/compliance/records.yaml",
        "--event",
        "illegal-info-report=2026-09-28",
        "--event",
        "data-retention=2026-05-31",
    ],
    "gate": ["gate", "examples/licencecheck.yaml"],
    "scope-batch": ["scope", "--from", BATCH, "--on", "2026-06-01"],
    "scope-batch-quiet": ["scope", "--from", BATCH, "--on", "2026-06-01", "--quiet"],
    "scope-batch-summary": ["scope", "--from", BATCH, "--on", "2026-06-01", "--summary"],
    "show": ["show", "--on", "2026-06-01"],
    "timeline": ["timeline", "--on", "2026-09-30", "--event", "illegal-info-report=2026-09-28"],
    "timeline-portfolio": [
        "timeline",
        "--on",
        "2026-11-30",
        "--licence",
        "data/licence_yu_B2_20210467.yaml",
        "--licence",
        "examples/licences/cross_regional_B1_B2.yaml",
    ],
    "business": ["business", "经营类电子商务", "B25", "网络视听节目服务", "--on", "2026-06-01"],
    "validity": ["validity", "--on", "2026-09-01"],
}
LESS = {"scope-batch-quiet", "scope-batch-summary", "timeline", "timeline-portfolio"}
"""Runs whose text leaves out what the other runs show."""
EXACT = [("deadlines", 80), ("deadlines", 120), ("gate", 80), ("gate", 120), ("scope-batch", 80)]
EXACT += [("scope-batch", 120), ("scope-batch-quiet", 80), ("scope-batch-summary", 80)]


@pytest.fixture
def repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Inputs are named relative to the repository, as in the goldens."""
    monkeypatch.chdir(REPO)


@pytest.mark.usefixtures("repo")
@pytest.mark.parametrize(("name", "width"), EXACT)
def test_text_at_a_width_is_exactly_as_expected(name: str, width: int, cli: Invoke) -> None:
    output = cli(*RUNS[name], env={"COLUMNS": str(width)}).stdout
    golden = GOLDEN / f"{name}-{width}.text"
    if UPDATE:
        golden.write_bytes(output.encode("utf-8"))
    assert output == golden.read_bytes().decode("utf-8"), f"{name} at {width} differs from {golden}"


def test_the_width_goldens_are_all_used() -> None:
    assert sorted(path.name for path in GOLDEN.iterdir()) == sorted(f"{name}-{width}.text" for name, width in EXACT)


# --- fitting: any width -----------------------------------------------------------------------

DATE = re.compile(r"(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])")
LICENCE_NUMBER = re.compile(r"[\u4e00-\u9fff]?[A-Z]\d(?:\.[A-Z]\d)*-\d{8}(?!\d)")


def tokens_of(report: dict[str, Any]) -> set[str]:
    """The licence numbers and dates in what a JSON report's findings say (subject, message and
    clause: what the text shows of them)."""
    text = "\n".join(str(finding[key]) for finding in report["findings"] for key in ("subject", "message", "clause"))
    return set(DATE.findall(text)) | set(LICENCE_NUMBER.findall(text))


REFERENCE: dict[str, tuple[str, set[str]]] = {}


def reference(name: str, cli: Invoke) -> tuple[str, set[str]]:
    """A command's text at 1000 columns (nothing wraps) and the tokens of its JSON report."""
    if name not in REFERENCE:
        wide = cli(*RUNS[name], env={"COLUMNS": "1000"}).stdout
        report = json.loads(cli(*RUNS[name], "--format", "json").stdout)
        REFERENCE[name] = (wide, tokens_of(report))
    return REFERENCE[name]


def assert_fits(name: str, width: int, cli: Invoke) -> None:
    """No line wider than the width (CJK counted double); every licence number and date of the
    JSON report stands whole in the text, as often as in text that never wraps."""
    text = cli(*RUNS[name], env={"COLUMNS": str(width)}).stdout
    assert [line for line in text.splitlines() if cell_len(line) > width] == []
    wide, tokens = reference(name, cli)
    assert tokens, name
    for token in tokens:
        assert token in wide or name in LESS, token
        assert text.count(token) == wide.count(token), f"{token} split at {width}:\n{text}"


@pytest.mark.usefixtures("repo")
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(width=st.integers(min_value=60, max_value=200), name=st.sampled_from(sorted(RUNS)))
def test_no_line_is_wider_than_the_width_and_no_token_is_split(width: int, name: str, cli: Invoke) -> None:
    assert_fits(name, width, cli)


@pytest.mark.usefixtures("repo")
@pytest.mark.parametrize("width", [60, 80, 100, 120, 200])
@pytest.mark.parametrize("name", sorted(RUNS))
def test_every_width_keeps_every_token_whole(name: str, width: int, cli: Invoke) -> None:
    """The property above at fixed widths, for every command, so that a failure names its width."""
    assert_fits(name, width, cli)
    text = cli(*RUNS[name], env={"COLUMNS": str(width)}).stdout
    for word in ("annual-report", "renewal-application", "maichetong.com.cn", "examples/dist/ads/spring.html"):
        assert text.count(word) == reference(name, cli)[0].count(word), word


def test_a_table_that_fits_is_a_table_and_one_that_does_not_is_blocks(cli: Invoke, repo: None) -> None:
    wide = cli(*RUNS["gate"], env={"COLUMNS": "120"}).stdout
    narrow = cli(*RUNS["gate"], env={"COLUMNS": "80"}).stdout
    assert "┃ verdict ┃" in wide and "│ PASS" in wide
    assert "┃" not in narrow and narrow.splitlines()[1] == "PASS  渝B2-20210467"


def test_without_columns_a_pipe_is_100_wide(cli: Invoke, repo: None) -> None:
    text = cli(*RUNS["show"]).stdout
    assert max(cell_len(line) for line in text.splitlines()) <= 100
    assert max(cell_len(line) for line in text.splitlines()) >= 95


# --- -q, --summary, -V --------------------------------------------------------------------------


@pytest.mark.usefixtures("repo")
@pytest.mark.parametrize("where", ["before", "after"])
def test_quiet_prints_failures_and_the_outcome_line(cli: Invoke, where: str) -> None:
    args = ["deadlines", *RUNS["deadlines"][1:]]
    run = cli("-q", *args) if where == "before" else cli(*args, "-q")
    assert run.exit_code == 1
    lines = run.stdout.splitlines()
    assert [line.split()[0] for line in lines if line[:4] in {"PASS", "WARN", "FAIL"}] == ["FAIL", "FAIL"]
    assert lines[-1] == "NOT OK: 7 passed, 2 warned, 2 failed"
    assert "note:" not in run.stdout and "Deadlines of" not in run.stdout


@pytest.mark.usefixtures("repo")
def test_quiet_on_a_passing_run_prints_the_outcome_line_alone(cli: Invoke) -> None:
    assert cli("gate", "examples/licencecheck.yaml", "--quiet").stdout == "OK: 9 passed, 0 warned, 0 failed\n"
    assert cli("--quiet", "show", "--on", "2026-06-01").stdout == "OK: 1 passed, 0 warned, 0 failed\n"
    expired = cli("show", "--on", "2026-11-01", "-q", env={"COLUMNS": "60"}).stdout
    assert expired.startswith("FAIL  渝B2-20210467\n") and expired.endswith("NOT OK: 0 passed, 0 warned, 1 failed\n")


@pytest.mark.usefixtures("repo")
def test_quiet_with_strict_shows_the_warnings_that_fail(cli: Invoke) -> None:
    run = cli("validity", "--on", "2026-09-01", "--strict", "-q", env={"COLUMNS": "60"})
    assert run.exit_code == 1
    assert run.stdout.startswith("WARN  渝B2-20210467\n")


@pytest.mark.usefixtures("repo")
def test_quiet_leaves_the_machine_formats_whole(cli: Invoke) -> None:
    full = cli(*RUNS["deadlines"], "--format", "json").stdout
    quiet = cli(*RUNS["deadlines"], "--format", "json", "-q").stdout
    assert json.loads(quiet)["findings"] == json.loads(full)["findings"]


@pytest.mark.usefixtures("repo")
def test_scope_quiet_and_summary_with_several_outputs(cli: Invoke, tmp_path: object) -> None:
    """Several outputs at once collect a report; its text is the same as the streamed text."""
    from pathlib import Path

    junit = Path(str(tmp_path)) / "scope.xml"
    for extra in ([], ["--quiet"], ["--summary"]):
        streamed = cli(*RUNS["scope-batch"], *extra).stdout
        collected = cli(*RUNS["scope-batch"], *extra, "--format", "text", "--format", "junit", "-o", str(junit))
        assert collected.stdout == streamed


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version(cli: Invoke, flag: str) -> None:
    run = cli(flag)
    assert (run.exit_code, run.stdout) == (0, f"licencecheck {__version__}\n")


# --- colour ---------------------------------------------------------------------------------------

COLOURED = [
    ["show", "--on", "2026-06-01"],
    ["validate", "data/licence_yu_B2_20210467.yaml"],
    ["scope", "maichetong.com.cn", "1.2.3.4", "--on", "2026-06-01"],
    ["business", "经营类电子商务", "--on", "2026-06-01"],
    ["business", "--list", "--on", "2026-06-01"],
    ["validity", "--on", "2026-06-01"],
    ["deadlines", "--on", "2026-06-01"],
    ["timeline", "--on", "2026-06-01"],
    ["gate", "examples/licencecheck.yaml"],
]
"""A command line of every command that prints text with colour or bold."""
PLAIN = [
    ("NO_COLOR", {"NO_COLOR": "1"}, []),
    ("CLICOLOR=0", {"CLICOLOR": "0"}, []),
    ("TERM=dumb", {"TERM": "dumb"}, []),
    ("--no-color after", {}, ["--no-color"]),
]


@pytest.mark.usefixtures("repo")
@pytest.mark.parametrize("argv", COLOURED, ids=lambda argv: " ".join(argv[:2]))
def test_a_forced_terminal_is_coloured(cli: Invoke, argv: list[str]) -> None:
    """The opposite case: FORCE_COLOR makes the output a terminal's, with escapes."""
    assert "\x1b[" in cli(*argv, env={"NO_COLOR": None, "FORCE_COLOR": "1", "TERM": "xterm"}).stdout


@pytest.mark.usefixtures("repo")
@pytest.mark.parametrize("argv", COLOURED, ids=lambda argv: " ".join(argv[:2]))
@pytest.mark.parametrize(("label", "env", "extra"), PLAIN, ids=[plain[0] for plain in PLAIN])
def test_no_escape_at_all_when_the_user_says_so(
    cli: Invoke, argv: list[str], label: str, env: dict[str, str], extra: list[str]
) -> None:
    forced = {"NO_COLOR": None, "FORCE_COLOR": "1", "TERM": "xterm", **env}
    assert "\x1b" not in cli(*argv, *extra, env=forced).stdout, label


@pytest.mark.usefixtures("repo")
def test_no_color_before_the_command(cli: Invoke) -> None:
    forced = {"NO_COLOR": None, "FORCE_COLOR": "1", "TERM": "xterm"}
    assert "\x1b" not in cli("--no-color", "show", "--on", "2026-06-01", env=forced).stdout
    assert "\x1b" in cli("show", "--on", "2026-06-01", env=forced).stdout  # not remembered from the run before


def test_help_has_no_escape_when_the_user_says_so(cli: Invoke) -> None:
    forced = {"NO_COLOR": None, "FORCE_COLOR": "1", "TERM": "xterm"}
    assert "\x1b" in cli("scope", "--help", env=forced).stdout
    for env, extra in [({"NO_COLOR": "1"}, []), ({"TERM": "dumb"}, []), ({}, ["--no-color"])]:
        assert "\x1b" not in cli("scope", *extra, "--help", env={**forced, **env}).stdout, env


@pytest.mark.usefixtures("repo")
def test_a_text_file_gets_no_escape_and_the_default_width(cli: Invoke, tmp_path: object) -> None:
    from pathlib import Path

    target, data = Path(str(tmp_path)) / "gate.txt", Path(str(tmp_path)) / "gate.json"
    forced = {"NO_COLOR": None, "FORCE_COLOR": "1", "TERM": "xterm", "COLUMNS": None}
    run = cli(*RUNS["gate"], "-f", "text", "-o", str(target), "-f", "json", "-o", str(data), env=forced)
    assert run.exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert "\x1b" not in text and max(cell_len(line) for line in text.splitlines()) <= 100
