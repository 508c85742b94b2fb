"""The recognisers of the special provisions, as data (`data/provision_templates.yaml`): wording
patterns that give a provision its title and flags, and an obligation its id, action and rule.

Patterns are Python regular expressions searched in a provision's normalised text (full-width
，：；（） as the licence prints them). Text fields may name the pattern's groups as `{group}`:
the action `保存{object}` takes `object` from the wording. A rule's `period` (`{period}`) is read
as an amount and a unit (30日, 10个工作日, 六个月, 一年); its `places` are split at `、`.
"""

from __future__ import annotations

import re
import string
from functools import cached_property
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator

from licencecheck.i18n import _
from licencecheck.models import DataClass, MonthDay, ObligationId, Problem, SchemaVersion, StrictModel

TEMPLATES_FILE = "provision_templates.yaml"
Text = Annotated[str, Field(min_length=1)]
PERIOD_KINDS = ("before-validity-end", "after-event", "minimum-retention")
DISCLOSURE_KINDS = ("display", "advert-disclosure")


def _compiles(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(_("not a valid regular expression: {error}").format(error=exc)) from None
    return value


Pattern = Annotated[str, Field(min_length=1), AfterValidator(_compiles)]


def fields_named(template: str) -> set[str]:
    """The `{group}` names a text template uses."""
    return {name for _text, name, _spec, _conversion in string.Formatter().parse(template) if name}


def _group_problems(wording: str, templates: dict[tuple[str | int, ...], str | None]) -> list[Problem]:
    groups = set(re.compile(wording).groupindex)
    return [
        (where, _("names {{{name}}}, which the wording pattern has no group for").format(name=name))
        for where, template in templates.items()
        if template is not None
        for name in sorted(fields_named(template) - groups)
    ]


class ProvisionTemplate(StrictModel):
    """A provision whose text matches `wording` gets `title` and these flags."""

    wording: Pattern
    title: Text
    applies_to_grant: str | None = Field(default=None, description="The group naming the grant's business.")
    requires_approval: str | None = Field(default=None, description="The group naming the service.")
    governs_prior_approval: bool = False
    carries: list[ObligationId] = Field(
        default_factory=list,
        description="Obligations a provision so worded carries: if no obligation template reads one of them "
        "in its text, the import says so (the duty would otherwise be lost without a word).",
    )

    def located_problems(self) -> list[Problem]:
        groups = set(re.compile(self.wording).groupindex)
        problems = _group_problems(self.wording, {("title",): self.title})
        for key in ("applies_to_grant", "requires_approval"):
            name = getattr(self, key)
            if name is not None and name not in groups:
                problems.append(((key,), _("the wording pattern has no group {name!r}").format(name=name)))
        return problems


class RuleTemplate(StrictModel):
    kind: Literal["annual-window", "before-validity-end", "after-event", "minimum-retention", "display",
                  "advert-disclosure"]  # fmt: skip
    description: str | None = None
    period: str | None = None
    trigger: str | None = None
    start: MonthDay | None = None
    end: MonthDay | None = None
    must_show: list[Literal["licence-number", "company-name"]] | None = None
    places: str | None = None
    data_class: DataClass | None = None

    def located_problems(self) -> list[Problem]:
        if self.data_class is not None and self.kind != "minimum-retention":
            return [(("data_class",), _("only a minimum-retention rule names a data class"))]
        needed = {
            "annual-window": ("start", "end", "description"),
            "before-validity-end": ("period", "description"),
            "after-event": ("period", "trigger", "description"),
            "minimum-retention": ("period", "description"),
            "display": ("must_show", "places"),
            "advert-disclosure": ("must_show", "places"),
        }[self.kind]
        problems: list[Problem] = [
            ((key,), _("a {kind} rule needs {key}").format(kind=self.kind, key=key))
            for key in needed
            if not getattr(self, key)
        ]
        extra = [key for key in ("description", "period", "trigger", "start", "end", "must_show", "places")
                 if key not in needed and getattr(self, key) is not None]  # fmt: skip
        problems += [((key,), _("a {kind} rule takes no {key}").format(kind=self.kind, key=key)) for key in extra]
        return problems


class ObligationTemplate(StrictModel):
    """A provision whose text matches `wording` carries this obligation."""

    id: ObligationId
    wording: Pattern
    action: Text
    rule: RuleTemplate

    def located_problems(self) -> list[Problem]:
        texts: dict[tuple[str | int, ...], str | None] = {("action",): self.action}
        texts.update({("rule", key): getattr(self.rule, key) for key in ("description", "period", "trigger", "places")})
        return _group_problems(self.wording, texts)


class ProvisionTemplates(StrictModel):
    schema_version: SchemaVersion
    action_terms: dict[str, Text] = Field(description="Words rewritten in actions and triggers (我部 → the Ministry).")
    place_separators: Pattern = Field(description="Where a rule's `places` are split.")
    service_scopes: list[Pattern] = Field(description="Patterns whose group `service` names the service type.")
    provisions: list[ProvisionTemplate]
    obligations: list[ObligationTemplate]

    @field_validator("service_scopes")
    @classmethod
    def _service_group(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            if "service" not in re.compile(pattern).groupindex:
                raise ValueError(_("{pattern!r} has no group `service`").format(pattern=pattern))
        return patterns

    def located_problems(self) -> list[Problem]:
        """Templates sharing an id (one duty in several wordings) stand together, so that the
        file's order is the obligations' order."""
        problems: list[Problem] = []
        seen: dict[str, int] = {}
        for index, template in enumerate(self.obligations):
            earlier = seen.get(template.id)
            if earlier is not None and self.obligations[index - 1].id != template.id:
                said = _("{id} is also at obligations[{index}]; keep templates of one id together").format(
                    id=template.id, index=earlier
                )
                problems.append((("obligations", index, "id"), said))
            seen.setdefault(template.id, index)
        ids = {template.id for template in self.obligations}
        problems += [
            (("provisions", index, "carries", j), _("no obligation template has the id {name!r}").format(name=name))
            for index, template in enumerate(self.provisions)
            for j, name in enumerate(template.carries)
            if name not in ids
        ]
        return problems

    @cached_property
    def compiled(self) -> dict[str, re.Pattern[str]]:
        patterns = [*self.service_scopes, *(t.wording for t in self.provisions), *(t.wording for t in self.obligations)]
        return {pattern: re.compile(pattern) for pattern in patterns}

    @cached_property
    def compiled_separators(self) -> re.Pattern[str]:
        return re.compile(self.place_separators)

    def search(self, pattern: str, text: str) -> re.Match[str] | None:
        return self.compiled[pattern].search(text)

    def in_own_words(self, text: str) -> str:
        """An action or trigger with the licence's self-references (我部) named."""
        for word, meaning in self.action_terms.items():
            text = text.replace(word, meaning)
        return text


def load_templates() -> ProvisionTemplates:
    from licencecheck.datafiles import data_file, load_model

    return load_model(data_file(TEMPLATES_FILE), ProvisionTemplates, what="provision templates")


def fill(template: str, match: re.Match[str]) -> str:
    """A text template with the match's groups put in (a group that did not take part is empty)."""
    groups = {name: value or "" for name, value in match.groupdict().items()}
    return template.format_map(groups)
