"""typer's and click's own words, in the language of the run.

typer's help panels read module constants of `typer.rich_utils` ("Options", "[default: …]"),
which `translate_typer` sets anew for each run. typer's copy of click builds its error lines
with f-strings, so those are matched against the English templates below and said again in
the run's language (`translate_click_message`); a line that matches none stays as it is.
"""

from __future__ import annotations

import re
import sys
from functools import cache

from licencecheck.i18n import N_, _, language

PANEL_WORDS = {
    "DEPRECATED_STRING": N_("(deprecated) "),
    "DEFAULT_STRING": N_("[default: {}]"),
    "ENVVAR_STRING": N_("[env var: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "ERRORS_PANEL_TITLE": N_("Error"),
    "ABORTED_TEXT": N_("Aborted."),
}
"""typer.rich_utils constants and their English words."""

USAGE_WORDS = (N_("Usage: "), N_("[OPTIONS]"), N_("COMMAND [ARGS]..."))
"""The parts of a usage line that are words rather than what to type."""

HELP_WORDS = (
    N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
    N_("default: {default}"),
    N_("required"),
    N_("env var: {var}"),
)
"""Help texts typer and click give their own options."""

CLICK_MESSAGES = (
    N_("No such option: {option}"),
    N_("No such option: {option} (Possible options: {options})"),
    N_("No such command '{name}'."),
    N_("Missing command."),
    N_("Missing argument {param}."),
    N_("Missing option {param}."),
    N_("Missing parameter {param}."),
    N_("Invalid value for {param}: {message}"),
    N_("Invalid value: {message}"),
    N_("Got unexpected extra argument ({args})"),
    N_("Got unexpected extra arguments ({args})"),
    N_("Got unexpected extra argument(s) ({args})"),
    N_("Option '{option}' requires an argument."),
    N_("Option '{option}' does not take a value."),
    N_("'{value}' is not one of {choices}."),
    N_("Value '{value}' is not a valid {label}."),
    N_("Value error, {message}"),
)
"""click's error lines (typer 0.29's copy), as English templates."""

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def translate_typer() -> None:
    """Set typer's panel words and its `_` to the run's language (English words for English).
    An English run that has not loaded typer's help panels leaves them unloaded (they import rich)."""
    from typer import core

    core._ = _  # type: ignore[attr-defined]
    if language() == "en" and "typer.rich_utils" not in sys.modules:
        return
    from typer import rich_utils

    for name, words in PANEL_WORDS.items():
        setattr(rich_utils, name, _(words))
    _wrap_between_cjk_characters()


_CJK = "\u2e80-\u9fff\uf900-\ufaff"
_CJK_WORD = re.compile(rf"\s*(?:[（《“‘「【]*[{_CJK}][，。、；：？！）》”’」】…]*|[^\s{_CJK}（《“‘「【]+|\S)\s*")
"""A word for rich's line breaking: one CJK character with the punctuation that may not be
parted from it, or a run of other characters. rich breaks only at spaces, so help in Chinese
(which has none) would be cut off with an ellipsis in typer's help panels."""


def _wrap_between_cjk_characters() -> None:
    try:
        from rich import _wrap
    except ImportError:  # pragma: no cover - a rich without the module breaks as it does
        return
    if hasattr(_wrap, "re_word"):
        _wrap.re_word = _CJK_WORD


def translate_usage(usage: str) -> str:
    """`Usage: licencecheck [OPTIONS] COMMAND [ARGS]...` in the run's language."""
    for words in USAGE_WORDS:
        usage = usage.replace(words, _(words))
    return usage


@cache
def _pattern(template: str) -> re.Pattern[str]:
    parts = _PLACEHOLDER.split(template)
    regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts))
    return re.compile(regex, re.DOTALL)


def translate_click_message(message: str) -> str:
    """A click error line in the run's language, its inner message too (`Invalid value for
    '--on': …`). The English line when no template matches."""
    for template in sorted(CLICK_MESSAGES, key=len, reverse=True):  # the most specific first
        match = _pattern(template).fullmatch(message)
        if match:
            values = {key: translate_click_message(value) for key, value in match.groupdict().items()}
            return _(template).format(**values)
    return message
