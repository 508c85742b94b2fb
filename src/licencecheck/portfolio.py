"""The licences a run answers for: one, or a portfolio (a group's several licences).

`--licence` may be given several times and may name a folder (its `*.yaml` and `*.yml` files,
whatever the case of the suffix; hidden files and subfolders are not read);
`LICENCECHECK_LICENCE` may hold several paths separated by os.pathsep; with none of these the
bundled licence is used. The same file reached by several names (a link, `..`, a hard link)
counts once; two files with the same licence number are an error, as are a folder with no
licence file in it and a variable that is set but names no path (`::`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from licencecheck.errors import DataError, InputError, UnreadableError, os_reason
from licencecheck.i18n import _, listing, quote

if TYPE_CHECKING:
    from licencecheck.models import Licence

LICENCE_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Portfolio:
    """Licences in the order given (a folder's files sorted by name), each with its file."""

    licences: tuple[Licence, ...]
    paths: tuple[Path, ...]

    def __iter__(self) -> Iterator[Licence]:
        return iter(self.licences)

    def __len__(self) -> int:
        return len(self.licences)

    @property
    def numbers(self) -> tuple[str, ...]:
        return tuple(licence.number for licence in self.licences)

    @property
    def label(self) -> str:
        """The JSON envelope's `licence`: the number, or the numbers joined with ', '."""
        return ", ".join(self.numbers)

    @property
    def names(self) -> str:
        """The numbers as people read them in a sentence or a title: `a, b` (`a、b` in Chinese)."""
        return listing(self.numbers)

    @property
    def single(self) -> Licence | None:
        return self.licences[0] if len(self.licences) == 1 else None

    def by_number(self, number: str) -> Licence | None:
        return next((licence for licence in self.licences if licence.number == number), None)


def licence_paths(options: Sequence[Path]) -> list[Path]:
    """--licence values, else $LICENCECHECK_LICENCE (os.pathsep-separated), else the bundled file;
    folders expanded to their licence files."""
    from licencecheck.datafiles import BUNDLED_LICENCE, LICENCE_ENV_VAR, data_file

    given = list(options)
    if not given:
        from_env = os.environ.get(LICENCE_ENV_VAR, "")
        given = [Path(part) for part in from_env.split(os.pathsep) if part.strip()]
        if from_env and not given:
            message = _(
                "${variable} is set to {value}, which names no licence file or folder; "
                "give paths separated by {separator}, or unset it to use the bundled licence"
            )
            raise InputError(
                message.format(variable=LICENCE_ENV_VAR, value=quote(from_env), separator=quote(os.pathsep))
            )
    if not given:
        return [data_file(BUNDLED_LICENCE)]
    paths: list[Path] = []
    for path in given:
        paths += _folder_files(path) if path.is_dir() else [path]
    return paths


def _folder_files(folder: Path) -> list[Path]:
    try:
        entries = list(folder.iterdir())
    except OSError as exc:
        message = _("{folder}: cannot read the folder of licences: {error}")
        raise UnreadableError(message.format(folder=folder, error=os_reason(exc))) from None
    files = sorted(p for p in entries if p.suffix.lower() in LICENCE_SUFFIXES and not p.name.startswith("."))
    if not files:
        raise InputError(_("{folder}: a directory with no licence file (*.yaml, *.yml) in it").format(folder=folder))
    return files


def load_portfolio(options: Sequence[Path] = ()) -> Portfolio:
    """Load every licence; the same file twice counts once, the same number in two files is an error."""
    from licencecheck.datafiles import load_licence

    licences: list[Licence] = []
    paths: list[Path] = []
    seen: dict[str, Path] = {}
    unique: dict[tuple[object, ...], Path] = {}
    for path in licence_paths(options):
        unique.setdefault(_identity(path), path)
    for path in unique.values():
        licence = load_licence(path)
        if licence.number in seen:
            message = _("{path}: licence {number} is also in {other}; give each licence once")
            raise DataError(message.format(path=path, number=licence.number, other=seen[licence.number]))
        seen[licence.number] = path
        licences.append(licence)
        paths.append(path)
    return Portfolio(tuple(licences), tuple(paths))


def _identity(path: Path) -> tuple[object, ...]:
    """What makes two names one file: its device and inode (links, `..`, hard links); a name that
    cannot be looked up (missing, a loop of links) by its resolved text, and is refused, in one
    line, when it is opened."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return ("path", os.path.realpath(path))
    return ("file", status.st_dev, status.st_ino)
