"""`licencecheck schema`: the JSON Schema of the licence file, or of the JSON report."""

from __future__ import annotations

from typing import Annotated

import typer

from licencecheck.cli.common import NoColorOption, app
from licencecheck.cli.edge import emit
from licencecheck.i18n import N_

EPILOG = N_(
    """
Examples:

    licencecheck schema > licence.schema.json

    licencecheck schema --report > report.schema.json

Then start a licence file with `# yaml-language-server: $schema=licence.schema.json`.
"""
)


@app.command(
    help=N_("Print the JSON Schema of the licence file (or of the JSON report), for editors and other tools."),
    epilog=EPILOG,
)
def schema(
    report: Annotated[
        bool, typer.Option("--report", help=N_("The schema of every command's --format json output instead."))
    ] = False,
    no_color: NoColorOption = False,
) -> None:
    """Print the JSON Schema of the licence file (or of the JSON report), for editors and other tools."""
    from licencecheck.render.json_report import dumps
    from licencecheck.schema import licence_schema, report_schema

    emit(dumps(report_schema() if report else licence_schema()), kind="json")
