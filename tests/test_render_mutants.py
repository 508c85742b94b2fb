"""What a user sees from the four text helpers mutation testing found weakly held: wrapping
(render/fit.py), the width and colour choices (render/terminal.py), the GitHub step summary
(render/step_summary.py) and the HTML report (render/html_report.py).

Every expectation is exact: the wrapped lines, the width, the Markdown lines, the HTML text."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from rich.text import Text
from selectolax.lexbor import LexborHTMLParser, LexborNode

from licencecheck.datafiles import load_licence
from licencecheck.errors import LicenceCheckError
from licencecheck.render import terminal
from licencecheck.render.fit import Column, Sheet, blocks, hanging, wrap_lines
from licencecheck.render.html_report import render_html
from licencecheck.render.step_summary import render_step_summary
from licencecheck.report import Finding, Report, Verdict
from tests.conftest import REPO

YU = "渝B2-20210467"
B1B2 = "B1.B2-20180352"

# --- fit: lines that break between words and CJK characters, never inside a token ------------


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        pytest.param(
            "许可证编号 渝B2-20210467 有效期至 2026-10-20 网址 https://www.maichetong.com.cn/about",
            20,
            ["许可证编号", "渝B2-20210467 有效期", "至 2026-10-20 网址", "https://www.maichetong.com.cn/about"],
            id="number-date-url",
        ),
        pytest.param(
            "你公司应当公布（经营许可证编号）。第二十七条规定，详见《办法》",
            16,
            ["你公司应当公布", "（经营许可证编", "号）。第二十七条", "规定，详见《办", "法》"],
            id="full-width-punctuation",
        ),
        pytest.param("B1.B2-20180352、渝B2-20210467", 10, ["B1.B2-20180352、", "渝B2-20210467"], id="two-numbers"),
        pytest.param(
            "see https://example.com/a/very/long/path/that/is/wider/than/the/line ok",
            12,
            ["see", "https://example.com/a/very/long/path/that/is/wider/than/the/line", "ok"],
            id="word-longer-than-the-width",
        ),
        pytest.param("第十五条第二十七款", 6, ["第十五", "条第", "二十七", "款"], id="chinese-numerals"),
    ],
)
def test_wrapped_lines_keep_tokens_whole(text: str, width: int, lines: list[str]) -> None:
    assert wrap_lines(text, width) == lines


def test_later_lines_are_indented_only_when_asked() -> None:
    text = "许可证编号 渝B2-20210467 有效期至 2026-10-20"
    assert wrap_lines(text, 20) == ["许可证编号", "渝B2-20210467 有效期", "至 2026-10-20"]
    assert wrap_lines(text, 20, indent=4) == ["许可证编号", "    渝B2-20210467 有", "    效期至", "    2026-10-20"]


def test_a_hanging_text_starts_beside_its_label_and_continues_at_the_indent() -> None:
    lines = hanging("label: ", "alpha beta gamma delta epsilon zeta", 20, 4)
    assert [line.plain for line in lines] == ["label: alpha beta", "    gamma delta", "    epsilon zeta"]
    lines = hanging("a-long-label: ", "alpha beta gamma delta epsilon", 20, 2)
    assert [line.plain for line in lines] == ["a-long-label: alpha", "  beta gamma delta", "  epsilon"]


def plain_blocks(sheet: Sheet, width: int) -> list[str]:
    drawn = blocks(sheet, width)
    lines = [line.plain for line in drawn if isinstance(line, Text)]
    assert len(lines) == len(drawn)
    return lines


@pytest.mark.parametrize(
    ("code", "lines"),
    [
        ("ABCDEFGHIJKL", ["ABCDEFGHIJKL", "              status: ok"]),  # 12 wide: indented under it
        ("ABCDEFGHIJKLM", ["ABCDEFGHIJKLM", "    status: ok"]),  # 13 wide: a long lead, indent 4
    ],
)
def test_a_block_indents_under_a_short_lead_and_by_four_under_a_long_one(code: str, lines: list[str]) -> None:
    sheet = Sheet([Column("code", role="head"), Column("status")])
    sheet.add_row(code, "ok")
    assert plain_blocks(sheet, 60) == lines


def test_without_a_head_column_the_first_column_heads_the_block() -> None:
    sheet = Sheet([Column("code"), Column("name")])
    sheet.add_row("B21", "在线数据处理与交易处理业务")
    assert plain_blocks(sheet, 60) == ["B21", "     name: 在线数据处理与交易处理业务"]


def test_a_long_field_label_wraps_its_value_at_width_less_24() -> None:
    sheet = Sheet([Column("id", role="head"), Column("responsible department")])
    sheet.add_row("B21", "the network and information security office of the ministry")
    assert plain_blocks(sheet, 40) == [
        "B21",
        "     responsible department: the network",
        "                and information security",
        "                office of the ministry",
    ]


def coloured(lines: list[Any]) -> str:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, color_system="standard", width=60, highlight=False)
    for line in lines:
        console.print(line)
    return out.getvalue()


def test_a_head_cell_is_one_line_and_keeps_its_style() -> None:
    sheet = Sheet([Column("code", role="head")])
    sheet.add_row(Text("PASS\nnow", style="bold"))
    sheet.add_row("WARN\nlater")
    sheet.add_row(Text.assemble(("FAIL", "red"), " today"))
    drawn = blocks(sheet, 60)
    assert [line.plain for line in drawn if isinstance(line, Text)] == ["PASS now", "WARN later", "FAIL today"]
    assert coloured(drawn) == "\x1b[1mPASS now\x1b[0m\nWARN later\n\x1b[31mFAIL\x1b[0m today\n"


def test_head_cells_beside_each_other_are_one_line_each() -> None:
    sheet = Sheet([Column("code", role="head"), Column("note", role="head")])
    sheet.add_row("B21", "a\nb")
    assert plain_blocks(sheet, 60) == ["B21  a b"]


# --- terminal: the width and whether colour is allowed ------------------------------------------


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    for name in ("COLUMNS", "NO_COLOR", "CLICOLOR", "TERM", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    terminal.reset()
    yield monkeypatch
    terminal.reset()


@pytest.mark.parametrize(
    ("columns", "width"),
    [
        ("80", 80),
        (" 80 ", 80),
        ("0", 100),
        ("-5", 100),
        ("", 100),
        ("八十", 100),
        ("١٢٠", 100),
        ("+80", 100),
        ("8.5", 100),
    ],
)
def test_columns_sets_the_width_only_as_a_positive_whole_number(
    clean_env: pytest.MonkeyPatch, columns: str, width: int
) -> None:
    clean_env.setenv("COLUMNS", columns)
    assert terminal.text_width(io.StringIO()) == width


@pytest.mark.parametrize(
    ("variable", "value", "allowed"),
    [
        ("NO_COLOR", "1", False),
        ("NO_COLOR", "", True),
        ("CLICOLOR", "0", False),
        ("CLICOLOR", " 0 ", False),
        ("CLICOLOR", "1", True),
        ("TERM", "dumb", False),
        ("TERM", " DUMB ", False),
        ("TERM", "xterm-256color", True),
    ],
)
def test_colour_on_a_terminal_per_environment_variable(
    clean_env: pytest.MonkeyPatch, variable: str, value: str, allowed: bool
) -> None:
    clean_env.setenv(variable, value)
    assert terminal.wants_colour(_Tty()) is allowed


def test_force_color_colours_a_pipe_but_never_against_a_refusal(clean_env: pytest.MonkeyPatch) -> None:
    assert terminal.wants_colour(io.StringIO()) is False
    clean_env.setenv("FORCE_COLOR", "1")
    assert terminal.wants_colour(io.StringIO()) is True
    terminal.CHOICES.no_colour = True  # --no-color
    assert terminal.wants_colour(io.StringIO()) is False
    terminal.reset()
    with terminal.rendering_for_file(True):
        assert terminal.wants_colour(_Tty()) is False
    assert terminal.wants_colour(_Tty()) is True


# --- step summary: the Markdown GitHub shows on the job page ------------------------------------


def summary_report(*, strict: bool = False) -> Report:
    report = Report(command="gate", licence_number=YU, on=date(2026, 6, 1), strict=strict)
    report.add(Finding("scope", "www.maichetong.com.cn", Verdict.PASS, "covered", "附页"))
    report.add(Finding("validity", YU, Verdict.WARN, 'ends in 90 days, say "renew" & it\'s done', "正文"))
    report.add(Finding("pages", "dist/a|<b>.html", Verdict.FAIL, "number missing\r\nsee the page", "二"))
    report.add(Finding("business", "火星快递", Verdict.ERROR, "unknown\nservice", "-"))
    report.notes.append("a note, then spaces ")
    return report


def test_the_step_summary_escapes_markup_and_keeps_each_finding_on_one_row() -> None:
    assert render_step_summary(summary_report()) == (
        f"### licencecheck gate: failed ({YU})\n"
        "\n"
        "1 passed, 1 warned, 1 failed, 1 could not be checked\n"
        "\n"
        "| verdict | subject | finding | clause |\n"
        "| --- | --- | --- | --- |\n"
        f'| ⚠️ warn | {YU} | ends in 90 days, say "renew" &amp; it\'s done | 正文 |\n'
        "| ❌ fail | dist/a\\|&lt;b&gt;.html | number missing<br>see the page | 二 |\n"
        "| ⛔ error | 火星快递 | unknown<br>service | - |\n"
        "\n"
        "> note: a note, then spaces \n"
        "\n"
    )


def test_a_strict_step_summary_says_which_warnings_fail() -> None:
    lines = render_step_summary(summary_report(strict=True)).splitlines()
    assert lines[2] == "1 passed, 1 warned, 1 failed, 1 could not be checked (strict: warnings fail)"
    assert lines[6].startswith("| ⚠️ warn (fails: strict) | ")
    assert lines[7].startswith("| ❌ fail | ")


def test_a_passing_step_summary_has_no_table() -> None:
    report = Report(command="validity", licence_number=B1B2, on=date(2026, 6, 1))
    report.add(Finding("validity", B1B2, Verdict.PASS, "in force", "正文"))
    report.add(Finding("validity", B1B2, Verdict.WARN, "renew soon", "十三"))
    assert render_step_summary(report) == (
        f"### licencecheck validity: passed ({B1B2})\n"
        "\n"
        "1 passed, 1 warned, 0 failed, 0 could not be checked\n"
        "\n"
        "| verdict | subject | finding | clause |\n"
        "| --- | --- | --- | --- |\n"
        f"| ⚠️ warn | {B1B2} | renew soon | 十三 |\n"
        "\n"
    )
    report.findings.pop()
    assert render_step_summary(report) == (
        f"### licencecheck validity: passed ({B1B2})\n\n1 passed, 0 warned, 0 failed, 0 could not be checked\n\n"
    )


def test_the_last_note_is_kept_to_its_last_character() -> None:
    report = Report(command="validity", licence_number=YU, on=date(2026, 6, 1))
    report.add(Finding("validity", YU, Verdict.PASS, "in force", "正文"))
    report.notes += ["pages read: dist/INDEX", "see ticket LIC-X"]
    assert render_step_summary(report).endswith("\n> note: pages read: dist/INDEX\n> note: see ticket LIC-X\n\n")


# --- html report: the page a reviewer opens ---------------------------------------------------


def html_tree(report: Report) -> LexborHTMLParser:
    return LexborHTMLParser(render_html(report))


def texts(tree: LexborHTMLParser, selector: str) -> list[str]:
    return [" ".join(node.text().split()) for node in tree.css(selector)]


def node(tree: LexborHTMLParser | LexborNode, selector: str) -> LexborNode:
    found = tree.css_first(selector)
    assert found is not None, selector
    return found


def test_each_verdict_in_words_and_symbol_with_its_location() -> None:
    report = Report(command="gate", licence_number=YU, on=None)
    report.add(Finding("scope", "a.example", Verdict.PASS, "covered", "附页"))
    report.add(Finding("validity", YU, Verdict.WARN, "ends soon", "正文"))
    report.add(Finding("pages", "dist/<i>.html", Verdict.FAIL, "missing", "二"))
    located = {"location": {"file": "release/licencecheck.yaml", "line": 7, "column": 3}}
    report.add(Finding("business", "火星快递", Verdict.ERROR, "unknown", "-", located))
    tree = html_tree(report)
    assert texts(tree, "td.verdict") == ["✔ pass", "! warn", "✘ fail", "? could not be checked"]
    assert texts(tree, "td.subject > span.token") == ["a.example", YU, "dist/<i>.html", "火星快递"]
    assert texts(tree, "td.subject small.token") == ["release/licencecheck.yaml:7"]


def test_facts_show_the_day_the_generation_time_and_the_manifest_only_when_known() -> None:
    report = Report(command="gate", licence_number=YU, on=None)
    report.add(Finding("scope", "a.example", Verdict.PASS, "covered", "附页"))
    assert texts(html_tree(report), "dl.facts dt") == ["Licence"]
    report.on, report.started_at = date(2026, 6, 1), datetime(2026, 6, 1, 1, 2, 3, tzinfo=UTC)
    report.extra["manifest"] = "release/licencecheck.yaml"
    tree = html_tree(report)
    assert texts(tree, "dl.facts dt") == ["Licence", "Day checked", "Generated", "Manifest"]
    assert texts(tree, "dl.facts dd") == [YU, "2026-06-01", "2026-06-01 01:02 UTC", "release/licencecheck.yaml"]


@pytest.mark.parametrize(("licences", "shown"), [((YU,), []), ((YU, B1B2), [B1B2]), ((YU, B1B2, "京B2-1"), [B1B2])])
def test_a_finding_names_its_licence_when_the_run_had_several(licences: tuple[str, ...], shown: list[str]) -> None:
    report = Report(command="validity", licence_number=", ".join(licences), on=date(2026, 6, 1), licences=licences)
    report.add(Finding("validity", "in force", Verdict.PASS, "in force", "正文", licence=B1B2))
    assert texts(html_tree(report), "td.subject small") == shown


def quotes_of(tree: LexborHTMLParser) -> list[list[tuple[str, str]]]:
    rows = []
    for row in tree.css("tbody tr"):
        quotes = []
        for quote in row.css("blockquote"):
            label = node(quote, "span.label").text()
            quotes.append((label, quote.text()[len(label) + 1 :]))
        rows.append(quotes)
    return rows


def test_each_named_provision_is_quoted_from_the_finding_s_licence() -> None:
    yu, b1b2 = load_licence(), load_licence(REPO / "examples" / "licences" / "cross_regional_B1_B2.yaml")
    assert yu.provision("十二").text != b1b2.provision("十二").text
    report = Report(command="gate", licence_number=f"{YU}, {B1B2}", on=date(2026, 6, 1), licences=(YU, B1B2))
    report.context["licences"] = (yu, b1b2)
    report.add(Finding("pages", "a", Verdict.FAIL, "m", "十二", licence=B1B2))
    report.add(Finding("pages", "b", Verdict.FAIL, "m", "二、十五(三)"))  # no licence: the first one
    report.add(Finding("pages", "c", Verdict.FAIL, "m", "二; 十六(四)", licence=YU))
    report.add(Finding("pages", "d", Verdict.FAIL, "m", "十九、二、二", licence=YU))  # 十九: not in the licence
    tree = html_tree(report)
    assert texts(tree, "span.clause") == ["十二", "二、十五(三)", "二; 十六(四)", "十九、二、二"]
    assert quotes_of(tree) == [
        [("特别规定事项 十二", b1b2.provision("十二").text)],
        [("特别规定事项 二", yu.provision("二").text), ("特别规定事项 十五(三)", yu.provision("十五(三)").text)],
        [("特别规定事项 二", yu.provision("二").text), ("特别规定事项 十六(四)", yu.provision("十六(四)").text)],
        [("特别规定事项 二", yu.provision("二").text)],
    ]


def test_a_timeline_report_draws_itself() -> None:
    from licencecheck.checks.deadlines import DeadlinesRequest, run_timeline

    report = run_timeline(DeadlinesRequest(on="2026-09-30"))
    assert report.command == "timeline" and "timeline" not in report.context
    tree = html_tree(report)
    assert len(tree.css("section.timeline figure > svg")) == 1


def test_a_timeline_that_cannot_be_drawn_is_a_note() -> None:
    def refuse() -> Report:
        raise LicenceCheckError("no dates to draw")

    timeline: Callable[[], Report] = refuse
    report = Report(command="validity", licence_number=YU, on=date(2026, 6, 1))
    report.context["timeline"] = timeline
    report.add(Finding("validity", YU, Verdict.PASS, "in force", "正文"))
    tree = html_tree(report)
    assert tree.css("section.timeline") == []
    assert texts(tree, "section.notes li") == ["the timeline is not drawn: no dates to draw"]


def test_evidence_shows_each_page_once_with_its_verdicts_and_screenshot() -> None:
    png = b"\x89PNG\r\n\x1a\n"
    report = Report(command="gate", licence_number=YU, on=date(2026, 6, 1))
    report.context["files"] = [(Path("evidence/index.png"), png), (Path("evidence/index.txt"), "text\n")]
    index = {"evidence": {"screenshot": "evidence/index.png", "text": "evidence/index.txt"}}
    report.add(Finding("scope", "www.maichetong.com.cn", Verdict.PASS, "covered", "附页"))  # no page, no evidence
    report.add(Finding("pages", "dist/index.html", Verdict.PASS, "number shown", "二", index))
    report.add(Finding("contrast", "dist/index.html", Verdict.WARN, "faint", "二", index))
    report.add(Finding("pages", "dist/about.html", Verdict.ERROR, "timed out", "二", {"evidence": {"screenshot": "x"}}))
    tree = html_tree(report)
    assert texts(tree, "section.evidence figcaption") == [
        "dist/index.html · pages: pass, contrast: warn · rendered text: evidence/index.txt",
        "dist/about.html · pages: could not be checked",
    ]
    figures = tree.css("section.evidence figure")
    assert node(figures[0], "img").attributes["src"] == "data:image/png;base64,iVBORw0KGgo="
    assert figures[1].css("img") == []
