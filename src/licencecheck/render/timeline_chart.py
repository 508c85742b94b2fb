"""The timeline as a chart: hand-written SVG of the items in `timeline_items` (the JSON report's
`timeline`), one band per licence on one dated axis, with the day checked across them all.

Self-contained: no fonts, images or styles from anywhere else, no `url(` at all (hatching is
drawn as lines, not patterns), every text escaped by ElementTree. Each mark has a pattern or a
dash style as well as a colour, so that the chart reads in black and white, and the legend is
drawn with the very functions that draw the marks. `timeline_svg(report, standalone=False)` is
the same chart for embedding inline in HTML (no XML declaration; `id_prefix` keeps its ids
apart from another chart's)."""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from xml.etree import ElementTree as ET

from licencecheck.i18n import N_, _, day, join, listing
from licencecheck.report import Report
from licencecheck.safetext import printable

SVG_NS = "http://www.w3.org/2000/svg"
FONTS = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif"
WIDTH = 1200
PLOT_X0, PLOT_X1 = 210, WIDTH - 110
RIGHT_LIMIT = WIDTH - 10
ROW_NAME_X = 20
LABEL_SIZE, LINE = 11, 13
SLOT = 2 * LINE + 5
"""Height of one line of labels under a row (two lines of text)."""
INK = "#1f1f1f"
VALIDITY_TEXT = {"expired": "#b71c1c", "renewal-pending": "#8a3700", "not-yet-in-force": "#5f5f5f"}
"""The colour of the validity's state in words (in force: ink)."""
HALO = {"stroke": "#ffffff", "stroke_width": 3, "stroke_linejoin": "round", "paint_order": "stroke"}
"""A white edge round text, so that lines behind it do not cross it."""
GREY = "#555555"
YEAR_TEXT = {"font_size": 13, "font_weight": 700, "fill": INK, "class_": "year", **HALO}
MONTH_TEXT = {"font_size": 10, "fill": GREY, "class_": "month", **HALO}
MONTHS = (
    N_("Jan"),
    N_("Feb"),
    N_("Mar"),
    N_("Apr"),
    N_("May"),
    N_("Jun"),
    N_("Jul"),
    N_("Aug"),
    N_("Sep"),
    N_("Oct"),
    N_("Nov"),
    N_("Dec"),
)
"""The months' names on the axis (translated where drawn: 1月 … 12月)."""


@dataclass(frozen=True)
class Style:
    stroke: str
    fill: str
    text: str
    hatch: str = ""
    """"" none; "/" or "\\" diagonal lines; "x" both; "." dots; "-" horizontal lines."""
    dash: str = ""
    width: float = 1.5


STATUS_STYLES = {
    "done": Style("#1b5e20", "#2e7d32", "#1b5e20"),
    "open": Style("#1565c0", "#ffffff", "#0d47a1", width=2),
    "upcoming": Style("#b34700", "#fff3e0", "#8a3700", hatch="/", width=2),
    "overdue": Style("#b71c1c", "#ffebee", "#b71c1c", hatch="x", width=2.5),
    "unconfirmed": Style("#6a1b9a", "#f8f0fb", "#6a1b9a", hatch=".", dash="3 2"),
    "not-applicable": Style("#8a8a8a", "#ffffff", "#5f5f5f", dash="6 3"),
    "information": Style("#455a64", "#eceff1", "#37474f", hatch="-"),
}
MARK_STYLES = {
    "validity": Style("#0d3c61", "#7fa7d6", "#0d3c61"),
    "lapse-expired": Style("#b71c1c", "#ffffff", "#b71c1c", hatch="\\", width=2),
    "lapse-renewal-pending": Style("#b34700", "#ffffff", "#8a3700", hatch="\\", dash="4 2", width=2),
    "issued": Style(INK, INK, INK, width=2),
    "event": Style(INK, "#ffffff", INK, dash="2 2"),
    "day-checked": Style("#000000", "none", "#000000", dash="7 4", width=1.75),
    **{f"{kind}-{status}": style for kind in ("window", "deadline") for status, style in STATUS_STYLES.items()},
    "retention-information": STATUS_STYLES["information"],
}


def timeline_svg(report: Report, *, standalone: bool = True, id_prefix: str = "timeline-") -> str:
    """The chart of a timeline (or deadlines) report. `standalone`: a file of its own, with an
    XML declaration; otherwise an `<svg>` element to put inline in HTML."""
    from licencecheck.timeline_items import timeline_items

    timeline = report.extra.get("timeline") or timeline_items(report)
    chart = _Chart(timeline, id_prefix)
    root = chart.draw(_title(report, timeline))
    text = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{text}\n' if standalone else text


def _title(report: Report, timeline: dict[str, Any]) -> str:
    numbers = listing(band["licence"] for band in timeline["bands"]) or report.licence_number
    # TRANSLATORS: the chart's title: the licences, and the day checked.
    return _("Licence timeline of {licences} on {day}").format(licences=numbers, day=_day(timeline["on"]))


def _day(iso: str) -> str:
    """An ISO date of the timeline as people read it."""
    return day(date.fromisoformat(iso))


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """An estimate of the width of `text` in px, from the advance widths of Noto Sans CJK SC
    (a little generous, for fonts with wider Latin letters): CJK characters a full em."""
    ems = sum(_char_width(char) for char in text) * (1.06 if bold else 1.0)
    return ems * size * 1.04


def _char_width(char: str) -> float:
    if unicodedata.east_asian_width(char) in "WF":
        return 1.0
    if char in " ,.:;'|!il":
        return 0.28
    if char in "-()[]/ft":
        return 0.36
    if char.isupper() or char in "mwMW":
        return 0.66
    return 0.55


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: Any) -> ET.Element:
    """A child element; attribute names with `_` become `-` (`font_size` is `font-size`). Text
    and attributes are escaped by ElementTree, control characters shown as \\xNN (XML cannot
    hold them)."""
    element = ET.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): _attr(v) for k, v in attrs.items()})
    if text is not None:
        element.text = printable(text)
    return element


def _attr(value: Any) -> str:
    return _num(value) if isinstance(value, float) else printable(str(value), keep_newlines=False)


class _Scale:
    """Days to x, over the axis's range."""

    def __init__(self, first: date, last: date) -> None:
        self.first, self.last = first, last
        self.span = max((last - first).days, 1)

    def x(self, day: date | str) -> float:
        day = date.fromisoformat(day) if isinstance(day, str) else day
        return PLOT_X0 + (day - self.first).days * (PLOT_X1 - PLOT_X0) / self.span

    def months(self) -> list[date]:
        found, day = [], self.first.replace(day=1)
        while day <= self.last:
            found.append(day)
            day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return found

    def per_month(self) -> float:
        return (PLOT_X1 - PLOT_X0) / max(self.span / 30.44, 1)


@dataclass
class _Label:
    x: float
    anchor: str
    lines: list[str]
    colour: str
    strong: bool = False
    width: float = 0.0
    slot: int = 0

    def __post_init__(self) -> None:
        self.width = max(text_width(line, LABEL_SIZE, bold=index > 0) for index, line in enumerate(self.lines))

    @property
    def left(self) -> float:
        return self.x - self.width if self.anchor == "end" else self.x

    @property
    def right(self) -> float:
        return self.x if self.anchor == "end" else self.x + self.width


def place(x0: float, x1: float, lines: list[str], colour: str, strong: bool = False) -> _Label:
    """A label under marks from x0 to x1: from their left end, or (where it would run past the
    right edge) ending at their right end, never into the row names."""
    label = _Label(x0, "start", lines, colour, strong)
    if label.right > RIGHT_LIMIT:
        label = _Label(max(x1, PLOT_X0 + label.width), "end", lines, colour, strong)
    return label


def stack(labels: list[_Label], gap: float = 10) -> int:
    """Give each label a line (`slot`) under its row where it overlaps no other; the number of lines."""
    ends: list[float] = []
    for label in sorted(labels, key=lambda item: item.left):
        slot = next((i for i, end in enumerate(ends) if label.left >= end + gap), len(ends))
        if slot == len(ends):
            ends.append(label.right)
        ends[slot] = label.right
        label.slot = slot
    return len(ends)


@dataclass
class _Chart:
    timeline: dict[str, Any]
    prefix: str
    root: ET.Element = field(default_factory=lambda: ET.Element("svg"))
    y: float = 0.0

    def __post_init__(self) -> None:
        axis = self.timeline["axis"]
        self.scale = _Scale(date.fromisoformat(axis["from"]), date.fromisoformat(axis["to"]))

    def draw(self, title: str) -> ET.Element:
        root = self.root
        for key, value in (("xmlns", SVG_NS), ("role", "img"), ("font-family", FONTS)):
            root.set(key, value)
        root.set("aria-labelledby", f"{self.prefix}title {self.prefix}desc")
        _el(root, "title", title, id=f"{self.prefix}title")
        _el(root, "desc", _description(self.timeline), id=f"{self.prefix}desc")
        _el(root, "rect", x=0, y=0, width="100%", height="100%", fill="#ffffff")
        self._heading(title)
        axis_top = self.y
        self.y += 60
        grid = _el(root, "g", class_="grid")
        day_checked = _item_group(root, self.timeline["day_checked"], self.prefix)
        self._axis(axis_top + 40)
        for number, band in enumerate(self.timeline["bands"], start=1):
            self._band(number, band)
        _grid_lines(grid, self.scale, axis_top + 48, self.y)
        self._day_checked(day_checked, axis_top, self.y)
        if len(self.timeline["bands"]) > 1:
            self._axis(self.y + 24, below=True)
            self.y += 30
        self.y += 24
        self._legend()
        height = math.ceil(self.y + 16)
        for name, size in (("width", str(WIDTH)), ("height", str(height)), ("viewBox", f"0 0 {WIDTH} {height}")):
            root.set(name, size)
        return root

    def _heading(self, title: str) -> None:
        """The title (wrapped when a portfolio's numbers make it long), then the notes."""
        lines = _wrap(title, WIDTH - 2 * ROW_NAME_X, 19 * 1.06) or [title]
        for index, line in enumerate(lines):
            _el(self.root, "text", line, x=ROW_NAME_X, y=32 + 24 * index, font_size=19, font_weight=700, fill=INK)
        self.y = 40 + 24 * (len(lines) - 1)
        for note in self.timeline["notes"]:
            for line in _wrap(note, WIDTH - 2 * ROW_NAME_X, 12):
                self.y += 17
                _el(self.root, "text", line, class_="note", x=ROW_NAME_X, y=self.y, font_size=12, fill="#3c3c3c")
        self.y += 14

    def _axis(self, labels_y: float, *, below: bool = False) -> None:
        """Ticks and labels of months and years, the labels above the line (`below`: under it,
        for a second axis at the foot of a tall chart)."""
        axis = _el(self.root, "g", class_="axis")
        line_y = labels_y - 16 if below else labels_y + 8
        _el(axis, "line", x1=PLOT_X0, y1=line_y, x2=PLOT_X1, y2=line_y, stroke=INK, stroke_width=1)
        step, labelled, years = _tick_steps(self.scale.per_month())
        sign = -1 if below else 1
        for month in self.scale.months():
            x = self.scale.x(month)
            if month.month == 1 and month.year % years == 0:
                _el(axis, "line", x1=x, y1=line_y - 9 * sign, x2=x, y2=line_y, stroke=INK, stroke_width=1.25)
                _el(axis, "text", str(month.year), x=x, y=labels_y, text_anchor="middle", **YEAR_TEXT)
            elif (month.month - 1) % step == 0:
                _el(axis, "line", x1=x, y1=line_y - 5 * sign, x2=x, y2=line_y, stroke=GREY, stroke_width=1)
                if labelled:
                    _el(axis, "text", _(MONTHS[month.month - 1]), x=x, y=labels_y, text_anchor="middle", **MONTH_TEXT)
        first_january = next((m for m in self.scale.months() if m.month == 1), None)
        if first_january is None or self.scale.x(first_january) - PLOT_X0 > 60:
            _el(axis, "text", str(self.scale.first.year), x=PLOT_X0, y=labels_y, **YEAR_TEXT)

    def _band(self, number: int, band: dict[str, Any]) -> None:
        group = _el(self.root, "g", class_="band", id=f"{self.prefix}licence{number}", data_licence=band["licence"])
        _el(group, "rect", x=0, y=self.y, width=WIDTH, height=28, fill="#eef1f5")
        _el(
            group,
            "text",
            band["licence"],
            class_="band-label",
            x=ROW_NAME_X,
            y=self.y + 19,
            font_size=15,
            font_weight=700,
            fill=INK,
        )
        self.y += 28
        rows: dict[str, list[dict[str, Any]]] = {}
        for item in band["items"]:
            rows.setdefault(item["row"], []).append(item)
        for index, (name, items) in enumerate(rows.items()):
            if index:
                _el(group, "line", x1=ROW_NAME_X, y1=self.y, x2=RIGHT_LIMIT, y2=self.y, stroke="#e3e3e3")
            self.y = _Row(self, group, name, items).draw(self.y)
        self.y += 10

    def _day_checked(self, group: ET.Element, top: float, bottom: float) -> None:
        """The day checked: a line behind the bands (drawn first), labelled above the axis."""
        item = self.timeline["day_checked"]
        x = self.scale.x(item["start"])
        mark_day_checked(group, x, top + 20, bottom)
        (text,) = item["label"]
        width = text_width(text, 12, bold=True)
        left = min(max(x - width / 2, PLOT_X0 - 40), RIGHT_LIMIT - width)
        _el(
            group,
            "rect",
            x=left - 5,
            y=top + 2,
            width=width + 10,
            height=18,
            fill="#ffffff",
            stroke="#000000",
            stroke_width=1,
        )
        _el(group, "text", text, x=left, y=top + 15, font_size=12, font_weight=700, fill="#000000")

    def _legend(self) -> None:
        legend = _el(self.root, "g", class_="legend")
        _el(legend, "text", _("Legend"), x=ROW_NAME_X, y=self.y + 12, font_size=13, font_weight=700, fill=INK)
        x, y = ROW_NAME_X + 70.0, self.y
        for entry in self.timeline["legend"]:
            width = 44 + text_width(entry["text"], 12) + 26
            if x + width > RIGHT_LIMIT:
                x, y = ROW_NAME_X + 70.0, y + 24
            group = _el(legend, "g", class_="legend-entry", data_legend=entry["key"])
            swatch(group, entry["key"], x, y + 8)
            _el(group, "text", entry["text"], x=x + 44, y=y + 12, font_size=12, fill=INK)
            x += width
        self.y = y + 24


def _tick_steps(per_month: float) -> tuple[int, bool, int]:
    """(months between ticks, whether those are labelled, years between year labels): ticks at
    least 14 px apart, month names at least 30 px, years at least 44 px."""
    step = next((months for months in (1, 3, 6, 12) if months * per_month >= 14), 12)
    years = next((n for n in (1, 2, 5, 10, 20, 50, 100) if n * 12 * per_month >= 44), 100)
    return step, step < 12 and step * per_month >= 30 and years == 1, years


def _grid_lines(group: ET.Element, scale: _Scale, top: float, bottom: float) -> None:
    for month in scale.months():
        if month.month == 1:
            x = scale.x(month)
            _el(group, "line", x1=x, y1=top, x2=x, y2=bottom, stroke="#d6d6d6", stroke_width=1)


def _wrap(text: str, width: float, size: float) -> list[str]:
    """A line of text in lines no wider than `width` px, broken at spaces or between CJK
    characters (as `render.fit` breaks them), never inside a token."""
    from licencecheck.render.fit import pieces

    lines: list[str] = []
    line = ""
    for gap, start, end in pieces(text):
        candidate = line + text[gap:end] if line else text[start:end]
        if line and text_width(candidate, size) > width:
            lines.append(line)
            candidate = text[start:end]
        line = candidate
    return [*lines, line] if line else lines


def _description(timeline: dict[str, Any]) -> str:
    """The chart in words, one line an item."""
    lines = [_("Day checked: {day}.").format(day=_day(timeline["on"]))]
    for band in timeline["bands"]:
        lines.append(_("Licence {licence}:").format(licence=band["licence"]))
        # TRANSLATORS: a line of the chart's description: a row (an obligation) and its item's labels.
        lines += [
            "  " + _("{row}: {labels}.").format(row=item["row"], labels=join(item["label"])) for item in band["items"]
        ]
    return "\n".join(lines + timeline["notes"])


def _item_group(parent: ET.Element, item: dict[str, Any], prefix: str) -> ET.Element:
    status = f" status-{item['status']}" if item["status"] else ""
    group = _el(
        parent,
        "g",
        id=f"{prefix}{item['id']}",
        class_=f"item {item['kind']}{status}",
        data_legend=" ".join(item["legend"]),
        data_start=item["start"],
        data_end=item["end"],
    )
    _el(group, "title", join(item["label"]))
    return group


class _Row:
    """One row of a band: its name on the left, its items' marks, their labels in lines below."""

    MARKS = 30.0
    """Height of the marks' strip at the top of the row."""

    def __init__(self, chart: _Chart, parent: ET.Element, name: str, items: list[dict[str, Any]]) -> None:
        self.chart, self.parent, self.name, self.items = chart, parent, name, items
        self.scale = chart.scale

    def draw(self, top: float) -> float:
        middle = top + self.MARKS / 2 + 2
        names = _split_name(self.name, PLOT_X0 - ROW_NAME_X - 16)
        for index, line in enumerate(names):
            _el(
                self.parent,
                "text",
                line,
                class_="row-name",
                x=ROW_NAME_X,
                y=middle + 4 + 14 * (index - (len(names) - 1) / 2),
                font_size=12,
                font_weight=600,
                fill=INK,
            )
        groups = [_item_group(self.parent, item, self.chart.prefix) for item in self.items]
        labels = [self._marks(group, item, middle) for group, item in zip(groups, self.items, strict=True)]
        lines = stack(labels)
        for group, label in zip(groups, labels, strict=True):
            _draw_label(group, label, top + self.MARKS + 14 + label.slot * SLOT)
        return top + self.MARKS + max(lines, math.ceil(len(names) / 2)) * SLOT + 8

    def _marks(self, group: ET.Element, item: dict[str, Any], middle: float) -> _Label:
        """Draw an item's marks; its label, placed under them."""
        x0, x1 = self.scale.x(item["start"]), self.scale.x(item["end"])
        key = item["legend"][0]
        style = MARK_STYLES[key]
        if item["kind"] == "deadline":
            left, right = x0 - 8, x0 + 8
            mark_diamond(group, x0, middle, 8, style)
            if item.get("trigger"):
                xt = self.scale.x(item["trigger"])
                mark_event(group, xt, x0, middle)
                left, right = min(left, xt - 6), max(right, xt + 6)
            return place(left, right, item["label"], style.text, item["status"] == "overdue")
        height = 18 if item["kind"] == "validity" else 14
        mark_bar(group, x0, x1, middle, height, style)
        if item["kind"] == "validity":
            x1 = self._validity_extras(group, item, middle, x1)
        colour = style.text if item["kind"] != "validity" else VALIDITY_TEXT.get(item["status"], INK)
        return place(x0, x1, item["label"], colour, item["status"] == "expired")

    def _validity_extras(self, group: ET.Element, item: dict[str, Any], middle: float, x1: float) -> float:
        """The lapse after the validity end, and the issue date; the right end of the marks."""
        lapse = item.get("lapse")
        if lapse:
            start, end = self.scale.x(lapse["start"]), self.scale.x(lapse["end"])
            mark_bar(group, start, end, middle, 18, MARK_STYLES[f"lapse-{item['status']}"])
            x1 = max(x1, end)
        if "issued" in item["legend"]:
            mark_issued(group, self.scale.x(item["issued_on"]), middle, 18)
        return x1


def _split_name(name: str, width: float) -> list[str]:
    """A row name in lines that fit `width`, broken after hyphens (or between CJK characters)."""
    from licencecheck.render.fit import pieces

    if text_width(name, 12, bold=True) <= width:
        return [name]
    lines, line = [], ""
    spaced = name.replace("-", "- ")
    for part in (spaced[start:end] for _gap, start, end in pieces(spaced)):
        if line and text_width(line + part, 12, bold=True) > width:
            lines.append(line)
            line = ""
        line += part
    return [*lines, line]


def _draw_label(group: ET.Element, label: _Label, y: float) -> None:
    for index, line in enumerate(label.lines):
        colour = INK if index == 0 else label.colour
        weight = 700 if label.strong and index else (600 if index else 400)
        _el(
            group,
            "text",
            line,
            class_="label",
            x=label.x,
            y=y + index * LINE,
            text_anchor=label.anchor,
            font_size=LABEL_SIZE,
            font_weight=weight,
            fill=colour,
            **HALO,
        )


def _outline(style: Style) -> dict[str, Any]:
    attrs: dict[str, Any] = {"stroke": style.stroke, "stroke_width": style.width}
    if style.dash:
        attrs["stroke_dasharray"] = style.dash
    return attrs


def mark_bar(parent: ET.Element, x0: float, x1: float, middle: float, height: float, style: Style) -> None:
    """A span: a bar from x0 to x1 (at least 4 px), filled, hatched and outlined in the style."""
    x1 = max(x1, x0 + 4)
    top = middle - height / 2
    _el(parent, "rect", x=x0, y=top, width=x1 - x0, height=height, fill=style.fill)
    _hatch(parent, x0, top, x1 - x0, height, style.hatch, style.stroke)
    _el(parent, "rect", x=x0, y=top, width=x1 - x0, height=height, fill="none", **_outline(style))


def mark_diamond(parent: ET.Element, cx: float, cy: float, radius: float, style: Style) -> None:
    """A day: a diamond, drawn as a square turned 45° so that its hatching is lines across it."""
    turned = _el(parent, "g", transform=f"rotate(45 {_num(cx)} {_num(cy)})")
    side = radius * math.sqrt(2)
    x, y = cx - side / 2, cy - side / 2
    _el(turned, "rect", x=x, y=y, width=side, height=side, fill=style.fill)
    turned_hatch = {"/": "|", "\\": "-", "x": "+"}.get(style.hatch, style.hatch)
    _hatch(turned, x, y, side, side, turned_hatch, style.stroke, spacing=3.5)
    _el(turned, "rect", x=x, y=y, width=side, height=side, fill="none", **_outline(style))


def mark_event(parent: ET.Element, x_event: float, x_due: float, middle: float) -> None:
    """The day of an event: a circle, joined to its deadline by a dotted line."""
    style = MARK_STYLES["event"]
    _el(
        parent,
        "line",
        x1=x_event,
        y1=middle,
        x2=x_due,
        y2=middle,
        stroke=style.stroke,
        stroke_width=1.25,
        stroke_dasharray=style.dash,
    )
    _el(parent, "circle", cx=x_event, cy=middle, r=4.5, fill=style.fill, stroke=style.stroke, stroke_width=1.5)


def mark_issued(parent: ET.Element, x: float, middle: float, height: float) -> None:
    """The issue date: a tick through the validity bar with a small triangle above it."""
    style = MARK_STYLES["issued"]
    top, bottom = middle - height / 2 - 4, middle + height / 2 + 2
    _el(parent, "line", x1=x, y1=top, x2=x, y2=bottom, stroke=style.stroke, stroke_width=style.width)
    points = f"{_num(x - 4)},{_num(top - 5)} {_num(x + 4)},{_num(top - 5)} {_num(x)},{_num(top)}"
    _el(parent, "polygon", points=points, fill=style.fill)


def mark_day_checked(parent: ET.Element, x: float, top: float, bottom: float) -> None:
    style = MARK_STYLES["day-checked"]
    _el(parent, "line", x1=x, y1=top, x2=x, y2=bottom, **_outline(style))


def _hatch(
    parent: ET.Element, x: float, y: float, w: float, h: float, kind: str, colour: str, spacing: float = 5
) -> None:
    """Hatching inside a rectangle, as plain lines (or dots): `/`, `\\`, `x` (both), `|`, `-`,
    `+` (both) or `.`."""
    if not kind:
        return
    group = _el(parent, "g", stroke=colour, stroke_width=1, fill=colour, class_="hatch")
    segments: list[tuple[float, float, float, float]] = []
    if kind in "/x":
        segments += _diagonals(x, y, w, h, spacing, rising=True)
    if kind in "\\x":
        segments += _diagonals(x, y, w, h, spacing, rising=False)
    if kind in "|+":
        segments += [(x + d, y, x + d, y + h) for d in _steps(w, spacing)]
    if kind in "-+":
        segments += [(x, y + d, x + w, y + d) for d in _steps(h, spacing)]
    for x1, y1, x2, y2 in segments:
        _el(group, "line", x1=x1, y1=y1, x2=x2, y2=y2)
    if kind == ".":
        for dx in _steps(w, 4):
            for dy in _steps(h, 4):
                _el(group, "circle", cx=x + dx, cy=y + dy, r=0.9, stroke="none")


def _steps(length: float, spacing: float) -> list[float]:
    count = int(length // spacing)
    offset = (length - (count - 1) * spacing) / 2 if count > 0 else length / 2
    return [offset + i * spacing for i in range(max(count, 1))]


def _diagonals(
    x: float, y: float, w: float, h: float, spacing: float, *, rising: bool
) -> list[tuple[float, float, float, float]]:
    """45° lines across the rectangle, cut at its sides: a line starts at the bottom (rising) or
    the top edge at x + c and runs h to the right, as far as the rectangle goes."""
    segments = []
    c = -h + spacing / 2
    while c < w:
        t0, t1 = max(0.0, -c / h), min(1.0, (w - c) / h)
        if t0 < t1:
            ya, yb = (y + h - t0 * h, y + h - t1 * h) if rising else (y + t0 * h, y + t1 * h)
            segments.append((x + c + t0 * h, ya, x + c + t1 * h, yb))
        c += spacing
    return segments


def swatch(parent: ET.Element, key: str, x: float, middle: float) -> None:
    """A legend entry's sample, drawn by the function that draws that mark in the chart."""
    style = MARK_STYLES[key]
    if key.startswith("deadline-"):
        mark_diamond(parent, x + 18, middle, 8, style)
    elif key == "event":
        mark_event(parent, x + 6, x + 34, middle)
    elif key == "issued":
        mark_issued(parent, x + 18, middle + 2, 12)
    elif key == "day-checked":
        mark_day_checked(parent, x + 18, middle - 10, middle + 10)
    else:
        mark_bar(parent, x, x + 36, middle, 18 if key == "validity" or key.startswith("lapse-") else 14, style)
