"""Publishing output files: all or nothing, never over an input, never replacing a device or link.

A run renders everything first, then `publish` writes every output:
1. refuse an output that is an input of the run (after links, `..` and `.`: see `inputs.INPUTS`),
   two outputs that are one file, a directory, or a FIFO nobody reads;
2. stage each regular-file output as a temporary file in the target's folder (the target of a
   symbolic link, so that the link stays a link), fsynced;
3. only when every output is staged, rename each temporary over its target; an existing device
   (/dev/null, a terminal) is opened and written, never replaced by a file.
If any step before 3 fails, every temporary is removed and every existing file is as it was.
"""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from licencecheck.errors import InputError, os_reason
from licencecheck.i18n import _, quote
from licencecheck.inputs import INPUTS, file_kind


@dataclass
class _Staged:
    requested: Path
    target: str
    text: str | bytes
    device: bool = False
    temporary: str | None = None
    descriptor: int | None = None


def publish(outputs: list[tuple[Path, str | bytes]], folders: tuple[Path, ...] = ()) -> None:
    """Write every (path, text or bytes) or, on any problem, none of them (one-line InputError).
    `folders` (an evidence folder) are made when missing, and removed again if the run fails."""
    staged = [_plan(path, text) for path, text in outputs]
    _refuse_duplicates(staged)
    made: list[Path] = []
    try:
        made = _make_folders(folders)
        for item in staged:
            _stage(item)
    except BaseException:
        _discard(staged)
        for folder in reversed(made):
            folder.rmdir()
        raise
    for item in staged:
        _commit(item)


def _make_folders(folders: tuple[Path, ...]) -> list[Path]:
    """Make each missing folder (its parent must exist); the ones made, to undo on failure."""
    made = []
    for folder in folders:
        if folder.is_dir():
            continue
        if folder.exists() or folder.is_symlink():
            raise InputError(_("{folder}: is not a folder; name a folder for the evidence").format(folder=folder))
        try:
            folder.mkdir()
        except OSError as exc:
            raise InputError(
                _("{folder}: cannot make the folder: {reason}").format(folder=folder, reason=os_reason(exc))
            ) from None
        made.append(folder)
    return made


def _plan(path: Path, text: str | bytes) -> _Staged:
    name = str(path)
    if not name or name.endswith(os.sep):
        raise InputError(_("output {name}: give a file name").format(name=quote(name)))
    source = INPUTS.find(path)
    if source is not None:
        raise InputError(
            _("output {name}: is also an input of this run ({source}); it would be overwritten").format(
                name=name, source=source
            )
        )
    target = os.path.realpath(path)
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return _Staged(path, target, text)
    except OSError as exc:
        raise InputError(_("output {name}: {reason}").format(name=name, reason=os_reason(exc))) from None
    if stat.S_ISDIR(mode):
        raise InputError(_("output {name}: is a directory; give a file name").format(name=name))
    if stat.S_ISREG(mode):
        return _Staged(path, target, text)
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return _Staged(path, target, text, device=True)
    raise InputError(_("output {name}: is {kind}; refusing to write to it").format(name=name, kind=file_kind(mode)))


def _refuse_duplicates(staged: list[_Staged]) -> None:
    seen: dict[str, Path] = {}
    for item in staged:
        if item.target in seen and not item.device:
            raise InputError(
                _("outputs {first} and {second} are the same file").format(
                    first=seen[item.target], second=item.requested
                )
            )
        seen.setdefault(item.target, item.requested)


def _stage(item: _Staged) -> None:
    if item.device:
        try:  # non-blocking: a FIFO with no reader is an error (ENXIO), not a hang
            item.descriptor = os.open(item.target, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0))
            os.set_blocking(item.descriptor, True)
        except OSError as exc:
            raise InputError(
                _("output {name}: cannot write: {reason}").format(name=item.requested, reason=os_reason(exc))
            ) from None
        return
    folder = os.path.dirname(item.target) or "."
    if not os.path.isdir(folder):
        raise InputError(
            _("output {name}: the folder {folder} does not exist").format(name=item.requested, folder=folder)
        )
    try:
        handle, item.temporary = tempfile.mkstemp(prefix=f".{os.path.basename(item.target)}.", dir=folder)
        with os.fdopen(handle, "wb") as out:
            out.write(_encoded(item.text))
            out.flush()
            os.fsync(out.fileno())
        os.chmod(item.temporary, _mode_for(item.target))
    except OSError as exc:
        raise InputError(
            _("output {name}: cannot write in {folder}: {reason}").format(
                name=item.requested, folder=folder, reason=os_reason(exc)
            )
        ) from None


def _encoded(text: str | bytes) -> bytes:
    return text.encode("utf-8") if isinstance(text, str) else text


def _mode_for(target: str) -> int:
    """An existing file keeps its permissions; a new one gets the usual 0666 less the umask."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _commit(item: _Staged) -> None:
    try:
        if item.temporary is not None:
            os.replace(item.temporary, item.target)
        elif item.descriptor is not None:
            with os.fdopen(item.descriptor, "wb") as out:
                item.descriptor = None
                out.write(_encoded(item.text))
    except OSError as exc:
        raise InputError(
            _("output {name}: cannot write: {reason}").format(name=item.requested, reason=os_reason(exc))
        ) from None


def _discard(staged: list[_Staged]) -> None:
    for item in staged:
        if item.temporary is not None:
            Path(item.temporary).unlink(missing_ok=True)
        if item.descriptor is not None:
            os.close(item.descriptor)
