"""Every command's JSON is the one envelope (`schema --report`), every SARIF output is valid SARIF
2.1.0 (the OASIS schema), every JUnit output parses, and `ok` is true exactly when the exit is 0."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest

from licencecheck.schema import report_schema
from tests.conftest import REPO, Invoke

SARIF_SCHEMA = REPO / "tests" / "data" / "schemas" / "sarif-schema-2.1.0.json"  # see its README
GATE = str(REPO / "examples" / "licencecheck.yaml")
LICENCE = str(REPO / "data" / "licence_yu_B2_20210467.yaml")

RUNS = {
    "show": ["show", "--on", "2026-06-01"],
    "validate": ["validate", LICENCE],
    "validate-bad": ["validate", str(REPO / "tests/examples/licence/invalid/bad_number.yaml"), "/nonexistent"],
    "business": ["business", "e-commerce", "B25", "nope", "--on", "2026-06-01"],
    "business-list": ["business", "--list", "--on", "2026-06-01"],
    "validity": ["validity", "--on", "2026-09-01"],
    "deadlines": ["deadlines", "--on", "2026-09-30", "--event", "illegal-info-report=2026-09-28"],
    "timeline": ["timeline", "--on", "2026-06-01"],
    "gate": ["gate", GATE],
    "scope": ["scope", "maichetong.com.cn", "example.org", "--on", "2026-06-01"],
}
WITH_FINDINGS = ["validate", "validate-bad", "business", "validity", "deadlines", "gate", "scope"]


@pytest.mark.parametrize("name", list(RUNS))
def test_json_is_the_envelope(name: str, cli: Invoke) -> None:
    run = cli(*RUNS[name], "--format", "json")
    report = json.loads(run.stdout)
    jsonschema.validate(report, report_schema(), format_checker=jsonschema.FormatChecker())
    assert report["ok"] is (run.exit_code == 0)
    counts = {verdict: sum(f["verdict"] == verdict for f in report["findings"]) for verdict in report["summary"]}
    assert {k: report["summary"][k] for k in ("pass", "warn", "fail", "error")} == {
        k: counts[k] for k in ("pass", "warn", "fail", "error")
    }


@pytest.mark.parametrize("name", WITH_FINDINGS)
def test_sarif_is_valid_sarif(name: str, cli: Invoke) -> None:
    run = cli(*RUNS[name], "--format", "sarif")
    sarif = json.loads(run.stdout)
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(sarif)
    assert sarif["runs"][0]["properties"]["ok"] is (run.exit_code == 0)


@pytest.mark.parametrize("name", WITH_FINDINGS)
def test_junit_parses_and_counts(name: str, cli: Invoke) -> None:
    run = cli(*RUNS[name], "--format", "junit")
    suite = ElementTree.fromstring(run.stdout).find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert int(suite.get("tests", "-1")) == len(cases)
    assert int(suite.get("failures", "-1")) == sum(case.find("failure") is not None for case in cases)
    assert int(suite.get("errors", "-1")) == sum(case.find("error") is not None for case in cases)


def test_the_shipped_report_schema_is_the_generated_one(cli: Invoke) -> None:
    shipped = json.loads((REPO / "data" / "report.schema.json").read_text(encoding="utf-8"))
    assert json.loads(cli("schema", "--report").stdout) == shipped == report_schema()


@pytest.mark.parametrize(
    ("argv", "refused"),
    [
        (["show", "--format", "sarif"], "sarif"),
        (["timeline", "--format", "junit"], "junit"),
        (["business", "--list", "--format", "github"], "github"),
        (["validity", "--format", "ics"], "ics"),
    ],
)
def test_a_format_a_report_cannot_fill_is_refused(argv: list[str], refused: str, cli: Invoke) -> None:
    run = cli(*argv)
    assert run.exit_code == 2
    assert f"--format {refused} is not offered here" in run.stderr


def test_every_format_can_go_to_a_file(cli: Invoke, tmp_path: Path) -> None:
    outputs = [tmp_path / f"r.{ext}" for ext in ("json", "xml", "sarif", "txt")]
    argv = ["validity", "--on", "2026-06-01"]
    for fmt, out in zip(("json", "junit", "sarif", "github"), outputs, strict=True):
        argv += ["--format", fmt, "--output", str(out)]
    run = cli(*argv)
    assert run.exit_code == 0 and run.stdout == ""
    assert all(out.stat().st_size > 0 for out in outputs)


def test_an_invalid_target_is_named_once_whatever_the_format(cli: Invoke) -> None:
    for fmt in ("text", "json", "junit"):
        run = cli("scope", "a b", "maichetong.com.cn", "--on", "2026-06-01", "--format", fmt)
        assert run.exit_code == 2
        assert run.stderr.count("invalid target 'a b'") == 1, (fmt, run.stderr)
