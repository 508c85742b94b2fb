"""The three parts of a licence text: the 正文 (facts and grants), the 附页 (websites) and the
特别规定事项 (special provisions), with page headers and footers dropped wherever they fall.

A part begins at its heading or, where a copy has no headings, at its first recognisable line:
a website block (`…获准经营…相关信息`, `网站名称：`) or the first clause (`一、`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from licencecheck.importing.normalise import (
    Line,
    is_attachment_heading,
    is_page_furniture,
    is_provisions_heading,
)

_WEBSITE_START = re.compile(r"^(?:.*获准经营.+相关信息$|网站名称：)")
_FIRST_CLAUSE = re.compile(r"^一、")

MAIN, WEBSITES, PROVISIONS = "main", "websites", "provisions"


@dataclass
class Sections:
    main: list[Line] = field(default_factory=list)
    websites: list[Line] = field(default_factory=list)
    provisions: list[Line] = field(default_factory=list)
    provisions_heading: int | None = None
    """Line number of the 特别规定事项 heading (or of the first clause, without one)."""


def split_sections(lines: list[Line]) -> Sections:
    sections = Sections()
    part = MAIN
    for line in lines:
        part = _next_part(part, line.text)
        if part == PROVISIONS and sections.provisions_heading is None:
            sections.provisions_heading = line.number
        if is_page_furniture(line.text):
            continue
        if part == PROVISIONS and is_provisions_heading(line.text):
            continue  # the introduction: 《特别规定事项》是经营许可证重要组成部分……
        {MAIN: sections.main, WEBSITES: sections.websites, PROVISIONS: sections.provisions}[part].append(line)
    return sections


def _next_part(part: str, text: str) -> str:
    """The attachment's heading is also a page header: only the first one, after the 正文, opens
    the 附页; a website block's own heading opens it from anywhere."""
    if _WEBSITE_START.match(text) or (part == MAIN and is_attachment_heading(text)):
        return WEBSITES
    if is_provisions_heading(text):
        return PROVISIONS
    if part != PROVISIONS and _FIRST_CLAUSE.match(text):
        return PROVISIONS
    return part
