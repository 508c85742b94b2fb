"""The default text layout (a findings table, or one block per finding where the table does not
fit the width) and the problem list of `validate`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from licencecheck.i18n import N_, _
from licencecheck.render.console import outcome_word, plain, render_to_string, tally, verdict_text
from licencecheck.render.fit import Column, Sheet, cells, field_label, hanging, wrap
from licencecheck.render.terminal import text_width
from licencecheck.report import Finding, Report, Shown
from licencecheck.safetext import printable

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

VERDICT = Column(N_("verdict"), role="head", lead=4)
"""The verdict column: PASS, WARN, FAIL, ERROR, never wrapped; in blocks the first word."""


def findings_sheet(findings: Sequence[Finding], *, title: str | None = None) -> Sheet:
    """verdict, subject, finding and clause of each finding."""
    sheet = Sheet(
        (
            VERDICT,
            Column(N_("subject"), role="head", floor=16),
            Column(N_("finding"), role="text", floor=20),
            Column(N_("clause")),
        ),
        title=title,
    )
    for finding in findings:
        sheet.add_row(
            verdict_text(finding.verdict),
            printable(finding.shown_subject),
            printable(finding.message),
            printable(finding.clause),
        )
    return sheet


def summary_line(report: Report) -> Text:
    from rich.text import Text

    outcome = outcome_word(report.ok)
    # TRANSLATORS: the last line of a report: the outcome (OK / NOT OK), then the counts.
    before, after = _("{outcome}: {counts}").split("{outcome}", 1)
    counts = tally(report.counts(), strict=report.strict)
    return Text.assemble(before, (outcome, "green" if report.ok else "bold red"), after.format(counts=counts))


def closing(report: Report, width: int) -> list[RenderableType]:
    """The notes (not with -q) and the outcome line, wrapped to the width."""
    notes = [] if report.shown is not Shown.ALL else report.notes
    label = field_label(_("note"))
    lines: list[RenderableType] = [
        line for note in notes for line in hanging(label, printable(note), width, cells(label))
    ]
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
    one line, whatever the width. Without colour it is plain lines, written without rich (this
    is what CI and pre-commit hooks run on every commit)."""
    from licencecheck.render.terminal import wants_colour

    if not wants_colour():
        return "".join(f"{line}\n" for line in _plain_problem_lines(report))
    from rich.text import Text

    parts: list[RenderableType] = []
    for finding in report.shown_findings():
        line = Text()
        line.append_text(verdict_text(finding.verdict))
        problems = list(finding.data.get("problems", []))
        detail = _("{count} problem(s)").format(count=len(problems)) if problems else finding.message
        # TRANSLATORS: a line of `validate`: the file, then its number of problems (or a message).
        line.append(printable(" " + _("{subject}: {detail}").format(subject=finding.subject, detail=detail)))
        parts.append(line)
        parts += [plain(f"  {problem}") for problem in problems]
    parts.append(summary_line(report))
    return render_to_string(*parts, soft_wrap=True)


def _plain_problem_lines(report: Report) -> list[str]:
    """The lines of `render_problem_list`, as text."""
    from licencecheck.render.console import verdict_word

    lines = []
    for finding in report.shown_findings():
        problems = list(finding.data.get("problems", []))
        detail = _("{count} problem(s)").format(count=len(problems)) if problems else finding.message
        said = printable(" " + _("{subject}: {detail}").format(subject=finding.subject, detail=detail))
        lines.append(verdict_word(finding.verdict) + said)
        lines += [printable(f"  {problem}") for problem in problems]
    before, after = _("{outcome}: {counts}").split("{outcome}", 1)
    counts = tally(report.counts(), strict=report.strict)
    lines.append(before + outcome_word(report.ok) + after.format(counts=counts))
    return lines
