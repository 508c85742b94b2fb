"""`--format html` for gate, deadlines, validity and show: one self-contained file (nothing
fetched), every finding with its basis, the timeline inline, hostile text escaped."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from .conftest import REPO, Invoke

COMMANDS = {
    "gate": ("gate", str(REPO / "examples" / "licencecheck.yaml")),
    "deadlines": ("deadlines", "--on", "2026-06-01"),
    "validity": ("validity", "--on", "2026-06-01"),
    "show": ("show", "--on", "2026-06-01"),
    "portfolio": (
        "deadlines",
        "--on",
        "2026-06-01",
        "--licence",
        str(REPO / "data" / "licence_yu_B2_20210467.yaml"),
        "--licence",
        str(REPO / "examples" / "licences" / "cross_regional_B1_B2.yaml"),
    ),
}


def html_of(cli: Invoke, tmp_path: Path, *args: str) -> tuple[int, str]:
    output = tmp_path / "report.html"
    run = cli(*args, "--format", "html", "--output", str(output))
    assert run.stdout == ""
    return run.exit_code, output.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_report_is_self_contained(cli: Invoke, tmp_path: Path, name: str) -> None:
    code, text = html_of(cli, tmp_path, *COMMANDS[name])
    assert code == 0
    tree = LexborHTMLParser(text)
    assert tree.css("script, link, iframe, object, embed, base") == []
    for node in tree.css("[src], [href]"):
        for attribute in ("src", "href"):
            value = node.attributes.get(attribute) or ""
            assert value == "" or value.startswith(("data:", "#")), value
    assert "url(" not in text and "@import" not in text
    assert tree.css_first("html").attributes["lang"] == "en"
    assert tree.css_first("style") is not None and "@page" in tree.css_first("style").text()


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_finding_is_a_row_with_its_verdict_in_words(cli: Invoke, tmp_path: Path, name: str) -> None:
    import json

    _, text = html_of(cli, tmp_path, *COMMANDS[name])
    report = json.loads(cli(*COMMANDS[name], "--format", "json").stdout)
    rows = LexborHTMLParser(text).css("tbody tr")
    assert len(rows) == len(report["findings"])
    words = {"pass": "pass", "warn": "warn", "fail": "fail", "error": "could not be checked"}
    for row, finding in zip(rows, report["findings"], strict=True):
        assert row.css_first("td.verdict").text().split(maxsplit=1)[1] == words[finding["verdict"]]
        assert row.css_first("td.message").text() == finding["message"]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_timeline_is_drawn_inline(cli: Invoke, tmp_path: Path, name: str) -> None:
    _, text = html_of(cli, tmp_path, *COMMANDS[name])
    svg = LexborHTMLParser(text).css_first("section.timeline svg")
    assert svg is not None
    assert "<?xml" not in text


def test_a_page_finding_quotes_the_clause_it_rests_on(cli: Invoke, tmp_path: Path) -> None:
    _, text = html_of(cli, tmp_path, *COMMANDS["gate"])
    row = next(r for r in LexborHTMLParser(text).css("tbody tr") if "examples/dist/index.html" in r.text())
    quote = row.css_first("blockquote").text()
    assert quote.startswith("特别规定事项 二 ")
    assert "显著位置标明经营许可证编号" in quote


def test_hostile_names_are_text_not_markup(cli: Invoke, tmp_path: Path) -> None:
    release = tmp_path / "release"
    shutil.copytree(REPO / "examples", release)
    hostile = "<img src=x onerror=alert(1)>.html"
    (release / "dist" / "index.html").rename(release / "dist" / hostile)
    manifest = release / "licencecheck.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("pages: [dist/index.html]", f"pages: ['dist/{hostile}']"),
        encoding="utf-8",
    )
    _, text = html_of(cli, tmp_path, "gate", str(manifest))
    tree = LexborHTMLParser(text)
    assert tree.css("script, img") == []
    assert any(hostile in node.text() for node in tree.css("td.subject"))


def test_html_is_offered_only_where_a_person_files_a_report(cli: Invoke) -> None:
    run = cli("scope", "maichetong.com.cn", "--format", "html")
    assert run.exit_code == 2
    assert "--format html is not offered here" in run.stderr
