"""A Markdown summary for GitHub Actions' job page ($GITHUB_STEP_SUMMARY): the outcome, the
counts, and every finding that did not pass, with its clause. Text from pages and manifests is
escaped, so that a hostile file name cannot inject markup."""

from __future__ import annotations

import html

from licencecheck.report import Report, Verdict, counts_as_failure
from licencecheck.safetext import printable

_MARK = {Verdict.PASS: "✅ pass", Verdict.WARN: "⚠️ warn", Verdict.FAIL: "❌ fail", Verdict.ERROR: "⛔ error"}


def _cell(text: str) -> str:
    escaped = html.escape(printable(text), quote=False).replace("|", "\\|")
    return escaped.replace("\r", "").replace("\n", "<br>")


def render_step_summary(report: Report) -> str:
    counts = report.counts()
    outcome = "passed" if report.ok else "failed"
    title = f"### licencecheck {report.command}: {outcome} ({_cell(report.licence_number)})"
    tally = (
        f"{counts['pass']} passed, {counts['warn']} warned, {counts['fail']} failed, "
        f"{counts['error']} could not be checked" + (" (strict: warnings fail)" if report.strict else "")
    )
    lines = [title, "", tally, ""]
    shown = [f for f in report.findings if f.verdict is not Verdict.PASS]
    if shown:
        lines += ["| verdict | subject | finding | clause |", "| --- | --- | --- | --- |"]
        for finding in shown:
            mark = _MARK[finding.verdict] + (
                " (fails: strict)"
                if counts_as_failure(finding.verdict, report.strict) and finding.verdict is Verdict.WARN
                else ""
            )
            lines.append(f"| {mark} | {_cell(finding.subject)} | {_cell(finding.message)} | {_cell(finding.clause)} |")
        lines.append("")
    lines += [f"> note: {_cell(note)}" for note in report.notes]
    return "\n".join(lines).rstrip("\n") + "\n\n"
