"""A cache of validated data files, so that a run need not parse and validate the same licence
(or catalogue, or rulebook) again: most runs of a pipeline read files that have not changed.

An entry is keyed by the file's bytes and by what could change their meaning: the model it was
validated as, licencecheck's version and the size and time of every module of the installed
package (an edited checkout is a new key), Python's and pydantic's versions. Only a file that
validated is stored; a hit is the object that validation returned then. A verdict drawn from
several files (`validate`'s, which also rests on the catalogue) is keyed by all of their bytes.
A missing, unreadable, corrupt or foreign entry is ignored and written anew: the cache can make
a run faster, never different, and never fails one. `--no-cache` (or `LICENCECHECK_NO_CACHE=1`)
reads and writes nothing. The folder is the user's cache directory (platformdirs), or
`$LICENCECHECK_CACHE_DIR`; entries are pickles, read only from a folder and files the user owns
that no one else can write.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

KEEP = 64
"""Entries kept; the oldest go when there are more (each is a few dozen KiB)."""

ENTRY_PREFIX, ENTRY_SUFFIX = "licencecheck-", ".pickle"
ENTRY_NAME = re.compile(r"licencecheck-[0-9a-f]{40}\.pickle")
"""The names of entries: only these are read, replaced or pruned, whatever else the folder holds."""


class _Choice:
    enabled = True


CHOICE = _Choice()


def reset(*, enabled: bool) -> None:
    """Every run starts from `--no-cache` and the environment."""
    CHOICE.enabled = enabled and os.environ.get("LICENCECHECK_NO_CACHE", "") in ("", "0")


def folder() -> Path:
    configured = os.environ.get("LICENCECHECK_CACHE_DIR", "")
    if configured:
        return Path(configured)
    if sys.platform == "linux":  # platformdirs' rule there (XDG), without importing it on every run
        base = os.environ.get("XDG_CACHE_HOME", "").strip()
        return Path(base if os.path.isabs(base) else os.path.expanduser("~/.cache")) / "licencecheck"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("licencecheck", appauthor=False))


def validated(content: bytes, model: type, build: Callable[[], T]) -> T:
    """The validated object for `content` as `model`: from the cache, else `build()` (which
    parses and validates, raising on an invalid file) and then stored."""
    if not CHOICE.enabled:
        return build()
    key = _key(content, model)
    path = folder() / f"{ENTRY_PREFIX}{key[:40]}{ENTRY_SUFFIX}"
    found = _read(path, key, model)
    if found is not None:
        return found  # type: ignore[return-value]  # an instance of `model`, checked in _read
    value = build()
    _write(path, key, value)
    return value


def _key(content: bytes, model: type) -> str:
    digest = hashlib.sha256(content)
    digest.update(f"\0{model.__module__}.{model.__qualname__}\0{_code()}".encode())
    return digest.hexdigest()


@cache
def _code() -> str:
    """What the running code is: versions, and the size and time of each module of the package."""
    from licencecheck import __version__

    stats: list[str] = []
    _module_stats(os.path.dirname(__file__), stats)
    return "|".join([__version__, sys.version, _pydantic_version(), *sorted(stats)])


def _pydantic_version() -> str:
    """pydantic's version.py, which names its version and the pydantic-core version it requires,
    read without importing pydantic (17 ms, which a cached verdict of plain data does not need)."""
    from importlib.util import find_spec

    spec = find_spec("pydantic")
    folders = spec.submodule_search_locations if spec is not None else None
    if not folders:  # pragma: no cover - licencecheck cannot run without pydantic
        return "no pydantic"
    try:
        with open(os.path.join(folders[0], "version.py"), encoding="utf-8", errors="replace") as source:
            return source.read()
    except OSError:  # installed without sources, or in a zip: ask pydantic itself
        import pydantic

        return pydantic.VERSION


def _module_stats(folder: str, into: list[str]) -> None:
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                _module_stats(entry.path, into)
            elif entry.name.endswith(".py"):
                info = entry.stat()
                into.append(f"{entry.path}:{info.st_size}:{info.st_mtime_ns}")


MAX_ENTRY = 16 * 1024 * 1024
"""An entry is a few dozen KiB; anything larger is not one of ours."""


def _trusted(path: Path) -> bool:
    """A regular file of sensible size (never a FIFO that would block the read), in a folder of
    this user, that no one else can write (a pickle runs code when read)."""
    import stat

    info = path.stat()
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY:
        return False
    if not hasattr(os, "getuid"):  # pragma: no cover - Windows: the profile folder is the user's
        return True
    return all(item.st_uid == os.getuid() and not item.st_mode & 0o022 for item in (path.parent.stat(), info))


def _read(path: Path, key: str, model: type) -> object | None:
    try:
        if not _trusted(path):
            return None
        stored_key, value = pickle.loads(path.read_bytes())  # a pickle runs code: see _trusted
    except Exception:  # missing, unreadable, corrupt, from another version: build anew
        return None
    return value if stored_key == key and isinstance(value, model) else None


def _write(path: Path, key: str, value: object) -> None:
    """Store atomically; a cache that cannot be written is no cache, never an error."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        data = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    try:  # a new file, never one that is there (nor through a link someone put in its place)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        temporary.replace(path)
        _prune(path.parent)
    except Exception:
        with contextlib.suppress(OSError):
            temporary.unlink()


def _prune(where: Path) -> None:
    ours = [path for path in where.glob(f"{ENTRY_PREFIX}*{ENTRY_SUFFIX}") if ENTRY_NAME.fullmatch(path.name)]
    entries = sorted(ours, key=lambda p: p.stat().st_mtime_ns)
    for old in entries[:-KEEP]:
        with contextlib.suppress(OSError):
            old.unlink()
