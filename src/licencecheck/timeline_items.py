"""What a licence timeline draws, as data: `timeline` in the JSON report, and all that
`render.timeline_chart` draws, so that the chart and the JSON cannot disagree.

One band per licence: its validity period (with the issue date, and the days since the
validity end when it has expired), then one row per obligation: filing windows, deadlines (an
event's deadline with the day of the event) and retention periods. The day checked crosses
every band. Each item carries its dates, its status and the lines of words drawn beside it
(`label`), and names the legend entries its marks use (`legend`), so that the legend lists
exactly what is drawn."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from licencecheck.i18n import N_, _, aside, day, days, listing
from licencecheck.names import unique as _unique
from licencecheck.report import Finding, Report, Status
from licencecheck.safetext import printable

Item = dict[str, Any]

LEGEND_TEXT = {
    "validity": N_("validity period"),
    "issued": N_("issue date"),
    "lapse-expired": N_("expired: not in force"),
    "lapse-renewal-pending": N_("past the validity end, renewal pending"),
    "event": N_("day of the event (or planned change) a deadline counts from"),
    "retention-information": N_("retention period (data kept)"),
    "window-done": N_("filing window, filed"),
    "window-open": N_("filing window, open"),
    "window-upcoming": N_("filing window, upcoming"),
    "window-overdue": N_("filing window, overdue, no filing recorded"),
    "window-unconfirmed": N_("filing window, past due, no record given"),
    "window-not-applicable": N_("filing window, not applicable (after the validity end)"),
    "deadline-done": N_("deadline, filed"),
    "deadline-open": N_("deadline, open"),
    "deadline-upcoming": N_("deadline, upcoming"),
    "deadline-overdue": N_("deadline, overdue, no filing recorded"),
    "deadline-unconfirmed": N_("deadline, past due, no record given"),
    "deadline-not-applicable": N_("deadline, not applicable (after the validity end)"),
    "day-checked": N_("day checked"),
}
"""Every legend entry, in the order the legend lists them (in English; translated where drawn)."""

NO_RECORDS_NOTE = N_(
    "No records given (--records): a date that has passed shows as 'past due, no record given', "
    "since what was filed is not known."
)
NO_RECORDS_FOR_NOTE = N_(
    "No records given (--records) for {licences}: a date that has passed shows as 'past due, no record given', "
    "since what was filed is not known."
)
ESTIMATE_NOTE = N_(
    "ESTIMATE: a date in a year without the official holiday calendar counts only weekends and "
    "statutory holidays as rest days."
)


def timeline_items(report: Report) -> dict[str, Any]:
    """The timeline of a deadlines (or timeline) report: bands, the day checked, the axis's
    range, the legend entries used and the notes drawn under the title."""
    on = report.on or date.today()
    periods = report.extra["validity_period"]
    periods = [periods] if isinstance(periods, dict) else list(periods)
    bands = [
        {"licence": period["licence"], "items": _band(number, period, report, on)}
        for number, period in enumerate(periods, start=1)
    ]
    label = [_("day checked {on}").format(on=day(on))]
    checked = _item("day-checked", "day-checked", None, None, on, on, None, label, ["day-checked"])
    every = [item for band in bands for item in band["items"]] + [checked]
    used = {key for item in every for key in item["legend"]}
    return {
        "on": on.isoformat(),
        "axis": _axis_range(every),
        "bands": bands,
        "day_checked": checked,
        "legend": [{"key": key, "text": _(text)} for key, text in LEGEND_TEXT.items() if key in used],
        "notes": _notes(every, len(bands) > 1),
    }


def _item(
    item_id: str,
    kind: str,
    licence: str | None,
    row: str | None,
    start: date,
    end: date,
    status: str | None,
    label: list[str],
    legend: list[str],
) -> Item:
    return {
        "id": item_id,
        "kind": kind,
        "licence": licence,
        "row": row,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "status": status,
        "label": [printable(line, keep_newlines=False) for line in label],
        "legend": legend,
    }


def _band(number: int, period: dict[str, str], report: Report, on: date) -> list[Item]:
    licence = period["licence"]
    own = [f for f in report.findings if f.licence == licence]
    state = next((f for f in own if f.check == "validity"), None)
    items = [_validity(number, period, state, on)]
    taken = {items[0]["id"]}
    for finding in own:
        if finding.check != "deadlines":
            continue
        item = _obligation_item(number, licence, finding)
        item["id"] = _unique(item["id"], taken)
        items.append(item)
    return items


def slug(text: str) -> str:
    """A piece of an id (an XML name once prefixed): letters, digits, `-`, `_` and `.`; others `_`."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", text) or "_"


def _validity(number: int, period: dict[str, str], state: Finding | None, on: date) -> Item:
    start = date.fromisoformat(period.get("valid_from", period["issued_on"]))
    end, issued = date.fromisoformat(period["valid_until"]), date.fromisoformat(period["issued_on"])
    data = state.data if state is not None else {}
    status = str(data.get("state", _state(start, end, on)))
    first = _("valid {start} to {end}").format(start=day(start), end=day(end))
    if data.get("valid_from_inferred"):
        first += aside(_("start inferred"))
    if issued != start:
        first = _("{validity}, issued {issued}").format(validity=first, issued=day(issued))
    legend = ["validity"] + (["issued"] if issued != start else [])
    item = _item(f"licence{number}-validity", "validity", period["licence"], "validity", start, end, status, [], legend)
    item["label"] = [first, _validity_words(status, end, on, data)]
    item["subject"] = period["licence"]
    item["issued_on"] = issued.isoformat()
    item["lapse"] = None
    if status in (Status.EXPIRED, Status.RENEWAL_PENDING) and on > end:
        item["lapse"] = {"start": (end + timedelta(days=1)).isoformat(), "end": on.isoformat()}
        item["legend"].append(f"lapse-{status}")
    return item


def _state(start: date, end: date, on: date) -> str:
    if on < start:
        return Status.NOT_YET_IN_FORCE.value
    return Status.EXPIRED.value if on > end else Status.IN_FORCE.value


def _validity_words(status: str, end: date, on: date, data: Any) -> str:
    if status == Status.IN_FORCE:
        return _("in force on {on}, {left} left").format(on=day(on), left=days((end - on).days))
    if status == Status.RENEWAL_PENDING:
        filed = data.get("renewal_filed_on")
        filed_on = day(date.fromisoformat(filed)) if isinstance(filed, str) else str(filed)
        return _("renewal pending: applied on {filed}, by the deadline").format(filed=filed_on)
    if status == Status.NOT_YET_IN_FORCE:
        return _("not yet in force on {on}").format(on=day(on))
    return _("EXPIRED on {end}: not in force on {on}").format(end=day(end), on=day(on))


def _obligation_item(number: int, licence: str, finding: Finding) -> Item:
    """A filing window, a deadline (with its event, if any) or a retention period."""
    data = finding.data
    status, due = str(data["status"]), date.fromisoformat(str(data["due"]))
    obligation, key = str(data["obligation"]), str(data["key"])
    item_id = f"licence{number}-{slug(obligation)}" + (f"-{slug(key)}" if key != "due" else "")
    trigger = date.fromisoformat(str(data["trigger"])) if data.get("trigger") else None
    if status == Status.INFORMATION:
        start = date.fromisoformat(key)
        label = [_("data of {day}").format(day=day(start)), _("kept through {day}").format(day=day(due))]
        item = _item(item_id, "retention", licence, obligation, start, due, status, label, [f"retention-{status}"])
    elif data.get("window") and data.get("window_start"):
        start = date.fromisoformat(str(data["window_start"]))
        label = [_span(start, due), _status_words(data)]
        item = _item(item_id, "window", licence, obligation, start, due, status, label, [f"window-{status}"])
    else:
        label = [_due_words(due, trigger), _status_words(data)]
        legend = [f"deadline-{status}"] + (["event"] if trigger is not None else [])
        item = _item(item_id, "deadline", licence, obligation, due, due, status, label, legend)
        item["trigger"] = trigger.isoformat() if trigger is not None else None
    item["subject"] = finding.subject
    item["filed_on"] = data.get("filed_on")
    item["estimate"] = bool(data.get("estimate"))
    return item


def _span(start: date, end: date) -> str:
    # TRANSLATORS: the last day of a window in the same year as its first: 03-31 (3月31日).
    same_year = _("{month:02d}-{day:02d}")
    last = same_year.format(month=end.month, day=end.day) if start.year == end.year else day(end)
    # TRANSLATORS: a window beside the timeline chart: its first day – its last day.
    return _("{start} – {end}").format(start=day(start), end=last)


def _due_words(due: date, trigger: date | None) -> str:
    if trigger is None:
        return _("due {due}").format(due=day(due))
    if trigger <= due:
        return _("event {trigger}, due {due}").format(trigger=day(trigger), due=day(due))
    return _("due {due}, before {trigger}").format(due=day(due), trigger=day(trigger))


def _status_words(data: Any) -> str:
    """The status in words, as the chart prints it beside the item."""
    from licencecheck.checks.deadlines import status_word

    status = data["status"]
    if status == Status.DONE:
        filed = day(date.fromisoformat(str(data["filed_on"])))
        late = not data.get("on_time", True)
        words = (_("filed {day}, late") if late else _("filed {day}")).format(day=filed)
    elif status in (Status.OPEN, Status.UPCOMING):
        words = _("{status}, {left} left").format(status=status_word(status), left=days(int(data["days_left"])))
    elif status == Status.OVERDUE:
        words = _("OVERDUE by {late}, no filing recorded").format(late=days(int(data["days_overdue"])))
    elif status == Status.UNCONFIRMED:
        words = _("past due, no record given")
    elif status == Status.NOT_APPLICABLE:
        words = _("not applicable")
    else:
        words = status_word(str(status))
    return words + (aside(_("ESTIMATE")) if data.get("estimate") else "")


def _axis_range(items: list[Item]) -> dict[str, str]:
    """From the first of the month a month before the first date drawn to the first of the month
    a month after the last."""
    days = [date.fromisoformat(item[key]) for item in items for key in ("start", "end")]
    days += [date.fromisoformat(item["trigger"]) for item in items if item.get("trigger")]
    days += [date.fromisoformat(item["lapse"]["end"]) for item in items if item.get("lapse")]
    first, last = min(days) - timedelta(days=30), max(days) + timedelta(days=31)
    return {"from": first.replace(day=1).isoformat(), "to": last.replace(day=1).isoformat()}


def _notes(items: list[Item], several: bool) -> list[str]:
    notes = []
    unknown = list(dict.fromkeys(item["licence"] for item in items if item["status"] == Status.UNCONFIRMED))
    if unknown:
        notes.append(_(NO_RECORDS_FOR_NOTE).format(licences=listing(unknown)) if several else _(NO_RECORDS_NOTE))
    if any(item.get("estimate") for item in items):
        notes.append(_(ESTIMATE_NOTE))
    return notes
