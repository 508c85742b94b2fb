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


def os_reason(exc: OSError) -> str:
    """Why the system refused a file, in the language of the run: the C library's own words
    (`Permission denied`) in English, the catalogue's for the usual errno values otherwise."""
    import errno

    from licencecheck.i18n import N_, _, language

    english = exc.strerror or str(exc)
    if language() == "en":
        return english
    reasons = {
        errno.EACCES: N_("permission denied"),
        errno.EPERM: N_("operation not permitted"),
        errno.ENOENT: N_("no such file or folder"),
        errno.ENOTDIR: N_("a part of the path is not a folder"),
        errno.EISDIR: N_("it is a folder"),
        errno.ENXIO: N_("no process is reading it"),
        errno.EROFS: N_("the file system is read-only"),
        errno.ENOSPC: N_("no space left on the device"),
        errno.EDQUOT: N_("the disk quota is exceeded"),
        errno.ELOOP: N_("too many levels of symbolic links"),
        errno.ENAMETOOLONG: N_("the file name is too long"),
        errno.EEXIST: N_("the file exists"),
        errno.EBUSY: N_("the device or file is busy"),
        errno.EIO: N_("input/output error"),
        errno.ETXTBSY: N_("the file is busy"),
        errno.EMFILE: N_("too many open files"),
        errno.EINVAL: N_("invalid argument"),
    }
    reason = reasons.get(exc.errno or 0)
    return _(reason) if reason is not None else english
