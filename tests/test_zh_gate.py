"""The release gate in Chinese: page findings (parsed and rendered), retention, records, notes and
manifest errors read as whole Chinese sentences, while CSS, selectors, ids and numbers stay as
they are; the English words stay byte for byte what they were."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from licencecheck import i18n
from licencecheck.checks import rendered
from licencecheck.checks.pages import STATIC_NOTE, find_missing, page_text
from tests.conftest import REPO, Invoke
from tests.test_zh_output import english_sentences

GATE = str(REPO / "examples" / "licencecheck.yaml")
NUMBER = "渝B2-20210467"
COMPANY = "重庆万象优车科技有限公司"


@pytest.fixture
def zh() -> None:
    i18n.activate("zh")


def _manifest(folder: Path, body: str) -> str:
    (folder / "ads").mkdir()
    (folder / "index.html").write_text(f"<html><body>\n<!-- {NUMBER} -->\n<p>x</p></body></html>", encoding="utf-8")
    (folder / "ads" / "a.html").write_text(
        f'<html><body>\n<img alt="{COMPANY}">\n<span style="display:none">{NUMBER}</span></body></html>',
        encoding="utf-8",
    )
    manifest = folder / "licencecheck.yaml"
    manifest.write_text(f"licence: {NUMBER}\nrelease_date: 2026-06-01\n{body}", encoding="utf-8")
    return str(manifest)


def _messages(cli: Invoke, *args: str) -> list[str]:
    result = cli("--lang", "zh", "gate", *args, "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    return [finding["message"] for finding in json.loads(result.stdout)["findings"]]


def test_the_example_gate_reads_in_chinese(cli: Invoke) -> None:
    result = cli("--lang", "zh", "gate", GATE)
    assert result.stdout.startswith(f"{NUMBER}的发布检查（检查日：2026年6月1日）")
    messages = _messages(cli, GATE)
    assert any(m.endswith(f"examples/dist/index.html 的可见文本中显示了{NUMBER}") for m in messages)
    assert any(m.endswith(f"examples/dist/ads/spring.html 的可见文本中显示了{COMPANY}和{NUMBER}") for m in messages)
    assert "保存400天，达到最低要求（保存时间不得少于一年：1年，自2026年6月1日起算为365天）" in messages
    assert f"根据 compliance/records.yaml，{NUMBER}截至2026年6月1日没有逾期未办的义务" in messages
    assert "说明：页面仅按 HTML 静态解析，未应用样式表、未执行脚本" in result.stdout


def test_failing_pages_and_retention_read_in_chinese(cli: Invoke, tmp_path: Path) -> None:
    manifest = _manifest(
        tmp_path,
        "pages: [index.html, {path: index.html, site: example.org}]\nadverts: ['ads/*.html']\n"
        "data_retention_days: 100\nretention: {transactions: 30}\n",
    )
    messages = _messages(cli, manifest)
    page = tmp_path / "index.html"
    assert (
        f"{page}：许可证编号“{NUMBER}”不在可见文本中（仅出现在第2行的注释中，该处不可见）"
        "（义务：在公司主要经营场所、网站主页、业务宣传手册等显著位置标明经营许可证编号）"
    ) in messages
    advert = next(m for m in messages if m.startswith(str(tmp_path / "ads" / "a.html")))
    assert f"公司名称“{COMPANY}”不在可见文本中（仅出现在第2行的<img> 的 alt 属性中，该处不可见）；" in advert
    assert "仅出现在第3行的<span style='display:none'>中" in advert
    assert f"pages[1] 的网站 example.org 未列入许可证{NUMBER}：没有任何许可证覆盖该网站" in messages
    assert "保存100天，低于最低要求（保存时间不得少于一年：1年，自2026年6月1日起算为365天）" in messages
    assert any(m.startswith("transactions：保存30天，低于最严格的最低要求（") for m in messages)
    assert any(m.startswith("未声明 logs 的保存天数，无法确认是否达到最低要求（") for m in messages)
    for fmt in ("text", "github", "json"):
        out = cli("--lang", "zh", "gate", manifest, "--format", fmt).stdout
        text = "\n".join(json.loads(out)["notes"] + messages) if fmt == "json" else out
        words = english_sentences(re.sub(r"<[^<>]*>", " ", text))  # markup (`<span style=…>`) stays as it is
        assert not words, words[:5]


def test_the_same_run_in_english_is_unchanged(cli: Invoke, tmp_path: Path) -> None:
    manifest = _manifest(tmp_path, "pages: [index.html]\ndata_retention_days: 100\n")
    result = cli("gate", manifest, "--format", "json")
    messages = [f["message"] for f in json.loads(result.stdout)["findings"]]
    page = tmp_path / "index.html"
    assert (
        f"{page}: licence-number {NUMBER} is not in the visible text (it appears only at line 2, in a comment, "
        "which is not visible) (在公司主要经营场所、网站主页、业务宣传手册等显著位置标明经营许可证编号)"
    ) in messages
    assert "100 days is below the minimum (保存时间不得少于一年: 1 years, 365 days counted from 2026-06-01)" in messages
    assert json.loads(result.stdout)["notes"] == [STATIC_NOTE]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["pages: [nope.html]"], "：pages[0] 'nope.html'：找不到页面文件"),
        (["pages: ['x/*.html']"], "：pages[0] 'x/*.html'：没有匹配的文件"),
        (["licence: X", "domains: [a.com]"], "：清单文件针对的是许可证X，但当前使用的许可证是渝B2-20210467"),
        (["regions: [北京]", "domains: [a.com]"], "：regions 要对照 services 检查，但没有声明任何 services"),
    ],
)
def test_manifest_errors_read_in_chinese(cli: Invoke, tmp_path: Path, args: list[str], says: str) -> None:
    manifest = tmp_path / "licencecheck.yaml"
    manifest.write_text("\n".join(args) + "\n", encoding="utf-8")
    result = cli("--lang", "zh", "gate", str(manifest))
    assert result.exit_code == 2
    assert says in result.stderr, result.stderr
    assert not english_sentences(result.stderr), result.stderr


def test_an_evidence_option_without_render_says_so_in_chinese(cli: Invoke) -> None:
    result = cli("--lang", "zh", "gate", GATE, "--evidence", "ev")
    assert result.stderr.strip() == (
        "licencecheck：错误：--evidence 只用于浏览器渲染页面：请加上 --render（或在清单文件中写 render: true）"
    )


def _style(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "element": "<p>",
        "display": None,
        "contentVisibility": None,
        "visibility": None,
        "closedDetails": None,
        "fontPx": 16.0,
        "fontWeight": 400,
        "textAlpha": 1.0,
        "opacity": 1.0,
        "opacityOn": None,
        "fill": "rgb(204, 204, 204)",
        "background": "rgb(255, 255, 255)",
        "effects": [],
    }
    return base | overrides


@pytest.mark.parametrize(
    ("style", "english", "chinese"),
    [
        (
            {"display": '<footer class="icp">'},
            'display: none on <footer class="icp">',
            '<footer class="icp"> 设置了 display: none',
        ),
        (
            {"display": "<footer> (hidden attribute)"},
            "display: none on <footer> (hidden attribute)",
            "带 hidden 属性的 <footer> 设置了 display: none",
        ),
        (
            {"visibility": '<footer class="x"> (visibility: hidden)'},
            'hidden by <footer class="x"> (visibility: hidden)',
            '<footer class="x"> 设置了 visibility: hidden',
        ),
        (
            {"fontPx": 6.0, "element": "<small>"},
            "font size 6px in <small>, below 10px",
            "<small> 中的字号为6px，小于10px",
        ),
        (
            {"textAlpha": 0.0, "opacity": 0.0, "opacityOn": '<footer class="fade"> (opacity: 0)', "element": "<span>"},
            'transparent in <span> (<footer class="fade"> (opacity: 0))',
            '在 <span> 中是透明的（<footer class="fade"> 设置了 opacity: 0）',
        ),
    ],
)
def test_how_a_rendered_number_is_hidden(style: dict[str, Any], english: str, chinese: str) -> None:
    measured = {"styles": [_style(**style)], "boxes": [{"x": 0, "y": 0, "width": 10, "height": 10}]}
    assert rendered.hidden_by_style(measured) == english
    i18n.activate("zh")
    assert rendered.hidden_by_style(measured) == chinese


def test_contrast_and_clipping_keep_numbers_and_css(zh: None) -> None:
    measured = {"styles": [_style()], "covered": None}
    assert rendered.judge_pixels(measured, 100, 1.61) == (
        "与背景的对比度为1.61:1（rgb(204, 204, 204) 在 rgb(255, 255, 255) 上），低于4.5:1（WCAG 2.2 SC 1.4.3）"
    )
    clip = '<span class="sr-only"> (clip: rect(0px, 0px, 0px, 0px), a 1×1 px box)'
    assert rendered._clipped(clip) == '被 <span class="sr-only"> 裁剪（clip: rect(0px, 0px, 0px, 0px)，1×1 px 的区域）'
    i18n.activate("en")
    assert rendered._clipped(clip) == f"clipped by {clip}"


def test_where_a_static_page_hides_the_number(zh: None) -> None:
    page = page_text(f"<p>\n<!-- {NUMBER} -->\n<details><summary>s</summary>{COMPANY}</details></p>")
    found = find_missing(page, {"licence-number": NUMBER, "company-name": COMPANY})
    assert found == {"licence-number": "第2行的注释中", "company-name": "第3行的未展开的 <details>中"}
