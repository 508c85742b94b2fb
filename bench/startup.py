"""Start-up benchmark: `licencecheck show --format json` against importing its three big libraries.

Runs the two commands alternately (so that machine noise hits both alike) and prints the median
wall times and their ratio; the goal is a ratio of at most 1.10. Not part of the test suite.

    python bench/startup.py [--runs 40] [-- licencecheck arguments that pass (exit 0)]

Every timed run must pass: exit 0 with nothing on stderr. One that does not (licencecheck not
installed for this Python, a bad argument, a check that fails) stops the benchmark with exit 1
and one line naming the command and what it said, since its time would be that of a failure.
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from typing import NoReturn

DEFAULT_ARGS = ["show", "--format", "json", "--on", "2026-06-01"]
"""A day the bundled licence is in force, so that the run passes (exit 0) whatever today is."""


def wall_time(command: list[str], expect: int = 0) -> float:
    """Seconds one run of `command` takes; a run that exits otherwise than `expect` or writes to
    stderr stops the benchmark (`fail`)."""
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != expect or done.stderr.strip():
        fail(command, done.returncode, done.stderr)
    return elapsed


def fail(command: list[str], code: int, stderr: str) -> NoReturn:
    """Exit 1 with one line: the command, its exit code and its stderr (last lines, joined)."""
    said = " | ".join([line.strip() for line in stderr.splitlines() if line.strip()][-10:])
    sys.exit(f"bench: {shlex.join(command)} failed (exit {code}): {said or 'nothing on stderr'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("args", nargs="*", default=DEFAULT_ARGS)
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
