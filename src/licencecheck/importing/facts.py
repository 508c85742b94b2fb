"""The 正文's facts: the licence number and what it encodes, the holder, the legal
representative, the issuing authority (inferred from the number where the seal is blank) and
the validity dates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from licencecheck.i18n import _, aside, listing, ngettext, quote
from licencecheck.importing.normalise import Line
from licencecheck.importing.numerals import to_int
from licencecheck.importing.parsed import Gap, Inference, Maybe, Notes
from licencecheck.regions import Region, by_abbreviation

MINISTRY = "中华人民共和国工业和信息化部"
_NUMBER = re.compile(
    r"(?P<label>(?:经营)?许可证编?号：?)?"
    r"(?P<number>(?P<foreign>合字)?(?P<province>[\u4e00-\u9fff])?"
    r"(?P<categories>[AB][12](?:[.·][AB][12])*)-(?P<year>[0-9]{4})(?P<serial>[0-9]{4}))(?![0-9])"
)
_HOLDER = re.compile(r"^(?:公司名称|经营者名称|单位名称|企业名称)：?(?P<value>.*)$")
_REPRESENTATIVE = re.compile(r"^法定代表人：?(?P<value>.*)$")
_AUTHORITY = re.compile(r"^(?P<label>发证机关(?:（盖章）)?)：?(?P<value>.*)$")
_AUTHORITY_NAME = re.compile(r"(?:通信管理局|工业和信息化部|信息产业部)$")
_ISSUED = re.compile(r"^发证日期：?(?P<value>.*)$")
_VALID_UNTIL = re.compile(r"^有效期(?:限|至)：?(?P<value>.*)$")
_CN_DIGITS = "〇零一二三四五六七八九十"
_DATE = re.compile(
    rf"(?<![0-9{_CN_DIGITS}])(?P<y>[0-9]{{4}}|[{_CN_DIGITS}]{{4}})(?:年|[-./])"
    rf"(?P<m>[0-9]{{1,2}}|[{_CN_DIGITS}]{{1,2}})(?:月|[-./])"
    rf"(?P<d>[0-9]{{1,2}}|[{_CN_DIGITS}]{{1,3}})(?![0-9{_CN_DIGITS}])日?"
)
"""A date on digit boundaries: `12026年` or `200日` is no date (never read as 2026 or 20)."""
MAIN_LABELS = re.compile(
    r"^(?:公司名称|经营者名称|单位名称|企业名称|法定代表人|发证机关|发证日期|有效期|经营许可证编号)"
)


@dataclass(frozen=True)
class Number:
    text: str
    line: int
    foreign: bool
    abbreviation: str | None
    region: Region | None
    categories: list[str]
    year: int
    serial: str
    disputed: bool = False
    """The text gives another licence number too: nothing is inferred from this one."""


@dataclass(frozen=True)
class Authority:
    label: str | None
    printed: str | None
    inferred: Maybe[str] | None
    reason: str | None


@dataclass(frozen=True)
class Facts:
    holder: Maybe[str]
    representative: Maybe[str]
    authority: Authority
    issued_on: Maybe[date]
    valid_until: Maybe[date]
    lines: dict[str, int]
    """The text line each date was read from (or expected on), by its path in the licence file."""


def find_numbers(lines: list[Line]) -> list[Number]:
    """Every licence number in the text: those after a label first, each kind in text order."""
    found = [(line, match) for line in lines for match in _NUMBER.finditer(line.text)]
    ordered = [item for item in found if item[1]["label"]] + [item for item in found if not item[1]["label"]]
    return [_number(line, match) for line, match in ordered]


def find_number(lines: list[Line]) -> Number | None:
    """The first licence number in the text: after its label where there is one."""
    numbers = find_numbers(lines)
    return numbers[0] if numbers else None


def _number(line: Line, match: re.Match[str]) -> Number:
    abbreviation = match["province"]
    if abbreviation and not match["label"] and by_abbreviation(abbreviation) is None:
        abbreviation = None  # an unlabelled number: the character before it is just text
    categories = match["categories"].replace("·", ".")
    return Number(
        text=f"{match['foreign'] or ''}{abbreviation or ''}{categories}-{match['year']}{match['serial']}",
        line=line.number,
        foreign=match["foreign"] is not None,
        abbreviation=abbreviation,
        region=by_abbreviation(abbreviation) if abbreviation else None,
        categories=categories.split("."),
        year=int(match["year"]),
        serial=match["serial"],
    )


def other_numbers(numbers: list[Number], notes: Notes) -> Gap | None:
    """A gap where the text gives more than one licence number (one text is one licence: the
    others are a misread copy, or a second licence in the same text), naming each and its lines."""
    if len({number.text for number in numbers}) < 2:
        return None
    lines: dict[str, list[int]] = {}
    for number in numbers:
        lines.setdefault(number.text, []).append(number.line)
    shown = [text + aside(_lines(sorted(set(found)))) for text, found in list(lines.items())[:5]]
    if len(lines) > 5:
        said = _(
            "the text gives {count} different licence numbers: {numbers} and {more} more; this file was read for "
            "{number}: correct the misread copy, or import each licence from its own text"
        )
    else:
        said = _(
            "the text gives {count} different licence numbers: {numbers}; this file was read for {number}: "
            "correct the misread copy, or import each licence from its own text"
        )
    return notes.gap(
        said.format(count=len(lines), numbers=listing(shown), more=len(lines) - 5, number=numbers[0].text),
        numbers[0].line,
    )


def _lines(numbers: list[int]) -> str:
    """`line 3`, `lines 3, 5, 8, 9, …` (the first four)."""
    head = listing([*(str(n) for n in numbers[:4]), *(["…"] if len(numbers) > 4 else [])])
    return ngettext("line {lines}", "lines {lines}", len(numbers)).format(lines=head)


def read_facts(main: list[Line], number: Number, notes: Notes) -> Facts:
    fallback = main[-1].number if main else number.line
    holder = _field(main, _HOLDER) or notes.gap(_("no holder (公司名称) found"), number.line)
    representative = _field(main, _REPRESENTATIVE) or notes.gap(
        _("no legal representative (法定代表人) found"), number.line
    )
    issued_line = _line_of(main, _ISSUED) or fallback
    valid_line = _line_of(main, _VALID_UNTIL) or issued_line
    return Facts(
        holder=holder,
        representative=representative,
        authority=read_authority(main, number, notes),
        issued_on=_date(main, _ISSUED, "发证日期", issued_line, notes, last=False),
        valid_until=_date(main, _VALID_UNTIL, "有效期限", valid_line, notes, last=True),
        lines={"validity": valid_line, "validity.issued_on": issued_line, "validity.valid_until": valid_line},
    )


def _field(lines: list[Line], pattern: re.Pattern[str]) -> str | None:
    for line in lines:
        match = pattern.match(line.text)
        if match and match["value"]:
            return match["value"]
    return None


def _line_of(lines: list[Line], pattern: re.Pattern[str]) -> int | None:
    return next((line.number for line in lines if pattern.match(line.text)), None)


def _date(
    lines: list[Line], pattern: re.Pattern[str], label: str, line: int, notes: Notes, *, last: bool
) -> date | Gap:
    value = _field(lines, pattern)
    if value is None:
        return notes.gap(_("no {label} found").format(label=label), line)
    matches = list(_DATE.finditer(value))
    if not matches:
        return notes.gap(_("{label} {value} is not a date").format(label=label, value=quote(value)), line)
    match = matches[-1] if last else matches[0]
    parts = [to_int(match[name]) for name in ("y", "m", "d")]
    try:
        return date(*(part or 0 for part in parts))
    except ValueError:
        return notes.gap(_("{label} {value} is not a real day").format(label=label, value=quote(match[0])), line)


def read_authority(main: list[Line], number: Number, notes: Notes) -> Authority:
    """As printed beside the seal; where the seal is blank, inferred from the number."""
    label, printed = None, None
    for index, line in enumerate(main):
        match = _AUTHORITY.match(line.text)
        if match:
            label, printed = match["label"], match["value"] or None
            following = main[index + 1].text if index + 1 < len(main) else ""
            if printed is None and _AUTHORITY_NAME.search(following) and not MAIN_LABELS.match(following):
                printed = following
            break
    if printed is not None:
        return Authority(label, printed, None, None)
    if number.disputed:
        gap = notes.gap(
            _("the seal is blank and the licence number is in doubt: no authority is inferred"), number.line
        )
        return Authority(label, None, gap, "")
    if number.abbreviation and number.region is None:
        said = _("the seal is blank and {abbreviation} abbreviates no province")
        gap = notes.gap(said.format(abbreviation=quote(number.abbreviation)), number.line)
        return Authority(label, None, gap, "")
    inferred, reason = infer_authority(number)
    notes.inferences.append(Inference(_("issuing authority"), inferred, reason))
    return Authority(label, None, inferred, reason)


def infer_authority(number: Number) -> tuple[str, str]:
    if number.abbreviation is None:
        return MINISTRY, _(
            "The number {number} has no province prefix: a cross-regional licence, which the Ministry "
            "(工业和信息化部) issues. The seal is blank or unreadable in the text."
        ).format(number=number.text)
    province = number.region.name if number.region else number.abbreviation
    return f"{province}通信管理局", _(
        "The {abbreviation} prefix marks a provincial licence, which the province's communications "
        "administration issues. The seal is blank or unreadable in the text."
    ).format(abbreviation=number.abbreviation)
