"""A run builds only the command it runs (no timings here: bench/ratios.py measures them)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from licencecheck.cli import COMMANDS, command_named

PROBE = """
import atexit, sys
sys.argv = ["licencecheck", *sys.argv[1:]]
from licencecheck.cli import COMMANDS, main

def report():
    modules = set(COMMANDS.values())
    loaded = sorted(name.rsplit(".", 1)[1] for name in sys.modules if name.startswith("licencecheck.cli."))
    print("LOADED", *[name for name in loaded if name in modules], file=sys.stderr)

atexit.register(report)  # main() ends the process; exit handlers still run
main()
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


def _outcome(process: object, param: object, ctx: object, value: object) -> tuple[str, object]:
    try:
        return "value", process(param, ctx, value)  # type: ignore[operator]
    except Exception as exc:  # the same error, raised the same way
        return type(exc).__name__, str(exc)


def _samples(param: object) -> list[object]:
    many = getattr(param, "multiple", False) or getattr(param, "nargs", 1) == -1
    scalars: list[object] = ["json", "text", "xml", "2026-06-01", "", "-", "zh", "a.yaml", "7"]
    if many:
        return [None, (), *[(value,) for value in scalars], ("json", "sarif"), ("json", "nope")]
    return [None, *scalars]


def test_quick_parameters_give_what_typer_gives() -> None:
    """Every parameter of every command, for values given and not given: the value, or the error,
    is the one typer's own coercion gives."""
    import typer.main
    from typer.core import _TyperParameter

    from licencecheck.cli import app
    from licencecheck.cli.helptext import _process_value

    group = typer.main.get_command(app)
    commands = [group, *group.commands.values()]  # type: ignore[attr-defined]
    checked = 0
    for command in commands:
        ctx = command.make_context(command.name, ["--help"], resilient_parsing=True)
        for param in command.get_params(ctx):
            if param.name in ("version", "help", "install_completion", "show_completion"):
                continue
            for value in _samples(param):
                typer_says = _outcome(_TyperParameter.process_value, param, ctx, value)
                quick_says = _outcome(_process_value, param, ctx, value)
                assert quick_says == typer_says, (command.name, param.name, value)
                checked += 1
    assert checked > 500
