"""`gate --render` as a release engineer runs it: the single-page app example, evidence files,
adverts, pages that never load or navigate away, a busy network, outputs all or none, Ctrl-C."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from ..conftest import REPO
from ..test_report_envelope import SARIF_SCHEMA
from .test_rendered_pages import run_gate

SPA = REPO / "examples" / "spa"


@pytest.fixture
def spa(tmp_path: Path, chromium: Path) -> Path:
    target = tmp_path / "spa"
    shutil.copytree(SPA, target)
    return target / "licencecheck.yaml"


def pages(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {Path(f["data"]["page"]).name: f for f in report["findings"] if "page" in f["data"]}


def test_the_single_page_app_passes_rendered_and_fails_parsed(spa: Path) -> None:
    code, report, _ = run_gate(str(spa))
    assert code == 0 and report["ok"] is True
    assert pages(report)["index.html"]["message"].endswith("shows 渝B2-20210467 on the rendered page")
    spa.write_text(spa.read_text(encoding="utf-8").replace("render: true", "render: false"), encoding="utf-8")
    code, report, _ = run_gate(str(spa))
    assert code == 1
    assert "it appears only at line" not in pages(report)["index.html"]["message"]  # only in the bundle it fetches
    assert "licence-number 渝B2-20210467 is not in the visible text" in pages(report)["index.html"]["message"]


def test_evidence_is_a_screenshot_and_the_rendered_text_linked_from_json_and_sarif(spa: Path, tmp_path: Path) -> None:
    from PIL import Image

    evidence = tmp_path / "evidence"
    sarif = tmp_path / "gate.sarif"
    code, report, _ = run_gate(str(spa), "--evidence", str(evidence), "--format", "sarif", "--output", str(sarif))
    assert code == 0
    assert sorted(p.name for p in evidence.iterdir()) == [
        "ads__launch.html.png",
        "ads__launch.html.txt",
        "index.html.png",
        "index.html.txt",
    ]
    with Image.open(evidence / "index.html.png") as shot:
        assert shot.format == "PNG" and shot.width == 1280 and shot.height >= 600
        assert _has_outline(shot.convert("RGB"))
    assert "渝B2-20210467" in (evidence / "index.html.txt").read_text(encoding="utf-8")
    linked = pages(report)["index.html"]["data"]["evidence"]
    assert linked == {"screenshot": str(evidence / "index.html.png"), "text": str(evidence / "index.html.txt")}
    document = json.loads(sarif.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(document)
    results = document["runs"][0]["results"]
    attached = [a["artifactLocation"]["uri"] for r in results for a in r.get("attachments", [])]
    assert str(evidence / "index.html.png") in attached and str(evidence / "ads__launch.html.txt") in attached


def _has_outline(shot: Any) -> bool:
    """The green outline of a visible number (solid #008a00) is drawn somewhere."""
    data = shot.tobytes()
    return any(data[i : i + 3] == b"\x00\x8a\x00" for i in range(0, len(data), 3))


def test_an_advert_that_hides_the_company_name_fails_naming_it(spa: Path) -> None:
    advert = spa.parent / "ads" / "launch.html"
    text = advert.read_text(encoding="utf-8")
    advert.write_text(
        text.replace(
            '"广告主：重庆万象优车科技有限公司　',
            '"广告主：<span style=\\"font-size:4px\\">重庆万象优车科技有限公司</span>　',
        ).replace(".textContent =", ".innerHTML ="),
        encoding="utf-8",
    )
    code, report, _ = run_gate(str(spa))
    assert code == 1
    message = pages(report)["launch.html"]["message"]
    assert (
        "company-name 重庆万象优车科技有限公司 is not visible on the rendered page: font size 4px in <span>" in message
    )
    assert "licence-number" not in message


def write_site(folder: Path, manifest: str, files: dict[str, str]) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "licencecheck.yaml").write_text("release_date: 2026-06-01\nrender: true\n" + manifest, encoding="utf-8")
    return folder / "licencecheck.yaml"


def test_a_page_that_never_loads_or_navigates_away_could_not_be_checked(tmp_path: Path, chromium: Path) -> None:
    manifest = write_site(
        tmp_path / "site",
        "render_timeout: 2\npages: [busy.html, away.html, other.html]\n",
        {
            "busy.html": "<footer>渝B2-20210467</footer><script>while (true) {}</script>",
            "away.html": "<p>…</p><script>location.href = '/other.html'</script>",
            "other.html": "<footer>渝B2-20210467</footer>",
        },
    )
    code, report, stderr = run_gate(str(manifest))
    assert code == 2 and report["ok"] is False
    found = pages(report)
    assert found["busy.html"]["verdict"] == "error"
    assert found["busy.html"]["message"].endswith(
        "could not be checked: did not finish loading within 2 s (render_timeout)"
    )
    assert found["away.html"]["message"].endswith(
        "could not be checked: its scripts navigated away to /other.html; judge that page instead"
    )
    assert found["other.html"]["verdict"] == "pass"
    assert "did not finish loading within 2 s" in stderr


def test_a_script_that_never_yields_after_load_could_not_be_checked(tmp_path: Path, chromium: Path) -> None:
    manifest = write_site(
        tmp_path / "site",
        "render_timeout: 2\npages: [loop.html]\n",
        {
            "loop.html": "<footer>渝B2-20210467</footer>"
            "<script>addEventListener('load', () => setTimeout(() => { for (;;) {} }, 100))</script>",
        },
    )
    code, report, _ = run_gate(str(manifest))
    assert code == 2
    assert pages(report)["loop.html"]["message"].endswith(
        "could not be checked: its scripts kept the page busy: it could not be judged within 2 s (render_timeout)"
    )


def test_a_network_that_never_goes_idle_is_judged_when_time_is_up(tmp_path: Path, chromium: Path) -> None:
    manifest = write_site(
        tmp_path / "site",
        "render_timeout: 2\npages: [poll.html]\n",
        {
            "poll.html": "<footer>渝B2-20210467</footer><script>setInterval(() => fetch('poll.html'), 100)</script>",
        },
    )
    code, report, _ = run_gate(str(manifest))
    assert code == 0
    assert any(
        n.endswith("poll.html: the network was still busy after 2 s; judged as rendered then") for n in report["notes"]
    )


def test_evidence_never_replaces_a_file_the_pages_load(tmp_path: Path, chromium: Path) -> None:
    manifest = write_site(
        tmp_path / "site",
        "pages: [index.html]\n",
        {"index.html": '<footer>渝B2-20210467</footer><img src="index.html.png">', "index.html.png": "not a png"},
    )
    code, _, stderr = run_gate(str(manifest), "--evidence", str(tmp_path / "site"))
    assert code == 2
    assert "is also an input of this run" in stderr
    assert (tmp_path / "site" / "index.html.png").read_text(encoding="utf-8") == "not a png"


def test_a_failed_output_leaves_no_evidence(spa: Path, tmp_path: Path) -> None:
    evidence = tmp_path / "evidence"
    code, _, stderr = run_gate(str(spa), "--evidence", str(evidence), "--format", "sarif", "--output", str(tmp_path))
    assert code == 2
    assert "is a directory" in stderr
    assert not evidence.exists()


@pytest.mark.parametrize(
    ("sent", "code", "said"), [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")]
)
def test_a_signal_stops_the_browser_with_one_line(spa: Path, sent: int, code: int, said: str) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "licencecheck", "gate", str(spa), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.5)  # the browser is starting or rendering; not a timed assertion
    process.send_signal(sent)
    out, err = process.communicate(timeout=60)
    assert process.returncode == code, err
    assert err == f"licencecheck: {said}\n"
    assert out == ""
