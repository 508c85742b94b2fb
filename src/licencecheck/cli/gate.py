"""`licencecheck gate`: the release gate, in the format the CI system reads."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from licencecheck.cli import common as cli
from licencecheck.render.registry import FINDINGS_FORMATS
from licencecheck.report import Report

EPILOG = """
Examples:

    licencecheck gate examples/licencecheck.yaml

    licencecheck gate examples/licencecheck.yaml --strict

    licencecheck gate examples/licencecheck.yaml --format junit --output licencecheck-junit.xml --format text

    licencecheck gate examples/licencecheck.yaml --format sarif --output licencecheck.sarif --format github

    licencecheck gate examples/portfolio/licencecheck.yaml

Formats: text, json, junit, sarif, github. Give one --output per --format, or one fewer: then
text (else github) prints to stdout and the other formats take the outputs in order. Exit
codes: 0 all pass; 1 a check failed (or a warning with --strict); 2 could not run (missing or
empty manifest, unknown key, missing page, an invalid domain or unknown service, bad input).
"""

DEFAULT_MANIFEST = "licencecheck.yaml"


@cli.app.command(epilog=EPILOG)
@cli.pipeline(FINDINGS_FORMATS)
def gate(
    manifest: Annotated[
        Path, typer.Argument(metavar="[MANIFEST]", help="The release manifest (YAML or JSON).", show_default=True)
    ] = Path(DEFAULT_MANIFEST),
    strict: cli.StrictOption = False,
    licence: cli.LicenceOption = None,
) -> Report:
    """Check what a release serves (domains, services, pages, data retention, records) against the licence."""
    from licencecheck.checks.gate import GateRequest, run_gate_request

    return run_gate_request(GateRequest(manifest, tuple(licence or ()), strict))
