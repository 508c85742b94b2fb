"""The licence as a person reads it (the text layout of `show`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from licencecheck.models import Attribution, Licence, Website
from licencecheck.render.console import render_to_string, verdict_text
from licencecheck.render.fit import Column, Sheet, hanging, wrap
from licencecheck.render.terminal import text_width
from licencecheck.report import Finding, Report

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text


def attribution(value: Attribution) -> str:
    if value.as_printed:
        return value.as_printed
    if value.inferred:
        return f"{value.inferred} (inferred, not printed: {value.inferred_from})"
    return f"not printed ({value.note})"


def render_licence_report(report: Report) -> str:
    """`report.context` holds the licences and `full`; the findings are their states on the day,
    in the same order. A portfolio's licences follow one another."""
    licences: tuple[Licence, ...] = report.context["licences"]
    full = bool(report.context.get("full"))
    return "\n".join(
        render_licence(licence, status, full=full) for licence, status in zip(licences, report.findings, strict=True)
    )


def render_licence(licence: Licence, status: Finding, *, full: bool) -> str:
    from rich.text import Text

    width = text_width()
    renderables: list[RenderableType] = [
        *wrap(Text(f"增值电信业务经营许可证 {licence.number}", style="bold"), width),
        *_header(licence, status, width),
    ]
    for sheet in (_grants(licence), _websites(licence), _provisions(licence, full=full), _obligations(licence)):
        renderables += [Text(), *sheet.renderables(width)]
    return render_to_string(*renderables, width=width, soft_wrap=True)


LABEL = 22
"""The width of the header's labels (legal representative, issuing authority, …)."""


def _header(licence: Licence, status: Finding, width: int) -> list[Text]:
    """The licence's facts, a label and a value a line (the value wrapped beside its label)."""
    from rich.text import Text

    parts = licence.number_parts
    encoded = [f"categories {', '.join(f'{c} ({parts.category_names[c]})' for c in parts.categories)}"]
    if parts.province_abbreviation:
        encoded.insert(0, f"province {parts.province_abbreviation} = {parts.province}")
    encoded += [f"year {parts.year}", f"serial {parts.serial}"]
    rows: list[tuple[str, str | Text]] = [
        ("licence number", f"{licence.number}  (read from the number, not printed: {'; '.join(encoded)})"),
        ("holder", licence.holder),
        ("legal representative", licence.legal_representative),
        ("issuing authority", attribution(licence.issuing_authority)),
        ("issued on", str(licence.validity.issued_on)),
    ]
    start = licence.validity.valid_from
    if start is not None:
        how = "as printed" if start.as_printed else f"inferred, not printed: {start.inferred_from}"
        rows.append(("valid from", f"{start.date} ({how})"))
    rows.append(("valid until", str(licence.validity.valid_until)))
    rows.append(("status", Text.assemble(verdict_text(status.verdict), f" {status.message}")))
    lines: list[Text] = []
    for label, value in rows:
        lines += hanging(Text(label.ljust(LABEL), style="bold"), value, width, LABEL)
    return lines


def _grants(licence: Licence) -> Sheet:
    columns = ("code", "service", "limited to (仅限)", "excluding (不含)", "conditions", "area", "clause")
    grants = Sheet(
        [Column(name, role="head" if name in {"code", "service"} else "field") for name in columns],
        title="Grants (业务种类及覆盖范围)",
        show_lines=True,
    )
    for grant in licence.grants:
        grants.add_row(
            grant.code,
            grant.name,
            "、".join(grant.limited_to) or "-",
            "、".join(grant.excluding) or "-",
            "\n".join(grant.conditions) or "-",
            attribution(grant.coverage_area),
            f"{grant.source}; 特别规定事项 {'、'.join(grant.provisions)}",
        )
    return grants


def _websites(licence: Licence) -> Sheet:
    columns = ("name", "domain", "grants", "server location", "access provider")
    websites = Sheet(
        [Column(name, role="head" if name in {"name", "domain"} else "field") for name in columns],
        title="Websites (附页)",
    )
    codes: dict[str, list[str]] = {}
    sites: dict[str, Website] = {}
    for grant in licence.grants:
        for site in grant.websites:
            codes.setdefault(site.domain, []).append(grant.code)
            sites.setdefault(site.domain, site)
    for domain, site in sites.items():
        websites.add_row(site.name, domain, ", ".join(codes[domain]), site.server_location, site.access_provider)
    return websites


def _provisions(licence: Licence, *, full: bool) -> Sheet:
    provisions = Sheet(
        [
            Column("clause", role="head"),
            Column("our title" if not full else "our title, then the licence's text", role="text", floor=20),
        ],
        title="Special provisions (特别规定事项); titles are our labels, not the licence's words",
        show_lines=full,
    )
    for provision in licence.provisions:
        provisions.add_row(provision.clause, provision.title if not full else f"{provision.title}\n{provision.text}")
    return provisions


def _obligations(licence: Licence) -> Sheet:
    obligations = Sheet(
        [Column("id", role="head"), Column("clause"), Column("rule"), Column("action", floor=20)],
        title="Obligations with rules",
    )
    for obligation in licence.obligations:
        rule = obligation.rule
        description = getattr(rule, "description", None) or f"show {', '.join(rule.must_show)}"  # type: ignore[union-attr]
        obligations.add_row(obligation.id, obligation.citation, description, obligation.action)
    return obligations
