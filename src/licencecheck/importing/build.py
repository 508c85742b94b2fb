"""The licence as data, in the key order of the licence files, from what was read: facts,
grants (with their coverage, websites and own provisions), provisions and obligations. Where a
fact is missing the value is a `Gap`; where one was concluded, it is marked `inferred`."""

from __future__ import annotations

from datetime import date
from typing import Any

from licencecheck.catalogue import Catalogue
from licencecheck.i18n import N_, _, day, quote
from licencecheck.importing.emit import Folded, fold_long
from licencecheck.importing.facts import Facts, Number
from licencecheck.importing.grants import SOURCE as GRANT_SOURCE
from licencecheck.importing.grants import Coverage, ParsedGrant, service_terms
from licencecheck.importing.parsed import Gap, Inference, Maybe, Notes
from licencecheck.importing.recognise import FoundObligation, Recognised
from licencecheck.importing.websites import WebsiteBlock

NUMBER_SOURCE = "正文 经营许可证编号"
VALIDITY_SOURCE = "正文 发证日期、有效期限"
BLANK_SEAL = N_("The seal is blank in the text; no authority name can be read.")
NO_AUTHORITY = N_("The text names no issuing authority (发证机关).")


def number_parts(number: Number, catalogue: Catalogue, notes: Notes) -> dict[str, Any]:
    province: Maybe[str] | None = number.region.name if number.region else None
    if number.abbreviation and number.region is None:
        said = _("{abbreviation} in {number} abbreviates no province")
        province = notes.gap(said.format(abbreviation=quote(number.abbreviation), number=number.text), number.line)
    parts: dict[str, Any] = {
        "province_abbreviation": number.abbreviation,
        "province": province,
        "categories": number.categories,
        "category_names": {code: catalogue.by_id[code].name for code in number.categories if code in catalogue.by_id},
        "year": number.year,
        "serial": number.serial,
    }
    if number.foreign:
        parts["foreign_invested"] = True
    parts["source"] = NUMBER_SOURCE
    return parts


def authority(facts: Facts) -> dict[str, Any]:
    found = facts.authority
    data: dict[str, Any] = {"as_printed": found.printed}
    if found.label:
        data["printed_label"] = found.label
    if found.inferred is not None:
        if not isinstance(found.inferred, Gap):
            data["note"] = _(BLANK_SEAL if found.label else NO_AUTHORITY)
        data["inferred"] = found.inferred
        data["inferred_from"] = fold_long(found.reason or "")
    return data


def validity(facts: Facts, number: Number, notes: Notes) -> dict[str, Any]:
    """The printed dates; and the start of the term, inferred when this certificate was issued
    after the year the number was first granted (a re-issue keeps the original term)."""
    data: dict[str, Any] = {"issued_on": facts.issued_on}
    start, issued, until = _term_start(facts, number), facts.issued_on, facts.valid_until
    if start is not None and isinstance(issued, date) and isinstance(until, date):
        from licencecheck.rulebook import load_rulebook

        term = load_rulebook().licence_term
        reason = _(
            "The certificate prints 发证日期 {issued} and 有效期限 {until}. A value-added licence runs {years} years "
            "({basis}), so the term ending {until} began {start}, and the number's year ({year}) says the licence "
            "was first granted then: this certificate is a re-issue, which keeps the original term."
        ).format(
            issued=day(issued),
            until=day(until),
            years=term.years,
            basis=term.basis.cite(),
            start=day(start),
            year=number.year,
        )
        notes.inferences.append(Inference(_("start of validity"), day(start), reason))
        data["valid_from"] = {"date": start, "as_printed": False, "inferred_from": fold_long(reason)}
    return {**data, "valid_until": facts.valid_until, "source": VALIDITY_SOURCE}


def _term_start(facts: Facts, number: Number) -> date | None:
    """valid_until minus the licence term, when that falls in the number's year and before the issue date."""
    from licencecheck.rulebook import load_rulebook

    issued, until = facts.issued_on, facts.valid_until
    if number.disputed or not isinstance(issued, date) or not isinstance(until, date) or issued.year <= number.year:
        return None
    years = load_rulebook().licence_term.years
    start = until.replace(year=until.year - years) if (until.month, until.day) != (2, 29) else None
    return start if start is not None and start.year == number.year and start < issued else None


def coverage_area(grant: ParsedGrant, number: Number, notes: Notes) -> Maybe[dict[str, Any]]:
    """As printed; for a provincial licence that prints none, its province (inferred); for a
    cross-regional one that prints none, a gap."""
    if isinstance(grant.coverage, Coverage):
        label = {"printed_label": grant.coverage.label} if grant.coverage.label else {}
        return {"as_printed": grant.coverage.printed, **label, "regions": grant.coverage.regions}
    if isinstance(grant.coverage, Gap):
        return grant.coverage
    if number.disputed:
        said = _("grant {name} has no 业务覆盖范围, and the licence number is in doubt")
        return notes.gap(said.format(name=grant.name), grant.line)
    if number.abbreviation is None:
        return notes.gap(_("cross-regional grant {name} has no 业务覆盖范围").format(name=grant.name), grant.line)
    if number.region is None:
        said = _("grant {name} has no 业务覆盖范围 and the number names no known province")
        return notes.gap(said.format(name=grant.name), grant.line)
    province = number.region.name
    reason = _("The licence prints no area; a {abbreviation}-prefixed provincial licence covers {province}.").format(
        abbreviation=number.abbreviation, province=province
    )
    notes.inferences.append(Inference(_("coverage of {grant}").format(grant=grant.name), province, reason))
    return {"as_printed": None, "inferred": province, "inferred_from": reason, "regions": [province]}


def grant_data(
    grant: ParsedGrant, number: Number, clauses: list[str], websites: list[Any], notes: Notes
) -> dict[str, Any]:
    return {
        "code": grant.code,
        "name": grant.name,
        "limited_to": grant.limited_to,
        "excluding": grant.excluding,
        "coverage_area": coverage_area(grant, number, notes),
        "conditions": grant.conditions,
        "wording": fold_long(grant.wording or grant.name),
        "source": GRANT_SOURCE,
        "provisions": clauses,
        "websites": websites,
    }


def website_lists(
    grants: list[ParsedGrant], blocks: list[WebsiteBlock], catalogue: Catalogue, notes: Notes
) -> list[list[Any]]:
    """Each grant's websites, from the 附页 block whose heading names its service."""
    lists: list[list[Any]] = [[] for _ in grants]
    codes = [grant.code for grant in grants]
    for block in blocks:
        code = service_code(block.grant, catalogue) if block.grant else None
        if block.grant is None and len(grants) == 1:
            code = codes[0] if isinstance(codes[0], str) else None
        if code not in codes or not lists:
            if block.grant:
                said = _(
                    "the 附页 lists websites under {grant}, which is no grant read from the 正文; "
                    "move them to their grant"
                ).format(grant=quote(block.grant))
            else:
                said = _("the 附页 lists websites under no grant; move them to their grant")
            gap = notes.gap(said, block.line)
            (lists[0] if lists else []).append(gap)
            continue
        source = f"附页 {block.grant}相关信息" if block.grant else "附页"
        lists[codes.index(code)] += [{**vars(site), "source": source} for site in block.websites]
    return lists


def service_code(text: str, catalogue: Catalogue) -> str | None:
    """The catalogue code of the service a phrase names (the longest name found in it)."""
    return next((entry_id for term, entry_id in service_terms(catalogue) if term in text), None)


def provision_data(
    clause: str, parent: str | None, text: str, found: Recognised, grant: str | None, notes: Notes, line: int
) -> dict[str, Any]:
    data: dict[str, Any] = {"clause": clause}
    if parent is not None:
        data["parent"] = parent
    data["title"] = found.title
    if grant is not None:
        data["applies_to_grant"] = grant
    if found.service is not None:
        data["applies_to_service"] = found.service
    if found.requires_approval is not None:
        data["requires_approval"] = [found.requires_approval]
    if found.governs_prior_approval:
        data["governs_prior_approval"] = True
    data["text"] = (
        Folded(text) if text else notes.gap(_("special provision {clause} has no text").format(clause=clause), line)
    )
    return data


def obligation_data(found: FoundObligation) -> dict[str, Any]:
    return {"id": found.id, "clauses": found.clauses, "action": found.action, "rule": found.rule}
