"""`licencecheck validity`: is the licence in force on a day?"""

from __future__ import annotations

from typing import Annotated

from licencecheck.cli import common as cli
from licencecheck.i18n import N_
from licencecheck.render.registry import REPORT_FORMATS
from licencecheck.report import Report

EPILOG = N_(
    """
Examples:

    licencecheck validity

    licencecheck validity --on 2026-09-01 --strict    # exit 1: --strict fails the renewal warning

    licencecheck validity --on 2026-11-01 --records examples/compliance/renewal-filed.yaml
    licencecheck validity --on 2026-06-01 --licence data/licence_yu_B2_20210467.yaml --licence examples/licences

Formats: text, json, junit, sarif, github. Exit codes: 0 in force (a warning inside the renewal
window); 1 expired, not yet in force, or a warning with --strict; 2 bad input.
"""
)


@cli.app.command(
    help=N_("In force, expired or not yet in force on a day, with days left or days since."), epilog=EPILOG
)
@cli.pipeline(REPORT_FORMATS)
def validity(
    on: cli.OnOption = None,
    warn_days: Annotated[
        int | None,
        cli.days_option(
            "--warn-days",
            N_("Warn DAYS (0 or more) before the renewal deadline (default 30; before the end if there is none)."),
        ),
    ] = None,
    strict: cli.StrictOption = False,
    records_file: cli.RecordsOption = None,
    licence: cli.LicenceOption = None,
) -> Report:
    """In force, expired or not yet in force on a day, with days left or days since."""
    from licencecheck.checks.validity import ValidityRequest, run_validity

    return run_validity(ValidityRequest(tuple(licence or ()), on, warn_days, strict, tuple(records_file or ())))
