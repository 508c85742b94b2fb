"""A picture of the licence's dates in the terminal: validity, renewal deadline, annual-report
windows, event deadlines and a marker for the day checked. Drawn with rich; the SVG chart
(`timeline --svg`) is `render.timeline_chart`."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from licencecheck.i18n import _, day
from licencecheck.report import Finding, Report, Status
from licencecheck.safetext import printable

if TYPE_CHECKING:
    from rich.console import Group
    from rich.text import Text

WIDTH = 96
"""The widest the chart is drawn (columns of days); narrower to fit the text width."""
LABEL = 22
NARROWEST = 24


Mark = tuple[int, int, str, str]
"""A run of one character from one column to another, and its style."""
STYLES = {"pass": "green", "warn": "yellow", "fail": "bold red", "error": "bold magenta"}


class _Scale:
    """Days to columns, with a month's margin either side of the days shown."""

    def __init__(self, days: list[date], width: int) -> None:
        self.first = min(days) - timedelta(days=30)
        self.last = max(days) + timedelta(days=30)
        self.span = max((self.last - self.first).days, 1)
        self.width = width

    def column(self, day: date) -> int:
        return min(self.width - 1, max(0, round((day - self.first).days * (self.width - 1) / self.span)))


def build_timeline(report: Report, issued_on: date, valid_until: date, width: int = LABEL + WIDTH) -> Group:
    """The picture in `width` cells: the chart as wide as fits (at most WIDTH), text wrapped."""
    from rich.console import Group
    from rich.text import Text

    on = report.on or valid_until
    deadlines = [f for f in report.findings if f.check == "deadlines" and f.data.get("status") != Status.INFORMATION]
    chart = max(NARROWEST, min(WIDTH, width - LABEL))
    scale = _Scale([issued_on, valid_until, on] + [_due(f) for f in deadlines], chart)
    in_force = "green" if issued_on <= on <= valid_until else "red"
    from licencecheck.render.console import verdict_word
    from licencecheck.render.fit import field_label

    head = _("{licence}: {issued} to {until}, as on {on}").format(
        licence=report.licence_number, issued=day(issued_on), until=day(valid_until), on=day(on)
    )
    rows: list[Text] = [
        Text(head, style="bold"),
        _axis(scale),
        _row(scale, on, _("validity"), [(scale.column(issued_on), scale.column(valid_until), "█", in_force)]),
    ]
    rows += [_row(scale, on, name, marks) for name, marks in _obligation_marks(scale, deadlines).items()]
    rows.append(_row(scale, on, _("day checked"), [(scale.column(on), scale.column(on), "▼", "bold cyan")]))
    rows.append(Text(_("█ in force  ▒ filing window  ▲ deadline  │ day checked"), style="dim"))
    # TRANSLATORS: a verdict word (WARN, FAIL) and a validity message under the timeline.
    said = _("{verdict}: {message}")
    rows += [
        Text(printable(said.format(verdict=verdict_word(f.verdict), message=f.message)), style=STYLES[f.verdict.value])
        for f in report.findings
        if f.check == "validity" and f.verdict.value != "pass"
    ]
    estimates = report.context.get("estimate_notes", ())
    rows += [Text(field_label(_("note")) + note, style="bold") for note in report.notes if note in estimates]
    rows += [_legend_line(finding) for finding in deadlines]
    return Group(*_fitted(rows, max(width, LABEL + NARROWEST)))


def _fitted(rows: list[Text], width: int) -> list[Text]:
    """Each line wrapped to the width between words, never inside a date or a number."""
    from licencecheck.render.fit import wrap

    return [line for row in rows for line in (wrap(row, width) if row.cell_len > width else [row])]


def _due(finding: Finding) -> date:
    return date.fromisoformat(str(finding.data["due"]))


def _axis(scale: _Scale) -> Text:
    from rich.text import Text

    axis = [" "] * scale.width
    for year in range(scale.first.year + 1, scale.last.year + 1):
        column = scale.column(date(year, 1, 1))
        for offset, char in enumerate(str(year)):
            if column + offset < scale.width:
                axis[column + offset] = char
    line = Text(" " * LABEL)
    for char in axis:  # spaces unstyled, so that SVG export positions each year label itself
        line.append(char, style="dim" if char != " " else "")
    return line


def _row(scale: _Scale, on: date, label: str, marks: list[Mark]) -> Text:
    from rich.cells import set_cell_size
    from rich.text import Text

    line = Text(set_cell_size(printable(label, keep_newlines=False), LABEL - 1) + " ")
    cells = [(" ", "")] * scale.width
    for start, end, char, style in marks:
        for column in range(start, end + 1):
            cells[column] = (char, style)
    for column, (char, style) in enumerate(cells):
        if column == scale.column(on) and char == " ":
            line.append("│", style="bold cyan")
        else:
            line.append(char, style=style)
    return line


def _obligation_marks(scale: _Scale, deadlines: list[Finding]) -> dict[str, list[Mark]]:
    """One row per obligation: windows as ▒ from start to due, deadlines as ▲."""
    grouped: dict[str, list[Mark]] = {}
    for finding in deadlines:
        data, due, style = finding.data, _due(finding), STYLES[finding.verdict.value]
        if data.get("window") and data.get("window_start"):
            mark = (scale.column(date.fromisoformat(str(data["window_start"]))), scale.column(due), "▒", style)
        else:
            mark = (scale.column(due), scale.column(due), "▲", style)
        grouped.setdefault(str(data["obligation"]), []).append(mark)
    return grouped


def _legend_line(finding: Finding) -> Text:
    from rich.text import Text

    from licencecheck.checks.deadlines import ESTIMATE_MARK, status_word

    data = finding.data
    estimate = _(ESTIMATE_MARK) if data.get("estimate") else ""
    # TRANSLATORS: a line under the timeline: an obligation, its status and its due date.
    said = _("{subject}: {status}, due {due}").format(
        subject=finding.shown_subject, status=status_word(str(data["status"])), due=day(_due(finding))
    )
    return Text(printable(f"  {said}{estimate}"), style=STYLES[finding.verdict.value])


def _pictures(report: Report, width: int) -> list[Group]:
    """One picture per licence (a portfolio's licences one under another), each with its own rows."""
    from dataclasses import replace

    periods = report.extra["validity_period"]
    if isinstance(periods, dict):
        return [_picture(report, periods, width)]
    pictures = []
    for period in periods:
        own = [f for f in report.findings if f.licence == period["licence"]]
        pictures.append(_picture(replace(report, findings=own, licence_number=period["licence"]), period, width))
    return pictures


def _picture(report: Report, period: dict[str, str], width: int) -> Group:
    start = period.get("valid_from", period["issued_on"])
    return build_timeline(report, date.fromisoformat(start), date.fromisoformat(period["valid_until"]), width)


def render_timeline_text(report: Report) -> str:
    """The text layout of `timeline`: the picture fitted to the text width (`render.terminal`)."""
    from licencecheck.render.console import render_to_string
    from licencecheck.render.terminal import text_width

    width = max(text_width(), LABEL + NARROWEST)
    return render_to_string(*_pictures(report, width), width=width)
