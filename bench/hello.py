"""The stack's hello world: the least any typer + pydantic + PyYAML tool pays at start-up.

A typer app with two commands (one taking a list argument and two options) that loads a two-line
YAML into a two-field pydantic model and prints one line of JSON. The yardstick of
`bench/ratios.py` for licencecheck's start-up; not part of licencecheck.

    python bench/hello.py check maichetong.com.cn --on 2026-06-01 --format json
"""

from __future__ import annotations

import json
from typing import Annotated

import typer
import yaml
from pydantic import BaseModel

app = typer.Typer()

DATA = "name: hello\nyears: 5\n"


class Settings(BaseModel):
    name: str
    years: int


@app.command()
def check(
    targets: list[str],
    on: Annotated[str, typer.Option("--on")] = "2026-06-01",
    output_format: Annotated[str, typer.Option("--format")] = "text",
) -> None:
    settings = Settings.model_validate(yaml.safe_load(DATA))
    print(json.dumps({"name": settings.name, "years": settings.years, "on": on, "targets": targets}))


@app.command()
def show() -> None:
    print(Settings.model_validate(yaml.safe_load(DATA)).model_dump_json())


if __name__ == "__main__":
    app()
