"""Does a page show the licence number (clause 二) or the company name (十六(四)) in visible text?

Pages are parsed with the standard library's HTML parser (a real tokenizer, not a regex).
Text inside comments, <script>, <style>, <template>, <noscript> and elements hidden by the
`hidden` attribute, `aria-hidden="true"` or an inline `display:none` / `visibility:hidden` is
not visible. Matching tolerates what pages commonly print: full-width letters and digits,
full-width or typographic hyphens, and spaces (NFKC, dashes folded, white space removed).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

_INVISIBLE_TAGS = {"script", "style", "template", "noscript", "head", "title"}
_VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_HIDDEN_STYLE = re.compile(r"(display\s*:\s*none|visibility\s*:\s*hidden)", re.IGNORECASE)
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−－﹣"), "-")


def fold(text: str) -> str:
    """The form both sides are compared in: NFKC, dashes folded to '-', no white space, casefolded."""
    normalised = unicodedata.normalize("NFKC", text).translate(_DASHES)
    return "".join(normalised.split()).casefold()


@dataclass
class PageText:
    visible: list[str] = field(default_factory=list)
    hidden: list[tuple[int, str, str]] = field(default_factory=list)  # (line, why, text)

    def visible_folded(self) -> str:
        return fold("".join(self.visible))


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageText()
        self.stack: list[tuple[str, str | None]] = []  # (tag, why hidden or None)

    def _hidden_reason(self) -> str | None:
        return next((why for _, why in reversed(self.stack) if why), None)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_TAGS:
            return
        values = {name: (value or "") for name, value in attrs}
        why = None
        if tag in _INVISIBLE_TAGS:
            why = f"<{tag}>"
        elif "hidden" in values:
            why = f"<{tag} hidden>"
        elif values.get("aria-hidden", "").lower() == "true":
            why = f'<{tag} aria-hidden="true">'
        elif _HIDDEN_STYLE.search(values.get("style", "")):
            why = f"<{tag} style={values['style']!r}>"
        self.stack.append((tag, why))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        return

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        why = self._hidden_reason()
        if why is None:
            self.page.visible.append(data)
        elif data.strip():
            self.page.hidden.append((self.getpos()[0], why, data))

    def handle_comment(self, data: str) -> None:
        self.page.hidden.append((self.getpos()[0], "a comment", data))


def page_text(html: str) -> PageText:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.page


def find_missing(page: PageText, wanted: dict[str, str]) -> dict[str, str | None]:
    """For each wanted item (label → text) not visible: where it appears hidden, or None."""
    visible = page.visible_folded()
    missing: dict[str, str | None] = {}
    for label, text in wanted.items():
        needle = fold(text)
        if needle in visible:
            continue
        hidden = next((f"line {line}, in {why}" for line, why, data in page.hidden if needle in fold(data)), None)
        missing[label] = hidden
    return missing
