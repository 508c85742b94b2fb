"""`licencecheck deadlines`: filing windows and deadlines on a day, as a table, JSON or .ics."""

from __future__ import annotations

from typing import Annotated

import typer

from licencecheck.cli.common import (
    CalendarOption,
    EstimateOption,
    EventOption,
    FormatsOption,
    LicenceOption,
    OnOption,
    OutputsOption,
    RecordsOption,
    StrictOption,
    app,
    deliver,
    plan_outputs,
)
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


@app.command(epilog=EPILOG)
def deadlines(
    on: OnOption = None,
    records_file: RecordsOption = None,
    event: EventOption = None,
    horizon: Annotated[
        int, typer.Option("--horizon", min=0, metavar="DAYS", help="Warn for deadlines due within DAYS.")
    ] = 30,
    calendar_file: CalendarOption = None,
    estimate: EstimateOption = False,
    output_format: FormatsOption = None,
    output: OutputsOption = None,
    strict: StrictOption = False,
    licence: LicenceOption = None,
) -> None:
    """List every filing window and deadline relevant on a day, from the licence's rules."""
    from licencecheck.checks.deadlines import DeadlinesRequest, run_deadlines

    plan = plan_outputs(output_format, output, (*FINDINGS_FORMATS, Format.ICS))
    request = DeadlinesRequest(
        licence, on, records_file, tuple(event or ()), calendar_file, estimate, horizon=horizon, strict=strict
    )
    deliver(run_deadlines(request), plan)
