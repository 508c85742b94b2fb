"""Import a licence text: read every part, assemble the licence, write it as YAML and check
that the YAML reads back. Returns an `ImportResult`; raises InputError for a text that is not a
licence (nothing is written then)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from licencecheck.catalogue import Catalogue, load_catalogue
from licencecheck.errors import InputError
from licencecheck.i18n import N_, _, pgettext, quote
from licencecheck.importing import build
from licencecheck.importing.emit import comment_lines, mapping_lines
from licencecheck.importing.facts import Number, find_numbers, other_numbers, read_facts
from licencecheck.importing.grants import ParsedGrant, read_grants
from licencecheck.importing.normalise import Line, lines_of
from licencecheck.importing.parsed import Gap, Notes
from licencecheck.importing.provisions import ParsedProvision, read_provisions
from licencecheck.importing.recognise import Recognised, add_missed, find_obligations, recognise
from licencecheck.importing.sections import split_sections
from licencecheck.importing.source import Source
from licencecheck.importing.templates import ProvisionTemplates, load_templates
from licencecheck.importing.websites import WebsiteBlock, read_websites

HEADING = "增值电信业务经营许可证"


@dataclass(frozen=True)
class ImportResult:
    """The YAML text, the gaps (each with its text line) and the summary for stderr."""

    source: str
    number: str
    yaml_text: str
    gaps: list[Gap]
    summary: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.gaps


@dataclass
class _Context:
    source: Source
    number: Number
    catalogue: Catalogue
    templates: ProvisionTemplates
    numbers: list[Number]
    """Every licence number in the text, `number` first."""
    notes: Notes = field(default_factory=Notes)
    unmatched: list[str] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)
    """The text line each part of the licence file was read from, by its path (`validity.valid_until`,
    `grants[0]`), so that a rule the file breaks is reported where the text says it."""


def import_licence(source: Source) -> ImportResult:
    lines = lines_of(source.text)
    numbers = find_numbers(lines)
    number = numbers[0] if numbers else None
    if number is None or not any(HEADING in line.text for line in lines):
        if number is None:
            said = _("{name}: not a licence text: no licence number (经营许可证编号); nothing was written")
        else:
            said = _("{name}: not a licence text: no {heading} heading; nothing was written")
        raise InputError(said.format(name=source.name, heading=HEADING))
    context = _Context(source, number, load_catalogue(), load_templates(), numbers)
    data = assemble(lines, context)
    text = render(data, context)
    problems = check(text, context)
    if problems:
        text = render(data, context, problems)
    return ImportResult(source.name, number.text, text, list(context.notes.gaps), summary(data, context))


def assemble(lines: list[Line], context: _Context) -> dict[str, Any]:
    notes, catalogue = context.notes, context.catalogue
    number_gap = other_numbers(context.numbers, notes)
    if number_gap is not None:
        context.number = replace(context.number, disputed=True)
    number = context.number
    sections = split_sections(lines)
    facts = read_facts(sections.main, number, notes)
    context.lines.update(facts.lines)
    grants = read_grants(sections.main, catalogue, notes)
    blocks = read_websites(sections.websites, notes)
    provisions = read_provisions(sections.provisions, notes)
    context.lines.update({f"provisions[{i}]": provision.line for i, provision in enumerate(provisions)})
    recognised = [recognise(p.text, context.templates) for p in provisions]
    grant_of = _grant_groups(provisions, recognised, grants, context)
    data: dict[str, Any] = {
        "schema_version": 1,
        "number": number_gap or number.text,
        "number_parts": build.number_parts(number, catalogue, notes),
        "holder": facts.holder,
        "legal_representative": facts.representative,
        "issuing_authority": build.authority(facts),
        "validity": build.validity(facts, number, notes),
        "grants": _grants(grants, grant_of, blocks, context),
        "provisions": _provisions(provisions, recognised, grant_of, context),
    }
    if not provisions:
        line = sections.provisions_heading or (lines[-1].number if lines else 1)
        data["provisions"] = notes.gap(_("no special provisions (特别规定事项, 一、…) found"), line)
    triples = [(p.clause, p.text, p.line) for p in provisions]
    obligations = find_obligations(triples, context.templates, notes)
    carried = [(p.clause, p.line, facts) for p, facts in zip(provisions, recognised, strict=True)]
    obligations = add_missed(obligations, carried, context.templates, notes)
    data["obligations"] = [build.obligation_data(o) for o in obligations]
    with_rules = {clause for obligation in obligations for clause in obligation.clauses}
    context.unmatched = [item for item in context.unmatched if item.split(" ")[0] not in with_rules]
    return data


def _grant_groups(
    provisions: list[ParsedProvision], recognised: list[Recognised], grants: list[ParsedGrant], context: _Context
) -> dict[str, str]:
    """clause → grant code, for each provision that opens a grant's own group; a group for a
    business no grant was read for is a gap (a grant is missing)."""
    codes = [grant.code for grant in grants]
    found: dict[str, str] = {}
    for provision, facts in zip(provisions, recognised, strict=True):
        if facts.business is None:
            continue
        code = build.service_code(facts.business, context.catalogue)
        if code is not None and code in codes:
            found[provision.clause] = code
            continue
        missing = _("clause {clause} governs {business}, but no such grant was read from the 正文").format(
            clause=provision.clause, business=facts.business
        )
        gap = context.notes.gap(missing, provision.line)
        grants.append(ParsedGrant(gap, facts.business, provision.line, missing=True))
    return found


def _grants(grants: list[ParsedGrant], grant_of: dict[str, str], blocks: list[WebsiteBlock], context: _Context) -> Any:
    notes = context.notes
    if not grants:
        return notes.gap(_("no grant (业务种类（服务项目）及覆盖范围) found"), context.number.line)
    present = [grant for grant in grants if not grant.missing]
    sites = build.website_lists(present, blocks, context.catalogue, notes)
    _check_categories(present, context)
    result: list[Any] = []
    for grant, websites in zip(present, sites, strict=True):
        clauses = [clause for clause, code in grant_of.items() if code == grant.code]
        result.append(build.grant_data(grant, context.number, clauses, websites, notes))
    missing = [grant for grant in grants if grant.missing]
    context.lines.update({f"grants[{i}]": grant.line for i, grant in enumerate(present + missing)})
    return result + [grant.code for grant in missing]


def _check_categories(grants: list[ParsedGrant], context: _Context) -> None:
    """Remarks where a grant's printed category or catalogue category disagrees with the number,
    or its qualifiers are terms the catalogue does not know."""
    catalogue = context.catalogue
    for grant in grants:
        if isinstance(grant.code, Gap):
            continue
        chain = [grant.code, *(entry.id for entry in catalogue.ancestors(catalogue.by_id[grant.code]))]
        category = next((code for code in chain if code in ("B1", "B2")), None)
        remarks = context.notes.remarks
        unknown = [term for term in (*grant.limited_to, *grant.excluding) if catalogue.lookup(term) is None]
        remarks += [
            _(
                "grant {code}: the business catalogue does not know {term}; `licencecheck business` "
                "refuses this licence until it does"
            ).format(code=grant.code, term=quote(term))
            for term in unknown
        ]
        if grant.category is not None and grant.category != category:
            said = _("grant {code} is printed as {printed} but is a {category} service")
            remarks.append(said.format(code=grant.code, printed=grant.category, category=category))
        if category is not None and category not in context.number.categories:
            said = _("grant {code} is a {category} service, which the number does not name")
            remarks.append(said.format(code=grant.code, category=category))


def _provisions(
    provisions: list[ParsedProvision], recognised: list[Recognised], grant_of: dict[str, str], context: _Context
) -> list[dict[str, Any]]:
    result = []
    for provision, facts in zip(provisions, recognised, strict=True):
        facts.service = _canonical(facts.service, _SERVICE_TYPE, provision.clause, context)
        facts.requires_approval = _canonical(facts.requires_approval, _SERVICE, provision.clause, context)
        if not facts.matched:
            context.unmatched.append(f"{provision.clause} {facts.title}")
        result.append(
            build.provision_data(
                provision.clause, provision.parent, provision.text, facts, grant_of.get(provision.clause),
                context.notes, provision.line,
            )
        )  # fmt: skip
    return result


_SERVICE_TYPE = N_("clause {clause}: the business catalogue does not know the service type {name}")
_SERVICE = N_("clause {clause}: the business catalogue does not know the service {name}")


def _canonical(name: str | None, unknown: str, clause: str, context: _Context) -> str | None:
    """The catalogue's own name for a service the licence names (及 for 和 and the like); where
    the catalogue has none, the remark `unknown` (`_SERVICE_TYPE` or `_SERVICE`)."""
    if name is None:
        return None
    entry = context.catalogue.entry_for_name(name)
    if entry is None:
        context.notes.remarks.append(_(unknown).format(clause=clause, name=quote(name)))
        return name
    return entry.name


_BLANK_BEFORE = {"number", "holder", "issuing_authority", "validity", "grants"}
_SECTION_COMMENTS = {
    "provisions": N_(
        "特别规定事项, as read: `clause` is how the licence numbers it; sub-items name their parent.\n"
        "Titles come from data/provision_templates.yaml, or from the text where no template matched."
    ),
    "obligations": N_(
        "Obligations recognised from the provisions' wording (data/provision_templates.yaml), in that\n"
        "file's order; one obligation lists every clause that carries it."
    ),
}
"""The comment above a part of the file: one message, whose lines are the comment's lines."""


def render(data: dict[str, Any], context: _Context, problems: list[str] | None = None) -> str:
    lines = header(context, problems or [])
    for key, value in data.items():
        if key in _SECTION_COMMENTS:
            lines += ["", *comment_lines(_(_SECTION_COMMENTS[key]).splitlines())]
        elif key in _BLANK_BEFORE:
            lines.append("")
        lines += mapping_lines({key: value})
    return "\n".join(lines) + "\n"


def header(context: _Context, problems: list[str]) -> list[str]:
    from licencecheck.safetext import printable

    source = printable(context.source.name, keep_newlines=False)
    said = _(
        "Value-added telecom business licence {number} (增值电信业务经营许可证), imported by\n"
        "`licencecheck import` from {source} ({kind}).\n"
        "Check every fact against the licence itself before relying on this file. OCR artefacts were\n"
        "normalised to the licence's Chinese punctuation; anything not printed on the licence is marked\n"
        "`inferred` with what it was inferred from."
    )
    lines = said.format(number=context.number.text, source=source, kind=kind_name(context.source.kind)).splitlines()
    gaps = [gap for gap in context.notes.gaps if not gap.broken_rule]
    if gaps:
        lines += (
            _(
                "GAPS: {count} fact(s) could not be read. Each is `null` with a `# GAP:` comment;\n"
                "`licencecheck validate` refuses this file until a person fills them in."
            )
            .format(count=len(gaps))
            .splitlines()
        )
    if problems:
        lines += [_("DOES NOT VALIDATE: the licence as read breaks these rules; correct them by hand:")]
        lines += [f"  {problem}" for problem in problems]
    return comment_lines(lines)


def kind_name(kind: str) -> str:
    """What kind of text a source is (`Source.kind`), in the language of the run."""
    if kind == "PDF text layer":
        return pgettext("licence source", "PDF text layer")
    return pgettext("licence source", "text")


def check(text: str, context: _Context) -> list[str]:
    """Read the YAML back with the strict loader; without gaps it must pass `validate` (the
    model's rules, and only service names the catalogue knows), and each rule it breaks becomes
    a gap too (the file then fails validation, as a gap's null does)."""
    from pydantic import ValidationError

    from licencecheck.checks.licence_files import catalogue_unknowns
    from licencecheck.datafiles import describe_errors, dotted
    from licencecheck.models import Licence
    from licencecheck.strictyaml import parse_yaml

    document = parse_yaml(text, "imported", what="licence file")
    if context.notes.gaps:
        return []
    try:
        licence = Licence.model_validate(document.data)
    except ValidationError as exc:
        problems = [re.sub(r"^imported:[0-9]+:[0-9]+[:：] ?", "", line) for line in describe_errors(document, exc)]
    else:
        problems = [
            _("{path}: {name} is not a service the business catalogue knows").format(path=dotted(loc), name=quote(name))
            for loc, name in catalogue_unknowns(licence, context.catalogue)
        ]
    for problem in problems:
        said = _("the licence as read does not validate: {problem}").format(problem=problem)
        context.notes.gap(said, _line_of(problem, context), broken_rule=True)
    return problems


def _line_of(problem: str, context: _Context) -> int:
    """The text line a rule the file breaks was read from: the one recorded for the longest
    prefix of the problem's path (`validity.valid_until` → the 有效期限 line); else the number's."""
    path = re.split(r": |：", problem, maxsplit=1)[0]
    found = [key for key in context.lines if path == key or path.startswith((f"{key}.", f"{key}["))]
    return context.lines[max(found, key=len)] if found else context.number.line


def summary(data: dict[str, Any], context: _Context) -> list[str]:
    grants = data["grants"] if isinstance(data["grants"], list) else []
    provisions = data["provisions"] if isinstance(data["provisions"], list) else []
    sites = sum(len(g["websites"]) for g in grants if isinstance(g, dict))
    said = _(
        "read {source} ({kind}): licence {number}, {grants} grant(s), {websites} website(s), "
        "{provisions} provision(s), {obligations} obligation(s)"
    )
    lines = [
        said.format(
            source=context.source.name,
            kind=kind_name(context.source.kind),
            number=context.number.text,
            grants=len(grants),
            websites=sites,
            provisions=len(provisions),
            obligations=len(data["obligations"]),
        )
    ]
    lines += [
        _("inferred {what}: {value} ({reason})").format(what=i.what, value=i.value, reason=i.reason)
        for i in context.notes.inferences
    ]
    lines += context.notes.remarks
    lines += [_("no machine rule (title taken from the text): {item}").format(item=item) for item in context.unmatched]
    return lines
