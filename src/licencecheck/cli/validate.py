"""`licencecheck validate`: check licence files and report every problem in each."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from licencecheck.cli import common as cli
from licencecheck.i18n import N_
from licencecheck.render.registry import FINDINGS_FORMATS
from licencecheck.report import Report

EPILOG = N_(
    """
Examples:

    licencecheck validate

    licencecheck validate data/licence_yu_B2_20210467.yaml tests/examples/licence/valid/*.yaml --format json

Formats: text, json, junit, sarif, github. Exit codes: 0 all valid, 1 one is invalid, 2 one
cannot be read.
"""
)


@cli.app.command(help=N_("Validate licence files against the schema and the cross-field rules."), epilog=EPILOG)
@cli.pipeline(FINDINGS_FORMATS)
def validate(
    paths: Annotated[
        list[str] | None,
        cli.many("FILE", N_("Licence files (default: --licence, $LICENCECHECK_LICENCE, or the bundled licence).")),
    ] = None,
    licence: cli.LicenceOption = None,
) -> Report:
    """Validate licence files against the schema and the cross-field rules."""
    from licencecheck.checks.licence_files import validate_files
    from licencecheck.portfolio import licence_paths

    return validate_files([Path(path) for path in paths] if paths else licence_paths(licence or []))
