"""`licencecheck gate`: the release gate, in the format the CI system reads."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated, assert_never

import typer

from licencecheck.cli.common import LicenceOption, StrictOption, app, emit, finish, guarded
from licencecheck.errors import InputError
from licencecheck.findings import Report

EPILOG = """
Examples:

    licencecheck gate

    licencecheck gate release/licencecheck.yaml --strict

    licencecheck gate --format junit --output licencecheck-junit.xml --format text

    licencecheck gate --format sarif --output licencecheck.sarif --format github

Give one --output per --format, or one fewer: then text (else github) prints to stdout and
the other formats take the outputs in order. Exit codes: 0 all pass; 1 a check failed (or a warning with --strict);
2 could not run (missing or empty manifest, unknown key, missing page, bad input).
"""

DEFAULT_MANIFEST = "licencecheck.yaml"
KIND = {"text": "text", "json": "json", "junit": "xml", "sarif": "json", "github": "text"}
"""How each format is written to a stdout that cannot carry every character (see `emit`)."""


class GateFormat(enum.StrEnum):
    text = "text"
    json = "json"
    junit = "junit"
    sarif = "sarif"
    github = "github"


def render(report: Report, output_format: GateFormat) -> str:
    """Every format has a renderer; mypy checks this match is complete (assert_never)."""
    match output_format:
        case GateFormat.text:
            from licencecheck.render.text import render_text

            return render_text(report, title=f"Release gate for {report.licence_number} on {report.on}")
        case GateFormat.json:
            from licencecheck.render.json_report import render_json

            return render_json(report)
        case GateFormat.junit:
            from licencecheck.render.ci import render_junit

            return render_junit(report)
        case GateFormat.sarif:
            from licencecheck.render.ci import render_sarif

            return render_sarif(report)
        case GateFormat.github:
            from licencecheck.render.ci import render_github

            return render_github(report)
        case _:
            assert_never(output_format)


def pair_outputs(formats: list[GateFormat], outputs: list[str]) -> list[tuple[GateFormat, Path | None]]:
    """Pair formats with output files (`-` is stdout).

    As many outputs as formats: the i-th goes with the i-th. One output fewer: one format goes to
    stdout (text if asked for, else github, whose annotations CI reads from stdout, else the
    last one) and the others take the outputs in order. So `--format text --format junit
    --output r.xml` and `--format junit --output r.xml --format text` mean the same."""
    if not formats:
        formats = [GateFormat.text]
    if len(outputs) == len(formats):
        targets = list(outputs)
    elif len(outputs) == len(formats) - 1:
        console = next((f for f in (GateFormat.text, GateFormat.github) if f in formats), formats[-1])
        console_index = formats.index(console)
        remaining = iter(outputs)
        targets = ["-" if index == console_index else next(remaining) for index in range(len(formats))]
    else:
        raise InputError(
            f"{len(formats)} --format and {len(outputs)} --output options: give one --output per --format, "
            "or one fewer (that format goes to stdout)"
        )
    pairs = [(f, None if target == "-" else Path(target)) for f, target in zip(formats, targets, strict=True)]
    to_stdout = [f.value for f, target in pairs if target is None]
    if len(to_stdout) > 1:
        raise InputError(f"only one format can go to stdout, got {', '.join(to_stdout)}; give each an --output FILE")
    return pairs


@app.command(epilog=EPILOG)
@guarded
def gate(
    manifest: Annotated[Path, typer.Argument(help="The release manifest (YAML or JSON).", show_default=True)] = Path(
        DEFAULT_MANIFEST
    ),
    output_format: Annotated[
        list[GateFormat] | None, typer.Option("--format", "-f", help="Output format; repeat for several.")
    ] = None,
    output: Annotated[
        list[str] | None,
        typer.Option("--output", "-o", help="Write the matching --format to FILE (all outputs or none)."),
    ] = None,
    strict: StrictOption = False,
    licence: LicenceOption = None,
) -> None:
    """Check what a release serves (domains, services, pages, data retention, records) against the licence."""
    from licencecheck.checks.gate import load_manifest, run_gate
    from licencecheck.loading import load_licence
    from licencecheck.outputs import publish

    pairs = pair_outputs(list(output_format or []), list(output or []))
    data = load_licence(licence)
    gate_input = load_manifest(manifest)
    report = run_gate(gate_input, data, strict=strict)
    files: list[tuple[Path, str]] = []
    for chosen, target in pairs:
        text = render(report, chosen)
        if target is None:
            emit(text, kind=KIND[chosen])
        else:
            files.append((target, text))
    publish(files)
    finish(report)
