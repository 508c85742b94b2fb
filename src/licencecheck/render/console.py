"""The rich console, for every text layout: untrusted text made plain, verdict words, and
rendering to a string with the styling the real stdout would get.

rich is imported only here and in the text layouts, so JSON and CI formats never pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from licencecheck.report import Verdict
from licencecheck.safetext import printable

if TYPE_CHECKING:
    from rich.console import RenderableType

VERDICT_STYLE = {Verdict.PASS: "green", Verdict.WARN: "yellow", Verdict.FAIL: "bold red", Verdict.ERROR: "bold magenta"}
VERDICT_LABEL = {Verdict.PASS: "PASS", Verdict.WARN: "WARN", Verdict.FAIL: "FAIL", Verdict.ERROR: "ERROR"}


def plain(text: str) -> RenderableType:
    """Untrusted text as a rich Text: no markup read, control characters shown as \\xNN."""
    from rich.text import Text

    return Text(printable(text))


def render_to_string(*renderables: RenderableType, width: int | None = None, soft_wrap: bool = False) -> str:
    """Render to a string with the styling the real stdout would get."""
    import io
    import os
    import sys

    from rich.console import Console

    is_terminal = sys.stdout.isatty()
    buffer = io.StringIO()
    target = Console(
        file=buffer,
        force_terminal=is_terminal,
        no_color=bool(os.environ.get("NO_COLOR")) or not is_terminal,
        width=width or (None if is_terminal else 120),
        highlight=False,
        markup=False,
    )
    for renderable in renderables:
        target.print(renderable, soft_wrap=soft_wrap)
    return buffer.getvalue()


def verdict_text(verdict: Verdict) -> RenderableType:
    from rich.text import Text

    return Text(VERDICT_LABEL[verdict], style=VERDICT_STYLE[verdict])
