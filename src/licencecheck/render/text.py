"""The default text layout (a findings table) and the problem list of `validate`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from licencecheck.render.console import plain, render_to_string, verdict_text
from licencecheck.report import Report
from licencecheck.safetext import printable

if TYPE_CHECKING:
    from rich.console import RenderableType


def findings_table(report: Report, *, title: str | None = None) -> RenderableType:
    from rich.table import Table

    table = Table(title=title, show_lines=False, expand=False)
    table.add_column("verdict", no_wrap=True)
    table.add_column("subject", overflow="fold")
    table.add_column("finding", overflow="fold")
    table.add_column("clause", overflow="fold")
    for finding in report.findings:
        table.add_row(
            verdict_text(finding.verdict), plain(finding.subject), plain(finding.message), plain(finding.clause)
        )
    return table


def summary_line(report: Report) -> RenderableType:
    from rich.text import Text

    counts = report.counts()
    outcome = "OK" if report.ok else "NOT OK"
    strict = " (strict: warnings fail)" if report.strict else ""
    errors = f", {counts['error']} could not be checked" if counts["error"] else ""
    line = Text(f"{outcome}: {counts['pass']} passed, {counts['warn']} warned, {counts['fail']} failed{errors}{strict}")
    line.stylize("green" if report.ok else "bold red", 0, len(outcome))
    return line


def render_table(report: Report) -> str:
    """The default text layout: one row per finding, the notes, and the outcome."""
    parts: list[RenderableType] = [findings_table(report, title=report.title)]

    parts += [plain(f"note: {note}") for note in report.notes]
    parts.append(summary_line(report))
    return render_to_string(*parts)


def render_problem_list(report: Report) -> str:
    """One line per subject and one indented line per problem: for `validate`, where the
    problems are file:line:column lines that people copy into an editor."""
    from rich.text import Text

    parts: list[RenderableType] = []
    for finding in report.findings:
        line = Text()
        line.append_text(verdict_text(finding.verdict))  # type: ignore[arg-type]
        problems = list(finding.data.get("problems", []))
        line.append(
            printable(f" {finding.subject}: " + (f"{len(problems)} problem(s)" if problems else finding.message))
        )
        parts.append(line)
        parts += [plain(f"  {problem}") for problem in problems]
    parts.append(summary_line(report))
    return render_to_string(*parts, soft_wrap=True)
