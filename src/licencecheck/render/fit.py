"""Text that fits the width without splitting a token.

A line breaks at a space, or between two CJK characters; never inside a run of Latin letters,
digits and punctuation, so licence numbers (渝B2-20210467), dates, obligation ids, domains and
URLs stay whole and copy-pasteable. Nor before closing punctuation (、，。）》) or after opening
punctuation (（《), nor between the characters of a Chinese numeral (十五, 二十七). A token wider
than the line stands on a line of its own, whole.

A `Sheet` is what a table layout shows: columns and rows. It is drawn as a table when every
column can be as wide as its widest token; else as one block per row: the row's head on one
line, then its other cells, each `header: value`, indented under it."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from licencecheck.i18n import _

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

NO_LINE_START = frozenset("、，。．；：！？）》」』】〕〉〗〙〛％")
"""Closing CJK punctuation: a line does not begin with it (Latin punctuation never stands
alone: no line breaks next to it without a space)."""
NO_LINE_END = frozenset("（《「『【〔〈〖〘〚")
"""Opening CJK punctuation: a line does not end with it."""
NUMERALS = frozenset("〇零一二三四五六七八九十百千")
"""The characters of a Chinese numeral (a clause number such as 十五 or 二十七 stays whole)."""

Piece = tuple[int, int, int]
"""(gap, start, end): a piece a line may begin with, from `start` to `end`; the spaces before it
start at `gap` (== start when the piece follows another without a space)."""


@functools.lru_cache(maxsize=4096)
def _wide(char: str) -> bool:
    from rich.cells import get_character_cell_size

    return get_character_cell_size(char) == 2


def cells(text: str) -> int:
    """Terminal cells of a text: a CJK character takes two."""
    if text.isascii():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def _may_break(before: str, after: str) -> bool:
    """Between two characters with no space between them."""
    return (
        _wide(before)
        and _wide(after)
        and after not in NO_LINE_START
        and before not in NO_LINE_END
        and not (before in NUMERALS and after in NUMERALS)
    )


def pieces(text: str) -> list[Piece]:
    """The pieces of one paragraph (no newline), in order."""
    found: list[Piece] = []
    gap = start = 0
    for index, char in enumerate(text):
        if char == " ":
            if start < index:
                found.append((gap, start, index))
                gap = index
            start = index + 1
        elif start < index and _may_break(text[index - 1], char):
            found.append((gap, start, index))
            gap = start = index
    if start < len(text):
        found.append((gap, start, len(text)))
    return found


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    offset = 0
    for paragraph in text.split("\n"):
        yield offset, paragraph
        offset += len(paragraph) + 1


def wrap_spans(text: str, width: int, first: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each line of `text` wrapped to `width` cells (`first` for the first line).
    Paragraphs (lines of the text) stay apart; spaces at a break are dropped."""
    spans: list[tuple[int, int]] = []
    for offset, paragraph in _paragraphs(text):
        line: tuple[int, int] | None = None
        used = 0
        for gap, start, end in pieces(paragraph):
            room = first if first is not None and not spans else width
            size, spacing = cells(paragraph[start:end]), cells(paragraph[gap:start])
            if line is not None and used + spacing + size <= room:
                line, used = (line[0], offset + end), used + spacing + size
                continue
            if line is not None:
                spans.append(line)
            line, used = (offset + start, offset + end), size
        spans.append(line if line is not None else (offset, offset))
    return spans


def wrap_lines(text: str, width: int, indent: int = 0, first: int | None = None) -> list[str]:
    """Plain text wrapped to `width` cells, later lines indented by `indent` spaces (`first`: the
    room on the first line, when something stands before it). No rich needed."""
    room = max(width - indent, 1)
    spans = wrap_spans(text, room, first=width if first is None else max(first, 1))
    return [text[start:end] if n == 0 else " " * indent + text[start:end] for n, (start, end) in enumerate(spans)]


def narrowest(text: str) -> int:
    """The widest token of a text: no line of it can be narrower."""
    return max((cells(p[start:end]) for _, p in _paragraphs(text) for _, start, end in pieces(p)), default=0)


def widest(text: str) -> int:
    """The widest paragraph of a text: its width when nothing wraps."""
    return max((cells(paragraph.strip(" ")) for _, paragraph in _paragraphs(text)), default=0)


def wrap(text: str | Text, width: int, first: int | None = None) -> list[Text]:
    """A text (its styles kept) as lines of at most `width` cells, `first` for the first line."""
    from rich.text import Text

    styled = text if isinstance(text, Text) else Text(text)
    return [styled[start:end] for start, end in wrap_spans(styled.plain, max(width, 1), first)]


def hanging(label: str | Text, text: str | Text, width: int, indent: int) -> list[Text]:
    """`label` then `text` wrapped beside it; the text's later lines start at column `indent`."""
    from rich.text import Text

    head = label if isinstance(label, Text) else Text(label)
    room = max(width - indent, 1)
    lines = wrap(text, room, first=max(width - cells(head.plain), 1))
    out = [Text.assemble(head, lines[0])] + [Text.assemble(" " * indent, line) for line in lines[1:]]
    for line in out:
        line.rstrip()
    return out


Role = Literal["head", "text", "field"]


@dataclass(frozen=True)
class Column:
    """A column of a sheet. In blocks, `head` cells share the block's first line, a `text` cell
    has lines of its own, and a `field` is shown as `header: value`. `floor`: the narrowest a
    wrapping column may become in a table (narrower reads badly: blocks instead)."""

    header: str
    """In English, marked with `N_` where it is written; translated where it is drawn (`title`)."""
    role: Role = "field"
    floor: int = 12
    lead: int | None = None
    """For the first head column: the width its cells are padded to in blocks (default: theirs)."""

    @property
    def title(self) -> str:
        """The header in the language of the run."""
        return _(self.header) if self.header else ""


def field_label(name: str) -> str:
    """`name: ` before a value (`clause: 十四`); `条款：` in Chinese."""
    # TRANSLATORS: a label before its value, as in "clause: 十四" (the value follows at once).
    return _("{label}: ").format(label=name)


@dataclass
class Sheet:
    """Rows of cells under columns, drawn as a table when it fits the width, else as blocks."""

    columns: Sequence[Column]
    rows: list[list[str | Text]] = field(default_factory=list)
    title: str | None = None
    show_lines: bool = False

    def add_row(self, *cells: str | Text) -> None:
        """A row of cells; a tab is a space and a carriage return is shown (\\x0d), never obeyed."""
        self.rows.append([c.replace("\t", " ").replace("\r", "\\x0d") if isinstance(c, str) else c for c in cells])

    def renderables(self, width: int) -> list[RenderableType]:
        """The title, then the table or the blocks, for a console `width` cells wide."""
        from rich.text import Text

        heading = [Text("\n").join(wrap(Text(self.title, style="bold"), width))] if self.title else []
        widths = fit_columns(self, width)
        if widths is None:
            return [*heading, *blocks(self, width)]
        return [*heading, table(self, widths)]


def _plain(cell: str | Text) -> str:
    return cell if isinstance(cell, str) else cell.plain


def fit_columns(sheet: Sheet, width: int) -> list[int] | None:
    """Each column's width in a table `width` cells wide, or None when the table cannot be drawn
    without splitting a token (or squeezing a column below its floor)."""
    count = len(sheet.columns)
    room = width - 3 * count - 1  # a border left of each column and at the end, a space either side
    lows, highs = [], []
    columns: list[list[str]] = []
    for index, column in enumerate(sheet.columns):
        texts = [column.title] + [_plain(row[index]) for row in sheet.rows]
        high = max(widest(text) for text in texts)
        low = max(narrowest(text) for text in texts)
        lows.append(max(low, min(high, column.floor)))
        highs.append(max(high, 1))
        columns.append(texts)
    if sum(lows) > room:
        return None
    return _Shares(columns, lows, highs).share(room)


def _measures(text: str) -> list[list[tuple[int, int]]]:
    """(spacing before, size) of each piece of each paragraph: enough to count wrapped lines."""
    return [
        [(cells(paragraph[gap:start]), cells(paragraph[start:end])) for gap, start, end in pieces(paragraph)]
        for _, paragraph in _paragraphs(text)
    ]


def _line_count(measures: list[list[tuple[int, int]]], width: int) -> int:
    count = 0
    for paragraph in measures:
        count += 1
        used = -1
        for spacing, size in paragraph:
            if used < 0:
                used = size
            elif used + spacing + size <= width:
                used += spacing + size
            else:
                count, used = count + 1, size
    return count


class _Shares:
    """Column widths that make the table as short as it can be: from each column's narrowest,
    each step widens the column that saves the most rows per cell spent (then the most wrapped
    lines of cells, so that short cells are not wrapped needlessly); cells left over go to the
    columns nearest their full width."""

    def __init__(self, columns: list[list[str]], lows: list[int], highs: list[int]) -> None:
        self.cells = [[_measures(text) for text in texts] for texts in columns]
        self.lows, self.highs = lows, highs
        self.cache: dict[tuple[int, int], list[int]] = {}

    def lines(self, column: int, width: int) -> list[int]:
        """The number of lines of each cell (the header first) of a column at a width."""
        key = (column, width)
        if key not in self.cache:
            self.cache[key] = [_line_count(measures, width) for measures in self.cells[column]]
        return self.cache[key]

    def share(self, room: int) -> list[int]:
        widths = list(self.lows)
        spare = room - sum(widths)
        while spare > 0 and (step := self._best_step(widths, spare)) is not None:
            column, size = step
            widths[column] += size
            spare -= size
        for column in sorted(range(len(widths)), key=lambda c: self.highs[c] - widths[c]):
            grant = min(spare, self.highs[column] - widths[column])
            widths[column] += grant
            spare -= grant
        return widths

    def _best_step(self, widths: list[int], spare: int) -> tuple[int, int] | None:
        """(column, cells) of the widening that saves the most lines per cell, if any saves one."""
        current = [self.lines(column, width) for column, width in enumerate(widths)]
        tallest = [max(row) for row in zip(*current, strict=True)]
        best: tuple[float, int, int] | None = None
        for column, width in enumerate(widths):
            others = [max(row[:column] + row[column + 1 :], default=1) for row in zip(*current, strict=True)]
            for size in range(1, min(spare, self.highs[column] - width) + 1):
                after = self.lines(column, width + size)
                rows = sum(tallest) - sum(max(o, a) for o, a in zip(others, after, strict=True))
                saved = rows * 1000 + sum(current[column]) - sum(after)  # rows first, then wrapped cells
                if saved > 0:
                    if best is None or saved / size > best[0]:
                        best = (saved / size, column, size)
                    break
        return None if best is None else (best[1], best[2])


def _cell_text(cell: str | Text, width: int) -> Text:
    from rich.text import Text

    return Text("\n").join(wrap(cell, width))


def table(sheet: Sheet, widths: list[int]) -> RenderableType:
    """The sheet as a rich table with the given column widths, every cell wrapped beforehand."""
    from rich.table import Table

    drawn = Table(show_lines=sheet.show_lines, expand=False)
    for column, width in zip(sheet.columns, widths, strict=True):
        drawn.add_column(_cell_text(column.title, width), width=width, no_wrap=True)
    for row in sheet.rows:
        drawn.add_row(*[_cell_text(cell, width) for cell, width in zip(row, widths, strict=True)])
    return drawn


def blocks(sheet: Sheet, width: int) -> list[RenderableType]:
    """One block per row: the head cells on the first line, then each other cell."""
    if not sheet.rows:
        return []
    heads = [index for index, column in enumerate(sheet.columns) if column.role == "head"] or [0]
    first = sheet.columns[heads[0]]
    lead = first.lead if first.lead is not None else max(cells(_plain(row[heads[0]])) for row in sheet.rows)
    indent = lead + 2 if lead <= LONG_LEAD else 4
    lines: list[RenderableType] = []
    for row in sheet.rows:
        lines += _block_head([_one_line(row[index]) for index in heads], width, indent)
        for index, column in enumerate(sheet.columns):
            if index not in heads:
                lines += _block_cell(column, row[index], width, indent)
    return lines


LONG_LEAD = 12
"""A block's first cell up to this wide sets the indent of the lines under it (a column of short
codes: B21, PASS); longer ones (obligation ids) leave the lines under them at 4."""


def _one_line(cell: str | Text) -> Text:
    from rich.text import Text

    if isinstance(cell, Text) and "\n" not in cell.plain:
        return cell
    return Text(_plain(cell).replace("\n", " "), style=cell.style if isinstance(cell, Text) else "")


def _block_head(heads: list[Text], width: int, indent: int) -> list[Text]:
    """The first line of a block: the first head cell padded to `indent`, the others after it."""
    from rich.text import Text

    label, rest = heads[0], Text("  ").join(heads[1:])
    if not rest.plain:
        return [label]
    return hanging(Text.assemble(label, " " * max(indent - cells(label.plain), 1)), rest, width, indent)


def _block_cell(column: Column, cell: str | Text, width: int, indent: int) -> list[Text]:
    from rich.text import Text

    if column.role == "text":
        return [Text.assemble(" " * indent, line) for line in wrap(cell, width - indent)]
    label = " " * indent + field_label(column.title)
    return hanging(label, cell, width, min(cells(label), max(width - 24, indent)))
