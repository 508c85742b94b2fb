"""CI formats for every report with findings: JUnit XML, SARIF 2.1.0 and GitHub annotations.

Each takes a report and returns a string. Findings carry `data["location"]` (the manifest file
and line) so that CI systems can point at the line that declared what failed.
"""

from __future__ import annotations

from datetime import UTC
from typing import Any

from licencecheck.i18n import N_, _
from licencecheck.report import Finding, Report, Verdict, counts_as_failure
from licencecheck.safetext import printable


def _location(finding: Finding) -> dict[str, Any] | None:
    """Where a finding points in the user's files (the gate locates every finding), or None."""
    location = finding.data.get("location")
    return location if isinstance(location, dict) else None


def render_junit(report: Report) -> str:
    """One test case per check item; failures are <failure>, warnings a <failure type="warning">
    under --strict and otherwise a passing case with the warning in a property and system-out."""
    from xml.etree import ElementTree

    counts = report.counts()
    failures = sum(counts_as_failure(f.verdict, report.strict) for f in report.findings)
    errors = counts["error"]
    suite = ElementTree.Element(
        "testsuite",
        {
            "name": printable(f"licencecheck {report.command} {report.licence_number}"),
            "tests": str(len(report.findings)),
            "failures": str(failures),
            "errors": str(errors),
            "skipped": "0",
            **_junit_times(report),
        },
    )
    measured = [f.seconds for f in report.findings if f.seconds is not None]
    rest = max(0.0, (report.elapsed or 0.0) - sum(measured))
    share = rest / max(1, len(report.findings) - len(measured))  # unmeasured checks share the rest
    for finding in report.findings:
        _junit_case(suite, finding, strict=report.strict, seconds=share if finding.seconds is None else finding.seconds)
    if report.notes:
        ElementTree.SubElement(suite, "system-out").text = "\n".join(_note(printable(n)) for n in report.notes)
    suites = ElementTree.Element("testsuites", {"name": "licencecheck"})
    suites.append(suite)
    ElementTree.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(suites, encoding="unicode") + "\n"


def _note(note: str) -> str:
    # TRANSLATORS: a note of the run (what was not checked, and why).
    return _("note: {note}").format(note=note)


def _clause(clause: str) -> str:
    # TRANSLATORS: the licence clause a finding rests on (十六(四), or regulation: …).
    return _("clause: {clause}").format(clause=clause)


def _junit_times(report: Report) -> dict[str, str]:
    """The suite's start (UTC, to the second, no zone: as the JUnit schema writes it) and time."""
    times = {"time": f"{report.elapsed or 0.0:.3f}"}
    if report.started_at is not None:
        times["timestamp"] = report.started_at.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds")
    return times


def _junit_case(suite: Any, finding: Finding, *, strict: bool, seconds: float) -> None:
    """One <testcase>: <error> when the input could not be checked, <failure> when a check failed
    (or warned under --strict), else passing (a warning in system-out). Text is printable XML."""
    from xml.etree import ElementTree

    location = _location(finding)
    message, clause = printable(finding.message), printable(finding.clause)
    attributes = {
        "classname": f"licencecheck.{finding.check}",
        "name": printable(finding.subject),
        "time": f"{seconds:.3f}",
    }
    if location is not None:
        attributes |= {"file": printable(str(location["file"])), "line": str(location["line"])}
    case = ElementTree.SubElement(suite, "testcase", attributes)
    properties = ElementTree.SubElement(case, "properties")
    ElementTree.SubElement(properties, "property", {"name": "verdict", "value": finding.verdict.value})
    ElementTree.SubElement(properties, "property", {"name": "clause", "value": clause})
    if finding.verdict is Verdict.ERROR:
        ElementTree.SubElement(case, "error", {"message": message, "type": "error"}).text = message
    elif counts_as_failure(finding.verdict, strict):
        kind = "failure" if finding.verdict is Verdict.FAIL else "warning"
        failure = ElementTree.SubElement(case, "failure", {"message": message, "type": kind})
        failure.text = f"{message}\n{_clause(clause)}"
    elif finding.verdict is Verdict.WARN:
        warning = _("WARNING: {message}").format(message=message)
        ElementTree.SubElement(case, "system-out").text = f"{warning}\n{_clause(clause)}"


_LEVEL = {Verdict.ERROR: "error", Verdict.FAIL: "error", Verdict.WARN: "warning", Verdict.PASS: "none"}


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
    results = [_sarif_result(finding, rule_ids, strict=report.strict) for finding in report.findings]
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "licencecheck", "version": __version__, "rules": rules}},
                "invocations": [_invocation(report)],
                "results": results,
                "properties": {"licence": report.licence_number, "ok": report.ok},
            }
        ],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"


def _sarif_result(finding: Finding, rule_ids: list[str], *, strict: bool) -> dict[str, Any]:
    location = _location(finding)
    level = _LEVEL[finding.verdict]
    if counts_as_failure(finding.verdict, strict):
        level = "error"
    result: dict[str, Any] = {
        "ruleId": finding.check,
        "ruleIndex": rule_ids.index(finding.check),
        "level": level,
        "message": {
            "text": _("{message} [licence clause: {clause}]").format(message=finding.message, clause=finding.clause)
        },
        "properties": {"verdict": finding.verdict.value, "clause": finding.clause, "subject": finding.subject},
    }
    if location is not None:
        region = {"startLine": int(location["line"]), "startColumn": int(location["column"])}
        physical = {"artifactLocation": {"uri": str(location["file"])}, "region": region}
        result["locations"] = [{"physicalLocation": physical}]
    if finding.verdict is Verdict.PASS:
        result["kind"] = "pass"
    if attachments := _attachments(finding):
        result["attachments"] = attachments
    return result


_EVIDENCE = {"screenshot": N_("the rendered page, the text's boxes outlined"), "text": N_("the rendered page's text")}


def _attachments(finding: Finding) -> list[dict[str, Any]]:
    """A rendered page's evidence files (`gate --render --evidence`), as SARIF attachments."""
    evidence = finding.data.get("evidence")
    if not isinstance(evidence, dict):
        return []
    return [
        {"artifactLocation": {"uri": str(evidence[kind])}, "description": {"text": _(description)}}
        for kind, description in _EVIDENCE.items()
        if kind in evidence
    ]


def _invocation(report: Report) -> dict[str, Any]:
    """The run's notes (what was not checked, and why) as notifications CI viewers show."""
    notes = [{"level": "note", "message": {"text": note}} for note in report.notes]
    return {"executionSuccessful": True, "toolExecutionNotifications": notes}


def _escape_data(text: str) -> str:
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report) -> str:
    """GitHub Actions workflow commands: `::error` for failures, `::warning` for warnings."""
    lines = []
    for finding in report.findings:
        if finding.verdict is Verdict.PASS:
            continue
        failed = finding.verdict is Verdict.ERROR or counts_as_failure(finding.verdict, report.strict)
        command = "error" if failed else "warning"
        location = _location(finding)
        where = (
            [f"file={_escape_property(str(location['file']))}", f"line={location['line']}", f"col={location['column']}"]
            if location is not None
            else []
        )
        title = _("licencecheck {check} (clause {clause})").format(check=finding.check, clause=finding.clause)
        title = f"title={_escape_property(title)}"
        properties = ",".join([*where, title])
        lines.append(f"::{command} {properties}::{_escape_data(finding.message)}")
    # TRANSLATORS: the title of a GitHub annotation that carries a note of the run.
    note_title = _escape_property(_("licencecheck {command} note").format(command=report.command))
    lines += [f"::notice title={note_title}::{_escape_data(note)}" for note in report.notes]
    counts = report.counts()
    numbers = {
        "passes": counts["pass"],
        "warnings": counts["warn"],
        "failures": counts["fail"],
        "errors": counts["error"],
    }
    if report.ok:
        tally = _("passed: {passes} pass, {warnings} warn, {failures} fail, {errors} error").format(**numbers)
    else:
        tally = _("failed: {passes} pass, {warnings} warn, {failures} fail, {errors} error").format(**numbers)
    lines.append(f"::notice title=licencecheck {report.command}::{_escape_data(tally)}")
    return "\n".join(lines) + "\n"
