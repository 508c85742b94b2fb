"""`licencecheck deadlines`: filing windows and deadlines on a day, as a table, JSON or .ics."""

from __future__ import annotations

from typing import Annotated

from licencecheck.cli import common as cli
from licencecheck.i18n import N_
from licencecheck.render.registry import REPORT_FORMATS, Format
from licencecheck.report import Report

EPILOG = N_(
    """
Examples:

    licencecheck deadlines

    licencecheck deadlines --on 2026-09-30 --event illegal-info-report=2026-09-28

    licencecheck deadlines --records examples/compliance/records.yaml --format ics > licence.ics

    licencecheck deadlines --on 2026-12-30 --estimate --event security-assessment-report=2026-12-28 \\
        --records examples/compliance/renewal-filed.yaml

Formats: text, json, junit, sarif, github, ics. Exit codes: 0 nothing overdue and the licence
in force; 1 something overdue or the licence not in force (warnings with --strict); 2 could not
compute (no official calendar) or bad input.
"""
)


@cli.app.command(
    help=N_("List every filing window and deadline relevant on a day, from the licence's rules."), epilog=EPILOG
)
@cli.pipeline((*REPORT_FORMATS, Format.ICS))
def deadlines(
    on: cli.OnOption = None,
    records_file: cli.RecordsOption = None,
    event: cli.EventOption = None,
    horizon: Annotated[int, cli.days_option("--horizon", N_("Warn for deadlines due within DAYS (0 or more)."))] = 30,
    calendar_file: cli.CalendarOption = None,
    estimate: cli.EstimateOption = False,
    strict: cli.StrictOption = False,
    licence: cli.LicenceOption = None,
) -> Report:
    """List every filing window and deadline relevant on a day, from the licence's rules."""
    from licencecheck.checks.deadlines import DeadlinesRequest, run_deadlines

    request = DeadlinesRequest(
        tuple(licence or ()),
        on,
        tuple(records_file or ()),
        tuple(event or ()),
        calendar_file,
        estimate,
        horizon=horizon,
        strict=strict,
    )
    return run_deadlines(request)
