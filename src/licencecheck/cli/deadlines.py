"""`licencecheck deadlines`: filing windows and deadlines on a day, as a table, JSON or .ics."""

from __future__ import annotations

import enum
from datetime import date
from pathlib import Path
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
from licencecheck.findings import Report

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
    report = build_report(on, records_file, event, calendar_file, estimate, horizon, strict, licence)
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


def build_report(
    on: str | None,
    records_file: Path | None,
    event: list[str] | None,
    calendar_file: Path | None,
    estimate: bool,
    horizon: int,
    strict: bool,
    licence: Path | None,
) -> Report:
    """Parse the deadline inputs (shared with `timeline`) and compute the report."""
    from licencecheck.checks.deadlines import deadlines_report, load_records
    from licencecheck.dates import day_or_today, parse_date
    from licencecheck.errors import InputError
    from licencecheck.loading import load_licence
    from licencecheck.workdays import WorkCalendar, load_calendar

    day = day_or_today(on)
    data = load_licence(licence)
    known = {o.id for o in data.obligations}
    events: list[tuple[str, date]] = []
    for text in event or []:
        obligation_id, sep, when = text.partition("=")
        if not sep or not obligation_id or not when:
            raise InputError(f"--event {text!r}: write ID=DATE, e.g. illegal-info-report=2026-09-28")
        if obligation_id not in known:
            raise InputError(
                f"--event {text!r}: unknown obligation {obligation_id!r}; known: {', '.join(sorted(known))}"
            )
        events.append((obligation_id, parse_date(when, what=f"--event {obligation_id}")))
    records = load_records(records_file, data, day) if records_file else None
    calendar = WorkCalendar(load_calendar(calendar_file) if calendar_file else None, estimate=estimate)
    report = deadlines_report(
        data, day, records=records, events=events, calendar=calendar, horizon=horizon, strict=strict
    )
    report.extra["validity_period"] = {
        "issued_on": data.validity.issued_on.isoformat(),
        "valid_until": data.validity.valid_until.isoformat(),
    }
    return report
