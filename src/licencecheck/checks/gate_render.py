"""The gate's pages rendered in Chromium (`gate --render`): each page once, judged for every text
the checks on it want; screenshots and rendered text kept as evidence when asked."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from licencecheck.checks.pages import IDENTIFIERS
from licencecheck.i18n import _, ngettext
from licencecheck.names import unique as _unique  # pages that flatten alike, items alike

if TYPE_CHECKING:
    from licencecheck.browser.session import RenderedPage, RenderJob, RenderRun
    from licencecheck.checks.gate import GateInput, PageCheck, PageJudgement, RenderOptions


def _key(item: str, text: str) -> str:
    return f"{item}: {text}"


def _jobs(gate: GateInput, checks: list[PageCheck]) -> list[RenderJob]:
    """One job a page, wanting every text any check on it wants (pages are read first: a FIFO,
    a directory, a huge or non-UTF-8 file is refused before the browser starts)."""
    from licencecheck.browser.session import RenderJob, Wanted
    from licencecheck.checks.pages import MAX_TAGS, too_many_tags
    from licencecheck.errors import InputError
    from licencecheck.inputs import read_text

    folder = gate.path.parent.resolve()
    wanted: dict[Path, dict[str, Wanted]] = {}
    for check in checks:
        if check.page not in wanted and too_many_tags(read_text(check.page, what="page")):
            raise InputError(
                _("{page}: more than {limit} tags; a page this large is not checked").format(
                    page=check.page, limit=MAX_TAGS
                )
            )
        own = wanted.setdefault(check.page, {})
        for item, text in check.wanted.items():
            own.setdefault(_key(item, text), Wanted(_key(item, text), text, item in IDENTIFIERS))
    return [RenderJob(page, quote(check_path(page, folder)), tuple(items.values())) for page, items in wanted.items()]


def check_path(page: Path, folder: Path) -> str:
    """The page's path under the served folder, with '/' separators."""
    return page.resolve().relative_to(folder).as_posix()


def rendered_judgements(
    gate: GateInput, checks: list[PageCheck], render: RenderOptions, notes: list[str]
) -> dict[PageCheck, PageJudgement]:
    from licencecheck.browser.session import RenderSettings, render_pages

    if not checks:
        return {}
    jobs = _jobs(gate, checks)
    settings = RenderSettings(
        gate.path.parent.resolve(), render.browser, gate.manifest.render_timeout, render.evidence is not None
    )
    run = render_pages(jobs, settings)
    notes.append(_run_note(run))
    evidence = _evidence_files(gate, run, render) if render.evidence is not None else {}
    for page, rendered in run.pages.items():
        notes += [_("{page}: {note}").format(page=page, note=note) for note in rendered.notes]
    per_page = Counter(check.page for check in checks)
    return {
        check: _judgement(check, run.pages[check.page], evidence.get(check.page), per_page[check.page])
        for check in checks
    }


def _run_note(run: RenderRun) -> str:
    from licencecheck.browser.session import VIEWPORT

    count = len(run.pages)
    return ngettext(
        "Pages were rendered in {browser} at {width}×{height} px, served from 127.0.0.1 with every other host "
        "blocked: {count} page in {seconds} s. A text counts when it is rendered, readable (at least 10 px, upright, "
        "in order), opaque, on the page, unclipped, uncovered, at WCAG 2.2 AA contrast and still there 1.5 s after "
        "loading, at 1280×800 in the light colour scheme (README: Rendered pages).",
        "Pages were rendered in {browser} at {width}×{height} px, served from 127.0.0.1 with every other host "
        "blocked: {count} pages in {seconds} s. A text counts when it is rendered, readable (at least 10 px, upright, "
        "in order), opaque, on the page, unclipped, uncovered, at WCAG 2.2 AA contrast and still there 1.5 s after "
        "loading, at 1280×800 in the light colour scheme (README: Rendered pages).",
        count,
    ).format(
        browser=run.browser,
        width=VIEWPORT["width"],
        height=VIEWPORT["height"],
        count=count,
        seconds=f"{run.seconds:.1f}",
    )


def _judgement(
    check: PageCheck, rendered: RenderedPage, evidence: dict[str, str] | None, checks_on_page: int
) -> PageJudgement:
    from licencecheck.checks.gate import PageJudgement

    seconds = rendered.seconds / checks_on_page
    if rendered.failure is not None:
        return PageJudgement({}, rendered=True, evidence=evidence, failure=rendered.failure, seconds=seconds)
    missing: dict[str, str | None] = {}
    for item, text in check.wanted.items():
        how = rendered.hidden[_key(item, text)]
        if how is not None:
            missing[item] = _with_source(check.page, item, text, how)
    return PageJudgement(missing, rendered=True, evidence=evidence, seconds=seconds)


def _with_source(page: Path, item: str, text: str, how: str) -> str:
    """For a text the rendered page lacks, where the file has it (a script, a comment)."""
    from licencecheck.browser.session import NOT_IN_TEXT
    from licencecheck.checks.pages import find_missing, page_text
    from licencecheck.inputs import read_text

    if not how.startswith(("not in the rendered page", _(NOT_IN_TEXT))):
        return how
    static = find_missing(page_text(read_text(page, what="page")), {item: text})
    if item not in static:
        return _(
            "{how} (the HTML file has it as text, but the page does not show it: a script removed it, "
            "or it is in a form control)"
        ).format(how=how)
    where = static[item]
    if not where:
        return how
    return _("{how} (the file has it only at {where}, which is not rendered text)").format(how=how, where=where)


def _evidence_files(gate: GateInput, run: RenderRun, render: RenderOptions) -> dict[Path, dict[str, str]]:
    """The screenshot and rendered text of each page, to be written into the evidence folder."""
    assert render.evidence is not None
    folder = gate.path.parent.resolve()
    links: dict[Path, dict[str, str]] = {}
    stems: set[str] = set()
    for page, rendered in run.pages.items():
        stem = _unique(check_path(page, folder).replace("/", "__"), stems)
        shot, text = render.evidence / f"{stem}.png", render.evidence / f"{stem}.txt"
        links[page] = {"text": os.fspath(text)}
        if rendered.screenshot is not None:
            render.written.append((shot, rendered.screenshot))
            links[page] = {"screenshot": os.fspath(shot), **links[page]}
        render.written.append((text, rendered.text if rendered.text.endswith("\n") else rendered.text + "\n"))
    return links
