"""Pages a browser hides never pass the visible-text checks (clause 二, 十六(四)); pages it shows do.

Each hiding technique by hand, then property tests over fragments built from a small grammar:
the number only in hidden contexts never passes, the number in visible wrappers always passes,
and nothing (text, bytes, tag soup) crashes the page reader. Then the gate, end to end.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from licencecheck.checks.pages import STATIC_NOTE, declarations, find_missing, fold, page_text
from tests.conftest import REPO, Invoke

EXAMPLE = REPO / "examples"

NUMBER = "渝B2-20210467"
NAME = "重庆万象优车科技有限公司"
LABEL = "licence-number"
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def where(html: str) -> str | None:
    """find_missing's answer for the number: '' if visible, else where it is hidden (or None)."""
    return find_missing(page_text(html), {LABEL: NUMBER}).get(LABEL, "")


def shown(html: str) -> bool:
    return where(html) == ""


# --- each hiding technique -------------------------------------------------------------------

HIDDEN = [
    ("<!-- 渝B2-20210467 -->", "a comment"),
    ("<p>ok</p>\n<!-- 渝B2-20210467 <p>all of this is in the comment</p>", "line 2, in a comment"),
    ("<p>ok</p>\n<?php echo '渝B2-20210467' ?>", "in a comment"),
    ("<p>ok<![CDATA[渝B2-20210467]]></p>", "in a comment"),
    ('<p>ok</p>\n\n<div title="unterminated>渝B2-20210467</div>', "line 3, in markup a browser does not show"),
    ("<p>ok</p><span 渝B2-20210467", "in markup a browser does not show"),
    ("<p>ok</p></p 渝B2-20210467>", "in markup a browser does not show"),
    ('<span style="display:none"/>渝B2-20210467</span>', "in <span style='display:none'>"),
    ('<div style="display:none"/><p>渝B2-20210467</p>', "in <div style='display:none'>"),
    ("<script>var n = '渝B2-20210467';</script>", "in <script>"),
    ("<script>document.write('<p>渝B2-20210467</p>')", "in <script>"),
    ("<style>.x::after { content: '渝B2-20210467' }</style>", "in <style>"),
    ("<template><p>渝B2-20210467</p></template>", "in <template>"),
    ("<div><template><template><b>渝B2-20210467</b></template></template></div>", "in <template>"),
    ("<noscript><p>渝B2-20210467</p></noscript>", "in <noscript>"),
    ("<body><noscript>渝B2-20210467", "in <noscript>"),
    ("<title>渝B2-20210467</title><p>ok</p>", "in <title>"),
    ("<p>ok <title>渝B2-20210467</title></p>", "in <title>"),
    ("<p>ok</p><title>渝B2-20210467", "in <title>"),
    ("<iframe>渝B2-20210467</iframe>", "in <iframe>"),
    ("<object data=x.svg><p>渝B2-20210467</p></object>", "in <object>"),
    ("<video src=a.mp4>渝B2-20210467</video>", "in <video>"),
    ("<canvas>渝B2-20210467</canvas>", "in <canvas>"),
    ("<noembed>渝B2-20210467</noembed>", "in <noembed>"),
    ("<datalist><option>渝B2-20210467</option></datalist>", "in <datalist>"),
    ("<ruby>渝<rp>渝B2-20210467</rp></ruby>", "in <rp>"),
    ("<svg><desc>渝B2-20210467</desc></svg>", "in <desc>"),
    ("<svg><title>渝B2-20210467</title></svg>", "in <title>"),
    ('<img src="a.png" alt="渝B2-20210467">', "in the alt attribute of <img>"),
    ('<a href="#" title="渝B2-20210467">许可证</a>', "in the title attribute of <a>"),
    ('<meta name="licence" content="渝B2-20210467">', "in the content attribute of <meta>"),
    ('<input type="hidden" name="n" value="渝B2-20210467">', "in the value attribute of <input>"),
    ('<input type="text" value="渝B2-20210467">', "in the value attribute of <input>"),
    ('<div data-licence="渝B2-20210467"></div>', "in the data-licence attribute of <div>"),
    ('<p title="ok" title="渝B2-20210467">ok</p>', "in markup a browser does not show"),
    ('<p title="渝B2-20210467" title="ok">ok</p>', "in the title attribute of <p>"),
    ("<span hidden>渝B2-20210467</span>", "in <span hidden>"),
    ('<div hidden="until-found"><p>渝B2-20210467</p></div>', "in <div hidden>"),
    ('<div hidden style="display:block">渝B2-20210467</div>', "in <div hidden>"),
    ('<span aria-hidden="true">渝B2-20210467</span>', 'in <span aria-hidden="true">'),
    ('<span aria-hidden=" TRUE ">渝B2-20210467</span>', "aria-hidden"),
    ('<div aria-hidden="true"><p aria-hidden="false">渝B2-20210467</p></div>', "aria-hidden"),
    ('<bdo dir="rtl">渝B2-20210467</bdo>', "<bdo dir='rtl'> (shown reversed)"),
    ('<span style="direction:rtl; unicode-bidi:bidi-override">渝B2-20210467</span>', "unicode-bidi"),
    ("<details><summary>许可证</summary>渝B2-20210467</details>", "in a closed <details>"),
    ("<details><summary>a</summary><summary>渝B2-20210467</summary></details>", "in a closed <details>"),
    ("<dialog><p>渝B2-20210467</p></dialog>", "in <dialog> (not open)"),
    ('<div hidden><div hidden><p style="display:block">渝B2-20210467</p></div></div>', "in <div hidden>"),
    ('<div style="opacity:0"><p style="opacity:1">渝B2-20210467</p></div>', "opacity:0"),
    ('<div style="visibility:hidden"><p><b>渝B2-20210467</b></p></div>', "visibility:hidden"),
    ('<div style="font-size:0"><span style="font-size:2em">渝B2-20210467</span></div>', "font-size:0"),
    ('<div style="font-size:0"><span style="font-size:larger">渝B2-20210467</span></div>', "font-size:0"),
    ('<div style="display:none"><span style="visibility:visible">渝B2-20210467</span></div>', "display:none"),
]

HIDING_STYLES = [
    "display:none",
    "DISPLAY: NONE",
    "display : none !important",
    "display:none!IMPORTANT",
    "color: red; display: none;",
    "display:none;;",
    "display:/* a comment */none",
    "displ\\61y:none",
    "display:none !important; display:block",
    "display:block; display:none",
    "visibility:hidden",
    "visibility: Collapse",
    "opacity:0",
    "opacity:0.0",
    "opacity:0%",
    "opacity:.05",
    "opacity:-1",
    "font-size:0",
    "font-size:0px",
    "font-size:0em",
    "font-size:0.0rem",
    "font-size:0.5px",
    "font-size:0.01em",
    "content-visibility:hidden",
]

NOT_FOUND = [
    "",
    "<p></p>",
    "<p>渝B2-20210468</p>",
    "<p>渝B3-20210467</p>",
    "<div>渝B2-</div><div>20210467</div>",
    "<p>渝B2-</p>20210467",
    "<p>渝B2-<br>20210467</p>",
    "<p>渝B2-<hr>20210467</p>",
    "<ul><li>渝B2-</li><li>20210467</li></ul>",
    "<table><tr><td>渝B2-</td><td>20210467</td></tr></table>",
    "<table><tr><td>渝B2-</td></tr><tr><td>20210467</td></tr></table>",
    "<h1>渝B2-</h1><h2>20210467</h2>",
    "<p>渝B2-<textarea>20210467</textarea></p>",
    '<span>渝B2-</span><span style="display:block">20210467</span>',
    '<span>渝B2-</span><span style="float:left">20210467</span>',
    "<span>渝B2-</span><custom-el>20210467</custom-el>",
    "<p>渝B2-202104671</p>",
    "<p>渝B2-2021046712</p>",
    "<p>渝Ｂ２－２０２１０４６７１</p>",
    "<p>渝B2-<span>2021</span>04671</p>",
    "<p>渝B2-20210467<b>8</b></p>",
    "<p>x渝B2-20210467</p>",
    "<p>AB渝B2-20210467</p>",
    "<p>9渝B2-20210467</p>",
    "<p>Ｘ渝B2-20210467</p>",
    "<p>渝B2-20210467x</p>",
    "<p>渝B2-20210467é</p>",
    "<p>渝B2-\u202e20210467</p>",
]

SHOWN = [
    "<p>许可证 渝B2-20210467</p>",
    "<p>渝Ｂ２－２０２１０４６７</p>",
    "<p>渝B2 – 2021 0467</p>",
    "<p>渝b2—20210467</p>",
    "<p>&#28189;B2-20210467</p>",
    "<p>&#x6E1D;B2&#x2D;20210467</p>",
    "<p>渝B2-2021&shy;0467</p>",
    "<p>渝B2-\u200b20210467</p>",
    "<p>渝B2-2021\x000467</p>",
    "<span>渝B2-</span><b>20210467</b>",
    "<p>渝B2-<a href=#>2021</a><em>0467</em></p>",
    "<p>渝B2-<wbr>20210467</p>",
    "<p>渝B2-<!-- x -->20210467</p>",
    "<p>渝B2-<img src=a.png>20210467</p>",
    "<p>渝B2-20210467号</p>",
    "<p>（渝B2-20210467）</p>",
    "<p>许可证：渝B2-20210467</p>",
    "<p>License 渝B2-20210467</p>",
    "<p>©2024 渝B2-20210467</p>",
    "<p>渝B2-20210467 1</p>",
    "<p>渝B2-202104671</p><p>渝B2-20210467</p>",
    "<p>渝B2-20210467</p><p>1</p>",
    "<textarea>渝B2-20210467</textarea>",
    "<table><tr><td>渝B2-20210467</td></tr></table>",
    "<svg><text>渝B2-20210467</text></svg>",
    "<div>渝B2-20210467",
    '<div style="visibility:hidden"><span style="visibility:visible">渝B2-20210467</span></div>',
    '<div style="font-size:0"><span style="font-size:14px">渝B2-20210467</span></div>',
    '<div style="font-size:0"><span style="font-size:medium">渝B2-20210467</span></div>',
    '<p style="display:none; display:block">渝B2-20210467</p>',
    '<p style="display:block">渝B2-20210467</p>',
    '<p style="opacity:0.5">渝B2-20210467</p>',
    '<p style="font-size:12px; color:#333">渝B2-20210467</p>',
    '<span style="display:inline">渝B2-</span><span style="display:contents">20210467</span>',
    '<span aria-hidden="false">渝B2-20210467</span>',
    "<details open><summary>许可证</summary>渝B2-20210467</details>",
    "<details><summary>渝B2-20210467</summary>更多</details>",
    "<dialog open>渝B2-20210467</dialog>",
    '<bdo dir="ltr">渝B2-20210467</bdo>',
    "<p>渝B2-20210467</p><!-- unterminated",
    '<html><head><title>x</title></head><body><p>渝B2-20210467</p><script>var x = "<!--";</script></body></html>',
]


@pytest.mark.parametrize(("html", "expected"), HIDDEN)
def test_hidden_number_does_not_pass(html: str, expected: str) -> None:
    found = where(html)
    assert found and expected in found


@pytest.mark.parametrize("style", HIDING_STYLES)
def test_hiding_inline_styles(style: str) -> None:
    html = f'<p>ok</p>\n<div style="{style}"><p>渝B2-<b>20210467</b></p></div>'
    assert where(html) == f"line 2, in <div style={style!r}>"


@pytest.mark.parametrize("html", NOT_FOUND)
def test_number_not_shown_anywhere(html: str) -> None:
    assert where(html) is None


@pytest.mark.parametrize("html", SHOWN)
def test_number_shown(html: str) -> None:
    assert shown(html)


def test_line_of_hidden_text() -> None:
    assert where("<p>a</p>\n\n<!--\n  渝B2-20210467\n-->") == "line 4, in a comment"
    assert where('<p>a</p>\n<p>b</p>\n<img alt="&#28189;B2-20210467">') == "line 3, in the alt attribute of <img>"
    assert where("<p>a</p>\n<!--\n渝B2-\n20210467 -->") == "line 1, in a comment"  # split: not found


def test_company_name_has_no_boundary_rule() -> None:
    wanted = {"company-name": NAME, LABEL: NUMBER}
    page = page_text(f"<p>©2024{NAME}版权所有 ICP证：渝B2-20210467</p>")
    assert find_missing(page, wanted) == {}
    page = page_text(f"<p>Copyright{NAME}Ltd</p><p>{NUMBER}</p>")
    assert find_missing(page, wanted) == {}
    hidden = find_missing(page_text(f"<p>{NUMBER}</p><!-- {NAME}"), wanted)
    assert hidden == {"company-name": "line 1, in a comment"}
    assert find_missing(page_text(f"<p>重庆万象</p><p>优车科技有限公司 {NUMBER}</p>"), wanted) == {"company-name": None}


def test_boundaries_follow_the_labels() -> None:
    page = page_text("<p>x渝B2-20210467</p>")
    assert find_missing(page, {"number": NUMBER}) == {}
    assert find_missing(page, {"number": NUMBER}, bounded=frozenset({"number"})) == {"number": None}


def test_empty_wanted_text_never_passes() -> None:
    assert find_missing(page_text("<p>anything</p>"), {"company-name": " "}) == {"company-name": None}


def test_fold() -> None:
    assert fold(" 渝Ｂ２ － ２０２１\u00ad０４６７ ") == "渝b2-20210467"


def test_inline_style_declarations() -> None:
    assert declarations("DISPLAY: None !Important; display: block; color:red") == {"display": "none", "color": "red"}
    assert declarations("display:block; display:none") == {"display": "none"}
    assert declarations("/* x */ opa\\63 ity : 0 ; broken; :x") == {"opacity": "0"}


def test_static_note() -> None:
    assert STATIC_NOTE.count(". ") == 0 and STATIC_NOTE.endswith(".")
    assert "stylesheet" in STATIC_NOTE and "script" in STATIC_NOTE


# --- property tests --------------------------------------------------------------------------

NUMBERS = st.sampled_from(
    [
        "渝B2-20210467",
        "渝Ｂ２－２０２１０４６７",
        "渝B2 – 2021 0467",
        "&#28189;B2-20210467",
        "渝b2-2021&shy;0467",
        "渝B2-<b>20210467</b>",
        "<span>渝B2-</span><i>20210467</i>",
    ]
)
PLAIN_NUMBERS = st.sampled_from(["渝B2-20210467", "渝Ｂ２－２０２１０４６７", "&#28189;B2-20210467"])
NOISE = st.text(alphabet="abcXYZ019 \n许可证编号版权所有公司：，。（）-–·", max_size=12)
# Wrappers that keep their content where it is whatever is inside (no p, li, a, h1-h6, table:
# the parser would close those around a nested one and move the number out of its hider).
VISIBLE_WRAPPERS = st.sampled_from(
    [
        "<span>@@</span>",
        "<b>@@</b>",
        "<em>@@</em>",
        "<strong>@@</strong>",
        "<small>@@</small>",
        "<code>@@</code>",
        '<font color="red">@@</font>',
        "<label>@@</label>",
        "<mark>@@</mark>",
        "<bdi>@@</bdi>",
        "<div>@@</div>",
        '<div class="footer">@@</div>',
        "<section>@@</section>",
        "<footer>@@</footer>",
        "<blockquote>@@</blockquote>",
        '<span style="color:#333; font-weight:bold">@@</span>',
        '<div style="display:block !important">@@</div>',
        '<span style="opacity:1">@@</span>',
    ]
)
HIDING_WRAPPERS = st.sampled_from(
    [
        "<div hidden>@@</div>",
        "<span hidden>@@</span>",
        '<section aria-hidden="true">@@</section>',
        "<template>@@</template>",
        "<object>@@</object>",
        "<video>@@</video>",
        "<canvas>@@</canvas>",
        '<bdo dir="rtl">@@</bdo>',
        "<details><summary>许可证</summary>@@</details>",
        "<dialog>@@</dialog>",
    ]
)
# Hiders whose content is text or an attribute value (applied once, outermost).
RAW_HIDERS = st.sampled_from(
    [
        "<!-- @@ -->",
        "<script>var s = '@@';</script>",
        "<style>.a::after { content: '@@' }</style>",
        "<noscript>@@</noscript>",
        "<title>@@</title>",
        "<iframe>@@</iframe>",
        "<noembed>@@</noembed>",
        "<img src=a.png alt='@@'>",
        "<a href=# title='@@'>链接</a>",
        "<meta name=n content='@@'>",
        "<input type=hidden value='@@'>",
        "<div data-licence='@@'></div>",
    ]
)
# Unterminated: they run to the end of the file. Only with PLAIN_NUMBERS: `<span <span>渝B2-</span>…`
# ends the tag at the first '>' and shows the rest.
TAILS = st.sampled_from(["<!-- @@", "<div title='@@", '<p class="@@', "<span @@", "<script>@@", "<title>@@"])
NOISE_ELEMENTS = st.sampled_from(["@@", "<p>@@</p>", "<span>@@</span>", "<!-- @@ -->", "<br>", "<img alt='@@'>"])


def wrap(template: str, inner: str) -> str:
    return template.replace("@@", inner)


@st.composite
def hiding_style(draw: st.DrawFn) -> str:
    declaration = draw(st.sampled_from(HIDING_STYLES))
    before = draw(st.sampled_from(["", "color:red;", "margin: 0 auto; ", "font-weight:bold;"]))
    return f'<div style="{before}{declaration}">@@</div>'


@st.composite
def noise(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(NOISE_ELEMENTS, NOISE), max_size=3))
    return " ".join(wrap(element, text) for element, text in parts)


def visible_wraps(draw: st.DrawFn, html: str, most: int) -> str:
    for template in draw(st.lists(VISIBLE_WRAPPERS, max_size=most)):
        html = wrap(template, html)
    return html


@st.composite
def hidden_fragment(draw: st.DrawFn) -> str:
    """The number hidden by exactly one thing, in visible wrappers, among visible noise (one
    hider at a time, so that each hiding rule is exercised on its own)."""
    html = visible_wraps(draw, draw(NUMBERS), 2)
    html = wrap(draw(st.one_of(HIDING_WRAPPERS, hiding_style(), RAW_HIDERS)), html)
    return f"{draw(noise())} {visible_wraps(draw, html, 2)} {draw(noise())}"


@st.composite
def nested_hidden_fragment(draw: st.DrawFn) -> str:
    """Hiders inside hiders and visible wrappers, perhaps all in a comment, script or attribute,
    perhaps followed by the number in something unterminated."""
    html = draw(NUMBERS)
    for _ in range(draw(st.integers(1, 4))):
        html = visible_wraps(draw, wrap(draw(st.one_of(HIDING_WRAPPERS, hiding_style())), html), 1)
    if draw(st.booleans()):
        html = visible_wraps(draw, wrap(draw(RAW_HIDERS), html), 1)
    tail = wrap(draw(TAILS), draw(PLAIN_NUMBERS)) if draw(st.booleans()) else ""
    return f"{draw(noise())} {html} {draw(noise())}{tail}"


@st.composite
def glued_fragment(draw: st.DrawFn) -> str:
    """The number visible, but with a letter or digit against it in the same run."""
    glue = draw(st.sampled_from(["1", "0", "9", "x", "Z", "é", "１", "Ａ"]))
    glue = wrap(draw(st.sampled_from(["@@", "<b>@@</b>", "<span>@@</span>", "<!-- c -->@@"])), glue)
    html = f"{glue}{NUMBER}" if draw(st.booleans()) else f"{NUMBER}{glue}"
    return visible_wraps(draw, html, 3)


BLOCK_BEFORE = st.sampled_from(["<div>@@</div>", "<p>@@</p>", "@@<br>", "@@<hr>", "<li>@@</li>", "<h3>@@</h3>"])
BLOCK_AFTER = st.sampled_from(["<div>@@</div>", "<p>@@</p>", "<br>@@", "<hr>@@", "<section>@@</section>"])


@st.composite
def split_fragment(draw: st.DrawFn) -> str:
    """The number visible in two pieces with a block boundary between them."""
    cut = draw(st.integers(1, len(NUMBER) - 1))
    first, second = NUMBER[:cut], NUMBER[cut:]
    if draw(st.booleans()):
        first = wrap(draw(BLOCK_BEFORE), visible_wraps(draw, first, 1))
    else:
        second = wrap(draw(BLOCK_AFTER), visible_wraps(draw, second, 1))
    return visible_wraps(draw, first + second, 2)


@st.composite
def tail_fragment(draw: st.DrawFn) -> str:
    """Visible noise, then the number in something unterminated."""
    return f"{draw(noise())} {wrap(draw(TAILS), draw(PLAIN_NUMBERS))}"


@st.composite
def visible_fragment(draw: st.DrawFn) -> str:
    """The number in visible inline and block wrappers, among noise and hidden noise."""
    html = visible_wraps(draw, draw(NUMBERS), 4)
    if draw(st.booleans()):
        restore = st.sampled_from(
            [
                '<div style="visibility:hidden"><span style="visibility:visible">@@</span></div>',
                '<div style="font-size:0"><span style="font-size:14px">@@</span></div>',
            ]
        )
        html = wrap(draw(restore), html)
    return f"{draw(noise())} {html} {draw(noise())}"


@FUZZ
@given(hidden_fragment())
def test_number_only_in_hidden_contexts_never_passes(html: str) -> None:
    assert not shown(html), html


@FUZZ
@given(nested_hidden_fragment())
def test_number_only_in_nested_hidden_contexts_never_passes(html: str) -> None:
    assert not shown(html), html


@FUZZ
@given(glued_fragment())
def test_number_glued_to_a_letter_or_digit_never_passes(html: str) -> None:
    assert not shown(html), html


@FUZZ
@given(split_fragment())
def test_number_split_across_blocks_never_passes(html: str) -> None:
    assert not shown(html), html


@FUZZ
@given(tail_fragment())
def test_number_in_unterminated_markup_never_passes(html: str) -> None:
    assert not shown(html), html


@FUZZ
@given(visible_fragment())
def test_number_in_visible_wrappers_always_passes(html: str) -> None:
    assert shown(html), html


SOUP = st.sampled_from(
    [
        "<", ">", "</", "/>", "<!--", "-->", "<!", "<?", "<![CDATA[", "]]>", "&", "&#", "&#x", ";", "=", '"', "'",
        "<div", "<span", "<p", "<template>", "</template>", "<table>", "<td>", "<select>", "<svg>", "<math>",
        "<script>", "</script>", "<style>", "<textarea>", "<noscript>", "<title>", "<plaintext>", "<frameset>",
        " hidden", ' style="', "display:none", "visibility:hidden", "font-size:0", "\\", "/*", "*/",
        " aria-hidden=true", "<details>", "<summary>", "<template shadowrootmode=open>", "<bdo dir=rtl>",
        NUMBER, "渝", "B2-", "2021", "0467", "\x00", "\r\n", "\u202e", "\ufeff", " ",
    ]
)  # fmt: skip


def reads(html: str) -> None:
    page = page_text(html)
    result = find_missing(page, {LABEL: NUMBER, "company-name": NAME})
    assert set(result) <= {LABEL, "company-name"}
    assert all(value is None or value.startswith("line ") for value in result.values())


@FUZZ
@given(st.text(max_size=300))
def test_random_text_never_crashes(html: str) -> None:
    reads(html)


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes_never_crash(raw: bytes) -> None:
    reads(raw.decode("utf-8", "replace"))
    reads(raw.decode("latin-1"))


@FUZZ
@given(st.lists(SOUP, max_size=40))
def test_tag_soup_never_crashes(tokens: list[str]) -> None:
    reads("".join(tokens))


def test_surrogates_and_deep_nesting_do_not_crash() -> None:
    reads("<p>\ud800渝B2-20210467\udfff</p>")
    assert shown("<span>" * 5000 + NUMBER)
    assert not shown("<div hidden>" + "<div>" * 3000 + NUMBER)


# --- the gate, end to end --------------------------------------------------------------------


@pytest.fixture
def release(tmp_path: Path) -> Path:
    target = tmp_path / "release"
    shutil.copytree(REPO / "examples", target)
    return target


def gate(cli: Invoke, release: Path) -> tuple[int, dict[str, dict[str, object]]]:
    run = cli("gate", str(release / "licencecheck.yaml"), "--format", "json")
    report = json.loads(run.stdout)
    return run.exit_code, {str(f["check"]) + ":" + str(f["verdict"]): f for f in report["findings"]}


def test_gate_fails_a_page_whose_number_a_self_closed_span_hides(cli: Invoke, release: Path) -> None:
    page = '<html><body>\n<p>卖车通</p>\n<span style="display:none"/>增值电信业务经营许可证：渝B2-20210467</span>'
    (release / "dist" / "index.html").write_text(page, encoding="utf-8")
    code, findings = gate(cli, release)
    assert code == 1
    message = str(findings["licence-number-display:fail"]["message"])
    assert "line 3, in <span style='display:none'>" in message and "dist/index.html" in message


def test_gate_fails_a_longer_number_and_a_number_split_across_blocks(cli: Invoke, release: Path) -> None:
    (release / "dist" / "index.html").write_text("<p>渝B2-202104671</p>", encoding="utf-8")
    code, findings = gate(cli, release)
    assert code == 1 and "not in the visible text" in str(findings["licence-number-display:fail"]["message"])
    (release / "dist" / "index.html").write_text("<div>渝B2-</div><div>20210467</div>", encoding="utf-8")
    assert gate(cli, release)[0] == 1


def test_gate_fails_an_advert_whose_company_name_is_in_an_unterminated_comment(cli: Invoke, release: Path) -> None:
    advert = f"<p>经营许可证编号 <span>渝B2-</span><b>20210467</b></p>\n<!-- <p>{NAME}</p>"
    (release / "dist" / "ads" / "spring.html").write_text(advert, encoding="utf-8")
    code, findings = gate(cli, release)
    assert code == 1
    message = str(findings["advert-disclosure:fail"]["message"])
    assert "company-name" in message and "line 2, in a comment" in message and "licence-number" not in message


def test_gate_passes_a_number_split_across_inline_elements(cli: Invoke, release: Path) -> None:
    (release / "dist" / "index.html").write_text("<p>许可证 <span>渝B2-</span><b>20210467</b></p>", encoding="utf-8")
    code, findings = gate(cli, release)
    assert code == 0 and "licence-number-display:pass" in findings


def test_a_page_with_too_many_tags_is_refused_not_parsed_for_minutes(tmp_path: Path, cli: Invoke) -> None:
    from licencecheck.checks.pages import MAX_TAGS

    release = tmp_path / "release"
    shutil.copytree(EXAMPLE, release)
    page = release / "dist" / "index.html"
    page.write_text("<div>" * (MAX_TAGS + 1) + "渝B2-20210467", encoding="utf-8")
    run = cli("gate", str(release / "licencecheck.yaml"))
    assert run.exit_code == 2
    assert run.stderr.count("\n") == 1 and f"more than {MAX_TAGS} tags" in run.stderr


def test_the_gate_says_stylesheets_and_scripts_were_not_evaluated(cli: Invoke) -> None:
    run = cli("gate", str(EXAMPLE / "licencecheck.yaml"), "--format", "json")
    assert STATIC_NOTE in json.loads(run.stdout)["notes"]
