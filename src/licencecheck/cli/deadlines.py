"""`licencecheck deadlines`: filing windows and deadlines on a day, as a table, JSON or .ics."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from licencecheck.cli.common import (
    CalendarOption,
    EstimateOption,
    EventOption,
    LicenceOption,
    OnOption,
    RecordsOption,
    StrictOption,
    app,
    emit,
    finish,
    guarded,
)

EPILOG = """
Examples:

    licencecheck deadlines

    licencecheck deadlines --on 2026-09-30 --event illegal-info-report=2026-09-28

    licencecheck deadlines --records compliance/records.yaml --format ics > licence.ics

    licencecheck deadlines --event security-assessment-report=2027-01-05 --estimate

Exit codes: 0 nothing overdue and the licence in force; 1 something overdue or the licence not
in force (warnings with --strict); 2 could not compute (no official calendar) or bad input.
"""


class DeadlineFormat(enum.StrEnum):
    text = "text"
    json = "json"
    ics = "ics"


@app.command(epilog=EPILOG)
@guarded
def deadlines(
    on: OnOption = None,
    records_file: RecordsOption = None,
    event: EventOption = None,
    horizon: Annotated[int, typer.Option("--horizon", min=0, help="Warn for deadlines due within DAYS.")] = 30,
    calendar_file: CalendarOption = None,
    estimate: EstimateOption = False,
    output_format: Annotated[
        DeadlineFormat, typer.Option("--format", "-f", help="Output format.")
    ] = DeadlineFormat.text,
    strict: StrictOption = False,
    licence: LicenceOption = None,
) -> None:
    """List every filing window and deadline relevant on a day, from the licence's rules."""
    from licencecheck.checks.deadlines import DeadlinesRequest, run_deadlines

    request = DeadlinesRequest(
        licence, on, records_file, tuple(event or ()), calendar_file, estimate, horizon=horizon, strict=strict
    )
    report = run_deadlines(request)
    if output_format is DeadlineFormat.json:
        from licencecheck.render.json_report import render_json

        emit(render_json(report), kind="json")
    elif output_format is DeadlineFormat.ics:
        from licencecheck.render.ics import render_ics

        emit(render_ics(report), kind="utf8")
    else:
        from licencecheck.render.deadline_text import render_deadlines

        emit(render_deadlines(report))
    finish(report)
