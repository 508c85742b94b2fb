"""`licencecheck timeline`: the licence's dates as a picture in the terminal, or as SVG."""

from __future__ import annotations

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
    app,
    emit,
    guarded,
)

EPILOG = """
Examples:

    licencecheck timeline

    licencecheck timeline --on 2026-09-30 --event illegal-info-report=2026-09-28 --svg timeline.svg
"""


@app.command(epilog=EPILOG)
@guarded
def timeline(
    on: OnOption = None,
    svg: Annotated[Path | None, typer.Option("--svg", help="Also write the picture to FILE as SVG.")] = None,
    records_file: RecordsOption = None,
    event: EventOption = None,
    calendar_file: CalendarOption = None,
    estimate: EstimateOption = False,
    licence: LicenceOption = None,
) -> None:
    """Draw the validity period, renewal deadline, annual-report windows, event deadlines and the day.

    Informational: exits 0 once drawn (use `deadlines` for a check with an exit code)."""
    from licencecheck.checks.deadlines import DeadlinesRequest, run_deadlines
    from licencecheck.render.text import render_to_string
    from licencecheck.render.timeline import build_timeline

    report = run_deadlines(DeadlinesRequest(licence, on, records_file, tuple(event or ()), calendar_file, estimate))
    period = report.extra["validity_period"]
    picture = build_timeline(report, date.fromisoformat(period["issued_on"]), date.fromisoformat(period["valid_until"]))
    text = render_to_string(picture, width=200)
    if svg is not None:
        import io

        from rich.console import Console

        from licencecheck.outputs import publish

        recorder = Console(record=True, width=130, file=io.StringIO(), markup=False)
        recorder.print(picture)
        publish([(svg, recorder.export_svg(title=f"{report.licence_number} timeline"))])
    emit(text)
