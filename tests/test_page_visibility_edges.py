"""Edges of the page rules that a user reads in the gate's message: exact thresholds, how long
descriptions are shortened, which location is reported, and which declarations count.

Each test pins one behaviour at its boundary (font-size exactly 1px, 60 characters of style,
20 of a tag name, the 50,000th tag, ...), through `page_text` and `find_missing`."""

from __future__ import annotations

import pytest

from licencecheck.checks.pages import MAX_TAGS, declarations, find_missing, page_text, too_many_tags

NUMBER = "渝B2-20210467"
NAME = "重庆万象优车科技有限公司"
WIDE = "渝Ｂ２－２０２１０４６７"  # the number in full-width characters (NFKC folds it)
LABEL = "licence-number"
DROPPED = "markup a browser does not show as text"


def where(html: str) -> str | None:
    """find_missing's answer for the number: '' if visible, else where it is hidden (or None)."""
    return find_missing(page_text(html), {LABEL: NUMBER}).get(LABEL, "")


def shown(html: str) -> bool:
    return where(html) == ""


def tag_of(length: int) -> str:
    """A custom element name of exactly `length` characters."""
    return ("x-" + "abcdefghijklmnopqrstuvwxyz" * 3)[:length]


# --- descriptions are shortened: a style to 60 characters, a tag to 20, an attribute to 30 ---


def hiding_style(length: int) -> str:
    style = "display:none;color:" + "a" * (length - 19)
    assert len(style) == length
    return style


@pytest.mark.parametrize(
    ("length", "described"),
    [
        (59, hiding_style(59)),
        (60, hiding_style(60)),
        (61, hiding_style(61)[:59] + "…"),
        (62, hiding_style(62)[:59] + "…"),
        (200, hiding_style(200)[:59] + "…"),
    ],
)
def test_a_hiding_style_is_quoted_up_to_60_characters(length: int, described: str) -> None:
    assert where(f'<p style="{hiding_style(length)}">{NUMBER}</p>') == f"line 1, in <p style={described!r}>"


@pytest.mark.parametrize(
    ("length", "described"), [(19, tag_of(19)), (20, tag_of(20)), (21, tag_of(19) + "…"), (40, tag_of(19) + "…")]
)
def test_a_tag_name_is_quoted_up_to_20_characters(length: int, described: str) -> None:
    tag = tag_of(length)
    assert where(f"<{tag} hidden>{NUMBER}</{tag}>") == f"line 1, in <{described} hidden>"
    assert where(f'<{tag} aria-hidden="true">{NUMBER}</{tag}>') == f'line 1, in <{described} aria-hidden="true">'
    assert where(f'<{tag} style="display:none">{NUMBER}</{tag}>') == f"line 1, in <{described} style='display:none'>"
    assert where(f'<{tag} title="{NUMBER}">ok</{tag}>') == f"line 1, in the title attribute of <{described}>"


@pytest.mark.parametrize(("length", "shortened"), [(29, False), (30, False), (31, True), (50, True)])
def test_an_attribute_name_is_quoted_up_to_30_characters(length: int, shortened: bool) -> None:
    name = ("data-" + "abcdefghijklmnopqrstuvwxyz" * 2)[:length]
    described = name[:29] + "…" if shortened else name
    assert where(f'<p {name}="{NUMBER}">ok</p>') == f"line 1, in the {described} attribute of <p>"


def test_reversed_text_is_described_exactly() -> None:
    assert where(f'<bdo dir="rtl">{NUMBER}</bdo>') == "line 1, in <bdo dir='rtl'> (shown reversed)"


# --- which declarations count --------------------------------------------------------------


@pytest.mark.parametrize("style", ["broken; display:none", ";display:none", ": x; display:none", "a;b;display:none"])
def test_a_declaration_without_a_name_or_colon_does_not_end_the_style(style: str) -> None:
    assert declarations(style) == {"display": "none"}
    assert where(f'<p style="{style}">{NUMBER}</p>') == f"line 1, in <p style={style!r}>"


@pytest.mark.parametrize(
    "size",
    [
        "1px",  # exactly the threshold: visible
        "0.75pt",  # 1px
        "0.0625em",  # 1px at a 16px parent
        "6.25%",  # 1px at a 16px parent
        "1.5px",
    ],
)
def test_a_font_size_of_exactly_1px_shows(size: str) -> None:
    assert shown(f'<p style="font-size:{size}">{NUMBER}</p>')


@pytest.mark.parametrize("size", ["0.99px", "0.7pt", "0.06em", "6%", "0.1mm"])
def test_a_font_size_just_under_1px_hides(size: str) -> None:
    style = f"font-size:{size}"
    assert where(f'<p style="{style}">{NUMBER}</p>') == f"line 1, in <p style={style!r}>"


@pytest.mark.parametrize("size", ["1px", "1pt", "0.5in", "1mm", "1.5px", "14px"])
def test_an_absolute_font_size_of_at_least_1px_shows_text_again(size: str) -> None:
    assert shown(f'<div style="font-size:0"><span style="font-size:{size}">{NUMBER}</span></div>')


@pytest.mark.parametrize("size", ["0.5px", "2em", "150%", "larger", "calc(1px + 1px)", "0.5in;font-size:0"])
def test_a_tiny_or_relative_font_size_does_not_show_text_again(size: str) -> None:
    assert not shown(f'<div style="font-size:0"><span style="font-size:{size}">{NUMBER}</span></div>')


def test_a_font_size_that_underflows_to_zero_hides() -> None:
    assert not shown(f'<p style="font-size:5e-324%">{NUMBER}</p>')


@pytest.mark.parametrize(
    ("style", "visible"),
    [
        ("direction:rtl", True),
        ("unicode-bidi:bidi-override", True),
        ("unicode-bidi:isolate-override", True),
        ("direction:ltr; unicode-bidi:bidi-override", True),
        ("direction:rtl; unicode-bidi:isolate", True),
        ("direction:rtl; unicode-bidi:bidi-override", False),
        ("direction:rtl; unicode-bidi:isolate-override", False),
        ("DIRECTION: RTL; UNICODE-BIDI: ISOLATE-OVERRIDE", False),
    ],
)
def test_only_an_rtl_override_reverses_text(style: str, visible: bool) -> None:
    html = f'<span style="{style}">{NUMBER}</span>'
    assert where(html) == ("" if visible else f"line 1, in <span style={style!r}>")


@pytest.mark.parametrize(
    ("style", "ends_run"),
    [
        ("float:left", True),
        ("float:right", True),
        ("float:inline-start", True),
        ("float:inline-end", True),
        ("float:none", False),
        ("float:center", False),
        ("position:absolute", True),
        ("position:fixed", True),
        ("position:relative", False),
        ("position:static", False),
        ("position:sticky", False),
        ("display:inline-block", True),
        ("display:contents", False),
        ("color:red", False),
    ],
)
def test_a_float_or_out_of_flow_position_ends_the_run(style: str, ends_run: bool) -> None:
    html = f'<p><span>渝B2-</span><span style="{style}">20210467</span></p>'
    assert where(html) == (None if ends_run else "")


# --- what hides, and which reason is reported -------------------------------------------------


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        (f'<div hidden><p aria-hidden="true">{NUMBER}</p></div>', "<div hidden>"),
        (f'<div hidden><p style="display:none">{NUMBER}</p></div>', "<div hidden>"),
        (f'<div style="display:none"><span hidden>{NUMBER}</span></div>', "<div style='display:none'>"),
        (f'<section aria-hidden="true"><bdo dir="rtl">{NUMBER}</bdo></section>', '<section aria-hidden="true">'),
        (f"<div hidden><template>{NUMBER}</template></div>", "<div hidden>"),
        (f"<head><title>{NUMBER}</title></head>", "<title>"),
    ],
)
def test_the_outermost_hiding_element_is_reported(html: str, reason: str) -> None:
    assert where(html) == f"line 1, in {reason}"


@pytest.mark.parametrize(
    "html",
    [
        f"<svg><template>{NUMBER}</template></svg>",
        f"<math><template>{NUMBER}</template></math>",
        f"<p>ok</p><svg><template><text>{NUMBER}</text></template></svg>",
    ],
)
def test_a_template_in_svg_or_mathml_hides_and_does_not_crash(html: str) -> None:
    found = where(html)
    assert found and found.startswith("line 1, in ")


def test_the_doctype_is_markup_not_a_comment() -> None:
    page = page_text("<!DOCTYPE html>\n<p>hello</p>")
    assert find_missing(page, {"word": "doctype"}) == {"word": f"line 1, in {DROPPED}"}
    assert [entry.why for entry in page.hidden] == ["<head>"]


def test_an_empty_comment_holds_no_text() -> None:
    page = page_text("<!----><p>y</p>")
    assert [(entry.why, entry.text) for entry in page.hidden] == [("a comment", ""), ("<head>", "")]
    assert find_missing(page, {"mark": "X"}) == {"mark": None}


@pytest.mark.parametrize("html", [f"<p>{NUMBER}\U00017000</p>", f"<p>\U00017000{NUMBER}</p>", f"<p>{NUMBER}ꓚ</p>"])
def test_a_non_latin_letter_does_not_join_the_number_even_one_without_a_name(html: str) -> None:
    assert shown(html)  # only digits and Latin letters join the number


def test_an_identifier_glued_once_but_free_at_the_next_character_is_shown() -> None:
    page = page_text("<p>x---</p>")
    assert find_missing(page, {"mark": "--"}, bounded=frozenset({"mark"})) == {}
    assert find_missing(page_text("<p>x--</p>"), {"mark": "--"}, bounded=frozenset({"mark"})) == {"mark": None}


# --- a longer number never counts, even hidden -----------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        f'<p title="{NUMBER}1">ok</p>',
        f"<!-- {NUMBER}1 -->",
        f"<p>ok</p><span {NUMBER}1",
        f"<p>ok</p>\n<div hidden>x{NUMBER}</div>",
    ],
)
def test_a_longer_number_in_hidden_places_is_not_reported_as_the_number(html: str) -> None:
    assert where(html) is None


def test_a_company_name_hidden_among_latin_letters_is_still_reported() -> None:
    page = page_text(f"<p>{NUMBER}</p><!-- Copyright{NAME}Ltd -->")
    assert find_missing(page, {LABEL: NUMBER, "company-name": NAME}) == {"company-name": "line 1, in a comment"}


@pytest.mark.parametrize(
    ("html", "missing"),
    [
        (f"<p>{NUMBER}</p>", {"company-name": None}),
        (f"<p>{NUMBER}</p><!-- {NAME} -->", {"company-name": "line 1, in a comment"}),
        (f"<p>{NAME}</p>", {LABEL: None}),
        ("<p>nothing</p>", {LABEL: None, "company-name": None}),
    ],
)
def test_every_wanted_item_is_checked_whatever_its_order(html: str, missing: dict[str, str | None]) -> None:
    page = page_text(html)
    assert find_missing(page, {LABEL: NUMBER, "company-name": NAME}) == missing
    assert find_missing(page, {"company-name": NAME, LABEL: NUMBER}) == missing


# --- the reported line ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # the hidden text's own line, not an earlier line where the parser dropped the number
        (f'<p title="a" title="{NUMBER}">ok</p>\n<!-- 许可证 {NUMBER} -->', "line 2, in a comment"),
        # the piece of a comment that holds the number, not one with a longer number
        (f"<p>a</p>\n<!--\n{WIDE}1\n{NUMBER}\n-->", "line 4, in a comment"),
        # the first place the hidden text appears in the source
        (f'<img alt="{NUMBER}">\n<!-- {NUMBER} -->', "line 1, in the alt attribute of <img>"),
        # hidden text at the very start of the file
        (f"{NUMBER}\n\n许可证 {NUMBER}<body hidden>", "line 1, in <body hidden>"),
        (f"{NUMBER}<html hidden>", "line 1, in <html hidden>"),
        # a file that starts with a line break
        (f"\n<!-- {NUMBER} -->", "line 2, in a comment"),
        (f"\n\n<p>a</p>\n<!-- {NUMBER} -->", "line 4, in a comment"),
        # written with an entity: the line is searched, skipping a longer number on an earlier line
        (f'<p>{WIDE}1</p>\n<img alt="&#28189;B2-20210467">', "line 2, in the alt attribute of <img>"),
        # split by tags: searched without tags, skipping a longer number on an earlier line
        (f"<p>{WIDE}1</p>\n<div hidden>渝B2-<b>20210467</b></div>", "line 2, in <div hidden>"),
        # dropped markup: the line, skipping a longer number on an earlier line
        (f'<p title="{NUMBER}1">a</p>\n<p title="a" title="{NUMBER}">ok</p>', f"line 2, in {DROPPED}"),
    ],
)
def test_the_line_of_hidden_text(html: str, expected: str) -> None:
    assert where(html) == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (f"<p>a</p>\n<!--\n{NUMBER}1\n{NUMBER}\n-->", "line 4, in a comment"),
        (f'<p>{NUMBER}1</p>\n<img alt="{NUMBER}">', "line 2, in the alt attribute of <img>"),
    ],
)
def test_the_line_is_not_that_of_a_longer_number(html: str, expected: str) -> None:
    assert where(html) == expected


# --- the tag limit ----------------------------------------------------------------------------


def test_a_page_with_exactly_the_maximum_number_of_tags_is_read() -> None:
    assert not too_many_tags("<b>" * MAX_TAGS)
    assert too_many_tags("<b>" * (MAX_TAGS + 1))
    assert not too_many_tags("< b>" * (MAX_TAGS + 1) + "<1>" * 10)  # not start tags
