"""One exception hierarchy; the CLI turns any of these into one line on stderr and exit 2."""

from __future__ import annotations


class LicenceCheckError(Exception):
    """A problem that stops a command from running: the user gets the message, not a traceback."""


class InputError(LicenceCheckError):
    """A command-line argument or an input file is wrong."""


class DataError(LicenceCheckError):
    """A YAML file could not be read or does not match its model."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []

    def __str__(self) -> str:
        head = super().__str__()
        if not self.problems:
            return head
        return head + "\n" + "\n".join(f"  {p}" for p in self.problems)


class UnreadableError(DataError):
    """A file could not be read at all: missing, a directory, too large, or not UTF-8."""


class CalendarGapError(LicenceCheckError):
    """A date needs a year for which no official working-day schedule is known."""

    def __init__(self, year: int, message: str) -> None:
        super().__init__(message)
        self.year = year


class Terminated(BaseException):
    """SIGTERM arrived: stop every worker and exit 143 (the CLI installs the handler).

    A BaseException, like KeyboardInterrupt, so that no `except Exception` swallows it."""


class Interrupted(BaseException):
    """Ctrl-C: exit 130 with one line (typer would exit 130 silently)."""


class OutputClosed(LicenceCheckError):
    """Standard output went away (a broken pipe): exit 2 with one line."""
