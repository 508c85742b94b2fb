"""`licencecheck show`: the licence, readable, with its state on a day."""

from __future__ import annotations

from typing import Annotated

import typer

from licencecheck.cli import common as cli
from licencecheck.i18n import N_
from licencecheck.render.registry import INFO_FORMATS, Format
from licencecheck.report import Report

EPILOG = N_(
    """
Examples:

    licencecheck show

    licencecheck show --full --on 2026-07-01

    licencecheck show --format json --licence data/licence_yu_B2_20210467.yaml

Formats: text, json. Informational: exits 0 once the licence is shown, or 1 if it is not in
force on the day (its state is in the output; `validity` says more).
"""
)


@cli.app.command(
    help=N_("Show the licence: number, holder, grants, websites, dates and days left, provisions."), epilog=EPILOG
)
@cli.pipeline((*INFO_FORMATS, Format.HTML))
def show(
    licence: cli.LicenceOption = None,
    on: cli.OnOption = None,
    full: Annotated[bool, typer.Option("--full", help=N_("Print the full text of every provision."))] = False,
) -> Report:
    """Show the licence: number, holder, grants, websites, dates and days left, provisions."""
    from licencecheck.checks.show import ShowRequest, run_show

    return run_show(ShowRequest(tuple(licence or ()), on, full))
