"""The Typer app, the options every command shares, and the error boundary."""

from __future__ import annotations

import enum
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, NoReturn, ParamSpec, TypeVar

import typer

from licencecheck import __version__
from licencecheck.errors import LicenceCheckError
from licencecheck.findings import ExitCode, Report, exit_code

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    name="licencecheck",
    help=(
        "Check domains, services and dates against a Chinese value-added telecom business licence "
        "(增值电信业务经营许可证). Exit codes: 0 passed, 1 a check failed, 2 could not run."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)


class _State:
    debug = False


STATE = _State()


def _print_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"licencecheck {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback for errors (for bug reports).")] = False,
) -> None:
    """Checks against a value-added telecom business licence (by default the bundled one; see `show`)."""
    STATE.debug = debug


class TextOrJson(enum.StrEnum):
    text = "text"
    json = "json"


LicenceOption = Annotated[
    Path | None,
    typer.Option(
        "--licence",
        envvar="LICENCECHECK_LICENCE",
        help="Licence YAML file (default: the licence bundled with licencecheck).",
        show_default=False,
    ),
]
OnOption = Annotated[
    str | None,
    typer.Option("--on", help="The day to check, 2026-10-20 or 2026年10月20日 (default: today in Asia/Shanghai)."),
]
StrictOption = Annotated[bool, typer.Option("--strict", help="Treat warnings as failures (exit 1).")]
FormatOption = Annotated[TextOrJson, typer.Option("--format", "-f", help="Output format.")]
RecordsOption = Annotated[Path | None, typer.Option("--records", help="Records YAML: filings and events.")]
EventOption = Annotated[
    list[str] | None, typer.Option("--event", help="ID=DATE: the trigger of an obligation happened on DATE.")
]
CalendarOption = Annotated[
    Path | None, typer.Option("--calendar", help="YAML with a year's official holiday schedule.")
]
EstimateOption = Annotated[
    bool, typer.Option("--estimate", help="Accept weekday-only estimates for years with no official schedule.")
]


def guarded(command: Callable[P, R]) -> Callable[P, R]:
    """The error boundary: a LicenceCheckError becomes one message on stderr and exit 2."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except LicenceCheckError as exc:
            if STATE.debug:
                raise
            fail(str(exc))

    return wrapper


def fail(message: str) -> NoReturn:
    """Print an error to stderr and stop with exit 2 (could not run)."""
    error(message)
    raise typer.Exit(ExitCode.COULD_NOT_RUN)


def error(message: str) -> None:
    sys.stderr.write(f"licencecheck: error: {message}\n")


def warn(message: str) -> None:
    sys.stderr.write(f"licencecheck: warning: {message}\n")


def emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def emit_report(report: Report, output_format: TextOrJson, *, title: str) -> None:
    """Text (rich table) or JSON for the commands that offer just those two."""
    if output_format is TextOrJson.json:
        from licencecheck.render.json_report import render_json

        emit(render_json(report))
    else:
        from licencecheck.render.text import render_text

        emit(render_text(report, title=title))


def finish(report: Report) -> None:
    """Exit with the code the report earns; the only place findings become an exit code."""
    raise typer.Exit(exit_code(report))
