"""Every example in every command's --help and in the README runs as written and exits as the
text says. They run from a folder that holds the repository's data/, examples/ and tests/, the
README's calendar file (2027.yaml) and a .venv whose bin/ holds this licencecheck.

The exit code expected is 0, unless the example's comment says `exit N`, or the example checks
the bundled licence today (no --on): it has expired, so show, scope, business, validity,
deadlines and timeline exit 1 (as the README's Quick start and Commands say)."""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

COMMANDS = [
    "show",
    "validate",
    "scope",
    "business",
    "validity",
    "deadlines",
    "timeline",
    "gate",
    "schema",
    "import_licence",
]
ON_A_DAY = {"show", "scope", "business", "validity", "deadlines", "timeline"}
"""Commands whose exit code follows the licence's state on the day checked (today without --on)."""

RUNS = re.compile(r"(?:^|[|&;]\s*)(?:[A-Z_]+=\S+\s+)*(?:\.venv/bin/)?licencecheck\s")
"""A line that runs licencecheck: at its start, or after a pipe, `&&` or `;`."""

README = (REPO / "README.md").read_text(encoding="utf-8")


def logical_lines(text: str) -> list[str]:
    """The lines of a shell text, each continuation (`\\` at the end) joined to its line."""
    return [line.strip() for line in re.sub(r"\\\n\s*", " ", text).splitlines() if line.strip()]


def without_setup(line: str) -> str:
    """A line that sets up a virtual environment first (the Quick start), from its first
    licencecheck on: the test runs in one already."""
    steps = line.split(" && ")
    while steps and ("python3 -m venv" in steps[0] or "pip install" in steps[0]):
        steps.pop(0)
    return " && ".join(steps)


def examples() -> list[tuple[str, str]]:
    """Each example line of each command's --help epilog."""
    found = []
    for command in COMMANDS:
        epilog: str = importlib.import_module(f"licencecheck.cli.{command}").EPILOG
        found += [(command, line) for line in logical_lines(epilog) if RUNS.search(line)]
    return found


def readme_examples() -> list[tuple[str, str]]:
    """Each line of the README's `sh` blocks that runs licencecheck."""
    found = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        found += [("README", without_setup(line)) for line in logical_lines(block) if RUNS.search(line)]
    return found


def expected_exit(line: str) -> int:
    said = re.search(r"#.*\bexit (\d+)", line)
    if said:
        return int(said.group(1))
    command = re.search(r"licencecheck\s+(\S+)", line)
    if command and command.group(1) in ON_A_DAY and not re.search(r"\s--on\s", line):
        return 1
    return 0


def test_the_readme_has_examples() -> None:
    assert len(readme_examples()) > 20


def test_every_command_has_examples() -> None:
    assert {command for command, _ in examples()} == set(COMMANDS)


def test_every_readme_line_that_names_licencecheck_is_an_example() -> None:
    """No form of command line slips past the pattern: `cd … &&`, a pipe, a continuation, the
    Quick start's .venv/bin/licencecheck."""
    run = {line for _, line in readme_examples()}
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        for line in logical_lines(block):
            if re.search(r"\blicencecheck\s", line):
                assert without_setup(line) in run, line
    assert ".venv/bin/licencecheck show" in run
    assert any(line.startswith("cat examples/hosts.txt | licencecheck scope") for line in run)
    assert any("--calendar 2027.yaml" in line for line in run)
    assert any("cat tests/data/" in line for _, line in examples())


def test_expected_exit_codes_follow_the_text() -> None:
    assert expected_exit("licencecheck show") == 1
    assert expected_exit("licencecheck show --on 2026-06-01") == 0
    assert expected_exit("licencecheck validity --on 2026-09-01 --strict # exit 1: --strict") == 1
    assert expected_exit("licencecheck validate") == 0
    assert expected_exit("cd examples && licencecheck gate") == 0


def needs_a_browser() -> None:
    """Rendered-page examples run where the browser tests run (see tests/browser/conftest.py)."""
    from .browser.conftest import require_browser

    require_browser("a --render example")


def calendar_file() -> str:
    """The calendar file the README shows and then names, 2027.yaml."""
    return next(block for block in re.findall(r"```yaml\n(.*?)```", README, re.S) if "years:" in block)


@pytest.mark.parametrize(("command", "line"), examples() + readme_examples())
def test_the_example_runs_as_written(command: str, line: str, tmp_path: Path) -> None:
    if "--render" in line or "examples/spa/" in line:
        needs_a_browser()
    for folder in ("data", "examples", "tests"):
        (tmp_path / folder).symlink_to(REPO / folder)
    (tmp_path / ".venv").symlink_to(Path(sys.executable).parent.parent)
    (tmp_path / "2027.yaml").write_text(calendar_file(), encoding="utf-8")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("LICENCECHECK_LICENCE", None)
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", line],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == expected_exit(line), f"{line}: exit {done.returncode}: {done.stderr}"
    assert "Traceback" not in done.stderr
