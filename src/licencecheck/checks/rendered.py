"""Is a wanted text (the licence number, the company name) visible on a page rendered in Chromium?

The browser measures (`browser/visibility.js`); this module decides. An occurrence of the text
in the rendered page's text (split across inline elements is fine; an element that is not
inline ends a run, as in `checks.pages`) is visible when all of these hold, checked in this
order, and the first that fails says how it is hidden:

1. rendered: no element around it has `display: none` (or the `hidden` attribute) or
   `content-visibility: hidden`, and `visibility` is `visible`;
2. readable size: the font size as drawn (computed size × transform scale) at least
   MIN_FONT_PX;
3. not transparent: text colour alpha × the opacity of every ancestor at least 0.1;
4. a box: its glyphs have a box of at least 1×1 CSS px;
5. on the page: the box lies wholly inside the page's scrollable area (a reader can scroll to
   it; `left: -9999px` or `text-indent: -9999px` cannot be reached);
6. not clipped: at least 99% of the box survives every ancestor that clips (overflow other
   than visible, `clip`), so the screen-reader-only pattern (1×1 px, overflow hidden) fails;
7. not covered: at the centre of each line box the topmost element is the text's own element,
   one of its ancestors or descendants;
8. drawn, with contrast: screenshots of the box with the glyphs and with the glyphs made
   transparent differ (else the text is the colour of its background, or a filter, mask or
   clip-path removes it), and the contrast between the two at the glyph pixels (the 99th
   percentile of WCAG 2.2 contrast ratios over changed pixels) is at least MIN_CONTRAST, or
   MIN_CONTRAST_LARGE for large text (24 px, or 18.66 px at weight 700 or more): WCAG 2.2
   success criterion 1.4.3 (level AA).

Text drawn by CSS (`content:` in ::before/::after), in images, canvas, iframes or form
controls is not page text and does not count: a number shown only there fails.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from licencecheck.checks.pages import _DASHES, _DROPPED, _joins, _pattern, fold
from licencecheck.i18n import _, join, quote

MIN_FONT_PX = 10.0
"""The smallest font size, in CSS px as drawn, that counts as readable (WCAG sets none; below
10 px the strokes of a CJK glyph merge on a 1x screen)."""
MIN_ALPHA = 0.1
"""Text colour alpha × ancestors' opacity below this is transparent."""
MIN_CONTRAST = 4.5
MIN_CONTRAST_LARGE = 3.0
LARGE_PX, LARGE_BOLD_PX = 24.0, 18.66
MIN_VISIBLE_SHARE = 0.99
"""The share of the glyphs' box that must survive clipping."""
PERCENTILE = 0.99
"""The glyphs' contrast is taken at this percentile of the changed pixels: anti-aliased edges
only lower a pixel's contrast, so the most solid pixels show the text's colour."""
CHANGED = 24
"""A pixel whose R+G+B differs by more than this between the two screenshots is a glyph pixel."""
MIN_INK_SHARE = 0.7
"""The share of the text's ink (drawn plainly, same font and size) that must reach the screen:
less, and part of it is covered, cut or struck through."""
ALMOST_NO_INK = 0.1
"""Below this share of its ink the text is as good as not drawn."""
MIN_CHAR_INK = 0.5
"""Each character must show at least this share of its own ink: one digit covered changes the number."""
MAX_LETTER_SPACING = 0.5
"""Letter spacing above this many font sizes spreads a number into single characters."""
PAGE_SLACK = 1.0
"""CSS px a box may stick out of the page (sub-pixel layout)."""


@dataclass(frozen=True)
class Occurrence:
    """Where a wanted text stands in the page's text nodes: first/last node, UTF-16 offsets."""

    first: int
    start: int
    last: int
    end: int
    skip_hidden: bool = False  # found in the text as displayed, around text that is not

    def as_js(self) -> dict[str, int | bool]:
        return {
            "first": self.first,
            "start": self.start,
            "last": self.last,
            "end": self.end,
            "skipHidden": self.skip_hidden,
        }


def _clusters(text: str) -> list[tuple[str, int]]:
    """A base character with the combining marks after it (`e` + U+0301), and its UTF-16 length:
    folded together, as `pages.fold` folds the whole string (NFKC composes them)."""
    clusters: list[tuple[str, int]] = []
    for char in text:
        width = 2 if ord(char) > 0xFFFF else 1
        if clusters and unicodedata.combining(char):
            clusters[-1] = (clusters[-1][0] + char, clusters[-1][1] + width)
        else:
            clusters.append((char, width))
    return clusters


def _folded_run(run: list[tuple[int, str]]) -> tuple[str, list[tuple[int, int, int]]]:
    """A run folded as `pages.fold` keeps spaces (`_spaced`), and for each folded character
    the text node and UTF-16 offsets of the characters it came from."""
    chars: list[str] = []
    origin: list[tuple[int, int, int]] = []
    for node, text in run:
        offset = 0
        for cluster, width in _clusters(text):
            folded = unicodedata.normalize("NFKC", cluster).translate(_DASHES).translate(_DROPPED)
            for piece in (" " if c.isspace() else c for c in folded.casefold()):
                if piece == " " and chars and chars[-1] == " ":
                    continue
                chars.append(piece)
                origin.append((node, offset, offset + width))
            offset += width
    return "".join(chars), origin


def rendered_occurrences(runs: list[list[Any]], text: str, bounded: bool) -> list[Occurrence]:
    """The occurrences in the text as displayed (runs of [node, text, not displayed]); if none,
    the ones that text not displayed holds, to say how they are hidden."""
    from dataclasses import replace

    shown = [[(node, piece) for node, piece, hidden in run if not hidden] for run in runs]
    found = [replace(o, skip_hidden=True) for o in occurrences(shown, text, bounded)]
    return found or occurrences([[(node, piece) for node, piece, _ in run] for run in runs], text, bounded)


def occurrences(runs: list[list[tuple[int, str]]], text: str, bounded: bool) -> list[Occurrence]:
    """Every place the wanted text stands within one run (on boundaries, if bounded)."""
    needle = fold(text)
    if not needle:
        return []
    found = []
    for run in runs:
        folded, origin = _folded_run(run)
        start = 0
        while (match := _pattern(needle).search(folded, start)) is not None:
            start = match.start() + 1
            if bounded and (_joins(folded, match.start() - 1) or _joins(folded, match.end())):
                continue
            first, last = origin[match.start()], origin[match.end() - 1]
            found.append(Occurrence(first[0], first[1], last[0], last[2]))
    return found


_HIDDEN_ATTRIBUTE = " (hidden attribute)"
_CLIPPED = re.compile(r"(?P<element>.*) \((?P<style>(?:clip|overflow): .*), a (?P<width>\d+)×(?P<height>\d+) px box\)")
_STYLED = re.compile(r"(?P<element>.*) \((?P<style>(?:visibility|opacity): [^()]*)\)")
_DISTORTED = re.compile(
    r"(?P<element>.*) \((?P<style>(?:unicode-bidi|transform): .*)\): "
    r"(?:(?P<reversed>shown reversed)|(?P<mirrored>mirrored)|rotated (?P<degrees>\d+)°"
    r"|squeezed to (?P<percent>\d+)% of its width)"
)
_IMAGE = "an image on "


def _element(text: str) -> str:
    """An element as the browser describes it (`<footer class="icp">`), its words in the run's language."""
    if text == "the page":
        return _("the page")
    if text.endswith(_HIDDEN_ATTRIBUTE):
        return _("{element} (hidden attribute)").format(element=text.removesuffix(_HIDDEN_ATTRIBUTE))
    return text


def _clipped(text: str | None) -> str:
    """How the browser says an ancestor clips the text (`<span class="sr-only"> (clip: …, a 1×1 px box)`)."""
    if not text:
        return _("clipped by an ancestor")
    if (clipped := _CLIPPED.fullmatch(text)) is None:
        return _("clipped by {element}").format(element=_element(text))
    return _("clipped by {element} ({style}, a {width}×{height} px box)").format(
        element=_element(clipped["element"]),
        style=clipped["style"],
        width=clipped["width"],
        height=clipped["height"],
    )


def _colour(text: str) -> str:
    """A background as the browser describes it: a colour, or an image on an element."""
    if text.startswith(_IMAGE):
        return _("an image on {element}").format(element=_element(text.removeprefix(_IMAGE)))
    return text


def _distortion(text: str) -> str:
    """How a transform or text direction stops a text reading as written, as the browser says it."""
    found = _DISTORTED.fullmatch(text)
    if found is None:
        return text
    element, style = _element(found["element"]), found["style"]
    if found["reversed"]:
        return _("{element} ({style}): shown reversed").format(element=element, style=style)
    if found["mirrored"]:
        return _("{element} ({style}): mirrored").format(element=element, style=style)
    if found["degrees"]:
        return _("{element} ({style}): rotated {degrees}°").format(
            element=element, style=style, degrees=found["degrees"]
        )
    return _("{element} ({style}): squeezed to {percent}% of its width").format(
        element=element, style=style, percent=found["percent"]
    )


def hidden_by_style(measured: dict[str, Any]) -> str | None:
    """Checks 1-7 on the browser's measurements: how the occurrence is hidden, or None."""
    for style in measured["styles"]:
        if (how := _not_rendered(style)) is not None:
            return how
    for style in measured["styles"]:
        if (how := _unreadable(style)) is not None:
            return how
    if not measured["boxes"]:
        return _("its text in {element} has no box (zero size)").format(
            element=_element(measured["styles"][0]["element"])
        )
    if (where := _off_page(measured)) is not None:
        return where
    if measured["visible"] < MIN_VISIBLE_SHARE * measured["area"]:
        return _clipped(measured["clippedBy"])
    if not measured.get("inOrder", True):
        return _("its pieces are drawn out of order (it reads as {text} only in the source)").format(
            text=quote(measured.get("text", ""))
        )
    return None


def _not_rendered(style: dict[str, Any]) -> str | None:
    if style["display"]:
        return _("display: none on {element}").format(element=_element(style["display"]))
    if style.get("closedDetails"):
        return _("inside a closed {element}").format(element=_element(style["closedDetails"]))
    if style["contentVisibility"]:
        return _("content-visibility: hidden on {element}").format(element=_element(style["contentVisibility"]))
    if style["visibility"]:
        if (styled := _STYLED.fullmatch(style["visibility"])) is not None:
            return _("hidden by {element} ({style})").format(element=_element(styled["element"]), style=styled["style"])
        return _("hidden by {element}").format(element=_element(style["visibility"]))
    return None


def _unreadable(style: dict[str, Any]) -> str | None:
    element = _element(style["element"])
    if style["fontPx"] < MIN_FONT_PX:
        return _("font size {size}px in {element}, below {minimum}px").format(
            size=f"{style['fontPx']:.3g}", element=element, minimum=f"{MIN_FONT_PX:g}"
        )
    if style["textAlpha"] < MIN_ALPHA:
        if style["opacity"] < MIN_ALPHA:
            if (styled := _STYLED.fullmatch(style["opacityOn"] or "")) is not None:
                return _("transparent in {element} ({ancestor} ({style}))").format(
                    element=element, ancestor=_element(styled["element"]), style=styled["style"]
                )
            return _("transparent in {element} ({opacity})").format(element=element, opacity=style["opacityOn"])
        return _("transparent in {element} (colour {colour})").format(element=element, colour=style["fill"])
    if style.get("distorted"):
        return _distortion(str(style["distorted"]))
    if style.get("letterSpacing", 0) > MAX_LETTER_SPACING * style["fontPx"]:
        return _("letters spread {spacing}px apart in {element} (letter-spacing)").format(
            spacing=f"{style['letterSpacing']:.3g}", element=element
        )
    return None


def shown_differently(measured: dict[str, Any]) -> str | None:
    """For a number: a stylesheet that changes the characters a reader sees (a digit added,
    characters masked, letters cased differently), or None."""
    if measured.get("generated"):
        return _("a stylesheet adds text right next to it or inside it ({where}): it reads as another number").format(
            where=measured["generated"]
        )
    if measured.get("security"):
        return _("its characters are masked (-webkit-text-security: {value})").format(value=measured["security"])
    shown = {"lowercase": str.lower, "uppercase": str.upper, "capitalize": str.title}.get(
        measured.get("textTransform") or ""
    )
    text = measured.get("text", "")
    if shown is not None and shown(text) != text:
        return _("text-transform: {transform} shows it as {shown}").format(
            transform=measured["textTransform"], shown=quote(shown(text))
        )
    return None


def _off_page(measured: dict[str, Any]) -> str | None:
    page = measured["page"]
    for box in measured["boxes"]:
        right, bottom = box["x"] + box["width"], box["y"] + box["height"]
        if (
            box["x"] < -PAGE_SLACK
            or box["y"] < -PAGE_SLACK
            or right > page["width"] + PAGE_SLACK
            or (bottom > page["height"] + PAGE_SLACK)
        ):
            return _(
                "positioned outside the page (its box at x={x}, y={y} px; the page is {width}×{height} px)"
            ).format(x=f"{box['x']:.0f}", y=f"{box['y']:.0f}", width=page["width"], height=page["height"])
    return None


def line_boxes(boxes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The boxes of one occurrence joined per line (the pieces of a number split across
    elements become one outline): boxes less than half a line apart vertically that touch or
    nearly touch (4 px) horizontally."""
    lines: list[dict[str, Any]] = []
    for box in sorted(boxes, key=lambda b: (b["x"], b["y"])):
        line = next((line for line in lines if _same_line(line, box)), None)
        if line is None:
            lines.append(dict(box))
            continue
        left, top = min(line["x"], box["x"]), min(line["y"], box["y"])
        right = max(line["x"] + line["width"], box["x"] + box["width"])
        bottom = max(line["y"] + line["height"], box["y"] + box["height"])
        line.update(x=left, y=top, width=right - left, height=bottom - top)
    return sorted(lines, key=lambda line: (line["y"], line["x"]))


def _same_line(line: dict[str, Any], box: dict[str, Any]) -> bool:
    return bool(abs(line["y"] - box["y"]) < box["height"] / 2 and box["x"] - 4 <= line["x"] + line["width"])


def large_text(measured: dict[str, Any]) -> bool:
    return all(
        s["fontPx"] >= LARGE_PX or (s["fontPx"] >= LARGE_BOLD_PX and s["fontWeight"] >= 700) for s in measured["styles"]
    )


def _luminance(pixel: tuple[int, ...]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in pixel[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(one: tuple[int, ...], other: tuple[int, ...]) -> float:
    """WCAG 2.2 contrast ratio of two sRGB colours, 1 to 21."""
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@dataclass(frozen=True)
class Pixels:
    """What the screenshots of the glyphs' box show: pixels that change when the glyphs go, the
    contrast at them (PERCENTILE), and the glyphs' ink (pixels changing by at least half the
    most any pixel changes), to set against the ink of the same text drawn plainly."""

    changed: int
    contrast: float
    ink: int


def _pixels(png: bytes) -> bytes:
    import io

    from PIL import Image

    return Image.open(io.BytesIO(png)).convert("RGB").tobytes()


def glyph_pixels(with_glyphs: bytes, without_glyphs: bytes) -> Pixels:
    """Compare two PNG screenshots of one box, with and without the glyphs."""
    shown, blank = _pixels(with_glyphs), _pixels(without_glyphs)
    changes = []
    for i in range(0, min(len(shown), len(blank)), 3):
        a, b = shown[i : i + 3], blank[i : i + 3]
        change = abs(a[0] - b[0]) + abs(a[1] - b[1]) + abs(a[2] - b[2])
        if change > CHANGED:
            changes.append((change, contrast_ratio(tuple(a), tuple(b))))
    if not changes:
        return Pixels(0, 1.0, 0)
    ratios = sorted(ratio for _, ratio in changes)
    strongest = max(change for change, _ in changes)
    ink = sum(1 for change, _ in changes if change * 2 >= strongest)
    return Pixels(len(changes), ratios[min(len(ratios) - 1, int(len(ratios) * PERCENTILE))], ink)


@dataclass(frozen=True)
class Shot:
    """A decoded screenshot: its place on the screen (CSS px, scale 1) and its RGB bytes."""

    x: float
    y: float
    width: int
    data: bytes

    @classmethod
    def of(cls, png: bytes, x: float, y: float) -> Shot:
        import io

        from PIL import Image

        image = Image.open(io.BytesIO(png)).convert("RGB")
        return cls(x, y, image.width, image.tobytes())

    def pixels(self, box: dict[str, Any]) -> list[int]:
        """The offsets of the pixels inside a box given in screen coordinates."""
        height = len(self.data) // 3 // max(self.width, 1)
        left, top = max(0, int(box["x"] - self.x)), max(0, int(box["y"] - self.y))
        right = min(self.width, int(box["x"] + box["width"] - self.x + 0.999))
        bottom = min(height, int(box["y"] + box["height"] - self.y + 0.999))
        return [(row * self.width + column) * 3 for row in range(top, bottom) for column in range(left, right)]


def _change(one: bytes, other: bytes, at: int) -> int:
    return abs(one[at] - other[at]) + abs(one[at + 1] - other[at + 1]) + abs(one[at + 2] - other[at + 2])


def hidden_characters(
    shown: Shot, blank: Shot, plain: Shot, page: list[dict[str, Any]], alone: list[dict[str, Any]]
) -> str | None:
    """The first character whose ink on the page is under MIN_CHAR_INK of its ink drawn plainly
    (`page` and `alone`: each character's box on the page and in the plain drawing), or None."""
    strongest = max(
        (_change(shown.data, blank.data, i) for i in range(0, min(len(shown.data), len(blank.data)), 3)), default=0
    )
    darkest = max((765 - sum(plain.data[i : i + 3]) for i in range(0, len(plain.data), 3)), default=0)
    for index, (there, here) in enumerate(zip(page, alone, strict=False)):
        ink = sum(
            1
            for at in shown.pixels(there)
            if at + 2 < len(blank.data) and _change(shown.data, blank.data, at) * 2 >= strongest > 0
        )
        own = sum(1 for at in plain.pixels(here) if (765 - sum(plain.data[at : at + 3])) * 2 >= darkest > 0)
        if own and ink < MIN_CHAR_INK * own:
            return _(
                "its character {char} ({index} of {count}) is hidden: {share} of its ink is drawn "
                "(covered, cut or drawn over)"
            ).format(char=quote(there["char"]), index=index + 1, count=len(page), share=f"{ink / own:.0%}")
    return None


def reference_ink(plain: bytes) -> int:
    """The ink of the text drawn black on white: pixels at least half as dark as the darkest."""
    data = _pixels(plain)
    darkness = [765 - data[i] - data[i + 1] - data[i + 2] for i in range(0, len(data), 3)]
    strongest = max(darkness, default=0)
    return sum(1 for value in darkness if value > CHANGED and value * 2 >= strongest)


def glyph_contrast(with_glyphs: bytes, without_glyphs: bytes) -> tuple[int, float]:
    """(changed pixels, the PERCENTILE contrast over them) between two PNG screenshots of one box."""
    found = glyph_pixels(with_glyphs, without_glyphs)
    return found.changed, found.contrast


def _rgb(colour: str) -> tuple[int, ...] | None:
    """An opaque `rgb(r, g, b)` as the browser computes it; None for anything else."""
    match = re.fullmatch(r"rgb\((\d+), (\d+), (\d+)\)", colour)
    return tuple(int(part) for part in match.groups()) if match else None


def _undrawn_sentences(no_pixel: bool) -> dict[str, str]:
    """The ways glyphs fail to draw (no pixel, or almost none), as whole sentences."""
    if no_pixel:
        return {
            "background": _("its glyphs draw no pixel: drawn in {fill} on {background}, the colour of its background"),
            "covered": _(
                "its glyphs draw no pixel (drawn in {fill} on {background}): covered by {element}, drawn over it"
            ),
            "effect": _(
                "its glyphs draw no pixel (drawn in {fill} on {background}): an effect around it ({effects}) hides them"
            ),
            "unknown": _(
                "its glyphs draw no pixel (drawn in {fill} on {background}): something drawn over it hides them"
            ),
        }
    return {
        "background": _(
            "its glyphs draw almost no pixel: drawn in {fill} on {background}, the colour of its background"
        ),
        "covered": _(
            "its glyphs draw almost no pixel (drawn in {fill} on {background}): covered by {element}, drawn over it"
        ),
        "effect": _(
            "its glyphs draw almost no pixel (drawn in {fill} on {background}): "
            "an effect around it ({effects}) hides them"
        ),
        "unknown": _(
            "its glyphs draw almost no pixel (drawn in {fill} on {background}): something drawn over it hides them"
        ),
    }


def _undrawn(measured: dict[str, Any], drew: str = "no pixel") -> str:
    """Why glyphs that pass every style check change no pixel (or almost none)."""
    style = measured["styles"][0]
    sentences = _undrawn_sentences(drew == "no pixel")
    named = {"fill": style["fill"], "background": _colour(style["background"])}
    text, ground = _rgb(style["fill"]), _rgb(style["background"])
    if text is not None and ground is not None and contrast_ratio(text, ground) < MIN_CONTRAST_LARGE:
        return sentences["background"].format(**named)
    if measured.get("covered"):
        return sentences["covered"].format(**named, element=_element(measured["covered"]))
    effects = [_element(s) for st in measured["styles"] for s in st["effects"]]
    if effects:
        return sentences["effect"].format(**named, effects=join(effects))
    return sentences["unknown"].format(**named)


def judge_pixels(measured: dict[str, Any], changed: int, contrast: float, ink_share: float = 1.0) -> str | None:
    """Check 8: how the drawn glyphs fail to be seen, or None."""
    style = measured["styles"][0]
    if changed == 0 or ink_share < ALMOST_NO_INK:
        return _undrawn(measured, "no pixel" if changed == 0 else "almost no pixel")
    if ink_share < MIN_INK_SHARE:
        share = f"{ink_share:.0%}"
        if measured.get("covered"):
            return _(
                "only {share} of its glyphs are drawn as the text would be on its own: "
                "covered by {element} (or struck through)"
            ).format(share=share, element=_element(measured["covered"]))
        return _(
            "only {share} of its glyphs are drawn as the text would be on its own: covered or cut (or struck through)"
        ).format(share=share)
    needed = MIN_CONTRAST_LARGE if large_text(measured) else MIN_CONTRAST
    if contrast < needed:
        return _(
            "contrast {ratio}:1 against its background ({colour} on {background}), "
            "below {minimum}:1 (WCAG 2.2 SC 1.4.3)"
        ).format(
            ratio=f"{contrast:.2f}",
            colour=style["fill"],
            background=_colour(style["background"]),
            minimum=f"{needed:g}",
        )
    return None
