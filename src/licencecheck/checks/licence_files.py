"""Validate licence files: one finding per file, with every problem found in it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from licencecheck.errors import DataError, UnreadableError
from licencecheck.i18n import N_, _, quote
from licencecheck.report import Finding, Report, Verdict

if TYPE_CHECKING:
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
            licence = _load_checked(path)
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
            numbers.append(licence.number)
            message = _("valid licence file for {licence} ({provisions} provisions, {obligations} obligations)").format(
                licence=licence.number, provisions=len(licence.provisions), obligations=len(licence.obligations)
            )
            data = {"readable": True, "licence": licence.number}
            report.add(Finding(CHECK, str(path), Verdict.PASS, message, clause, data, licence.number))
    report.licence_number = ", ".join(numbers)
    report.licences = tuple(numbers)
    return report


def _load_checked(path: Path) -> Licence:
    """The licence, valid by the schema and naming only services the catalogue knows (a grant's
    code, limits and exclusions; the services provisions single out), else a DataError with one
    located line per unknown name."""
    from licencecheck.datafiles import dotted, load_model
    from licencecheck.models import Licence
    from licencecheck.strictyaml import load_yaml

    licence = load_model(path, Licence, what="licence file")
    unknown = catalogue_unknowns(licence)
    if not unknown:
        return licence
    document = load_yaml(path, what="licence file")  # where each unknown name stands
    problems = [
        _(
            "{where}: {key}: {name} is not a service the business catalogue knows (see `licencecheck business --list`)"
        ).format(where=document.where(loc), key=dotted(loc), name=quote(name))
        for loc, name in unknown
    ]
    if len(problems) == 1:
        raise DataError(_("{problem} (in the licence file)").format(problem=problems[0]))
    if problems:
        raise DataError(
            _("{file}: invalid licence file, {count} problems:").format(file=document.name, count=len(problems)),
            problems,
        )
    return licence


def catalogue_unknowns(licence: Licence) -> list[tuple[tuple[str | int, ...], str]]:
    """(location, name) of each service name in the licence that the catalogue does not know."""
    from licencecheck.catalogue import load_catalogue

    catalogue = load_catalogue()
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
