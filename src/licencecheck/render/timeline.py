"""A picture of the licence's dates: validity, renewal deadline, annual-report windows, event
deadlines and a marker for the day checked. Drawn with rich, so it can also be saved as SVG."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from licencecheck.findings import Report, Status
from licencecheck.safetext import printable

if TYPE_CHECKING:
    from rich.console import Group

WIDTH = 96
LABEL = 22


class _Scale:
    def __init__(self, first: date, last: date, width: int) -> None:
        self.first = first
        self.span = max((last - first).days, 1)
        self.width = width

    def column(self, day: date) -> int:
        return min(self.width - 1, max(0, round((day - self.first).days * (self.width - 1) / self.span)))


def build_timeline(report: Report, issued_on: date, valid_until: date) -> Group:
    from rich.console import Group
    from rich.text import Text

    on = report.on or valid_until
    deadlines = [f for f in report.findings if f.check == "deadlines" and f.data.get("status") != Status.INFORMATION]
    days = [issued_on, valid_until, on] + [date.fromisoformat(str(f.data["due"])) for f in deadlines]
    first = min(days) - timedelta(days=30)
    last = max(days) + timedelta(days=30)
    scale = _Scale(first, last, WIDTH)
    rows: list[Text] = [Text(f"{report.licence_number}: {issued_on} to {valid_until}, as on {on}", style="bold")]

    axis = [" "] * WIDTH
    for year in range(first.year + 1, last.year + 1):
        column = scale.column(date(year, 1, 1))
        label = str(year)
        for offset, char in enumerate(label):
            if column + offset < WIDTH:
                axis[column + offset] = char
    axis_line = Text(" " * LABEL)
    for char in axis:  # spaces unstyled, so that SVG export positions each year label itself
        axis_line.append(char, style="dim" if char != " " else "")
    rows.append(axis_line)

    def row(label: str, marks: list[tuple[int, int, str, str]]) -> Text:
        line = Text(printable(label, keep_newlines=False)[: LABEL - 1].ljust(LABEL))
        cells = [(" ", "")] * WIDTH
        for start, end, char, style in marks:
            for column in range(start, end + 1):
                cells[column] = (char, style)
        for column, (char, style) in enumerate(cells):
            if column == scale.column(on) and char == " ":
                line.append("│", style="bold cyan")
            else:
                line.append(char, style=style)
        return line

    in_force_style = "green" if issued_on <= on <= valid_until else "red"
    rows.append(row("validity", [(scale.column(issued_on), scale.column(valid_until), "█", in_force_style)]))
    grouped: dict[str, list[tuple[int, int, str, str]]] = {}
    legend: list[Text] = []
    styles = {"pass": "green", "warn": "yellow", "fail": "bold red"}
    for finding in deadlines:
        data = finding.data
        due = date.fromisoformat(str(data["due"]))
        style = styles[finding.verdict.value]
        obligation = str(data["obligation"])
        if data.get("window") and data.get("window_start"):
            start = date.fromisoformat(str(data["window_start"]))
            grouped.setdefault(obligation, []).append((scale.column(start), scale.column(due), "▒", style))
        else:
            grouped.setdefault(obligation, []).append((scale.column(due), scale.column(due), "▲", style))
        estimate = " [ESTIMATE: no official calendar for that year]" if data.get("estimate") else ""
        legend.append(Text(printable(f"  {finding.subject}: {data['status']}, due {due}{estimate}"), style=style))
    rows += [row(name, marks) for name, marks in grouped.items()]
    rows.append(row("day checked", [(scale.column(on), scale.column(on), "▼", "bold cyan")]))
    rows.append(Text("█ in force  ▒ filing window  ▲ deadline  │ day checked", style="dim"))
    rows += [Text(f"note: {note}", style="bold") for note in report.notes if note.startswith("ESTIMATE")]
    return Group(*rows, *legend)


def render_timeline_text(report: Report) -> str:
    """The text layout of `timeline`: the picture, as wide as it needs."""
    from licencecheck.render.console import render_to_string

    period = report.extra["validity_period"]
    picture = build_timeline(report, date.fromisoformat(period["issued_on"]), date.fromisoformat(period["valid_until"]))
    return render_to_string(picture, width=200)


def render_svg(report: Report) -> str:
    """The same picture as SVG."""
    import io

    from rich.console import Console

    period = report.extra["validity_period"]
    picture = build_timeline(report, date.fromisoformat(period["issued_on"]), date.fromisoformat(period["valid_until"]))
    recorder = Console(record=True, width=130, file=io.StringIO(), markup=False)
    recorder.print(picture)
    return recorder.export_svg(title=f"{report.licence_number} timeline")
