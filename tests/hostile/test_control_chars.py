"""Family 12: control characters in file names, targets and terms never reach a terminal raw and
never make XML ill-formed."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.conftest import Invoke

from .helpers import copy_release

NASTY = "\x1b[31mred\x1b[0m\x07\x08"


def _release_with_nasty_page(tmp_path: Path) -> Path:
    release = copy_release(tmp_path)
    (release / "dist" / f"p{NASTY}.html").write_text("<p>no number here</p>", encoding="utf-8")
    manifest = release / "licencecheck.yaml"
    text = manifest.read_text(encoding="utf-8").replace("pages: [dist/index.html]", "pages: ['dist/p*.html']")
    manifest.write_text(text, encoding="utf-8")
    return manifest


@pytest.mark.parametrize("fmt", ["text", "junit", "github", "json", "sarif"])
def test_a_file_name_with_escapes_is_shown_not_obeyed(fmt: str, tmp_path: Path, cli: Invoke) -> None:
    run = cli("gate", str(_release_with_nasty_page(tmp_path)), "--format", fmt)
    assert run.exit_code == 1
    assert "\x1b" not in run.stdout and "\x07" not in run.stdout
    if fmt == "junit":
        root = ElementTree.fromstring(run.stdout)  # well-formed XML
        assert any("\\x1b[31mred" in (case.get("name") or "") for case in root.iter("testcase"))
    if fmt == "json":  # JSON escapes control characters itself: the data keeps the name exactly
        assert any(NASTY in finding["subject"] for finding in json.loads(run.stdout)["findings"])
    if fmt == "sarif":
        results = json.loads(run.stdout)["runs"][0]["results"]
        assert any(NASTY in result["properties"]["subject"] for result in results)
    if fmt in {"text", "github"}:
        assert "\\x1b[31mred" in run.stdout


def test_error_lines_show_escapes(cli: Invoke) -> None:
    run = cli("show", "--licence", f"/nonexistent/{NASTY}.yaml")
    assert run.exit_code == 2
    assert "\x1b" not in run.stderr and "\\x1b[31mred" in run.stderr


def test_a_term_with_escapes(cli: Invoke) -> None:
    run = cli("business", f"e-commerce{NASTY}", "--on", "2026-06-01")
    assert run.exit_code == 2
    assert "\x1b" not in run.stdout + run.stderr
