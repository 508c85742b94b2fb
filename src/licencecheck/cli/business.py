"""`licencecheck business`: is this kind of service within the licence on a day?"""

from __future__ import annotations

from typing import Annotated

import typer

from licencecheck.cli import common as cli
from licencecheck.i18n import N_
from licencecheck.render.registry import FINDINGS_FORMATS, INFO_FORMATS
from licencecheck.report import Report

EPILOG = N_(
    """
Examples:

    licencecheck business 经营类电子商务

    licencecheck business e-commerce community search --format json

    licencecheck business B25 --on 2026-06-01    # exit 1: B25 is broader than the grant
    licencecheck business 经营类电子商务 --on 2026-06-01 --region 重庆

    licencecheck business --list

Formats: text, json, junit, sarif, github (--list: text, json). Exit codes: 0 every term
permitted; 1 any term not permitted (--list: a licence not in force on the day); 2 any unknown
term or bad option.
"""
)


@cli.app.command(help=N_("Check kinds of service against the licence's grants, limits and exclusions."), epilog=EPILOG)
@cli.pipeline(lambda options: INFO_FORMATS if options["list_vocabulary"] else FINDINGS_FORMATS)
def business(
    terms: Annotated[
        list[str] | None,
        cli.many("TERM", N_("Catalogue codes (B21), Chinese terms (经营类电子商务) or aliases (e-commerce).")),
    ] = None,
    on: cli.OnOption = None,
    list_vocabulary: Annotated[
        bool, typer.Option("--list", help=N_("Print the vocabulary as a tree with verdicts."))
    ] = False,
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            metavar="REGION",
            help=N_("A province-level division (四川, 四川省, 川 or 510000): the grant must also cover it."),
        ),
    ] = None,
    strict: cli.StrictOption = False,
    licence: cli.LicenceOption = None,
) -> Report:
    """Check kinds of service against the licence's grants, limits and exclusions."""
    from licencecheck.checks.business import BusinessRequest, run_business

    return run_business(BusinessRequest(tuple(licence or ()), on, tuple(terms or ()), list_vocabulary, strict, region))
