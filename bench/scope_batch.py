"""Batch benchmark for `licencecheck scope --from FILE`: throughput and peak memory.

Generates its own input (a mix of covered subdomains, near misses and unrelated ASCII names),
runs the real command in a subprocess and reports targets per second and the child's peak RSS.

    python bench/scope_batch.py --lines 100000 1000000 [--format text json]

Every run must end as the input says: exit 1 (the names include ones the licence does not cover)
with nothing on stderr. One that does not (licencecheck not installed for this Python, a crash,
a refused input) stops the benchmark with exit 1 and one line naming the command and its stderr.
"""

from __future__ import annotations

import argparse
import os
import random
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NoReturn


def generate(path: Path, lines: int, seed: int = 7, *, urls: bool = False) -> None:
    """A quarter each: covered subdomains, names under the second domain (`urls`: https:// URLs
    with paths on it, the mix of bench/ratios.py), near misses and unrelated names."""
    rng = random.Random(seed)
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    with path.open("w", encoding="utf-8") as out:
        for i in range(lines):
            label = "".join(rng.choice(alphabet) for _ in range(rng.randint(3, 12)))
            kind = i % 4
            if kind == 0:
                out.write(f"{label}.maichetong.com.cn\n")
            elif kind == 1 and urls:
                out.write(f"https://{label}.autoengine.com/cars/{rng.randint(1, 99999)}?from=list\n")
            elif kind == 1:
                out.write(f"www.{label}.autoengine.com\n")
            elif kind == 2:
                out.write(f"{label}maichetong.com.cn\n")
            else:
                out.write(f"{label}.example.{rng.choice(['com', 'cn', 'net'])}\n")


def expected_exit(lines: int) -> int:
    """scope's exit code for `generate(path, lines)`: 1 once the near misses begin (line 3)."""
    return 1 if lines >= 3 else 0


def run(path: Path, output_format: str, expect: int = 1) -> tuple[float, float]:
    """Seconds and peak RSS (MiB) of one `scope --from` run; a run that exits otherwise than
    `expect` or writes to stderr stops the benchmark (`fail`)."""
    script = shutil.which("licencecheck")
    command = [script] if script else [sys.executable, "-m", "licencecheck"]
    command += ["scope", "--from", str(path), "--on", "2026-09-01", "--format", output_format]
    with tempfile.TemporaryFile() as stderr:  # a file, not a pipe: nothing is read until the end
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4
        stderr.seek(0)
        said = stderr.read().decode("utf-8", errors="replace")
    if child.returncode != expect or said.strip():
        fail(command, child.returncode, said)
    return elapsed, usage.ru_maxrss / 1024


def fail(command: list[str], code: int, stderr: str) -> NoReturn:
    """Exit 1 with one line: the command, its exit code and its stderr (last lines, joined)."""
    said = " | ".join([line.strip() for line in stderr.splitlines() if line.strip()][-10:])
    sys.exit(f"bench: {shlex.join(command)} failed (exit {code}): {said or 'nothing on stderr'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--format", nargs="+", default=["text", "json"], dest="formats")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for lines in options.lines:
            path = Path(folder) / f"hosts-{lines}.txt"
            generate(path, lines)
            for output_format in options.formats:
                elapsed, peak = run(path, output_format, expected_exit(lines))
                print(
                    f"{lines:>9,} lines, {output_format:<4}: {elapsed:6.2f} s, "
                    f"{lines / elapsed:>9,.0f} targets/s, peak RSS {peak:6.1f} MiB"
                )


if __name__ == "__main__":
    main()
