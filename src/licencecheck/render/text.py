"""The default text layout (a findings table, or one block per finding where the table does not
fit the width) and the problem list of `validate`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from licencecheck.render.console import plain, render_to_string, verdict_text
from licencecheck.render.fit import Column, Sheet, hanging, wrap
from licencecheck.render.terminal import text_width
from licencecheck.report import Finding, Report, Shown
from licencecheck.safetext import printable

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

VERDICT = Column("verdict", role="head", lead=4)
"""The verdict column: PASS, WARN, FAIL, ERROR, never wrapped; in blocks the first word."""


def findings_sheet(findings: Sequence[Finding], *, title: str | None = None) -> Sheet:
    """verdict, subject, finding and clause of each finding."""
    sheet = Sheet(
        (VERDICT, Column("subject", role="head", floor=16), Column("finding", role="text", floor=20), Column("clause")),
        title=title,
    )
    for finding in findings:
        sheet.add_row(
            verdict_text(finding.verdict),
            printable(finding.subject),
            printable(finding.message),
            printable(finding.clause),
        )
    return sheet


def summary_line(report: Report) -> Text:
    from rich.text import Text

    counts = report.counts()
    outcome = "OK" if report.ok else "NOT OK"
    strict = " (strict: warnings fail)" if report.strict else ""
    errors = f", {counts['error']} could not be checked" if counts["error"] else ""
    line = Text(f"{outcome}: {counts['pass']} passed, {counts['warn']} warned, {counts['fail']} failed{errors}{strict}")
    line.stylize("green" if report.ok else "bold red", 0, len(outcome))
    return line


def closing(report: Report, width: int) -> list[RenderableType]:
    """The notes (not with -q) and the outcome line, wrapped to the width."""
    notes = [] if report.shown is not Shown.ALL else report.notes
    lines: list[RenderableType] = [line for note in notes for line in hanging("note: ", printable(note), width, 6)]
    return [*lines, *wrap(summary_line(report), width)]


def sheet_parts(report: Report, sheet: Sheet, width: int) -> list[RenderableType]:
    """A sheet of the shown findings and the closing lines; with -q, no title and no empty table."""
    if report.shown is not Shown.ALL:
        sheet.title = None
    parts = sheet.renderables(width) if sheet.rows or report.shown is Shown.ALL else []
    return [*parts, *closing(report, width)]


def render_table(report: Report) -> str:
    """The default text layout: one row per finding, the notes, and the outcome."""
    width = text_width()
    sheet = findings_sheet(report.shown_findings(), title=report.title)
    return render_to_string(*sheet_parts(report, sheet, width), width=width, soft_wrap=True)


def render_problem_list(report: Report) -> str:
    """One line per subject and one indented line per problem: for `validate`, where the
    problems are file:line:column lines that people copy into an editor or grep, so each stays
    one line, whatever the width."""
    from rich.text import Text

    parts: list[RenderableType] = []
    for finding in report.shown_findings():
        line = Text()
        line.append_text(verdict_text(finding.verdict))
        problems = list(finding.data.get("problems", []))
        line.append(
            printable(f" {finding.subject}: " + (f"{len(problems)} problem(s)" if problems else finding.message))
        )
        parts.append(line)
        parts += [plain(f"  {problem}") for problem in problems]
    parts.append(summary_line(report))
    return render_to_string(*parts, soft_wrap=True)
