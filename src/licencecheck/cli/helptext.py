"""What `--help` shows next to each parameter: the metavar that says what to type (DATE, FILE,
DAYS, ID=DATE, FORMAT), never typer's type label (`<str>`, `<list[Path]>`, `<bool>`).

A flag takes no value, so it shows nothing; an argument's metavar is already its name (TERM,
FILE), so it shows no label either. An option must give its metavar: one without keeps typer's
`<type>` label, which tests/test_help_metavars.py refuses. Number options take no `min=`/`max=`
(typer would print `[x>=0]`); they check their range in a parser and say it in their help."""

from __future__ import annotations

from typing import Any

from typer.core import TyperArgument, TyperCommand, TyperOption


def _process_value(param: Any, ctx: Any, value: Any) -> Any:
    """typer (0.29) builds a pydantic TypeAdapter for every parameter it processes, given or
    not (a few milliseconds each, at every start). Here a parameter that was not given takes its
    default, and text, lists of text and choices of an enum given as one of its values take the
    values typer's coercion would give, without building anything. Everything else (parsers,
    paths, numbers, a value that is not one of the choices) goes through typer, errors included."""
    from typer.core import _TyperParameter

    if value is None:
        value = () if param.multiple or param.nargs == -1 else None
    else:
        plain = _plainly(param.type_descriptor, value, ctx)
        if plain is _TYPER:
            return _TyperParameter.process_value(param, ctx, value)
        value = plain
    if param.required and param.value_is_missing(value):
        from typer._click.exceptions import MissingParameter

        raise MissingParameter(ctx=ctx, param=param)
    return param.callback(ctx, param, value) if param.callback is not None else value


_TYPER = object()
"""What `_plainly` returns for a value typer must coerce."""


def _plainly(descriptor: Any, value: Any, ctx: Any) -> Any:
    from enum import Enum
    from typing import get_args, get_origin

    info = descriptor.parameter_info
    if info.parser is not None or getattr(ctx, "token_normalize_func", None) is not None:
        return _TYPER
    annotation = descriptor.annotation
    if get_origin(annotation) is list and isinstance(value, (list, tuple)):
        items = [_plainly_one(get_args(annotation)[0], item, info, Enum) for item in value]
        return _TYPER if any(item is _TYPER for item in items) else items
    return _plainly_one(annotation, value, info, Enum)


def _plainly_one(annotation: Any, value: Any, info: Any, enum: type) -> Any:
    if annotation is str and isinstance(value, str):
        return value
    if isinstance(annotation, type) and issubclass(annotation, enum) and info.case_sensitive:
        choices: Any = annotation
        return next((member for member in choices if member.value == value), _TYPER)
    return _TYPER


class _Argument(TyperArgument):
    process_value = _process_value

    def display_type_rich(self, ctx: Any) -> str | None:
        return None


class _Option(TyperOption):
    process_value = _process_value

    def display_type_rich(self, ctx: Any) -> str | None:
        return None if self.is_flag else super().display_type_rich(ctx)


def say_what_to_type(params: list[Any]) -> None:
    """Give typer's parameters the display above and the quick defaults of `_process_value`. They carry
    no state of their own, so changing their class changes only what `--help` prints and how
    fast a parameter that was not given gets its default."""
    for param in params:
        if type(param) is TyperArgument:
            param.__class__ = _Argument
        elif type(param) is TyperOption:
            param.__class__ = _Option


def plain_help_if_asked() -> None:
    """--help without colour or bold where the user said so (--no-color, NO_COLOR, CLICOLOR=0,
    TERM=dumb): typer's rich console reads its colour system from typer.rich_utils."""
    from licencecheck.render.terminal import colour_refused

    try:
        from typer import rich_utils
    except ImportError:  # pragma: no cover - typer without rich prints plain help
        return
    rich_utils.COLOR_SYSTEM = None if colour_refused() else "auto"


def translate_help(command: Any, ctx: Any) -> None:
    """The command's help, its parameters' and its subcommands' in the run's language. typer
    builds its click commands anew for every run, so changing them changes only this run."""
    from licencecheck.i18n import _

    for item in [command, *_subcommands(command, ctx)]:
        for name in ("help", "short_help", "epilog"):
            if getattr(item, name, None):
                setattr(item, name, _(getattr(item, name)))
    for param in command.get_params(ctx):
        if getattr(param, "help", None):
            param.help = _(param.help)


def _subcommands(command: Any, ctx: Any) -> list[Any]:
    names = command.list_commands(ctx) if hasattr(command, "list_commands") else []
    return [sub for sub in (command.get_command(ctx, name) for name in names) if sub is not None]


class Command(TyperCommand):
    """Every licencecheck command: its help shows metavars (see the module's doc), in the run's
    language; its parameters take their defaults quickly (`_process_value`)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        say_what_to_type(self.get_params(ctx))
        return super().parse_args(ctx, args)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        say_what_to_type(self.get_params(ctx))
        translate_help(self, ctx)
        plain_help_if_asked()
        super().format_help(ctx, formatter)

    def get_usage(self, ctx: Any) -> str:
        from licencecheck.cli.words import translate_usage

        return translate_usage(super().get_usage(ctx))
