"""`licencecheck scope`: is this domain or URL covered by the licence on a day?"""

from __future__ import annotations

from typing import Annotated

import typer

from licencecheck.cli import common as cli
from licencecheck.i18n import N_
from licencecheck.render.registry import FINDINGS_FORMATS
from licencecheck.report import Report

EPILOG = N_(
    """
Examples:

    licencecheck scope maichetong.com.cn

    licencecheck scope https://www.autoengine.com/path --on 2026-06-01

    licencecheck scope --from examples/hosts.txt --on 2026-06-01 --format json

    cat examples/hosts.txt | licencecheck scope --from - --on 2026-06-01

    licencecheck scope --from examples/hosts.txt --on 2026-06-01 --quiet    # only what is not covered

Text: one line per target (verdict, target, the licensed domain it matched), then the licences'
state, the clauses and the details once; --quiet prints only what fails, --summary only the
counts. Formats: text, json, junit, sarif, github. Text and JSON to stdout stream with flat
memory; other formats, and several outputs at once, collect the findings first. Exit codes: 0
all covered; 1 any not covered (not listed, or the licence not in force); 2 any invalid target
or bad option.
"""
)


@cli.app.command(
    help=N_("Check that domains or URLs are listed on the licence and that it is in force on the day."),
    epilog=EPILOG,
)
@cli.pipeline(FINDINGS_FORMATS)
def scope(
    targets: Annotated[
        list[str] | None, cli.many("DOMAIN|URL", N_("Host names, IDNs or URLs (the host is taken from a URL)."))
    ] = None,
    from_file: Annotated[
        str | None,
        typer.Option(
            "--from", metavar="FILE", help=N_("Read targets from FILE, one a line (`-` for stdin); # comments ignored.")
        ),
    ] = None,
    on: cli.OnOption = None,
    strict: cli.StrictOption = False,
    records_file: cli.RecordsOption = None,
    licence: cli.LicenceOption = None,
    summary: Annotated[
        bool, typer.Option("--summary", help=N_("Text shows only the counts (no line per target)."))
    ] = False,
    *,
    plan: cli.OutputPlan,
) -> Report | int:
    """Check that domains or URLs are listed on the licence and that it is in force on the day."""
    from licencecheck.checks.scope_batch import ScopeRequest, run_scope
    from licencecheck.render.stream import ReportSink, stream_sink
    from licencecheck.report import Shown

    request = ScopeRequest(tuple(licence or ()), on, tuple(targets or ()), from_file, strict, tuple(records_file or ()))
    shown = Shown.SUMMARY if summary else plan.shown
    sink = stream_sink(plan, shown, strict)
    if sink is not None:  # text or JSON to stdout: streamed as checked, memory stays flat
        return run_scope(request, sink).exit_code(strict)
    collector = ReportSink()
    run_scope(request, collector)
    collector.report.shown = shown
    return collector.report
