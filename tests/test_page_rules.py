"""Exact edges of the page rules: CSS escapes in inline styles, opacity thresholds, details."""

from __future__ import annotations

import pytest

from licencecheck.checks.pages import declarations, find_missing, page_text

NUMBER = "渝B2-20210467"


def shown(html: str) -> bool:
    return find_missing(page_text(html), {"licence-number": NUMBER}) == {}


@pytest.mark.parametrize(
    ("escaped", "char"),
    [
        ("\\1", "\x01"),
        ("\\0", "\ufffd"),
        ("\\D7FF", "\ud7ff"),
        ("\\D800", "\ufffd"),
        ("\\DFFF", "\ufffd"),
        ("\\E000", "\ue000"),
        ("\\10FFFF", "\U0010ffff"),
        ("\\110000", "\ufffd"),
        ("\\:", ":"),
    ],
)
def test_css_escapes_decode_as_a_browser_does(escaped: str, char: str) -> None:
    assert declarations(f"x:{escaped}") == {"x": char}


def test_an_escaped_property_name_still_hides() -> None:
    assert declarations("displ\\61y:none; dis\\play : block") == {"display": "block"}
    assert not shown(f'<p style="displ\\61 y:none">{NUMBER}</p>')


@pytest.mark.parametrize(
    ("opacity", "visible"),
    [("0.05", False), ("0.09", False), ("0.1", True), ("0.15", True), ("9%", False), ("10%", True), ("50%", True)],
)
def test_opacity_below_a_tenth_hides(opacity: str, visible: bool) -> None:
    assert shown(f'<p style="opacity:{opacity}">{NUMBER}</p>') is visible


def test_a_closed_details_shows_only_its_summary() -> None:
    assert shown(f"<details><summary>{NUMBER}</summary>text</details>")
    assert not shown(f"<details><summary>licence</summary>{NUMBER}</details>")
    assert shown(f"<details open><summary>licence</summary>{NUMBER}</details>")
    assert not shown(f"<details><p>licence</p><p>{NUMBER}</p></details>")
