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

from licencecheck.names import unique as _unique
from licencecheck.report import Finding, Report, Status
from licencecheck.safetext import printable

Item = dict[str, Any]

LEGEND_TEXT = {
    "validity": "validity period",
    "issued": "issue date",
    "lapse-expired": "expired: not in force",
    "lapse-renewal-pending": "past the validity end, renewal pending",
    "event": "day of the event (or planned change) a deadline counts from",
    "retention-information": "retention period (data kept)",
    **{
        f"{kind}-{status}": f"{name}, {words}"
        for kind, name in (("window", "filing window"), ("deadline", "deadline"))
        for status, words in (
            ("done", "filed"),
            ("open", "open"),
            ("upcoming", "upcoming"),
            ("overdue", "overdue, no filing recorded"),
            ("unconfirmed", "past due, no record given"),
            ("not-applicable", "not applicable (after the validity end)"),
        )
    },
    "day-checked": "day checked",
}
"""Every legend entry, in the order the legend lists them."""

NO_RECORDS_NOTE = (
    "No records given (--records){licences}: a date that has passed shows as 'past due, no record given', "
    "since what was filed is not known."
)
ESTIMATE_NOTE = (
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
    checked = _item("day-checked", "day-checked", None, None, on, on, None, [f"day checked {on}"], ["day-checked"])
    every = [item for band in bands for item in band["items"]] + [checked]
    used = {key for item in every for key in item["legend"]}
    return {
        "on": on.isoformat(),
        "axis": _axis_range(every),
        "bands": bands,
        "day_checked": checked,
        "legend": [{"key": key, "text": text} for key, text in LEGEND_TEXT.items() if key in used],
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
    first = f"valid {start} to {end}" + (" (start inferred)" if data.get("valid_from_inferred") else "")
    if issued != start:
        first += f", issued {issued}"
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
        return f"in force on {on}, {_days((end - on).days)} left"
    if status == Status.RENEWAL_PENDING:
        return f"renewal pending: applied on {data.get('renewal_filed_on')}, by the deadline"
    if status == Status.NOT_YET_IN_FORCE:
        return f"not yet in force on {on}"
    return f"EXPIRED on {end}: not in force on {on}"


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def _obligation_item(number: int, licence: str, finding: Finding) -> Item:
    """A filing window, a deadline (with its event, if any) or a retention period."""
    data = finding.data
    status, due = str(data["status"]), date.fromisoformat(str(data["due"]))
    obligation, key = str(data["obligation"]), str(data["key"])
    item_id = f"licence{number}-{slug(obligation)}" + (f"-{slug(key)}" if key != "due" else "")
    trigger = date.fromisoformat(str(data["trigger"])) if data.get("trigger") else None
    if status == Status.INFORMATION:
        start = date.fromisoformat(key)
        label = [f"data of {start}", f"kept through {due}"]
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
    return f"{start} – {end:%m-%d}" if start.year == end.year else f"{start} – {end}"


def _due_words(due: date, trigger: date | None) -> str:
    if trigger is None:
        return f"due {due}"
    if trigger <= due:
        return f"event {trigger}, due {due}"
    return f"due {due}, before {trigger}"


def _status_words(data: Any) -> str:
    """The status in words, as the chart prints it beside the item."""
    status = data["status"]
    if status == Status.DONE:
        words = f"filed {data['filed_on']}" + ("" if data.get("on_time", True) else ", late")
    elif status in (Status.OPEN, Status.UPCOMING):
        words = f"{status}, {_days(int(data['days_left']))} left"
    elif status == Status.OVERDUE:
        words = f"OVERDUE by {_days(int(data['days_overdue']))}, no filing recorded"
    elif status == Status.UNCONFIRMED:
        words = "past due, no record given"
    elif status == Status.NOT_APPLICABLE:
        words = "not applicable"
    else:
        words = str(status)
    return words + (" (ESTIMATE)" if data.get("estimate") else "")


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
        notes.append(NO_RECORDS_NOTE.format(licences=f" for {', '.join(unknown)}" if several else ""))
    if any(item.get("estimate") for item in items):
        notes.append(ESTIMATE_NOTE)
    return notes
