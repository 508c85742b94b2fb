"""`licencecheck deadlines`: filing windows and deadlines on a day, as a table, JSON or .ics."""

from __future__ import annotations

from typing import Annotated

import typer

from licencecheck.cli import common as cli
from licencecheck.render.registry import FINDINGS_FORMATS, Format

EPILOG = """
Examples:

    licencecheck deadlines

    licencecheck deadlines --on 2026-09-30 --event illegal-info-report=2026-09-28

    licencecheck deadlines --records compliance/records.yaml --format ics > licence.ics

    licencecheck deadlines --event security-assessment-report=2027-01-05 --estimate

Formats: text, json, junit, sarif, github, ics. Exit codes: 0 nothing overdue and the licence
in force; 1 something overdue or the licence not in force (warnings with --strict); 2 could not
compute (no official calendar) or bad input.
"""


@cli.app.command(epilog=EPILOG)
def deadlines(
    on: cli.OnOption = None,
    records_file: cli.RecordsOption = None,
    event: cli.EventOption = None,
    horizon: Annotated[
        int, typer.Option("--horizon", min=0, metavar="DAYS", help="Warn for deadlines due within DAYS.")
    ] = 30,
    calendar_file: cli.CalendarOption = None,
    estimate: cli.EstimateOption = False,
    output_format: cli.FormatsOption = None,
    output: cli.OutputsOption = None,
    strict: cli.StrictOption = False,
    licence: cli.LicenceOption = None,
) -> None:
    """List every filing window and deadline relevant on a day, from the licence's rules."""
    from licencecheck.checks.deadlines import DeadlinesRequest, run_deadlines

    plan = cli.plan_outputs(output_format, output, (*FINDINGS_FORMATS, Format.ICS))
    request = DeadlinesRequest(
        licence, on, records_file, tuple(event or ()), calendar_file, estimate, horizon=horizon, strict=strict
    )
    cli.deliver(run_deadlines(request), plan)
