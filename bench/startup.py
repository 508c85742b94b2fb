"""Start-up benchmark: `licencecheck show --format json` against importing its three big libraries.

Runs the two commands alternately (so that machine noise hits both alike) and prints the median
wall times and their ratio; the goal is a ratio of at most 1.10. Not part of the test suite.

    python bench/startup.py [--runs 40] [-- extra licencecheck arguments]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time


def wall_time(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("args", nargs="*", default=["show", "--format", "json"])
    options = parser.parse_args()
    script = shutil.which("licencecheck")
    tool = [script] if script else [sys.executable, "-m", "licencecheck"]
    tool += options.args
    baseline = [sys.executable, "-c", "import typer, pydantic, yaml"]
    for command in (tool, baseline):  # warm the file cache and .pyc files
        wall_time(command)
    tool_times, baseline_times = [], []
    for _ in range(options.runs):
        tool_times.append(wall_time(tool))
        baseline_times.append(wall_time(baseline))
    tool_median = statistics.median(tool_times)
    baseline_median = statistics.median(baseline_times)
    print(f"licencecheck {' '.join(options.args)}: median {tool_median * 1000:.1f} ms over {options.runs} runs")
    print(f"import typer, pydantic, yaml:   median {baseline_median * 1000:.1f} ms")
    print(f"ratio {tool_median / baseline_median:.3f} (goal <= 1.10)")


if __name__ == "__main__":
    main()
