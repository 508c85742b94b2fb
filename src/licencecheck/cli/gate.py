"""`licencecheck gate`: the release gate, in the format the CI system reads."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from licencecheck.cli import common as cli
from licencecheck.i18n import N_
from licencecheck.render.registry import REPORT_FORMATS
from licencecheck.report import Report

EPILOG = N_(
    """
Examples:

    licencecheck gate examples/licencecheck.yaml

    licencecheck gate examples/licencecheck.yaml --strict

    licencecheck gate examples/licencecheck.yaml --format junit --output licencecheck-junit.xml --format text

    licencecheck gate examples/licencecheck.yaml --format sarif --output licencecheck.sarif --format github

    licencecheck gate examples/portfolio/licencecheck.yaml

    licencecheck gate examples/spa/licencecheck.yaml --render --evidence evidence

Formats: text, json, junit, sarif, github. Give one --output per --format, or one fewer: then
text (else github) prints to stdout and the other formats take the outputs in order. Exit
codes: 0 all pass; 1 a check failed (or a warning with --strict); 2 could not run (missing or
empty manifest, unknown key, missing page, an invalid domain or unknown service, bad input,
--render with no browser or a page that did not load in time).
"""
)

DEFAULT_MANIFEST = "licencecheck.yaml"


@cli.app.command(
    help=N_("Check what a release serves (domains, services, pages, data retention, records) against the licence."),
    epilog=EPILOG,
)
@cli.pipeline(REPORT_FORMATS)
def gate(
    manifest: Annotated[
        Path, typer.Argument(metavar="MANIFEST", help=N_("The release manifest (YAML or JSON)."), show_default=True)
    ] = Path(DEFAULT_MANIFEST),
    strict: cli.StrictOption = False,
    licence: cli.LicenceOption = None,
    render: Annotated[
        bool,
        typer.Option(
            "--render",
            help=N_(
                "Render pages in headless Chromium (needs licencecheck[browser]) and judge what a reader sees; "
                "as `render: true` in the manifest."
            ),
        ),
    ] = False,
    browser: Annotated[
        Path | None,
        typer.Option(
            "--browser",
            metavar="PATH",
            help=N_(
                "The Chromium to drive with --render (default: $LICENCECHECK_BROWSER, Playwright's own, "
                "then chromium, chromium-browser or google-chrome on PATH)."
            ),
            show_default=False,
        ),
    ] = None,
    evidence: Annotated[
        Path | None,
        typer.Option(
            "--evidence",
            metavar="DIR",
            help=N_("With --render: write each page's screenshot (the number outlined) and rendered text into DIR."),
            show_default=False,
        ),
    ] = None,
) -> tuple[Report, tuple[tuple[Path, str | bytes], ...]]:
    """Check what a release serves (domains, services, pages, data retention, records) against the licence."""
    from licencecheck.checks.gate import GateRequest, run_gate_request

    report = run_gate_request(GateRequest(manifest, tuple(licence or ()), strict, render, browser, evidence))
    return report, tuple(report.context.get("files", ()))
