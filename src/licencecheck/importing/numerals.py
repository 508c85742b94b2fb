"""Chinese numerals as licences write them: clause numbers (十五), periods (六个月, 一年), dates
(二〇二二年十月三十一日). Arabic digits pass through."""

from __future__ import annotations

import re

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL = r"[0-9]+|[零〇一二两三四五六七八九十百千]+"
_CLAUSE_DIGITS = "一二三四五六七八九"


def to_int(text: str) -> int | None:
    """The value of `90`, `九十`, `十五`, `一百二十`, `二〇二二` (digit by digit); None if not a numeral."""
    if text.isdigit() and text.isascii():
        return int(text)
    if not text or any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        return None
    if not any(ch in _UNITS for ch in text):
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, digit = 0, None
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        else:
            total += (1 if digit is None else digit) * _UNITS[char]
            digit = None
    return total + (digit or 0)


def clause_numeral(value: int) -> str:
    """1..99 as a clause number is written: 一, 十, 十五, 二十三."""
    tens, ones = divmod(value, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else f"{_CLAUSE_DIGITS[tens - 1]}十")
    return head + (_CLAUSE_DIGITS[ones - 1] if ones else "")


def canonical_clause_number(text: str) -> str | None:
    """A clause number in the model's spelling (十五, not 一十五), or None if not one."""
    value = to_int(text)
    if value is None or not 0 < value < 100 or text.isascii():
        return None
    return clause_numeral(value)


_UNIT_WORDS = (
    ("个工作日", "working-days"),
    ("工作日", "working-days"),
    ("个月", "months"),
    ("月", "months"),
    ("日", "days"),
    ("天", "days"),
    ("年", "years"),
)
PERIOD = rf"(?:{NUMERAL})(?:个工作日|工作日|个月|月|日|天|年)"
"""A period as the provisions write it: 30日, 10个工作日, 六个月, 一年."""


def parse_period(text: str) -> tuple[int, str] | None:
    """(amount, unit) of `30日`, `10个工作日`, `六个月`, `一年`; None if it is not a period."""
    match = re.fullmatch(rf"({NUMERAL})(\D+)", text)
    if match is None:
        return None
    amount = to_int(match[1])
    unit = next((name for word, name in _UNIT_WORDS if match[2] == word), None)
    if amount is None or unit is None or amount <= 0:
        return None
    return amount, unit
