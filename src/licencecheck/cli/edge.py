"""The edge of the program: every exception becomes one line on stderr and a documented exit
code, and results reach stdout in what it can carry. Commands never catch errors themselves."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

import typer
from typer.core import TyperGroup

from licencecheck.cli import say
from licencecheck.errors import InputError, LicenceCheckError, os_reason
from licencecheck.i18n import N_, _
from licencecheck.report import ExitCode
from licencecheck.safetext import silence_stdout


def _click_exceptions() -> Any:
    """click's exceptions: typer 0.29 and later carry their own copy of click."""
    import importlib

    try:
        return importlib.import_module("typer._click.exceptions")
    except ImportError:  # pragma: no cover - typer with click as a dependency
        return importlib.import_module("click.exceptions")


_CLICK = _click_exceptions()
ClickException, NoArgsIsHelpError, UsageError = _CLICK.ClickException, _CLICK.NoArgsIsHelpError, _CLICK.UsageError


class Boundary(TyperGroup):
    """The edge of the program: every exception becomes one line on stderr and a documented code.

    0 passed, 1 a check failed, 2 could not run (usage errors, bad input, any unexpected error),
    130 interrupted (Ctrl-C), 143 terminated (SIGTERM). `--debug` shows tracebacks instead."""

    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> Any:
        standalone = extra.pop("standalone_mode", True)
        arguments = list(sys.argv[1:] if args is None else args)
        STATE.debug = "--debug" in arguments
        STATE.quiet = False
        start_text_choices(arguments)
        try:
            arguments = start_language(arguments)
        except LicenceCheckError as exc:
            error(str(exc))
            code: int = ExitCode.COULD_NOT_RUN
        else:
            code = run_at_edge(lambda: super(Boundary, self).main(arguments, prog_name, standalone_mode=False, **extra))
        if standalone:
            sys.exit(code)
        return code

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        from licencecheck.cli.helptext import say_what_to_type

        say_what_to_type(self.get_params(ctx))
        return super().parse_args(ctx, args)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """`licencecheck --help`: flags without typer's `<bool>`, in the run's language (see
        `cli.helptext`)."""
        from licencecheck.cli.helptext import plain_help_if_asked, say_what_to_type, translate_help

        say_what_to_type(self.get_params(ctx))
        translate_help(self, ctx)
        plain_help_if_asked()
        super().format_help(ctx, formatter)

    def get_usage(self, ctx: Any) -> str:
        from licencecheck.cli.words import translate_usage

        return translate_usage(super().get_usage(ctx))

    def invoke(self, ctx: Any) -> Any:
        """Typer turns Ctrl-C into a silent exit 130 and a broken pipe into exit 1; keep them
        for `run_at_edge`, which says what happened and exits 130 or 2."""
        from licencecheck.errors import Interrupted, OutputClosed

        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise Interrupted from None
        except BrokenPipeError:
            silence_stdout()
            raise OutputClosed(_(BROKEN_PIPE)) from None


class _State:
    debug = False
    quiet = False
    """-q was given (before the command or after it)."""


STATE = _State()


def start_language(arguments: list[str]) -> list[str]:
    """Choose the run's language from `--lang` (before the command or after it), then the
    environment (see `licencecheck.i18n`), and return the arguments without `--lang` (and
    without `--no-cache`, which `start_text_choices` has read). An
    unknown language is an error naming where it came from (exit 2)."""
    from licencecheck.i18n import UnknownLanguage, activate, choose_language

    end = arguments.index("--") if "--" in arguments else len(arguments)
    kept, option, source, i = [], None, "--lang", 0
    while i < end:
        item = arguments[i]
        if item == "--lang":
            if i + 1 >= end:
                raise InputError("--lang needs a language: zh or en")
            option, i = arguments[i + 1], i + 2
            continue
        if item.startswith("--lang="):
            option = item.removeprefix("--lang=")
        elif item != "--no-cache":  # --no-cache is read by start_text_choices; either place counts
            kept.append(item)
        i += 1
    if option is None:
        source = "LICENCECHECK_LANG"
    try:
        activate(choose_language(option))
    except UnknownLanguage as exc:
        raise InputError(f"{source}: {str(exc)!r} is not a language licencecheck speaks; give zh or en") from None
    return kept + arguments[end:]


def start_text_choices(arguments: list[str]) -> None:
    """Every run starts from the environment alone; `--no-color` counts from the start (also for
    `--help`, which is read before the other options)."""
    from licencecheck.render.terminal import CHOICES, reset

    reset()
    from licencecheck import cache

    options = arguments[: arguments.index("--")] if "--" in arguments else arguments
    CHOICES.no_colour = "--no-color" in options
    cache.reset(enabled="--no-cache" not in options)


def run_at_edge(call: Callable[[], Any]) -> int:
    """Run the command line and return its exit code, translating every exception."""
    from licencecheck.errors import Interrupted, Terminated
    from licencecheck.inputs import INPUTS

    INPUTS.reset()
    prepare_streams()
    try:
        result = call()
        return result if isinstance(result, int) else ExitCode.PASSED
    except NoArgsIsHelpError as exc:
        emit(exc.ctx.get_help() + "\n")
        return ExitCode.COULD_NOT_RUN
    except ClickException as exc:
        error(_click_line(exc))
        return ExitCode.COULD_NOT_RUN
    except LicenceCheckError as exc:
        if STATE.debug:
            raise
        for line in str(exc).splitlines() or ["(no message)"]:
            error(line.strip())
        return ExitCode.COULD_NOT_RUN
    except (KeyboardInterrupt, Interrupted, typer.Abort):
        say(_("interrupted"))
        return 130
    except Terminated:
        say(_("terminated"))
        return 143
    except BrokenPipeError:
        return _stdout_went_away()
    except SystemExit as exc:
        if not isinstance(exc.__context__, BrokenPipeError):
            raise
        # rich's console (typer's help) exits 1 on a broken pipe, which would read as a failed check
        return _stdout_went_away()
    except Exception as exc:
        if STATE.debug:
            raise
        error(
            _("internal error: {kind}: {error}; run with --debug for the traceback").format(
                kind=type(exc).__name__, error=exc
            )
        )
        return ExitCode.COULD_NOT_RUN


BROKEN_PIPE = N_("standard output was closed before the output was written (broken pipe)")


def _stdout_went_away() -> int:
    silence_stdout()
    error(_(BROKEN_PIPE))
    return ExitCode.COULD_NOT_RUN


def _click_line(exc: Any) -> str:
    """A usage error in the run's language, with where to read more."""
    from licencecheck.cli.words import translate_click_message

    line = translate_click_message(exc.format_message())
    if isinstance(exc, UsageError) and exc.ctx:
        line += _(" (see '{command} --help')").format(command=exc.ctx.command_path)
    return line


def prepare_streams() -> None:
    """Standard streams that never raise on a character they cannot encode, and a closed stdout
    that is an error only if something is written to it."""
    from licencecheck.safetext import stream_is_unicode

    if sys.stdout is None:
        sys.stdout = _ClosedStream()
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        if not stream_is_unicode(stream) and isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors=errors)


class _ClosedStream(io.TextIOBase):
    """Stands for a stdout that was closed before the program started (`>&-`)."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise InputError(_("standard output is closed; redirect it to a file or to /dev/null"))

    def isatty(self) -> bool:
        return False


def error(message: str) -> None:
    from licencecheck.safetext import printable

    say(_("error: {message}").format(message=printable(message, keep_newlines=False)))


def emit(text: str, *, kind: str = "text") -> None:
    """Write a result to stdout in what the stream can carry. On a stdout that cannot carry every
    character (ascii, gbk, cp1252 consoles): JSON with \\u escapes, XML with character
    references, iCalendar (UTF-8 by its RFC) as UTF-8 bytes, text with replacement characters."""
    from licencecheck.safetext import ascii_json, ascii_xml, stream_is_unicode

    if not stream_is_unicode(sys.stdout):
        if kind == "json":
            text = ascii_json(text)
        elif kind == "xml":
            text = ascii_xml(text)
        elif kind == "utf8" and hasattr(sys.stdout, "buffer"):
            sys.stdout.flush()
            sys.stdout.buffer.write(text.encode("utf-8"))
            sys.stdout.buffer.flush()
            return
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:  # a full disk, /dev/full, a quota: say so, never an internal error
        from licencecheck.errors import OutputClosed

        silence_stdout()
        raise OutputClosed(_("cannot write to standard output: {error}").format(error=os_reason(exc))) from None
