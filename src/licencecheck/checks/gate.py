"""The release gate: a manifest of what a release serves, checked by the scope, business, date
and page rules in one run. It adds no rule of its own; it gathers and locates findings."""

from __future__ import annotations

import glob
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import Field, StringConstraints

from licencecheck import models
from licencecheck.errors import InputError
from licencecheck.i18n import _, day, join, listing, pgettext, quote
from licencecheck.report import Finding, Report, Status, Verdict
from licencecheck.strictyaml import Document

if TYPE_CHECKING:
    from licencecheck.checks.scope import ScopeIndex
    from licencecheck.portfolio import Portfolio

CHECK_PREFIX = "gate"
NonEmpty = Annotated[str, StringConstraints(min_length=1)]
MAX_DAYS = 100 * 366
"""No retention or warning period is longer than a century."""


class PageEntry(models.StrictModel):
    """A page (or glob) and the site it is served on, whose licence's number it must show."""

    path: NonEmpty
    site: NonEmpty = Field(description="The domain the page is served on, e.g. maichetong.com.cn.")


Page = NonEmpty | PageEntry


class ServiceEntry(models.StrictModel):
    """A service and the regions it is offered in (instead of the manifest's `regions:`)."""

    service: NonEmpty
    regions: list[NonEmpty] = Field(min_length=1)


class Manifest(models.StrictModel):
    """What a release serves (licencecheck.yaml)."""

    licence: str | None = Field(default=None, description="Must be the number of a licence in use.")
    licences: list[NonEmpty] = Field(
        default_factory=list, description="Licence files or folders, relative to the manifest (a portfolio)."
    )
    regions: list[NonEmpty] = Field(
        default_factory=list, description="Province-level divisions the release serves: each service must cover them."
    )
    release_date: models.IsoDate | None = Field(default=None, description="Default: today in Asia/Shanghai.")
    domains: list[NonEmpty] = Field(default_factory=list)
    services: list[NonEmpty | ServiceEntry] = Field(
        default_factory=list,
        description="Catalogue terms; or {service, regions} for a service offered in some regions.",
    )
    pages: list[Page] = Field(
        default_factory=list, description="HTML files or globs, relative to the manifest; or {path, site}."
    )
    adverts: list[Page] = Field(
        default_factory=list, description="Advert pages (globs): they must also show the company name."
    )
    data_retention_days: int | None = Field(default=None, ge=0, le=MAX_DAYS)
    retention: dict[models.DataClass, Annotated[int, Field(ge=0, le=MAX_DAYS)]] = Field(
        default_factory=dict,
        description="Days each class of data is kept (transactions, logs, platform-data), checked against the "
        "strictest rule of that class in the licences and the rulebook.",
    )
    records: str | None = Field(default=None, description="Records file, as for `deadlines --records`.")
    render: bool = Field(
        default=False, description="Render pages in headless Chromium (as `gate --render`) instead of parsing them."
    )
    render_timeout: float = Field(
        default=15.0,
        gt=0,
        le=300,
        description="Seconds a rendered page may take to load and go network-idle (then it is judged as it stands).",
    )
    warn_days: int | None = Field(default=None, ge=0, le=MAX_DAYS)

    def declares_something(self) -> bool:
        return bool(
            self.domains
            or self.services
            or self.pages
            or self.adverts
            or self.data_retention_days is not None
            or self.retention
        )


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
        raise InputError(_("{path}: manifest not found (give MANIFEST, or create licencecheck.yaml)").format(path=path))
    document = load_yaml(path, what="gate manifest")
    manifest = validate_document(document, Manifest, what="gate manifest")
    if not manifest.declares_something():
        raise InputError(
            _(
                "{path}: the manifest declares none of domains, services, pages, adverts or data_retention_days; "
                "a release that declares nothing it serves has not been described"
            ).format(path=path)
        )
    return GateInput(manifest, document, path, manifest.release_date or today())


def _location(gate: GateInput, loc: tuple[str | int, ...]) -> dict[str, Any]:
    where = gate.document.where(loc)
    parts = where.rsplit(":", 2)
    line, column = (int(parts[1]), int(parts[2])) if len(parts) == 3 and parts[1].isdigit() else (1, 1)
    return {"file": repository_path(gate.path), "line": line, "column": column}


def repository_path(path: Path) -> str:
    """`path` relative to the root of the Git work tree holding it (as CI systems locate files),
    else as given."""
    real = path.resolve()
    for folder in real.parents:
        if (folder / ".git").exists():
            return real.relative_to(folder).as_posix()
    return str(path)


def _located(finding: Finding, check: str, location: dict[str, Any]) -> Finding:
    data = {**finding.data, "location": location}
    return Finding(check, finding.subject, finding.verdict, finding.message, finding.clause, data, finding.licence)


def expand_pages(gate: GateInput, key: str) -> list[tuple[int, Path, str | None]]:
    """(manifest index, file, site) for each entry of `pages`/`adverts`; a missing file, a glob
    that matches nothing, or a page outside the manifest's folder (after links) is an error."""
    entries: list[str | PageEntry] = getattr(gate.manifest, key)
    found: list[tuple[int, Path, str | None]] = []
    for index, entry in enumerate(entries):
        pattern, site = (entry.path, entry.site) if isinstance(entry, PageEntry) else (entry, None)
        named = {"where": gate.document.where((key, index)), "entry": f"{key}[{index}]", "pattern": repr(pattern)}
        matches = _matching_files(gate.path.parent, pattern)
        if not matches:
            missing = (
                _("{where}: {entry} {pattern}: matches no file")
                if glob.has_magic(pattern)
                else _("{where}: {entry} {pattern}: page file not found")
            )
            raise InputError(missing.format(**named))
        found += [(index, _confined(gate, page, named), site) for page in matches]
    return found


def _matching_files(base: Path, pattern: str) -> list[Path]:
    if glob.has_magic(pattern):
        return sorted(Path(p) for p in glob.glob(str(base / pattern), recursive=True) if Path(p).is_file())
    page = base / pattern
    return [page] if page.exists() else []


def _confined(gate: GateInput, page: Path, named: dict[str, str]) -> Path:
    """`page`, if it lies inside the manifest's folder once links, `..` and `.` are resolved."""
    folder = gate.path.parent.resolve()
    real = page.resolve()
    if folder != real and folder not in real.parents:
        raise InputError(
            _(
                "{where}: {entry} {pattern}: {page} is outside the manifest's folder {folder}; pages must lie inside it"
            ).format(**named, page=page, folder=folder)
        )
    return page


PAGE_RULES: tuple[tuple[str, type[models.Display] | type[models.AdvertDisclosure]], ...] = (
    ("pages", models.Display),
    ("adverts", models.AdvertDisclosure),
)
"""Which manifest key is checked against which kind of display rule."""


@dataclass(frozen=True)
class PageCheck:
    """One page against one display rule of the licence that covers its site."""

    key: str
    index: int
    page: Path
    obligation: models.Obligation
    wanted: dict[str, str]  # item (licence-number, company-name) → the text to show
    licence: str

    def __hash__(self) -> int:
        return hash((self.key, self.index, self.page, self.obligation.id, self.licence))


@dataclass(frozen=True)
class PageJudgement:
    """What a page check found: for each item not visible, how (None: nowhere to be seen)."""

    missing: dict[str, str | None]
    rendered: bool = False
    evidence: dict[str, str] | None = None
    failure: str | None = None  # the page could not be rendered
    seconds: float | None = None  # how long judging it took


def page_findings(
    gate: GateInput, portfolio: Portfolio, scope: ScopeIndex, notes: list[str], render: RenderOptions | None = None
) -> list[Finding]:
    """Each page against each display rule of its kind of the licence that covers its site; a
    licence without a rule of that kind is noted, never passed. Pages are parsed, or rendered
    in Chromium when `render` is given."""
    planned = _page_checks(gate, portfolio, scope, notes)
    checks = [item for item in planned if isinstance(item, PageCheck)]
    if render is None:
        judged = {check: _static_judgement(check) for check in checks}
        if checks:
            from licencecheck.checks.pages import STATIC_NOTE

            notes.append(_(STATIC_NOTE))
    else:
        from licencecheck.checks.gate_render import rendered_judgements

        judged = rendered_judgements(gate, checks, render, notes)
    return [item if isinstance(item, Finding) else _page_finding(gate, item, judged[item]) for item in planned]


def _page_checks(
    gate: GateInput, portfolio: Portfolio, scope: ScopeIndex, notes: list[str]
) -> list[PageCheck | Finding]:
    planned: list[PageCheck | Finding] = []
    for key, rule_type in PAGE_RULES:
        pages = expand_pages(gate, key) if getattr(gate.manifest, key) else []
        for index, page, site in pages:
            licence = _page_licence(gate, (key, index), site, portfolio, scope)
            if isinstance(licence, Finding):
                planned.append(licence)
                continue
            duties = licence.obligations_with(rule_type)
            if not duties:
                note = _("{key} are not checked against {licence}: it has no rule of kind {kind}").format(
                    key=key, licence=licence.number, kind=_kind(rule_type)
                )
                notes += [] if note in notes else [note]
            for obligation, rule in duties:
                wanted = {
                    str(item): licence.number if item == "licence-number" else licence.holder for item in rule.must_show
                }
                planned.append(PageCheck(key, index, page, obligation, wanted, licence.number))
    return planned


def _static_judgement(check: PageCheck) -> PageJudgement:
    import time

    from licencecheck.checks.pages import MAX_TAGS, find_missing, page_text, too_many_tags
    from licencecheck.inputs import read_text

    started = time.perf_counter()
    html = read_text(check.page, what="page")
    if too_many_tags(html):
        raise InputError(
            _("{page}: more than {limit} tags; a page this large is not checked").format(
                page=check.page, limit=MAX_TAGS
            )
        )
    return PageJudgement(find_missing(page_text(html), check.wanted), seconds=time.perf_counter() - started)


def _page_licence(
    gate: GateInput, loc: tuple[str, int], site: str | None, portfolio: Portfolio, scope: ScopeIndex
) -> models.Licence | Finding:
    """The licence whose number a page must show: the only one, or the one listing its `site`
    (in force first). A site no licence lists fails; several licences and no site is an error."""
    from licencecheck.hostnames import listed_under

    if site is None:
        if portfolio.single is not None:
            return portfolio.single
        raise InputError(
            _(
                "{where}: {entry}: name the page's site (path: …, site: DOMAIN); "
                "with several licences ({licences}) the number it must show depends on it"
            ).format(where=gate.document.where(loc), entry=f"{loc[0]}[{loc[1]}]", licences=portfolio.label)
        )
    from licencecheck.checks.scope import normalise_target
    from licencecheck.hostnames import HostError

    try:
        _scheme, host = normalise_target(site)  # a URL, an IDN, upper case or a trailing dot, as scope reads it
    except HostError as exc:
        raise InputError(
            _("{where}: {entry}.site {site}: {problem}").format(
                where=gate.document.where(loc), entry=f"{loc[0]}[{loc[1]}]", site=quote(site), problem=exc
            )
        ) from None
    matched = listed_under(host, scope.domains)
    if matched is None:
        message = _("site {site} of {entry} is not listed on {licences}: no licence covers it").format(
            site=site, entry=f"{loc[0]}[{loc[1]}]", licences=portfolio.label
        )
        data = {"site": site, "location": _location(gate, loc)}
        return Finding(loc[0], site, Verdict.FAIL, message, scope.listing_clause, data)
    licence = portfolio.by_number(scope.holders[matched][0].number)
    assert licence is not None
    return licence


def _kind(rule_type: type[models.Display] | type[models.AdvertDisclosure]) -> str:
    return str(rule_type.model_fields["kind"].annotation.__args__[0])  # type: ignore[union-attr]


def _page_finding(gate: GateInput, check: PageCheck, judged: PageJudgement) -> Finding:
    page, obligation, wanted = check.page, check.obligation, check.wanted
    clause = obligation.citation
    data: dict[str, Any] = {"page": str(page), "obligation": obligation.id, "missing": judged.missing}
    data |= {"rendered": True} if judged.rendered else {}
    data |= {"evidence": judged.evidence} if judged.evidence else {}
    data["declared_at"] = _location(gate, (check.key, check.index))
    data["location"] = {"file": repository_path(page), "line": _page_line(check, judged), "column": 1}
    if judged.failure is not None:
        message = _("{page}: could not be checked: {failure}").format(page=page, failure=judged.failure)
        return Finding(obligation.id, str(page), Verdict.ERROR, message, clause, data, check.licence, judged.seconds)
    if not judged.missing:
        shows = (
            _("{page} shows {texts} on the rendered page")
            if judged.rendered
            else _("{page} shows {texts} in visible text")
        )
        message = shows.format(page=page, texts=_both(list(wanted.values())))
        return Finding(obligation.id, str(page), Verdict.PASS, message, clause, data, check.licence, judged.seconds)
    parts = []
    for item, hidden in judged.missing.items():
        named = {"item": item_name(item), "text": wanted[item]}
        if judged.rendered:
            parts.append(_("{item} {text} is not visible on the rendered page: {how}").format(**named, how=hidden))
        elif hidden:
            parts.append(
                _("{item} {text} is not in the visible text (it appears only at {where}, which is not visible)").format(
                    **named, where=hidden
                )
            )
        else:
            parts.append(_("{item} {text} is not in the visible text").format(**named))
    message = _("{page}: {problems} ({action})").format(page=page, problems=join(parts), action=obligation.action)
    return Finding(obligation.id, str(page), Verdict.FAIL, message, clause, data, check.licence, judged.seconds)


def item_name(item: str) -> str:
    """What a page must show, as people read it (`licence-number` in English, 许可证编号 in Chinese)."""
    names = {
        "licence-number": pgettext("page item", "licence-number"),
        "company-name": pgettext("page item", "company-name"),
    }
    return names.get(item, item)


def _both(texts: list[str]) -> str:
    """`a and b` (a和b)."""
    shown = texts[0] if texts else ""
    for text in texts[1:]:
        shown = _("{first} and {second}").format(first=shown, second=text)
    return shown


def _page_line(check: PageCheck, judged: PageJudgement) -> int:
    """The line of the page's source that a finding concerns: where the first missing text
    appears (hidden), else where the first wanted text appears; 1 if the source lacks it."""
    from licencecheck.checks.pages import IDENTIFIERS, fold, source_line
    from licencecheck.inputs import read_text

    source = read_text(check.page, what="page")
    items = list(judged.missing) or list(check.wanted)
    lines = [source_line(source, fold(check.wanted[item]), item in IDENTIFIERS) for item in items]
    return next((line for line in lines if line is not None), 1)


def retention_findings(gate: GateInput, portfolio: Portfolio, notes: list[str]) -> list[Finding]:
    """The declared retention against every minimum-retention rule of every licence."""
    findings: list[Finding] = []
    for licence in portfolio:
        duties = licence.obligations_with(models.MinimumRetention)
        if not duties:
            notes.append(
                _("data_retention_days is not checked against {licence}: it has no minimum-retention rule").format(
                    licence=licence.number
                )
            )
        for obligation, rule in duties:
            found = _retention_finding(gate, obligation, rule)
            found.licence = licence.number
            findings.append(found)
    return findings


def _retention_finding(gate: GateInput, obligation: models.Obligation, rule: models.MinimumRetention) -> Finding:
    from licencecheck.periods import period, shift

    days = gate.manifest.data_retention_days
    assert days is not None
    required = (shift(gate.on, rule.amount, rule.unit) - gate.on).days
    clause = obligation.citation
    data = {"declared_days": days, "required_days": required, "location": _location(gate, ("data_retention_days",))}
    minimum = _("{description}: {period}, {required} days counted from {day}").format(
        description=rule.description, period=period(rule.amount, rule.unit), required=required, day=day(gate.on)
    )
    if days >= required:
        verdict, message = Verdict.PASS, _("{days} days meets the minimum ({minimum})")
    else:
        verdict, message = Verdict.FAIL, _("{days} days is below the minimum ({minimum})")
    message = message.format(days=days, minimum=minimum)
    return Finding(obligation.id, "data_retention_days", verdict, message, clause, data)


def retention_class_findings(gate: GateInput, portfolio: Portfolio) -> list[Finding]:
    """Each class of data that a rule applies to: the declared days against the strictest rule of
    that class (the licences' and the rulebook's), naming it; a class with a rule but no declared
    days is a warning (it cannot be confirmed)."""
    from licencecheck.periods import shift

    findings = []
    for data_class, rules in _class_rules(portfolio).items():
        required, description, citation, number = max(
            ((shift(gate.on, a, u) - gate.on).days, d, c, n) for a, u, d, c, n in rules
        )
        declared = gate.manifest.retention.get(data_class)  # type: ignore[call-overload]
        data = {"data_class": data_class, "declared_days": declared, "required_days": required}
        data["location"] = _location(gate, ("retention", data_class) if declared is not None else ("retention",))
        rule = _("{description}, {required} days counted from {day}").format(
            description=description, required=required, day=day(gate.on)
        )
        if declared is None:
            message = _(
                "retention of {data_class} is not declared, so the minimum ({rule}) cannot be confirmed"
            ).format(data_class=data_class, rule=rule)
            findings.append(Finding("retention", data_class, Verdict.WARN, message, citation, data, number))
            continue
        if declared >= required:
            verdict, message = Verdict.PASS, _("{data_class}: {days} days meets the strictest minimum ({rule})")
        else:
            verdict, message = Verdict.FAIL, _("{data_class}: {days} days is below the strictest minimum ({rule})")
        message = message.format(data_class=data_class, days=declared, rule=rule)
        findings.append(Finding("retention", data_class, verdict, message, citation, data, number))
    return findings


def _class_rules(portfolio: Portfolio) -> dict[str, list[tuple[int, str, str, str, str | None]]]:
    """(amount, unit, description, citation, licence) of every retention rule, by data class."""
    from licencecheck.rulebook import retention_rules

    rules: dict[str, list[tuple[int, str, str, str, str | None]]] = {}
    for licence in portfolio:
        for obligation, rule in licence.obligations_with(models.MinimumRetention):
            if rule.data_class is not None:
                own = (rule.amount, rule.unit, rule.description, obligation.citation, licence.number)
                rules.setdefault(rule.data_class, []).append(own)
        for statute in retention_rules(licence):
            cited = _("regulation: {article}").format(article=statute.basis.cite())
            rules.setdefault(statute.data_class, []).append(
                (statute.amount, statute.unit, statute.description, cited, None)
            )
    return rules


@dataclass(frozen=True)
class RenderOptions:
    """`--render`: which browser (None: look for one), and where screenshots go (None: nowhere)."""

    browser: Path | None = None
    evidence: Path | None = None
    written: list[tuple[Path, str | bytes]] = field(default_factory=list)
    """The evidence files the run made, for the CLI to write with its other outputs."""


@dataclass(frozen=True)
class GateRequest:
    manifest: Path
    licences: tuple[Path, ...] = ()
    strict: bool = False
    render: bool = False
    browser: Path | None = None
    evidence: Path | None = None


def run_gate_request(request: GateRequest) -> Report:
    gate = load_manifest(request.manifest)
    render = None
    if request.render or gate.manifest.render:
        from licencecheck.browser.locate import require_playwright

        require_playwright()
        _check_evidence_folder(request.evidence)
        render = RenderOptions(request.browser, request.evidence)
    elif request.browser is not None or request.evidence is not None:
        option = "--browser" if request.browser is not None else "--evidence"
        raise InputError(
            _("{option} applies to rendered pages: add --render (or render: true in the manifest)").format(
                option=option
            )
        )
    return run_gate(gate, gate_portfolio(gate, request.licences), strict=request.strict, render=render)


def gate_portfolio(gate: GateInput, options: tuple[Path, ...]) -> Portfolio:
    """The manifest's `licences:` (relative to it), else --licence / $LICENCECHECK_LICENCE / the
    bundled licence. When both name licences they must name the same ones."""
    import os

    from licencecheck.datafiles import LICENCE_ENV_VAR
    from licencecheck.portfolio import load_portfolio

    if not gate.manifest.licences:
        return load_portfolio(options)
    portfolio = load_portfolio([gate.path.parent / entry for entry in gate.manifest.licences])
    if options or os.environ.get(LICENCE_ENV_VAR):
        given = load_portfolio(options)
        if set(given.numbers) != set(portfolio.numbers):
            raise InputError(
                _(
                    "{where}: licences: the manifest names {manifest}, but --licence or ${variable} names {given}; "
                    "name them in one place"
                ).format(
                    where=gate.document.where(("licences",)),
                    manifest=portfolio.label,
                    variable=LICENCE_ENV_VAR,
                    given=given.label,
                )
            )
    return portfolio


def _check_evidence_folder(folder: Path | None) -> None:
    """--evidence names a folder, or one to make inside an existing folder."""
    if folder is None or folder.is_dir():
        return
    if folder.exists():
        raise InputError(
            _("--evidence {folder}: is not a folder; name a folder for the screenshots").format(folder=folder)
        )
    if not folder.parent.is_dir():
        raise InputError(
            _("--evidence {folder}: the folder {parent} does not exist").format(folder=folder, parent=folder.parent)
        )


def run_gate(gate: GateInput, portfolio: Portfolio, *, strict: bool, render: RenderOptions | None = None) -> Report:
    """All checks, all reported; an input that could not be checked is an error finding (exit 2)."""
    from licencecheck.checks.scope import ScopeIndex

    manifest = gate.manifest
    if manifest.licence is not None and manifest.licence not in portfolio.numbers:
        raise InputError(
            _("{where}: the manifest is for licence {licence}, but the licence in use is {licences}").format(
                where=gate.document.where(("licence",)), licence=manifest.licence, licences=listing(portfolio.numbers)
            )
        )
    title = _("Release gate for {licences} on {day}").format(licences=listing(portfolio.numbers), day=day(gate.on))
    report = Report(
        command="gate",
        licence_number=portfolio.label,
        licences=portfolio.numbers,
        on=gate.on,
        strict=strict,
        title=title,
    )
    report.extra["manifest"] = str(gate.path)
    report.context |= {"licences": portfolio.licences, "timeline": partial(_timeline, gate, portfolio)}
    renewals = _renewals(gate, portfolio)
    scope = ScopeIndex.build(portfolio.licences, gate.on, renewals)
    report.findings += _timed(
        lambda: [_validity_finding(gate, licence, renewals.get(licence.number)) for licence in portfolio]
    )
    report.findings += _timed(lambda: _domain_findings(gate, scope)) + _timed(
        lambda: _service_findings(gate, portfolio)
    )
    report.findings += _timed(lambda: page_findings(gate, portfolio, scope, report.notes, render))
    if render is not None and render.evidence is not None:
        report.context |= {"files": render.written, "folders": (render.evidence,)}
    if manifest.data_retention_days is not None:
        report.findings += _timed(lambda: retention_findings(gate, portfolio, report.notes))
    if manifest.retention:
        report.findings += _timed(lambda: retention_class_findings(gate, portfolio))
    if manifest.records is not None:
        found = _timed(lambda: records_findings(gate, portfolio))
        report.findings += found
        others = [number for number in portfolio.numbers if number != found[0].licence]
        if others:
            report.notes.append(
                _(
                    "records: {records} is for {licence}; nothing overdue was checked for {others} "
                    "(run `licencecheck deadlines --records FILE` for each licence)"
                ).format(records=manifest.records, licence=found[0].licence, others=listing(others))
            )
    report.extra["rules"] = rule_help(portfolio)
    return report


def _timed(check: Callable[[], list[Finding]]) -> list[Finding]:
    """Run one group of checks; each finding not timed on its own gets an even share of its time."""
    import time

    started = time.perf_counter()
    findings = check()
    unmeasured = [f for f in findings if f.seconds is None]
    spent = time.perf_counter() - started - sum(f.seconds for f in findings if f.seconds is not None)
    for finding in unmeasured:
        finding.seconds = max(0.0, spent) / len(unmeasured)
    return findings


def _timeline(gate: GateInput, portfolio: Portfolio) -> Report:
    """The licences' dates on the release day, with the manifest's records (an HTML report's chart)."""
    from licencecheck.checks.deadlines import load_portfolio_records, portfolio_timeline

    records = gate.manifest.records
    loaded = load_portfolio_records((gate.path.parent / records,), portfolio, gate.on) if records else {}
    return portfolio_timeline(portfolio, gate.on, loaded)


def _renewals(gate: GateInput, portfolio: Portfolio) -> dict[str, date]:
    """When the manifest's records show a renewal application: its date, by licence."""
    from licencecheck.checks.deadlines import load_portfolio_records
    from licencecheck.checks.validity import renewal_filing

    if gate.manifest.records is None:
        return {}
    loaded = load_portfolio_records((gate.path.parent / gate.manifest.records,), portfolio, gate.on)
    found = {number: renewal_filing(licence, loaded.get(number)) for licence in portfolio if (number := licence.number)}
    return {number: filed for number, filed in found.items() if filed is not None}


def _validity_finding(gate: GateInput, licence: models.Licence, renewal_filed: date | None) -> Finding:
    from licencecheck.checks.validity import check_validity

    where = _location(gate, ("release_date",) if gate.manifest.release_date else ())
    found = check_validity(licence, gate.on, gate.manifest.warn_days, renewal_filed)
    return _located(found, "validity", where)


def _domain_findings(gate: GateInput, scope: ScopeIndex) -> list[Finding]:
    from licencecheck.checks.scope import check_target

    findings = []
    for i, domain in enumerate(gate.manifest.domains):
        found = check_target(scope, domain)
        findings.append(_located(found, "scope", _location(gate, ("domains", i))))
    return findings


def _service_findings(gate: GateInput, portfolio: Portfolio) -> list[Finding]:
    """Each service across the licences; in each of its regions (its own, else the manifest's
    `regions:`), which the grant permitting it must cover."""
    from licencecheck.catalogue import load_catalogue
    from licencecheck.checks.business import BusinessIndex, check_portfolio_term, unknown_term

    if not gate.manifest.services and gate.manifest.regions:
        raise InputError(
            _("{where}: regions are checked against services; none declared").format(
                where=gate.document.where(("regions",))
            )
        )
    shared = [_region(gate, ("regions", i), term) for i, term in enumerate(gate.manifest.regions)]
    catalogue = load_catalogue()
    indexes = [BusinessIndex(licence, catalogue) for licence in portfolio]
    findings = []
    for i, declared in enumerate(gate.manifest.services):
        term, regions = _service_and_regions(gate, i, declared, shared)
        cleaned = term.strip(" \t\r\n\u3000")
        entry = catalogue.lookup(cleaned)
        checked = (
            [check_portfolio_term(indexes, cleaned, entry, gate.on, region) for region in regions or [None]]
            if entry
            else [unknown_term(indexes[0], term, "service")]
        )
        findings += [_located(found, "business", _location(gate, ("services", i))) for found in checked]
    return findings


def _service_and_regions(
    gate: GateInput, index: int, declared: str | ServiceEntry, shared: list[Any]
) -> tuple[str, list[Any]]:
    if isinstance(declared, str):
        return declared, shared
    own = [_region(gate, ("services", index, "regions", j), term) for j, term in enumerate(declared.regions)]
    return declared.service, own


def _region(gate: GateInput, loc: tuple[str | int, ...], term: str) -> Any:
    """A manifest's region term as a division; unknown: exit 2 at its line."""
    from licencecheck.checks.business import region_of
    from licencecheck.datafiles import dotted

    return region_of(term, what=f"{gate.document.where(loc)}: {dotted(loc)}")


def _clause_text(licence: models.Licence, clauses: list[str]) -> str:
    return "\n".join(
        _("特别规定事项 {clause}: {text}").format(clause=c, text=licence.provision(c).text) for c in clauses
    )


def rule_help(portfolio: Portfolio) -> dict[str, dict[str, str]]:
    """For SARIF and JUnit: what each check rests on, in the licences' words (from the data); a
    rule several licences share gathers each one's help."""
    rules: dict[str, dict[str, str]] = {}
    for licence in portfolio:
        prefix = f"{licence.number}: " if len(portfolio) > 1 else ""
        for rule_id, rule in _licence_rules(licence).items():
            help_text = prefix + rule["help"]
            if rule_id in rules:
                rules[rule_id]["help"] += "\n" + help_text
            else:
                rules[rule_id] = {"name": rule["name"], "help": help_text}
    return rules


def _licence_rules(licence: models.Licence) -> dict[str, dict[str, str]]:
    grants = "\n".join(_("{source}: {wording}").format(source=g.source, wording=g.wording) for g in licence.grants)
    websites = sorted({f"{site.name} {site.domain}" for g in licence.grants for site in g.websites})
    sources = join(dict.fromkeys(site.source for g in licence.grants for site in g.websites))
    dated = [o for o, _rule in licence.obligations_with(models.AnnualWindow)] + [
        o for o, _rule in licence.obligations_with(models.BeforeValidityEnd)
    ]
    deadline_clauses = list(dict.fromkeys(c for o in dated for c in o.clauses))
    validity = licence.validity
    rules = {
        "validity": {
            "name": _("licence in force"),
            "help": _("{source}: {issued} to {until}").format(
                source=validity.source, issued=day(validity.issued_on), until=day(validity.valid_until)
            ),
        },
        "scope": {
            "name": _("domain listed on the licence"),
            "help": _("{sources}: {websites}").format(sources=sources, websites=listing(websites)),
        },
        "business": {"name": _("service within the grants"), "help": grants},
        "records": {"name": _("nothing overdue"), "help": _clause_text(licence, deadline_clauses)},
    }
    checked = [
        o
        for kind in (models.Display, models.AdvertDisclosure, models.MinimumRetention)
        for o, _rule in licence.obligations_with(kind)
    ]
    for obligation in checked:
        rules[obligation.id] = {"name": obligation.action, "help": _clause_text(licence, obligation.clauses)}
    return rules


def records_findings(gate: GateInput, portfolio: Portfolio) -> list[Finding]:
    """Nothing overdue for the licence the records file names (with one licence, for it)."""
    from licencecheck.checks.deadlines import deadlines_report, load_portfolio_records
    from licencecheck.workdays import WorkCalendar

    assert gate.manifest.records is not None
    loaded = load_portfolio_records((gate.path.parent / gate.manifest.records,), portfolio, gate.on)
    number, records = next(iter(loaded.items()))
    licence = portfolio.by_number(number)
    assert licence is not None
    deadlines = deadlines_report(
        licence, gate.on, records=records, events=[], calendar=WorkCalendar(), horizon=0, strict=False
    )
    location = _location(gate, ("records",))
    overdue = [f for f in deadlines.findings if f.check == "deadlines" and f.data.get("status") == Status.OVERDUE]
    if overdue:
        found = [_located(f, "records", location) for f in overdue]
    else:
        message = _("nothing overdue on {day} for {licence} according to {records}").format(
            day=day(gate.on), licence=number, records=gate.manifest.records
        )
        clauses = "、".join(
            dict.fromkeys(c for f in deadlines.findings if f.check == "deadlines" for c in f.clause.split("、"))
        )
        found = [Finding("records", gate.manifest.records, Verdict.PASS, message, clauses, {"location": location})]
    for finding in found:
        finding.licence = number
    return found
