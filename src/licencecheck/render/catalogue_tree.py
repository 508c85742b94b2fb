"""The service catalogue as a tree with each entry's verdict on the day, then the licences' state
that day and the outcome (the text layout of `business --list`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from licencecheck.render.console import render_to_string
from licencecheck.report import Report

if TYPE_CHECKING:
    from rich.text import Text

MARKS = {
    "permitted": ("✔ permitted", "green"),
    "not-in-force": ("✘ licence not in force (within the grant)", "red"),
    "outside-coverage": ("✘ outside the grant's coverage area", "red"),
    "excluded": ("✘ excluded by the licence", "red"),
    "broader-than-grant": ("◐ broader than the grant", "yellow"),
    "not-licensed": ("· not licensed", "dim"),
    "needs-approval": ("! needs separate approval", "magenta"),
}


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
    day = f" on {report.on}" if report.on else ""
    width = text_width()
    parts: list[Any] = wrap(f"电信业务分类目录 (2015) against {report.licence_number}{day}", width)
    parts += _grow(None, children, "", width)
    title = f"{'The licences' if len(report.licences) > 1 else 'The licence'}{day}"
    parts += [*findings_sheet(report.findings, title=title).renderables(width), *closing(report, width)]
    return render_to_string(*parts, width=width, soft_wrap=True)


def _grow(parent: str | None, children: dict[str | None, list[dict[str, Any]]], prefix: str, width: int) -> list[Text]:
    """The entries under `parent` with their guides (├──, └──), each label wrapped beside its
    guide (its mark kept whole, on the label's last line or on one of its own)."""
    lines: list[Text] = []
    entries = children.get(parent, [])
    for number, entry in enumerate(entries):
        guide, below = ("└── ", "    ") if number == len(entries) - 1 else ("├── ", "│   ")
        names = " / ".join([entry["name"], *entry["variants"]])
        aliases = f" ({', '.join(entry['aliases'])})" if entry["aliases"] else ""
        lines += _label(
            f"{entry['id']}: {names}{aliases}", MARKS[entry["status"]], prefix + guide, prefix + below, width
        )
        lines += _grow(entry["id"], children, prefix + below, width)
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
