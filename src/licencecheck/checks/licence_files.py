"""Validate licence files: one finding per file, with every problem found in it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from licencecheck.errors import DataError, UnreadableError
from licencecheck.i18n import N_, _, quote
from licencecheck.report import Finding, Report, Verdict

if TYPE_CHECKING:
    from licencecheck.catalogue import Catalogue
    from licencecheck.models import Licence

CHECK = "validate"
CLAUSE = N_("licence file schema (licencecheck schema)")
"""What a validation rests on (translate it with `_` where it is shown)."""


def validate_files(paths: list[Path]) -> Report:
    """One finding per file: pass, fail (invalid), or error (could not be read: exit 2)."""
    report = Report(command="validate", licence_number="", on=None, layout="problems")
    numbers = []
    clause = _(CLAUSE)
    for path in paths:
        try:
            valid = _check(path)
        except UnreadableError as exc:
            report.add(
                Finding(CHECK, str(path), Verdict.ERROR, str(exc), clause, {"readable": False, "problems": [str(exc)]})
            )
        except DataError as exc:
            problems = exc.problems or [str(exc)]
            report.add(
                Finding(CHECK, str(path), Verdict.FAIL, str(exc), clause, {"readable": True, "problems": problems})
            )
        else:
            numbers.append(valid.number)
            message = _("valid licence file for {licence} ({provisions} provisions, {obligations} obligations)").format(
                licence=valid.number, provisions=valid.provisions, obligations=valid.obligations
            )
            data = {"readable": True, "licence": valid.number}
            report.add(Finding(CHECK, str(path), Verdict.PASS, message, clause, data, valid.number))
    report.licence_number = ", ".join(numbers)
    report.licences = tuple(numbers)
    return report


@dataclass(frozen=True)
class ValidFile:
    """What `validate` says of a valid licence file. It is cached (`licencecheck.cache`) by all
    that decides it, the file's bytes and the catalogue's, so that validating an unchanged file
    again needs no model classes (importing them is most of a run)."""

    number: str
    provisions: int
    obligations: int


def _check(path: Path) -> ValidFile:
    """The file's verdict, from the very text that is read once here (key and validation alike)."""
    from licencecheck.cache import validated
    from licencecheck.datafiles import CATALOGUE_FILE, data_file
    from licencecheck.inputs import read_text

    text = read_text(path, what="licence file")
    catalogue_path = data_file(CATALOGUE_FILE)
    catalogue = read_text(catalogue_path, what="business catalogue")
    licence_bytes = text.encode("utf-8")
    content = b"%d:%b%b" % (len(licence_bytes), licence_bytes, catalogue.encode("utf-8"))
    return validated(content, ValidFile, lambda: _validate(text, path, catalogue, catalogue_path))


def _validate(text: str, path: Path, catalogue_text: str, catalogue_path: Path) -> ValidFile:
    """Valid by the schema and naming only services the catalogue knows (a grant's code, limits
    and exclusions; the services provisions single out), else a DataError with one located line
    per unknown name."""
    from licencecheck.catalogue import Catalogue
    from licencecheck.datafiles import dotted, model_from_text, parse_and_validate
    from licencecheck.models import Licence
    from licencecheck.strictyaml import parse_yaml

    licence = parse_and_validate(text, path, Licence, what="licence file")  # its verdict is the entry
    catalogue = model_from_text(catalogue_text, catalogue_path, Catalogue, what="business catalogue")
    unknown = catalogue_unknowns(licence, catalogue)
    if not unknown:
        return ValidFile(licence.number, len(licence.provisions), len(licence.obligations))
    document = parse_yaml(text, str(path), what="licence file")  # where each unknown name stands
    problems = [
        _(
            "{where}: {key}: {name} is not a service the business catalogue knows (see `licencecheck business --list`)"
        ).format(where=document.where(loc), key=dotted(loc), name=quote(name))
        for loc, name in unknown
    ]
    if len(problems) == 1:
        raise DataError(_("{problem} (in the licence file)").format(problem=problems[0]))
    raise DataError(
        _("{file}: invalid licence file, {count} problems:").format(file=document.name, count=len(problems)), problems
    )


def catalogue_unknowns(licence: Licence, catalogue: Catalogue) -> list[tuple[tuple[str | int, ...], str]]:
    """(location, name) of each service name in the licence that the catalogue does not know."""
    named: list[tuple[tuple[str | int, ...], str]] = []
    for i, grant in enumerate(licence.grants):
        named.append((("grants", i, "code"), grant.code))
        named += [
            (("grants", i, key, j), name)
            for key in ("limited_to", "excluding")
            for j, name in enumerate(getattr(grant, key))
        ]
    for i, provision in enumerate(licence.provisions):
        named += [
            (("provisions", i, "requires_approval", j), name) for j, name in enumerate(provision.requires_approval)
        ]
        if provision.applies_to_service is not None:
            named.append((("provisions", i, "applies_to_service"), provision.applies_to_service))
    return [(loc, name) for loc, name in named if (catalogue.entry_for_name(name) or catalogue.lookup(name)) is None]
