"""Load YAML files into models, with errors that name file:line:column and the field path.

Used for the licence, and by later commands for records, calendars and manifests, so that every
input file is read by the same strict rules.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from licencecheck.errors import DataError
from licencecheck.strictyaml import Document, Loc, load_yaml

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

    from licencecheck.models import Licence

    ModelT = TypeVar("ModelT", bound=BaseModel)

BUNDLED_LICENCE = "licence_yu_B2_20210467.yaml"
LICENCE_ENV_VAR = "LICENCECHECK_LICENCE"


def data_file(name: str) -> Path:
    """A data file shipped with licencecheck: inside the installed package, or in the
    checkout's `data/` folder when running from source."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "data" / name, here.parents[1] / "data" / name):
        if candidate.is_file():
            return candidate
    raise DataError(f"the bundled data file {name} is missing from this installation of licencecheck")


def licence_path(option: Path | None) -> Path:
    """The licence to use: --licence, else $LICENCECHECK_LICENCE, else the bundled licence."""
    if option is not None:
        return option
    from_env = os.environ.get(LICENCE_ENV_VAR)
    if from_env:
        return Path(from_env)
    return data_file(BUNDLED_LICENCE)


def load_licence(option: Path | None = None) -> Licence:
    from licencecheck.models import Licence

    return load_model(licence_path(option), Licence, what="licence file")


def load_model(path: Path, model: type[ModelT], *, what: str) -> ModelT:
    """Strict-load `path` and validate it as `model`; raise DataError listing every problem."""
    document = load_yaml(path, what=what)
    return validate_document(document, model, what=what)


def validate_document(document: Document, model: type[ModelT], *, what: str) -> ModelT:
    from pydantic import ValidationError

    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        problems = describe_errors(document, exc)
        if len(problems) == 1:
            raise DataError(f"{problems[0]} (in the {what})") from None
        raise DataError(f"{document.name}: invalid {what}, {len(problems)} problems:", problems) from None


def describe_errors(document: Document, exc: ValidationError) -> list[str]:
    """One line per problem: `file:line:column: field.path: message`."""
    from licencecheck.models import LOCATED_PROBLEMS

    lines = []
    for error in _without_other_branches(exc.errors(include_url=False)):
        context = error.get("ctx") or {}
        if error["type"] == LOCATED_PROBLEMS:
            # Each problem is located relative to the model that found it, which sits at error["loc"].
            for loc, message in context["problems"]:
                full = data_path(document.data, (*error["loc"], *loc))
                lines.append(_line(document, full, message, prefer_key=False))
            continue
        loc = data_path(document.data, error["loc"])
        message = error["msg"]
        if error["type"] == "extra_forbidden":
            message = "unknown key; it is not part of the schema (see `licencecheck schema`)"
        elif error["type"] == "missing":
            message = "required key is missing"
        elif error["type"] != "date_range" and _is_scalar(error.get("input")):
            message += f" (got {_short(error.get('input'))}){_hint(error['type'], error.get('input'))}"
        lines.append(_line(document, loc, message, prefer_key=error["type"] == "extra_forbidden"))
    return lines


def _without_other_branches(errors: list[Any]) -> list[Any]:
    """For a value that may be text or a mapping (`pages`, `services`): when a mapping was given
    and is wrong, pydantic also reports that it is not text; that line says nothing, drop it."""
    kept = []
    for error in errors:
        branch = tuple(error["loc"][:-1])
        other = any(o is not error and tuple(o["loc"][: len(branch)]) == branch for o in errors)
        if other and error["type"] == "string_type" and isinstance(error.get("input"), dict):
            continue
        kept.append(error)
    return kept


def _line(document: Document, loc: Loc, message: str, *, prefer_key: bool) -> str:
    return f"{document.where(loc, prefer_key=prefer_key)}: {dotted(loc) or '(top level)'}: {message}"


def data_path(data: Any, loc: tuple[int | str, ...]) -> Loc:
    """Drop the parts of a pydantic error location that are not in the data (union tags and
    validator names), keeping a final missing key."""
    path: list[str | int] = []
    node = data
    for index, part in enumerate(loc):
        if isinstance(node, dict) and isinstance(part, str):
            if part in node:
                node = node[part]
                path.append(part)
            elif index == len(loc) - 1:
                path.append(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            path.append(part)
    return tuple(path)


def dotted(loc: Loc) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _is_scalar(value: object) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _hint(error_type: str, value: object) -> str:
    """How to write the value, when YAML quoting is the likely slip."""
    if error_type == "string_type" and value is not None:
        return "; put text that YAML reads as a number or boolean in quotes"
    if error_type in ("int_type", "bool_type") and isinstance(value, str):
        return "; write it without quotes"
    return ""


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"
