"""The Typer app, the options every command shares, and the pipeline every command runs:
plan the outputs, run the core, deliver the report (see `pipeline`). The edge of the program
(exceptions, signals, streams) is `cli.edge`."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.models import CommandFunctionType

from licencecheck import __version__
from licencecheck.cli.edge import STATE, Boundary, emit, error
from licencecheck.errors import InputError, os_reason
from licencecheck.i18n import N_, _, listing, quote
from licencecheck.render.registry import Format
from licencecheck.report import Report, Shown, Verdict, exit_code


def _licence_path(value: str) -> Path:
    """A --licence value; an empty one would become `.` (every licence file in the current folder)."""
    if not value.strip():
        raise typer.BadParameter(_("an empty path; name a licence file or a folder of them"))
    return Path(value)


LicenceOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--licence",
        parser=_licence_path,
        metavar="FILE|DIR",
        help=N_(
            "Licence YAML file, or a folder of them; repeat for a portfolio (default: $LICENCECHECK_LICENCE, "
            "several paths separated by ':', else the licence bundled with licencecheck)."
        ),
        show_default=False,
    ),
]
OnOption = Annotated[
    str | None,
    typer.Option(
        "--on",
        metavar="DATE",
        help=N_("The day to check, 2026-10-20 or 2026年10月20日 (default: today in Asia/Shanghai)."),
    ),
]
StrictOption = Annotated[bool, typer.Option("--strict", help=N_("Treat warnings as failures (exit 1)."))]


def _days(value: str | int) -> int:
    """A number of days: a whole number, 0 or more (typer passes a default as it is). A parser
    rather than typer's `min=0`, whose `[x>=0]` in --help says less than DAYS and the help do."""
    if isinstance(value, int):
        return value
    text = value.strip()
    if not text.lstrip("-").isdigit() or not text.isascii():
        raise typer.BadParameter(
            _("{value} is not a number of days; give a whole number, 0 or more").format(value=quote(value))
        )
    if int(text) < 0:
        raise typer.BadParameter(_("{value} is negative; give a number of days, 0 or more").format(value=text))
    return int(text)


def days_option(name: str, help: str) -> Any:
    """An option that takes a number of days (DAYS), 0 or more; `help` marked with `N_`."""
    return typer.Option(name, parser=_days, metavar="DAYS", help=help)


def many(metavar: str, help: str) -> Any:
    """A variadic argument (`[TERM]...` in the usage line): every command's list of things to check;
    `help` marked with `N_`."""
    return typer.Argument(metavar=metavar, help=help, show_default=False)


FormatsOption = Annotated[
    list[Format] | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help=N_("Output format (see the command's help for those it offers); repeat with --output for several."),
        show_default=False,
    ),
]
OutputsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help=N_(
            "Write the matching --format to FILE (all outputs or none); one fewer than --format: "
            "that one goes to stdout."
        ),
        show_default=False,
    ),
]
RecordsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--records", metavar="FILE", help=N_("Records YAML: filings and events (repeat: one file per licence).")
    ),
]
EventOption = Annotated[
    list[str] | None,
    typer.Option(
        "--event",
        metavar="ID=DATE",
        help=N_(
            "The trigger of obligation ID (illegal-info-report, ...) happened on DATE, or for a duty owed before "
            "a planned change, the change is planned for DATE; repeat for several."
        ),
    ),
]
CalendarOption = Annotated[
    Path | None,
    typer.Option("--calendar", metavar="FILE", help=N_("YAML with a year's official holiday schedule.")),
]
EstimateOption = Annotated[
    bool,
    typer.Option(
        "--estimate",
        help=N_("Accept estimates for years with no official schedule (weekends and statutory holidays only)."),
    ),
]


QuietOption = Annotated[
    bool,
    typer.Option(
        "--quiet",
        "-q",
        help=N_("Text shows only what fails (failures and errors; warnings too with --strict) and the outcome line."),
    ),
]
NoColorOption = Annotated[
    bool,
    typer.Option(
        "--no-color",
        help=N_(
            "No colour or bold in text, as with NO_COLOR, CLICOLOR=0 or TERM=dumb (default: colour on a terminal)."
        ),
    ),
]


LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="zh|en",
        help=N_(
            "The language of messages, help and reports (given before the command or after it; default: "
            "$LICENCECHECK_LANG, else the locale: LANGUAGE, LC_ALL, LC_MESSAGES, LANG). Keys and ids in "
            "JSON, SARIF and JUnit stay English."
        ),
        show_default=False,
    ),
]
"""Read by `cli.edge.start_language` before parsing; declared here for `--help`."""


class _App(typer.Typer):
    """The Typer app whose commands show in `--help` what to type (`cli.helptext.Command`)."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[CommandFunctionType], CommandFunctionType]:
        from licencecheck.cli.helptext import Command

        return super().command(*args, **{"cls": Command, **kwargs})


app = _App(
    name="licencecheck",
    help=N_(
        "Check domains, services and dates against a Chinese value-added telecom business licence "
        "(增值电信业务经营许可证). Exit codes: 0 passed, 1 a check failed, 2 could not run."
    ),
    cls=Boundary,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)


def _print_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"licencecheck {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_print_version, is_eager=True, help=N_("Print the version and exit.")),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help=N_("Show a traceback for errors (for bug reports)."))] = False,
    quiet: QuietOption = False,
    no_color: NoColorOption = False,
    lang: LangOption = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help=N_(
                "Read every data file anew: neither use nor write the cache of validated licence files "
                "(as LICENCECHECK_NO_CACHE=1; given before the command or after it)."
            ),
        ),
    ] = False,
) -> None:
    """Checks against a value-added telecom business licence (by default the bundled one; see `show`)."""
    STATE.debug = debug
    text_options(quiet, no_color)


def text_options(quiet: bool, no_color: bool) -> None:
    """-q and --no-color, given before the command or after it: either place counts."""
    from licencecheck.render.terminal import CHOICES

    STATE.quiet = STATE.quiet or quiet
    CHOICES.no_colour = CHOICES.no_colour or no_color


@dataclass(frozen=True)
class OutputPlan:
    """Which format goes where (None: stdout), checked before any work is done."""

    pairs: tuple[tuple[Format, Path | None], ...]
    shown: Shown = Shown.ALL
    """How much the text shows (-q: what fails)."""


def plan_outputs(formats: list[Format] | None, outputs: list[str] | None, offered: tuple[Format, ...]) -> OutputPlan:
    """Pair formats with outputs (`-` is stdout).

    As many outputs as formats: the i-th goes with the i-th. One output fewer: one format goes to
    stdout (text if asked for, else github, whose annotations CI reads from stdout, else the last)
    and the others take the outputs in order."""
    chosen = list(formats or [Format.TEXT])
    refused = [f.value for f in chosen if f not in offered]
    if refused:
        raise InputError(
            _("--format {format} is not offered here; choose {formats}").format(
                format=refused[0], formats=listing(f.value for f in offered)
            )
        )
    targets = list(outputs or [])
    if len(targets) == len(chosen) - 1:
        console = next((f for f in (Format.TEXT, Format.GITHUB) if f in chosen), chosen[-1])
        targets.insert(chosen.index(console), "-")
    if len(targets) != len(chosen):
        raise InputError(
            # TRANSLATORS: {formats} and {outputs} are numbers: how many --format and --output were given.
            _(
                "{formats} --format and {outputs} --output options: give one --output per --format, "
                "or one fewer (that format goes to stdout)"
            ).format(formats=len(chosen), outputs=len(outputs or []))
        )
    pairs = tuple((f, None if target == "-" else Path(target)) for f, target in zip(chosen, targets, strict=True))
    to_stdout = [f.value for f, target in pairs if target is None]
    if len(to_stdout) > 1:
        raise InputError(
            _("only one format can go to stdout, got {formats}; give each an --output FILE").format(
                formats=listing(to_stdout)
            )
        )
    return OutputPlan(pairs)


def deliver(report: Report, plan: OutputPlan, extra_files: tuple[tuple[Path, str | bytes], ...] = ()) -> NoReturn:
    """Render the report in every planned format, write them (files all or none), and exit with
    the code the report earns: the one place a report becomes an exit code."""
    from licencecheck.outputs import publish
    from licencecheck.render.registry import renderer
    from licencecheck.render.terminal import rendering_for_file

    for finding in report.findings if not report.announced else []:
        if finding.verdict is Verdict.ERROR:
            error(finding.message)
    report.shown = report.shown.at_least(plan.shown)
    files: list[tuple[Path, str | bytes]] = list(extra_files)
    shown: list[tuple[str, str]] = []
    for chosen, target in plan.pairs:
        chosen_renderer = renderer(chosen)
        with rendering_for_file(target is not None):
            text = chosen_renderer.render(report)
        if target is None:
            shown.append((text, chosen_renderer.stream))
        else:
            files.append((target, text))
    publish(files, tuple(report.context.get("folders", ())))  # first: when it fails, stdout says nothing
    for text, stream in shown:
        emit(text, kind=stream)
    if all(target is not None for _format, target in plan.pairs):
        _say_summary(report)
    write_step_summary(report)
    raise typer.Exit(exit_code(report))


def _say_summary(report: Report) -> None:
    """When every format went to a file, the outcome still reaches the person or log watching."""
    from licencecheck.render.text import summary_line

    summary = summary_line(report)
    sys.stderr.write(_("licencecheck: {message}").format(message=getattr(summary, "plain", summary)) + "\n")


def write_step_summary(report: Report) -> None:
    """On GitHub Actions ($GITHUB_STEP_SUMMARY set), append the run's Markdown summary there. A
    summary that cannot be written is said on stderr: the verdict stands on the report."""
    import os
    import stat

    target = os.environ.get("GITHUB_STEP_SUMMARY", "").strip()
    if not target:
        return
    from licencecheck.inputs import INPUTS
    from licencecheck.render.step_summary import render_step_summary

    if INPUTS.find(Path(target)) is not None:
        error(
            _("$GITHUB_STEP_SUMMARY {target} is an input of this run; the summary was not written").format(
                target=target
            )
        )
        return
    try:  # non-blocking: a FIFO nobody reads must not hang the run; only a regular file is written
        descriptor = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NONBLOCK", 0), 0o666)
        with os.fdopen(descriptor, "a", encoding="utf-8") as out:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                raise OSError(0, _("not a regular file"))
            out.write(render_step_summary(report))
    except OSError as exc:
        error(
            _("$GITHUB_STEP_SUMMARY {target}: cannot write the summary: {error}").format(
                target=target, error=os_reason(exc)
            )
        )


Built = Report | tuple[Report, tuple[tuple[Path, str | bytes], ...]] | int
"""What a command's function returns: its report (and any extra files to write with it), or the
exit code of a run that streamed its output itself (see `scope`)."""


def pipeline(
    offered: tuple[Format, ...] | Callable[[dict[str, Any]], tuple[Format, ...]],
) -> Callable[[Callable[..., Built]], Callable[..., None]]:
    """Make a command of a function that builds a request, runs the core and returns its report:
    this adds `--format`, `--output`, `-q` and `--no-color`, plans the outputs before any work (`plan_outputs`) and
    delivers the report (`deliver`, the one exit site). `offered` may depend on the command's
    other options (a function of them). A function with a `plan` parameter gets the plan, for
    commands that stream."""
    import functools
    import inspect
    import typing

    def wrap(build: Callable[..., Built]) -> Callable[..., None]:
        wants_plan = "plan" in inspect.signature(build).parameters

        @functools.wraps(build)
        def command(
            output_format: list[Format] | None = None,
            output: list[str] | None = None,
            quiet: bool = False,
            no_color: bool = False,
            **kwargs: Any,
        ) -> None:
            text_options(quiet, no_color)
            plan = plan_outputs(output_format, output, offered(kwargs) if callable(offered) else offered)
            plan = replace(plan, shown=Shown.FAILURES if STATE.quiet else Shown.ALL)
            started, clock = datetime.now(UTC), time.perf_counter()
            built = build(**kwargs, plan=plan) if wants_plan else build(**kwargs)
            if isinstance(built, int):
                raise typer.Exit(built)
            report, extra = built if isinstance(built, tuple) else (built, ())
            report.started_at, report.elapsed = started, time.perf_counter() - clock
            deliver(report, plan, extra)

        hints = typing.get_type_hints(build, include_extras=True)
        own = [p for p in inspect.signature(build).parameters.values() if p.name != "plan"]
        parameters = [p.replace(annotation=hints[p.name]) for p in own] + [
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=kind)
            for name, kind, default in (
                ("output_format", FormatsOption, None),
                ("output", OutputsOption, None),
                ("quiet", QuietOption, False),
                ("no_color", NoColorOption, False),
            )
        ]
        command.__signature__ = inspect.Signature(parameters, return_annotation=None)  # type: ignore[attr-defined]
        command.__annotations__ = {**{p.name: p.annotation for p in parameters}, "return": None}
        return command

    return wrap
