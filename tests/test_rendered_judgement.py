"""The parts of `gate --render` that need no browser: finding a text in rendered runs (UTF-16
offsets, as the browser counts), the WCAG contrast arithmetic, the pixel test on made-up
screenshots, the order of the style tests, the loopback server and finding a browser."""

from __future__ import annotations

import io
import os
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from licencecheck.checks import rendered
from licencecheck.checks.rendered import Occurrence, occurrences

from .conftest import REPO, Invoke

NUMBER = "渝B2-20210467"


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_a_number_split_across_text_nodes_is_found_with_node_offsets() -> None:
    runs = [[(0, "©2026 "), (1, "渝B2-"), (2, "20210467"), (3, " 号")]]
    assert occurrences(runs, NUMBER, bounded=True) == [Occurrence(1, 0, 2, 8)]


def test_offsets_count_utf16_code_units_as_the_browser_does() -> None:
    runs = [[(0, "😀😀 " + NUMBER)]]
    assert occurrences(runs, NUMBER, bounded=True) == [Occurrence(0, 5, 0, 5 + len(NUMBER))]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (NUMBER + "1", False),
        ("x" + NUMBER, False),
        ("（" + NUMBER + "）", True),
        ("渝ｂ２－２０２１０４６７", True),
        ("渝B2 - 20210467", True),
        ("渝B2-\u00ad20210467", True),
        ("渝B2-2021 0467号", True),
    ],
)
def test_boundaries_and_folding_follow_the_static_rules(text: str, found: bool) -> None:
    assert bool(occurrences([[(0, text)]], NUMBER, bounded=True)) is found


def test_runs_are_not_joined() -> None:
    assert occurrences([[(0, "渝B2-")], [(1, "20210467")]], NUMBER, bounded=True) == []


def test_every_occurrence_is_found() -> None:
    runs = [[(0, f"{NUMBER} and {NUMBER}")], [(1, NUMBER)]]
    assert [o.first for o in occurrences(runs, NUMBER, bounded=True)] == [0, 0, 1]


@given(
    before=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
    cut=st.integers(min_value=1, max_value=len(NUMBER) - 1),
)
def test_an_occurrence_maps_back_to_the_characters_that_hold_it(before: str, cut: int) -> None:
    pieces = [(0, before + " "), (1, NUMBER[:cut]), (2, NUMBER[cut:] + " ")]
    found = occurrences([pieces], NUMBER, bounded=True)
    assert Occurrence(1, 0, 2, len(NUMBER) - cut) in found


def test_contrast_ratio_is_wcag() -> None:
    assert rendered.contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert rendered.contrast_ratio((255, 255, 255), (255, 255, 255)) == pytest.approx(1.0)
    assert rendered.contrast_ratio((118, 118, 118), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)
    assert rendered.contrast_ratio((204, 204, 204), (255, 255, 255)) == pytest.approx(1.61, abs=0.01)


def png(pixels: list[tuple[int, int, int]], width: int, mode: str = "RGB") -> bytes:
    from PIL import Image

    image = Image.new("RGB", (width, len(pixels) // width))
    image.putdata(pixels)
    out = io.BytesIO()
    image.convert(mode).save(out, format="PNG")
    return out.getvalue()


def test_the_pixel_test_reads_the_solid_glyph_pixels() -> None:
    white, grey, black = (255, 255, 255), (180, 180, 180), (0, 0, 0)
    shown = png([black] * 3 + [grey] * 50 + [white] * 47, 10)
    changed, contrast = rendered.glyph_contrast(shown, png([white] * 100, 10))
    assert changed == 53
    assert contrast == pytest.approx(21.0)


def test_identical_screenshots_change_no_pixel() -> None:
    same = png([(255, 255, 255)] * 16, 4)
    assert rendered.glyph_contrast(same, same) == (0, 1.0)


def measured(**changes: Any) -> dict[str, Any]:
    style = {
        "element": "<footer>",
        "display": None,
        "contentVisibility": None,
        "visibility": None,
        "opacity": 1,
        "opacityOn": None,
        "effects": [],
        "fontPx": 14.0,
        "fontWeight": 400,
        "color": "rgb(34, 34, 34)",
        "fill": "rgb(34, 34, 34)",
        "textAlpha": 1.0,
        "background": "rgb(255, 255, 255)",
    }
    style.update(changes.pop("style", {}))
    found = {
        "boxes": [{"x": 10, "y": 700, "width": 90, "height": 18}],
        "page": {"width": 1280, "height": 800},
        "clip": {"x": 10, "y": 390, "right": 100, "bottom": 408},
        "area": 1620,
        "visible": 1620,
        "clippedBy": None,
        "viewport": {"width": 1280, "height": 800},
        "covered": None,
        "styles": [style],
    }
    return found | changes


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({}, None),
        ({"style": {"display": "<footer>", "fontPx": 0}}, "display: none on <footer>"),
        ({"style": {"fontPx": 9.99}}, "font size 9.99px in <footer>, below 10px"),
        ({"style": {"fontPx": 10.0}}, None),
        ({"style": {"textAlpha": 0.099, "opacity": 0.05, "opacityOn": "<div> (opacity: 0.05)"}}, "(opacity: 0.05)"),
        (
            {"style": {"textAlpha": 0.0, "fill": "rgba(0, 0, 0, 0)"}},
            "transparent in <footer> (colour rgba(0, 0, 0, 0))",
        ),
        ({"style": {"textAlpha": 0.1}}, None),
        ({"boxes": []}, "has no box (zero size)"),
        ({"boxes": [{"x": -2, "y": 0, "width": 90, "height": 18}]}, "positioned outside the page"),
        ({"boxes": [{"x": -1, "y": 0, "width": 90, "height": 18}]}, None),
        ({"boxes": [{"x": 1200, "y": 0, "width": 90, "height": 18}]}, "the page is 1280×800 px"),
        ({"boxes": [{"x": 0, "y": 790, "width": 90, "height": 18}]}, "positioned outside the page"),
        ({"visible": 1603, "clippedBy": "<div>"}, "clipped by <div>"),
        ({"visible": 1604}, None),
        ({"covered": '<div class="banner">'}, None),  # a hit-test alone is no verdict: the pixels decide
        ({"style": {"distorted": "<span> (transform: matrix(-1, 0, 0, 1, 0, 0)): mirrored"}}, "): mirrored"),
        ({"style": {"letterSpacing": 7.1}}, "letters spread 7.1px apart in <footer> (letter-spacing)"),
        ({"style": {"letterSpacing": 7.0}}, None),
        ({"style": {"closedDetails": "<details>"}}, "inside a closed <details>"),
        ({"inOrder": False, "text": "渝B2-20210467"}, "its pieces are drawn out of order"),
    ],
)
def test_the_style_tests_say_how_the_text_is_hidden(changes: dict[str, Any], says: str | None) -> None:
    found = rendered.hidden_by_style(measured(**changes))
    assert found == says if says is None else says in (found or "")


@pytest.mark.parametrize(
    ("size", "weight", "contrast", "hidden"),
    [
        (14, 400, 4.49, True),
        (14, 400, 4.5, False),
        (24, 400, 3.0, False),
        (23.9, 400, 3.0, True),
        (18.66, 700, 3.0, False),
    ],
)
def test_contrast_thresholds_follow_wcag_aa(size: float, weight: int, contrast: float, hidden: bool) -> None:
    found = rendered.judge_pixels(measured(style={"fontPx": size, "fontWeight": weight}), 100, contrast)
    assert (found is not None) is hidden
    if hidden:
        assert found is not None and found.startswith(f"contrast {contrast:.2f}:1 against its background")


@pytest.mark.parametrize(
    ("share", "covered", "says"),
    [
        (0.69, None, "only 69% of its glyphs are drawn as the text would be on its own: covered or cut"),
        (0.5, '<span class="cover">', "only 50% of its glyphs are drawn as the text would be on its own: covered by "),
        (0.7, None, None),
    ],
)
def test_a_share_of_ink_below_the_minimum_is_partly_hidden(share: float, covered: str | None, says: str | None) -> None:
    found = rendered.judge_pixels(measured(covered=covered), 100, 21.0, share)
    assert found == says if says is None else (found or "").startswith(says)


def test_reference_ink_counts_the_dark_pixels() -> None:
    white, black, grey = (255, 255, 255), (0, 0, 0), (140, 140, 140)
    assert rendered.reference_ink(png([black] * 10 + [grey] * 5 + [white] * 85, 10)) == 10


def test_glyph_ink_counts_pixels_changing_by_half_the_most() -> None:
    white, black, grey = (255, 255, 255), (0, 0, 0), (200, 200, 200)
    found = rendered.glyph_pixels(png([black] * 10 + [grey] * 5 + [white] * 85, 10), png([white] * 100, 10))
    assert (found.changed, found.ink) == (15, 10)


def test_no_changed_pixel_names_the_background_or_the_effect() -> None:
    same = measured(style={"fill": "rgb(255, 255, 255)"})
    assert rendered.judge_pixels(same, 0, 1.0) == (
        "its glyphs draw no pixel: drawn in rgb(255, 255, 255) on rgb(255, 255, 255), the colour of its background"
    )
    masked = measured(style={"effects": ["<footer> mask-image: linear-gradient(transparent, transparent)"]})
    assert "an effect around it (<footer> mask-image" in (rendered.judge_pixels(masked, 0, 1.0) or "")
    assert "something drawn over it hides them" in (rendered.judge_pixels(measured(), 0, 1.0) or "")


def test_line_boxes_join_the_pieces_of_one_line() -> None:
    boxes = [
        {"x": 40, "y": 10, "width": 30, "height": 18},
        {"x": 10, "y": 10, "width": 30, "height": 18},
        {"x": 10, "y": 40, "width": 30, "height": 18},
    ]
    assert rendered.line_boxes(boxes) == [
        {"x": 10, "y": 10, "width": 60, "height": 18},
        {"x": 10, "y": 40, "width": 30, "height": 18},
    ]


# What mutation testing of checks/rendered.py showed untested: folding and offsets at their
# edges, the fallback to text not displayed, every threshold at its exact value, and every
# message whole.


@pytest.mark.parametrize(("before", "width"), [("\uffff", 1), ("\U00010000", 2)])
def test_a_character_counts_two_utf16_units_only_beyond_the_basic_plane(before: str, width: int) -> None:
    found = occurrences([[(0, before + " " + NUMBER)]], NUMBER, bounded=True)
    assert found == [Occurrence(0, width + 1, 0, width + 1 + len(NUMBER))]


@pytest.mark.parametrize(
    ("pieces", "found"),
    [
        (["渝B2-2021\n0467"], True),
        (["渝B2-2021 \t\n 0467"], True),
        (["渝B2-2021  0467"], True),
        (["渝B2-2021 ", " 0467"], True),
        (["渝B2-2021\u3000\u00a00467"], True),
        (["渝B2- \u00a820210467"], False),  # a spacing diaeresis after a space is a mark, not a space
        (["渝B2-2021 x 0467"], False),
    ],
)
def test_white_space_folds_as_in_the_static_check(pieces: list[str], found: bool) -> None:
    from licencecheck.checks.pages import _occurs, _spaced, fold

    runs = [list(enumerate(pieces))]
    assert bool(occurrences(runs, NUMBER, bounded=True)) is found
    assert _occurs(fold(NUMBER), _spaced("".join(pieces)), bounded=True) is found


def test_overlapping_occurrences_are_all_found_when_unbounded() -> None:
    assert occurrences([[(0, "哈哈哈")]], "哈哈", bounded=False) == [Occurrence(0, 0, 0, 2), Occurrence(0, 1, 0, 3)]


def test_an_occurrence_inside_a_longer_number_does_not_end_the_search() -> None:
    runs = [[(0, f"x{NUMBER} {NUMBER}")]]
    assert occurrences(runs, NUMBER, bounded=True) == [Occurrence(0, 14, 0, 14 + len(NUMBER))]


def test_text_not_displayed_is_skipped_when_the_displayed_text_holds_the_number() -> None:
    runs = [[[0, "渝B2-", False], [1, "（隐藏）", True], [2, "20210467", False], [3, " " + NUMBER, True]]]
    found = rendered.rendered_occurrences(runs, NUMBER, bounded=True)
    assert found == [Occurrence(0, 0, 2, 8, skip_hidden=True)]
    assert found[0].as_js() == {"first": 0, "start": 0, "last": 2, "end": 8, "skipHidden": True}


def test_a_number_only_in_text_not_displayed_is_still_found_to_say_how_it_is_hidden() -> None:
    runs = [[[0, "备案号：", False], [1, NUMBER, True]], [[2, "渝B2-", False]]]
    found = rendered.rendered_occurrences(runs, NUMBER, bounded=True)
    assert found == [Occurrence(1, 0, 1, len(NUMBER))]
    assert found[0].as_js() == {"first": 1, "start": 0, "last": 1, "end": len(NUMBER), "skipHidden": False}
    assert rendered.rendered_occurrences([[[0, "渝B2-2021", True]]], NUMBER, bounded=True) == []


def test_a_number_inside_a_longer_one_is_not_found_displayed_or_not_unless_unbounded() -> None:
    runs = [[[0, NUMBER + "1", False], [1, " 1" + NUMBER, True]]]
    assert rendered.rendered_occurrences(runs, NUMBER, bounded=True) == []
    assert rendered.rendered_occurrences(runs, NUMBER, bounded=False) == [Occurrence(0, 0, 0, 12, skip_hidden=True)]


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"area": 100, "visible": 99}, None),
        ({"area": 100, "visible": 98.9}, "clipped by an ancestor"),
        (
            {"inOrder": False, "text": "20210467渝B2-"},
            "its pieces are drawn out of order (it reads as '20210467渝B2-' only in the source)",
        ),
        ({"style": {"contentVisibility": "<section>"}}, "content-visibility: hidden on <section>"),
        ({"style": {"visibility": "<p> (visibility: hidden)"}}, "hidden by <p> (visibility: hidden)"),
        (
            {"style": {"textAlpha": 0.05, "opacity": 0.1, "opacityOn": "<div>", "fill": "rgba(34, 34, 34, 0.5)"}},
            "transparent in <footer> (colour rgba(34, 34, 34, 0.5))",
        ),
        ({"boxes": [{"x": -1, "y": -1, "width": 90, "height": 18}]}, None),
        ({"boxes": [{"x": 1191, "y": 783, "width": 90, "height": 18}]}, None),
        (
            {"boxes": [{"x": 1192, "y": 0, "width": 90, "height": 18}]},
            "positioned outside the page (its box at x=1192, y=0 px; the page is 1280×800 px)",
        ),
        (
            {"boxes": [{"x": 0, "y": 784, "width": 90, "height": 18}]},
            "positioned outside the page (its box at x=0, y=784 px; the page is 1280×800 px)",
        ),
        (
            {"boxes": [{"x": 0, "y": -2, "width": 90, "height": 18}]},
            "positioned outside the page (its box at x=0, y=-2 px; the page is 1280×800 px)",
        ),
    ],
)
def test_each_style_verdict_at_its_edge_and_in_full(changes: dict[str, Any], says: str | None) -> None:
    assert rendered.hidden_by_style(measured(**changes)) == says


def box(x: float, y: float, width: float, height: float) -> dict[str, float]:
    return {"x": x, "y": y, "width": width, "height": height}


@pytest.mark.parametrize(
    ("boxes", "lines"),
    [
        ([box(10, 10, 30, 18), box(40, 19, 30, 18)], [box(10, 10, 30, 18), box(40, 19, 30, 18)]),
        ([box(10, 10, 30, 18), box(40, 17, 30, 18)], [box(10, 10, 60, 25)]),
        ([box(10, 10, 30, 18), box(44, 10, 30, 18)], [box(10, 10, 64, 18)]),
        ([box(10, 10, 30, 18), box(45, 10, 30, 18)], [box(10, 10, 30, 18), box(45, 10, 30, 18)]),
        ([box(10, 10, 60, 20), box(20, 12, 10, 10)], [box(10, 10, 60, 20)]),
    ],
)
def test_line_boxes_join_boxes_less_than_half_a_line_apart_and_at_most_4_px_from_each_other(
    boxes: list[dict[str, float]], lines: list[dict[str, float]]
) -> None:
    assert rendered.line_boxes(boxes) == lines


def test_contrast_of_very_dark_colours_uses_the_linear_part_of_srgb() -> None:
    assert rendered.contrast_ratio((10, 10, 10), (255, 255, 255)) == pytest.approx(19.798, abs=0.001)
    assert rendered.contrast_ratio((10, 10, 10), (0, 0, 0)) == pytest.approx(1.0607, abs=0.0001)


def test_contrast_ignores_an_alpha_channel() -> None:
    assert rendered.contrast_ratio((0, 0, 0, 255), (255, 255, 255, 0)) == pytest.approx(21.0)


def test_screenshots_with_an_alpha_channel_are_read_as_colours() -> None:
    white, black, grey = (255, 255, 255), (0, 0, 0), (200, 200, 200)
    pixels = [black] * 10 + [grey] * 5 + [white] * 85
    found = rendered.glyph_pixels(png(pixels, 10, "RGBA"), png([white] * 100, 10, "RGBA"))
    assert found == rendered.Pixels(15, pytest.approx(21.0), 10)
    assert rendered.reference_ink(png(pixels, 10, "RGBA")) == 10


def test_a_glyph_pixel_changes_by_more_than_24_in_any_channel() -> None:
    ground = (200, 150, 100)
    counted = [(225, 150, 100), (200, 175, 100), (200, 150, 125)]
    not_counted = [(224, 150, 100), (200, 174, 100), (200, 150, 124)]
    found = rendered.glyph_pixels(png(counted + not_counted + [ground] * 3, 3), png([ground] * 9, 3))
    assert (found.changed, found.ink) == (3, 3)


def test_no_changed_pixel_is_no_ink() -> None:
    same = png([(255, 255, 255)] * 16, 4)
    assert rendered.glyph_pixels(same, same) == rendered.Pixels(0, 1.0, 0)


def test_glyph_ink_is_at_least_exactly_half_the_strongest_change() -> None:
    white = (255, 255, 255)
    shown = png([(55, 55, 55), (155, 155, 155), (156, 156, 156)] + [white] * 6, 3)
    found = rendered.glyph_pixels(shown, png([white] * 9, 3))
    assert (found.changed, found.ink) == (3, 2)


def test_with_two_glyph_pixels_the_more_solid_sets_the_contrast() -> None:
    white = (255, 255, 255)
    found = rendered.glyph_pixels(png([(0, 0, 0), (180, 180, 180), white, white], 2), png([white] * 4, 2))
    assert found.contrast == pytest.approx(21.0)


def test_one_solid_pixel_in_200_is_above_the_99th_percentile() -> None:
    white, grey = (255, 255, 255), (180, 180, 180)
    found = rendered.glyph_pixels(png([(0, 0, 0)] + [grey] * 199, 20), png([white] * 200, 20))
    assert found.changed == 200
    assert found.contrast == pytest.approx(rendered.contrast_ratio(grey, white))
    two = rendered.glyph_pixels(png([(0, 0, 0)] * 2 + [grey] * 198, 20), png([white] * 200, 20))
    assert two.contrast == pytest.approx(21.0)


@pytest.mark.parametrize(
    ("pixels", "ink"),
    [
        ([(0, 0, 0), (128, 127, 127), (128, 128, 127)], 2),  # darkness 765, 383 (half or more), 382
        ([(55, 55, 55), (155, 155, 155), (156, 156, 156)], 2),  # darkness 600, 300, 297
        ([(0, 0, 255), (0, 255, 0), (255, 0, 0)], 3),  # each 510 dark: the three channels count
        ([(247, 247, 246), (247, 247, 247)], 1),  # darkness 25 is ink, 24 is paper
    ],
)
def test_reference_ink_is_darker_than_24_and_at_least_half_the_darkest(
    pixels: list[tuple[int, int, int]], ink: int
) -> None:
    white = (255, 255, 255)
    assert rendered.reference_ink(png(pixels + [white] * (9 - len(pixels)), 3)) == ink


@pytest.mark.parametrize(
    ("changes", "changed", "share", "says"),
    [
        (
            {"style": {"background": "rgba(0, 0, 0, 0)"}},
            0,
            1.0,
            "its glyphs draw no pixel (drawn in rgb(34, 34, 34) on rgba(0, 0, 0, 0)): something drawn over it hides"
            " them",
        ),
        (
            {"covered": '<div class="banner">'},
            0,
            1.0,
            "its glyphs draw no pixel (drawn in rgb(34, 34, 34) on rgb(255, 255, 255)): covered by"
            ' <div class="banner">, drawn over it',
        ),
        (
            {"styles": [{**measured()["styles"][0], "effects": ["<span> filter: opacity(0)"]}] * 2},
            0,
            1.0,
            "its glyphs draw no pixel (drawn in rgb(34, 34, 34) on rgb(255, 255, 255)): an effect around it"
            " (<span> filter: opacity(0); <span> filter: opacity(0)) hides them",
        ),
        (
            {},
            5,
            0.09,
            "its glyphs draw almost no pixel (drawn in rgb(34, 34, 34) on rgb(255, 255, 255)): something drawn"
            " over it hides them",
        ),
        (
            {"style": {"fill": "rgb(250, 250, 250)"}},
            5,
            0.09,
            "its glyphs draw almost no pixel: drawn in rgb(250, 250, 250) on rgb(255, 255, 255), the colour of its"
            " background",
        ),
        (
            {},
            100,
            0.1,
            "only 10% of its glyphs are drawn as the text would be on its own: covered or cut (or struck through)",
        ),
    ],
)
def test_glyphs_that_draw_nothing_or_little_say_why_in_full(
    changes: dict[str, Any], changed: int, share: float, says: str
) -> None:
    assert rendered.judge_pixels(measured(**changes), changed, 21.0, share) == says


def fetch(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def test_the_server_serves_regular_files_inside_its_folder_only(tmp_path: Path) -> None:
    from licencecheck.browser.server import serve
    from licencecheck.inputs import INPUTS

    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text("<p>x</p>", encoding="utf-8")
    (site / "assets" / "app.js").write_text("1", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (site / "link.txt").symlink_to(tmp_path / "secret.txt")
    os.mkfifo(site / "pipe")
    (site / ".env").write_text("SECRET=1", encoding="utf-8")
    (site / ".git").mkdir()
    (site / ".git" / "config").write_text("[core]", encoding="utf-8")
    (site / ".well-known").mkdir()
    (site / ".well-known" / "security.txt").write_text("Contact: x", encoding="utf-8")
    INPUTS.reset()
    with serve(site) as origin:
        assert origin.startswith("http://127.0.0.1:")
        assert fetch(f"{origin}/index.html") == 200
        assert fetch(f"{origin}/assets/app.js") == 200
        assert fetch(f"{origin}/.well-known/security.txt") == 200
        for outside in (
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/link.txt",
            "/pipe",
            "/assets/",
            "/nothing",
            "/.env",
            "/.git/config",
            "/assets/../.env",
        ):
            assert fetch(origin + outside) == 404, outside
    assert INPUTS.find(site / "assets" / "app.js") is not None
    assert INPUTS.find(tmp_path / "secret.txt") is None


def test_a_named_browser_that_is_missing_is_exit_2_saying_how_to_get_one(cli: Invoke, tmp_path: Path) -> None:
    pytest.importorskip("playwright")
    run = cli("gate", str(REPO / "examples" / "spa" / "licencecheck.yaml"), "--browser", str(tmp_path / "chrome"))
    assert run.exit_code == 2
    assert (
        f"--browser {tmp_path / 'chrome'}: does not exist; install one (Debian/Ubuntu: `apt-get install chromium`"
        in (run.stderr)
    )
    assert run.stdout == ""


def test_no_browser_anywhere_is_exit_2(cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("playwright")
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "none"))
    monkeypatch.delenv("LICENCECHECK_BROWSER", raising=False)
    run = cli("gate", str(REPO / "examples" / "spa" / "licencecheck.yaml"))
    assert run.exit_code == 2
    assert "--render: no Chromium found (not Playwright's own, none of chromium, chromium-browser, google-chrome" in (
        run.stderr
    )
    assert "python -m playwright install chromium" in run.stderr


def test_the_browser_variable_names_a_missing_file(cli: Invoke, tmp_path: Path) -> None:
    pytest.importorskip("playwright")
    run = cli(
        "gate", str(REPO / "examples" / "spa" / "licencecheck.yaml"), env={"LICENCECHECK_BROWSER": str(tmp_path / "x")}
    )
    assert run.exit_code == 2
    assert f"$LICENCECHECK_BROWSER {tmp_path / 'x'}: does not exist" in run.stderr


def test_without_playwright_render_is_exit_2_with_the_install_line(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "playwright", None)
    monkeypatch.setitem(sys.modules, "playwright.async_api", None)
    run = cli("gate", str(REPO / "examples" / "spa" / "licencecheck.yaml"))
    assert run.exit_code == 2
    assert "--render needs Playwright: pip install 'licencecheck[browser]'" in run.stderr


@pytest.mark.parametrize("option", [("--evidence", "evidence"), ("--browser", "/usr/bin/chromium")])
def test_browser_options_without_render_are_exit_2(cli: Invoke, option: tuple[str, str]) -> None:
    run = cli("gate", str(REPO / "examples" / "licencecheck.yaml"), *option)
    assert run.exit_code == 2
    assert f"{option[0]} applies to rendered pages: add --render (or render: true in the manifest)" in run.stderr


def test_evidence_must_be_a_folder(cli: Invoke, tmp_path: Path) -> None:
    pytest.importorskip("playwright")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    run = cli("gate", str(REPO / "examples" / "spa" / "licencecheck.yaml"), "--evidence", str(tmp_path / "file"))
    assert run.exit_code == 2
    assert "is not a folder" in run.stderr
    run = cli("gate", str(REPO / "examples" / "spa" / "licencecheck.yaml"), "--evidence", str(tmp_path / "no" / "such"))
    assert run.exit_code == 2
    assert f"the folder {tmp_path / 'no'} does not exist" in run.stderr


def test_pieces_of_one_line_join_whichever_rounds_higher() -> None:
    boxes = [{"x": 10, "y": 10.6, "width": 30, "height": 18}, {"x": 40, "y": 9.4, "width": 30, "height": 18}]
    (line,) = rendered.line_boxes(boxes)
    assert (line["x"], line["y"], line["width"]) == (10, 9.4, 60)
    assert line["height"] == pytest.approx(19.2)


def test_a_letter_with_a_separate_accent_matches_as_the_static_check_does() -> None:
    from licencecheck.checks.pages import _occurs, _spaced, fold

    assert _occurs(fold("Café Ltd"), _spaced("Cafe\u0301 Ltd"), False)
    assert occurrences([[(0, "Cafe\u0301 Ltd")]], "Café Ltd", bounded=False) == [Occurrence(0, 0, 0, 9)]


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({}, None),
        (
            {"generated": '<span class="x">::before content: "9"'},
            "a stylesheet adds text right next to it or inside it",
        ),
        ({"security": "square"}, "its characters are masked (-webkit-text-security: square)"),
        ({"textTransform": "lowercase"}, "text-transform: lowercase shows it as '渝b2-20210467'"),
        ({"textTransform": "uppercase"}, None),
    ],
)
def test_a_number_shown_as_other_characters_is_hidden(changes: dict[str, Any], says: str | None) -> None:
    found = rendered.shown_differently(measured(text=NUMBER, **changes))
    assert found == says if says is None else (found or "").startswith(says)


def test_a_character_with_half_its_ink_covered_is_named() -> None:
    white, black = (255, 255, 255), (0, 0, 0)
    glyphs = [black if column in (1, 2, 5, 6) else white for _ in range(4) for column in range(8)]
    covered = [black if column in (1, 2) else white for _ in range(4) for column in range(8)]
    plain = rendered.Shot.of(png(glyphs, 8), 100, 0)
    blank = rendered.Shot.of(png([white] * 32, 8), 0, 0)
    boxes = [
        {"char": "2", "x": 0, "y": 0, "width": 4, "height": 4},
        {"char": "7", "x": 4, "y": 0, "width": 4, "height": 4},
    ]
    alone = [{**box, "x": box["x"] + 100} for box in boxes]
    whole = rendered.Shot.of(png(glyphs, 8), 0, 0)
    assert rendered.hidden_characters(whole, blank, plain, boxes, alone) is None
    cut = rendered.Shot.of(png(covered, 8), 0, 0)
    assert rendered.hidden_characters(cut, blank, plain, boxes, alone) == (
        "its character '7' (2 of 2) is hidden: 0% of its ink is drawn (covered, cut or drawn over)"
    )


def test_a_relative_browser_path_is_made_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from licencecheck.browser.locate import pick_browser

    browser = tmp_path / "chr"
    browser.write_text("#!/bin/sh\n", encoding="utf-8")
    browser.chmod(0o755)
    monkeypatch.chdir(tmp_path)
    assert pick_browser(Path("chr"), None) == browser


def test_stdout_says_nothing_when_an_output_cannot_be_written(cli: Invoke, tmp_path: Path) -> None:
    run = cli(
        "gate",
        str(REPO / "examples" / "licencecheck.yaml"),
        "--format",
        "json",
        "--format",
        "sarif",
        "--output",
        "-",
        "--output",
        str(tmp_path),
    )
    assert run.exit_code == 2
    assert run.stdout == ""
    assert "is a directory" in run.stderr
