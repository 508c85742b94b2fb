"""The grants: the 业务种类（服务项目）及覆盖范围 block of the 正文, read as a sequence of
grants, each a service the catalogue names (with or without `第一类增值电信业务中的` before it),
its (仅限…) and 不含… qualifiers, its 【…】 conditions, and the 业务覆盖范围 that follows it.

OCR interleaves the block's label (业务种类 / (服务项目) / 及覆盖范围:) with the grants' text and
breaks lines anywhere; the labels are removed from the starts of lines and the lines joined with
their breaks kept, since a break is where a new grant may start. A 业务覆盖范围 applies to the
grants listed since the previous one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from licencecheck.catalogue import Catalogue
from licencecheck.i18n import _, quote
from licencecheck.importing.facts import MAIN_LABELS
from licencecheck.importing.normalise import Line, Stream, stream_of
from licencecheck.importing.parsed import Gap, Maybe, Notes
from licencecheck.regions import NATIONWIDE, REGIONS, Region

_AREA_START = re.compile(r"^(?:许可)?业务种类")
_AREA_LABELS = re.compile(r"^(?:(?:许可)?业务种类|（?服务项目）?|及覆盖范围)：?")
_CATEGORY = re.compile(r"第(?P<n>[一二])类增值电信业务(?:中的|：)?")
_COVERAGE = re.compile(r"(?P<label>(?:业务)?覆盖范围(?P<qualifier>（[^）\n]*）)?)：?")
_NUMBERING = re.compile(r"(?:[0-9]+[、.]|（[0-9]+）|[0-9]+）)")
_SKIP = " \n。；，、"
_NAME_END = re.compile(r"[（【。；\n]|不含|(?:业务)?覆盖范围")
_EXCLUDING_END = re.compile(r"[。；【（]|(?:业务)?覆盖范围|第[一二]类增值电信业务")
_REGION_SEPARATORS = "、，,/和及"
SOURCE = "正文 业务种类（服务项目）及覆盖范围"


@dataclass
class Coverage:
    printed: str
    regions: list[str]
    line: int
    label: str | None = None
    """The label as printed where it qualifies the area: 业务覆盖范围（机房所在地）."""


@dataclass
class ParsedGrant:
    """One grant as read; `code` is a gap where the catalogue does not know its name."""

    code: Maybe[str]
    name: str
    line: int
    category: str | None = None
    limited_to: list[str] = field(default_factory=list)
    excluding: list[str] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)
    wording: str = ""
    coverage: Coverage | Gap | None = None
    missing: bool = False
    """Not read from the 正文 at all: a special provision governs it (then `code` is the gap)."""


def grant_area(main: list[Line]) -> list[Line]:
    """The lines of the 业务种类 block, labels removed; empty if there is no such block."""
    start = next((i for i, line in enumerate(main) if _AREA_START.match(line.text)), None)
    if start is None:
        return []
    area = []
    for index, line in enumerate(main[start:]):
        if index and MAIN_LABELS.match(line.text):
            break
        text = line.text
        while (match := _AREA_LABELS.match(text)) and match.end():
            text = text[match.end() :]
        if text:
            area.append(Line(line.number, text))
    return area


def read_grants(main: list[Line], catalogue: Catalogue, notes: Notes) -> list[ParsedGrant]:
    area = grant_area(main)
    if not area:
        return []
    return _Reader(stream_of(area, separator="\n"), catalogue, notes).run()


def service_terms(catalogue: Catalogue) -> list[tuple[str, str]]:
    """(term, entry id) for every service a grant can name, longest first."""
    terms = [
        (term, entry.id)
        for entry in catalogue.entries
        if entry.kind in ("service", "sub-service")
        for term in (entry.name, *entry.variants)
    ]
    return sorted(terms, key=lambda pair: -len(pair[0]))


def region_terms() -> list[tuple[str, Region]]:
    terms = [(term, region) for region in REGIONS for term in (region.name, region.short)]
    return sorted(terms, key=lambda pair: -len(pair[0]))


class _Reader:
    """Reads grants and coverage statements off the joined block, left to right."""

    def __init__(self, stream: Stream, catalogue: Catalogue, notes: Notes) -> None:
        self.stream, self.text, self.pos = stream, stream.text, 0
        self.catalogue, self.notes = catalogue, notes
        self.services = service_terms(catalogue)
        self.grants: list[ParsedGrant] = []
        self.pending: list[ParsedGrant] = []

    def run(self) -> list[ParsedGrant]:
        while self._skip() < len(self.text):
            if not self._coverage():
                self._grant()
        return self.grants

    def _skip(self) -> int:
        while self.pos < len(self.text):
            if self.text[self.pos] in _SKIP:
                self.pos += 1
            elif match := _NUMBERING.match(self.text, self.pos):
                self.pos = match.end()
            else:
                break
        return self.pos

    def _coverage(self) -> bool:
        label = _COVERAGE.match(self.text, self.pos)
        if label is None:
            return False
        line = self.stream.line_at(self.pos)
        start = label.end()
        regions, end = read_regions(self.text, start)
        qualified = label["label"] if label["qualifier"] else None
        coverage: Coverage | Gap = Coverage(self.text[start:end].strip(_SKIP), regions, line, qualified)
        if not regions:
            end = _line_end(self.text, start)
            said = _("业务覆盖范围 {printed} names no province nor 全国").format(printed=quote(self.text[start:end]))
            coverage = self.notes.gap(said, line)
        self.pos = end
        if not self.pending:
            self.notes.remarks.append(
                _("text line {line}: a 业务覆盖范围 with no grant before it was ignored").format(line=line)
            )
        for grant in self.pending:
            grant.coverage = coverage
        self.pending = []
        return True

    def _grant(self) -> None:
        start, line = self.pos, self.stream.line_at(self.pos)
        category = _CATEGORY.match(self.text, self.pos)
        if category:
            self.pos = category.end()
        grant = self._name(line)
        grant.category = {"一": "B1", "二": "B2"}[category["n"]] if category else None
        self._body(grant)
        grant.wording = self.text[start : self.pos].replace("\n", "").strip(_SKIP)
        self.grants.append(grant)
        self.pending.append(grant)

    def _name(self, line: int) -> ParsedGrant:
        for term, entry_id in self.services:
            if self.text.startswith(term, self.pos):
                self.pos += len(term)
                entry = self.catalogue.by_id[entry_id]
                return ParsedGrant(entry.id, entry.name, line)
        end = _NAME_END.search(self.text, self.pos)
        stop = end.start() if end else len(self.text)
        name = self.text[self.pos : stop] or self.text[self.pos : self.pos + 1]
        self.pos += len(name)
        if not name:  # the text ends after a category (第二类增值电信业务中的)
            gap = self.notes.gap(_("a grant's category is printed but no service after it"), line)
            return ParsedGrant(gap, _("(no service printed)"), line)
        gap = self.notes.gap(
            _("grant {name} is not a service the business catalogue knows").format(name=quote(name)), line
        )
        return ParsedGrant(gap, name, line)

    def _body(self, grant: ParsedGrant) -> None:
        while True:
            at = self.pos
            while at < len(self.text) and self.text[at] in " \n。":
                at += 1
            rest = self.text[at:]
            if rest.startswith(("（仅限", "（不含")):
                close = _closing(self.text, at)
                items = split_items(self.text[at + 3 : close])
                (grant.limited_to if rest.startswith("（仅限") else grant.excluding).extend(items)
                self.pos = close + 1
            elif rest.startswith("不含"):
                stop = self._excluding_end(at + 2)
                grant.excluding.extend(split_items(self.text[at + 2 : stop]))
                self.pos = stop
            elif rest.startswith("【"):
                close = self.text.find("】", at)
                close = len(self.text) if close < 0 else close
                grant.conditions.append(self.text[at + 1 : close].replace("\n", ""))
                self.pos = close + 1
            else:
                return

    def _excluding_end(self, start: int) -> int:
        """Where a 不含 list ends: at a full stop, a bracket, a coverage label or the next grant's
        category, or at a line break that a new grant follows. OCR also breaks lines inside an
        item (信息即 / 时交互服务) and after a 、; such a break continues the list."""
        end = _EXCLUDING_END.search(self.text, start)
        stop = end.start() if end else len(self.text)
        newline = self.text.find("\n", start, stop)
        while newline >= 0:
            if self.text[newline - 1] != "、" and self._grant_starts(newline + 1):
                return newline
            newline = self.text.find("\n", newline + 1, stop)
        return stop

    def _grant_starts(self, at: int) -> bool:
        """Does a grant (numbered or not, with or without its category) start at `at`?"""
        while at < len(self.text) and self.text[at] in " \n":
            at += 1
        if numbering := _NUMBERING.match(self.text, at):
            at = numbering.end()
        return bool(_CATEGORY.match(self.text, at)) or any(self.text.startswith(t, at) for t, _ in self.services)


def _closing(text: str, at: int) -> int:
    """The position of the bracket that closes the one at `at` (or the end of the text)."""
    depth = 0
    for index in range(at, len(text)):
        depth += {"（": 1, "）": -1}.get(text[index], 0)
        if depth == 0:
            return index
    return len(text)


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def split_items(text: str) -> list[str]:
    """`信息搜索查询服务、信息即时交互服务` as a list; line breaks inside items removed."""
    return [item for item in (part.strip(_SKIP) for part in text.replace("\n", "").split("、")) if item]


def read_regions(text: str, start: int) -> tuple[list[str], int]:
    """全国, or province-level divisions by full or short name, from `start`; and where they end."""
    at = start
    while at < len(text) and text[at] in " \n":
        at += 1
    if text.startswith(NATIONWIDE, at):
        return [NATIONWIDE], at + len(NATIONWIDE)
    names: list[str] = []
    end = at
    terms = region_terms()
    while True:
        found = next(((term, region) for term, region in terms if text.startswith(term, at)), None)
        if found is None:
            return names, end
        if found[1].name not in names:
            names.append(found[1].name)
        at = end = at + len(found[0])
        while at < len(text) and text[at] in _REGION_SEPARATORS + "\n ":
            at += 1
