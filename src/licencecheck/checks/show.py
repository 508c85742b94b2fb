"""`show`: the licence and its state on a day, as an informational report."""

from __future__ import annotations

from dataclasses import dataclass

from licencecheck.report import Report
from licencecheck.request import OnDay


@dataclass(frozen=True)
class ShowRequest(OnDay):
    full: bool = False


def run_show(request: ShowRequest) -> Report:
    from licencecheck.checks.validity import check_validity

    licence, day = request.licence_and_day()
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
