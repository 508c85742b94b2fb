"""CI formats for the gate: JUnit XML, SARIF 2.1.0 and GitHub workflow annotations.

Each takes a report and returns a string. Findings carry `data["location"]` (the manifest file
and line) so that CI systems can point at the line that declared what failed.
"""

from __future__ import annotations

from typing import Any

from licencecheck.findings import Finding, Report, Verdict


def _location(finding: Finding) -> dict[str, Any]:
    location = finding.data.get("location")
    return location if isinstance(location, dict) else {"file": "licencecheck.yaml", "line": 1, "column": 1}


def render_junit(report: Report) -> str:
    """One test case per check item; failures are <failure>, warnings a <failure type="warning">
    under --strict and otherwise a passing case with the warning in a property and system-out."""
    from xml.etree import ElementTree

    counts = report.counts()
    failures = counts["fail"] + (counts["warn"] if report.strict else 0)
    suite = ElementTree.Element(
        "testsuite",
        {
            "name": f"licencecheck gate {report.licence_number}",
            "tests": str(len(report.findings)),
            "failures": str(failures),
            "errors": "0",
            "skipped": "0",
            "timestamp": report.on.isoformat() if report.on else "",
        },
    )
    for finding in report.findings:
        location = _location(finding)
        case = ElementTree.SubElement(
            suite,
            "testcase",
            {
                "classname": f"licencecheck.{finding.check}",
                "name": finding.subject,
                "file": str(location["file"]),
                "line": str(location["line"]),
            },
        )
        properties = ElementTree.SubElement(case, "properties")
        ElementTree.SubElement(properties, "property", {"name": "verdict", "value": finding.verdict.value})
        ElementTree.SubElement(properties, "property", {"name": "clause", "value": finding.clause})
        if finding.verdict is Verdict.FAIL or (finding.verdict is Verdict.WARN and report.strict):
            kind = "failure" if finding.verdict is Verdict.FAIL else "warning"
            failure = ElementTree.SubElement(case, "failure", {"message": finding.message, "type": kind})
            failure.text = f"{finding.message}\nclause: {finding.clause}"
        elif finding.verdict is Verdict.WARN:
            ElementTree.SubElement(case, "system-out").text = f"WARNING: {finding.message}\nclause: {finding.clause}"
    suites = ElementTree.Element("testsuites", {"name": "licencecheck"})
    suites.append(suite)
    ElementTree.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(suites, encoding="unicode") + "\n"


_LEVEL = {Verdict.FAIL: "error", Verdict.WARN: "warning", Verdict.PASS: "none"}


def render_sarif(report: Report) -> str:
    import json

    from licencecheck import __version__

    rules_help: dict[str, dict[str, str]] = report.extra.get("rules", {})
    rule_ids = list(dict.fromkeys([*rules_help, *(f.check for f in report.findings)]))
    rules = [
        {
            "id": rule_id,
            "name": rules_help.get(rule_id, {}).get("name", rule_id),
            "shortDescription": {"text": rules_help.get(rule_id, {}).get("name", rule_id)},
            "help": {"text": rules_help.get(rule_id, {}).get("help", rule_id)},
        }
        for rule_id in rule_ids
    ]
    results = []
    for finding in report.findings:
        location = _location(finding)
        level = _LEVEL[finding.verdict]
        if finding.verdict is Verdict.WARN and report.strict:
            level = "error"
        result: dict[str, Any] = {
            "ruleId": finding.check,
            "ruleIndex": rule_ids.index(finding.check),
            "level": level,
            "message": {"text": f"{finding.message} [licence clause: {finding.clause}]"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": str(location["file"])},
                        "region": {"startLine": int(location["line"]), "startColumn": int(location["column"])},
                    }
                }
            ],
            "properties": {"verdict": finding.verdict.value, "clause": finding.clause, "subject": finding.subject},
        }
        if finding.verdict is Verdict.PASS:
            result["kind"] = "pass"
        results.append(result)
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "licencecheck", "version": __version__, "rules": rules}},
                "results": results,
                "properties": {"licence": report.licence_number, "ok": report.ok},
            }
        ],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report) -> str:
    """GitHub Actions workflow commands: `::error` for failures, `::warning` for warnings."""
    lines = []
    for finding in report.findings:
        if finding.verdict is Verdict.PASS:
            continue
        command = "error" if finding.verdict is Verdict.FAIL or report.strict else "warning"
        location = _location(finding)
        properties = ",".join(
            [
                f"file={_escape_property(str(location['file']))}",
                f"line={location['line']}",
                f"col={location['column']}",
                f"title={_escape_property(f'licencecheck {finding.check} (clause {finding.clause})')}",
            ]
        )
        lines.append(f"::{command} {properties}::{_escape_data(finding.message)}")
    counts = report.counts()
    outcome = "passed" if report.ok else "failed"
    tally = f"{counts['pass']} pass, {counts['warn']} warn, {counts['fail']} fail"
    lines.append(f"::notice title=licencecheck gate::{outcome}: {tally}")
    return "\n".join(lines) + "\n"
