"""The service catalogue as a tree with each entry's verdict on the day, then the licences' state
that day and the outcome (the text layout of `business --list`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from licencecheck.i18n import N_, _, aside, day, listing
from licencecheck.render.console import render_to_string
from licencecheck.report import Report

if TYPE_CHECKING:
    from rich.text import Text

MARKS = {
    "permitted": (N_("✔ permitted"), "green"),
    "not-in-force": (N_("✘ licence not in force (within the grant)"), "red"),
    "outside-coverage": (N_("✘ outside the grant's coverage area"), "red"),
    "excluded": (N_("✘ excluded by the licence"), "red"),
    "broader-than-grant": (N_("◐ broader than the grant"), "yellow"),
    "not-licensed": (N_("· not licensed"), "dim"),
    "needs-approval": (N_("! needs separate approval"), "magenta"),
}
"""Each status's mark (translated where shown) and style."""


def render_catalogue(report: Report) -> str:
    """`report.extra["entries"]`: id, name, variants, aliases, parent and status of each entry;
    `report.findings`: each licence's state on the day."""
    from licencecheck.render.fit import wrap
    from licencecheck.render.terminal import text_width
    from licencecheck.render.text import closing, findings_sheet

    entries: list[dict[str, Any]] = report.extra["entries"]
    children: dict[str | None, list[dict[str, Any]]] = {}
    for entry in entries:
        children.setdefault(entry["parent"], []).append(entry)
    width = text_width()
    parts: list[Any] = wrap(_heading(report), width)
    parts += _grow(None, children, "", width, {status: _(mark) for status, (mark, _style) in MARKS.items()})
    title = _title(report)
    parts += [*findings_sheet(report.findings, title=title).renderables(width), *closing(report, width)]
    return render_to_string(*parts, width=width, soft_wrap=True)


def _heading(report: Report) -> str:
    licences = listing(report.licences) if report.licences else report.licence_number
    if report.on is None:
        return _("电信业务分类目录 (2015) against {licence}").format(licence=licences)
    return _("电信业务分类目录 (2015) against {licence} on {day}").format(licence=licences, day=day(report.on))


def _title(report: Report) -> str:
    """The heading of the licences' state on the day."""
    several = len(report.licences) > 1
    if report.on is None:
        return _("The licences") if several else _("The licence")
    if several:
        return _("The licences on {day}").format(day=day(report.on))
    return _("The licence on {day}").format(day=day(report.on))


def _grow(
    parent: str | None,
    children: dict[str | None, list[dict[str, Any]]],
    prefix: str,
    width: int,
    marks: dict[str, str],
) -> list[Text]:
    """The entries under `parent` with their guides (├──, └──), each label wrapped beside its
    guide (its mark kept whole, on the label's last line or on one of its own)."""
    lines: list[Text] = []
    entries = children.get(parent, [])
    for number, entry in enumerate(entries):
        guide, below = ("└── ", "    ") if number == len(entries) - 1 else ("├── ", "│   ")
        names = " / ".join([entry["name"], *entry["variants"]])
        aliases = aside(listing(entry["aliases"])) if entry["aliases"] else ""
        mark = (marks[entry["status"]], MARKS[entry["status"]][1])
        # TRANSLATORS: an entry of the business catalogue: its id, its names (a / b) and its aliases.
        label = _("{id}: {names}{aliases}").format(id=entry["id"], names=names, aliases=aliases)
        lines += _label(label, mark, prefix + guide, prefix + below, width)
        lines += _grow(entry["id"], children, prefix + below, width, marks)
    return lines


def _label(label: str, mark: tuple[str, str], first: str, rest: str, width: int) -> list[Text]:
    from rich.text import Text

    from licencecheck.render.fit import cells, wrap

    room = max(width - cells(first), 1)
    wrapped = wrap(label, room)
    text, style = mark
    if cells(wrapped[-1].plain) + 2 + cells(text) <= room:
        wrapped[-1] = Text.assemble(wrapped[-1], "  ", (text, style))
    else:
        wrapped.append(Text(text, style=style))
    return [Text.assemble(first if n == 0 else rest, line) for n, line in enumerate(wrapped)]
