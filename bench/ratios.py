"""licencecheck against its yardsticks, side by side in one run: the ratios of issue 16.

    python bench/ratios.py [--runs 30] [--batch-runs 3] [--lines 1000000] [--only startup scope-text ...]

| row | licencecheck | yardstick |
|---|---|---|
| startup | `scope maichetong.com.cn --on 2026-06-01 --format json` | `bench/hello.py`, the stack's hello world |
| scope-text | `scope --from FILE --on 2026-06-01` over 1M targets | `bench/naive_scope.py FILE`, a naive loop |
| scope-json | the same with `--format json` | the loop with `--format json` |
| validate | `validate` on the bundled licence | `check-jsonschema --schemafile` on it |

Each pair runs alternately (so that machine noise hits both alike), after one warm-up run each;
the table gives medians and the ratio licencecheck / yardstick, with the issue's target and goal.
Every timed run must exit as expected (0, or 1 where targets are not covered) with nothing on
stderr; one that does not stops the benchmark with exit 1 and one line naming the command.
The targets file has a quarter each of covered subdomains, https:// URLs with paths, near misses
(xmaichetong.com.cn) and unrelated names. Not part of the test suite; no test asserts a time.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

ROOT = Path(__file__).resolve().parents[1]
LICENCE = ROOT / "data" / "licence_yu_B2_20210467.yaml"
SCHEMA = ROOT / "data" / "licence.schema.json"
ENV = {name: value for name, value in os.environ.items() if name not in ("PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED")}
"""Every program timed as installed programs run: from compiled bytecode (the warm-up run writes
it), with buffered output."""


@dataclass(frozen=True)
class Row:
    name: str
    tool: list[str]
    yardstick: list[str]
    expect: int
    target: float
    goal: float
    batch: bool = False


def fail(command: list[str], code: int, stderr: str) -> NoReturn:
    """Exit 1 with one line: the command, its exit code and its stderr (last lines, joined)."""
    said = " | ".join([line.strip() for line in stderr.splitlines() if line.strip()][-10:])
    sys.exit(f"bench: {shlex.join(command)} failed (exit {code}): {said or 'nothing on stderr'}")


def wall_time(command: list[str], expect: int) -> float:
    """Seconds one run takes, its output thrown away; a run that exits otherwise than `expect` or
    writes to stderr stops the benchmark."""
    with tempfile.TemporaryFile() as stderr:
        started = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=stderr, check=False, cwd=ROOT, env=ENV)
        elapsed = time.perf_counter() - started
        stderr.seek(0)
        said = stderr.read().decode("utf-8", errors="replace")
    if done.returncode != expect or said.strip():
        fail(command, done.returncode, said)
    return elapsed


def generate(path: Path, lines: int, seed: int = 16) -> None:
    """A quarter each: covered subdomains, https:// URLs with paths, near misses, unrelated names
    (bench/scope_batch.py's generator, with URLs)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_scope_batch", Path(__file__).with_name("scope_batch.py"))
    assert spec is not None and spec.loader is not None
    scope_batch = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scope_batch)
    scope_batch.generate(path, lines, seed, urls=True)


def licencecheck() -> list[str]:
    script = shutil.which("licencecheck", path=os.path.dirname(sys.executable)) or shutil.which("licencecheck")
    return [script] if script else [sys.executable, "-m", "licencecheck"]


def rows(targets: Path) -> list[Row]:
    tool, python = licencecheck(), sys.executable
    checker = shutil.which("check-jsonschema", path=os.path.dirname(sys.executable)) or "check-jsonschema"
    scope = [*tool, "scope", "--from", str(targets), "--on", "2026-06-01"]
    naive = [python, str(ROOT / "bench" / "naive_scope.py"), str(targets)]
    return [
        Row(
            "startup",
            [*tool, "scope", "maichetong.com.cn", "--on", "2026-06-01", "--format", "json"],
            [
                python,
                str(ROOT / "bench" / "hello.py"),
                "check",
                "maichetong.com.cn",
                "--on",
                "2026-06-01",
                "--format",
                "json",
            ],
            0,
            1.0,
            0.8,
        ),
        Row("scope-text", scope, naive, 1, 0.75, 0.5, batch=True),
        Row("scope-json", [*scope, "--format", "json"], [*naive, "--format", "json"], 1, 1.0, 0.6, batch=True),
        Row(
            "validate",
            [*tool, "validate", str(LICENCE)],
            [checker, "--schemafile", str(SCHEMA), str(LICENCE)],
            0,
            0.5,
            0.3,
        ),
    ]


def measure(row: Row, runs: int) -> tuple[float, float]:
    """Medians of alternating runs (tool, yardstick), after one warm-up run of each."""
    wall_time(row.tool, row.expect)
    wall_time(row.yardstick, row.expect)
    tool, yardstick = [], []
    for _ in range(runs):
        tool.append(wall_time(row.tool, row.expect))
        yardstick.append(wall_time(row.yardstick, row.expect))
    return statistics.median(tool), statistics.median(yardstick)


def shown(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="runs of each start-up and validate command")
    parser.add_argument("--batch-runs", type=int, default=3, help="runs of each 1M-target command")
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument(
        "--only", nargs="*", default=None, help="rows to run (startup, scope-text, scope-json, validate)"
    )
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        targets = Path(folder) / "targets.txt"
        generate(targets, options.lines)
        print("| What | licencecheck | yardstick | ratio | target | goal |")
        print("|---|---|---|---|---|---|")
        for row in rows(targets):
            if options.only and row.name not in options.only:
                continue
            tool, yardstick = measure(row, options.batch_runs if row.batch else options.runs)
            ratio = tool / yardstick
            met = "met" if ratio <= row.target else "NOT met"
            cells = [row.name, shown(tool), shown(yardstick), f"{ratio:.2f}", f"≤ {row.target} ({met})", str(row.goal)]
            print("| " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
