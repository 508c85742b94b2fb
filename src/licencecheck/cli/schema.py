"""`licencecheck schema`: the JSON Schema of the licence file, generated from the models."""

from __future__ import annotations

from licencecheck.cli import common
from licencecheck.cli.common import app, emit

EPILOG = """
Examples:

    licencecheck schema > licence.schema.json

Then start a licence file with `# yaml-language-server: $schema=licence.schema.json`.
"""


@app.command(epilog=EPILOG)
def schema() -> None:
    """Print the JSON Schema of the licence file, for editors and other tools."""
    from licencecheck.render.json_report import dumps
    from licencecheck.schema import licence_schema

    emit(dumps(licence_schema()), kind="json")


_ = common
