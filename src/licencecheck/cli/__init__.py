"""The command line: parses options, runs a check, renders, and maps the report to an exit code.

Each subcommand lives in its own module and imports what it needs when it runs. A run builds
only the command it runs (a lazy command group, as click documents): `main` imports the one
module its arguments name, so typer converts the parameters of that command alone; help, shell
completion and an unknown command load them all. `licencecheck.cli.app` is the app with every
command (for tests and tools that drive it).
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import importlib
import os
import signal
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from licencecheck.errors import Terminated
from licencecheck.i18n import N_, _

COMMANDS = {
    "business": "business",
    "deadlines": "deadlines",
    "gate": "gate",
    "schema": "schema",
    "scope": "scope",
    "show": "show",
    "timeline": "timeline",
    "validate": "validate",
    "validity": "validity",
    "import": "import_licence",
}
"""Command name → module of `licencecheck.cli`, in the order --help lists them."""

GC_THRESHOLD = 50_000
"""Objects allocated (less those freed) between two collections of the youngest generation."""

ROOT_FLAGS = frozenset({"-V", "--version", "--debug", "-q", "--quiet", "--no-color", "--no-cache"})
"""Root options that take no value, skipped when looking for the command's name."""


def load(names: Sequence[str] = tuple(COMMANDS)) -> Any:
    """Import (so register) the commands named, in the order of COMMANDS; return the app."""
    for name, module in COMMANDS.items():
        if name in names:
            importlib.import_module(f"licencecheck.cli.{module}")
    from licencecheck.cli.common import app

    return app


def command_named(arguments: Sequence[str]) -> str | None:
    """The command a command line runs, if it names one licencecheck has before anything that
    needs every command (--help before the command, completion)."""
    i = 0
    while i < len(arguments):
        item = arguments[i]
        if item == "--lang":
            i += 2
            continue
        if item in ROOT_FLAGS or item.startswith("--lang="):
            i += 1
            continue
        return item if item in COMMANDS else None
    return None


def __getattr__(name: str) -> Any:
    if name == "app":
        return load()
    raise AttributeError(name)


def main() -> NoReturn:
    """The program: `licencecheck` and `python -m licencecheck`. It ends the process (see `leave`)."""
    # pydantic looks up plugins through package metadata on first use (~10 ms); this tool
    # uses none, and it runs in every pipeline.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    # The imports (typer, pydantic, the models) make tens of thousands of objects that live as
    # long as the process; at the default threshold (700) the cycle collector walks them again and
    # again (~7 ms). Cycles are still collected, every 50,000 new objects (a few MiB at most).
    gc.set_threshold(GC_THRESHOLD)
    signal.signal(signal.SIGTERM, _terminate)
    try:  # Ctrl-C or SIGTERM while the command is chosen and built; once it runs, see run_at_edge
        command = command_named(sys.argv[1:])
        app = load([command] if command else tuple(COMMANDS))
        code = app(prog_name="licencecheck", standalone_mode=False)
        _signals_end_the_process()
    except Terminated:
        code = _stopped(143, N_("terminated"))
    except KeyboardInterrupt:
        code = _stopped(130, N_("interrupted"))
    leave(code)


def _signals_end_the_process() -> None:
    """The run is over: Ctrl-C or SIGTERM from here on ends the process as the signal does."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _stopped(code: int, message: str) -> int:
    _signals_end_the_process()
    say(_(message))
    return code


def say(message: str) -> None:
    """`licencecheck: message` on stderr; a stderr that cannot take it is no reason to fail."""
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(_("licencecheck: {message}").format(message=message) + "\n")


def leave(code: int) -> NoReturn:
    """End the process with `code`, without tearing the interpreter down: freeing every module and
    object one by one takes longer (~18 ms) than the rest of a quick run after the imports, and the
    system frees them anyway. What a normal exit does that anyone could see is done first, in its
    order: the exit handlers run (temporary folders, multiprocessing, coverage), then stdout and
    stderr are flushed. While another thread runs, a profiler or tracer watches (it may write its
    results at exit), or when a flush fails, this is a normal exit (which joins the thread, lets
    the profiler write, or reports the failed flush as Python does). The run is over: Ctrl-C or
    SIGTERM from here on ends the process as the signal does, with no second message."""
    _signals_end_the_process()
    threading = sys.modules.get("threading")
    run_handlers = getattr(atexit, "_run_exitfuncs", None)
    watched = sys.getprofile() is not None or sys.gettrace() is not None
    if run_handlers is None or watched or (threading is not None and threading.active_count() > 1):
        sys.exit(code)
    run_handlers()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.exit(code)
    os._exit(code)


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM stops the run like Ctrl-C does: outputs are not published, exit 143."""
    raise Terminated
