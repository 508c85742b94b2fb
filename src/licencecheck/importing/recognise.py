"""Apply the templates (`templates.ProvisionTemplates`) to the provisions read: each
provision's title and flags, and the obligations with their clauses, actions and rules."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from licencecheck.i18n import _, listing, quote
from licencecheck.importing.numerals import parse_period
from licencecheck.importing.parsed import Maybe, Notes
from licencecheck.importing.templates import (
    DISCLOSURE_KINDS,
    PERIOD_KINDS,
    ObligationTemplate,
    ProvisionTemplates,
    RuleTemplate,
    fill,
)

_TITLE_LIMIT = 16
_TITLE_CUT = re.compile(r"[，。；：]")
_TITLE_LEAD = re.compile(r"^(?:（适用于[^）]*）)?(?:你公司)?(?:应当|应)?")


@dataclass
class Recognised:
    """What the wording of one provision says, before names are resolved against the catalogue."""

    title: str
    matched: bool
    business: str | None = None
    service: str | None = None
    requires_approval: str | None = None
    governs_prior_approval: bool = False
    carries: list[str] = field(default_factory=list)
    """Obligations the provision's wording says it carries (checked against those found)."""


@dataclass
class FoundObligation:
    id: str
    clauses: list[str] = field(default_factory=list)
    action: Maybe[str] = ""
    rule: Maybe[dict[str, Any]] = field(default_factory=dict)
    line: int = 0


def recognise(text: str, templates: ProvisionTemplates) -> Recognised:
    found = Recognised(derived_title(text), matched=False)
    for pattern in templates.service_scopes:
        scope = templates.search(pattern, text)
        if scope:
            found.service = scope["service"]
            break
    for template in templates.provisions:
        match = templates.search(template.wording, text)
        if match is None:
            continue
        found.title, found.matched = fill(template.title, match), True
        found.governs_prior_approval = template.governs_prior_approval
        found.carries = list(template.carries)
        if template.applies_to_grant:
            found.business = match[template.applies_to_grant]
        if template.requires_approval:
            found.requires_approval = match[template.requires_approval]
        break
    return found


def add_missed(
    obligations: list[FoundObligation],
    provisions: list[tuple[str, int, Recognised]],
    templates: ProvisionTemplates,
    notes: Notes,
) -> list[FoundObligation]:
    """Every obligation a provision's wording says it carries (its title template's `carries`)
    but whose rule no obligation template read there: the clause joins the obligation and the
    rule (for a new obligation, the action too) is a gap, so that a person writes it instead of
    the duty being lost. `provisions` are (clause, line, what was recognised), in licence order."""
    by_id = {obligation.id: obligation for obligation in obligations}
    order = [clause for clause, *_rest in provisions]
    for clause, line, facts in provisions:
        for obligation_id in facts.carries:
            found = by_id.get(obligation_id)
            if found is not None and clause in found.clauses:
                continue
            said = _(
                "clause {clause} ({title}) carries {obligation}, but no obligation template reads its rule in the "
                "wording; write it by hand"
            )
            gap = notes.gap(said.format(clause=clause, title=facts.title, obligation=obligation_id), line)
            if found is None:
                by_id[obligation_id] = FoundObligation(obligation_id, [clause], gap, gap, line)
            else:
                found.clauses = sorted([*found.clauses, clause], key=order.index)
                found.rule = gap
    ids = list(dict.fromkeys(template.id for template in templates.obligations))
    return sorted(by_id.values(), key=lambda obligation: ids.index(obligation.id))


def derived_title(text: str) -> str:
    """A title from the text itself, for a provision no template knows: its first phrase."""
    body = _TITLE_LEAD.sub("", text)
    phrase = _TITLE_CUT.split(body, maxsplit=1)[0] or body or text
    return phrase if len(phrase) <= _TITLE_LIMIT else phrase[: _TITLE_LIMIT - 1] + "…"


def find_obligations(
    provisions: list[tuple[str, str, int]], templates: ProvisionTemplates, notes: Notes
) -> list[FoundObligation]:
    """One obligation per id, in the template file's order, listing (in the licence's order)
    every clause whose wording carries it; `provisions` are (clause, text, line)."""
    found: dict[str, FoundObligation] = {}
    claimed: dict[str, dict[str, tuple[int, str, Maybe[dict[str, Any]], int]]] = {}
    for template in templates.obligations:
        found.setdefault(template.id, FoundObligation(template.id))
        clauses = claimed.setdefault(template.id, {})
        for index, (clause, text, line) in enumerate(provisions):
            match = templates.search(template.wording, text)
            if clause in clauses or match is None:
                continue
            action = templates.in_own_words(fill(template.action, match))
            clauses[clause] = (index, action, build_rule(template, match, templates, notes, line), line)
    return [_merge(found[key], claimed[key], notes) for key in found if claimed[key]]


def _merge(
    obligation: FoundObligation, clauses: dict[str, tuple[int, str, Maybe[dict[str, Any]], int]], notes: Notes
) -> FoundObligation:
    ordered = sorted(clauses.items(), key=lambda item: item[1][0])
    obligation.clauses = [clause for clause, _ in ordered]
    _first, obligation.action, obligation.rule, obligation.line = ordered[0][1]
    for clause, (_index, action, rule, line) in ordered[1:]:
        if rule != obligation.rule:
            said = _("obligation {obligation}: clauses {clauses} word its rule differently; write the rule")
            obligation.rule = notes.gap(
                said.format(obligation=obligation.id, clauses=listing(obligation.clauses)), line
            )
        elif action != obligation.action:
            said = _("obligation {obligation}: {clause} words the action differently; kept the first")
            notes.remarks.append(said.format(obligation=obligation.id, clause=clause))
    return obligation


def build_rule(
    template: ObligationTemplate, match: re.Match[str], templates: ProvisionTemplates, notes: Notes, line: int
) -> Maybe[dict[str, Any]]:
    """The rule as data, in the key order of the licence files; a period that cannot be read is a gap."""
    rule: RuleTemplate = template.rule
    out: dict[str, Any] = {"kind": rule.kind}
    if rule.data_class is not None:
        out["data_class"] = rule.data_class
    if rule.kind == "annual-window" and rule.start and rule.end:
        out["start"] = rule.start.model_dump()
        out["end"] = rule.end.model_dump()
    if rule.kind in PERIOD_KINDS:
        if rule.trigger:
            out["trigger"] = templates.in_own_words(fill(rule.trigger, match))
        period_text = fill(rule.period or "", match)
        period = parse_period(period_text)
        if period is None:
            said = _("obligation {obligation}: the period {period} could not be read")
            return notes.gap(said.format(obligation=template.id, period=quote(period_text)), line)
        out["amount"], out["unit"] = period
    if rule.description:
        out["description"] = fill(rule.description, match)
    if rule.kind in DISCLOSURE_KINDS:
        out["must_show"] = list(rule.must_show or [])
        separators = templates.compiled_separators
        out["places"] = [p for p in separators.split(fill(rule.places or "", match)) if p]
    return out
