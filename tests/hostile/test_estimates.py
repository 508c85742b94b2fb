"""Family 6: every output that shows an estimated date labels it ESTIMATE."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Invoke

ARGS = ["--on", "2026-12-30", "--event", "illegal-info-report=2026-12-28", "--estimate"]


def _needs_estimate(cli: Invoke) -> bool:
    """The estimate only happens while the installed calendar lacks 2027."""
    return cli("deadlines", *ARGS[:4]).exit_code == 2


def test_timeline_labels_the_estimate_in_the_terminal_and_the_svg(tmp_path: Path, cli: Invoke) -> None:
    if not _needs_estimate(cli):
        return
    svg = tmp_path / "t.svg"
    run = cli("timeline", *ARGS, "--svg", str(svg))
    assert run.exit_code == 1, run.stderr  # printed in full; the licence is expired on that day
    line = next(line for line in run.stdout.splitlines() if "illegal-info-report (2026-12-28)" in line)
    assert "ESTIMATE" in line
    assert "ESTIMATE" in svg.read_text(encoding="utf-8")


def test_deadlines_label_the_estimate_in_every_format(cli: Invoke) -> None:
    if not _needs_estimate(cli):
        return
    text = cli("deadlines", *ARGS)
    assert "ESTIMATE" in text.stdout
    report = json.loads(cli("deadlines", *ARGS, "--format", "json").stdout)
    item = next(f for f in report["findings"] if f["subject"].startswith("illegal-info-report"))
    assert item["data"]["estimate"] is True and "ESTIMATE" in item["message"]
    assert "[ESTIMATE]" in cli("deadlines", *ARGS, "--format", "ics").stdout
