"""The 特别规定事项 as clauses: `一、` opens a clause, `（一）` (or `(一)`) a sub-item of the clause
before it; any other line continues the clause it follows, even across a page (the page's
headers were dropped, and one that extraction ran into a sentence is cut out here)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from licencecheck.importing.normalise import Line, Stream, drop_inline_headers
from licencecheck.importing.numerals import canonical_clause_number, to_int
from licencecheck.importing.parsed import Notes

_NUMERAL = "[一二三四五六七八九十]+"
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


def read_provisions(lines: list[Line], notes: Notes) -> list[ParsedProvision]:
    provisions: list[ParsedProvision] = []
    head: str | None = None
    skipped: list[int] = []
    for line in lines:
        top, sub = _TOP.match(line.text), _SUB.match(line.text)
        top_number = canonical_clause_number(top["n"]) if top else None
        sub_number = canonical_clause_number(sub["n"]) if sub else None
        if top and top_number:
            head = top_number
            provisions.append(_start(top_number, None, line, top.end()))
        elif sub and sub_number and head is not None:
            provisions.append(_start(f"{head}({sub_number})", head, line, sub.end()))
        elif provisions:
            provisions[-1].body.add(line.text, line.number)
        else:
            skipped.append(line.number)
    if skipped:
        where = f"{skipped[0]}-{skipped[-1]}" if len(skipped) > 1 else str(skipped[0])
        notes.remarks.append(f"text lines {where}: text before the first special provision (一、) was skipped")
    return sorted(provisions, key=clause_order)


def clause_order(provision: ParsedProvision) -> tuple[int, int]:
    """十五(三) → (15, 3): the licence's own order, whatever order the text came in."""
    head, _, sub = provision.clause.partition("(")
    return to_int(head) or 0, to_int(sub.rstrip(")")) or 0 if sub else 0


def _start(clause: str, parent: str | None, line: Line, offset: int) -> ParsedProvision:
    body = Stream()
    body.add(line.text[offset:], line.number)
    return ParsedProvision(clause, parent, line.number, body)
