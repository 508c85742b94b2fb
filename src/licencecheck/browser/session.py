"""Render pages in one headless Chromium, in parallel, and judge what each shows.

Each page opens in its own browser context, served from the loopback server: the browser waits
for the load event and then for the network to go idle (both within the timeout), blocks every
request to another host (the tool never touches the network), and then the wanted texts are
found in the rendered text and judged (`checks.rendered`).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from licencecheck.browser.locate import launch_arguments, pick_browser
from licencecheck.i18n import N_, _, listing

if TYPE_CHECKING:
    from playwright.async_api import Browser, BrowserContext, FloatRect, Page, ViewportSize

VIEWPORT: ViewportSize = {"width": 1280, "height": 800}
"""A desktop browser window; pages are judged at this size."""
FONT_HINT = N_(
    "install a CJK font (Debian/Ubuntu: apt-get install fonts-noto-cjk) so that pages render as readers see them"
)
"""How to get a font the browser lacks (translate it with `_` where it is shown)."""
NOT_IN_TEXT = N_("not in the rendered page's text")
"""How a wanted text is hidden that the rendered page's text does not hold at all."""
PARALLEL = 6
SETTLE = 1.5
"""Seconds after loading when a text seen at first is looked for again (a script may hide it)."""
CLOSE_TIMEOUT = 5.0
"""Seconds a page's context may take to close."""
LAUNCH_TIMEOUT = 30.0
"""Seconds a browser may take to start."""
"""Pages open at once in the one browser."""


@dataclass(frozen=True)
class Wanted:
    label: str
    text: str
    bounded: bool


@dataclass(frozen=True)
class RenderJob:
    page: Path
    url_path: str
    wanted: tuple[Wanted, ...]


@dataclass
class RenderedPage:
    """How each wanted text fared (None: visible; else how it is hidden), and the evidence."""

    hidden: dict[str, str | None] = field(default_factory=dict)
    text: str = ""
    screenshot: bytes | None = None
    notes: list[str] = field(default_factory=list)
    failure: str | None = None  # the page could not be rendered (it did not load in time)
    seconds: float = 0.0  # from opening its context to the last judgement


@dataclass(frozen=True)
class RenderSettings:
    folder: Path
    browser: Path | None
    timeout: float
    evidence: bool


@dataclass
class RenderRun:
    pages: dict[Path, RenderedPage]
    browser: str
    seconds: float


def render_pages(jobs: list[RenderJob], settings: RenderSettings) -> RenderRun:
    """Render every job's page (each once) and judge its wanted texts."""
    from licencecheck.browser.server import serve

    with serve(settings.folder) as origin, asyncio.Runner() as runner:
        # Ctrl-C or SIGTERM mid-run cancels the browser's tasks; their errors are noise then.
        runner.get_loop().set_exception_handler(lambda loop, context: None)
        return runner.run(_render_all(jobs, settings, origin))


async def _render_all(jobs: list[RenderJob], settings: RenderSettings, origin: str) -> RenderRun:
    from playwright.async_api import async_playwright

    started = time.monotonic()
    async with async_playwright() as playwright:
        executable = pick_browser(settings.browser, playwright.chromium.executable_path)
        browser = await _launch(playwright, executable)
        try:
            gate = asyncio.Semaphore(PARALLEL)
            results = await asyncio.gather(*(_guarded(gate, browser, job, settings, origin) for job in jobs))
            name = _("Chromium {version} ({path})").format(version=browser.version, path=executable)
        finally:  # after Ctrl-C or SIGTERM the browser may be gone: its close must not replace why
            with contextlib.suppress(Exception):
                await browser.close()
    pages = {job.page: result for job, result in zip(jobs, results, strict=True)}
    return RenderRun(pages, name, time.monotonic() - started)


async def _launch(playwright: Any, executable: Path) -> Browser:
    from licencecheck.errors import InputError

    try:
        browser: Browser = await playwright.chromium.launch(
            executable_path=str(executable), args=launch_arguments(), headless=True, timeout=LAUNCH_TIMEOUT * 1000
        )
    except Exception as exc:  # Playwright reports a browser that will not start as a plain Error
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(
            _("--render: the browser {browser} did not start: {error}").format(browser=executable, error=first)
        ) from None
    return browser


async def _guarded(
    gate: asyncio.Semaphore, browser: Browser, job: RenderJob, settings: RenderSettings, origin: str
) -> RenderedPage:
    async with gate:
        started = time.monotonic()
        context = await browser.new_context(viewport=VIEWPORT, service_workers="block", device_scale_factor=1)
        try:  # a script that never yields (an endless loop) must not hang the gate
            result = await asyncio.wait_for(_render(context, job, settings, origin), timeout=_budget(settings))
        except TimeoutError:
            result = RenderedPage(failure=_busy(settings))
        finally:
            await _close(context)
        result.seconds = time.monotonic() - started
        return result


def _budget(settings: RenderSettings) -> float:
    """Seconds one page may take in all: loading, judging and the second look."""
    return 2 * settings.timeout + SETTLE + CLOSE_TIMEOUT


def _busy(settings: RenderSettings) -> str:
    return _("its scripts kept the page busy: it could not be judged within {seconds} s (render_timeout)").format(
        seconds=f"{settings.timeout:g}"
    )


async def _close(context: BrowserContext) -> None:
    """Close a page's context; a renderer stuck in a script may never answer, and closing the
    browser at the end ends it."""
    with contextlib.suppress(Exception):  # a timeout, or a browser already gone
        await asyncio.wait_for(context.close(), timeout=CLOSE_TIMEOUT)


async def _render(context: BrowserContext, job: RenderJob, settings: RenderSettings, origin: str) -> RenderedPage:
    result = RenderedPage()
    blocked: list[str] = []
    await context.route("**/*", lambda route: _only_loopback(route, origin, blocked))
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc).splitlines()[0] if str(exc) else "error"))
    if not await _load(page, f"{origin}/{job.url_path}", settings.timeout, result):
        return result
    try:
        await asyncio.wait_for(_judge_page(page, job, settings, result), timeout=settings.timeout + SETTLE)
    except TimeoutError:
        result.failure = _busy(settings)
    result.notes += _page_notes(blocked, errors)
    return result


async def _judge_page(page: Page, job: RenderJob, settings: RenderSettings, result: RenderedPage) -> None:
    from licencecheck.browser import visibility_script

    loaded = time.monotonic()
    await page.evaluate(visibility_script())
    missing = await page.evaluate("t => window.__licencecheck.glyphsMissing(t)", "".join(w.text for w in job.wanted))
    if missing:
        result.failure = _("the browser has no font for {characters}; {hint}").format(
            characters="".join(missing), hint=_(FONT_HINT)
        )
        return
    runs = await page.evaluate("() => window.__licencecheck.collect()")
    boxes: list[dict[str, Any]] = []
    for wanted in job.wanted:
        result.hidden[wanted.label] = await _judge(page, runs, wanted, boxes)
    result.text = await page.evaluate("() => window.__licencecheck.text()")
    if settings.evidence:
        result.screenshot = await _evidence(page, boxes)
    await asyncio.sleep(max(0.0, SETTLE - (time.monotonic() - loaded)))
    await _second_look(page, job, result, time.monotonic() - loaded)


async def _second_look(page: Page, job: RenderJob, result: RenderedPage, after: float) -> None:
    """A text visible at first must still be rendered a moment later (a script may hide it)."""
    from licencecheck.checks.rendered import hidden_by_style, rendered_occurrences

    runs = await page.evaluate("() => window.__licencecheck.collect()")
    for wanted in job.wanted:
        if result.hidden[wanted.label] is not None:
            continue
        reasons = []
        for occurrence in rendered_occurrences(runs, wanted.text, wanted.bounded):
            measured = await page.evaluate("m => window.__licencecheck.measure(m)", occurrence.as_js())
            reasons.append(hidden_by_style(measured))
        if None not in reasons:
            how = reasons[0] if reasons else _("it is no longer in the rendered page's text")
            result.hidden[wanted.label] = _("hidden about {seconds} s after the page loaded: {how}").format(
                seconds=f"{after:.0f}", how=how
            )


async def _only_loopback(route: Any, origin: str, blocked: list[str]) -> None:
    url = route.request.url
    if url == origin or url.startswith(origin + "/"):
        await route.continue_()
    else:
        blocked.append(url)
        await route.abort("blockedbyclient")


async def _load(page: Page, url: str, timeout: float, result: RenderedPage) -> bool:
    """Open the page; wait for the load event and an idle network, within `timeout` seconds."""
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    started = time.monotonic()
    try:
        await page.goto(url, wait_until="load", timeout=timeout * 1000)
    except PlaywrightTimeout:
        result.failure = _("did not finish loading within {seconds} s (render_timeout)").format(seconds=f"{timeout:g}")
        return False
    remaining = max(0.1, timeout - (time.monotonic() - started))
    try:
        await page.wait_for_load_state("networkidle", timeout=remaining * 1000)
    except PlaywrightTimeout:
        result.notes.append(
            _("the network was still busy after {seconds} s; judged as rendered then").format(seconds=f"{timeout:g}")
        )
    await page.evaluate("() => document.fonts.ready.then(() => true)")
    loaded = await page.evaluate("() => performance.getEntriesByType('navigation')[0]?.name ?? location.href")
    if loaded.split("#")[0] != url:
        origin = url[: url.index("/", len("http://"))]
        result.failure = _("its scripts navigated away to {path}; judge that page instead").format(
            path=loaded.removeprefix(origin)
        )
        return False
    return True


async def _judge(page: Page, runs: list[Any], wanted: Wanted, boxes: list[dict[str, Any]]) -> str | None:
    """None if some occurrence of the wanted text is visible, else how the first one is hidden
    (or that the rendered text does not hold it)."""
    from licencecheck.checks.rendered import line_boxes, rendered_occurrences

    found = rendered_occurrences(runs, wanted.text, wanted.bounded)
    if not found:
        return _(NOT_IN_TEXT)
    reasons = []
    for occurrence in found:
        measured = await page.evaluate("m => window.__licencecheck.measure(m)", occurrence.as_js())
        reason = await _occurrence_hidden(page, occurrence, measured, wanted.bounded)
        boxes += [{**box, "visible": reason is None} for box in line_boxes(measured["boxes"])]
        if reason is None:
            return None
        reasons.append(reason)
    if len(reasons) == 1:
        return reasons[0]
    return _("{reason} (and {count} more occurrence(s), also hidden)").format(reason=reasons[0], count=len(reasons) - 1)


async def _occurrence_hidden(page: Page, occurrence: Any, measured: dict[str, Any], bounded: bool) -> str | None:
    from licencecheck.checks.rendered import hidden_by_style, shown_differently

    reason = hidden_by_style(measured) or (shown_differently(measured) if bounded else None)
    if reason is not None:
        return reason
    clip = _viewport_clip(measured)
    if clip is None:
        return _("its box is not on the screen when scrolled to")
    return await _pixel_test(page, occurrence, measured, clip)


async def _pixel_test(page: Page, occurrence: Any, measured: dict[str, Any], clip: FloatRect) -> str | None:
    """Screenshots of the box with and without the glyphs, and of the text drawn plainly."""
    from licencecheck.checks.rendered import Shot, glyph_pixels, hidden_characters, judge_pixels, reference_ink

    shown = await page.screenshot(clip=clip, animations="disabled", caret="hide")
    await page.evaluate("m => window.__licencecheck.hideGlyphs(m)", occurrence.as_js())
    try:
        blank = await page.screenshot(clip=clip, animations="disabled", caret="hide")
    finally:
        await page.evaluate("() => window.__licencecheck.restore()")
    pixels = glyph_pixels(shown, blank)
    if not pixels.changed:
        return judge_pixels(measured, 0, pixels.contrast)
    size = min(style["fontPx"] for style in measured["styles"])
    box = await page.evaluate("([m, px]) => window.__licencecheck.reference(m, px)", [occurrence.as_js(), size])
    try:
        plain = await page.screenshot(clip=_box(box), animations="disabled", caret="hide")
    finally:
        await page.evaluate("() => window.__licencecheck.clearReference()")
    expected = reference_ink(plain)
    found = judge_pixels(measured, pixels.changed, pixels.contrast, pixels.ink / expected if expected else 1.0)
    if found is not None:
        return found
    x, y = clip["x"], clip["y"]
    return hidden_characters(
        Shot.of(shown, x, y), Shot.of(blank, x, y), Shot.of(plain, box["x"], box["y"]), measured["chars"], box["chars"]
    )


def _box(box: dict[str, Any]) -> FloatRect:
    return {"x": box["x"], "y": box["y"], "width": box["width"], "height": box["height"]}


def _viewport_clip(measured: dict[str, Any]) -> FloatRect | None:
    """The glyphs' box on the screen (after scrolling to it), cut to the viewport, 1 px around."""
    box, view = measured["clip"], measured["viewport"]
    left, top = max(0.0, box["x"] - 1), max(0.0, box["y"] - 1)
    right, bottom = min(view["width"], box["right"] + 1), min(view["height"], box["bottom"] + 1)
    if right - left < 1 or bottom - top < 1:
        return None
    return {"x": left, "y": top, "width": right - left, "height": bottom - top}


async def _evidence(page: Page, boxes: list[dict[str, Any]]) -> bytes:
    """A full-page screenshot with the wanted texts' boxes outlined (solid: visible)."""
    await page.evaluate("b => window.__licencecheck.outline(b)", boxes)
    try:
        return await page.screenshot(full_page=True, animations="disabled", caret="hide")
    finally:
        await page.evaluate("() => window.__licencecheck.clearOutline()")


def _page_notes(blocked: list[str], errors: list[str]) -> list[str]:
    notes = []
    if blocked:
        notes.append(
            _("blocked {count} request(s) to other hosts (the gate never uses the network): {urls}").format(
                count=len(blocked), urls=listing(dict.fromkeys(blocked[:3]))
            )
        )
    if errors:
        notes.append(
            _("the page's scripts raised {count} error(s), first: {error}").format(
                count=len(errors), error=errors[0][:200]
            )
        )
    return notes
