"""`gate --render` in a real Chromium: every page under pages/pass passes, every page under
pages/fail fails saying how the number is hidden (its `<meta name="expect">`), for the bundled
licence and for a licence of another numbering (the pages are rewritten to its number)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from licencecheck.cli import app

from ..conftest import REPO

PAGES = Path(__file__).parent / "pages"
BUNDLED_NUMBER = "渝B2-20210467"
LICENCES = {
    BUNDLED_NUMBER: REPO / "data" / "licence_yu_B2_20210467.yaml",
    "B1.B2-20180352": REPO / "examples" / "licences" / "cross_regional_B1_B2.yaml",
}
EXPECT = re.compile(r'<meta name="expect" content="([^"]*)">')


def run_gate(*args: str, env: dict[str, str] | None = None) -> tuple[int, dict[str, Any], str]:
    result = CliRunner(env={"NO_COLOR": "1", "LICENCECHECK_LICENCE": "", **(env or {})}).invoke(
        app, ["gate", *args, "--format", "json"], catch_exceptions=False
    )
    report = json.loads(result.stdout) if result.stdout.strip() else {}
    return result.exit_code, report, result.stderr


def copy_pages(target: Path, number: str) -> list[Path]:
    """The fixture pages, with the bundled number replaced by `number`; pages that hold the number
    only in pieces (split across elements) are kept for the bundled licence alone."""
    copied = []
    for page in sorted(PAGES.rglob("*")):
        if page.is_dir():
            continue
        text = page.read_text(encoding="utf-8")
        if number != BUNDLED_NUMBER and page.suffix == ".html" and BUNDLED_NUMBER not in text:
            continue
        destination = target / page.relative_to(PAGES)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(text.replace(BUNDLED_NUMBER, number), encoding="utf-8")
        copied.append(destination)
    return copied


@pytest.fixture(scope="module", params=list(LICENCES))
def rendered(request: pytest.FixtureRequest, chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """One gate run over every fixture page (one browser), for one licence."""
    number = request.param
    folder = tmp_path_factory.mktemp("rendered")
    copy_pages(folder, number)
    manifest = folder / "licencecheck.yaml"
    manifest.write_text(
        f"licence: {number}\nrelease_date: 2026-06-01\nrender: true\npages: ['fail/*.html', 'pass/*.html']\n",
        encoding="utf-8",
    )
    code, report, stderr = run_gate(str(manifest), "--licence", str(LICENCES[number]))
    pages = {
        Path(f["data"]["page"]).relative_to(folder).as_posix(): f for f in report["findings"] if "page" in f["data"]
    }
    return code, report, stderr, pages, folder


def expected(page: str) -> str:
    match = EXPECT.search((PAGES / page).read_text(encoding="utf-8"))
    assert match is not None, page
    return html.unescape(match.group(1))


@pytest.mark.parametrize("page", sorted(p.relative_to(PAGES).as_posix() for p in PAGES.glob("pass/*.html")))
def test_a_page_that_shows_the_number_passes(rendered: Any, page: str) -> None:
    _, _, _, pages, _ = rendered
    if page not in pages:
        pytest.skip("the number is split in this page: checked for the bundled licence only")
    finding = pages[page]
    assert finding["verdict"] == "pass", finding["message"]
    assert finding["message"].endswith("on the rendered page")
    assert finding["data"]["rendered"] is True


@pytest.mark.parametrize("page", sorted(p.relative_to(PAGES).as_posix() for p in PAGES.glob("fail/*.html")))
def test_each_hiding_technique_fails_saying_how(rendered: Any, page: str) -> None:
    _, _, _, pages, _ = rendered
    if page not in pages:
        pytest.skip("the number is split in this page: checked for the bundled licence only")
    finding = pages[page]
    assert finding["verdict"] == "fail"
    assert "is not visible on the rendered page: " in finding["message"]
    assert expected(page) in finding["message"]
    assert finding["data"]["missing"]["licence-number"] is not None


def test_the_run_exits_1_and_notes_the_browser_and_the_blocked_host(rendered: Any) -> None:
    code, report, _, pages, folder = rendered
    assert code == 1 and report["ok"] is False
    assert any(n.startswith("Pages were rendered in Chromium ") for n in report["notes"])
    if "fail/external-script.html" not in pages:
        return
    blocked = f"{folder}/fail/external-script.html: blocked 1 request(s) to other hosts"
    assert any(n.startswith(blocked) and n.endswith("https://cdn.example.com/footer.js") for n in report["notes"])
