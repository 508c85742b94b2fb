"""The command line: parses options, runs a check, renders, and maps the report to an exit code.

Each subcommand lives in its own module and imports what it needs when it runs, so that
`--help` and the JSON paths start fast.
"""

from __future__ import annotations

from licencecheck.cli import schema, show, validate
from licencecheck.cli.common import app

__all__ = ["app", "main", "schema", "show", "validate"]


def main() -> None:
    app(prog_name="licencecheck")
