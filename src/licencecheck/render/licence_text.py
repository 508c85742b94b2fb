"""The licence as a person reads it (the text layout of `show`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from licencecheck.i18n import N_, _, aside, day, join, listing, pgettext
from licencecheck.models import Attribution, Licence, Website, provision_label, said
from licencecheck.render.console import render_to_string, verdict_text
from licencecheck.render.fit import Column, Sheet, cells, hanging, wrap
from licencecheck.render.terminal import text_width
from licencecheck.report import Finding, Report

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text


def attribution(value: Attribution) -> str:
    if value.as_printed:
        return value.as_printed
    if value.inferred:
        return value.inferred + aside(_inferred(said(value.inferred_from)))
    # TRANSLATORS: a fact the licence does not print, and why it is missing.
    return _("not printed ({note})").format(note=said(value.note))


def _inferred(reason: str) -> str:
    # TRANSLATORS: said of a fact worked out from others, e.g. the coverage area from the number.
    return _("inferred, not printed: {reason}").format(reason=reason)


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


LABEL_GAP = 2
"""Cells between the widest of the header's labels and the values beside them."""


def _number_parts(licence: Licence) -> str:
    """What the licence number itself says: province, categories, year, serial."""
    parts = licence.number_parts
    categories = listing(f"{code}{aside(parts.category_names[code])}" for code in parts.categories)
    encoded = [_("categories {categories}").format(categories=categories)]
    if parts.province_abbreviation:
        province = _("province {abbreviation} = {province}")
        encoded.insert(0, province.format(abbreviation=parts.province_abbreviation, province=parts.province))
    encoded += [_("year {year}").format(year=parts.year), _("serial {serial}").format(serial=parts.serial)]
    # TRANSLATORS: the licence number, then what its letters and digits say (not printed as such).
    return _("{number}  (read from the number, not printed: {parts})").format(
        number=licence.number, parts=join(encoded)
    )


def _header(licence: Licence, status: Finding, width: int) -> list[Text]:
    """The licence's facts, a label and a value a line (the value wrapped beside its label)."""
    from rich.text import Text

    rows: list[tuple[str, str | Text]] = [
        (_("licence number"), _number_parts(licence)),
        (_("holder"), licence.holder),
        (_("legal representative"), licence.legal_representative),
        (_("issuing authority"), attribution(licence.issuing_authority)),
        (_("issued on"), day(licence.validity.issued_on)),
    ]
    start = licence.validity.valid_from
    if start is not None:
        how = _("as printed") if start.as_printed else _inferred(said(start.inferred_from))
        rows.append((_("valid from"), day(start.date) + aside(how)))
    rows.append((_("valid until"), day(licence.validity.valid_until)))
    rows.append((_("status"), Text.assemble(verdict_text(status.verdict), f" {status.message}")))
    indent = max(cells(label) for label, _value in rows) + LABEL_GAP
    lines: list[Text] = []
    for label, value in rows:
        lines += hanging(Text(label + " " * (indent - cells(label)), style="bold"), value, width, indent)
    return lines


def _grants(licence: Licence) -> Sheet:
    grants = Sheet(
        [
            Column(N_("code"), role="head"),
            Column(N_("service"), role="head"),
            Column(N_("limited to (仅限)")),
            Column(N_("excluding (不含)")),
            Column(N_("conditions")),
            Column(N_("area")),
            Column(N_("clause")),
        ],
        title=_("Grants (业务种类及覆盖范围)"),
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
            join([grant.source, provision_label("、".join(grant.provisions))]),
        )
    return grants


def _websites(licence: Licence) -> Sheet:
    websites = Sheet(
        [
            Column(N_("name"), role="head"),
            Column(N_("domain"), role="head"),
            Column(N_("grants")),
            Column(N_("server location")),
            Column(N_("access provider")),
        ],
        title=_("Websites (附页)"),
    )
    codes: dict[str, list[str]] = {}
    sites: dict[str, Website] = {}
    for grant in licence.grants:
        for site in grant.websites:
            codes.setdefault(site.domain, []).append(grant.code)
            sites.setdefault(site.domain, site)
    for domain, site in sites.items():
        websites.add_row(site.name, domain, listing(codes[domain]), site.server_location, site.access_provider)
    return websites


def _provisions(licence: Licence, *, full: bool) -> Sheet:
    provisions = Sheet(
        [
            Column(N_("clause"), role="head"),
            Column(N_("our title") if not full else N_("our title, then the licence's text"), role="text", floor=20),
        ],
        title=_("Special provisions (特别规定事项); titles are our labels, not the licence's words"),
        show_lines=full,
    )
    for provision in licence.provisions:
        provisions.add_row(provision.clause, provision.title if not full else f"{provision.title}\n{provision.text}")
    return provisions


def _obligations(licence: Licence) -> Sheet:
    obligations = Sheet(
        [Column(N_("id"), role="head"), Column(N_("clause")), Column(N_("rule")), Column(N_("action"), floor=20)],
        title=_("Obligations with rules"),
    )
    for obligation in licence.obligations:
        rule = obligation.rule
        description = getattr(rule, "description", None) or _show(rule.must_show)  # type: ignore[union-attr]
        obligations.add_row(obligation.id, obligation.citation, description, obligation.action)
    return obligations


def _show(items: Iterable[str]) -> str:
    # TRANSLATORS: a display rule: what a page must show, as ids (company-name, licence-number).
    return _("show {items}").format(items=listing(pgettext("page item", item) for item in items))
