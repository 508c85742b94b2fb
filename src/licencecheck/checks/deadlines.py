"""Filing windows and deadlines from the licence's obligation rules, on a given day.

Period rules (PRC Civil Code arts. 201-203): the trigger day is not counted; a period in days
whose last day is a rest day ends on the next working day (both dates are reported); a period
in working days counts official working days, make-up working days included.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import Field, StringConstraints

from licencecheck.checks.validity import check_validity
from licencecheck.errors import CalendarGapError, InputError
from licencecheck.i18n import N_, _, day, join, listing, pgettext, quote
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
from licencecheck.periods import before, nominal_end, period, shift
from licencecheck.report import Finding, Report, Status, Verdict
from licencecheck.request import OnDay
from licencecheck.workdays import WorkCalendar

if TYPE_CHECKING:
    from licencecheck.portfolio import Portfolio
    from licencecheck.strictyaml import Document

CHECK = "deadlines"
ANALOGY_NOTE = N_(
    "periods after an event are counted by 民法典 arts. 200-204, which govern periods in civil law; these are "
    "administrative deadlines, so the rules are applied by analogy"
)
ESTIMATE_MARK = N_(" [ESTIMATE: no official calendar for that year]")
"""After a date computed from an estimated calendar (translated where it is said)."""
Explain = Callable[[], str]
"""Says how a date was computed, in the language of the run (called again in English for the JSON)."""
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
    """How the date was computed, in English: the JSON's `data.computation`, the same in every language."""
    filed_on: date | None = None
    window: bool = False
    """A filing window (window_start to due) rather than a single due date."""
    applicable: bool = True
    """False for a window that opens after the licence has ended."""
    estimate: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    explained: str = ""
    """`computation` in the language of the run, for people (empty: the same)."""

    def explain(self, explain: Explain) -> Item:
        """Set `computation` (English) and `explained` (the run's language) from one text."""
        self.explained = explain()
        self.computation = in_english(explain)
        return self


@contextmanager
def _english() -> Iterator[None]:
    from gettext import NullTranslations

    from licencecheck.i18n import ACTIVE

    saved = ACTIVE.language, ACTIVE.translations
    ACTIVE.language, ACTIVE.translations = "en", NullTranslations()
    try:
        yield
    finally:
        ACTIVE.language, ACTIVE.translations = saved


def in_english(explain: Explain) -> str:
    """What `explain` says in English, whatever the language of the run: machine data (JSON
    `data`) is the same in every language, with ISO dates."""
    from licencecheck.i18n import language

    if language() == "en":
        return explain()
    with _english():
        return explain()


def shown_computation(report: Report, data: Mapping[str, Any]) -> str:
    """How a finding's date was computed, in the language of the run (`data["computation"]`
    is English, for machines)."""
    text = str(data["computation"])
    return str(report.context.get("computations", {}).get(text, text))


def status_word(status: str) -> str:
    """A status as people read it: the id in English (`in-force`, `upcoming`), a word in Chinese."""
    words: dict[str, str] = {
        Status.IN_FORCE: pgettext("status", "in-force"),
        Status.EXPIRED: pgettext("status", "expired"),
        Status.NOT_YET_IN_FORCE: pgettext("status", "not-yet-in-force"),
        Status.RENEWAL_PENDING: pgettext("status", "renewal-pending"),
        Status.OPEN: pgettext("status", "open"),
        Status.UPCOMING: pgettext("status", "upcoming"),
        Status.OVERDUE: pgettext("status", "overdue"),
        Status.UNCONFIRMED: pgettext("status", "unconfirmed"),
        Status.DONE: pgettext("status", "done"),
        Status.NOT_APPLICABLE: pgettext("status", "not-applicable"),
        Status.INFORMATION: pgettext("status", "information"),
    }
    return words.get(status, status)


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
            message = _(
                "{where}: licence: records are for {records}, which is not among the licences in use ({licences})"
            )
            raise InputError(
                message.format(where=document.where(("licence",)), records=records.licence, licences=portfolio.names)
            )
        _refuse_impossible(document, records, licence, on)
        if licence.number in found:
            message = _("{path}: a second records file for {licence}; keep one per licence")
            raise InputError(message.format(path=path, licence=licence.number))
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
        raise InputError(
            _("{where}: {key}: {message}").format(where=document.where(loc), key=dotted(loc), message=message)
        )


def record_problems(records: Records, licence: Licence, on: date) -> Iterator[Problem]:
    """Every impossible record, located in the records file, in file order."""
    if records.licence != licence.number:
        message = _("records are for licence {records}, but the licence in use is {licence}")
        yield (("licence",), message.format(records=records.licence, licence=licence.number))
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
            yield ((*at, "obligation"), _("unknown obligation {obligation}").format(obligation=quote(entry.obligation)))
        elif isinstance(entry, Filing):
            yield from _filing_problems(at, entry, rule, licence.validity, on)
        else:
            yield from _event_problems(at, entry, rule, licence.validity, on)


def _filing_problems(
    at: tuple[str, int], filing: Filing, rule: Rule, validity: Validity, on: date
) -> Iterator[Problem]:
    if filing.filed_on > on:
        yield ((*at, "filed_on"), _after_checked(filing.filed_on, on))
    if not isinstance(rule, AnnualWindow | BeforeValidityEnd):
        yield ((*at, "obligation"), _not_a_filing(rule).format(obligation=filing.obligation))
        return
    if isinstance(rule, AnnualWindow):
        yield from _annual_problems(at, filing, rule, validity)
    elif filing.year is not None:
        message = _("`year` is only for a filing in a yearly window; {obligation} has none")
        yield ((*at, "year"), message.format(obligation=filing.obligation))
    if filing.filed_on < validity.start:
        yield ((*at, "filed_on"), _before_in_force(filing.filed_on, validity))


def _after_checked(when: date, on: date) -> str:
    return _("{day} is after the day checked ({on})").format(day=day(when), on=day(on))


def _before_in_force(when: date, validity: Validity) -> str:
    return _("{day} is before the licence was in force ({start})").format(day=day(when), start=day(validity.start))


def _not_a_filing(rule: Rule) -> str:
    if isinstance(rule, AfterEvent | BeforeEvent):
        return _("{obligation} is due after an event: record it under `events` with occurred_on (and filed_on)")
    if isinstance(rule, MinimumRetention):
        return _("{obligation} is a retention period, not a filing: record when the data was created under `events`")
    return _("{obligation} is a standing duty, nothing is filed for it")


def _not_an_event(rule: Rule) -> str:
    if isinstance(rule, AnnualWindow | BeforeValidityEnd):
        return _("{obligation} is not triggered by an event: record it under `filings` with filed_on")
    return _("{obligation} is not triggered by an event: it is a standing duty, nothing is recorded for it")


def _annual_problems(at: tuple[str, int], filing: Filing, rule: AnnualWindow, validity: Validity) -> Iterator[Problem]:
    if filing.year is None:
        message = _("a filing of {obligation} needs `year`, the year whose window it was filed in")
        yield ((*at, "year"), message.format(obligation=filing.obligation))
        return
    start = date(filing.year, rule.start.month, rule.start.day)
    end = date(filing.year, rule.end.month, rule.end.day)
    if end < validity.start or start > validity.valid_until:
        message = _(
            "the licence was not in force during the {year} window ({start} to {end}); "
            "it is valid from {valid_from} to {valid_until}"
        )
        yield (
            (*at, "year"),
            message.format(
                year=filing.year,
                start=day(start),
                end=day(end),
                valid_from=day(validity.start),
                valid_until=day(validity.valid_until),
            ),
        )
    elif filing.filed_on < start:
        message = _("{day} is before the {year} window opened ({start})")
        yield ((*at, "filed_on"), message.format(day=day(filing.filed_on), year=filing.year, start=day(start)))


def _event_problems(
    at: tuple[str, int], event: EventRecord, rule: Rule, validity: Validity, on: date
) -> Iterator[Problem]:
    for key, when in (("occurred_on", event.occurred_on), ("filed_on", event.filed_on)):
        if when is not None and when > on:
            yield ((*at, key), _after_checked(when, on))
    if not isinstance(rule, AfterEvent | BeforeEvent | MinimumRetention):
        yield ((*at, "obligation"), _not_an_event(rule).format(obligation=event.obligation))
        return
    if event.occurred_on < validity.start:
        yield ((*at, "occurred_on"), _before_in_force(event.occurred_on, validity))
    if event.filed_on is not None and isinstance(rule, MinimumRetention):
        message = _("{obligation} is a retention period; nothing is filed for it")
        yield ((*at, "filed_on"), message.format(obligation=event.obligation))
    elif event.filed_on is not None and event.filed_on < event.occurred_on and not isinstance(rule, BeforeEvent):
        message = _("{day} is before the event occurred ({occurred})")
        yield ((*at, "filed_on"), message.format(day=day(event.filed_on), occurred=day(event.occurred_on)))


def event_due(rule: AfterEvent, trigger: date, calendar: WorkCalendar) -> tuple[date, date | None, str]:
    """(due, nominal due if extended, how it was computed) for a period after a trigger day."""
    due, nominal, explain = _event_due(rule, trigger, calendar)
    return due, nominal, explain()


def _event_due(rule: AfterEvent, trigger: date, calendar: WorkCalendar) -> tuple[date, date | None, Explain]:
    if rule.unit == "working-days":
        due = calendar.add_workdays(trigger, rule.amount)

        def in_working_days() -> str:
            return _(
                "{amount} working days after {trigger}, not counting {trigger} (民法典 art. 201, by analogy); "
                "official working days incl. make-up days [{source}]"
            ).format(amount=rule.amount, trigger=day(trigger), source=calendar.source(due.year))

        return due, None, in_working_days
    nominal = nominal_end(trigger, rule.amount, rule.unit)
    due = calendar.next_workday_on_or_after(nominal)

    def in_days() -> str:
        if due != nominal:
            how = _(
                "{period} after {trigger}, not counting {trigger} (民法典 art. 201, by analogy): {nominal}, a rest "
                "day, so extended to the next working day {due} (民法典 art. 203 by analogy; weekends count as rest "
                "days unless made working days, an inference from 民法通则 art. 154) [{source}]"
            )
        else:
            how = _(
                "{period} after {trigger}, not counting {trigger} (民法典 art. 201, by analogy): {nominal}, "
                "a working day [{source}]"
            )
        return how.format(
            period=period(rule.amount, rule.unit),
            trigger=day(trigger),
            nominal=day(nominal),
            due=day(due),
            source=calendar.source(due.year),
        )

    return due, (nominal if due != nominal else None), in_days


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
        either = _alternatives(licence, obligation)
        filed = next((f.filed_on for f in filings if f.obligation in either), None)
        item = Item(obligation, "due", obligation.action, None, due, None, "", filed)
        items.append(item.explain(_renewal_explain(rule, end, obligation.alternative_to)))
    return items


def _renewal_explain(rule: BeforeValidityEnd, end: date, alternative_to: str | None) -> Explain:
    def explain() -> str:
        how = _("{description}: {period} before the validity end {end}").format(
            description=rule.description, period=period(rule.amount, rule.unit), end=day(end)
        )
        if alternative_to is None:
            return how
        instead = _("owed instead of {alternative} when the licence is not to continue")
        return join([how, instead.format(alternative=alternative_to)])

    return explain


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
            item = Item(obligation, str(year), obligation.action, start, end, None, "", filed, window=True)
            item.explain(_window_explain(rule.description, start, end))
            item.applicable = start <= validity.valid_until
            items.append(item)
    return items


def _window_explain(description: str, start: date, end: date) -> Explain:
    def explain() -> str:
        return _("{description}: {start} to {end} (a window in the calendar year, not moved for rest days)").format(
            description=description, start=day(start), end=day(end)
        )

    return explain


def _event_item(obligation: Obligation, trigger: date, calendar: WorkCalendar, recorded: list[EventRecord]) -> Item:
    rule = obligation.rule
    if isinstance(rule, MinimumRetention):
        return _retention_item(obligation, rule, trigger)
    if isinstance(rule, BeforeEvent):
        return _before_event_item(obligation, rule, trigger, calendar, recorded)
    if not isinstance(rule, AfterEvent):
        message = _("--event {obligation}: this obligation is not triggered by an event")
        raise InputError(message.format(obligation=obligation.id))
    try:
        due, nominal, explain = _event_due(rule, trigger, calendar)
    except CalendarGapError as exc:
        earliest = trigger + timedelta(days=rule.amount)
        message = _(
            "{obligation} after {trigger}: the due date cannot be computed exactly: {error}; "
            "the earliest it could be is {earliest}"
        )
        raise CalendarGapError(
            exc.year,
            message.format(obligation=obligation.id, trigger=day(trigger), error=exc, earliest=day(earliest)),
        ) from None
    filed = next((e.filed_on for e in recorded if e.obligation == obligation.id and e.occurred_on == trigger), None)
    item = Item(obligation, trigger.isoformat(), obligation.action, trigger, due, nominal, "", filed)
    item.explain(explain)
    item.extra["trigger"] = trigger.isoformat()
    item.estimate = calendar.is_estimate(due.year)
    return item


def _retention_item(obligation: Obligation, rule: MinimumRetention, trigger: date) -> Item:
    keep_until = shift(trigger, rule.amount, rule.unit)

    def explain() -> str:
        return _("{description}: kept through {until} ({period} after {trigger}, 民法典 art. 202 by analogy)").format(
            description=rule.description,
            until=day(keep_until),
            period=period(rule.amount, rule.unit),
            trigger=day(trigger),
        )

    item = Item(obligation, trigger.isoformat(), obligation.action, None, keep_until, None, "").explain(explain)
    item.extra["delete_from"] = (keep_until + timedelta(days=1)).isoformat()
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

    def explain() -> str:
        if due != nominal:
            how = _(
                "{description}: {amount} days before the planned {trigger}: {nominal}, a rest day, so moved back to "
                "the working day before, {due} [{source}]"
            )
        else:
            how = _("{description}: {amount} days before the planned {trigger}: {nominal}, a working day [{source}]")
        return how.format(
            description=rule.description,
            amount=rule.amount,
            trigger=day(trigger),
            nominal=day(nominal),
            due=day(due),
            source=calendar.source(due.year),
        )

    filed = next((e.filed_on for e in recorded if e.obligation == obligation.id and e.occurred_on == trigger), None)
    moved = nominal if due != nominal else None
    item = Item(obligation, trigger.isoformat(), obligation.action, None, due, moved, "", filed)  # no window
    item.explain(explain)
    item.extra["trigger"] = trigger.isoformat()
    item.estimate = calendar.is_estimate(due.year)
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
    estimate = _(ESTIMATE_MARK) if item.estimate else ""
    data = {**item_data(item, on), "status": status.value}
    if status is Status.DONE:
        data["on_time"] = item.filed_on is not None and item.filed_on <= item.due
    finding = Finding(CHECK, label, verdict, "", item.obligation.citation, data)
    finding.message = subject_said(finding.shown_subject, text) + estimate
    return finding


def subject_said(subject: str, text: str) -> str:
    """`subject: text`, the form of every deadline's message (`subject：text` in Chinese)."""
    # TRANSLATORS: a deadline's message: the obligation (and its year or event day), then what is said of it.
    return _("{subject}: {text}").format(subject=subject, text=text)


def item_data(item: Item, on: date) -> dict[str, Any]:
    days_left = (item.due - on).days
    return {
        "obligation": item.obligation.id,
        "name": item.obligation.name,
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
    delete_from = date.fromisoformat(item.extra["delete_from"])
    message = _("data created on {created} is kept through {until}; it may be deleted from {delete_from}")
    created = date.fromisoformat(item.key)
    return Verdict.PASS, message.format(created=day(created), until=day(item.due), delete_from=day(delete_from))


def _not_applicable(item: Item, on: date, has_records: bool, status: Status) -> tuple[Verdict, str]:
    return Verdict.PASS, _("not applicable, the licence ends before this window")


def _done(item: Item, on: date, has_records: bool, status: Status) -> tuple[Verdict, str]:
    assert item.filed_on is not None
    if item.filed_on <= item.due:
        return Verdict.PASS, _("done, filed on {filed} (on time)").format(filed=day(item.filed_on))
    late = (item.filed_on - item.due).days
    message = _("done, filed on {filed} (late, {late} days after the due date {due})")
    return Verdict.WARN, message.format(filed=day(item.filed_on), late=late, due=day(item.due))


def _overdue(item: Item, on: date, has_records: bool, status: Status) -> tuple[Verdict, str]:
    late = (on - item.due).days
    if has_records:
        message = _("OVERDUE since {due} ({late} days), no filing recorded")
        return Verdict.FAIL, message.format(due=day(item.due), late=late)
    message = _("was due by {due} ({late} days ago); without --records it is not known whether it was filed")
    return Verdict.WARN, message.format(due=day(item.due), late=late)


def _pending(item: Item, on: date, has_records: bool, status: Status) -> tuple[Verdict, str]:
    upcoming = status is Status.UPCOMING
    if item.window:
        if upcoming:
            message = _("upcoming, window {start} to {due} ({left} days left)")
        else:
            message = _("open, window {start} to {due} ({left} days left)")
    elif upcoming:
        message = _("upcoming, due by {due} ({left} days left)")
    else:
        message = _("open, due by {due} ({left} days left)")
    start = day(item.window_start) if item.window_start else ""
    text = message.format(start=start, due=day(item.due), left=(item.due - on).days)
    return (Verdict.WARN if upcoming else Verdict.PASS), text


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
            message = _(
                "--event {obligation}={trigger}: the event is after the day checked ({on}), and only the day of a "
                "planned change may lie ahead; give --on {trigger} or later to see its deadline"
            )
            raise InputError(message.format(obligation=obligation_id, trigger=trigger.isoformat(), on=day(on)))
        if trigger < licence.validity.start:
            message = _("--event {obligation}={trigger}: the event is before the licence was in force ({start})")
            raise InputError(
                message.format(obligation=obligation_id, trigger=trigger.isoformat(), start=day(licence.validity.start))
            )
    report = Report(command="deadlines", licence_number=licence.number, on=on, strict=strict, layout="deadlines")
    from licencecheck.checks.validity import renewal_filing

    report.add(check_validity(licence, on, None, renewal_filing(licence, records)))
    items = build_items(licence, on, records, events, calendar)
    computations: dict[str, str] = report.context.setdefault("computations", {})
    for item in items:
        report.add(item_finding(item, on, has_records=records is not None, horizon=horizon))
        computations[item.computation] = item.explained or item.computation
    if any(isinstance(item.obligation.rule, (AfterEvent, MinimumRetention)) for item in items):
        report.notes.append(_(ANALOGY_NOTE))
    if records is None:
        report.notes.append(
            _("no --records given: passed deadlines are 'unconfirmed' warnings, since what was filed is unknown")
        )
    if calendar.estimated_years:
        years = listing(map(str, sorted(calendar.estimated_years)))
        note = _(
            "ESTIMATE: dates for {years} count only weekends and the statutory holidays as rest days; "
            "the State Council's schedule for them (bridging and make-up days) is not known yet"
        ).format(years=years)
        report.notes.append(note)
        report.context["estimate_notes"] = [note]
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
        context={"licences": portfolio.licences, "computations": {}, "estimate_notes": []},
    )
    items: list[Finding] = []
    for licence, report in zip(portfolio, reports, strict=True):
        for finding in report.findings:
            finding.licence = licence.number
            (items if finding.check == CHECK else merged.findings).append(finding)
        merged.notes += [note for note in report.notes if note not in merged.notes]
        merged.context["computations"] |= report.context.get("computations", {})
        merged.context["estimate_notes"] += report.context.get("estimate_notes", [])
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
            raise InputError(
                _("--event {text}: write ID=DATE, e.g. {example}=2026-09-28").format(text=quote(text), example=example)
            )
        if obligation_id not in known:
            message = _("--event {text}: unknown obligation {obligation}; known: {known}")
            raise InputError(
                message.format(text=quote(text), obligation=quote(obligation_id), known=listing(sorted(known)))
            )
        events.append((obligation_id, parse_date(when, what=f"--event {obligation_id}")))
    return events


__all__ = ["CalendarGapError", "Records", "deadlines_report", "event_due", "load_records", "run_deadlines"]
