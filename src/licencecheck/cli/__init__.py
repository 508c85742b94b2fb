"""The command line: parses options, runs a check, renders, and maps the report to an exit code.

Each subcommand lives in its own module and imports what it needs when it runs, so that
`--help` and the JSON paths start fast.
"""

from __future__ import annotations

import os
import signal

from licencecheck.cli import business, deadlines, gate, schema, scope, show, timeline, validate, validity
from licencecheck.cli import import_licence as import_licence  # registers `licencecheck import`
from licencecheck.cli.common import app

__all__ = [
    "app",
    "business",
    "deadlines",
    "gate",
    "main",
    "schema",
    "scope",
    "show",
    "timeline",
    "validate",
    "validity",
]


def main() -> None:
    # pydantic looks up plugins through package metadata on first use (~10 ms); this tool
    # uses none, and it runs in every pipeline.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    signal.signal(signal.SIGTERM, _terminate)
    app(prog_name="licencecheck")


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM stops the run like Ctrl-C does: outputs are not published, exit 143."""
    from licencecheck.errors import Terminated

    raise Terminated
