"""Is the licence in force on a day? The basis of every other verdict that depends on time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from licencecheck.i18n import _, day, days, join
from licencecheck.models import BeforeValidityEnd, Licence, Obligation, said
from licencecheck.periods import before
from licencecheck.report import Finding, Report, Status, Verdict
from licencecheck.request import OnDay

if TYPE_CHECKING:
    from licencecheck.checks.deadlines import Records

CHECK = "validity"


def renewal(licence: Licence) -> tuple[Obligation, date] | None:
    """The renewal duty (a rule of kind before-validity-end) and its last day: the licence's own,
    else the rulebook's (read only then: it costs start-up time); with several, the earliest."""
    deadlines = _renewal_deadlines(licence)
    if not deadlines:
        from licencecheck.rulebook import with_statutory

        deadlines = _renewal_deadlines(with_statutory(licence))
    return min(deadlines, key=lambda pair: pair[1]) if deadlines else None


def _renewal_deadlines(licence: Licence) -> list[tuple[Obligation, date]]:
    return [
        (obligation, before(licence.validity.valid_until, rule.amount, rule.unit))
        for obligation, rule in licence.obligations_with(BeforeValidityEnd)
        if obligation.alternative_to is None
    ]


def status(licence: Licence, on: date) -> dict[str, object]:
    """Machine-readable state on `on`: in-force / expired / not-yet-in-force and the day counts."""
    validity = licence.validity
    if on < validity.start:
        days = (validity.start - on).days
        return {"state": Status.NOT_YET_IN_FORCE.value, "in_force": False, "days_until_start": days}
    if on > validity.valid_until:
        days = (on - validity.valid_until).days
        return {"state": Status.EXPIRED.value, "in_force": False, "days_since_expiry": days}
    return {"state": Status.IN_FORCE.value, "in_force": True, "days_left": (validity.valid_until - on).days}


DEFAULT_WARN_DAYS = 30
"""Warn this many days before the renewal deadline (before the validity end without one)."""


def check_validity(
    licence: Licence, on: date, warn_days: int | None = None, renewal_filed: date | None = None
) -> Finding:
    """Fail outside the validity period (unless a timely renewal application is on record:
    renewal pending, a warning); warn from `warn_days` (default 30) before the renewal deadline."""
    state = status(licence, on)
    duty = renewal(licence)
    data: dict[str, object] = {
        **state,
        "issued_on": licence.validity.issued_on.isoformat(),
        "valid_from": licence.validity.start.isoformat(),
        "valid_from_inferred": licence.validity.start_inferred,
        "valid_until": licence.validity.valid_until.isoformat(),
        "renewal_deadline": duty[1].isoformat() if duty else None,
        "renewal_filed_on": renewal_filed.isoformat() if renewal_filed else None,
    }
    if state["state"] == Status.EXPIRED:
        return _expired(licence, on, duty, renewal_filed, data)
    if state["state"] == Status.NOT_YET_IN_FORCE:
        message = _("{licence} is not yet in force on {on}: it is valid from {start}").format(
            licence=licence.number, on=day(on), start=_start(licence)
        )
        return Finding(CHECK, licence.number, Verdict.FAIL, message, licence.validity.source, data, licence.number)
    return _in_force(licence, on, duty, warn_days, data)


def _expired(
    licence: Licence, on: date, duty: tuple[Obligation, date] | None, filed: date | None, data: dict[str, object]
) -> Finding:
    from licencecheck.rulebook import cite_all, load_rulebook

    law = load_rulebook().after_expiry
    until, elapsed = licence.validity.valid_until, (on - licence.validity.valid_until).days
    clause = licence.validity.source
    if duty is not None and filed is not None and filed <= duty[1]:
        data["state"] = Status.RENEWAL_PENDING.value
        message = _(
            "{licence} reached its validity end on {until}, but the renewal application was filed on {filed}, "
            "by the deadline {deadline}: renewal pending. An authority that has not decided by the validity end "
            "is deemed to have granted the extension (视为准予延续, {law}); confirm the decision with the issuing "
            "authority"
        ).format(
            licence=licence.number,
            until=day(until),
            filed=day(filed),
            deadline=day(duty[1]),
            law=cite_all(law.renewal_pending),
        )
        clauses = join([clause, duty[0].citation])
        return Finding(CHECK, licence.number, Verdict.WARN, message, clauses, data, licence.number)
    if filed is None:
        message = _(
            "{licence} expired on {until} ({elapsed} ago on {on}); it covers nothing now. Since no renewal "
            "application is on record (give --records if one was filed), it is not extended: it lapses and is "
            "cancelled (注销), and a new licence must be applied for ({lapsed}); operating meanwhile is "
            "unlicensed operation ({unlicensed})"
        )
    else:
        message = _(
            "{licence} expired on {until} ({elapsed} ago on {on}); it covers nothing now. Since the renewal "
            "application of {filed} was after the deadline {deadline}, it is not extended: it lapses and is "
            "cancelled (注销), and a new licence must be applied for ({lapsed}); operating meanwhile is "
            "unlicensed operation ({unlicensed})"
        )
    message = message.format(
        licence=licence.number,
        until=day(until),
        elapsed=days(elapsed),
        on=day(on),
        filed=day(filed) if filed else "",
        deadline=day(duty[1] if duty else until),
        lapsed=cite_all(law.lapsed),
        unlicensed=cite_all(law.unlicensed),
    )
    return Finding(CHECK, licence.number, Verdict.FAIL, message, clause, data, licence.number)


def _in_force(
    licence: Licence, on: date, duty: tuple[Obligation, date] | None, warn_days: int | None, data: dict[str, object]
) -> Finding:
    """Pass; or warn from `warn_days` before the renewal deadline, naming it."""
    until = licence.validity.valid_until
    lead = DEFAULT_WARN_DAYS if warn_days is None else warn_days
    warning_from = before(duty[1] if duty else until, lead, "days")
    data["warning_from"] = warning_from.isoformat()
    parts = [
        _("{licence} is in force until {until} ({left} left)").format(
            licence=licence.number, until=day(until), left=days((until - on).days)
        )
    ]
    if licence.validity.start_inferred:
        parts.append(_("in force since {start}").format(start=_start(licence, short=True)))
    if on < warning_from:
        message = join(parts)
        return Finding(CHECK, licence.number, Verdict.PASS, message, licence.validity.source, data, licence.number)
    if duty is not None:
        gap = (duty[1] - on).days
        cited = _("clause {clauses}").format(clauses=duty[0].citation) if duty[0].clauses else duty[0].citation
        if gap >= 0:
            due = _("the renewal application is due by {deadline} (in {period}; {cited})")
        else:
            due = _("the renewal application was due by {deadline} ({period} ago; {cited})")
        parts.append(due.format(deadline=day(duty[1]), period=days(abs(gap)), cited=cited))
    message = join(parts)
    return Finding(CHECK, licence.number, Verdict.WARN, message, licence.validity.source, data, licence.number)


def _start(licence: Licence, *, short: bool = False) -> str:
    """The first day in force, saying so when it is inferred rather than printed (`short`: just
    the word, the reason is in `show`)."""
    validity = licence.validity
    start = day(validity.start)
    if validity.valid_from is None:
        return start if short else _("{day} (the issue date)").format(day=start)
    if validity.start_inferred:
        if short:
            return _("{day} (inferred)").format(day=start)
        return _("{day} (inferred: {how})").format(day=start, how=said(validity.valid_from.inferred_from))
    return start


def renewal_filing(licence: Licence, records: Records | None) -> date | None:
    """When the renewal application was filed, by the records (None: not on record)."""
    duty = renewal(licence)
    if duty is None or records is None:
        return None
    return next((f.filed_on for f in records.filings if f.obligation == duty[0].id), None)


@dataclass(frozen=True)
class ValidityRequest(OnDay):
    warn_days: int | None = None
    strict: bool = False
    records: tuple[Path, ...] = ()


def run_validity(request: ValidityRequest) -> Report:
    """One finding per licence, the one ending first first."""
    portfolio, on = request.portfolio_and_day()
    title = _("Validity of {licences} on {on}").format(licences=portfolio.names, on=day(on))
    report = Report(
        command="validity",
        licence_number=portfolio.label,
        licences=portfolio.numbers,
        on=on,
        strict=request.strict,
        title=title,
    )
    from functools import partial

    from licencecheck.checks.deadlines import load_portfolio_records, portfolio_timeline

    records = load_portfolio_records(request.records, portfolio, on)
    report.context |= {"licences": portfolio.licences, "timeline": partial(portfolio_timeline, portfolio, on, records)}
    for licence in sorted(portfolio, key=lambda licence: licence.validity.valid_until):
        filed = renewal_filing(licence, records.get(licence.number))
        report.add(check_validity(licence, on, request.warn_days, filed))
    return report
