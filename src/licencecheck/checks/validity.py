"""Is the licence in force on a day? The basis of every other verdict that depends on time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from licencecheck.models import BeforeValidityEnd, Licence, Obligation
from licencecheck.periods import before
from licencecheck.report import Finding, Report, Status, Verdict
from licencecheck.request import OnDay

CHECK = "validity"


def renewal(licence: Licence) -> tuple[Obligation, date] | None:
    """The renewal duty (a rule of kind before-validity-end) and its last day; with several such
    rules, the earliest deadline. None when the licence has no such rule."""
    deadlines = [
        (obligation, before(licence.validity.valid_until, rule.amount, rule.unit))
        for obligation, rule in licence.obligations_with(BeforeValidityEnd)
    ]
    return min(deadlines, key=lambda pair: pair[1]) if deadlines else None


def status(licence: Licence, on: date) -> dict[str, object]:
    """Machine-readable state on `on`: in-force / expired / not-yet-in-force and the day counts."""
    validity = licence.validity
    if on < validity.issued_on:
        days = (validity.issued_on - on).days
        return {"state": Status.NOT_YET_IN_FORCE.value, "in_force": False, "days_until_issue": days}
    if on > validity.valid_until:
        days = (on - validity.valid_until).days
        return {"state": Status.EXPIRED.value, "in_force": False, "days_since_expiry": days}
    return {"state": Status.IN_FORCE.value, "in_force": True, "days_left": (validity.valid_until - on).days}


def check_validity(licence: Licence, on: date, warn_days: int | None = None) -> Finding:
    """Fail outside the validity period; warn inside the warning window before its end.

    The window defaults to the renewal lead time from the data (提前90日); `warn_days` overrides it.
    """
    validity = licence.validity
    state = status(licence, on)
    duty = renewal(licence)
    renewal_day = duty[1] if duty else None
    data: dict[str, object] = {
        **state,
        "issued_on": validity.issued_on.isoformat(),
        "valid_until": validity.valid_until.isoformat(),
        "renewal_deadline": renewal_day.isoformat() if renewal_day else None,
    }
    subject = licence.number
    clause = validity.source
    if state["state"] == Status.EXPIRED:
        days = state["days_since_expiry"]
        message = (
            f"{licence.number} expired on {validity.valid_until} ({days} {_days(days)} ago on {on}); "
            "it covers nothing now"
        )
        return Finding(CHECK, subject, Verdict.FAIL, message, clause, data, licence.number)
    if state["state"] == Status.NOT_YET_IN_FORCE:
        message = f"{licence.number} is not yet in force on {on}: it was issued on {validity.issued_on}"
        return Finding(CHECK, subject, Verdict.FAIL, message, clause, data, licence.number)
    days_left = (validity.valid_until - on).days
    window_start = before(validity.valid_until, warn_days, "days") if warn_days is not None else renewal_day
    data["warning_from"] = window_start.isoformat() if window_start else None
    if window_start is not None and on >= window_start:
        renewal_text = ""
        if duty is not None:
            clauses = "、".join(duty[0].clauses)
            tense = "was due" if on > duty[1] else "is due"
            renewal_text = f"; the renewal application {tense} by {duty[1]} (clause {clauses})"
        left = f"{days_left} {_days(days_left)} left"
        message = f"{licence.number} is in force until {validity.valid_until}, {left}{renewal_text}"
        return Finding(CHECK, subject, Verdict.WARN, message, clause, data, licence.number)
    message = f"{licence.number} is in force until {validity.valid_until} ({days_left} {_days(days_left)} left)"
    return Finding(CHECK, subject, Verdict.PASS, message, clause, data, licence.number)


def _days(n: object) -> str:
    return "day" if n == 1 else "days"


@dataclass(frozen=True)
class ValidityRequest(OnDay):
    warn_days: int | None = None
    strict: bool = False


def run_validity(request: ValidityRequest) -> Report:
    """One finding per licence, the one ending first first."""
    portfolio, day = request.portfolio_and_day()
    title = f"Validity of {portfolio.label} on {day}"
    report = Report(
        command="validity",
        licence_number=portfolio.label,
        licences=portfolio.numbers,
        on=day,
        strict=request.strict,
        title=title,
    )
    for licence in sorted(portfolio, key=lambda licence: licence.validity.valid_until):
        report.add(check_validity(licence, day, request.warn_days))
    return report
