"""The Chinese text of every command at 80 columns, against exact expected output
(tests/golden/zh/): what a compliance officer reads in a terminal, including the width of
Chinese characters (two columns each). Regenerate after an intended change with
`LICENCECHECK_UPDATE_GOLDEN=1 python -m pytest tests/test_zh_golden.py` and read the diff."""

from __future__ import annotations

import os
import re

import pytest
from rich.cells import cell_len as cells

from tests.conftest import REPO, Invoke
from tests.test_command_golden import RUNS

GOLDEN = REPO / "tests" / "golden" / "zh"
UPDATE = os.environ.get("LICENCECHECK_UPDATE_GOLDEN") == "1"
WIDTH = 80
ZH_RUNS = {
    **RUNS,
    "scope-batch": ["scope", "--from", "examples/hosts.txt", "--on", "2026-06-01"],
    "deadlines-today": ["deadlines", "--on", "2026-11-30"],
    "help": ["--help"],
    "deadlines-help": ["deadlines", "--help"],
    "gate-help": ["gate", "--help"],
}


@pytest.mark.parametrize("name", list(ZH_RUNS))
def test_chinese_text_at_80_columns_is_exactly_as_expected(
    name: str, cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("COLUMNS", str(WIDTH))
    output = cli("--lang", "zh", *ZH_RUNS[name]).stdout
    golden = GOLDEN / f"{name}.text"
    if UPDATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(output.encode("utf-8"))
    assert output == golden.read_bytes().decode("utf-8"), f"{name} differs from {golden}"
    if name != "validate":  # one line per problem, file:line:column first, as compilers print them
        assert all(cells(line) <= WIDTH for line in output.splitlines()), "a line is wider than 80 columns"


def test_the_golden_files_are_all_used() -> None:
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(f"{name}.text" for name in ZH_RUNS)


ZH_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
LICENCE_NUMBER = re.compile(r"[\u4e00-\u9fff]?[A-Z]\d(?:\.[A-Z]\d)*-\d{8}(?!\d)")


@pytest.mark.parametrize("width", [60, 72, 80, 100, 120])
@pytest.mark.parametrize("name", sorted(set(RUNS) - {"validate"}))
def test_chinese_text_fits_every_width_and_keeps_dates_and_numbers_whole(
    name: str, width: int, cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lines measured in display width (a Chinese character takes two columns); a line never breaks
    inside 2026年10月20日 or a licence number."""
    monkeypatch.chdir(REPO)
    wide = cli("--lang", "zh", *RUNS[name], env={"COLUMNS": "1000"}).stdout
    text = cli("--lang", "zh", *RUNS[name], env={"COLUMNS": str(width)}).stdout
    assert [line for line in text.splitlines() if cells(line) > width] == []
    for pattern in (ZH_DATE, LICENCE_NUMBER):
        for token in set(pattern.findall(wide)):
            assert text.count(token) == wide.count(token), f"{token} split at {width}"
