"""Deadlines as a table sorted by due date (for `deadlines`), or one block per deadline where the
table does not fit the width."""

from __future__ import annotations

from datetime import date

from licencecheck.checks.deadlines import shown_computation, status_word, subject_said
from licencecheck.i18n import N_, _, day, listing
from licencecheck.render.console import render_to_string, verdict_text
from licencecheck.render.fit import Column, Sheet
from licencecheck.render.terminal import text_width
from licencecheck.render.text import VERDICT, sheet_parts
from licencecheck.report import Finding, Report
from licencecheck.safetext import printable

COLUMNS = (
    VERDICT,
    Column(N_("obligation"), role="head"),
    Column(N_("clause")),
    Column(N_("window / due")),
    Column(N_("status"), role="head"),
    Column(N_("how computed"), role="text", floor=20),
)


def render_deadlines(report: Report) -> str:
    width = text_width()
    licences = listing(report.licences) if report.licences else report.licence_number
    title = _("Deadlines of {licences} on {on}").format(licences=licences, on=day(report.on) if report.on else "")
    sheet = Sheet(COLUMNS, title=report.title or title)
    several = len(report.licences) > 1
    for finding in report.shown_findings():
        if finding.check == "validity":
            data = finding.data
            subject = _("validity") if not several else f"{finding.licence}\n{_('validity')}"
            valid_until = day(date.fromisoformat(str(data["valid_until"])))
            row = (subject, finding.clause, valid_until, status_word(str(data["state"])), finding.message)
        else:
            subject = finding.shown_subject if not several else f"{finding.licence}\n{finding.shown_subject}"
            row = (subject, finding.clause, _window(finding), _status(finding), shown_computation(report, finding.data))
        sheet.add_row(verdict_text(finding.verdict), *[printable(cell) for cell in row])
    return render_to_string(*sheet_parts(report, sheet, width), width=width, soft_wrap=True)


def _day(value: object) -> str:
    return day(date.fromisoformat(str(value)))


def _window(finding: Finding) -> str:
    data = finding.data
    if data.get("window_start"):
        # TRANSLATORS: a filing window in the deadlines table, from its first day to its last.
        window = _("{start} → {due}").format(start=_day(data["window_start"]), due=_day(data["due"]))
    else:
        window = _day(data["due"])
    if data.get("nominal_due"):
        # TRANSLATORS: under a due date moved for a rest day: the day the period itself ends on.
        window += "\n" + _("(nominal {day})").format(day=_day(data["nominal_due"]))
    if data.get("estimate"):
        window += "\n" + _("ESTIMATE")
    return window


def _status(finding: Finding) -> str:
    """The status and what the message adds to it (when it was filed, how late, why not
    applicable): the message without its subject, led by the status word."""
    status = str(finding.data["status"])
    word = status_word(status)
    said = finding.message.removeprefix(subject_said(finding.shown_subject, ""))
    if said.startswith(word) or said.lower().replace(" ", "-").startswith(status):
        return said
    # TRANSLATORS: a deadline's status, then what its message adds ("unconfirmed: was due by …").
    return _("{status}: {said}").format(status=word, said=said)
