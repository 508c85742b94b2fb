"""Every example in every command's --help and in the README runs as written: from a folder that
holds the repository's data/, examples/ and tests/, no example is refused (exit 2) or crashes."""

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


def examples() -> list[tuple[str, str]]:
    found = []
    for command in COMMANDS:
        epilog: str = importlib.import_module(f"licencecheck.cli.{command}").EPILOG
        found += [(command, line.strip()) for line in epilog.splitlines() if line.startswith("    licencecheck ")]
    return found


def readme_examples() -> list[tuple[str, str]]:
    """Each command line of the README's `sh` blocks that runs licencecheck (continuations joined)."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    found = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for line in block.replace("\\\n", " ").splitlines():
            if "licencecheck " in line and not line.lstrip().startswith(("python", ".venv", "bash")):
                found.append(("README", line.strip()))
    return found


def test_the_readme_has_examples() -> None:
    assert len(readme_examples()) > 20


def test_every_command_has_examples() -> None:
    assert {command for command, _ in examples()} == set(COMMANDS)


@pytest.mark.parametrize(("command", "line"), examples() + readme_examples())
def test_the_example_runs_as_written(command: str, line: str, tmp_path: Path) -> None:
    for folder in ("data", "examples", "tests"):
        (tmp_path / folder).symlink_to(REPO / folder)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("LICENCECHECK_LICENCE", None)
    done = subprocess.run(
        ["bash", "-c", line], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode in (0, 1), f"{line}: exit {done.returncode}: {done.stderr}"
    assert "Traceback" not in done.stderr
