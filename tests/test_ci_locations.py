"""CI output points at the file that fails: a page finding is located at the page and the line
concerned (SARIF, GitHub, JUnit), paths are relative to the Git work tree, a run whose formats
all go to files still says its outcome on stderr, GitHub Actions gets a Markdown step summary,
and JUnit carries times and a full timestamp."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest

from .conftest import REPO, Invoke

HIDDEN_AT_LINE_5 = """<!doctype html>
<html><body>
<main>买车通</main>
<footer>
<!-- 渝B2-20210467 -->
</footer>
</body></html>
"""


@pytest.fixture
def release(tmp_path: Path) -> Path:
    """A release folder in a Git work tree (`.git` at tmp_path), whose page hides the number."""
    (tmp_path / ".git").mkdir()
    site = tmp_path / "web"
    shutil.copytree(REPO / "examples", site)
    (site / "dist" / "index.html").write_text(HIDDEN_AT_LINE_5, encoding="utf-8")
    return site / "licencecheck.yaml"


def test_sarif_locates_a_page_finding_at_the_page_line(cli: Invoke, release: Path) -> None:
    run = cli("gate", str(release), "--format", "sarif")
    assert run.exit_code == 1
    results = json.loads(run.stdout)["runs"][0]["results"]
    page = next(r for r in results if r["ruleId"] == "licence-number-display")
    location = page["locations"][0]["physicalLocation"]
    assert location == {
        "artifactLocation": {"uri": "web/dist/index.html"},
        "region": {"startLine": 5, "startColumn": 1},
    }
    domain = next(r for r in results if r["ruleId"] == "scope")
    assert domain["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "web/licencecheck.yaml"


def test_github_and_junit_point_at_the_page(cli: Invoke, release: Path, tmp_path: Path) -> None:
    junit = tmp_path / "junit.xml"
    run = cli("gate", str(release), "--format", "github", "--format", "junit", "--output", str(junit))
    assert "::error file=web/dist/index.html,line=5,col=1,title=licencecheck licence-number-display" in run.stdout
    cases = ElementTree.parse(junit).getroot().iter("testcase")
    page = next(c for c in cases if c.get("classname") == "licencecheck.licence-number-display")
    assert (page.get("file"), page.get("line")) == ("web/dist/index.html", "5")


def test_json_keeps_the_manifest_line_as_declared_at(cli: Invoke, release: Path) -> None:
    report = json.loads(cli("gate", str(release), "--format", "json").stdout)
    page = next(f for f in report["findings"] if f["check"] == "licence-number-display")
    assert page["data"]["location"] == {"file": "web/dist/index.html", "line": 5, "column": 1}
    assert page["data"]["declared_at"] == {"file": "web/licencecheck.yaml", "line": 6, "column": 9}


def test_a_passing_page_is_located_where_the_number_stands(cli: Invoke, tmp_path: Path) -> None:
    shutil.copytree(REPO / "examples", tmp_path / "release")
    report = json.loads(cli("gate", str(tmp_path / "release" / "licencecheck.yaml"), "--format", "json").stdout)
    page = next(f for f in report["findings"] if f["check"] == "licence-number-display")
    assert page["verdict"] == "pass"
    assert page["data"]["location"] == {
        "file": str(tmp_path / "release" / "dist" / "index.html"),
        "line": 8,
        "column": 1,
    }


def test_outputs_all_in_files_still_say_the_outcome_on_stderr(cli: Invoke, release: Path, tmp_path: Path) -> None:
    run = cli("gate", str(release), "--format", "sarif", "--output", str(tmp_path / "gate.sarif"))
    assert run.exit_code == 1
    assert run.stdout == ""
    assert run.stderr == "licencecheck: NOT OK: 8 passed, 0 warned, 1 failed\n"


def test_github_step_summary_is_appended_in_markdown(cli: Invoke, release: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    page = release.parent / "dist" / "index.html"
    hostile = release.parent / "dist" / "a|<b>.html"
    page.rename(hostile)
    manifest = release.read_text(encoding="utf-8").replace("pages: [dist/index.html]", "pages: ['dist/a|<b>.html']")
    release.write_text(manifest, encoding="utf-8")
    run = cli("gate", str(release), "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert run.exit_code == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith(
        "earlier step\n### licencecheck gate: failed (渝B2-20210467)\n\n8 passed, 0 warned, 1 failed"
    )
    row = next(line for line in text.splitlines() if line.startswith("| ❌ fail"))
    assert "a\\|&lt;b&gt;.html" in row and "<b>" not in row
    assert row.endswith("| 二 |")


def test_a_step_summary_that_cannot_be_written_is_a_warning(cli: Invoke, release: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    run = cli("gate", str(release), "--format", "json", env={"GITHUB_STEP_SUMMARY": str(fifo)})
    assert run.exit_code == 1
    assert f"licencecheck: error: $GITHUB_STEP_SUMMARY {fifo}: cannot write the summary" in run.stderr


def test_junit_cases_carry_time_and_the_suite_a_timestamp(cli: Invoke, release: Path) -> None:
    suite = ElementTree.fromstring(cli("gate", str(release), "--format", "junit").stdout.encode()).find("testsuite")
    assert suite is not None
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", suite.get("timestamp", ""))
    times = [float(case.get("time", "x")) for case in suite.iter("testcase")]
    assert len(times) == int(suite.get("tests", "0")) and all(t >= 0 for t in times)
    assert sum(times) <= float(suite.get("time", "0")) + 0.01
