"""The licence file's schema: pydantic models with cross-field checks.

The models hold no licence facts; they say what shape the facts must have and which of them
must agree with each other (the licence number and its parts, the dates, the clause references).
"""

import calendar
import re
from datetime import date
from typing import Annotated, Literal, Self, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from licencecheck.dates import EARLIEST, LATEST
from licencecheck.hostnames import HostError, check_ascii_labels
from licencecheck.i18n import N_, _, join, listing, quote
from licencecheck.i18n import day as show_day
from licencecheck.regions import NATIONWIDE, REGION_NAMES, REGIONS, by_abbreviation

Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=False)]
ClauseRef = Annotated[
    str,
    StringConstraints(pattern=r"^[一二三四五六七八九十]+(\([一二三四五六七八九十]+\))?$"),
    Field(description="A clause of the special provisions as the licence numbers it, e.g. 十四 or 十五(三)."),
]
CatalogueCode = Annotated[
    str,
    StringConstraints(pattern=r"^[AB][12]([0-9](-[0-9])?)?$"),
    Field(description="A code of the telecom business classification catalogue, e.g. B2, B21 or B24-1."),
]
RegionName = Annotated[
    str,
    WithJsonSchema({"type": "string", "enum": [NATIONWIDE, *(region.name for region in REGIONS)]}),
]
ObligationId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]

Problem = tuple[tuple[str | int, ...], str]
"""A location in the data and what is wrong there."""

LICENCE_NUMBER = re.compile(
    r"^(?:(?P<foreign>合字)|(?P<province>[\u4e00-\u9fff]))?"
    r"(?P<categories>[AB][12](?:\.[AB][12])*)-(?P<year>[0-9]{4})(?P<serial>[0-9]{4})$"
)


DATE_MIN, DATE_MAX = EARLIEST, LATEST
"""Every date in a data file lies in the range the tool reasons about (licencecheck.dates)."""

LOCATED_PROBLEMS = "located_problems"
"""The pydantic error type of `located`: the loader reports each problem at its own position."""

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NOT_A_DAY = {
    "month must be in 1..12": N_("month must be in 1..12"),
    "day is out of range for month": N_("day is out of range for month"),
    "year 0 is out of range": N_("year 0 is out of range"),
}
"""Why `date.fromisoformat` refused a day, for the catalogue (others are said as Python says them)."""


def located(problems: list[Problem]) -> PydanticCustomError:
    """One validation error carrying several (location, message) problems, each located relative
    to the model that raises it."""
    summary = join(message for _where, message in problems)
    return PydanticCustomError(LOCATED_PROBLEMS, "{summary}", {"summary": summary, "problems": problems})


def parse_iso_date(value: object) -> date:
    """A date from `YYYY-MM-DD` text only (or a `date` built in Python), within DATE_MIN..DATE_MAX.

    Integers (which pydantic would read as Unix timestamps), floats, booleans, datetimes and any
    other spelling are refused."""
    if type(value) is date:
        day = value
    elif isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            day = date.fromisoformat(value)
        except ValueError as exc:
            reason = _NOT_A_DAY.get(str(exc))
            said = _(reason) if reason is not None else str(exc)
            raise PydanticCustomError("date_value", _("not a real day ({reason})"), {"reason": said}) from None
    else:
        raise PydanticCustomError("date_type", _("write a date as YYYY-MM-DD text, e.g. 2026-10-20"))
    if not DATE_MIN <= day <= DATE_MAX:
        raise PydanticCustomError(
            "date_range",
            _("{day} is outside the dates a data file may hold ({low} to {high})"),
            {"day": show_day(day), "low": show_day(DATE_MIN), "high": show_day(DATE_MAX)},
        )
    return day


def integer_only(value: object) -> object:
    """Refuse what is not an integer before a Literal sees it (Literal[1] would accept True and 1.0)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise PydanticCustomError("int_type", _("Input should be a valid integer"))
    return value


IsoDate = Annotated[
    date,
    BeforeValidator(parse_iso_date),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": f"YYYY-MM-DD, from {DATE_MIN} to {DATE_MAX}.",
        }
    ),
]
"""A date in a data file: `YYYY-MM-DD` text only, within DATE_MIN..DATE_MAX."""

SchemaVersion = Annotated[Literal[1], BeforeValidator(integer_only)]


class StrictModel(BaseModel):
    """The base of every data-file model: unknown keys are errors, values are never coerced
    (no "400" for 400, no 1 for true), and instances are immutable.

    A subclass reports cross-field problems at their own positions by overriding
    `located_problems`; the loader then names file:line:column for each."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)

    @model_validator(mode="after")
    def _no_located_problems(self) -> Self:
        problems = self.located_problems()
        if problems:
            raise located(problems)
        return self

    def located_problems(self) -> list[Problem]:
        """(location relative to this model, message) for each cross-field problem; none by default."""
        return []


def provision_label(clause: str) -> str:
    """A clause of the special provisions as people cite it: `特别规定事项 十四` (no space in Chinese)."""
    # TRANSLATORS: the licence's own term; Chinese writes it without the space.
    return _("特别规定事项 {clause}").format(clause=clause)


class Wording(StrictModel):
    """A note of the data file's author in more than one language: `{en: ..., zh: ...}`. The run's
    language is shown where it is given, else the other (see `said`); a plain string is shown
    as it is in every language."""

    en: Text | None = None
    zh: Text | None = None

    def located_problems(self) -> list[Problem]:
        if self.en is None and self.zh is None:
            return [((), _("give the note in at least one language: `en`, `zh` or both"))]
        return []


Note = Annotated[
    Text | Wording,
    Field(description="A note for people: a string, or {en: ..., zh: ...} to give it in both languages."),
]


def said(note: str | Wording | None) -> str:
    """A note in the run's language ("" for none)."""
    from licencecheck.i18n import language

    if note is None or isinstance(note, str):
        return note or ""
    wanted, other = (note.zh, note.en) if language() == "zh" else (note.en, note.zh)
    return wanted or other or ""


class NumberParts(StrictModel):
    """What the licence number encodes, read from the number (inferences: the licence prints only
    the number); must agree with the number itself."""

    province_abbreviation: str | None = Field(description="e.g. 渝; null for a licence the Ministry issues")
    province: str | None
    categories: list[Annotated[str, StringConstraints(pattern=r"^[AB][12]$")]] = Field(min_length=1)
    category_names: dict[str, Text]
    year: int = Field(ge=1990, le=2100)
    serial: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}$")]
    foreign_invested: bool = False
    source: Text


class Attribution(StrictModel):
    """A fact as printed on the licence, or inferred (and then said so, with the reason)."""

    as_printed: str | None
    printed_label: str | None = None
    note: Note | None = None
    inferred: str | None = None
    inferred_from: Note | None = None

    @model_validator(mode="after")
    def _inference_has_reason(self) -> Self:
        if self.inferred is not None and not self.inferred_from:
            raise ValueError(_("an inferred value needs `inferred_from` saying what it was inferred from"))
        if self.as_printed is None and self.inferred is None and not self.note:
            raise ValueError(_("give `as_printed`, or `inferred` with `inferred_from`, or a `note`"))
        return self


class CoverageArea(Attribution):
    """A grant's 业务覆盖范围: as printed or inferred, and as data in `regions`."""

    regions: list[RegionName] = Field(
        min_length=1,
        description="全国 (the whole country), or province-level divisions by full name (GB/T 2260), e.g. 重庆市.",
    )

    def located_problems(self) -> list[Problem]:
        problems: list[Problem] = [
            (
                ("regions", i),
                _("{name} is not 全国 nor a province-level division's full name (e.g. 四川省)").format(
                    name=quote(name)
                ),
            )
            for i, name in enumerate(self.regions)
            if name != NATIONWIDE and name not in REGION_NAMES
        ]
        if NATIONWIDE in self.regions and len(self.regions) > 1:
            problems.append((("regions",), _("全国 already covers every division; list it alone")))
        if len(set(self.regions)) != len(self.regions):
            problems.append((("regions",), _("a division is listed twice")))
        return problems


class ValidFrom(StrictModel):
    """The first day of the validity period, when it is not this certificate's issue date: a
    certificate re-issued after a change keeps the original term."""

    date: IsoDate
    as_printed: bool = Field(description="true: printed on the licence; false: inferred (say from what).")
    inferred_from: Note | None = None

    def located_problems(self) -> list[Problem]:
        if not self.as_printed and not self.inferred_from:
            return [(("inferred_from",), _("an inferred start needs `inferred_from` saying what it was inferred from"))]
        return []


class Validity(StrictModel):
    issued_on: IsoDate = Field(description="发证日期: the day this certificate was issued.")
    valid_from: ValidFrom | None = Field(
        default=None, description="The first day in force, if not the issue date (e.g. a re-issued certificate)."
    )
    valid_until: IsoDate = Field(description="The last day the licence is in force.")
    source: Text

    @property
    def start(self) -> date:
        """The first day in force: `valid_from`, else the issue date."""
        return self.valid_from.date if self.valid_from is not None else self.issued_on

    @property
    def start_inferred(self) -> bool:
        return self.valid_from is not None and not self.valid_from.as_printed

    def located_problems(self) -> list[Problem]:
        if self.valid_until <= self.issued_on:
            said = _("valid_until {until} must be after issued_on {issued}")
            return [(("valid_until",), said.format(until=show_day(self.valid_until), issued=show_day(self.issued_on)))]
        if self.valid_from is not None and self.valid_until <= self.valid_from.date:
            said = _("valid_until {until} must be after valid_from {start}")
            return [
                (("valid_until",), said.format(until=show_day(self.valid_until), start=show_day(self.valid_from.date)))
            ]
        return []


class Website(StrictModel):
    name: Text
    domain: str = Field(description="Lowercase ASCII host name; internationalised names in A-label (xn--) form.")
    server_location: Text
    access_provider: Text
    source: Text

    @field_validator("domain")
    @classmethod
    def _domain_syntax(cls, value: str) -> str:
        if value != value.lower() or value.endswith("."):
            raise ValueError(_("write the domain in lowercase without a trailing dot"))
        try:
            check_ascii_labels(value)
        except HostError as exc:
            raise ValueError(_("not a valid domain name: {reason}").format(reason=exc)) from None
        if "." not in value:
            raise ValueError(_("a licensed domain has at least two labels"))
        return value


class Grant(StrictModel):
    """One 业务种类 on the licence, with its limits, exclusions and websites (附页)."""

    code: CatalogueCode
    name: Text
    limited_to: list[Text] = Field(description="仅限…: the grant covers only these.")
    excluding: list[Text] = Field(description="不含…: these are excluded from the grant.")
    coverage_area: CoverageArea
    conditions: list[Text]
    wording: Text
    source: Text
    provisions: list[ClauseRef] = Field(description="Special provisions that govern this grant.")
    websites: list[Website]


class Provision(StrictModel):
    """One clause or sub-item of the 特别规定事项."""

    clause: ClauseRef
    parent: ClauseRef | None = None
    title: Text = Field(description="Our label for the clause (the licence prints no titles); `text` is the licence's.")
    text: Text
    applies_to_grant: CatalogueCode | None = None
    applies_to_service: Text | None = Field(
        default=None, description="The licence limits this sub-item to one service type (适用于…)."
    )
    requires_approval: list[Text] = Field(
        default_factory=list, description="Services this clause forbids without a separate approval."
    )
    governs_prior_approval: bool = Field(
        default=False, description="This clause subjects services that need prior approval by law to it."
    )

    @model_validator(mode="after")
    def _parent_matches_number(self) -> Self:
        head = self.clause.split("(")[0]
        if "(" in self.clause and self.parent != head:
            raise ValueError(_("sub-item {clause} must name parent {parent}").format(clause=self.clause, parent=head))
        if "(" not in self.clause and self.parent is not None:
            raise ValueError(_("clause {clause} is not a sub-item and has no parent").format(clause=self.clause))
        return self


class MonthDay(StrictModel):
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)

    def located_problems(self) -> list[Problem]:
        if (self.month, self.day) == (2, 29):
            return [(("day",), _("29 February is not in every year; a yearly window cannot start or end on it"))]
        if self.day > calendar.monthrange(2023, self.month)[1]:
            return [(("day",), _("month {month} has no day {day}").format(month=self.month, day=self.day))]
        return []


class AnnualWindow(StrictModel):
    kind: Literal["annual-window"]
    start: MonthDay
    end: MonthDay
    description: Text

    def located_problems(self) -> list[Problem]:
        if (self.end.month, self.end.day) < (self.start.month, self.start.day):
            return [(("end",), _("the window must end after it starts within one calendar year"))]
        return []


class _Period(StrictModel):
    """A period: `amount` `unit`, and the licence's wording of it."""

    amount: int = Field(gt=0)
    unit: Literal["days", "months", "years"]
    description: Text


class BeforeValidityEnd(_Period):
    kind: Literal["before-validity-end"]


class AfterEvent(_Period):
    kind: Literal["after-event"]
    trigger: Text
    unit: Literal["days", "working-days", "months", "years"]  # type: ignore[assignment]


class BeforeEvent(_Period):
    """Due `amount` days BEFORE a planned event (a change that needs notice in advance): the
    event may lie in the future (`deadlines --event ID=PLANNED-DATE`)."""

    kind: Literal["before-event"]
    trigger: Text
    unit: Literal["days"]


DataClass = Literal["transactions", "logs", "platform-data"]
"""Classes of data a retention rule or a release manifest names (`retention:` in the gate)."""


class MinimumRetention(_Period):
    kind: Literal["minimum-retention"]
    data_class: DataClass | None = Field(
        default=None, description="The class of data kept (for the gate's `retention:` by class)."
    )


class _Disclosure(StrictModel):
    """`must_show` items in `places`."""

    must_show: list[Literal["licence-number", "company-name"]] = Field(min_length=1)
    places: list[Text] = Field(min_length=1)


class Display(_Disclosure):
    """`must_show` items in `places`, on the site itself (the gate checks `pages`)."""

    kind: Literal["display"]


class AdvertDisclosure(_Disclosure):
    """`must_show` items in every advert for the service (the gate checks `adverts`)."""

    kind: Literal["advert-disclosure"]


Rule = Annotated[
    AnnualWindow | BeforeValidityEnd | AfterEvent | BeforeEvent | MinimumRetention | Display | AdvertDisclosure,
    Field(discriminator="kind"),
]
RuleT = TypeVar("RuleT", bound=StrictModel)


class Basis(StrictModel):
    """The article of a regulation a duty rests on (docs/regulations.md quotes it)."""

    instrument: Text = Field(description="e.g. 《电信业务经营许可管理办法》（工业和信息化部令第42号）")
    article: Text = Field(description="e.g. 第二十九条")
    verified: bool = Field(description="true: the article's text was checked and is quoted in docs/regulations.md.")

    def cite(self) -> str:
        return f"{self.instrument}{self.article}" + ("" if self.verified else _(" [unverified]"))


class Obligation(StrictModel):
    """A duty with a machine-readable rule; `id` is a stable contract used by commands and records.
    It rests on licence clauses, on a regulation (`basis`), or both."""

    id: ObligationId
    name: Text | None = Field(
        default=None, description="A short name for people, e.g. 年报; Chinese text shows it before the id."
    )
    clauses: list[ClauseRef] = Field(default_factory=list)
    basis: Basis | None = None
    action: Text
    rule: Rule
    alternative_to: ObligationId | None = Field(
        default=None, description="Either this duty or that one is owed (a filing for either discharges both)."
    )

    def located_problems(self) -> list[Problem]:
        if not self.clauses and self.basis is None:
            return [(("clauses",), _("name the licence clauses or the regulation (`basis`) the duty rests on"))]
        return []

    @property
    def citation(self) -> str:
        """Where the duty comes from: licence clauses (十四、十二), then `regulation: 《…》第…条`."""
        parts = ["、".join(self.clauses)] if self.clauses else []
        if self.basis is not None:
            parts.append(_("regulation: {article}").format(article=self.basis.cite()))
        return join(parts)


def _province_problems(parts: NumberParts) -> list[Problem]:
    """The province named must be the one the number's abbreviation stands for (GB/T 2260)."""
    if parts.province_abbreviation is None:
        if parts.province is not None:
            return [(("number_parts", "province"), _("a number without a province prefix names no province"))]
        return []
    region = by_abbreviation(parts.province_abbreviation)
    if region is None:
        said = _("{abbreviation} abbreviates no province").format(abbreviation=quote(parts.province_abbreviation))
        return [(("number_parts", "province_abbreviation"), said)]
    if parts.province != region.name:
        said = _("is {province} but {abbreviation} stands for {name}").format(
            province=quote(parts.province), abbreviation=region.abbreviation, name=region.name
        )
        return [(("number_parts", "province"), said)]
    return []


class Licence(StrictModel):
    """A value-added telecom business licence (增值电信业务经营许可证)."""

    schema_version: SchemaVersion
    number: Text
    number_parts: NumberParts
    holder: Text
    legal_representative: Text
    issuing_authority: Attribution
    validity: Validity
    grants: list[Grant] = Field(min_length=1)
    provisions: list[Provision]
    obligations: list[Obligation]

    def located_problems(self) -> list[Problem]:
        return [*self._number_problems(), *self._reference_problems()]

    def _number_problems(self) -> list[Problem]:
        match = LICENCE_NUMBER.match(self.number)
        if match is None:
            said = _("licence number {number} does not read as [province][categories]-YYYYnnnn")
            return [(("number",), said.format(number=quote(self.number)))]
        parts = self.number_parts
        problems: list[Problem] = []
        found = {
            "province_abbreviation": match["province"],
            "categories": match["categories"].split("."),
            "year": int(match["year"]),
            "serial": match["serial"],
            "foreign_invested": match["foreign"] is not None,
        }
        for field_name, value in found.items():
            if getattr(parts, field_name) != value:
                said = _("is {given} but the number {number} says {value}").format(
                    given=quote(getattr(parts, field_name)), number=self.number, value=quote(value)
                )
                problems.append((("number_parts", field_name), said))
        problems += _province_problems(parts)
        missing_names = sorted(set(parts.categories) - set(parts.category_names))
        if missing_names:
            said = _("lacks a name for {codes}").format(codes=listing(missing_names))
            problems.append((("number_parts", "category_names"), said))
        return problems

    def _reference_problems(self) -> list[Problem]:
        problems: list[Problem] = []
        seen: dict[tuple[str, str], int] = {}
        keyed = (
            [("grants", i, "code", g.code) for i, g in enumerate(self.grants)]
            + [("provisions", i, "clause", p.clause) for i, p in enumerate(self.provisions)]
            + [("obligations", i, "id", o.id) for i, o in enumerate(self.obligations)]
        )
        for section, index, key, value in keyed:
            if (section, value) in seen:
                said = _("duplicate {value}, already used at {place}").format(
                    value=quote(value), place=f"{section}[{seen[section, value]}]"
                )
                problems.append(((section, index, key), said))
            else:
                seen[section, value] = index
        codes = {grant.code for grant in self.grants}
        known = {provision.clause for provision in self.provisions}
        for i, provision in enumerate(self.provisions):
            if provision.parent is not None and provision.parent not in known:
                said = _("unknown clause {clause}").format(clause=provision.parent)
                problems.append((("provisions", i, "parent"), said))
            if provision.applies_to_grant is not None and provision.applies_to_grant not in codes:
                said = _("unknown grant {code}").format(code=provision.applies_to_grant)
                problems.append((("provisions", i, "applies_to_grant"), said))
        for i, grant in enumerate(self.grants):
            problems += [
                (("grants", i, "provisions", j), _("unknown clause {clause}").format(clause=c))
                for j, c in enumerate(grant.provisions)
                if c not in known
            ]
        for i, obligation in enumerate(self.obligations):
            problems += [
                (("obligations", i, "clauses", j), _("unknown clause {clause}").format(clause=c))
                for j, c in enumerate(obligation.clauses)
                if c not in known
            ]
        return problems

    # Convenience views used by the checks; they derive from the data, they add no facts.

    def provision(self, clause: str) -> Provision:
        for provision in self.provisions:
            if provision.clause == clause:
                return provision
        raise KeyError(clause)

    def obligations_with(self, rule_type: type[RuleT]) -> list[tuple[Obligation, RuleT]]:
        """Every obligation whose rule is of this kind, in the data's order: checks find rules
        by kind, never by id."""
        return [(o, o.rule) for o in self.obligations if isinstance(o.rule, rule_type)]

    def obligation(self, obligation_id: str) -> Obligation:
        for obligation in self.obligations:
            if obligation.id == obligation_id:
                return obligation
        raise KeyError(obligation_id)
