"""What the importer read, before it is written as YAML: plain values, or a `Gap` where a fact
could not be read (written as `null` with a `# GAP:` comment, so that validation refuses the
file until a person fills it in)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeAlias, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Gap:
    """A fact that could not be read: what is missing, and the text line it was expected on."""

    message: str
    line: int
    broken_rule: bool = False
    """Not a fact missing from the text but a rule of the licence files the facts as read break."""


Maybe: TypeAlias = T | Gap
"""A value as read, or the gap where it could not be."""


@dataclass(frozen=True)
class Inference:
    """A fact not printed on the licence, and why it was concluded (for the summary)."""

    what: str
    value: str
    reason: str


@dataclass
class Notes:
    """What the import says on stderr besides the gaps: inferences and remarks."""

    inferences: list[Inference] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)

    def gap(self, message: str, line: int, *, broken_rule: bool = False) -> Gap:
        found = Gap(message, line, broken_rule)
        self.gaps.append(found)
        return found
