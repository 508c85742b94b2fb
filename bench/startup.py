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
    baselines = {
        "import typer, pydantic, yaml": [sys.executable, "-c", "import typer, pydantic, yaml"],
        # `import pydantic` is lazy and loads none of the model machinery; any model use pays this:
        "... + from pydantic import BaseModel": [
            sys.executable,
            "-c",
            "import typer, pydantic, yaml; from pydantic import BaseModel",
        ],
    }
    commands = {"licencecheck " + " ".join(options.args): tool, **baselines}
    for command in commands.values():  # warm the file cache and .pyc files
        wall_time(command)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(options.runs):
        for name, command in commands.items():
            times[name].append(wall_time(command))
    medians = {name: statistics.median(values) for name, values in times.items()}
    tool_median = medians.pop("licencecheck " + " ".join(options.args))
    print(f"licencecheck {' '.join(options.args)}: median {tool_median * 1000:.1f} ms over {options.runs} runs")
    for name, median in medians.items():
        print(f"{name:<40} median {median * 1000:6.1f} ms, ratio {tool_median / median:.3f}")
    print("goal: ratio <= 1.10 against the first baseline")


if __name__ == "__main__":
    main()
