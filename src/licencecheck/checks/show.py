"""`show`: the licence and its state on a day, as an informational report."""

from __future__ import annotations

from dataclasses import dataclass

from licencecheck.report import Report
from licencecheck.request import OnDay


@dataclass(frozen=True)
class ShowRequest(OnDay):
    full: bool = False


def run_show(request: ShowRequest) -> Report:
    """Each licence and its state on the day; `licence_data` is the licence (a list for a portfolio)."""
    from functools import partial

    from licencecheck.checks.deadlines import portfolio_timeline
    from licencecheck.checks.validity import check_validity

    portfolio, day = request.portfolio_and_day()
    report = Report(
        command="show",
        licence_number=portfolio.label,
        licences=portfolio.numbers,
        on=day,
        layout="licence",
        informational=True,
        context={
            "licences": portfolio.licences,
            "full": request.full,
            "timeline": partial(portfolio_timeline, portfolio, day, {}),
        },
    )
    states = []
    for licence in portfolio:
        status = check_validity(licence, day)
        report.add(status)
        states.append({"message": status.message, "verdict": status.verdict.value, **status.data})
    dumps = [licence.model_dump(mode="json") for licence in portfolio]
    report.extra["status"] = states[0] if len(states) == 1 else states
    report.extra["licence_data"] = dumps[0] if len(dumps) == 1 else dumps
    return report
