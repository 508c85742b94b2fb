"""Every renderer, unit-tested on fixed reports against exact expected output (tests/golden/).

A renderer change shows as a diff of what a user sees. After an intended change, regenerate
with `LICENCECHECK_UPDATE_GOLDEN=1 python -m pytest tests/test_renderers.py` and read the diff."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from licencecheck.checks.deadlines import DeadlinesRequest, run_deadlines, run_timeline
from licencecheck.render.registry import Format, renderer
from licencecheck.render.timeline_chart import timeline_svg
from licencecheck.report import Finding, Report, Verdict
from tests.conftest import REPO

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("LICENCECHECK_UPDATE_GOLDEN") == "1"


def located(line: int) -> dict[str, object]:
    return {"location": {"file": "release/licencecheck.yaml", "line": line, "column": 3}}


def mixed_report(*, strict: bool = False) -> Report:
    """One finding of each verdict, with the characters renderers must escape."""
    report = Report(command="gate", licence_number="渝B2-20210467", on=date(2026, 6, 1), strict=strict)
    report.title = "Release gate for 渝B2-20210467 on 2026-06-01"
    report.add(Finding("scope", "www.maichetong.com.cn", Verdict.PASS, "covered: listed", "附页", located(4)))
    report.add(Finding("validity", "渝B2-20210467", Verdict.WARN, "ends in 90 days, 100% <sure>", "正文", located(3)))
    report.add(Finding("pages", "dist/a\x1b[31m.html", Verdict.FAIL, 'number missing: "&"', "二", located(6)))
    report.add(Finding("business", "火星快递", Verdict.ERROR, "unknown service\nsee --list", "-", located(5)))
    report.findings[0].seconds = 0.25  # measured; the others share the rest of the run's time
    report.started_at, report.elapsed = datetime(2026, 6, 1, 1, 2, 3, tzinfo=UTC), 1.75
    report.notes.append("a note, with a comma")
    report.extra["rules"] = {"scope": {"name": "domain listed", "help": "附页: maichetong.com.cn"}}
    return report


def deadlines_report() -> Report:
    return run_deadlines(
        DeadlinesRequest(on="2026-09-30", events=("illegal-info-report=2026-09-28",), records=(), horizon=30)
    )


CASES = {
    "mixed.text": (mixed_report, Format.TEXT),
    "mixed.json": (mixed_report, Format.JSON),
    "mixed.junit.xml": (mixed_report, Format.JUNIT),
    "mixed-strict.junit.xml": (lambda: mixed_report(strict=True), Format.JUNIT),
    "mixed.sarif": (mixed_report, Format.SARIF),
    "mixed-strict.sarif": (lambda: mixed_report(strict=True), Format.SARIF),
    "mixed.github": (mixed_report, Format.GITHUB),
    "mixed-strict.github": (lambda: mixed_report(strict=True), Format.GITHUB),
    "deadlines.text": (deadlines_report, Format.TEXT),
    "deadlines.ics": (deadlines_report, Format.ICS),
    "timeline.text": (lambda: run_timeline(DeadlinesRequest(on="2026-09-30")), Format.TEXT),
    "timeline.svg": (
        lambda: run_timeline(DeadlinesRequest(on="2026-09-30", events=("illegal-info-report=2026-09-28",))),
        timeline_svg,
    ),
    "mixed.html": (mixed_report, Format.HTML),
}


@pytest.mark.parametrize("name", list(CASES))
def test_renderer_output_is_exactly_as_expected(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("COLUMNS", raising=False)
    build, chosen = CASES[name]
    output = chosen(build()) if callable(chosen) else renderer(chosen).render(build())  # a format, or a renderer
    golden = GOLDEN / name
    if UPDATE:
        golden.write_bytes(output.encode("utf-8"))
    assert output == golden.read_bytes().decode("utf-8"), f"{name} differs from {golden}"


def test_the_golden_files_are_all_used() -> None:
    assert sorted(p.name for p in GOLDEN.iterdir() if p.is_file()) == sorted(CASES)


def test_the_repo_has_the_example_the_deadlines_use() -> None:
    assert (REPO / "data" / "licence_yu_B2_20210467.yaml").is_file()
