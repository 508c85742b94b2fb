"""Every output format, by name: the one registry the commands choose renderers from.

A new format is one renderer module, its entry in `_ENTRIES`, and its name in the `case` of
`_entry` (mypy's assert_never fails until the case covers every Format); then the commands that
can fill it offer it (`FINDINGS_FORMATS`). Text has layouts per kind of report (`Report.layout`),
registered in `LAYOUTS`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import assert_never

from licencecheck.report import Report, Shown


class Format(enum.StrEnum):
    TEXT = "text"
    JSON = "json"
    JUNIT = "junit"
    SARIF = "sarif"
    GITHUB = "github"
    ICS = "ics"
    HTML = "html"


FINDINGS_FORMATS = (Format.TEXT, Format.JSON, Format.JUNIT, Format.SARIF, Format.GITHUB)
"""What every report with findings can be written as."""
INFO_FORMATS = (Format.TEXT, Format.JSON)
"""What an informational report (show, business --list, timeline) can be written as."""
REPORT_FORMATS = (*FINDINGS_FORMATS, Format.HTML)
"""What a report a person files (gate, validity, deadlines) can be written as."""


@dataclass(frozen=True)
class Renderer:
    render: Callable[[Report], str]
    stream: str
    """How `emit` writes it to a stdout that cannot carry every character: text, json, xml, utf8."""


def renderer(chosen: Format) -> Renderer:
    """The renderer for a format, imported only when chosen."""
    import importlib

    module_name, function_name, stream = _entry(chosen)
    render: Callable[[Report], str] = getattr(importlib.import_module(module_name), function_name)
    return Renderer(render, stream)


_ENTRIES: dict[Format, tuple[str, str, str]] = {
    Format.TEXT: ("licencecheck.render.registry", "render_text", "text"),
    Format.JSON: ("licencecheck.render.json_report", "render_json", "json"),
    Format.JUNIT: ("licencecheck.render.ci", "render_junit", "xml"),
    Format.SARIF: ("licencecheck.render.ci", "render_sarif", "json"),
    Format.GITHUB: ("licencecheck.render.ci", "render_github", "text"),
    Format.ICS: ("licencecheck.render.ics", "render_ics", "utf8"),
    Format.HTML: ("licencecheck.render.html_report", "render_html", "xml"),
}
"""(module, function, stream kind) of each format."""


def _entry(chosen: Format) -> tuple[str, str, str]:
    """The entry of a format; mypy checks (assert_never) that the case names every Format."""
    match chosen:
        case Format.TEXT | Format.JSON | Format.JUNIT | Format.SARIF | Format.GITHUB | Format.ICS | Format.HTML:
            return _ENTRIES[chosen]
        case _:
            assert_never(chosen)


def render_text(report: Report) -> str:
    """Text for people, in the layout the report asks for. With -q (`Report.shown`), a layout
    that is not a list of findings (the licence, the catalogue, the timeline) gives way to the
    findings table, which then shows only what fails; with --summary, the outcome line alone."""
    layout = report.layout
    if report.shown is not Shown.ALL and layout in QUIET_AS_TABLE:
        layout = "table"
    return _layout(layout)(report)


def _layout(name: str) -> Callable[[Report], str]:
    if name not in LAYOUTS:
        raise KeyError(f"no text layout {name!r}")
    module_name, function_name = LAYOUTS[name]
    import importlib

    function: Callable[[Report], str] = getattr(importlib.import_module(module_name), function_name)
    return function


LAYOUTS: dict[str, tuple[str, str]] = {
    "table": ("licencecheck.render.text", "render_table"),
    "problems": ("licencecheck.render.text", "render_problem_list"),
    "deadlines": ("licencecheck.render.deadline_text", "render_deadlines"),
    "licence": ("licencecheck.render.licence_text", "render_licence_report"),
    "catalogue": ("licencecheck.render.catalogue_tree", "render_catalogue"),
    "timeline": ("licencecheck.render.timeline", "render_timeline_text"),
    "scope": ("licencecheck.render.stream", "render_scope_text"),
}
"""Text layouts by `Report.layout`: module and function, imported only when used."""
QUIET_AS_TABLE = frozenset({"licence", "catalogue", "timeline"})
"""Layouts that are not lists of findings: with -q or --summary, the findings table instead."""
