"""The service catalogue as a tree with each entry's verdict on the day, then the licences' state
that day and the outcome (the text layout of `business --list`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from licencecheck.render.console import render_to_string
from licencecheck.report import Report

if TYPE_CHECKING:
    from rich.tree import Tree

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
    from rich.tree import Tree

    from licencecheck.render.text import findings_table, summary_line

    entries: list[dict[str, Any]] = report.extra["entries"]
    children: dict[str | None, list[dict[str, Any]]] = {}
    for entry in entries:
        children.setdefault(entry["parent"], []).append(entry)
    day = f" on {report.on}" if report.on else ""
    root = Tree(_plain(f"电信业务分类目录 (2015) against {report.licence_number}{day}"))
    _grow(root, None, children)
    title = f"{'The licences' if len(report.licences) > 1 else 'The licence'}{day}"
    return render_to_string(root, findings_table(report, title=title), summary_line(report))


def _grow(branch: Tree, parent: str | None, children: dict[str | None, list[dict[str, Any]]]) -> None:
    from rich.text import Text

    for entry in children.get(parent, []):
        names = " / ".join([entry["name"], *entry["variants"]])
        aliases = f" ({', '.join(entry['aliases'])})" if entry["aliases"] else ""
        mark, style = MARKS[entry["status"]]
        label = Text(f"{entry['id']}: {names}{aliases}  ")
        label.append(mark, style=style)
        _grow(branch.add(label), entry["id"], children)


def _plain(text: str) -> Any:
    from rich.text import Text

    return Text(text)
