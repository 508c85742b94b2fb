"""`show`: the licence and its state on a day, as an informational report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from licencecheck.report import Report


@dataclass(frozen=True)
class ShowRequest:
    licence: Path | None = None
    on: str | None = None
    full: bool = False


def run_show(request: ShowRequest) -> Report:
    from licencecheck.checks.validity import check_validity
    from licencecheck.datafiles import load_licence
    from licencecheck.dates import day_or_today

    day = day_or_today(request.on)
    licence = load_licence(request.licence)
    status = check_validity(licence, day)
    report = Report(
        command="show",
        licence_number=licence.number,
        on=day,
        layout="licence",
        informational=True,
        context={"licence": licence, "full": request.full},
    )
    report.add(status)
    report.extra["status"] = {"message": status.message, "verdict": status.verdict.value, **status.data}
    report.extra["licence_data"] = licence.model_dump(mode="json")
    return report
