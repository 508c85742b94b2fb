"""Deadlines as a table sorted by due date (for `deadlines`), or one block per deadline where the
table does not fit the width."""

from __future__ import annotations

from licencecheck.render.console import render_to_string, verdict_text
from licencecheck.render.fit import Column, Sheet
from licencecheck.render.terminal import text_width
from licencecheck.render.text import VERDICT, sheet_parts
from licencecheck.report import Finding, Report
from licencecheck.safetext import printable

COLUMNS = (
    VERDICT,
    Column("obligation", role="head"),
    Column("clause"),
    Column("window / due"),
    Column("status", role="head"),
    Column("how computed", role="text", floor=20),
)


def render_deadlines(report: Report) -> str:
    width = text_width()
    sheet = Sheet(COLUMNS, title=report.title or f"Deadlines of {report.licence_number} on {report.on}")
    several = len(report.licences) > 1
    for finding in report.shown_findings():
        if finding.check == "validity":
            data = finding.data
            subject = "validity" if not several else f"{finding.licence}\nvalidity"
            row = (subject, finding.clause, str(data["valid_until"]), str(data["state"]), finding.message)
        else:
            subject = finding.subject if not several else f"{finding.licence}\n{finding.subject}"
            row = (subject, finding.clause, _window(finding), _status(finding), str(finding.data["computation"]))
        sheet.add_row(verdict_text(finding.verdict), *[printable(cell) for cell in row])
    return render_to_string(*sheet_parts(report, sheet, width), width=width, soft_wrap=True)


def _window(finding: Finding) -> str:
    data = finding.data
    window = f"{data['window_start']} → {data['due']}" if data.get("window_start") else str(data["due"])
    if data.get("nominal_due"):
        window += f"\n(nominal {data['nominal_due']})"
    if data.get("estimate"):
        window += "\nESTIMATE"
    return window


def _status(finding: Finding) -> str:
    """The status and what the message adds to it (when it was filed, how late, why not
    applicable): the message without its subject, led by the status word."""
    status = str(finding.data["status"])
    said = finding.message.removeprefix(f"{finding.subject}: ")
    if said.lower().replace(" ", "-").startswith(status):
        return said
    return f"{status}: {said}"
