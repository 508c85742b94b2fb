"""Shared pieces for the hostile tests: a real process with a hang guard, and file makers."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

EXAMPLE = REPO / "examples"
HANG_GUARD = 30
"""Seconds before a run counts as hung (a guard against a hang, not a speed measurement)."""


def run_process(
    *args: str, env: dict[str, str] | None = None, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m licencecheck ARGS` as a user runs it: a real process, real streams."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("LICENCECHECK_")}
    environment.update(env or {})
    completed = subprocess.run(
        [sys.executable, "-m", "licencecheck", *args],
        input=stdin,
        capture_output=True,
        env=environment,
        cwd=cwd,
        timeout=HANG_GUARD,
        check=False,
    )
    return subprocess.CompletedProcess(
        completed.args,
        completed.returncode,
        completed.stdout.decode("utf-8", "replace"),
        completed.stderr.decode("utf-8", "replace"),
    )


def one_error_line(stderr: str) -> str:
    """The single stderr line of a run that could not run; fails if there are more or none."""
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("licencecheck: error: "), stderr
    assert "Traceback" not in stderr
    return lines[0]


def copy_release(tmp_path: Path) -> Path:
    """A copy of the passing example release (manifest, pages, records)."""
    target = tmp_path / "release"
    shutil.copytree(EXAMPLE, target)
    return target


def make_fifo(folder: Path, name: str = "pipe") -> Path:
    path = folder / name
    os.mkfifo(path)
    return path
