"""Every command's --help says what to type: a metavar such as DATE, FILE, DAYS or ID=DATE next to
each option and argument, never typer's type label (`<str>`, `<list[Path]>`, `<bool>`) or a
range such as `[x>=0]`; a flag shows nothing."""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys

import pytest
import typer

from licencecheck.cli import app

COMMANDS = sorted(typer.main.get_command(app).commands)

TYPE_LABEL = re.compile(r"<[^<>\s]+>")
RANGE = re.compile(r"\bx\s*[<>]=?|[<>]=?\s*x\b")

EXPECTED = {
    "show": {"--licence": "FILE|DIR", "--on": "DATE", "--format": "FORMAT", "--output": "FILE"},
    "validate": {"FILE": "", "--licence": "FILE|DIR"},
    "scope": {"DOMAIN|URL": "", "--from": "FILE", "--on": "DATE", "--records": "FILE"},
    "business": {"TERM": "", "--on": "DATE", "--region": "REGION"},
    "validity": {"--on": "DATE", "--warn-days": "DAYS", "--records": "FILE"},
    "deadlines": {"--on": "DATE", "--event": "ID=DATE", "--horizon": "DAYS", "--calendar": "FILE", "--records": "FILE"},
    "timeline": {"--svg": "FILE", "--event": "ID=DATE", "--calendar": "FILE"},
    "gate": {"--licence": "FILE|DIR", "--format": "FORMAT"},
    "import": {"FILE": "", "--output": "FILE"},
}
FLAGS = {
    "": ["--version", "--debug", "--quiet", "--no-color", "--help"],
    "show": ["--full", "--quiet", "--no-color"],
    "scope": ["--summary", "--quiet", "--no-color"],
    "business": ["--list", "--strict"],
    "deadlines": ["--estimate", "--strict", "--quiet"],
    "gate": ["--quiet", "--no-color"],
    "schema": ["--report", "--no-color"],
}


@functools.cache
def help_of(command: str) -> str:
    """`licencecheck COMMAND --help` as a user sees it in a terminal 200 columns wide."""
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"}
    argv = [sys.executable, "-m", "licencecheck", *([command] if command else []), "--help"]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, encoding="utf-8", timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def rows(text: str) -> list[str]:
    """The rows of the help's panels, without the box drawing."""
    return [line.strip("│ ").rstrip() for line in text.splitlines() if line.startswith("│")]


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_shows_no_type_label_and_no_range(command: str) -> None:
    text = help_of(command)
    assert TYPE_LABEL.findall(text) == [], text
    assert [row for row in rows(text) if RANGE.search(row)] == [], text


def test_every_argument_and_every_option_that_takes_a_value_has_a_metavar() -> None:
    """What --help shows for them (the test above sees typer's `<type>` where one is missing)."""
    group = typer.main.get_command(app)
    for name in COMMANDS:
        for param in group.commands[name].params:
            if not getattr(param, "is_flag", False):
                assert param.metavar and param.metavar.strip("[]").upper() == param.metavar.strip("[]"), (name, param)


@pytest.mark.parametrize(("command", "expected"), sorted(EXPECTED.items()))
def test_options_show_what_to_type(command: str, expected: dict[str, str]) -> None:
    shown = rows(help_of(command))
    for name, metavar in expected.items():
        if metavar:
            pattern = rf"{re.escape(name)}(\s+-\w)?\s+{re.escape(metavar)}\s"
        else:  # an argument: its metavar is its name
            pattern = rf"\*?\s*{re.escape(name)}\s{{2,}}\S"
        assert any(re.match(pattern, row) for row in shown), f"{command}: {name} {metavar}\n" + "\n".join(shown)


@pytest.mark.parametrize(("command", "flags"), sorted(FLAGS.items()))
def test_a_flag_shows_no_metavar(command: str, flags: list[str]) -> None:
    shown = rows(help_of(command))
    for flag in flags:
        row = next(row for row in shown if re.match(rf"{flag}\s", row))
        words = [word for word in row.split() if not re.fullmatch(r"-\w", word)]  # a short name: -V, -q
        assert words[1][0].isupper() and not words[1].isupper(), row  # the help text follows at once


def test_a_number_of_days_is_checked_without_a_range_in_the_help() -> None:
    from licencecheck.cli.common import _days

    assert _days("0") == 0 and _days(" 30 ") == 30 and _days(7) == 7
    for bad in ("-1", "lots", "1.5", "", "٣"):
        with pytest.raises(typer.BadParameter):
            _days(bad)
