"""`licencecheck validity`: is the licence in force on a day?"""

from __future__ import annotations

from typing import Annotated

import typer

from licencecheck.cli.common import (
    FormatOption,
    LicenceOption,
    OnOption,
    StrictOption,
    TextOrJson,
    app,
    emit_report,
    finish,
    guarded,
)

EPILOG = """
Examples:

    licencecheck validity

    licencecheck validity --on 2026-09-01 --strict

Exit codes: 0 in force (a warning inside the renewal window); 1 expired, not yet in force, or a
warning with --strict; 2 bad input.
"""


@app.command(epilog=EPILOG)
@guarded
def validity(
    on: OnOption = None,
    warn_days: Annotated[
        int | None,
        typer.Option("--warn-days", min=0, help="Warn this many days before the end (default: the renewal lead time)."),
    ] = None,
    output_format: FormatOption = TextOrJson.text,
    strict: StrictOption = False,
    licence: LicenceOption = None,
) -> None:
    """In force, expired or not yet in force on a day, with days left or days since."""
    from licencecheck.checks.validity import check_validity
    from licencecheck.dates import day_or_today
    from licencecheck.findings import Report
    from licencecheck.loading import load_licence

    day = day_or_today(on)
    data = load_licence(licence)
    report = Report(command="validity", licence_number=data.number, on=day, strict=strict)
    report.add(check_validity(data, day, warn_days))
    emit_report(report, output_format, title=f"Validity of {data.number} on {day}")
    finish(report)
