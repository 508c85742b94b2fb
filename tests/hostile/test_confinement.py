"""Family 10: pages are confined to the manifest's folder, after links, `..` and absolute paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Invoke

from .helpers import copy_release, one_error_line

GOOD_PAGE = "<p>增值电信业务经营许可证：渝B2-20210467 重庆万象优车科技有限公司</p>"


def _with_pages(release: Path, pages: str) -> Path:
    manifest = release / "licencecheck.yaml"
    text = manifest.read_text(encoding="utf-8").replace("pages: [dist/index.html]", f"pages: {pages}")
    manifest.write_text(text, encoding="utf-8")
    return manifest


@pytest.mark.parametrize("spelling", ["relative", "absolute", "glob", "symlink", "symlinked-folder"])
def test_a_page_outside_the_manifest_folder_is_refused(spelling: str, tmp_path: Path, cli: Invoke) -> None:
    release = copy_release(tmp_path)
    outside = tmp_path / "outside.html"
    outside.write_text(GOOD_PAGE, encoding="utf-8")  # it would pass: it must not be read at all
    if spelling == "symlink":
        (release / "dist" / "link.html").symlink_to(outside)
    if spelling == "symlinked-folder":
        (release / "dist" / "elsewhere").symlink_to(tmp_path)
    pages = {
        "relative": "[../outside.html]",
        "absolute": f"['{outside}']",
        "glob": "['../*.html']",
        "symlink": "[dist/link.html]",
        "symlinked-folder": "['dist/elsewhere/*.html']",
    }[spelling]
    run = cli("gate", str(_with_pages(release, pages)))
    assert run.exit_code == 2, run.stdout
    line = one_error_line(run.stderr)
    assert "outside the manifest's folder" in line and "licencecheck.yaml:" in line


def test_links_inside_the_folder_are_fine(tmp_path: Path, cli: Invoke) -> None:
    release = copy_release(tmp_path)
    (release / "dist" / "home.html").symlink_to(release / "dist" / "index.html")
    run = cli("gate", str(_with_pages(release, "[dist/home.html, ./dist/../dist/index.html]")))
    assert run.exit_code == 0, run.stdout + run.stderr
