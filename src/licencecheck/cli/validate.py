"""`licencecheck validate`: check licence files and report every problem in each."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from licencecheck.cli.common import FormatOption, TextOrJson, app, emit, finish, guarded

EPILOG = """
Examples:

    licencecheck validate

    licencecheck validate data/*.yaml --format json

Exit codes: 0 all valid, 1 one is invalid, 2 one cannot be read.
"""


@app.command(epilog=EPILOG)
@guarded
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Licence files (default: --licence, $LICENCECHECK_LICENCE, or the bundled licence).",
            show_default=False,
        ),
    ] = None,
    licence: Annotated[
        Path | None,
        typer.Option(
            "--licence",
            envvar="LICENCECHECK_LICENCE",
            help="Licence file to check when no PATH is given.",
            show_default=False,
        ),
    ] = None,
    output_format: FormatOption = TextOrJson.text,
) -> None:
    """Validate licence files against the schema and the cross-field rules."""
    from licencecheck.checks.validate import validate_files
    from licencecheck.loading import licence_path

    report = validate_files(paths or [licence_path(licence)])
    if output_format is TextOrJson.json:
        from licencecheck.render.json_report import render_json

        emit(render_json(report), kind="json")
    else:
        from licencecheck.render.text import render_problem_list

        emit(render_problem_list(report))
    finish(report)
