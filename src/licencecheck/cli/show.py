"""`licencecheck show`: the licence, readable, with its state on a day."""

from __future__ import annotations

from typing import Annotated

import typer

from licencecheck.cli.common import FormatOption, LicenceOption, OnOption, TextOrJson, app, emit, guarded

EPILOG = """
Examples:

    licencecheck show

    licencecheck show --full --on 2026-07-01

    licencecheck show --format json --licence other_licence.yaml
"""


@app.command(epilog=EPILOG)
@guarded
def show(
    licence: LicenceOption = None,
    on: OnOption = None,
    output_format: FormatOption = TextOrJson.text,
    full: Annotated[bool, typer.Option("--full", help="Print the full text of every provision.")] = False,
) -> None:
    """Show the licence: number, holder, grants, websites, dates and days left, provisions.

    Informational: exits 0 once the licence is shown (its state is in the output); use
    `validity` for a check with an exit code.
    """
    from licencecheck.checks.validity import check_validity
    from licencecheck.dates import day_or_today
    from licencecheck.loading import load_licence

    day = day_or_today(on)
    data = load_licence(licence)
    finding = check_validity(data, day)
    if output_format is TextOrJson.json:
        from licencecheck import __version__
        from licencecheck.findings import JSON_SCHEMA_VERSION
        from licencecheck.render.json_report import dumps

        emit(
            dumps(
                {
                    "schema_version": JSON_SCHEMA_VERSION,
                    "tool": {"name": "licencecheck", "version": __version__},
                    "command": "show",
                    "ok": True,
                    "on": day.isoformat(),
                    "status": {"message": finding.message, "verdict": finding.verdict.value, **finding.data},
                    "licence": data.model_dump(mode="json"),
                }
            ),
            kind="json",
        )
        return
    from licencecheck.render.licence_text import render_licence

    emit(render_licence(data, finding, full=full))
