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
    not (a few milliseconds each, at every start). A parameter that was not given takes its
    default without one, and a plain text option (no parser) is the text as given: the values
    typer's coercion gives, without building anything. Everything else goes through typer."""
    from typer.core import _TyperParameter

    descriptor = param.type_descriptor
    if value is None:
        value = () if param.multiple or param.nargs == -1 else None
    elif not (descriptor.annotation is str and descriptor.parameter_info.parser is None and isinstance(value, str)):
        return _TyperParameter.process_value(param, ctx, value)
    if param.required and param.value_is_missing(value):
        from typer._click.exceptions import MissingParameter

        raise MissingParameter(ctx=ctx, param=param)
    return param.callback(ctx, param, value) if param.callback is not None else value


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

    def make_context(self, info_name: Any, args: Any, parent: Any = None, **extra: Any) -> Any:
        say_what_to_type(self.params)
        return super().make_context(info_name, args, parent, **extra)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        say_what_to_type(self.get_params(ctx))
        translate_help(self, ctx)
        plain_help_if_asked()
        super().format_help(ctx, formatter)

    def get_usage(self, ctx: Any) -> str:
        from licencecheck.cli.words import translate_usage

        return translate_usage(super().get_usage(ctx))
