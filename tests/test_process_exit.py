"""How the program ends: `cli.leave` skips the interpreter's teardown, so these hold it to what a
normal exit does that anyone can see (the exit code, exit handlers, flushed streams, threads
joined), and a closed stdout under --help is exit 2 and one line, never rich's exit 1."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.helpers import HANG_GUARD

BROKEN_PIPE = "licencecheck: error: standard output was closed before the output was written (broken pipe)"


def run_main(prelude: str, *argv: str) -> subprocess.CompletedProcess[str]:
    """licencecheck's entry point in a fresh Python with buffered streams, after `prelude`."""
    start = f"sys.argv = ['licencecheck', *{list(argv)!r}]\nfrom licencecheck.cli import main\nmain()\n"
    script = f"import sys\n{prelude}\n{start}"
    buffered = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=HANG_GUARD, check=False, env=buffered
    )


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["validity", "--on", "2026-06-01"], 0),
        (["scope", "example.org", "--on", "2026-06-01"], 1),
        (["scope"], 2),
        (["--version"], 0),
    ],
)
def test_the_exit_code_is_the_runs(argv: list[str], code: int) -> None:
    assert run_main("", *argv).returncode == code


def test_exit_handlers_run_and_streams_are_flushed() -> None:
    prelude = (
        "import atexit\n"
        "atexit.register(lambda: (sys.stdout.write('|by a handler'), sys.stderr.write('by a handler')))\n"
    )
    run = run_main(prelude, "scope", "example.org", "--on", "2026-06-01", "--format", "json")
    assert run.returncode == 1
    assert run.stdout.startswith("{")
    assert run.stdout.endswith("}\n|by a handler")
    assert run.stderr == "by a handler"


def test_a_running_thread_is_joined_as_in_a_normal_exit(tmp_path: Path) -> None:
    mark = tmp_path / "thread-finished"
    prelude = (
        "import threading, time, pathlib\n"
        f"threading.Thread(target=lambda: (time.sleep(0.5), pathlib.Path({str(mark)!r}).write_text('yes'))).start()\n"
    )
    run = run_main(prelude, "validity", "--on", "2026-06-01")
    assert run.returncode == 0, run.stderr
    assert mark.read_text() == "yes"


@pytest.mark.parametrize("argv", [["--help"], ["scope", "--help"], ["--lang", "en", "gate", "--help"]])
def test_help_on_a_closed_pipe_is_exit_2_and_one_line(argv: list[str]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # every write to the pipe now fails with EPIPE
    try:
        run = subprocess.run(
            [sys.executable, "-m", "licencecheck", *argv],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=HANG_GUARD,
            check=False,
        )
    finally:
        os.close(write_end)
    assert (run.returncode, run.stderr) == (2, BROKEN_PIPE + "\n")


def test_the_cycle_collector_still_runs_during_a_run() -> None:
    """Start-up raises its threshold (fewer passes over the imports); batches still need it on."""
    said = "print(gc.isenabled(), gc.get_threshold()[0] > 0, file=sys.stderr)"
    prelude = f"import atexit, gc\natexit.register(lambda: {said})"
    run = run_main(prelude, "validity", "--on", "2026-06-01")
    assert run.stderr == "True True\n"


@pytest.mark.parametrize(("signame", "code"), [("SIGTERM", -15), ("SIGINT", -2)])
def test_a_signal_once_the_run_is_over_ends_it_silently(signame: str, code: int) -> None:
    """A signal that arrives while the process ends (here: from an exit handler) ends it as the
    signal does; the run has said all it has to say."""
    handler = f"lambda: (os.kill(os.getpid(), signal.{signame}), time.sleep(5))"
    prelude = f"import atexit, os, signal, time\natexit.register({handler})"
    run = run_main(prelude, "validity", "--on", "2026-06-01")
    assert (run.returncode, run.stderr) == (code, "")


SLOW_IMPORT = """
import sys, time

class Slow:
    def find_spec(self, name, path=None, target=None):
        if name == "typer":
            sys.stderr.write("importing typer\\n")
            sys.stderr.flush()
            time.sleep(10)
        return None

sys.meta_path.insert(0, Slow())
"""


@pytest.mark.parametrize(("signame", "code", "said"), [("SIGTERM", 143, "terminated"), ("SIGINT", 130, "interrupted")])
def test_a_signal_while_the_command_is_built_is_one_line(tmp_path: Path, signame: str, code: int, said: str) -> None:
    """Before a run starts (here: while typer is imported), Ctrl-C or SIGTERM is the exit and the
    one line of a run stopped, not a traceback and exit 1."""
    (tmp_path / "sitecustomize.py").write_text(SLOW_IMPORT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")])}
    with subprocess.Popen(
        [sys.executable, "-m", "licencecheck", "validity"], stderr=subprocess.PIPE, text=True, env=env
    ) as process:
        assert process.stderr is not None
        assert process.stderr.readline() == "importing typer\n"
        process.send_signal(getattr(signal, signame))
        rest = process.stderr.read()
        process.wait(timeout=HANG_GUARD)
    assert (process.returncode, rest) == (code, f"licencecheck: {said}\n")
