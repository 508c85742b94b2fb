"""Batch benchmark for `licencecheck scope --from FILE`: throughput and peak memory.

Generates its own input (a mix of covered subdomains, near misses and unrelated ASCII names),
runs the real command in a subprocess and reports targets per second and the child's peak RSS.

    python bench/scope_batch.py --lines 100000 1000000 [--format text json]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def generate(path: Path, lines: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    with path.open("w", encoding="utf-8") as out:
        for i in range(lines):
            label = "".join(rng.choice(alphabet) for _ in range(rng.randint(3, 12)))
            kind = i % 4
            if kind == 0:
                out.write(f"{label}.maichetong.com.cn\n")
            elif kind == 1:
                out.write(f"www.{label}.autoengine.com\n")
            elif kind == 2:
                out.write(f"{label}maichetong.com.cn\n")
            else:
                out.write(f"{label}.example.{rng.choice(['com', 'cn', 'net'])}\n")


def run(path: Path, output_format: str) -> tuple[float, float]:
    script = shutil.which("licencecheck")
    command = [script] if script else [sys.executable, "-m", "licencecheck"]
    command += ["scope", "--from", str(path), "--on", "2026-09-01", "--format", output_format]
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = 0  # reaped by wait4
    return elapsed, usage.ru_maxrss / 1024


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
                elapsed, peak = run(path, output_format)
                print(
                    f"{lines:>9,} lines, {output_format:<4}: {elapsed:6.2f} s, "
                    f"{lines / elapsed:>9,.0f} targets/s, peak RSS {peak:6.1f} MiB"
                )


if __name__ == "__main__":
    main()
