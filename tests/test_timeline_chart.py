"""`timeline --svg`: a chart drawn as SVG, checked by parsing it. Every item the JSON report's
`timeline` holds is drawn (by id, with its dates and words), nothing else; the legend lists
exactly the marks drawn; the file fetches nothing; labels do not overlap."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest

from licencecheck.checks.deadlines import DeadlinesRequest, run_deadlines, run_timeline
from licencecheck.render.timeline_chart import LABEL_SIZE, STATUS_STYLES, text_width, timeline_svg
from tests.conftest import BUNDLED, REPO, Invoke

NS = "{http://www.w3.org/2000/svg}"
CROSS = REPO / "examples" / "licences" / "cross_regional_B1_B2.yaml"
PAIR = ("--licence", str(BUNDLED), "--licence", str(CROSS))
YU, CROSS_NUMBER = "渝B2-20210467", "B1.B2-20180352"
RECORDS = str(REPO / "examples" / "compliance" / "records.yaml")
EVENTS = ("--event", "illegal-info-report=2026-09-28", "--event", "service-item-change-report=2026-10-30")

CASES = {
    "bundled-in-force": ("--on", "2026-06-01"),
    "bundled-expired": ("--on", "2026-11-30"),
    "bundled-records-events": (
        "--on",
        "2026-10-10",
        "--records",
        RECORDS,
        *EVENTS,
        "--event",
        "data-retention=2026-05-31",
    ),
    "portfolio": ("--on", "2026-06-01", *PAIR),
    "portfolio-events": ("--on", "2026-11-30", *PAIR, "--event", "illegal-info-report=2026-11-20"),
    "long-span": ("--on", "2036-03-01"),
}


def draw(cli: Invoke, tmp_path: Path, *args: str) -> tuple[ET.Element, str, dict[str, Any]]:
    """Run `timeline --format json --svg`: the parsed SVG, its text, and the JSON's `timeline`."""
    svg = tmp_path / "timeline.svg"
    run = cli("timeline", *args, "--format", "json", "--svg", str(svg))
    assert run.exit_code in (0, 1), run.stderr
    text = svg.read_text(encoding="utf-8")
    return ET.fromstring(text.encode("utf-8")), text, json.loads(run.stdout)["timeline"]


def items(root: ET.Element) -> dict[str, ET.Element]:
    """Every drawn item's group, by id."""
    return {g.get("id", ""): g for g in root.iter(f"{NS}g") if "item" in g.get("class", "").split()}


def labels(group: ET.Element) -> list[str]:
    return [t.text or "" for t in group.iter(f"{NS}text") if t.get("class") == "label"]


def texts(root: ET.Element, cls: str) -> list[str]:
    return [t.text or "" for t in root.iter(f"{NS}text") if t.get("class") == cls]


@pytest.fixture(params=list(CASES))
def case(request: pytest.FixtureRequest, cli: Invoke, tmp_path: Path) -> tuple[ET.Element, str, dict[str, Any]]:
    return draw(cli, tmp_path, *CASES[request.param])


def test_the_bundled_licence_in_force(cli: Invoke, tmp_path: Path) -> None:
    root, _, _ = draw(cli, tmp_path, *CASES["bundled-in-force"])
    assert root.get("role") == "img" and root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert 1000 <= int(root.get("width", "0")) <= 1200
    title, desc = root.find(f"{NS}title"), root.find(f"{NS}desc")
    assert title is not None and title.text == f"Licence timeline of {YU} on 2026-06-01"
    assert desc is not None and "annual-report: 2022-01-01 – 03-31; past due, no record given." in (desc.text or "")
    drawn = items(root)
    assert labels(drawn["timeline-licence1-validity"]) == [
        "valid 2021-10-20 to 2026-10-20 (start inferred), issued 2022-10-31",
        "in force on 2026-06-01, 141 days left",
    ]
    for year in range(2022, 2027):
        window = drawn[f"timeline-licence1-annual-report-{year}"]
        assert window.get("class") == "item window status-unconfirmed"
        assert labels(window) == [f"{year}-01-01 – 03-31", "past due, no record given"]
    assert labels(drawn["timeline-licence1-annual-report-2027"]) == ["2027-01-01 – 03-31", "not applicable"]
    for duty in ("renewal-application", "non-continuation-report"):
        assert labels(drawn[f"timeline-licence1-{duty}"]) == ["due 2026-07-22", "open, 51 days left"]
    assert texts(root, "note") == [
        "No records given (--records): a date that has passed shows as 'past due, no record given', since what was "
        "filed is not known."
    ]
    assert not any("overdue" in line.lower() for group in drawn.values() for line in labels(group))


def test_the_axis_is_dated_and_the_day_checked_falls_where_its_date_is(cli: Invoke, tmp_path: Path) -> None:
    root, _, _ = draw(cli, tmp_path, *CASES["bundled-in-force"])
    assert texts(root, "year") == ["2022", "2023", "2024", "2025", "2026", "2027"]
    assert set(texts(root, "month")) == {"Apr", "Jul", "Oct"}  # quarters over a five-year licence
    drawn = items(root)
    day = drawn["timeline-day-checked"]
    assert [t.text for t in day.iter(f"{NS}text")] == ["day checked 2026-06-01"]
    line = next(day.iter(f"{NS}line"))
    assert line.get("stroke-dasharray") and line.get("x1") == line.get("x2")
    window_2026 = next(drawn["timeline-licence1-annual-report-2026"].iter(f"{NS}rect"))
    renewal = drawn["timeline-licence1-renewal-application"].find(f"{NS}g")  # the turned square
    assert renewal is not None
    renewal_x = float(re.findall(r"[\d.]+", renewal.get("transform", ""))[1])
    window_end = float(window_2026.get("x", "0")) + float(window_2026.get("width", "0"))
    assert window_end < float(line.get("x1", "0")) < renewal_x  # 2026-03-31 < 2026-06-01 < 2026-07-22


def test_the_expired_licence(cli: Invoke, tmp_path: Path) -> None:
    root, _, timeline = draw(cli, tmp_path, *CASES["bundled-expired"])
    validity = items(root)["timeline-licence1-validity"]
    assert labels(validity)[1] == "EXPIRED on 2026-10-20: not in force on 2026-11-30"
    assert validity.get("data-legend") == "validity issued lapse-expired"
    assert timeline["bands"][0]["items"][0]["lapse"] == {"start": "2026-10-21", "end": "2026-11-30"}
    renewal = items(root)["timeline-licence1-renewal-application"]
    assert renewal.get("class") == "item deadline status-unconfirmed"
    assert labels(renewal) == ["due 2026-07-22", "past due, no record given"]
    assert "expired: not in force" in legend_texts(root)


def test_records_and_events(cli: Invoke, tmp_path: Path) -> None:
    root, text, _ = draw(cli, tmp_path, *CASES["bundled-records-events"])
    drawn = items(root)
    assert labels(drawn["timeline-licence1-annual-report-2022"]) == ["2022-01-01 – 03-31", "filed 2022-03-25"]
    assert labels(drawn["timeline-licence1-renewal-application"]) == [
        "due 2026-07-22",
        "OVERDUE by 80 days, no filing recorded",
    ]
    info = drawn["timeline-licence1-illegal-info-report-2026-09-28"]
    assert labels(info) == ["event 2026-09-28, due 2026-10-16", "upcoming, 6 days left"]
    assert info.find(f"{NS}circle") is not None  # the day of the event
    change = drawn["timeline-licence1-service-item-change-report-2026-10-30"]
    assert labels(change) == ["due 2026-09-30, before 2026-10-30", "OVERDUE by 10 days, no filing recorded"]
    kept = drawn["timeline-licence1-data-retention-2026-05-31"]
    assert labels(kept) == ["data of 2026-05-31", "kept through 2027-05-31"]
    assert (kept.get("data-start"), kept.get("data-end")) == ("2026-05-31", "2027-05-31")
    assert "no record given" not in text and texts(root, "note") == []


def test_a_portfolio_has_a_band_per_licence(cli: Invoke, tmp_path: Path) -> None:
    root, _, timeline = draw(cli, tmp_path, *CASES["portfolio"])
    bands = [g for g in root.iter(f"{NS}g") if g.get("class") == "band"]
    assert [band.get("data-licence") for band in bands] == [YU, CROSS_NUMBER]
    assert [t.text for band in bands for t in band.iter(f"{NS}text") if t.get("class") == "band-label"] == [
        YU,
        CROSS_NUMBER,
    ]
    assert [band["licence"] for band in timeline["bands"]] == [YU, CROSS_NUMBER]
    second = {g.get("id") for g in bands[1].iter(f"{NS}g") if "item" in g.get("class", "")}
    assert "timeline-licence2-validity" in second and "timeline-licence2-annual-report-2027" in second
    assert labels(items(root)["timeline-licence2-annual-report-2027"]) == ["2027-01-01 – 03-31", "open, 303 days left"]
    assert labels(items(root)["timeline-licence2-renewal-application"]) == ["due 2028-03-13", "open, 651 days left"]
    line = next(items(root)["timeline-day-checked"].iter(f"{NS}line"))
    last_row = max(float(t.get("y", "0")) for t in bands[1].iter(f"{NS}text"))
    assert float(line.get("y2", "0")) > last_row  # the day checked crosses both bands
    assert len([g for g in root.iter(f"{NS}g") if g.get("class") == "axis"]) == 2  # and an axis at the foot


def test_a_portfolio_with_an_event_draws_it_for_each_licence(cli: Invoke, tmp_path: Path) -> None:
    root, _, _ = draw(cli, tmp_path, *CASES["portfolio-events"])
    for number in (1, 2):
        event = items(root)[f"timeline-licence{number}-illegal-info-report-2026-11-20"]
        assert labels(event) == ["event 2026-11-20, due 2026-12-04", "upcoming, 4 days left"]
    assert texts(root, "note")[0].startswith(f"No records given (--records) for {YU}, {CROSS_NUMBER}:")


def test_a_long_span_labels_fewer_ticks(cli: Invoke, tmp_path: Path) -> None:
    root, _, _ = draw(cli, tmp_path, *CASES["long-span"])
    assert texts(root, "month") == []
    years = [float(t.get("x", "0")) for t in root.iter(f"{NS}text") if t.get("class") == "year"]
    assert len(years) >= 10 and min(b - a for a, b in itertools.pairwise(years)) >= 44


def test_every_item_of_the_json_is_drawn_with_its_dates_and_words(case: tuple[ET.Element, str, Any]) -> None:
    root, _, timeline = case
    every = [item for band in timeline["bands"] for item in band["items"]] + [timeline["day_checked"]]
    drawn = items(root)
    assert set(drawn) == {f"timeline-{item['id']}" for item in every}
    for item in every:
        group = drawn[f"timeline-{item['id']}"]
        assert (group.get("data-start"), group.get("data-end")) == (item["start"], item["end"])
        assert group.get("data-legend") == " ".join(item["legend"])
        shown = labels(group) or [t.text for t in group.iter(f"{NS}text")]
        assert shown == item["label"]


def legend_texts(root: ET.Element) -> list[str]:
    return [t.text or "" for g in root.iter(f"{NS}g") if g.get("class") == "legend-entry" for t in g.iter(f"{NS}text")]


def test_the_legend_is_exactly_what_is_drawn(case: tuple[ET.Element, str, Any]) -> None:
    root, _, timeline = case
    entries = [g.get("data-legend") for g in root.iter(f"{NS}g") if g.get("class") == "legend-entry"]
    used = {key for group in items(root).values() for key in group.get("data-legend", "").split()}
    assert len(entries) == len(set(entries)) and set(entries) == used
    assert legend_texts(root) == [entry["text"] for entry in timeline["legend"]]
    assert [entry["key"] for entry in timeline["legend"]] == entries


def test_the_legend_swatch_is_the_mark_drawn(case: tuple[ET.Element, str, Any]) -> None:
    """Same shapes, colours, patterns and dashes: a swatch's elements (less positions) occur among
    the marks of an item that uses that legend entry."""
    root, _, _ = case
    geometry = {"x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "width", "height", "points", "transform"}

    def looks(group: ET.Element) -> set[tuple[str, tuple[tuple[str, str], ...]]]:
        return {
            (el.tag, tuple(sorted((k, v) for k, v in el.attrib.items() if k not in geometry)))
            for el in group.iter()
            if el.tag not in (f"{NS}text", f"{NS}title", f"{NS}g")
        }

    for entry in (g for g in root.iter(f"{NS}g") if g.get("class") == "legend-entry"):
        key = entry.get("data-legend", "")
        users = [g for g in items(root).values() if key in g.get("data-legend", "").split()]
        assert looks(entry) <= set().union(*(looks(g) for g in users)), key


def test_nothing_is_fetched(case: tuple[ET.Element, str, Any]) -> None:
    _, text, _ = case
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" ')
    body = text.replace('xmlns="http://www.w3.org/2000/svg"', "", 1)
    for banned in ("http", "url(", "<image", "@import", "href", "<style", "<script", "<foreignObject"):
        assert banned not in body


def test_no_two_labels_overlap(case: tuple[ET.Element, str, Any]) -> None:
    root, _, _ = case
    boxes = []
    for text in root.iter(f"{NS}text"):
        if text.get("class") != "label":
            continue
        x, y, width = float(text.get("x", "0")), float(text.get("y", "0")), text_width(text.text or "", LABEL_SIZE)
        left = x - width if text.get("text-anchor") == "end" else x
        boxes.append((left, left + width, y - LABEL_SIZE, y + 2))
    for index, (l1, r1, t1, b1) in enumerate(boxes):
        for l2, r2, t2, b2 in boxes[index + 1 :]:
            assert not (l1 < r2 and l2 < r1 and t1 < b2 and t2 < b1), ((l1, r1, t1), (l2, r2, t2))


def test_every_status_differs_in_black_and_white() -> None:
    """Hatching, dashes and filled or not tell the statuses apart without colour."""
    looks = {(style.hatch, style.dash, style.fill == "#ffffff") for style in STATUS_STYLES.values()}
    assert len(looks) == len(STATUS_STYLES)


def test_inline_for_html_and_from_a_deadlines_report() -> None:
    """The chart of a deadlines report (no `timeline` key: computed), inline, with its own ids."""
    report = run_deadlines(DeadlinesRequest(on="2026-06-01"))
    inline = timeline_svg(report, standalone=False, id_prefix="chart2-")
    assert inline.startswith("<svg ") and "<?xml" not in inline
    root = ET.fromstring(inline)
    assert "chart2-licence1-renewal-application" in items(root)
    assert root.get("aria-labelledby") == "chart2-title chart2-desc"
    assert timeline_svg(run_timeline(DeadlinesRequest(on="2026-06-01")), standalone=False) == timeline_svg(
        report, standalone=False
    )


def test_text_is_escaped() -> None:
    report = run_timeline(DeadlinesRequest(on="2026-06-01"))
    band = report.extra["timeline"]["bands"][0]
    band["licence"] = 'A<&>"\x1b]0;x'
    band["items"][0]["label"] = ["</text><script>alert(1)</script>"]
    root = ET.fromstring(timeline_svg(report, standalone=False))
    assert 'A<&>"\\x1b]0;x' in texts(root, "band-label")
    assert labels(items(root)["timeline-licence1-validity"]) == ["</text><script>alert(1)</script>"]
