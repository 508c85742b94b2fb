"""The licence as a person reads it (the text layout of `show`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from licencecheck.models import Attribution, Licence, Website
from licencecheck.render.console import render_to_string, verdict_text
from licencecheck.report import Finding, Report

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table


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

    renderables: list[RenderableType] = [
        Text(f"增值电信业务经营许可证 {licence.number}", style="bold"),
        _header(licence, status),
        _grants(licence),
        _websites(licence),
        _provisions(licence, full=full),
        _obligations(licence),
    ]
    return render_to_string(*renderables)


def _header(licence: Licence, status: Finding) -> Table:
    from rich.table import Table
    from rich.text import Text

    parts = licence.number_parts
    header = Table.grid(padding=(0, 2))
    header.add_column(style="bold", no_wrap=True)
    header.add_column(overflow="fold")
    encoded = [f"categories {', '.join(f'{c} ({parts.category_names[c]})' for c in parts.categories)}"]
    if parts.province_abbreviation:
        encoded.insert(0, f"province {parts.province_abbreviation} = {parts.province}")
    encoded += [f"year {parts.year}", f"serial {parts.serial}"]
    header.add_row("licence number", f"{licence.number}  (read from the number, not printed: {'; '.join(encoded)})")
    header.add_row("holder", licence.holder)
    header.add_row("legal representative", licence.legal_representative)
    header.add_row("issuing authority", attribution(licence.issuing_authority))
    header.add_row("issued on", str(licence.validity.issued_on))
    start = licence.validity.valid_from
    if start is not None:
        how = "as printed" if start.as_printed else f"inferred, not printed: {start.inferred_from}"
        header.add_row("valid from", f"{start.date} ({how})")
    header.add_row("valid until", str(licence.validity.valid_until))
    status_line = Text()
    status_line.append_text(verdict_text(status.verdict))  # type: ignore[arg-type]
    status_line.append(f" {status.message}")
    header.add_row("status", status_line)
    return header


def _grants(licence: Licence) -> Table:
    from rich.table import Table

    grants = Table(title="Grants (业务种类及覆盖范围)", show_lines=True)
    for column in ("code", "service", "limited to (仅限)", "excluding (不含)", "conditions", "area", "clause"):
        grants.add_column(column, overflow="fold")
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


def _websites(licence: Licence) -> Table:
    from rich.table import Table

    websites = Table(title="Websites (附页)")
    for column in ("name", "domain", "grants", "server location", "access provider"):
        websites.add_column(column, overflow="fold")
    codes: dict[str, list[str]] = {}
    sites: dict[str, Website] = {}
    for grant in licence.grants:
        for site in grant.websites:
            codes.setdefault(site.domain, []).append(grant.code)
            sites.setdefault(site.domain, site)
    for domain, site in sites.items():
        websites.add_row(site.name, domain, ", ".join(codes[domain]), site.server_location, site.access_provider)
    return websites


def _provisions(licence: Licence, *, full: bool) -> Table:
    from rich.table import Table

    provisions = Table(
        title="Special provisions (特别规定事项); titles are our labels, not the licence's words", show_lines=full
    )
    provisions.add_column("clause", no_wrap=True)
    provisions.add_column("our title" if not full else "our title, then the licence's text", overflow="fold")
    for provision in licence.provisions:
        provisions.add_row(provision.clause, provision.title if not full else f"{provision.title}\n{provision.text}")
    return provisions


def _obligations(licence: Licence) -> Table:
    from rich.table import Table

    obligations = Table(title="Obligations with rules")
    for column in ("id", "clause", "rule", "action"):
        obligations.add_column(column, overflow="fold")
    for obligation in licence.obligations:
        rule = obligation.rule
        description = getattr(rule, "description", None) or f"show {', '.join(rule.must_show)}"  # type: ignore[union-attr]
        obligations.add_row(obligation.id, obligation.citation, description, obligation.action)
    return obligations
