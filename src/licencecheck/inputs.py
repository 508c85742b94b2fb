"""Opening input files: regular files only, so that a FIFO, a device or a directory never hangs
a run; every input opened is remembered, so that no output of the same run can replace it.

Every file the tool reads (licence, records, calendar, manifest, pages, target lists, its own
data) is opened here. The file is opened without blocking (a FIFO with no writer would otherwise
block forever), then checked with fstat on the open descriptor (no race between check and use).
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from licencecheck.errors import UnreadableError, os_reason
from licencecheck.i18n import N_, _

MAX_BYTES = 1_048_576
"""Files larger than this are refused: a licence, a manifest or a records file is a few KiB."""

STDIN_NAMES = frozenset({"-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"})
"""Names that mean standard input where a command accepts it (`scope --from`)."""


class _InputLog:
    """The files read during this run: (device, inode) and resolved path of each."""

    def __init__(self) -> None:
        self.identities: set[tuple[int, int]] = set()
        self.paths: dict[str, str] = {}

    def reset(self) -> None:
        self.identities.clear()
        self.paths.clear()

    def record(self, path: Path, status: os.stat_result) -> None:
        self.identities.add((status.st_dev, status.st_ino))
        self.paths[os.path.realpath(path)] = str(path)

    def find(self, path: Path) -> str | None:
        """The name under which `path` was read as an input in this run, or None."""
        real = os.path.realpath(path)
        if real in self.paths:
            return self.paths[real]
        try:
            status = os.stat(real)
        except OSError:
            return None
        if (status.st_dev, status.st_ino) in self.identities:
            return next((name for name in self.paths.values() if _same(name, status)), str(path))
        return None


def _same(name: str, status: os.stat_result) -> bool:
    try:
        other = os.stat(name)
    except OSError:
        return False
    return (other.st_dev, other.st_ino) == (status.st_dev, status.st_ino)


INPUTS = _InputLog()


WHAT = {
    "licence file": N_("licence file"),
    "records file": N_("records file"),
    "calendar file": N_("calendar file"),
    "gate manifest": N_("gate manifest"),
    "page": N_("page"),
    "target list": N_("target list"),
    "licence text": N_("licence text"),
    "rulebook": N_("rulebook"),
    "provision templates": N_("provision templates"),
    "business catalogue": N_("business catalogue"),
}
"""The kinds of file the tool reads (the `what` its callers pass), for the catalogue."""


def what_name(what: str) -> str:
    """A kind of input file (`licence file`) in the language of the run."""
    return _(WHAT[what]) if what in WHAT else what


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    for test, word in (
        (stat.S_ISDIR, N_("a directory")),
        (stat.S_ISFIFO, N_("a FIFO (named pipe)")),
        (stat.S_ISCHR, N_("a character device")),
        (stat.S_ISBLK, N_("a block device")),
        (stat.S_ISSOCK, N_("a socket")),
    ):
        if test(mode):
            return _(word)
    return _("not a regular file")


def open_regular(path: Path, *, what: str) -> BinaryIO:
    """Open `path` for reading in binary; refuse, with one line, anything but a regular file."""
    name = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise UnreadableError(_("{name}: {what} not found").format(name=name, what=what_name(what))) from None
    except OSError as exc:
        raise UnreadableError(
            _("{name}: cannot read {what}: {reason}").format(name=name, what=what_name(what), reason=os_reason(exc))
        ) from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise UnreadableError(
                _("{name}: is {kind}, not a regular file; expected a {what}").format(
                    name=name, kind=file_kind(status.st_mode), what=what_name(what)
                )
            )
        os.set_blocking(descriptor, True)
        INPUTS.record(path, status)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def read_bytes(path: Path, *, what: str, limit: int) -> bytes:
    """The whole file, refusing one larger than `limit` bytes (read at most limit + 1)."""
    with open_regular(path, what=what) as handle:
        try:
            raw = handle.read(limit + 1)
        except OSError as exc:
            raise UnreadableError(
                _("{name}: cannot read {what}: {reason}").format(name=path, what=what_name(what), reason=os_reason(exc))
            ) from None
    if len(raw) > limit:
        raise UnreadableError(
            _("{name}: {what} is larger than {size} KiB; refusing to read it").format(
                name=path, what=what_name(what), size=limit // 1024
            )
        )
    return raw


def read_text(path: Path, *, what: str) -> str:
    """Read a UTF-8 text file, refusing what is missing, not a regular file, too large or not UTF-8."""
    return decode_utf8(read_bytes(path, what=what, limit=MAX_BYTES), str(path))


def decode_utf8(raw: bytes, name: str) -> str:
    """Decode UTF-8 (a BOM is allowed); anything else is an error naming the first bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        where = f"{name}:{line}:{column}"
        raise UnreadableError(
            _(
                "{where}: not UTF-8 text (byte {byte}); "
                "save the file as UTF-8 (it may be GBK or another legacy encoding)"
            ).format(where=where, byte=f"0x{raw[exc.start]:02x}")
        ) from None


def open_target_list(name: str, *, what: str) -> tuple[BinaryIO, str]:
    """Standard input for `-` or /dev/stdin, else a regular file; returns the stream and its name."""
    if name in STDIN_NAMES:
        return stdin_buffer(), "<stdin>"
    return open_regular(Path(name), what=what), name


def stdin_buffer() -> BinaryIO:
    """The bytes of standard input; a closed one (`<&-`) is an error that says so."""
    if sys.stdin is None:
        raise UnreadableError(
            _("standard input is closed; give a file name, or redirect the input from a file or a pipe")
        )
    return sys.stdin.buffer
