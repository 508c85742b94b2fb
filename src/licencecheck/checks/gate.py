"""The release gate: a manifest of what a release serves, checked by the scope, business, date
and page rules in one run. It adds no rule of its own; it gathers and locates findings."""

from __future__ import annotations

import glob
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, StringConstraints

from licencecheck import models
from licencecheck.errors import InputError
from licencecheck.report import Finding, Report, Status, Verdict
from licencecheck.strictyaml import Document

CHECK_PREFIX = "gate"
NonEmpty = Annotated[str, StringConstraints(min_length=1)]
MAX_DAYS = 100 * 366
"""No retention or warning period is longer than a century."""


class Manifest(models.StrictModel):
    """What a release serves (licencecheck.yaml)."""

    licence: str | None = Field(default=None, description="Must match the licence in use.")
    release_date: models.IsoDate | None = Field(default=None, description="Default: today in Asia/Shanghai.")
    domains: list[NonEmpty] = Field(default_factory=list)
    services: list[NonEmpty] = Field(default_factory=list)
    pages: list[NonEmpty] = Field(default_factory=list, description="HTML files or globs, relative to the manifest.")
    adverts: list[NonEmpty] = Field(
        default_factory=list, description="Advert pages (globs): they must also show the company name."
    )
    data_retention_days: int | None = Field(default=None, ge=0, le=MAX_DAYS)
    records: str | None = Field(default=None, description="Records file, as for `deadlines --records`.")
    warn_days: int | None = Field(default=None, ge=0, le=MAX_DAYS)

    def declares_something(self) -> bool:
        return bool(self.domains or self.services or self.pages or self.adverts or self.data_retention_days is not None)


@dataclass
class GateInput:
    manifest: Manifest
    document: Document
    path: Path
    on: date


def load_manifest(path: Path) -> GateInput:
    from licencecheck.datafiles import validate_document
    from licencecheck.dates import today
    from licencecheck.strictyaml import load_yaml

    if not path.exists():
        raise InputError(f"{path}: manifest not found (give MANIFEST, or create licencecheck.yaml)")
    document = load_yaml(path, what="gate manifest")
    manifest = validate_document(document, Manifest, what="gate manifest")
    if not manifest.declares_something():
        raise InputError(
            f"{path}: the manifest declares none of domains, services, pages, adverts or data_retention_days; "
            "a release that declares nothing it serves has not been described"
        )
    return GateInput(manifest, document, path, manifest.release_date or today())


def _location(gate: GateInput, loc: tuple[str | int, ...]) -> dict[str, Any]:
    where = gate.document.where(loc)
    parts = where.rsplit(":", 2)
    line, column = (int(parts[1]), int(parts[2])) if len(parts) == 3 and parts[1].isdigit() else (1, 1)
    return {"file": str(gate.path), "line": line, "column": column}


def _located(finding: Finding, check: str, location: dict[str, Any]) -> Finding:
    return Finding(
        check, finding.subject, finding.verdict, finding.message, finding.clause, {**finding.data, "location": location}
    )


def expand_pages(gate: GateInput, key: str) -> list[tuple[int, Path]]:
    """(manifest index, file) for each entry of `pages`/`adverts`; a missing file, a glob that
    matches nothing, or a page outside the manifest's folder (after links) is an error."""
    entries: list[str] = getattr(gate.manifest, key)
    found: list[tuple[int, Path]] = []
    for index, pattern in enumerate(entries):
        where = gate.document.where((key, index))
        matches = _matching_files(gate.path.parent, pattern)
        if not matches:
            missing = "matches no file" if glob.has_magic(pattern) else "page file not found"
            raise InputError(f"{where}: {key}[{index}] {pattern!r}: {missing}")
        found += [(index, _confined(gate, page, f"{where}: {key}[{index}] {pattern!r}")) for page in matches]
    return found


def _matching_files(base: Path, pattern: str) -> list[Path]:
    if glob.has_magic(pattern):
        return sorted(Path(p) for p in glob.glob(str(base / pattern), recursive=True) if Path(p).is_file())
    page = base / pattern
    return [page] if page.exists() else []


def _confined(gate: GateInput, page: Path, what: str) -> Path:
    """`page`, if it lies inside the manifest's folder once links, `..` and `.` are resolved."""
    folder = gate.path.parent.resolve()
    real = page.resolve()
    if folder != real and folder not in real.parents:
        raise InputError(f"{what}: {page} is outside the manifest's folder {folder}; pages must lie inside it")
    return page


PAGE_RULES: tuple[tuple[str, type[models.Display] | type[models.AdvertDisclosure]], ...] = (
    ("pages", models.Display),
    ("adverts", models.AdvertDisclosure),
)
"""Which manifest key is checked against which kind of display rule."""


def page_findings(gate: GateInput, licence: models.Licence, notes: list[str]) -> list[Finding]:
    """Each page against each display rule of its kind; a kind the licence lacks is noted, not passed."""
    findings: list[Finding] = []
    for key, rule_type in PAGE_RULES:
        pages = expand_pages(gate, key) if getattr(gate.manifest, key) else []
        duties = licence.obligations_with(rule_type)
        if pages and not duties:
            notes.append(f"{key} are not checked: {licence.number} has no rule of kind {_kind(rule_type)}")
        for obligation, rule in duties:
            wanted = {
                str(item): licence.number if item == "licence-number" else licence.holder for item in rule.must_show
            }
            findings += [_page_finding(gate, (key, index), page, obligation, wanted) for index, page in pages]
    return findings


def _kind(rule_type: type[models.Display] | type[models.AdvertDisclosure]) -> str:
    return str(rule_type.model_fields["kind"].annotation.__args__[0])  # type: ignore[union-attr]


def _page_finding(
    gate: GateInput, loc: tuple[str, int], page: Path, obligation: models.Obligation, wanted: dict[str, str]
) -> Finding:
    from licencecheck.checks.pages import MAX_TAGS, find_missing, page_text, too_many_tags
    from licencecheck.strictyaml import read_text

    html = read_text(page, what="page")
    if too_many_tags(html):
        raise InputError(f"{page}: more than {MAX_TAGS} tags; a page this large is not checked")
    missing = find_missing(page_text(html), wanted)
    clause = "、".join(obligation.clauses)
    data = {"page": str(page), "obligation": obligation.id, "missing": missing, "location": _location(gate, loc)}
    if not missing:
        message = f"{page} shows {' and '.join(wanted.values())} in visible text"
        return Finding(obligation.id, str(page), Verdict.PASS, message, clause, data)
    parts = []
    for item, hidden in missing.items():
        text = f"{item} {wanted[item]} is not in the visible text"
        parts.append(text + (f" (it appears only at {hidden}, which is not visible)" if hidden else ""))
    message = f"{page}: {'; '.join(parts)} ({obligation.action})"
    return Finding(obligation.id, str(page), Verdict.FAIL, message, clause, data)


def retention_findings(gate: GateInput, licence: models.Licence, notes: list[str]) -> list[Finding]:
    """The declared retention against every minimum-retention rule of the licence."""
    duties = licence.obligations_with(models.MinimumRetention)
    if not duties:
        notes.append(f"data_retention_days is not checked: {licence.number} has no minimum-retention rule")
    return [_retention_finding(gate, obligation, rule) for obligation, rule in duties]


def _retention_finding(gate: GateInput, obligation: models.Obligation, rule: models.MinimumRetention) -> Finding:
    from licencecheck.periods import shift

    days = gate.manifest.data_retention_days
    assert days is not None
    required = (shift(gate.on, rule.amount, rule.unit) - gate.on).days
    clause = "、".join(obligation.clauses)
    data = {"declared_days": days, "required_days": required, "location": _location(gate, ("data_retention_days",))}
    minimum = f"{rule.description}: {rule.amount} {rule.unit}, {required} days counted from {gate.on}"
    verdict, verb = (Verdict.PASS, "meets") if days >= required else (Verdict.FAIL, "is below")
    message = f"{days} days {verb} the minimum ({minimum})"
    return Finding(obligation.id, "data_retention_days", verdict, message, clause, data)


@dataclass(frozen=True)
class GateRequest:
    manifest: Path
    licence: Path | None = None
    strict: bool = False


def run_gate_request(request: GateRequest) -> Report:
    from licencecheck.datafiles import load_licence

    licence = load_licence(request.licence)
    return run_gate(load_manifest(request.manifest), licence, strict=request.strict)


def run_gate(gate: GateInput, licence: models.Licence, *, strict: bool) -> Report:
    """All checks, all reported; an input that could not be checked is an error finding (exit 2)."""
    manifest = gate.manifest
    if manifest.licence is not None and manifest.licence != licence.number:
        raise InputError(
            f"{gate.document.where(('licence',))}: the manifest is for licence {manifest.licence}, "
            f"but the licence in use is {licence.number}"
        )
    title = f"Release gate for {licence.number} on {gate.on}"
    report = Report(command="gate", licence_number=licence.number, on=gate.on, strict=strict, title=title)
    report.extra["manifest"] = str(gate.path)
    report.add(_validity_finding(gate, licence))
    report.findings += _domain_findings(gate, licence) + _service_findings(gate, licence)
    report.findings += page_findings(gate, licence, report.notes)
    if manifest.pages or manifest.adverts:
        from licencecheck.checks.pages import STATIC_NOTE

        report.notes.append(STATIC_NOTE)
    if manifest.data_retention_days is not None:
        report.findings += retention_findings(gate, licence, report.notes)
    if manifest.records is not None:
        report.findings += records_findings(gate, licence)
    report.extra["rules"] = rule_help(licence)
    return report


def _validity_finding(gate: GateInput, licence: models.Licence) -> Finding:
    from licencecheck.checks.validity import check_validity

    where = _location(gate, ("release_date",) if gate.manifest.release_date else ())
    return _located(check_validity(licence, gate.on, gate.manifest.warn_days), "validity", where)


def _domain_findings(gate: GateInput, licence: models.Licence) -> list[Finding]:
    from licencecheck.checks.scope import ScopeIndex, check_target

    if not gate.manifest.domains:
        return []
    index = ScopeIndex.build(licence, gate.on)
    findings = []
    for i, domain in enumerate(gate.manifest.domains):
        findings.append(_located(check_target(index, domain), "scope", _location(gate, ("domains", i))))
    return findings


def _service_findings(gate: GateInput, licence: models.Licence) -> list[Finding]:
    from licencecheck.catalogue import load_catalogue
    from licencecheck.checks.business import BusinessIndex, check_term, unknown_term

    if not gate.manifest.services:
        return []
    business = BusinessIndex(licence, load_catalogue())
    findings = []
    for i, term in enumerate(gate.manifest.services):
        cleaned = term.strip(" \t\r\n\u3000")
        entry = business.catalogue.lookup(cleaned)
        found = check_term(business, cleaned, entry, gate.on) if entry else unknown_term(business, term, "service")
        findings.append(_located(found, "business", _location(gate, ("services", i))))
    return findings


def _clause_text(licence: models.Licence, clauses: list[str]) -> str:
    return "\n".join(f"特别规定事项 {c}: {licence.provision(c).text}" for c in clauses)


def rule_help(licence: models.Licence) -> dict[str, dict[str, str]]:
    """For SARIF and JUnit: what each check rests on, in the licence's words (from the data)."""
    grants = "\n".join(f"{g.source}: {g.wording}" for g in licence.grants)
    websites = sorted({f"{site.name} {site.domain}" for g in licence.grants for site in g.websites})
    listing = "; ".join(dict.fromkeys(site.source for g in licence.grants for site in g.websites))
    dated = [o for o, _ in licence.obligations_with(models.AnnualWindow)] + [
        o for o, _ in licence.obligations_with(models.BeforeValidityEnd)
    ]
    deadline_clauses = list(dict.fromkeys(c for o in dated for c in o.clauses))
    rules = {
        "validity": {
            "name": "licence in force",
            "help": f"{licence.validity.source}: {licence.validity.issued_on} to {licence.validity.valid_until}",
        },
        "scope": {"name": "domain listed on the licence", "help": f"{listing}: {', '.join(websites)}"},
        "business": {"name": "service within the grants", "help": grants},
        "records": {"name": "nothing overdue", "help": _clause_text(licence, deadline_clauses)},
    }
    checked = [
        o
        for kind in (models.Display, models.AdvertDisclosure, models.MinimumRetention)
        for o, _ in licence.obligations_with(kind)
    ]
    for obligation in checked:
        rules[obligation.id] = {"name": obligation.action, "help": _clause_text(licence, obligation.clauses)}
    return rules


def records_findings(gate: GateInput, licence: models.Licence) -> list[Finding]:
    from licencecheck.checks.deadlines import deadlines_report, load_records
    from licencecheck.workdays import WorkCalendar

    assert gate.manifest.records is not None
    records = load_records(gate.path.parent / gate.manifest.records, licence, gate.on)
    deadlines = deadlines_report(
        licence, gate.on, records=records, events=[], calendar=WorkCalendar(), horizon=0, strict=False
    )
    location = _location(gate, ("records",))
    overdue = [f for f in deadlines.findings if f.check == "deadlines" and f.data.get("status") == Status.OVERDUE]
    if overdue:
        return [_located(f, "records", location) for f in overdue]
    message = f"nothing overdue on {gate.on} according to {gate.manifest.records}"
    clauses = "、".join(
        dict.fromkeys(c for f in deadlines.findings if f.check == "deadlines" for c in f.clause.split("、"))
    )
    return [Finding("records", gate.manifest.records, Verdict.PASS, message, clauses, {"location": location})]
