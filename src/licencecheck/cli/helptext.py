"""What `--help` shows next to each parameter: the metavar that says what to type (DATE, FILE,
DAYS, ID=DATE, FORMAT), never typer's type label (`<str>`, `<list[Path]>`, `<bool>`).

A flag takes no value, so it shows nothing; an argument's metavar is already its name (TERM,
FILE), so it shows no label either. An option must give its metavar: one without keeps typer's
`<type>` label, which tests/test_help_metavars.py refuses. Number options take no `min=`/`max=`
(typer would print `[x>=0]`); they check their range in a parser and say it in their help."""

from __future__ import annotations

from typing import Any

from typer.core import TyperArgument, TyperCommand, TyperOption


class _Argument(TyperArgument):
    def display_type_rich(self, ctx: Any) -> str | None:
        return None


class _Option(TyperOption):
    def display_type_rich(self, ctx: Any) -> str | None:
        return None if self.is_flag else super().display_type_rich(ctx)


def say_what_to_type(params: list[Any]) -> None:
    """Give typer's parameters the display above. They carry no state of their own, so changing
    their class changes only what `--help` prints."""
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


class Command(TyperCommand):
    """Every licencecheck command: its help shows metavars (see the module's doc)."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        say_what_to_type(self.get_params(ctx))
        plain_help_if_asked()
        super().format_help(ctx, formatter)
