"""Is a kind of service within the licence? The grants' limits and exclusions over the catalogue.

Everything comes from data: the catalogue tree says what contains what and which services need
a sector approval (with its authority); the licence's grants say which subtrees are permitted
(仅限…) and which are cut out (不含…); its provisions say which services need a separate approval
and, in their own words, whether the licence must then be amended (增项). This module only walks
the tree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from licencecheck.catalogue import Catalogue, Entry
from licencecheck.checks.validity import check_validity
from licencecheck.errors import DataError
from licencecheck.i18n import _, aside, day, join, listing, pgettext, quote
from licencecheck.models import Grant, Licence, Provision, provision_label, said
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
    approval: Entry | None = None
    """The catalogue's approval entry whose sector approval the service needs."""
    governing: Provision | None = None
    """The licence clause that subjects it to that approval (十五(一), 十六(一)), if the licence has one."""


class BusinessIndex:
    """The licence's grants mapped onto the catalogue, built once per run."""

    def __init__(self, licence: Licence, catalogue: Catalogue) -> None:
        self.licence = licence
        self.catalogue = catalogue
        self.scopes = [self._resolve(grant) for grant in licence.grants]

    def _entry(self, grant: Grant, name: str) -> Entry:
        entry = self.catalogue.entry_for_name(name) or self.catalogue.lookup(name)
        if entry is None:
            raise DataError(
                _("grant {code} names {name}, which the business catalogue does not know").format(
                    code=grant.code, name=quote(name)
                )
            )
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
        # Of equal verdicts, one that names a grant (B25 is granted only for …) says more.
        results.sort(key=lambda result: (_PRIORITY[result.kind], result.grant is None))
        best = results[0]
        if best.kind == BROADER:
            parts = [part for result in results if result.kind == BROADER for part in result.permitted_parts]
            clauses = [result.clause for result in results if result.kind == BROADER]
            best.permitted_parts = list(dict.fromkeys(parts))
            best.clause = join(dict.fromkeys(clauses))
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
                    reason = _("clause {clause}: {text}").format(clause=provision.clause, text=provision.text)
                    return Classification(NEEDS_APPROVAL, provision_label(provision.clause), reason, grant)
        if any(root in lineage for root in scope.roots):
            return self._within(scope, entry, lineage)
        above = [root for root in scope.roots if entry in catalogue.ancestors(root)]
        if above:
            excluding = f"（不含{'、'.join(grant.excluding)}）" if grant.excluding else ""
            parts = [f"{root.name}{excluding}" for root in above]
            reason = _("{code} is granted only for {services}").format(
                code=grant.code, services=f"{'、'.join(grant.limited_to) or grant.name}{excluding}"
            )
            return Classification(BROADER, wording, reason, grant, permitted_parts=parts)
        if scope.entry in lineage:
            reason = _("{code} is granted only for {services}").format(
                code=grant.code, services="、".join(grant.limited_to)
            )
            return Classification(NOT_LICENSED, wording, reason, grant)
        return Classification(NOT_LICENSED, wording, _("no grant of the licence covers it"))

    def _within(self, scope: GrantScope, entry: Entry, lineage: list[Entry]) -> Classification:
        """An entry within a grant's permitted subtrees: it may still need a sector approval, or
        reach over an exclusion below it."""
        catalogue, grant, wording = self.catalogue, scope.grant, scope.grant.source
        approval_entry = next((item for item in lineage if item.kind == "approval"), None)
        if approval_entry is not None:
            governing = next((p for p in self.grant_provisions(grant) if p.governs_prior_approval), None)
            clause = provision_label(governing.clause) if governing else wording
            reason = approval_steps(self.licence, approval_entry, governing)
            return Classification(NEEDS_APPROVAL, clause, reason, grant, approval=approval_entry, governing=governing)
        below = catalogue.descendants(entry)
        cut = [item for item in scope.excluded if item in below]
        if cut:
            parts = [
                child.name
                for child in catalogue.children.get(entry.id, [])
                if child not in scope.excluded and child.kind != "approval"
            ]
            reason = _("it includes {services}, which {code} excludes").format(
                services="、".join(item.name for item in cut), code=grant.code
            )
            return Classification(BROADER, wording, reason, grant, permitted_parts=parts)
        within = _("within {code} {name}").format(code=grant.code, name=grant.name)
        return Classification(PERMITTED, wording, within, grant)


AMENDMENT_WORDING = "增项"
"""How a licence's approval clause asks for the licence to be amended once the sector approval is
given (十六(一): 经有关主管部门审核同意后，向我部办理经营许可证增项手续). A clause without it (十五(一):
应经相应主管部门批准) asks for the approval only, and the verdict says no more than the clause."""


def approval_steps(licence: Licence, entry: Entry, governing: Provision | None) -> str:
    """What a service needing a sector approval takes, as the governing clause words it: the
    approval (named, with its authority), then, where the clause says so, 增项 of this licence."""
    approval = entry.approval_text
    if governing is None:
        return _("law makes it subject to prior approval: {approval}; the licence has no clause on it").format(
            approval=approval
        )
    if AMENDMENT_WORDING not in governing.text:
        return _(
            "clause {clause} requires the approval of the competent authority: {approval}; "
            "the clause asks for no change to the licence"
        ).format(clause=governing.clause, approval=approval)
    return _(
        "two steps under clause {clause}: first {approval}; then add the service to {licence} "
        "(经营许可证增项) with its issuing authority, {authority}"
    ).format(clause=governing.clause, approval=approval, licence=licence.number, authority=issuing_authority(licence))


def issuing_authority(licence: Licence) -> str:
    """The authority as printed, else as inferred (and said so)."""
    attribution = licence.issuing_authority
    if attribution.as_printed:
        return attribution.as_printed
    if attribution.inferred:
        return _("{authority} (inferred: not printed on the licence)").format(authority=attribution.inferred)
    return _("the authority that issued it (not printed on the licence)")


def entry_json(entry: Entry) -> dict[str, Any]:
    return {"id": entry.id, "name": entry.name, "kind": entry.kind, "parent": entry.parent}


def check_term(index: BusinessIndex, term: str, entry: Entry, on: date, region: Region | None = None) -> Finding:
    """The verdict on one catalogue entry for one licence (and, given a region, its coverage)."""
    result = index.classify(entry)
    label = entry_label(entry)
    data: dict[str, Any] = {
        "term": term,
        "entry": entry_json(entry),
        "status": result.kind,
        "grant": result.grant.code if result.grant else None,
        "permitted_parts": result.permitted_parts,
        "approval": result.approval.approval if result.approval else None,
        **(_approval_json(index.licence, result) if result.approval is not None else {}),
        "provisions": [],
    }
    if entry.note is not None and result.kind == PERMITTED:
        data["note"] = {"text": said(entry.note), "unverified": entry.unverified}
    if region is not None:
        data["region"] = region.name
    if result.kind == PERMITTED:
        finding = _permitted(index, term, entry, on, region, result, label, data)
    else:
        finding = Finding(CHECK, term, Verdict.FAIL, _failure(label, result), result.clause, data, index.licence.number)
        if result.kind in (NEEDS_APPROVAL, BROADER) and (besides := _not_in_force_on(index.licence, on)):
            finding.message = join([finding.message, besides])
    if entry.note_text is not None and result.kind == PERMITTED:
        finding.message = join([finding.message, _("note: {note}").format(note=entry.note_text)])
    return finding


def entry_label(entry: Entry) -> str:
    """`经营类电子商务 (e-commerce)`: the entry's name, and its id where that differs."""
    return entry.name + aside(entry.id) if entry.id != entry.name else entry.name


def _failure(label: str, result: Classification) -> str:
    if result.kind == EXCLUDED:
        return _("{service} is excluded by the licence: {reason}").format(service=label, reason=result.reason)
    if result.kind == NEEDS_APPROVAL:
        return _("{service} needs separate approval: {reason}").format(service=label, reason=result.reason)
    if result.kind == BROADER:
        return _("{service} is broader than the grant ({reason}); permitted parts: {parts}").format(
            service=label, reason=result.reason, parts=join(result.permitted_parts) or _("none")
        )
    return _("{service} is not licensed: {reason}").format(service=label, reason=result.reason)


def _approval_json(licence: Licence, result: Classification) -> dict[str, Any]:
    """The approval's authority and rule, and the 增项 step where the governing clause asks for it."""
    entry, governing = result.approval, result.governing
    assert entry is not None
    amend = governing is not None and AMENDMENT_WORDING in governing.text
    return {
        "approval_authority": entry.authority,
        "approval_regulation": entry.regulation,
        "approval_unverified": entry.unverified,
        "licence_amendment": {"licence": licence.number, "authority": issuing_authority(licence)} if amend else None,
    }


def _not_in_force_on(licence: Licence, on: date) -> str:
    """A verdict that points to parts or steps under this licence says when it is not in force."""
    validity = check_validity(licence, on)
    if validity.verdict is not Verdict.FAIL:
        return ""
    return _("besides, {licence} is not in force on {day} ({state})").format(
        licence=licence.number, day=day(on), state=state_word(str(validity.data["state"]))
    )


def state_word(state: str) -> str:
    """A licence's state (`expired`, `not-yet-in-force`) as people read it: the id in English."""
    if state == Status.EXPIRED:
        return pgettext("licence state", "expired")
    if state == Status.NOT_YET_IN_FORCE:
        return pgettext("licence state", "not-yet-in-force")
    return state


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
        message = _("{service} is within {code} {name}, but its coverage is {area}, not {region}").format(
            service=label, code=grant.code, name=grant.name, area="、".join(area), region=region.name
        )
        return Finding(CHECK, term, Verdict.FAIL, message, f"{result.clause}（业务覆盖范围）", data, number)
    validity = check_validity(index.licence, on)
    if validity.verdict is Verdict.FAIL:
        data["status"] = NOT_IN_FORCE
        message = _("{service} is within {code} {name}, but on {day}: {reason}").format(
            service=label, code=grant.code, name=grant.name, day=day(on), reason=validity.message
        )
        return Finding(CHECK, term, Verdict.FAIL, message, join([result.clause, validity.clause]), data, number)
    said = {"service": label, "reason": result.reason, "clauses": "、".join(p.clause for p in provisions)}
    if region is not None:
        message = _("{service} is permitted in {region}: {reason}; provisions that apply: {clauses}").format(
            region=region.name, **said
        )
    else:
        message = _("{service} is permitted (coverage {area}): {reason}; provisions that apply: {clauses}").format(
            area="、".join(area), **said
        )
    verdict = Verdict.WARN if validity.verdict is Verdict.WARN else Verdict.PASS
    if verdict is Verdict.WARN:
        message = join([message, validity.message])
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
            numbers = listing(str(f.licence) for f in findings)
            best.message = _("{service} is not licensed: no grant of {licences} covers it").format(
                service=entry_label(entry), licences=numbers
            )
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


def unknown_term(index: BusinessIndex, term: str, what: Literal["term", "service"] = "term") -> Finding:
    """A term that is not in the vocabulary: it could not be checked (verdict error, exit 2)."""
    cleaned = term.strip(" \t\r\n\u3000")
    message = index.catalogue.unknown_term_message(what, term) if cleaned else _("empty term")
    return Finding(CHECK, term, Verdict.ERROR, message, "-", {"status": Status.UNKNOWN.value})


@dataclass(frozen=True)
class BusinessRequest(OnDay):
    terms: tuple[str, ...] = ()
    list_all: bool = False
    strict: bool = False
    region: str | None = None


def run_business(request: BusinessRequest) -> Report:
    """Each term's verdict across the licences, or with `list_all` the whole catalogue classified
    against each licence on the day (informational; `ok` follows the licences' state that day)."""
    from licencecheck.catalogue import load_catalogue
    from licencecheck.errors import InputError

    region = region_of(request.region)
    portfolio, day = request.portfolio_and_day()
    catalogue = load_catalogue()
    indexes = [BusinessIndex(licence, catalogue) for licence in portfolio]
    if request.list_all:
        return catalogue_report(indexes, day, strict=request.strict, region=region)
    if not request.terms:
        raise InputError(_("no terms: give one or more TERM arguments, or --list to see the vocabulary"))
    report = Report(
        command="business", licence_number=portfolio.label, licences=portfolio.numbers, on=day, strict=request.strict
    )
    if region is None:
        report.title = _("Services on {licence}").format(licence=portfolio.names)
    else:
        report.title = _("Services on {licence} in {region}").format(licence=portfolio.names, region=region.name)
    for term in request.terms:
        cleaned = term.strip(" \t\r\n\u3000")
        entry = catalogue.lookup(cleaned) if cleaned else None
        found = check_portfolio_term(indexes, cleaned, entry, day, region) if entry is not None else None
        report.add(found or unknown_term(indexes[0], term))
    return report


def region_of(term: str | None, what: str = "--region") -> Region | None:
    """--region (or `what`) as a division (name, short name, abbreviation or GB/T 2260 code);
    unknown: exit 2."""
    from licencecheck.errors import InputError
    from licencecheck.regions import find_region

    if term is None:
        return None
    region = find_region(term)
    if region is None:
        raise InputError(
            _(
                "{option} {term}: not a province-level division; give a name (四川, 四川省), "
                "an abbreviation (川) or a GB/T 2260 code (510000)"
            ).format(option=what, term=quote(term))
        )
    return region


def catalogue_report(
    indexes: list[BusinessIndex], day: date, *, strict: bool = False, region: Region | None = None
) -> Report:
    """The catalogue with each entry's classification against each licence on the day (the best
    licence's in `status` and `clause`; every licence's in `licences` for a portfolio). A permitted
    entry of a licence not in force that day is `not-in-force`. The listing is information
    (`informational`); the findings are each licence's state on the day (`validity` findings), which
    `ok` and the exit code follow (see report.exit_code)."""
    numbers = tuple(index.licence.number for index in indexes)
    report = Report(
        command="business --list",
        licence_number=", ".join(numbers),
        licences=numbers,
        on=day,
        strict=strict,
        layout="catalogue",
        informational=True,
    )
    states = [check_validity(index.licence, day) for index in indexes]
    in_force = {
        index.licence.number: state.verdict is not Verdict.FAIL for index, state in zip(indexes, states, strict=True)
    }
    report.extra["entries"] = [_listed(indexes, entry, in_force, region) for entry in indexes[0].catalogue.entries]
    if region is not None:
        report.extra["region"] = region.name
        report.notes.append(
            _("permitted means permitted in {region}: a grant whose coverage lacks it is outside").format(
                region=region.name
            )
        )
    for state in states:
        report.add(state)
    return report


def _listed(
    indexes: list[BusinessIndex], entry: Entry, in_force: dict[str, bool], region: Region | None
) -> dict[str, Any]:
    results = []
    for index in indexes:
        number, result = index.licence.number, index.classify(entry)
        status = NOT_IN_FORCE if result.kind == PERMITTED and not in_force[number] else result.kind
        if status == PERMITTED and region is not None and result.grant is not None:
            status = PERMITTED if covers(result.grant.coverage_area.regions, region) else OUTSIDE_COVERAGE
        results.append((number, status, result.clause))
    best_number, best_status, best_clause = min(results, key=lambda item: _PRIORITY_LISTED[item[1]])
    listed: dict[str, Any] = {
        **entry_json(entry),
        "variants": entry.variants,
        "aliases": entry.aliases,
        "status": best_status,
        "clause": best_clause,
    }
    if len(indexes) > 1:
        listed["licence"] = best_number
        listed["licences"] = [{"licence": number, "status": status} for number, status, _ in results]
    return listed


_PRIORITY_LISTED = {
    PERMITTED: 0,
    NOT_IN_FORCE: 1,
    OUTSIDE_COVERAGE: 2,
    NEEDS_APPROVAL: 3,
    BROADER: 4,
    EXCLUDED: 5,
    NOT_LICENSED: 6,
}
