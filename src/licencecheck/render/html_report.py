"""`--format html`: one self-contained, printable report (inline CSS, the timeline as inline SVG,
evidence screenshots as data URIs; nothing fetched from the network), from a Jinja2 template
with autoescaping, so that text from a page, a manifest or a licence is never markup."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from licencecheck.i18n import N_, _, day, language, listing, ngettext
from licencecheck.render.console import outcome_word, tally
from licencecheck.report import Finding, Report, Verdict

if TYPE_CHECKING:
    from licencecheck.models import Licence

_MARKS = {
    Verdict.PASS: ("✔", N_("pass")),
    Verdict.WARN: ("!", N_("warn")),
    Verdict.FAIL: ("✘", N_("fail")),
    Verdict.ERROR: ("?", N_("could not be checked")),
}
"""Each verdict's mark and its word (translated where shown)."""
HTML_LANG = {"en": "en", "zh": "zh-CN"}


@dataclass
class _Quote:
    label: str
    text: str


@dataclass
class _Row:
    verdict: str
    symbol: str
    label: str
    subject: str
    message: str
    clause: str
    licence: str | None
    location: str | None
    quotes: list[_Quote] = field(default_factory=list)


def render_html(report: Report) -> str:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    environment = Environment(
        loader=PackageLoader("licencecheck.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_printable,
        extensions=["jinja2.ext.i18n"],
    )
    environment.install_gettext_callables(gettext=_, ngettext=ngettext, newstyle=True)  # type: ignore[attr-defined]
    return environment.get_template("report.html.j2").render(**_view(report))


def _printable(value: Any) -> Any:
    """Every value shown, with control characters written as \\xNN (markup we made is kept)."""
    from markupsafe import Markup

    from licencecheck.safetext import printable

    return printable(value) if isinstance(value, str) and not isinstance(value, Markup) else value


def _view(report: Report) -> dict[str, Any]:
    from importlib.resources import files

    from markupsafe import Markup

    from licencecheck import __version__

    licences = _licences(report)
    licence = listing(report.licences) if report.licences else report.licence_number
    title = _("licencecheck {command} for {licence}").format(command=report.command, licence=licence)
    return {
        "lang": HTML_LANG[language()],
        "version": __version__,
        "command": report.command,
        "title": report.title or title,
        "ok": report.ok,
        "outcome": outcome_word(report.ok),
        "tally": tally(report.counts(), strict=report.strict),
        "licences": [_licence_facts(licence) for licence in licences]
        or [{"number": report.licence_number, "holder": None, "valid_until": None}],
        "several": len(report.licences) > 1,
        "day": day(report.on) if report.on else None,
        "generated": _generated(report),
        "manifest": report.extra.get("manifest"),
        "timeline": _timeline(report),
        "findings": [_row(finding, licences) for finding in report.findings],
        "notes": report.notes,
        "evidence": _evidence(report),
        "css": Markup(files("licencecheck.render").joinpath("templates/report.css").read_text(encoding="utf-8")),
    }


def _licences(report: Report) -> tuple[Licence, ...]:
    found: tuple[Licence, ...] = tuple(report.context.get("licences", ()))
    return found


def _licence_facts(licence: Licence) -> dict[str, Any]:
    from markupsafe import Markup

    until = Markup('<span class="token">{}</span>').format(day(licence.validity.valid_until))
    # TRANSLATORS: after the licence number and holder in the HTML report's header.
    valid_until = Markup(_("valid until {day}")).format(day=until)
    return {"number": licence.number, "holder": licence.holder, "valid_until": valid_until}


def _generated(report: Report) -> str | None:
    """When the report was made: its day as people read it, and the time in UTC."""
    if report.started_at is None:
        return None
    return f"{day(report.started_at.date())} {report.started_at.strftime('%H:%M')} UTC"


def _row(finding: Finding, licences: tuple[Licence, ...]) -> _Row:
    symbol, label = _MARKS[finding.verdict][0], _(_MARKS[finding.verdict][1])
    location = finding.data.get("location")
    where = f"{location['file']}:{location['line']}" if isinstance(location, dict) else None
    row = _Row(
        finding.verdict.value,
        symbol,
        label,
        finding.shown_subject,
        finding.message,
        finding.clause,
        finding.licence,
        where,
    )
    licence = next((lic for lic in licences if lic.number == finding.licence), licences[0] if licences else None)
    row.quotes = _quotes(finding.clause, licence) if licence is not None else []
    return row


def _quotes(clause: str, licence: Licence) -> list[_Quote]:
    """The licence's own words for each provision a clause names (`十六(四)`, `二、十五(三)`)."""
    from licencecheck.models import provision_label

    quotes = []
    for label in dict.fromkeys(part.strip() for part in clause.replace("; ", "、").replace("；", "、").split("、")):
        try:
            provision = licence.provision(label)
        except KeyError:
            continue
        quotes.append(_Quote(provision_label(label), provision.text))
    return quotes


def _timeline(report: Report) -> Any:
    """The timeline chart, inline: of the report itself (deadlines), else of the licences' dates
    the command offers (`context["timeline"]`, computed only now); None if it cannot be drawn."""
    from markupsafe import Markup

    from licencecheck.errors import LicenceCheckError
    from licencecheck.render.timeline_chart import timeline_svg

    source = report if report.command in {"deadlines", "timeline"} else report.context.get("timeline")
    if source is None:
        return None
    try:
        chart = timeline_svg(source if isinstance(source, Report) else source(), standalone=False)
    except LicenceCheckError as exc:
        report.notes.append(_("the timeline is not drawn: {error}").format(error=exc))
        return None
    return Markup(chart)  # our own SVG, every text in it escaped when drawn


def _evidence(report: Report) -> list[dict[str, Any]]:
    """Each rendered page's screenshot (as a data URI) and the verdicts on it."""
    files = {str(path): content for path, content in report.context.get("files", ())}
    pages: dict[str, dict[str, Any]] = {}
    for finding in report.findings:
        evidence = finding.data.get("evidence")
        if not isinstance(evidence, dict):
            continue
        text_file = evidence.get("text")
        page = pages.setdefault(
            finding.subject,
            {
                "page": finding.subject,
                "verdicts": [],
                "image": None,
                "text_file": _rendered_text(str(text_file)) if text_file else None,
                # TRANSLATORS: the alternative text of a page's screenshot in the HTML report.
                "alt": _("Screenshot of {page} as rendered, with the licence number outlined").format(
                    page=finding.subject
                ),
            },
        )
        verdict = _(_MARKS[finding.verdict][1])
        # TRANSLATORS: a check and its verdict on a rendered page ("pages: fail").
        page["verdicts"].append(_("{check}: {verdict}").format(check=finding.check, verdict=verdict))
        shot = files.get(str(evidence.get("screenshot")))
        if isinstance(shot, bytes):
            page["image"] = "data:image/png;base64," + base64.b64encode(shot).decode("ascii")
    for page in pages.values():
        page["verdicts"] = listing(page["verdicts"])
    return list(pages.values())


def _rendered_text(path: str) -> Any:
    """`rendered text: <file>`, the file as a token (kept on one line)."""
    from markupsafe import Markup

    from licencecheck.safetext import printable

    token = Markup('<span class="token">{}</span>').format(printable(path))
    # TRANSLATORS: in the HTML report, the file that holds the text of a page as rendered.
    return Markup(_("rendered text: {file}")).format(file=token)
