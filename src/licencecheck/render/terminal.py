"""Where text goes and what it may carry there: its width and whether it may be coloured.

Width: `COLUMNS` when set to a positive whole number, else the terminal's width when stdout is
one, else DEFAULT_WIDTH (a pipe, a file). Colour (any ANSI escape, bold included) only on a
terminal or with `FORCE_COLOR`, and never with `--no-color`, `NO_COLOR` (any non-empty value),
`CLICOLOR=0` or `TERM=dumb`; never in an `--output` file.

No rich here: the JSON and CI paths ask nothing of this module but pay nothing for it either."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

DEFAULT_WIDTH = 100
"""The width of text that goes to a pipe or a file, when `COLUMNS` does not say."""


@dataclass
class _Choices:
    no_colour: bool = False
    """`--no-color` was given."""
    to_file: bool = False
    """Text is being rendered for an `--output` file, not for stdout."""


CHOICES = _Choices()


def reset() -> None:
    """Forget the last run's choices (every run starts from the environment alone)."""
    CHOICES.no_colour = False
    CHOICES.to_file = False


def colour_refused() -> bool:
    """True when the user said no colour: --no-color, NO_COLOR, CLICOLOR=0 or TERM=dumb."""
    environ = os.environ
    return (
        CHOICES.no_colour
        or bool(environ.get("NO_COLOR"))
        or environ.get("CLICOLOR", "").strip() == "0"
        or environ.get("TERM", "").strip().lower() == "dumb"
    )


def wants_colour(stream: IO[str] | Any = None) -> bool:
    """Whether text written to `stream` (default stdout) may carry ANSI escapes."""
    if CHOICES.to_file or colour_refused():
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return _isatty(sys.stdout if stream is None else stream)


def text_width(stream: IO[str] | Any = None) -> int:
    """The width text is fitted to, in terminal cells (a CJK character takes two)."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isascii() and columns.isdigit() and int(columns) > 0:
        return int(columns)
    target = sys.stdout if stream is None else stream
    if not CHOICES.to_file and _isatty(target):
        try:
            size = os.get_terminal_size(target.fileno()).columns
        except (AttributeError, OSError, ValueError):
            size = 0
        if size > 0:
            return size
    return DEFAULT_WIDTH


@contextlib.contextmanager
def rendering_for_file(to_file: bool) -> Iterator[None]:
    """Render for an `--output` file (no colour, not the terminal's width) within the block."""
    before = CHOICES.to_file
    CHOICES.to_file = to_file
    try:
        yield
    finally:
        CHOICES.to_file = before


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, OSError, ValueError):
        return False
