"""Every command's full JSON and text on fixed inputs, against exact expected output
(tests/golden/commands/): all the data a script reads, not just a few keys.

Inputs are named relative to the repository (the tests run there), so the output does not depend
on where the checkout is. Regenerate after an intended change with
`LICENCECHECK_UPDATE_GOLDEN=1 python -m pytest tests/test_command_golden.py` and read the diff."""

from __future__ import annotations

import os

import pytest

from tests.conftest import REPO, Invoke

GOLDEN = REPO / "tests" / "golden" / "commands"
UPDATE = os.environ.get("LICENCECHECK_UPDATE_GOLDEN") == "1"
LICENCE = "data/licence_yu_B2_20210467.yaml"

RUNS = {
    "show": ["show", "--on", "2026-06-01"],
    "validate": ["validate", LICENCE, "tests/examples/licence/invalid/bad_number.yaml", "no/such/file.yaml"],
    "business": [
        "business",
        "经营类电子商务",
        "search",
        "B25",
        "idc",
        "p2p-lending",
        "  ",
        "火星",
        "--on",
        "2026-06-01",
    ],
    "business-expired": ["business", "e-commerce", "--on", "2026-11-01"],
    "business-approval": [
        "business",
        "internet-news",
        "online-publishing",
        "fixed-network-information",
        "互联网信息服务",
        "B2",
        "--on",
        "2026-06-01",
    ],
    "business-list": ["business", "--list", "--on", "2026-06-01"],
    "validity-warn": ["validity", "--on", "2026-09-01"],
    "validity-early": ["validity", "--on", "2022-01-01"],
    "deadlines": [
        "deadlines",
        "--on",
        "2026-10-10",
        "--records",
        "examples/compliance/records.yaml",
        "--event",
        "illegal-info-report=2026-09-28",
        "--event",
        "data-retention=2026-05-31",
    ],
    "timeline": ["timeline", "--on", "2026-06-01"],
    "gate": ["gate", "examples/licencecheck.yaml"],
    "scope": [
        "scope",
        "maichetong.com.cn",
        "https://x.autoengine.com/a",
        "1.2.3.4",
        "xmaichetong.com.cn",
        "a b",
        "--on",
        "2026-06-01",
    ],
}


@pytest.mark.parametrize("fmt", ["json", "text"])
@pytest.mark.parametrize("name", list(RUNS))
def test_command_output_is_exactly_as_expected(
    name: str, fmt: str, cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    output = cli(*RUNS[name], "--format", fmt).stdout
    golden = GOLDEN / f"{name}.{fmt}"
    if UPDATE:
        golden.write_bytes(output.encode("utf-8"))
    assert output == golden.read_bytes().decode("utf-8"), f"{name} differs from {golden}"


def test_the_golden_files_are_all_used() -> None:
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(
        f"{name}.{fmt}" for name in RUNS for fmt in ("json", "text")
    )
