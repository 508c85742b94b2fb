"""The rich console, for every text layout: untrusted text made plain, verdict words, and
rendering to a string with the width and styling the output gets (see `render.terminal`).

rich is imported only here and in the text layouts, so JSON and CI formats never pay for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from licencecheck.i18n import N_, _, aside, pgettext
from licencecheck.report import Verdict
from licencecheck.safetext import printable

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

VERDICT_STYLE = {Verdict.PASS: "green", Verdict.WARN: "yellow", Verdict.FAIL: "bold red", Verdict.ERROR: "bold magenta"}
VERDICT_LABEL = {
    Verdict.PASS: N_("PASS"),
    Verdict.WARN: N_("WARN"),
    Verdict.FAIL: N_("FAIL"),
    Verdict.ERROR: N_("ERROR"),
}
"""The verdict words of text (通过 / 警告 / 失败 / 无法运行 in Chinese); JSON keeps `pass` etc."""


def verdict_word(verdict: Verdict) -> str:
    return _(VERDICT_LABEL[verdict])


def outcome_word(ok: bool) -> str:
    """The outcome of a run, first on its summary line: OK / NOT OK (通过 / 未通过)."""
    return pgettext("outcome", "OK") if ok else pgettext("outcome", "NOT OK")


def tally(counts: Mapping[str, int], *, strict: bool, errors: bool | None = None) -> str:
    """`1 passed, 8 warned, 0 failed` (`, 2 could not be checked` when there are errors, or
    always with `errors=True`), then ` (strict: warnings fail)` under --strict."""
    numbers = {"passed": counts["pass"], "warned": counts["warn"], "failed": counts["fail"], "errors": counts["error"]}
    if errors if errors is not None else counts["error"]:
        words = _("{passed} passed, {warned} warned, {failed} failed, {errors} could not be checked")
    else:
        words = _("{passed} passed, {warned} warned, {failed} failed")
    return words.format(**numbers) + (aside(_("strict: warnings fail")) if strict else "")


def plain(text: str) -> RenderableType:
    """Untrusted text as a rich Text: no markup read, control characters shown as \\xNN."""
    from rich.text import Text

    return Text(printable(text))


def render_to_string(*renderables: RenderableType, width: int | None = None, soft_wrap: bool = False) -> str:
    """Render to a string as wide as the output (`render.terminal.text_width`, unless `width`
    says), with colour and bold only where the output may carry them (`wants_colour`)."""
    import io

    from rich.console import Console

    from licencecheck.render.terminal import text_width, wants_colour

    colour = wants_colour()
    buffer = io.StringIO()
    target = Console(
        file=buffer,
        force_terminal=colour,
        color_system="auto" if colour else None,
        no_color=not colour,
        width=width or text_width(),
        highlight=False,
        markup=False,
        emoji=False,
    )
    for renderable in renderables:
        target.print(renderable, soft_wrap=soft_wrap)
    return buffer.getvalue()


def verdict_text(verdict: Verdict) -> Text:
    from rich.text import Text

    return Text(verdict_word(verdict), style=VERDICT_STYLE[verdict])
