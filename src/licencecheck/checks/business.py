"""Is a kind of service within the licence? The grants' limits and exclusions over the catalogue.

Everything comes from data: the catalogue tree says what contains what; the licence's grants
say which subtrees are permitted (仅限…) and which are cut out (不含…); its provisions say which
services need a separate approval. This module only walks the tree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from licencecheck.catalogue import Catalogue, Entry
from licencecheck.checks.validity import check_validity
from licencecheck.errors import DataError
from licencecheck.models import Grant, Licence, Provision
from licencecheck.regions import Region, covers
from licencecheck.report import Finding, Report, Status, Verdict
from licencecheck.request import OnDay

CHECK = "business"

PERMITTED = "permitted"
EXCLUDED = "excluded"
BROADER = "broader-than-grant"
NOT_LICENSED = "not-licensed"
NEEDS_APPROVAL = "needs-approval"
NOT_IN_FORCE = "not-in-force"
OUTSIDE_COVERAGE = "outside-coverage"

_PRIORITY = {EXCLUDED: 0, NEEDS_APPROVAL: 1, PERMITTED: 2, BROADER: 3, NOT_LICENSED: 4}


@dataclass
class GrantScope:
    """A grant resolved against the catalogue: its permitted roots and excluded entries."""

    grant: Grant
    entry: Entry
    roots: list[Entry]
    excluded: list[Entry]


@dataclass
class Classification:
    kind: str
    clause: str
    reason: str
    grant: Grant | None = None
    permitted_parts: list[str] = field(default_factory=list)
    approval: str | None = None


class BusinessIndex:
    """The licence's grants mapped onto the catalogue, built once per run."""

    def __init__(self, licence: Licence, catalogue: Catalogue) -> None:
        self.licence = licence
        self.catalogue = catalogue
        self.scopes = [self._resolve(grant) for grant in licence.grants]

    def _entry(self, grant: Grant, name: str) -> Entry:
        entry = self.catalogue.entry_for_name(name) or self.catalogue.lookup(name)
        if entry is None:
            raise DataError(f"grant {grant.code} names {name!r}, which the business catalogue does not know")
        return entry

    def _resolve(self, grant: Grant) -> GrantScope:
        entry = self._entry(grant, grant.code)
        roots = [self._entry(grant, name) for name in grant.limited_to] or [entry]
        excluded = [self._entry(grant, name) for name in grant.excluding]
        return GrantScope(grant, entry, roots, excluded)

    def grant_provisions(self, grant: Grant) -> list[Provision]:
        heads = set(grant.provisions)
        return [p for p in self.licence.provisions if p.clause in heads or p.parent in heads]

    def classify(self, entry: Entry) -> Classification:
        results = [self._classify_in(scope, entry) for scope in self.scopes]
        results.sort(key=lambda result: _PRIORITY[result.kind])
        best = results[0]
        if best.kind == BROADER:
            parts = [part for result in results if result.kind == BROADER for part in result.permitted_parts]
            clauses = [result.clause for result in results if result.kind == BROADER]
            best.permitted_parts = list(dict.fromkeys(parts))
            best.clause = "; ".join(dict.fromkeys(clauses))
        return best

    def _classify_in(self, scope: GrantScope, entry: Entry) -> Classification:
        catalogue = self.catalogue
        grant = scope.grant
        lineage = [entry, *catalogue.ancestors(entry)]
        wording = grant.source
        for excluded in scope.excluded:
            if excluded in lineage:
                reason = f"{grant.code} {grant.name} 不含{'、'.join(grant.excluding)}"
                return Classification(EXCLUDED, wording, reason, grant)
        if scope.entry in lineage:
            for provision in self.grant_provisions(grant):
                needing = [catalogue.entry_for_name(n) for n in provision.requires_approval]
                if any(item in needing for item in lineage):
                    reason = f"clause {provision.clause}: {provision.text}"
                    return Classification(NEEDS_APPROVAL, f"特别规定事项 {provision.clause}", reason, grant)
        inside = any(root in lineage for root in scope.roots)
        if inside:
            approval_entry = next((item for item in lineage if item.kind == "approval"), None)
            if approval_entry is not None:
                governing = next((p for p in self.grant_provisions(grant) if p.governs_prior_approval), None)
                clause = f"特别规定事项 {governing.clause}" if governing else wording
                reason = f"law makes it subject to prior approval: {approval_entry.approval}"
                return Classification(NEEDS_APPROVAL, clause, reason, grant, approval=approval_entry.approval)
            below = catalogue.descendants(entry)
            cut = [item for item in scope.excluded if item in below]
            if cut:
                parts = [
                    child.name
                    for child in catalogue.children.get(entry.id, [])
                    if child not in scope.excluded and child.kind != "approval"
                ]
                reason = f"it includes {'、'.join(item.name for item in cut)}, which {grant.code} excludes"
                return Classification(BROADER, wording, reason, grant, permitted_parts=parts)
            return Classification(PERMITTED, wording, f"within {grant.code} {grant.name}", grant)
        above = [root for root in scope.roots if entry in catalogue.ancestors(root)]
        if above:
            excluding = f"（不含{'、'.join(grant.excluding)}）" if grant.excluding else ""
            parts = [f"{root.name}{excluding}" for root in above]
            reason = f"{grant.code} is granted only for {'、'.join(grant.limited_to) or grant.name}{excluding}"
            return Classification(BROADER, wording, reason, grant, permitted_parts=parts)
        if scope.entry in lineage:
            reason = f"{grant.code} is granted only for {'、'.join(grant.limited_to)}"
            return Classification(NOT_LICENSED, wording, reason, grant)
        return Classification(NOT_LICENSED, wording, "no grant of the licence covers it")


def entry_json(entry: Entry) -> dict[str, Any]:
    return {"id": entry.id, "name": entry.name, "kind": entry.kind, "parent": entry.parent}


def check_term(index: BusinessIndex, term: str, entry: Entry, on: date, region: Region | None = None) -> Finding:
    """The verdict on one catalogue entry for one licence (and, given a region, its coverage)."""
    result = index.classify(entry)
    label = f"{entry.name} ({entry.id})" if entry.id != entry.name else entry.name
    data: dict[str, Any] = {
        "term": term,
        "entry": entry_json(entry),
        "status": result.kind,
        "grant": result.grant.code if result.grant else None,
        "permitted_parts": result.permitted_parts,
        "approval": result.approval,
        "provisions": [],
    }
    if region is not None:
        data["region"] = region.name
    if result.kind == PERMITTED:
        return _permitted(index, term, entry, on, region, result, label, data)
    if result.kind == EXCLUDED:
        message = f"{label} is excluded by the licence: {result.reason}"
    elif result.kind == NEEDS_APPROVAL:
        message = f"{label} needs separate approval: {result.reason}"
    elif result.kind == BROADER:
        message = (
            f"{label} is broader than the grant ({result.reason}); "
            f"permitted parts: {'; '.join(result.permitted_parts) or 'none'}"
        )
    else:
        message = f"{label} is not licensed: {result.reason}"
    return Finding(CHECK, term, Verdict.FAIL, message, result.clause, data, index.licence.number)


def _permitted(
    index: BusinessIndex,
    term: str,
    entry: Entry,
    on: date,
    region: Region | None,
    result: Classification,
    label: str,
    data: dict[str, Any],
) -> Finding:
    """A permitted service: within the grant's coverage, and the licence in force on the day."""
    grant = result.grant
    assert grant is not None
    number = index.licence.number
    provisions = applicable_provisions(index, grant, entry)
    data["provisions"] = [{"clause": p.clause, "title": p.title} for p in provisions]
    area = grant.coverage_area.regions
    data["coverage"] = area
    if region is not None and not covers(area, region):
        data["status"] = OUTSIDE_COVERAGE
        message = (
            f"{label} is within {grant.code} {grant.name}, but its coverage is {'、'.join(area)}, not {region.name}"
        )
        return Finding(CHECK, term, Verdict.FAIL, message, f"{result.clause}（业务覆盖范围）", data, number)
    validity = check_validity(index.licence, on)
    if validity.verdict is Verdict.FAIL:
        data["status"] = NOT_IN_FORCE
        message = f"{label} is within {grant.code} {grant.name}, but on {on}: {validity.message}"
        return Finding(CHECK, term, Verdict.FAIL, message, f"{result.clause}; {validity.clause}", data, number)
    clauses = "、".join(p.clause for p in provisions)
    within = f" in {region.name}" if region is not None else f" (coverage {'、'.join(area)})"
    message = f"{label} is permitted{within}: {result.reason}; provisions that apply: {clauses}"
    verdict = Verdict.WARN if validity.verdict is Verdict.WARN else Verdict.PASS
    if verdict is Verdict.WARN:
        message += f"; {validity.message}"
    return Finding(CHECK, term, verdict, message, result.clause, data, number)


_FAILURE_RANK = {NOT_IN_FORCE: 0, OUTSIDE_COVERAGE: 1, NEEDS_APPROVAL: 2, BROADER: 3, EXCLUDED: 4, NOT_LICENSED: 5}
_VERDICT_RANK = {Verdict.PASS: 0, Verdict.WARN: 1, Verdict.FAIL: 2}


def check_portfolio_term(
    indexes: list[BusinessIndex], term: str, entry: Entry, on: date, region: Region | None = None
) -> Finding:
    """The best verdict any licence gives (a licence that permits it, else the nearest miss),
    naming that licence; with several licences, `data["licences"]` has each one's status."""
    findings = [check_term(index, term, entry, on, region) for index in indexes]
    best = min(findings, key=lambda f: (_VERDICT_RANK[f.verdict], _FAILURE_RANK.get(f.data["status"], -1)))
    if len(findings) > 1:
        statuses = [{"licence": f.licence, "status": f.data["status"]} for f in findings]
        best.data = {**best.data, "licences": statuses}
        if best.verdict is Verdict.FAIL and best.data["status"] == NOT_LICENSED:
            label = f"{entry.name} ({entry.id})" if entry.id != entry.name else entry.name
            numbers = ", ".join(str(f.licence) for f in findings)
            best.message = f"{label} is not licensed: no grant of {numbers} covers it"
            best.licence = None
    return best


def applicable_provisions(index: BusinessIndex, grant: Grant, entry: Entry) -> list[Provision]:
    """The grant's own clause and sub-items that bind this service (those limited to another
    service type are left out), for the team to see what launching it obliges them to do."""
    lineage = {item.id for item in [entry, *index.catalogue.ancestors(entry)]}
    chosen = []
    for provision in index.grant_provisions(grant):
        if provision.applies_to_service is not None:
            target = index.catalogue.entry_for_name(provision.applies_to_service)
            if target is None or target.id not in lineage:
                continue
        chosen.append(provision)
    return chosen


def unknown_term(index: BusinessIndex, term: str, what: str = "term") -> Finding:
    """A term that is not in the vocabulary: it could not be checked (verdict error, exit 2)."""
    cleaned = term.strip(" \t\r\n\u3000")
    message = index.catalogue.unknown_term_message(what, term) if cleaned else "empty term"
    return Finding(CHECK, term, Verdict.ERROR, message, "-", {"status": Status.UNKNOWN.value})


@dataclass(frozen=True)
class BusinessRequest(OnDay):
    terms: tuple[str, ...] = ()
    list_all: bool = False
    strict: bool = False
    region: str | None = None


def run_business(request: BusinessRequest) -> Report:
    """Each term's verdict across the licences, or with `list_all` the whole catalogue classified
    against each licence (informational)."""
    from licencecheck.catalogue import load_catalogue
    from licencecheck.errors import InputError

    region = region_of(request.region)
    portfolio, day = request.portfolio_and_day()
    catalogue = load_catalogue()
    indexes = [BusinessIndex(licence, catalogue) for licence in portfolio]
    if request.list_all:
        return catalogue_report(indexes, day)
    if not request.terms:
        raise InputError("no terms: give one or more TERM arguments, or --list to see the vocabulary")
    report = Report(
        command="business", licence_number=portfolio.label, licences=portfolio.numbers, on=day, strict=request.strict
    )
    report.title = f"Services on {portfolio.label}" + (f" in {region.name}" if region else "")
    for term in request.terms:
        cleaned = term.strip(" \t\r\n\u3000")
        entry = catalogue.lookup(cleaned) if cleaned else None
        found = check_portfolio_term(indexes, cleaned, entry, day, region) if entry is not None else None
        report.add(found or unknown_term(indexes[0], term))
    return report


def region_of(term: str | None) -> Region | None:
    """--region as a division (name, short name, abbreviation or GB/T 2260 code); unknown: exit 2."""
    from licencecheck.errors import InputError
    from licencecheck.regions import find_region

    if term is None:
        return None
    region = find_region(term)
    if region is None:
        raise InputError(
            f"--region {term!r}: not a province-level division; give a name (四川, 四川省), "
            "an abbreviation (川) or a GB/T 2260 code (510000)"
        )
    return region


def catalogue_report(indexes: list[BusinessIndex], day: date) -> Report:
    """The catalogue with each entry's classification against each licence (the first licence's
    in `status` and `clause`; every licence's in `licences` for a portfolio)."""
    numbers = tuple(index.licence.number for index in indexes)
    report = Report(
        command="business --list",
        licence_number=", ".join(numbers),
        licences=numbers,
        on=day,
        layout="catalogue",
        informational=True,
    )
    report.extra["entries"] = [_listed(indexes, entry) for entry in indexes[0].catalogue.entries]
    return report


def _listed(indexes: list[BusinessIndex], entry: Entry) -> dict[str, Any]:
    results = [(index.licence.number, index.classify(entry)) for index in indexes]
    best_number, best = min(results, key=lambda pair: _PRIORITY_LISTED[pair[1].kind])
    listed: dict[str, Any] = {
        **entry_json(entry),
        "variants": entry.variants,
        "aliases": entry.aliases,
        "status": best.kind,
        "clause": best.clause,
    }
    if len(indexes) > 1:
        listed["licence"] = best_number
        listed["licences"] = [{"licence": number, "status": result.kind} for number, result in results]
    return listed


_PRIORITY_LISTED = {PERMITTED: 0, NEEDS_APPROVAL: 1, BROADER: 2, EXCLUDED: 3, NOT_LICENSED: 4}
