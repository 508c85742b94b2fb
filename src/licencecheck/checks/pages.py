"""Does a page show the licence number (clause 二) or the company name (十六(四)) in visible text?

The page is parsed, not rendered (see STATIC_NOTE). The rules:

* Parsing: as a browser with scripting on builds the page (WHATWG tree construction, lexbor via
  selectolax). So `<span style="display:none"/>` does not close, an unterminated comment, tag or
  attribute value swallows the rest of the file, and `<noscript>` holds raw text.
* Never visible: comments (and `<?…>`, which a browser makes a comment); attribute values (alt,
  title, value, content, data-*, …, so also `<input type=hidden>`); the content of script, style,
  template, noscript, head, title and the other elements a browser does not render as text
  (iframe, object, embed, video, audio, canvas, noembed, noframes, datalist, rp, frameset, SVG
  desc and metadata), of a `<dialog>` without `open`, and of a closed `<details>` but for its
  first `<summary>`.
* Hidden with everything inside (nothing below can show it again): the `hidden` attribute (even
  with an inline `display`, which a browser would honour: the page says hidden, fail closed),
  `aria-hidden="true"`, text shown reversed (`<bdo dir="rtl">`, or an inline `unicode-bidi`
  override with `direction: rtl`), and inline `display: none`, `content-visibility: hidden` or an
  `opacity` below 0.1 (0, 0.0, 0%, negative: the group is composited, a child cannot undo it).
* Hidden unless a descendant shows it again, as in a browser, because these CSS properties are
  inherited: inline `visibility: hidden|collapse` (until `visibility: visible`) and a `font-size`
  under 1px (0 in any unit, 0.5px, 0.01em; until an absolute size such as 14px or medium).
* Inline styles: CSS comments and escapes decoded, declarations split on ';', names and values
  case-insensitive, the last declaration wins and `!important` beats a normal one.
* `<textarea>` content is visible text.
* Runs: a run is text a reader sees as one line of words. An element that is not inline (div,
  p, li, td, br, hr, h1-h6, textarea, any unknown element, …) ends a run, and so does an inline
  element that an inline style blockifies (display other than inline/contents, float, absolute or
  fixed position). A wanted text must sit within one run: `<span>渝B2-</span><b>20210467</b>` shows
  the number, `<div>渝B2-</div><div>20210467</div>` does not.
* Matching: both sides folded (NFKC, dashes folded to '-', soft hyphens and zero-width spaces
  dropped, case folded; bidi controls are kept, so they break a match); white space inside the
  wanted text is tolerated. An identifier (the licence number) must not have a digit or a Latin
  letter directly before or after it within its run, so `渝B2-202104671` and `x渝B2-20210467` do
  not show it, `（渝B2-20210467）`, `渝B2-20210467号` and `License 渝B2-20210467` do (white space
  separates). A name (the company) is matched as it stands: Chinese text runs on without spaces
  (`©2024重庆…公司版权所有`).
* A wanted text that is not visible is reported where it appears hidden (`line 3, in a
  comment`; the line found by searching the page's source, 1 if not found), or in markup the
  parser drops (an unterminated tag, a repeated attribute); None if it appears nowhere, or only
  split across runs or as part of a longer number.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from licencecheck.i18n import N_, _

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

STATIC_NOTE = N_(
    "Pages were parsed as HTML but their stylesheets and scripts were not evaluated, so text hidden "
    "by a stylesheet class or written by a script is not judged (gate --render judges them in Chromium)."
)
"""The note a static gate run adds (translate it with `_` where it is shown)."""
IDENTIFIERS = frozenset({"licence-number"})  # labels matched on boundaries (see the rules above)
OPACITY_VISIBLE = 0.1  # an opacity below this hides
FONT_VISIBLE_PX = 1.0  # a font size below this hides

_NOT_RENDERED = {
    "script", "style", "template", "noscript", "head", "title", "iframe", "object", "embed", "video",
    "audio", "canvas", "noembed", "noframes", "datalist", "rp", "frameset", "desc", "metadata",
}  # fmt: skip
_INLINE = {
    "span", "a", "b", "i", "em", "strong", "small", "sub", "sup", "code", "abbr", "font", "label",
    "u", "s", "mark", "time", "bdi", "bdo", "data", "q", "cite", "dfn", "kbd", "samp", "var", "wbr",
    "big", "tt", "strike", "del", "ins", "nobr", "img", "ruby", "rb",
}  # fmt: skip
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−－﹣"), "-")
_DROPPED = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))  # shown as nothing
_SPACES = re.compile(r"\s+")
_TAG = re.compile(r"<[^<>]*>")
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.DOTALL)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\r\n\f]?|(.))", re.DOTALL)
_IMPORTANT = re.compile(r"!\s*important\s*$")
_NUMBER = re.compile(r"([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(%|[a-z]*)")
_PX = {"px": 1.0, "pt": 4 / 3, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4, "q": 96 / 101.6}
_PX_RELATIVE = {"em": 16.0, "rem": 16.0, "%": 0.16, "ex": 8.0, "ch": 8.0}  # at a 16px parent
_FONT_KEYWORDS = {"xx-small", "x-small", "small", "medium", "large", "x-large", "xx-large", "xxx-large"}


def fold(text: str) -> str:
    """The form both sides are compared in: NFKC, dashes folded to '-', soft hyphens and zero-width
    spaces dropped, no white space, casefolded."""
    return _spaced(text).replace(" ", "")


def _spaced(text: str) -> str:
    """As `fold`, but each stretch of white space kept as one space (it separates words)."""
    normalised = unicodedata.normalize("NFKC", text).translate(_DASHES).translate(_DROPPED)
    return _SPACES.sub(" ", normalised).casefold()


@dataclass
class Hidden:
    """Text a browser does not show, and why (`a comment`, `<span style='display:none'>`)."""

    why: str
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts)


@dataclass
class PageText:
    visible: list[str] = field(default_factory=list)  # visible text, one string per run
    hidden: list[Hidden] = field(default_factory=list)  # in document order
    source: str = ""  # the HTML, to find the line of hidden text


@dataclass(frozen=True)
class _Style:
    """What one element does: hides itself and all below; sets visibility or font size (a
    reason, '' to show again, None to inherit); ends a run."""

    hides: str | None = None
    visibility: str | None = None
    font: str | None = None
    breaks: bool = False


@dataclass(frozen=True)
class _State:
    """What applies to a node: the outermost hiding reason, the inherited ones, where hidden
    text collects (an index into PageText.hidden)."""

    hard: str | None = None
    visibility: str | None = None
    font: str | None = None
    slot: int | None = None

    @property
    def why(self) -> str | None:
        return self.hard or self.visibility or self.font


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _unescape_css(match: re.Match[str]) -> str:
    if match.group(1) is None:
        return match.group(2)
    code = int(match.group(1), 16)
    return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"


def declarations(style: str) -> dict[str, str]:
    """An inline style's declarations (name → value, both lower case) as a browser resolves them."""
    text = _CSS_ESCAPE.sub(_unescape_css, _CSS_COMMENT.sub(" ", style))
    found: dict[str, tuple[str, bool]] = {}
    for declaration in text.split(";"):
        name, colon, value = declaration.partition(":")
        name, value = name.strip().lower(), value.strip().lower()
        if not colon or not name:
            continue
        important = _IMPORTANT.search(value) is not None
        value = _IMPORTANT.sub("", value).strip()
        if name not in found or important or not found[name][1]:
            found[name] = (value, important)
    return {name: value for name, (value, _) in found.items()}


def _opacity_hides(value: str | None) -> bool:
    match = _NUMBER.fullmatch(value or "")
    if match is None or match.group(2) not in {"", "%"}:
        return False
    return float(match.group(1)) / (100 if match.group(2) else 1) < OPACITY_VISIBLE


def _font(value: str | None, described: str) -> str | None:
    """font-size: the reason if it makes text too small to see, '' if absolute and large enough,
    None if it follows the parent (relative, calc(), var(), larger, inherit, invalid)."""
    if value is None:
        return None
    if value in _FONT_KEYWORDS:
        return ""
    match = _NUMBER.fullmatch(value)
    if match is None:
        return None
    amount, unit = float(match.group(1)), match.group(2)
    scale = _PX.get(unit) or _PX_RELATIVE.get(unit)
    if amount == 0 or (scale is not None and amount > 0 and amount * scale < FONT_VISIBLE_PX):
        return described
    return "" if unit in _PX and amount > 0 else None


def _style_hides(found: dict[str, str]) -> bool:
    reversed_text = found.get("direction") == "rtl" and found.get("unicode-bidi") in {
        "bidi-override",
        "isolate-override",
    }
    return (
        found.get("display") == "none"
        or found.get("content-visibility") == "hidden"
        or _opacity_hides(found.get("opacity"))
        or reversed_text
    )


def _blockified(found: dict[str, str]) -> bool:
    return (
        found.get("display", "inline") not in {"inline", "contents"}
        or found.get("float", "none") in {"left", "right", "inline-start", "inline-end"}
        or found.get("position") in {"absolute", "fixed"}
    )


def _markup_hides(tag: str, attrs: dict[str, str | None]) -> str | None:
    if tag in _NOT_RENDERED:
        return f"<{tag}>"
    if "hidden" in attrs:  # even with an inline display: the page says hidden (fail closed)
        return f"<{_short(tag, 20)} hidden>"
    if (attrs.get("aria-hidden") or "").strip().lower() == "true":
        return f'<{_short(tag, 20)} aria-hidden="true">'
    if tag == "dialog" and "open" not in attrs:
        return _("<dialog> (not open)")
    if tag == "bdo" and (attrs.get("dir") or "").strip().lower() == "rtl":
        return _("<bdo dir='rtl'> (shown reversed)")
    return None


def _element_style(tag: str, attrs: dict[str, str | None]) -> _Style:
    hides = _markup_hides(tag, attrs)
    style = attrs.get("style") or ""
    if not style.strip():
        return _Style(hides, breaks=tag not in _INLINE)
    found = declarations(style)
    described = f"<{_short(tag, 20)} style={_short(style)!r}>"
    visibility = {"hidden": described, "collapse": described, "visible": ""}.get(found.get("visibility", ""))
    return _Style(
        hides or (described if _style_hides(found) else None),
        visibility,
        _font(found.get("font-size"), described),
        tag not in _INLINE or _blockified(found),
    )


def _template_content(node: LexborNode) -> LexborNode | None:
    """A <template>'s children live in its content fragment, not in the tree."""
    return next((f for f in node.template_fragments() if f.parent and f.parent.mem_id == node.mem_id), None)


def _children(node: LexborNode, tag: str) -> Iterator[LexborNode]:
    parent = _template_content(node) if tag == "template" else node
    child = parent.first_child if parent is not None else None
    while child is not None:
        yield child
        child = child.next


class _Walker:
    """Walks the tree in document order (without recursion: pages may nest deeply)."""

    def __init__(self, page: PageText) -> None:
        self.page = page
        self.run: list[str] = []

    def walk(self, top: LexborNode) -> None:
        stack: list[tuple[LexborNode, _State] | None] = [(top, _State())]  # None: end of a block
        while stack:
            item = stack.pop()
            if item is None:
                self.end_run()
            else:
                stack += reversed(self.visit(*item))
        self.end_run()

    def end_run(self) -> None:
        text = "".join(self.run)
        if text.strip():
            self.page.visible.append(text)
        self.run = []

    def visit(self, node: LexborNode, state: _State) -> list[tuple[LexborNode, _State] | None]:
        if node.is_text_node:
            self.text(node.text_content or "", state)
        elif node.is_comment_node:
            self.page.hidden.append(Hidden(_("a comment"), [node.comment_content or ""]))
        elif node.is_document_node:
            return [(child, state) for child in _children(node, "")]
        elif node.is_element_node:
            return self.element(node, state)
        elif node.tag != "-doctype":  # `<?php … ?>`: lexbor keeps it; a browser makes it a comment
            self.page.hidden.append(Hidden(_("a comment"), [node.html or ""]))
        return []

    def text(self, data: str, state: _State) -> None:
        if state.why is None:
            self.run.append(data)
        elif state.slot is not None:
            self.page.hidden[state.slot].parts.append(data)

    def element(self, node: LexborNode, state: _State) -> list[tuple[LexborNode, _State] | None]:
        tag = (node.tag or "").lower()
        attrs = node.attributes
        for name, value in attrs.items():
            if value and value.strip():
                why = _("the {name} attribute of <{tag}>").format(name=_short(name, 30), tag=_short(tag, 20))
                self.page.hidden.append(Hidden(why, [value]))
        style = _element_style(tag, attrs)
        inner = self.descend(state, style)
        children: list[tuple[LexborNode, _State] | None] = [(child, inner) for child in _children(node, tag)]
        if tag == "details" and "open" not in attrs:
            children = self.close_details(children, inner)
        if style.breaks:
            self.end_run()
            children.append(None)
        return children

    def descend(self, state: _State, style: _Style) -> _State:
        outer_first = state.hard is not None and state.hard != "<head>"  # <title> says more than <head>
        inner = _State(
            state.hard if outer_first else style.hides or state.hard,
            state.visibility if style.visibility is None else style.visibility or None,
            state.font if style.font is None else style.font or None,
            state.slot,
        )
        if inner.why is not None and inner.why != state.why:
            self.page.hidden.append(Hidden(inner.why))
            inner = replace(inner, slot=len(self.page.hidden) - 1)
        return inner

    def close_details(
        self, children: list[tuple[LexborNode, _State] | None], inner: _State
    ) -> list[tuple[LexborNode, _State] | None]:
        """A closed <details> shows only its first <summary>."""
        closed = self.descend(inner, _Style(_("a closed <details>")))
        nodes = [item[0] for item in children if item is not None]
        summary = next((n.mem_id for n in nodes if (n.tag or "").lower() == "summary"), None)
        return [(n, inner if n.mem_id == summary else closed) for n in nodes]


MAX_TAGS = 50_000
"""More start tags than this and a page is refused: HTML tree construction is quadratic in the
nesting depth, and no home page or advert has this many elements."""
_START_TAG = re.compile(r"<[A-Za-z]")


def too_many_tags(html: str) -> bool:
    return len(_START_TAG.findall(html)) > MAX_TAGS


def page_text(html: str) -> PageText:
    """The page's visible text in runs, and what it holds that a browser does not show."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html.encode("utf-8", "replace"), scripting=True)
    page = PageText(source=html)
    top = tree.root
    if top is not None:
        _Walker(page).walk(top.parent or top)
    return page


@lru_cache(maxsize=64)
def _pattern(needle: str) -> re.Pattern[str]:
    """The folded needle, allowing one space (folded white space) between its characters."""
    return re.compile(" ?".join(map(re.escape, needle)))


def _joins(text: str, index: int) -> bool:
    """Is text[index] a digit or a Latin letter (which would make the match part of a longer word)?"""
    if not 0 <= index < len(text):
        return False
    char = text[index]
    return char.isdigit() or (char.isalpha() and unicodedata.name(char, "").startswith("LATIN"))


def _occurs(needle: str, text: str, bounded: bool) -> bool:
    """Does the folded needle occur in `_spaced` text (on boundaries, if bounded)?"""
    pattern, start = _pattern(needle), 0
    while (match := pattern.search(text, start)) is not None:
        if not bounded or not (_joins(text, match.start() - 1) or _joins(text, match.end())):
            return True
        start = match.start() + 1
    return False


def source_line(source: str, needle: str, bounded: bool) -> int | None:
    """The first line of the page's source that holds the folded needle (in markup, else once
    tags are removed), or None."""
    return _source_line(source, needle, bounded) or _source_line(source, needle, bounded, untagged=True)


def _source_line(source: str, needle: str, bounded: bool, *, untagged: bool = False) -> int | None:
    """The first line of the raw page (entities decoded; tags removed if untagged) with the needle."""
    import html

    for number, line in enumerate(source.split("\n"), 1):
        text = _TAG.sub("", line) if untagged else line
        if _occurs(needle, _spaced(html.unescape(text)), bounded):
            return number
    return None


def _line_of(source: str, text: str, needle: str, bounded: bool) -> int:
    """The line where hidden `text` holding the needle appears in the source; 1 if not found."""
    for piece in text.splitlines():
        snippet = piece.strip()
        if snippet and _occurs(needle, _spaced(snippet), bounded) and (at := _find(source, snippet, bounded)) >= 0:
            return source.count("\n", 0, at) + 1
    return _source_line(source, needle, bounded) or _source_line(source, needle, bounded, untagged=True) or 1


def _find(source: str, snippet: str, bounded: bool) -> int:
    """Where `snippet` first stands in the source (on boundaries when `bounded`, so that the start
    of a longer number is not taken for it); -1 if nowhere."""
    at = source.find(snippet)
    while bounded and at >= 0:
        before, after = source[at - 1 : at], source[at + len(snippet) : at + len(snippet) + 1]
        if not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum()):
            return at
        at = source.find(snippet, at + 1)
    return at


def _where(page: PageText, needle: str, bounded: bool, runs: list[str]) -> str | None:
    for entry in page.hidden:
        if _occurs(needle, _spaced(entry.text), bounded):
            found = _line_of(page.source, entry.text, needle, bounded)
            return _("line {line}, in {why}").format(line=found, why=entry.why)
    if any(_occurs(needle, run, False) for run in runs):
        return None  # visible, but as part of a longer number or word
    line = _source_line(page.source, needle, bounded)
    return None if line is None else _("line {line}, in markup a browser does not show as text").format(line=line)


def find_missing(
    page: PageText, wanted: dict[str, str], bounded: frozenset[str] = IDENTIFIERS
) -> dict[str, str | None]:
    """For each wanted item (label → text) not visible: where it appears hidden, or None.
    Labels in `bounded` are identifiers, matched on boundaries."""
    runs = [_spaced(run) for run in page.visible]
    missing: dict[str, str | None] = {}
    for label, text in wanted.items():
        needle = fold(text)
        if needle and any(_occurs(needle, run, label in bounded) for run in runs):
            continue
        missing[label] = _where(page, needle, label in bounded, runs) if needle else None
    return missing
