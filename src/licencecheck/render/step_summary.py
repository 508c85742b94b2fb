"""A Markdown summary for GitHub Actions' job page ($GITHUB_STEP_SUMMARY): the outcome, the
counts, and every finding that did not pass, with its clause. Text from pages and manifests is
escaped, so that a hostile file name cannot inject markup."""

from __future__ import annotations

import html

from licencecheck.i18n import N_, _, aside
from licencecheck.render.console import tally
from licencecheck.report import Report, Verdict, counts_as_failure
from licencecheck.safetext import printable

_MARK = {Verdict.PASS: "✅", Verdict.WARN: "⚠️", Verdict.FAIL: "❌", Verdict.ERROR: "⛔"}
_WORD = {Verdict.PASS: N_("pass"), Verdict.WARN: N_("warn"), Verdict.FAIL: N_("fail"), Verdict.ERROR: N_("error")}
"""The verdicts in lower case, as the step summary and the HTML report say them."""
_HEADERS = (N_("verdict"), N_("subject"), N_("finding"), N_("clause"))


def _cell(text: str) -> str:
    escaped = html.escape(printable(text), quote=False).replace("|", "\\|")
    return escaped.replace("\r", "").replace("\n", "<br>")


def render_step_summary(report: Report) -> str:
    command, licence = report.command, _cell(report.licence_number)
    if report.ok:
        title = _("licencecheck {command}: passed ({licence})").format(command=command, licence=licence)
    else:
        title = _("licencecheck {command}: failed ({licence})").format(command=command, licence=licence)
    lines = [f"### {title}", "", tally(report.counts(), strict=report.strict, errors=True), ""]
    shown = [f for f in report.findings if f.verdict is not Verdict.PASS]
    if shown:
        lines += ["| " + " | ".join(_(header) for header in _HEADERS) + " |", "| --- | --- | --- | --- |"]
        for finding in shown:
            mark = f"{_MARK[finding.verdict]} {_(_WORD[finding.verdict])}"
            if counts_as_failure(finding.verdict, report.strict) and finding.verdict is Verdict.WARN:
                # TRANSLATORS: after "warn" in the step summary: this warning fails the run (--strict).
                mark += aside(_("fails: strict"))
            lines.append(
                f"| {mark} | {_cell(finding.shown_subject)} | {_cell(finding.message)} | {_cell(finding.clause)} |"
            )
        lines.append("")
    lines += ["> " + _("note: {note}").format(note=_cell(note)) for note in report.notes]
    return "\n".join(lines).rstrip("\n") + "\n\n"
