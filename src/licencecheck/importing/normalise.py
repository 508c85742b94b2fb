"""OCR noise out, the licence's Chinese punctuation in, page furniture marked.

Every line of the text is cleaned on its own (`clean`) and keeps its line number, so that a gap
can name the line it was expected on. Cleaning drops characters that print as nothing (a
zero-width space inside a licence number), folds full-width letters and digits to ASCII (NFKC),
writes the punctuation of Chinese text full-width as the licence prints it (，：；（）), and
removes white space except between two ASCII letters (OCR puts spaces inside words:
`管理人 员`). A `Stream` joins lines into one text and remembers where each line starts.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"}
_DIGIT_PAIRS = {",", ":"}
"""Half-width marks kept between two digits (1,000 or 10:30)."""

_CLOSERS = frozenset(")）》」”】")
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
"""Characters that print as nothing (zero-width spaces and joiners, soft hyphens, direction
marks, byte-order marks): OCR and copied web text carry them inside words and numbers."""
_SPACE = re.compile(r"\s+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")

LICENCE_NUMBER_TEXT = r"(?:合字)?[\u4e00-\u9fff]?[AB][12](?:[.·][AB][12])*-[0-9]{8}"
"""A licence number as it reads in cleaned text (the model checks it strictly)."""

_NUMBER_LINE = re.compile(rf"^经营许可证编号：?{LICENCE_NUMBER_TEXT}$")
_PAGE_NUMBER = re.compile(r"^(?:第[0-9]+页(?:，?共[0-9]+页)?|[0-9]+/[0-9]+|-[0-9]+-)$")
_INLINE_HEADER = re.compile(
    rf"经营许可证编号：?{LICENCE_NUMBER_TEXT}#*(?:特别规定事项|中华人民共和国增值电信业务经营许可证（附页）)?"
)


@dataclass(frozen=True)
class Line:
    """One non-empty line of the text, cleaned, with its 1-based line number."""

    number: int
    text: str


def clean(text: str) -> str:
    """One line (or a run of text) in the licence's own spelling; see the module docstring."""
    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", text))
    text = _SPACE.sub(_space_or_nothing, text)
    out = []
    for index, char in enumerate(text):
        if char in _FULL_WIDTH and not _between_digits(text, index, char):
            out.append(_FULL_WIDTH[char])
        elif char == "." and _is_full_stop(text, index):
            out.append("。")
        else:
            out.append(char)
    return "".join(out)


def _space_or_nothing(match: re.Match[str]) -> str:
    text, start, end = match.string, match.start(), match.end()
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return " " if _ASCII_LETTER.fullmatch(before) and _ASCII_LETTER.fullmatch(after) else ""


def _between_digits(text: str, index: int, char: str) -> bool:
    return (
        char in _DIGIT_PAIRS and 0 < index < len(text) - 1 and text[index - 1].isdigit() and text[index + 1].isdigit()
    )


def _is_full_stop(text: str, index: int) -> bool:
    """A half-width full stop after Chinese text (OCR's `业务.`), not one inside a name."""
    before = text[index - 1] if index else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    return (is_cjk(before) or before in _CLOSERS) and (after == "" or not after.isascii())


def is_cjk(char: str) -> bool:
    return bool(char) and ("\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf")


def lines_of(text: str) -> list[Line]:
    """The cleaned non-empty lines of a text, each with its line number."""
    found = []
    for number, raw in enumerate(text.splitlines(), start=1):
        cleaned = clean(raw)
        if cleaned:
            found.append(Line(number, cleaned))
    return found


def header_text(line: str) -> str:
    """A line without the markdown marks OCR tools put on headings."""
    return line.lstrip("#").strip()


def is_page_furniture(line: str) -> bool:
    """A page header or footer repeated on every page: the number line, the section headings,
    a page number. (The first number line is read as a fact before furniture is dropped.)"""
    text = header_text(line)
    return bool(
        _NUMBER_LINE.match(text)
        or text in ("特别规定事项", "《特别规定事项》")
        or is_heading(text)
        or _PAGE_NUMBER.match(text)
    )


def is_heading(text: str) -> bool:
    """The certificate's title, or the title of its 附页 (attachment)."""
    body = header_text(text)
    return len(body) <= 40 and body.replace("中华人民共和国", "").startswith("增值电信业务经营许可证")


def is_attachment_heading(text: str) -> bool:
    return is_heading(text) and "附页" in text


def is_provisions_heading(text: str) -> bool:
    body = header_text(text)
    return body in ("特别规定事项", "《特别规定事项》") or body.startswith("《特别规定事项》是")


def drop_inline_headers(text: str) -> str:
    """A page header that extraction ran into the middle of a sentence."""
    return _INLINE_HEADER.sub("", text)


@dataclass
class Stream:
    """Lines joined into one text; `line_at` maps a position back to its line number."""

    text: str = ""
    starts: list[int] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)

    def add(self, text: str, number: int, *, separator: str = "") -> None:
        if self.text and separator:
            self.text += separator
        elif self.text and _ASCII_LETTER.fullmatch(self.text[-1]) and _ASCII_LETTER.fullmatch(text[:1]):
            self.text += " "
        self.starts.append(len(self.text))
        self.numbers.append(number)
        self.text += text

    def line_at(self, position: int) -> int:
        if not self.numbers:
            return 0
        return self.numbers[max(bisect_right(self.starts, position) - 1, 0)]


def stream_of(lines: list[Line], *, separator: str = "") -> Stream:
    stream = Stream()
    for line in lines:
        stream.add(line.text, line.number, separator=separator)
    return stream
