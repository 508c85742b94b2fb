"""The rulebook every licence shares: duties that come from regulations rather than from the
licence text (data/rulebook.yaml), each with the article it rests on.

A statutory duty joins a licence's own obligations where it applies (all licences, or those with
a grant of the listed catalogue codes); an id the licence already has is the licence's. Output
cites such duties as `regulation: 《…》第…条`, never as a licence clause.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import Field

from licencecheck.i18n import _, join
from licencecheck.models import (
    Basis,
    CatalogueCode,
    DataClass,
    Licence,
    Obligation,
    Problem,
    SchemaVersion,
    StrictModel,
    Text,
)

RULEBOOK_FILE = "rulebook.yaml"


class StatutoryObligation(Obligation):
    """A duty from a regulation; `applies_to_grants` limits it to licences with such grants."""

    applies_to_grants: list[CatalogueCode] = Field(default_factory=list)

    def located_problems(self) -> list[Problem]:
        if self.basis is None:
            return [(("basis",), _("a statutory duty names the article it rests on"))]
        if self.clauses:
            return [(("clauses",), _("a statutory duty rests on a regulation, not on a licence's clauses"))]
        return []


class RetentionRule(StrictModel):
    """Keep a class of data at least `amount` `unit`, by statute."""

    data_class: DataClass
    amount: int = Field(gt=0)
    unit: Literal["days", "months", "years"]
    description: Text
    basis: Basis
    applies_to_grants: list[CatalogueCode] = Field(default_factory=list)


class LicenceTerm(StrictModel):
    years: int = Field(gt=0, le=50)
    basis: Basis


class AfterExpiry(StrictModel):
    """What the law says follows the validity end: with a timely renewal application the licence
    continues until the authority decides; without one it lapses, and operating is unlicensed."""

    renewal_pending: list[Basis] = Field(min_length=1)
    lapsed: list[Basis] = Field(min_length=1)
    unlicensed: list[Basis] = Field(min_length=1)


def cite_all(bases: list[Basis]) -> str:
    """The articles, as people read them: `a; b` (`a；b` in Chinese)."""
    return join(basis.cite() for basis in bases)


class Rulebook(StrictModel):
    schema_version: SchemaVersion
    licence_term: LicenceTerm
    after_expiry: AfterExpiry
    obligations: list[StatutoryObligation]
    retention: list[RetentionRule]


@cache
def load_rulebook() -> Rulebook:
    from licencecheck.datafiles import data_file, load_model

    return load_model(data_file(RULEBOOK_FILE), Rulebook, what="rulebook")


def applies(codes: list[str], licence: Licence) -> bool:
    """No codes: every licence; else a licence with a grant of (or under) one of them."""
    return not codes or any(grant.code.startswith(code) for grant in licence.grants for code in codes)


def with_statutory(licence: Licence) -> Licence:
    """The licence with the statutory duties that apply to it added to its obligations."""
    own = {obligation.id for obligation in licence.obligations}
    extra = [
        obligation
        for obligation in load_rulebook().obligations
        if obligation.id not in own and applies(obligation.applies_to_grants, licence)
    ]
    if not extra:
        return licence
    return licence.model_copy(update={"obligations": [*licence.obligations, *extra]})


def retention_rules(licence: Licence) -> list[RetentionRule]:
    return [rule for rule in load_rulebook().retention if applies(rule.applies_to_grants, licence)]
