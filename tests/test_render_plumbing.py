"""The plumbing of `gate --render` around the browser, held exactly and without one: the run
note, each page's judgement and evidence files (checks/gate_render.py, fed hand-made runs), the
loopback server (browser/server.py, fetched with urllib) and the lookup of a browser
(browser/locate.py, with made-up files, $LICENCECHECK_BROWSER and PATH)."""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest

from licencecheck.browser import locate
from licencecheck.browser.locate import HOW_TO_GET_ONE, ON_PATH, launch_arguments, pick_browser
from licencecheck.browser.server import serve
from licencecheck.browser.session import VIEWPORT, RenderedPage, RenderJob, RenderRun, RenderSettings, Wanted
from licencecheck.checks import gate_render
from licencecheck.checks.gate import GateInput, PageCheck, PageJudgement, RenderOptions
from licencecheck.checks.gate_render import (
    _evidence_files,
    _judgement,
    _key,
    _run_note,
    _unique,
    _with_source,
    check_path,
    rendered_judgements,
)
from licencecheck.checks.pages import MAX_TAGS
from licencecheck.errors import InputError
from licencecheck.inputs import INPUTS

NUMBER = "渝B2-20210467"
COMPANY = "重庆某某科技有限公司"
NOT_RENDERED = "not in the rendered page"
SCRIPT_OR_FORM = (
    " (the HTML file has it as text, but the page does not show it: a script removed it, or it is in a form control)"
)


def _check(page: Path, wanted: dict[str, str], index: int = 0) -> PageCheck:
    """A page check with what gate_render reads of one (its page and wanted texts)."""
    return PageCheck(f"site{index}", index, page, cast(Any, SimpleNamespace(id=f"rule{index}")), wanted, "licence")


def _gate(manifest: Path, timeout: float = 7.5) -> GateInput:
    return cast(GateInput, SimpleNamespace(path=manifest, manifest=SimpleNamespace(render_timeout=timeout)))


def _note(browser: str, count: int, seconds: str) -> str:
    return (
        f"Pages were rendered in {browser} at 1280×800 px, served from 127.0.0.1 with every other host blocked: "
        f"{count} {seconds}. A text counts when it is rendered, readable (at least 10 px, upright, in order), "
        "opaque, on the page, unclipped, uncovered, at WCAG 2.2 AA contrast and still there 1.5 s after loading, "
        "at 1280×800 in the light colour scheme (README: Rendered pages)."
    )


# gate_render: keys, paths, names ---------------------------------------------------------------


def test_a_wanted_text_is_keyed_by_its_item_and_text() -> None:
    assert _key("licence-number", NUMBER) == f"licence-number: {NUMBER}"


def test_a_page_path_is_relative_to_the_folder_with_slashes(tmp_path: Path) -> None:
    page = tmp_path / "a" / "b" / "index.html"
    assert check_path(page, tmp_path) == "a/b/index.html"
    assert check_path(tmp_path / "a" / ".." / "top.html", tmp_path.resolve()) == "top.html"


def test_names_that_clash_get_a_counter_from_2() -> None:
    taken: set[str] = set()
    assert [_unique("a__b", taken) for _ in range(4)] == ["a__b", "a__b-2", "a__b-3", "a__b-4"]
    assert taken == {"a__b", "a__b-2", "a__b-3", "a__b-4"}
    assert _unique("c", taken) == "c"
    assert "c" in taken


def test_a_name_taken_with_a_counter_is_skipped() -> None:
    taken = {"x", "x-2"}
    assert _unique("x", taken) == "x-3"
    assert taken == {"x", "x-2", "x-3"}


# gate_render: the run note ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pages", "seconds", "says"),
    [(0, 0.0, "pages in 0.0 s"), (1, 2.25, "page in 2.2 s"), (2, 12.96, "pages in 13.0 s")],
)
def test_the_run_note_says_what_rendered_where_and_how_long(pages: int, seconds: float, says: str) -> None:
    run = RenderRun({Path(f"p{n}.html"): RenderedPage() for n in range(pages)}, "Chromium 1.2 (/bin/c)", seconds)
    assert VIEWPORT == {"width": 1280, "height": 800}
    assert _run_note(run) == _note("Chromium 1.2 (/bin/c)", pages, says)


# gate_render: a page's judgement ---------------------------------------------------------------


def test_a_page_that_failed_to_render_is_one_failure_with_no_missing_item(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    rendered = RenderedPage(failure="did not load within 5 s", seconds=3.0)
    evidence = {"text": "e/p.txt"}
    judged = _judgement(_check(page, {"licence-number": NUMBER}), rendered, evidence, 2)
    assert judged == PageJudgement({}, rendered=True, evidence=evidence, failure="did not load within 5 s", seconds=1.5)


def test_a_judgement_lists_each_hidden_item_and_shares_the_page_time(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(f"<p>{NUMBER}</p>", encoding="utf-8")
    check = _check(page, {"licence-number": NUMBER, "company-name": COMPANY})
    rendered = RenderedPage(
        hidden={_key("licence-number", NUMBER): None, _key("company-name", COMPANY): "too small (8 px)"},
        seconds=6.0,
    )
    judged = _judgement(check, rendered, None, 3)
    assert judged == PageJudgement({"company-name": "too small (8 px)"}, rendered=True, evidence=None, seconds=2.0)
    assert judged.failure is None


def test_every_item_visible_is_no_missing_item(tmp_path: Path) -> None:
    check = _check(tmp_path / "p.html", {"licence-number": NUMBER})
    judged = _judgement(check, RenderedPage(hidden={_key("licence-number", NUMBER): None}, seconds=1.0), None, 1)
    assert judged == PageJudgement({}, rendered=True, evidence=None, seconds=1.0)


def test_a_text_not_rendered_says_where_the_file_has_it(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(f"<p>hi</p><!-- {NUMBER} -->", encoding="utf-8")
    check = _check(page, {"licence-number": NUMBER})
    judged = _judgement(check, RenderedPage(hidden={_key("licence-number", NUMBER): NOT_RENDERED}), None, 1)
    assert judged.missing == {
        "licence-number": NOT_RENDERED + " (the file has it only at line 1, in a comment, which is not rendered text)"
    }


@pytest.mark.parametrize(
    ("html", "says"),
    [
        (f"<p>hi</p><!-- {NUMBER} -->", " (the file has it only at line 1, in a comment, which is not rendered text)"),
        (f"<p>{NUMBER}</p>", SCRIPT_OR_FORM),
        (f"<p>hi</p><textarea>{NUMBER}</textarea>", SCRIPT_OR_FORM),
        ("<p>hi</p>", ""),
    ],
)
def test_a_text_not_rendered_is_told_apart_by_the_file(tmp_path: Path, html: str, says: str) -> None:
    page = tmp_path / "p.html"
    page.write_text(html, encoding="utf-8")
    assert _with_source(page, "licence-number", NUMBER, NOT_RENDERED) == NOT_RENDERED + says
    how = NOT_RENDERED + " after 1.5 s"
    assert _with_source(page, "licence-number", NUMBER, how) == how + says


def test_other_ways_of_hiding_are_kept_as_they_are_and_the_file_is_not_read(tmp_path: Path) -> None:
    absent = tmp_path / "absent.html"
    for how in ("too small (8 px)", "low contrast: not in the rendered page", ""):
        assert _with_source(absent, "licence-number", NUMBER, how) == how


def test_the_file_is_searched_for_the_item_as_an_identifier(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(f"<p>{NUMBER}9</p>", encoding="utf-8")
    # bounded: the longer number is not the licence number, so the file does not have it as text
    assert _with_source(page, "licence-number", NUMBER, NOT_RENDERED) == NOT_RENDERED
    assert _with_source(page, "company-name", NUMBER, NOT_RENDERED) == NOT_RENDERED + SCRIPT_OR_FORM


def test_a_judgement_searches_the_file_for_its_own_item(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(f"<p>hi</p><!-- {NUMBER}9 -->", encoding="utf-8")
    hidden: dict[str, str | None] = {
        _key("licence-number", NUMBER): NOT_RENDERED,
        _key("company-name", NUMBER): NOT_RENDERED,
    }
    check = _check(page, {"licence-number": NUMBER, "company-name": NUMBER})
    assert _judgement(check, RenderedPage(hidden=hidden), None, 1).missing == {
        "licence-number": NOT_RENDERED,
        "company-name": NOT_RENDERED + " (the file has it only at line 1, in a comment, which is not rendered text)",
    }


def test_a_page_that_cannot_be_read_is_named_as_a_page(tmp_path: Path) -> None:
    from licencecheck.errors import UnreadableError

    with pytest.raises(UnreadableError) as raised:
        _with_source(tmp_path / "gone.html", "licence-number", NUMBER, NOT_RENDERED)
    assert str(raised.value) == f"{tmp_path / 'gone.html'}: page not found"
    with pytest.raises(UnreadableError) as raised:
        gate_render._jobs(_gate(tmp_path / "m.yaml"), [_check(tmp_path / "gone.html", {"company-name": COMPANY})])
    assert str(raised.value) == f"{tmp_path / 'gone.html'}: page not found"


def test_one_job_wants_each_item_and_text_once(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text("<p>x</p>", encoding="utf-8")
    other = "京ICP证000000号"
    checks = [
        _check(page, {"licence-number": NUMBER, "company-name": NUMBER}, 0),
        _check(page, {"licence-number": other}, 1),
        _check(page, {"licence-number": NUMBER}, 2),
    ]
    assert gate_render._jobs(_gate(tmp_path / "m.yaml"), checks) == [
        RenderJob(
            page,
            "p.html",
            (
                Wanted(f"licence-number: {NUMBER}", NUMBER, True),
                Wanted(f"company-name: {NUMBER}", NUMBER, False),
                Wanted(f"licence-number: {other}", other, True),
            ),
        )
    ]


# gate_render: evidence files -------------------------------------------------------------------


def test_evidence_has_a_text_file_per_page_and_a_screenshot_only_when_taken(tmp_path: Path) -> None:
    site = tmp_path / "site"
    evidence = tmp_path / "evidence"
    pages = [site / "a" / "b.html", site / "a__b.html", site / "index.html", site / "a" / "b" / "c.html"]
    run = RenderRun(
        {
            pages[0]: RenderedPage(text="first", screenshot=b"PNG1"),
            pages[1]: RenderedPage(text="second\n", screenshot=None),
            pages[2]: RenderedPage(text="", screenshot=b"PNG3"),
            pages[3]: RenderedPage(text="a\nb", screenshot=b"PNG4"),
        },
        "Chromium",
        1.0,
    )
    render = RenderOptions(evidence=evidence)
    links = _evidence_files(_gate(site / "licencecheck.yaml"), run, render)
    assert links == {
        pages[0]: {"screenshot": os.fspath(evidence / "a__b.html.png"), "text": os.fspath(evidence / "a__b.html.txt")},
        pages[1]: {"text": os.fspath(evidence / "a__b.html-2.txt")},
        pages[2]: {
            "screenshot": os.fspath(evidence / "index.html.png"),
            "text": os.fspath(evidence / "index.html.txt"),
        },
        pages[3]: {
            "screenshot": os.fspath(evidence / "a__b__c.html.png"),
            "text": os.fspath(evidence / "a__b__c.html.txt"),
        },
    }
    assert [list(link) for link in links.values()] == [["screenshot", "text"], ["text"]] + [["screenshot", "text"]] * 2
    assert render.written == [
        (evidence / "a__b.html.png", b"PNG1"),
        (evidence / "a__b.html.txt", "first\n"),
        (evidence / "a__b.html-2.txt", "second\n"),
        (evidence / "index.html.png", b"PNG3"),
        (evidence / "index.html.txt", "\n"),
        (evidence / "a__b__c.html.png", b"PNG4"),
        (evidence / "a__b__c.html.txt", "a\nb\n"),
    ]


def test_evidence_keeps_what_was_written_before(tmp_path: Path) -> None:
    render = RenderOptions(evidence=tmp_path / "e", written=[(tmp_path / "report.json", "{}")])
    run = RenderRun({tmp_path / "p.html": RenderedPage(text="t\n")}, "Chromium", 1.0)
    assert _evidence_files(_gate(tmp_path / "m.yaml"), run, render) == {
        tmp_path / "p.html": {"text": os.fspath(tmp_path / "e" / "p.html.txt")}
    }
    assert render.written == [(tmp_path / "report.json", "{}"), (tmp_path / "e" / "p.html.txt", "t\n")]


# gate_render: a whole run with a fake browser --------------------------------------------------


class _FakeBrowser:
    """Stands in for session.render_pages: records what it was asked and answers with `pages`."""

    def __init__(self, pages: dict[str, RenderedPage]) -> None:
        self.pages = pages
        self.jobs: list[RenderJob] = []
        self.settings: RenderSettings | None = None

    def __call__(self, jobs: list[RenderJob], settings: RenderSettings) -> RenderRun:
        self.jobs, self.settings = jobs, settings
        return RenderRun({job.page: self.pages[job.page.name] for job in jobs}, "Chromium 9 (/bin/c)", 0.5)


def test_a_run_renders_each_page_once_for_every_text_its_checks_want(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from licencecheck.browser import session

    site = tmp_path / "site"
    (site / "docs").mkdir(parents=True)
    home, about = site / "index.html", site / "docs" / "about us.html"
    home.write_text(f"<p>hi</p>\n<!-- {NUMBER} -->", encoding="utf-8")
    about.write_text(f"<p>{NUMBER}</p>", encoding="utf-8")
    other = "京ICP证000000号"
    checks = [
        _check(home, {"licence-number": NUMBER, "company-name": COMPANY}, 0),
        _check(home, {"licence-number": NUMBER}, 1),
        _check(about, {"licence-number": other}, 2),
    ]
    browser = _FakeBrowser(
        {
            "index.html": RenderedPage(
                hidden={_key("licence-number", NUMBER): NOT_RENDERED, _key("company-name", COMPANY): None},
                text="hi",
                screenshot=b"PNG",
                notes=["blocked http://cdn.example/x.js"],
                seconds=4.0,
            ),
            "about us.html": RenderedPage(hidden={_key("licence-number", other): None}, seconds=1.0),
        }
    )
    monkeypatch.setattr(session, "render_pages", browser)
    notes = ["earlier"]
    render = RenderOptions(browser=tmp_path / "chrome", evidence=tmp_path / "evidence")
    judged = rendered_judgements(_gate(site / "licencecheck.yaml", 12.0), checks, render, notes)

    assert browser.jobs == [
        RenderJob(
            home,
            "index.html",
            (
                Wanted(f"licence-number: {NUMBER}", NUMBER, True),
                Wanted(f"company-name: {COMPANY}", COMPANY, False),
            ),
        ),
        RenderJob(about, "docs/about%20us.html", (Wanted(f"licence-number: {other}", other, True),)),
    ]
    assert browser.settings == RenderSettings(site.resolve(), tmp_path / "chrome", 12.0, True)
    assert notes == [
        "earlier",
        _note("Chromium 9 (/bin/c)", 2, "pages in 0.5 s"),
        f"{home}: blocked http://cdn.example/x.js",
    ]
    home_evidence = {
        "screenshot": os.fspath(tmp_path / "evidence" / "index.html.png"),
        "text": os.fspath(tmp_path / "evidence" / "index.html.txt"),
    }
    missing: dict[str, str | None] = {
        "licence-number": NOT_RENDERED + " (the file has it only at line 2, in a comment, which is not rendered text)"
    }
    assert judged == {
        checks[0]: PageJudgement(missing, rendered=True, evidence=home_evidence, seconds=2.0),
        checks[1]: PageJudgement(missing, rendered=True, evidence=home_evidence, seconds=2.0),
        checks[2]: PageJudgement(
            {},
            rendered=True,
            evidence={"text": os.fspath(tmp_path / "evidence" / "docs__about us.html.txt")},
            seconds=1.0,
        ),
    }
    assert [path.name for path, _ in render.written] == ["index.html.png", "index.html.txt", "docs__about us.html.txt"]


def test_a_run_without_evidence_takes_no_screenshot_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from licencecheck.browser import session

    page = tmp_path / "p.html"
    page.write_text("<p>x</p>", encoding="utf-8")
    browser = _FakeBrowser({"p.html": RenderedPage(hidden={_key("company-name", COMPANY): None}, screenshot=b"P")})
    monkeypatch.setattr(session, "render_pages", browser)
    render = RenderOptions()
    notes: list[str] = []
    judged = rendered_judgements(_gate(tmp_path / "m.yaml"), [_check(page, {"company-name": COMPANY})], render, notes)
    assert browser.settings == RenderSettings(tmp_path.resolve(), None, 7.5, False)
    assert list(judged.values()) == [PageJudgement({}, rendered=True, evidence=None, seconds=0.0)]
    assert render.written == []
    assert notes == [_note("Chromium 9 (/bin/c)", 1, "page in 0.5 s")]


def test_no_check_starts_no_browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from licencecheck.browser import session

    def no_browser(jobs: list[RenderJob], settings: RenderSettings) -> RenderRun:
        raise AssertionError("no browser for no check")

    monkeypatch.setattr(session, "render_pages", no_browser)
    notes: list[str] = []
    assert rendered_judgements(_gate(tmp_path / "m.yaml"), [], RenderOptions(), notes) == {}
    assert notes == []


def test_a_page_with_too_many_tags_is_refused_before_the_browser_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from licencecheck.browser import session

    monkeypatch.setattr(session, "render_pages", _FakeBrowser({}))
    big, small = tmp_path / "big.html", tmp_path / "small.html"
    big.write_text("<i>" * (MAX_TAGS + 1), encoding="utf-8")
    small.write_text("<i>" * MAX_TAGS, encoding="utf-8")
    assert len(gate_render._jobs(_gate(tmp_path / "m.yaml"), [_check(small, {"company-name": COMPANY})])) == 1
    with pytest.raises(InputError) as raised:
        rendered_judgements(_gate(tmp_path / "m.yaml"), [_check(big, {"company-name": COMPANY})], RenderOptions(), [])
    assert str(raised.value) == f"{big}: more than 50000 tags; a page this large is not checked"


SERVED = [
    ("/index.html", "text/html; charset=utf-8", b"<p>home</p>"),
    ("/assets/app.js", "text/javascript", b"app.js"),
    ("/assets/mod.mjs", "text/javascript", b"mod.mjs"),
    ("/assets/style.css", "text/css", b"style.css"),
    ("/assets/data.json", "application/json", b"data.json"),
    ("/assets/logo.svg", "image/svg+xml", b"logo.svg"),
    ("/assets/a.wasm", "application/wasm", b"a.wasm"),
    ("/assets/old.htm", "text/html; charset=utf-8", b"old.htm"),
    ("/inside.txt", "text/html; charset=utf-8", b"<p>home</p>"),
    ("/.well-known/security.txt", "text/plain", b"Contact: x"),
    ("/assets/../index.html", "text/html; charset=utf-8", b"<p>home</p>"),
]

REFUSED = [
    "/../outside.txt",
    "/%2e%2e/outside.txt",
    "/up.txt",
    "/sibling/x.txt",
    "/pipe",
    "/assets/",
    "/assets",
    "/",
    "/nothing.html",
    "/.env",
    "/assets/.hidden.js",
    "/.well-known/.secret",
    "/.well-known/",
]


# server ----------------------------------------------------------------------------------------


def _get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status), str(response.headers.get("Content-Type")), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, str(exc.headers.get("Content-Type")), exc.read()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text("<p>home</p>", encoding="utf-8")
    for name in ("app.js", "mod.mjs", "style.css", "data.json", "logo.svg", "a.wasm", "old.htm"):
        (site / "assets" / name).write_bytes(name.encode())
    (tmp_path / "outside.txt").write_text("outside", encoding="utf-8")
    (tmp_path / "site-other").mkdir()
    (tmp_path / "site-other" / "x.txt").write_text("sibling", encoding="utf-8")
    (site / "up.txt").symlink_to(tmp_path / "outside.txt")
    (site / "sibling").symlink_to(tmp_path / "site-other")
    (site / "inside.txt").symlink_to(site / "index.html")
    os.mkfifo(site / "pipe")
    (site / ".env").write_text("SECRET=1", encoding="utf-8")
    (site / "assets" / ".hidden.js").write_text("1", encoding="utf-8")
    (site / ".well-known").mkdir()
    (site / ".well-known" / "security.txt").write_text("Contact: x", encoding="utf-8")
    (site / ".well-known" / ".secret").write_text("x", encoding="utf-8")
    return site


def test_the_server_serves_files_inside_its_folder_with_their_types(site: Path) -> None:
    with serve(site) as origin:
        for path, content_type, body in SERVED:
            assert _get(origin + path) == (200, content_type, body), path


def test_the_server_answers_404_for_anything_else(site: Path) -> None:
    with serve(site) as origin:
        for path in REFUSED:
            status, _, body = _get(origin + path)
            assert status == 404, path
            assert b"outside" not in body
            assert b"SECRET" not in body
            assert b"app.js" not in body  # no listing of a folder


@pytest.mark.parametrize("name", ["none", ".licencecheck-not-served"])
def test_a_refused_path_is_404_whatever_the_folder_holds(site: Path, name: str) -> None:
    (site / name).write_text("decoy", encoding="utf-8")
    with serve(site) as origin:
        for path in ("/.env", "/pipe", "/assets/", "/../outside.txt", "/nothing"):
            assert _get(origin + path)[0] == 404, path


def test_a_refused_path_does_not_depend_on_the_working_folder(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cwd = tmp_path / "cwd"
    (cwd / ".licencecheck-not-served").mkdir(parents=True)
    (cwd / ".licencecheck-not-served" / "none").write_text("decoy", encoding="utf-8")
    monkeypatch.chdir(cwd)
    with serve(site) as origin:
        assert _get(origin + "/.env")[0] == 404


def test_a_refused_path_is_404_even_when_the_folder_holds_the_stand_in_name(site: Path) -> None:
    (site / ".licencecheck-not-served").mkdir()
    (site / ".licencecheck-not-served" / "none").write_text("decoy", encoding="utf-8")
    with serve(site) as origin:
        assert _get(origin + "/.env")[0] == 404


def test_the_server_records_what_it_serves_as_inputs_and_nothing_else(site: Path) -> None:
    INPUTS.reset()
    try:
        with serve(site) as origin:
            for path in ("/assets/app.js", "/up.txt", "/.env", "/pipe", "/nothing", "/assets/"):
                _get(origin + path)
        assert INPUTS.find(site / "assets" / "app.js") == os.path.realpath(site / "assets" / "app.js")
        for unserved in (site / "index.html", site.parent / "outside.txt", site / ".env", site / "pipe", site):
            assert INPUTS.find(unserved) is None, unserved
    finally:
        INPUTS.reset()


def test_the_server_listens_on_loopback_and_stops_at_exit(site: Path) -> None:
    with serve(site) as origin:
        host, port = origin.removeprefix("http://").split(":")
        assert host == "127.0.0.1"
        assert origin == f"http://127.0.0.1:{int(port)}"
        assert _get(origin + "/index.html")[0] == 200
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(origin + "/index.html", timeout=2)


def test_two_servers_use_two_ports(site: Path, tmp_path: Path) -> None:
    with serve(site) as first, serve(tmp_path / "site-other") as second:
        assert first != second
        assert _get(second + "/x.txt") == (200, "text/plain", b"sibling")
        assert _get(first + "/x.txt")[0] == 404


def test_the_server_logs_nothing(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with serve(site) as origin:
        _get(origin + "/index.html")
        _get(origin + "/nothing")
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", "")


# locate ----------------------------------------------------------------------------------------


def _program(path: Path, mode: int = 0o755) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n", encoding="utf-8")
    path.chmod(mode)
    return path


@pytest.fixture
def nowhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No browser in the environment: an empty PATH folder, no $LICENCECHECK_BROWSER."""
    empty = tmp_path / "path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("LICENCECHECK_BROWSER", raising=False)
    return empty


def test_the_option_beats_the_variable_playwright_and_path(nowhere: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    option = _program(nowhere.parent / "option" / "chrome")
    variable = _program(nowhere.parent / "variable" / "chrome")
    own = _program(nowhere.parent / "own" / "chrome")
    _program(nowhere / "chromium")
    monkeypatch.setenv("LICENCECHECK_BROWSER", str(variable))
    assert pick_browser(option, str(own)) == option


def test_the_variable_beats_playwright_and_path(nowhere: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    variable = _program(nowhere.parent / "variable" / "chrome")
    own = _program(nowhere.parent / "own" / "chrome")
    _program(nowhere / "chromium")
    monkeypatch.setenv("LICENCECHECK_BROWSER", f"  {variable}\n")
    assert pick_browser(None, str(own)) == variable


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_blank_variable_is_no_choice(nowhere: Path, monkeypatch: pytest.MonkeyPatch, blank: str) -> None:
    own = _program(nowhere.parent / "own" / "chrome")
    monkeypatch.setenv("LICENCECHECK_BROWSER", blank)
    assert pick_browser(None, str(own)) == own


def test_playwrights_own_beats_path(nowhere: Path) -> None:
    own = _program(nowhere.parent / "own" / "chrome")
    _program(nowhere / "chromium")
    assert pick_browser(None, str(own)) == own


@pytest.mark.parametrize("own", [None, "", "missing", "folder"])
def test_without_playwrights_own_path_is_searched(nowhere: Path, own: str | None) -> None:
    (nowhere.parent / "folder").mkdir()
    playwright_own = os.fspath(nowhere.parent / own) if own else own
    found = _program(nowhere / "google-chrome")
    assert pick_browser(None, playwright_own) == found


def test_path_names_are_tried_in_order(nowhere: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert ON_PATH == ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
    later = nowhere.parent / "later"
    monkeypatch.setenv("PATH", f"{nowhere}{os.pathsep}{later}")
    for name in reversed(ON_PATH):
        # a name earlier in ON_PATH wins even when it is in a later PATH folder
        expected = _program(later / name)
        assert pick_browser(None, None) == expected


def test_a_name_on_path_that_is_not_executable_is_passed_over(nowhere: Path) -> None:
    _program(nowhere / "chromium", mode=0o644)
    found = _program(nowhere / "chromium-browser")
    assert pick_browser(None, None) == found


def test_no_browser_anywhere_says_where_it_looked_and_how_to_get_one(nowhere: Path) -> None:
    with pytest.raises(InputError) as raised:
        pick_browser(None, os.fspath(nowhere.parent / "missing"))
    assert str(raised.value) == (
        "--render: no Chromium found (not Playwright's own, none of chromium, chromium-browser, google-chrome, "
        "google-chrome-stable on PATH); install one (Debian/Ubuntu: `apt-get install chromium`; or "
        "`python -m playwright install chromium`), or give --browser PATH or $LICENCECHECK_BROWSER"
    )


@pytest.mark.parametrize(
    ("make", "state"),
    [
        ("missing", "does not exist"),
        ("plain", "is not an executable file"),
        ("folder", "is not an executable file"),
    ],
)
def test_a_named_browser_that_cannot_run_is_an_error(
    nowhere: Path, monkeypatch: pytest.MonkeyPatch, make: str, state: str
) -> None:
    _program(nowhere / "chromium")
    own = _program(nowhere.parent / "own" / "chrome")
    named = nowhere.parent / "named"
    if make == "plain":
        _program(named, mode=0o644)
    elif make == "folder":
        named.mkdir()
        named.chmod(0o755)
    with pytest.raises(InputError) as raised:
        pick_browser(named, str(own))
    assert str(raised.value) == f"--browser {named}: {state}; {HOW_TO_GET_ONE}"
    monkeypatch.setenv("LICENCECHECK_BROWSER", str(named))
    with pytest.raises(InputError) as raised:
        pick_browser(None, str(own))
    assert str(raised.value) == f"$LICENCECHECK_BROWSER {named}: {state}; {HOW_TO_GET_ONE}"


def test_the_way_to_get_a_browser_is_spelled_out() -> None:
    assert HOW_TO_GET_ONE == (
        "install one (Debian/Ubuntu: `apt-get install chromium`; or `python -m playwright install chromium`), "
        "or give --browser PATH or $LICENCECHECK_BROWSER"
    )
    assert locate.BROWSER_ENV_VAR == "LICENCECHECK_BROWSER"
    assert locate.PLAYWRIGHT_MISSING == (
        "--render needs Playwright: pip install 'licencecheck[browser]' "
        "(and a Chromium: Debian/Ubuntu: `apt-get install chromium`)"
    )


def test_a_missing_playwright_is_an_error_with_the_install_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "playwright", None)
    monkeypatch.setitem(sys.modules, "playwright.async_api", None)
    with pytest.raises(InputError) as raised:
        locate.require_playwright()
    assert str(raised.value) == locate.PLAYWRIGHT_MISSING
    assert raised.value.__cause__ is None
    assert raised.value.__suppress_context__


def test_an_installed_playwright_is_no_error() -> None:
    pytest.importorskip("playwright.async_api")
    locate.require_playwright()


def test_the_browser_reaches_no_host_but_loopback() -> None:
    arguments = launch_arguments()
    assert "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1" in arguments
    assert arguments == [
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
        "--no-first-run",
        "--disable-quic",
        "--disable-gpu",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ]
