"""`licencecheck business`: is this kind of service within the licence on a day?"""

from __future__ import annotations

from typing import Annotated

import typer

from licencecheck.cli.common import (
    FormatOption,
    LicenceOption,
    OnOption,
    StrictOption,
    TextOrJson,
    app,
    emit,
    emit_report,
    error,
    fail,
    finish,
    guarded,
)

EPILOG = """
Examples:

    licencecheck business 经营类电子商务

    licencecheck business e-commerce community search --format json

    licencecheck business B25 --on 2026-06-01

    licencecheck business --list

Exit codes: 0 every term permitted; 1 any term not permitted; 2 any unknown term or bad option.
"""


@app.command(epilog=EPILOG)
@guarded
def business(
    terms: Annotated[
        list[str] | None,
        typer.Argument(
            help="Catalogue codes (B21), Chinese terms (经营类电子商务) or aliases (e-commerce).", show_default=False
        ),
    ] = None,
    on: OnOption = None,
    list_vocabulary: Annotated[
        bool, typer.Option("--list", help="Print the vocabulary as a tree with verdicts.")
    ] = False,
    output_format: FormatOption = TextOrJson.text,
    strict: StrictOption = False,
    licence: LicenceOption = None,
) -> None:
    """Check kinds of service against the licence's grants, limits and exclusions."""
    from licencecheck.checks.business import BusinessIndex, check_term, unknown_term
    from licencecheck.dates import day_or_today
    from licencecheck.findings import Report
    from licencecheck.loading import load_licence
    from licencecheck.vocabulary import load_catalogue

    day = day_or_today(on)
    data = load_licence(licence)
    index = BusinessIndex(data, load_catalogue())
    if list_vocabulary:
        _print_vocabulary(index, output_format)
        return
    if not terms:
        fail("no terms: give one or more TERM arguments, or --list to see the vocabulary")
    report = Report(command="business", licence_number=data.number, on=day, strict=strict)
    for term in terms:
        cleaned = term.strip(" \t\r\n\u3000")
        entry = index.catalogue.lookup(cleaned) if cleaned else None
        if entry is None:
            finding = unknown_term(index, term)
            error(finding.message)
            report.add(finding)
            continue
        report.add(check_term(index, cleaned, entry, day))
    emit_report(report, output_format, title=f"Services on {data.number}")
    finish(report)


def _print_vocabulary(index: object, output_format: TextOrJson) -> None:
    from licencecheck.checks.business import BusinessIndex, entry_json

    assert isinstance(index, BusinessIndex)
    classified = {entry.id: index.classify(entry) for entry in index.catalogue.entries}
    if output_format is TextOrJson.json:
        from licencecheck.render.json_report import dumps

        entries = [
            {
                **entry_json(entry),
                "variants": entry.variants,
                "aliases": entry.aliases,
                "status": classified[entry.id].kind,
                "clause": classified[entry.id].clause,
            }
            for entry in index.catalogue.entries
        ]
        emit(
            dumps(
                {
                    "schema_version": 1,
                    "command": "business --list",
                    "ok": True,
                    "licence": index.licence.number,
                    "entries": entries,
                }
            ),
            kind="json",
        )
        return
    from rich.text import Text
    from rich.tree import Tree

    from licencecheck.render.text import render_to_string

    marks = {
        "permitted": ("✔ permitted", "green"),
        "excluded": ("✘ excluded by the licence", "red"),
        "broader-than-grant": ("◐ broader than the grant", "yellow"),
        "not-licensed": ("· not licensed", "dim"),
        "needs-approval": ("! needs separate approval", "magenta"),
    }
    root = Tree(Text(f"电信业务分类目录 (2015) against {index.licence.number}"))

    def grow(branch: Tree, parent: str | None) -> None:
        for entry in index.catalogue.children.get(parent, []):
            names = " / ".join([entry.name, *entry.variants])
            aliases = f" ({', '.join(entry.aliases)})" if entry.aliases else ""
            mark, style = marks[classified[entry.id].kind]
            label = Text(f"{entry.id}: {names}{aliases}  ")
            label.append(mark, style=style)
            grow(branch.add(label), entry.id)

    grow(root, None)
    emit(render_to_string(root))
