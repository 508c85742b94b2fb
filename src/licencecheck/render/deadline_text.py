"""Deadlines as a table sorted by due date (for `deadlines`)."""

from __future__ import annotations

from licencecheck.render.console import plain, render_to_string, verdict_text
from licencecheck.render.text import summary_line
from licencecheck.report import Report, Status


def render_deadlines(report: Report) -> str:
    from rich.table import Table

    table = Table(title=report.title or f"Deadlines of {report.licence_number} on {report.on}")
    for column in ("verdict", "obligation", "clause", "window / due", "status", "how computed"):
        table.add_column(column, overflow="fold", no_wrap=column == "obligation")
    for finding in report.findings:
        data = finding.data
        if finding.check == "validity":
            table.add_row(
                verdict_text(finding.verdict),
                "validity" if len(report.licences) < 2 else f"{finding.licence}\nvalidity",
                plain(finding.clause),
                str(data["valid_until"]),
                str(data["state"]),
                plain(finding.message),
            )
            continue
        window = f"{data['window_start']} → {data['due']}" if data.get("window_start") else str(data["due"])
        if data.get("nominal_due"):
            window += f"\n(nominal {data['nominal_due']})"
        status = str(data["status"])
        if data.get("estimate"):
            window += "\nESTIMATE"
        if data.get("days_left") is not None and status in {Status.OPEN, Status.UPCOMING}:
            status += f", {data['days_left']} days left"
        if data.get("days_overdue") is not None and status in {Status.OVERDUE, Status.UNCONFIRMED}:
            status += f", {data['days_overdue']} days"
        table.add_row(
            verdict_text(finding.verdict),
            plain(finding.subject if len(report.licences) < 2 else f"{finding.licence}\n{finding.subject}"),
            plain(finding.clause),
            window,
            status,
            plain(str(data["computation"])),
        )
    return render_to_string(table, *[plain(f"note: {note}") for note in report.notes], summary_line(report))
