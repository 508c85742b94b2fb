"""A run builds only the command it runs (no timings here: bench/ratios.py measures them)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from licencecheck.cli import COMMANDS, command_named

PROBE = """
import sys
sys.argv = ["licencecheck", *sys.argv[1:]]
from licencecheck.cli import COMMANDS, main
try:
    main()
except SystemExit:
    pass
modules = set(COMMANDS.values())
loaded = sorted(name.rsplit(".", 1)[1] for name in sys.modules if name.startswith("licencecheck.cli."))
print("LOADED", *[name for name in loaded if name in modules], file=sys.stderr)
"""


def loaded(*args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=False, timeout=120
    )
    line = next(line for line in done.stderr.splitlines() if line.startswith("LOADED"))
    return line.split()[1:]


@pytest.mark.parametrize(
    ("args", "wanted"),
    [
        (["scope", "maichetong.com.cn", "--on", "2026-06-01", "--format", "json"], ["scope"]),
        (["--lang", "zh", "-q", "validity", "--on", "2026-06-01"], ["validity"]),
        (["import", "--help"], ["import_licence"]),
    ],
)
def test_a_run_imports_only_its_command(args: list[str], wanted: list[str]) -> None:
    assert loaded(*args) == wanted


@pytest.mark.parametrize("args", [["--help"], ["frobnicate"], []])
def test_help_and_unknown_commands_load_them_all(args: list[str]) -> None:
    assert loaded(*args) == sorted(COMMANDS.values())


@pytest.mark.parametrize(
    ("arguments", "command"),
    [
        (["scope", "a"], "scope"),
        (["--lang", "zh", "deadlines"], "deadlines"),
        (["--lang=en", "--no-cache", "-V", "show"], "show"),
        (["--lang", "scope"], None),
        (["--help", "scope"], None),
        (["--install-completion"], None),
        (["nope", "scope"], None),
        ([], None),
    ],
)
def test_the_command_a_line_names(arguments: list[str], command: str | None) -> None:
    assert command_named(arguments) == command
