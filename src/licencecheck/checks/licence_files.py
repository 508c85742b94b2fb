"""Validate licence files: one finding per file, with every problem found in it."""

from __future__ import annotations

from pathlib import Path

from licencecheck.errors import DataError, UnreadableError
from licencecheck.report import Finding, Report, Verdict

CHECK = "validate"
CLAUSE = "licence file schema (licencecheck schema)"


def validate_files(paths: list[Path]) -> Report:
    """One finding per file: pass, fail (invalid), or error (could not be read: exit 2)."""
    from licencecheck.datafiles import load_licence

    report = Report(command="validate", licence_number="", on=None, layout="problems")
    numbers = []
    for path in paths:
        try:
            licence = load_licence(path)
        except UnreadableError as exc:
            report.add(
                Finding(CHECK, str(path), Verdict.ERROR, str(exc), CLAUSE, {"readable": False, "problems": [str(exc)]})
            )
        except DataError as exc:
            problems = exc.problems or [str(exc)]
            report.add(
                Finding(CHECK, str(path), Verdict.FAIL, str(exc), CLAUSE, {"readable": True, "problems": problems})
            )
        else:
            numbers.append(licence.number)
            counts = f"{len(licence.provisions)} provisions, {len(licence.obligations)} obligations"
            message = f"valid licence file for {licence.number} ({counts})"
            report.add(
                Finding(CHECK, str(path), Verdict.PASS, message, CLAUSE, {"readable": True, "licence": licence.number})
            )
    report.licence_number = ", ".join(numbers)
    return report
