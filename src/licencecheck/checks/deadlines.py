"""Filing windows and deadlines from the licence's obligation rules, on a given day.

Period rules (PRC Civil Code arts. 201-203): the trigger day is not counted; a period in days
whose last day is a rest day ends on the next working day (both dates are reported); a period
in working days counts official working days, make-up working days included.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import Field, StringConstraints

from licencecheck.checks.validity import check_validity
from licencecheck.errors import CalendarGapError, InputError
from licencecheck.models import (
    DATE_MAX,
    DATE_MIN,
    AfterEvent,
    AnnualWindow,
    BeforeEvent,
    BeforeValidityEnd,
    IsoDate,
    Licence,
    MinimumRetention,
    Obligation,
    Problem,
    Rule,
    StrictModel,
    Validity,
)
from licencecheck.periods import before, nominal_end, shift
from licencecheck.report import Finding, Report, Status, Verdict
from licencecheck.request import OnDay
from licencecheck.workdays import WorkCalendar

if TYPE_CHECKING:
    from licencecheck.portfolio import Portfolio
    from licencecheck.strictyaml import Document

CHECK = "deadlines"
ANALOGY_NOTE = (
    "periods after an event are counted by 民法典 arts. 200-204, which govern periods in civil law; these are "
    "administrative deadlines, so the rules are applied by analogy"
)
ObligationId = Annotated[str, StringConstraints(min_length=1)]
Year = Annotated[int, Field(ge=DATE_MIN.year, le=DATE_MAX.year)]


class Filing(StrictModel):
    obligation: ObligationId
    year: Year | None = Field(default=None, description="For annual-report: the year whose window it was filed in.")
    filed_on: IsoDate


class EventRecord(StrictModel):
    obligation: ObligationId
    occurred_on: IsoDate
    filed_on: IsoDate | None = None


class Records(StrictModel):
    licence: str
    filings: list[Filing] = Field(default_factory=list)
    events: list[EventRecord] = Field(default_factory=list)


@dataclass
class Item:
    """One deadline or window, before it becomes a finding."""

    obligation: Obligation
    key: str
    action: str
    window_start: date | None
    due: date
    nominal_due: date | None
    computation: str
    filed_on: date | None = None
    window: bool = False
    """A filing window (window_start to due) rather than a single due date."""
    applicable: bool = True
    """False for a window that opens after the licence has ended."""
    estimate: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def load_records(path: Path, licence: Licence, on: date) -> Records:
    """Strict-load a records file and refuse, naming file:line:column, what cannot be true: records
    for another licence, unknown obligations, dates after the day checked, and filings or events
    that contradict the licence's dates or the obligation's kind of rule."""
    document, records = _read_records(path)
    _refuse_impossible(document, records, licence, on)
    return records


def load_portfolio_records(paths: tuple[Path, ...], portfolio: Portfolio, on: date) -> dict[str, Records]:
    """Each records file applies to the licence it names (`licence:`); with one licence, to it.
    A file for a licence not in use, or two files for one licence, is an input error."""
    found: dict[str, Records] = {}
    for path in paths:
        document, records = _read_records(path)
        licence = portfolio.by_number(records.licence) or portfolio.single
        if licence is None:
            raise InputError(
                f"{document.where(('licence',))}: licence: records are for {records.licence}, "
                f"which is not among the licences in use ({portfolio.label})"
            )
        _refuse_impossible(document, records, licence, on)
        if licence.number in found:
            raise InputError(f"{path}: a second records file for {licence.number}; keep one per licence")
        found[licence.number] = records
    return found


def _read_records(path: Path) -> tuple[Document, Records]:
    from licencecheck.datafiles import validate_document
    from licencecheck.strictyaml import load_yaml

    document = load_yaml(path, what="records file")
    return document, validate_document(document, Records, what="records file")


def _refuse_impossible(document: Document, records: Records, licence: Licence, on: date) -> None:
    from licencecheck.datafiles import dotted

    problem = next(record_problems(records, licence, on), None)
    if problem is not None:
        loc, message = problem
        raise InputError(f"{document.where(loc)}: {dotted(loc)}: {message}")


def record_problems(records: Records, licence: Licence, on: date) -> Iterator[Problem]:
    """Every impossible record, located in the records file, in file order."""
    if records.licence != licence.number:
        yield (("licence",), f"records are for licence {records.licence}, but the licence in use is {licence.number}")
    from licencecheck.rulebook import with_statutory

    rules = {obligation.id: obligation.rule for obligation in with_statutory(licence).obligations}
    entries: list[tuple[str, Filing | EventRecord]] = [("filings", f) for f in records.filings]
    entries += [("events", e) for e in records.events]
    counters = {"filings": 0, "events": 0}
    for section, entry in entries:
        at = (section, counters[section])
        counters[section] += 1
        rule = rules.get(entry.obligation)
        if rule is None:
            yield ((*at, "obligation"), f"unknown obligation {entry.obligation!r}")
        elif isinstance(entry, Filing):
            yield from _filing_problems(at, entry, rule, licence.validity, on)
        else:
            yield from _event_problems(at, entry, rule, licence.validity, on)


def _filing_problems(
    at: tuple[str, int], filing: Filing, rule: Rule, validity: Validity, on: date
) -> Iterator[Problem]:
    if filing.filed_on > on:
        yield ((*at, "filed_on"), f"{filing.filed_on} is after the day checked ({on})")
    if not isinstance(rule, AnnualWindow | BeforeValidityEnd):
        yield ((*at, "obligation"), f"{filing.obligation} {_not_a_filing(rule)}")
        return
    if isinstance(rule, AnnualWindow):
        yield from _annual_problems(at, filing, rule, validity)
    elif filing.year is not None:
        yield ((*at, "year"), f"`year` is only for a filing in a yearly window; {filing.obligation} has none")
    if filing.filed_on < validity.start:
        yield ((*at, "filed_on"), f"{filing.filed_on} is before the licence was in force ({validity.start})")


def _not_a_filing(rule: Rule) -> str:
    if isinstance(rule, AfterEvent | BeforeEvent):
        return "is due after an event: record it under `events` with occurred_on (and filed_on)"
    if isinstance(rule, MinimumRetention):
        return "is a retention period, not a filing: record when the data was created under `events`"
    return "is a standing duty, nothing is filed for it"


def _not_an_event(rule: Rule) -> str:
    if isinstance(rule, AnnualWindow | BeforeValidityEnd):
        return "record it under `filings` with filed_on"
    return "it is a standing duty, nothing is recorded for it"


def _annual_problems(at: tuple[str, int], filing: Filing, rule: AnnualWindow, validity: Validity) -> Iterator[Problem]:
    if filing.year is None:
        yield ((*at, "year"), f"a filing of {filing.obligation} needs `year`, the year whose window it was filed in")
        return
    start = date(filing.year, rule.start.month, rule.start.day)
    end = date(filing.year, rule.end.month, rule.end.day)
    if end < validity.start or start > validity.valid_until:
        yield (
            (*at, "year"),
            f"the licence was not in force during the {filing.year} window ({start} to {end}); "
            f"it is valid from {validity.start} to {validity.valid_until}",
        )
    elif filing.filed_on < start:
        yield ((*at, "filed_on"), f"{filing.filed_on} is before the {filing.year} window opened ({start})")


def _event_problems(
    at: tuple[str, int], event: EventRecord, rule: Rule, validity: Validity, on: date
) -> Iterator[Problem]:
    for key, day in (("occurred_on", event.occurred_on), ("filed_on", event.filed_on)):
        if day is not None and day > on:
            yield ((*at, key), f"{day} is after the day checked ({on})")
    if not isinstance(rule, AfterEvent | BeforeEvent | MinimumRetention):
        yield ((*at, "obligation"), f"{event.obligation} is not triggered by an event: {_not_an_event(rule)}")
        return
    if event.occurred_on < validity.start:
        yield ((*at, "occurred_on"), f"{event.occurred_on} is before the licence was in force ({validity.start})")
    if event.filed_on is not None and isinstance(rule, MinimumRetention):
        yield ((*at, "filed_on"), f"{event.obligation} is a retention period; nothing is filed for it")
    elif event.filed_on is not None and event.filed_on < event.occurred_on and not isinstance(rule, BeforeEvent):
        yield ((*at, "filed_on"), f"{event.filed_on} is before the event occurred ({event.occurred_on})")


def event_due(rule: AfterEvent, trigger: date, calendar: WorkCalendar) -> tuple[date, date | None, str]:
    """(due, nominal due if extended, how it was computed) for a period after a trigger day."""
    if rule.unit == "working-days":
        due = calendar.add_workdays(trigger, rule.amount)
        how = (
            f"{rule.amount} working days after {trigger}, not counting {trigger} (民法典 art. 201, by analogy); "
            f"official working days incl. make-up days [{calendar.source(due.year)}]"
        )
        return due, None, how
    nominal = nominal_end(trigger, rule.amount, rule.unit)
    due = calendar.next_workday_on_or_after(nominal)
    how = f"{rule.amount} {rule.unit} after {trigger}, not counting {trigger} (民法典 art. 201, by analogy): {nominal}"
    if due != nominal:
        how += (
            f", a rest day, so extended to the next working day {due} (民法典 art. 203 by analogy; "
            "weekends count as rest days "
            f"unless made working days, an inference from 民法通则 art. 154) [{calendar.source(due.year)}]"
        )
        return due, nominal, how
    return due, None, how + f", a working day [{calendar.source(due.year)}]"


def build_items(
    licence: Licence,
    on: date,
    records: Records | None,
    events: list[tuple[str, date]],
    calendar: WorkCalendar,
) -> list[Item]:
    """Every deadline and window of the licence's rules on `on`, sorted by due date."""
    filings = records.filings if records else []
    items = [*_renewal_items(licence, filings), *_window_items(licence, on, filings)]
    recorded = records.events if records else []
    triggers = list(events) + [(e.obligation, e.occurred_on) for e in recorded]
    items += [
        _event_item(licence.obligation(obligation_id), trigger, calendar, recorded)
        for obligation_id, trigger in triggers
    ]
    items.sort(key=lambda item: (item.due, item.obligation.id))
    return items


def _renewal_items(licence: Licence, filings: list[Filing]) -> list[Item]:
    """Duties before the validity end. Of alternatives (renew, or report not continuing), a
    filing of either discharges both."""
    items = []
    for obligation, rule in licence.obligations_with(BeforeValidityEnd):
        end = licence.validity.valid_until
        due = before(end, rule.amount, rule.unit)
        how = f"{rule.description}: {rule.amount} {rule.unit} before the validity end {end}"
        either = _alternatives(licence, obligation)
        filed = next((f.filed_on for f in filings if f.obligation in either), None)
        if obligation.alternative_to is not None:
            how += f"; owed instead of {obligation.alternative_to} when the licence is not to continue"
        items.append(Item(obligation, "due", obligation.action, None, due, None, how, filed))
    return items


def _alternatives(licence: Licence, obligation: Obligation) -> set[str]:
    """The ids whose filing discharges this duty: its own, and those it is an alternative to or of."""
    ids = {obligation.id}
    if obligation.alternative_to is not None:
        ids.add(obligation.alternative_to)
    ids |= {o.id for o in licence.obligations if o.alternative_to == obligation.id}
    return ids


def _window_items(licence: Licence, on: date, filings: list[Filing]) -> list[Item]:
    """Every window from the first year the licence is in force up to next year's, so that the
    next window shows as upcoming, or as not applicable once the licence has ended."""
    items = []
    validity = licence.validity
    for obligation, rule in licence.obligations_with(AnnualWindow):
        first = validity.start.year
        for year in range(first, max(on.year, first) + 2):
            start, end = date(year, rule.start.month, rule.start.day), date(year, rule.end.month, rule.end.day)
            if end < validity.start:
                continue
            filed = next((f.filed_on for f in filings if f.obligation == obligation.id and f.year == year), None)
            how = f"{rule.description}: {start} to {end} (a window in the calendar year, not moved for rest days)"
            item = Item(obligation, str(year), obligation.action, start, end, None, how, filed, window=True)
            item.applicable = start <= validity.valid_until
            items.append(item)
    return items


def _event_item(obligation: Obligation, trigger: date, calendar: WorkCalendar, recorded: list[EventRecord]) -> Item:
    rule = obligation.rule
    if isinstance(rule, MinimumRetention):
        keep_until = shift(trigger, rule.amount, rule.unit)
        how = (
            f"{rule.description}: kept through {keep_until} "
            f"({rule.amount} {rule.unit} after {trigger}, 民法典 art. 202 by analogy)"
        )
        item = Item(obligation, trigger.isoformat(), obligation.action, None, keep_until, None, how)
        item.extra["delete_from"] = (keep_until + timedelta(days=1)).isoformat()
        return item
    if isinstance(rule, BeforeEvent):
        return _before_event_item(obligation, rule, trigger, calendar, recorded)
    if not isinstance(rule, AfterEvent):
        raise InputError(f"--event {obligation.id}: this obligation is not triggered by an event")
    try:
        due, nominal, how = event_due(rule, trigger, calendar)
    except CalendarGapError as exc:
        earliest = trigger + timedelta(days=rule.amount)
        raise CalendarGapError(
            exc.year,
            f"{obligation.id} after {trigger}: the due date cannot be computed exactly: {exc}; "
            f"the earliest it could be is {earliest}",
        ) from None
    filed = next((e.filed_on for e in recorded if e.obligation == obligation.id and e.occurred_on == trigger), None)
    item = Item(obligation, trigger.isoformat(), obligation.action, trigger, due, nominal, how, filed)
    item.extra["trigger"] = trigger.isoformat()
    item.estimate = "ESTIMATE" in how
    return item


def _before_event_item(
    obligation: Obligation, rule: BeforeEvent, trigger: date, calendar: WorkCalendar, recorded: list[EventRecord]
) -> Item:
    """Due `amount` days before a planned event; a due day that is a rest day moves back to the
    working day before it (filing earlier is the safe reading of an "in advance" period)."""
    nominal = before(trigger, rule.amount, "days")
    due = nominal
    while not calendar.is_workday(due):
        due -= timedelta(days=1)
    how = f"{rule.description}: {rule.amount} days before the planned {trigger}: {nominal}"
    if due != nominal:
        how += f", a rest day, so moved back to the working day before, {due} [{calendar.source(due.year)}]"
    else:
        how += f", a working day [{calendar.source(due.year)}]"
    filed = next((e.filed_on for e in recorded if e.obligation == obligation.id and e.occurred_on == trigger), None)
    moved = nominal if due != nominal else None
    item = Item(obligation, trigger.isoformat(), obligation.action, None, due, moved, how, filed)  # no window
    item.extra["trigger"] = trigger.isoformat()
    item.estimate = "ESTIMATE" in how
    return item


def item_status(item: Item, on: date, horizon: int) -> Status:
    """Where an item stands on `on`; `horizon` days ahead (of a window's start, else of the due
    date) an open item becomes upcoming."""
    if isinstance(item.obligation.rule, MinimumRetention):
        return Status.INFORMATION
    if not item.applicable:
        return Status.NOT_APPLICABLE
    if item.filed_on is not None:
        return Status.DONE
    if item.due < on:
        return Status.OVERDUE
    ahead = item.window_start if item.window and item.window_start is not None and on < item.window_start else item.due
    return Status.UPCOMING if (ahead - on).days <= horizon else Status.OPEN


def item_finding(item: Item, on: date, *, has_records: bool, horizon: int) -> Finding:
    status = item_status(item, on, horizon)
    if status is Status.OVERDUE and not has_records:
        status = Status.UNCONFIRMED
    verdict, text = _STATUS_TEXT[status](item, on, has_records, status)
    label = f"{item.obligation.id} ({item.key})" if item.key != "due" else item.obligation.id
    estimate = " [ESTIMATE: no official calendar for that year]" if item.estimate else ""
    data = {**item_data(item, on), "status": status.value}
    if status is Status.DONE:
        data["on_time"] = item.filed_on is not None and item.filed_on <= item.due
    return Finding(CHECK, label, verdict, f"{label}: {text}{estimate}", item.obligation.citation, data)


def item_data(item: Item, on: date) -> dict[str, Any]:
    days_left = (item.due - on).days
    return {
        "obligation": item.obligation.id,
        "key": item.key,
        "action": item.action,
        "window": item.window,
        "window_start": item.window_start.isoformat() if item.window_start else None,
        "due": item.due.isoformat(),
        "nominal_due": item.nominal_due.isoformat() if item.nominal_due else None,
        "computation": item.computation,
        "filed_on": item.filed_on.isoformat() if item.filed_on else None,
        "days_left": days_left if days_left >= 0 else None,
        "days_overdue": -days_left if days_left < 0 else None,
        "estimate": item.estimate,
        **({"applicable": item.applicable} if item.window else {}),
        **item.extra,
    }


def _information(item: Item, on: date, has_records: bool, status: Status) -> tuple[Verdict, str]:
    delete_from = item.extra["delete_from"]
    return Verdict.PASS, f"data created on {item.key} is kept through {item.due}; it may be deleted from {delete_from}"


def _not_applicable(item: Item, on: date, has_records: bool, status: Status) -> tuple[Verdict, str]:
    return Verdict.PASS, "not applicable, the licence ends before this window"


def _done(item: Item, on: date, has_records: bool, status: Status) -> tuple[Verdict, str]:
    assert item.filed_on is not None
    if item.filed_on <= item.due:
        return Verdict.PASS, f"done, filed on {item.filed_on} (on time)"
    late = (item.filed_on - item.due).days
    return Verdict.WARN, f"done, filed on {item.filed_on} (late, {late} days after the due date {item.due})"


def _overdue(item: Item, on: date, has_records: bool, status: Status) -> tuple[Verdict, str]:
    days = (on - item.due).days
    if has_records:
        return Verdict.FAIL, f"OVERDUE since {item.due} ({days} days), no filing recorded"
    return Verdict.WARN, (
        f"was due by {item.due} ({days} days ago); without --records it is not known whether it was filed"
    )


def _pending(item: Item, on: date, has_records: bool, status: Status) -> tuple[Verdict, str]:
    window = f"window {item.window_start} to {item.due}" if item.window else f"due by {item.due}"
    verdict = Verdict.WARN if status is Status.UPCOMING else Verdict.PASS
    return verdict, f"{status.value}, {window} ({(item.due - on).days} days left)"


_STATUS_TEXT: dict[Status, Callable[[Item, date, bool, Status], tuple[Verdict, str]]] = {
    Status.INFORMATION: _information,
    Status.NOT_APPLICABLE: _not_applicable,
    Status.DONE: _done,
    Status.OVERDUE: _overdue,
    Status.UNCONFIRMED: _overdue,
    Status.UPCOMING: _pending,
    Status.OPEN: _pending,
}


def deadlines_report(
    licence: Licence,
    on: date,
    *,
    records: Records | None,
    events: list[tuple[str, date]],
    calendar: WorkCalendar,
    horizon: int,
    strict: bool,
) -> Report:
    from licencecheck.rulebook import with_statutory

    licence = with_statutory(licence)
    for obligation_id, trigger in events:
        if trigger > on and not isinstance(licence.obligation(obligation_id).rule, BeforeEvent):
            raise InputError(
                f"--event {obligation_id}={trigger}: the event is after the day checked ({on}), and only the day "
                f"of a planned change may lie ahead; give --on {trigger} or later to see its deadline"
            )
        if trigger < licence.validity.start:
            raise InputError(
                f"--event {obligation_id}={trigger}: the event is before the licence was in force "
                f"({licence.validity.start})"
            )
    report = Report(command="deadlines", licence_number=licence.number, on=on, strict=strict, layout="deadlines")
    from licencecheck.checks.validity import renewal_filing

    report.add(check_validity(licence, on, None, renewal_filing(licence, records)))
    items = build_items(licence, on, records, events, calendar)
    for item in items:
        report.add(item_finding(item, on, has_records=records is not None, horizon=horizon))
    if any(isinstance(item.obligation.rule, (AfterEvent, MinimumRetention)) for item in items):
        report.notes.append(ANALOGY_NOTE)
    if records is None:
        report.notes.append(
            "no --records given: passed deadlines are 'unconfirmed' warnings, since what was filed is unknown"
        )
    if calendar.estimated_years:
        years = ", ".join(map(str, sorted(calendar.estimated_years)))
        report.notes.append(
            f"ESTIMATE: dates for {years} count only weekends and the statutory holidays as rest days; "
            "the State Council's schedule for them (bridging and make-up days) is not known yet"
        )
    report.extra["items"] = len(items)
    return report


@dataclass(frozen=True)
class DeadlinesRequest(OnDay):
    """What `deadlines` and `timeline` were asked, as typed: the CLI builds it, `run_deadlines`
    reads the files and computes."""

    records: tuple[Path, ...] = ()
    events: tuple[str, ...] = ()
    calendar: Path | None = None
    estimate: bool = False
    horizon: int = 30
    strict: bool = False


def run_deadlines(request: DeadlinesRequest) -> Report:
    """Every licence's deadlines on the day: each licence's validity, then every item sorted by
    due date, each naming its licence."""
    from licencecheck.workdays import load_calendar

    portfolio, day = request.portfolio_and_day()
    events = parse_portfolio_events(request.events, portfolio)
    records = load_portfolio_records(request.records, portfolio, day)
    calendar = WorkCalendar(load_calendar(request.calendar) if request.calendar else None, estimate=request.estimate)
    reports = [
        deadlines_report(
            licence,
            day,
            records=records.get(licence.number),
            events=[(oid, when) for oid, when in events if oid in _duty_ids(licence)],
            calendar=calendar,
            horizon=request.horizon,
            strict=request.strict,
        )
        for licence in portfolio
    ]
    return merge_deadlines(reports, portfolio, day, request.strict)


def _duty_ids(licence: Licence) -> set[str]:
    from licencecheck.rulebook import with_statutory

    return {o.id for o in with_statutory(licence).obligations}


def merge_deadlines(reports: list[Report], portfolio: Portfolio, day: date, strict: bool) -> Report:
    """One report of several licences' deadlines: validity findings first, then items by date."""
    merged = Report(
        command="deadlines",
        licence_number=portfolio.label,
        licences=portfolio.numbers,
        on=day,
        strict=strict,
        layout="deadlines",
        context={"licences": portfolio.licences},
    )
    items: list[Finding] = []
    for licence, report in zip(portfolio, reports, strict=True):
        for finding in report.findings:
            finding.licence = licence.number
            (items if finding.check == CHECK else merged.findings).append(finding)
        merged.notes += [note for note in report.notes if note not in merged.notes]
    merged.findings += sorted(items, key=lambda f: (f.data["due"], str(f.data["obligation"])))
    merged.extra["items"] = len(items)
    periods = [
        {
            "licence": licence.number,
            "issued_on": licence.validity.issued_on.isoformat(),
            "valid_from": licence.validity.start.isoformat(),
            "valid_until": licence.validity.valid_until.isoformat(),
        }
        for licence in portfolio
    ]
    merged.extra["validity_period"] = periods[0] if len(periods) == 1 else periods
    return merged


def portfolio_timeline(portfolio: Portfolio, day: date, records: dict[str, Any]) -> Report:
    """The licences' dates on a day as `timeline` draws them, for a report of another command
    (an HTML report's chart): the official calendar, no events, the records given."""
    reports = [
        deadlines_report(
            licence,
            day,
            records=records.get(licence.number),
            events=[],
            calendar=WorkCalendar(),
            horizon=30,
            strict=False,
        )
        for licence in portfolio
    ]
    return merge_deadlines(reports, portfolio, day, strict=False)


def run_timeline(request: DeadlinesRequest) -> Report:
    """The deadlines report as the informational picture `timeline` draws, with every item the
    chart draws (`timeline`, see `timeline_items`)."""
    from dataclasses import replace

    from licencecheck.timeline_items import timeline_items

    report = replace(run_deadlines(request), command="timeline", layout="timeline", informational=True)
    report.extra["timeline"] = timeline_items(report)
    return report


def parse_events(texts: tuple[str, ...], licence: Licence) -> list[tuple[str, date]]:
    """`ID=DATE` texts (from --event) as (obligation id, day); unknown ids are input errors."""
    return _parse_events(texts, {o.id for o in licence.obligations})


def parse_portfolio_events(texts: tuple[str, ...], portfolio: Portfolio) -> list[tuple[str, date]]:
    """As `parse_events`; an id is known when any licence has it (with the statutory duties that
    apply to it), and applies to each that does."""
    from licencecheck.rulebook import with_statutory

    return _parse_events(texts, {o.id for licence in portfolio for o in with_statutory(licence).obligations})


def _parse_events(texts: tuple[str, ...], known: set[str]) -> list[tuple[str, date]]:
    from licencecheck.dates import parse_date

    events: list[tuple[str, date]] = []
    for text in texts:
        obligation_id, sep, when = text.partition("=")
        if not sep or not obligation_id or not when:
            example = next(iter(sorted(known)), "ID")
            raise InputError(f"--event {text!r}: write ID=DATE, e.g. {example}=2026-09-28")
        if obligation_id not in known:
            raise InputError(
                f"--event {text!r}: unknown obligation {obligation_id!r}; known: {', '.join(sorted(known))}"
            )
        events.append((obligation_id, parse_date(when, what=f"--event {obligation_id}")))
    return events


__all__ = ["CalendarGapError", "Records", "deadlines_report", "event_due", "load_records", "run_deadlines"]
