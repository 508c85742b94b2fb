"""The 特别规定事项 as clauses: `一、` opens a clause, `（一）` (or `(一)`) a sub-item of the clause
before it; any other line continues the clause it follows, even across a page (the page's
headers were dropped, and one that extraction ran into a sentence is cut out here). A clause
whose number a licence file cannot hold (一百 and on) is a gap, its text left out: never merged."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from licencecheck.i18n import _
from licencecheck.importing.normalise import Line, Stream, drop_inline_headers
from licencecheck.importing.numerals import canonical_clause_number, to_int
from licencecheck.importing.parsed import Notes

_NUMERAL = "[一二三四五六七八九十百千万零〇]+"
_TOP = re.compile(rf"^(?P<n>{_NUMERAL})[、。]")
_SUB = re.compile(rf"^（(?P<n>{_NUMERAL})）")


@dataclass
class ParsedProvision:
    clause: str
    parent: str | None
    line: int
    body: Stream

    @property
    def text(self) -> str:
        return drop_inline_headers(self.body.text).strip()


@dataclass
class _Reader:
    """Clauses as they open; `current` takes the lines that continue one (None after a clause
    whose number cannot be read: its lines are left out, never merged into the clause before)."""

    notes: Notes
    provisions: list[ParsedProvision] = field(default_factory=list)
    head: str | None = None
    current: ParsedProvision | None = None
    skipped: list[int] = field(default_factory=list)

    def add(self, line: Line) -> None:
        top, sub = _TOP.match(line.text), _SUB.match(line.text)
        if top:
            self.head = canonical_clause_number(top["n"])
            self._open(self.head, None, top, line)
        elif sub and self.head is not None:
            number = canonical_clause_number(sub["n"])
            self._open(f"{self.head}({number})" if number else None, self.head, sub, line)
        elif self.current is not None:
            self.current.body.add(line.text, line.number)
        elif not self.provisions:
            self.skipped.append(line.number)

    def _open(self, clause: str | None, parent: str | None, match: re.Match[str], line: Line) -> None:
        if clause is None:
            self.current = None
            self.provisions.append(_UNREAD)
            said = _(
                "special provision {clause} was not read: a licence file numbers clauses 一 to 九十九 "
                "(sub-items （一） to （九十九）); its text was left out, not merged into another clause"
            )
            self.notes.gap(said.format(clause=match[0]), line.number)
            return
        self.current = _start(clause, parent, line, match.end())
        self.provisions.append(self.current)


_UNREAD = ParsedProvision("", None, 0, Stream())
"""Stands for a clause that was not read (so that the text after it is not 'before the first')."""


def read_provisions(lines: list[Line], notes: Notes) -> list[ParsedProvision]:
    reader = _Reader(notes)
    for line in lines:
        reader.add(line)
    skipped = reader.skipped
    if skipped:
        where = f"{skipped[0]}-{skipped[-1]}" if len(skipped) > 1 else str(skipped[0])
        said = _("text lines {lines}: text before the first special provision (一、) was skipped")
        notes.remarks.append(said.format(lines=where))
    return sorted((p for p in reader.provisions if p is not _UNREAD), key=clause_order)


def clause_order(provision: ParsedProvision) -> tuple[int, int]:
    """十五(三) → (15, 3): the licence's own order, whatever order the text came in."""
    head, _paren, sub = provision.clause.partition("(")
    return to_int(head) or 0, to_int(sub.rstrip(")")) or 0 if sub else 0


def _start(clause: str, parent: str | None, line: Line, offset: int) -> ParsedProvision:
    body = Stream()
    body.add(line.text[offset:], line.number)
    return ParsedProvision(clause, parent, line.number, body)
