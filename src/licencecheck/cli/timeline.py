"""`licencecheck timeline`: the licence's dates as a picture in the terminal, or as an SVG chart."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from licencecheck.cli import common as cli
from licencecheck.i18n import N_
from licencecheck.render.registry import INFO_FORMATS
from licencecheck.report import Report

EPILOG = N_(
    """
Examples:

    licencecheck timeline

    licencecheck timeline --on 2026-09-30 --event illegal-info-report=2026-09-28 --svg timeline.svg

Formats: text, json. Informational: exits 0 once drawn, or 1 if the licence is not in force on
the day (`deadlines` checks what is due).
"""
)


@cli.app.command(
    help=N_("Draw the validity period, renewal deadline, annual-report windows, event deadlines and the day."),
    epilog=EPILOG,
)
@cli.pipeline(INFO_FORMATS)
def timeline(
    on: cli.OnOption = None,
    svg: Annotated[
        Path | None, typer.Option("--svg", metavar="FILE", help=N_("Also draw the timeline as a chart in FILE (SVG)."))
    ] = None,
    records_file: cli.RecordsOption = None,
    event: cli.EventOption = None,
    calendar_file: cli.CalendarOption = None,
    estimate: cli.EstimateOption = False,
    licence: cli.LicenceOption = None,
) -> tuple[Report, tuple[tuple[Path, str], ...]]:
    """Draw the validity period, renewal deadline, annual-report windows, event deadlines and the day."""
    from licencecheck.checks.deadlines import DeadlinesRequest, run_timeline
    from licencecheck.render.timeline_chart import timeline_svg

    report = run_timeline(
        DeadlinesRequest(
            tuple(licence or ()), on, tuple(records_file or ()), tuple(event or ()), calendar_file, estimate
        )
    )
    return report, ((svg, timeline_svg(report)),) if svg is not None else ()
