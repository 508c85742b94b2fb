"""Load YAML files into models, with errors that name file:line:column and the field path.

Used for the licence, and by later commands for records, calendars and manifests, so that every
input file is read by the same strict rules.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from licencecheck.errors import DataError
from licencecheck.i18n import N_, _, language, listing
from licencecheck.inputs import what_name

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

    from licencecheck.models import Licence
    from licencecheck.strictyaml import Document, Loc

    ModelT = TypeVar("ModelT", bound=BaseModel)

BUNDLED_LICENCE = "licence_yu_B2_20210467.yaml"
CATALOGUE_FILE = "catalogue_2015.yaml"
LICENCE_ENV_VAR = "LICENCECHECK_LICENCE"


def data_file(name: str) -> Path:
    """A data file shipped with licencecheck: inside the installed package, or in the
    checkout's `data/` folder when running from source."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "data" / name, here.parents[1] / "data" / name):
        if candidate.is_file():
            return candidate
    raise DataError(
        _("the bundled data file {name} is missing from this installation of licencecheck").format(name=name)
    )


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
    """Strict-load `path` and validate it as `model`; raise DataError listing every problem. A file
    validated before, byte for byte, by the same code, comes from the cache (`licencecheck.cache`)."""
    from licencecheck.inputs import read_text

    return model_from_text(read_text(path, what=what), path, model, what=what)


def model_from_text(text: str, path: Path, model: type[ModelT], *, what: str) -> ModelT:
    """`text`, read from `path`, validated as `model` (from the cache when validated before)."""
    from licencecheck.cache import validated

    return validated(text.encode("utf-8"), model, lambda: parse_and_validate(text, path, model, what=what))


def parse_and_validate(text: str, path: Path, model: type[ModelT], *, what: str) -> ModelT:
    from licencecheck.strictyaml import parse_yaml

    return validate_document(parse_yaml(text, str(path), what=what), model, what=what)


def validate_document(document: Document, model: type[ModelT], *, what: str) -> ModelT:
    from pydantic import ValidationError

    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        problems = describe_errors(document, exc)
        if len(problems) == 1:
            raise DataError(_("{problem} (in the {what})").format(problem=problems[0], what=what_name(what))) from None
        # TRANSLATORS: {count} is 2 or more; the problems follow, one a line.
        head = _("{name}: invalid {what}, {count} problems:")
        raise DataError(head.format(name=document.name, what=what_name(what), count=len(problems)), problems) from None


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
        message = error_message(error)
        if error["type"] == "extra_forbidden":
            message = _("unknown key; it is not part of the schema (see `licencecheck schema`)")
        elif error["type"] == "missing":
            message = _("required key is missing")
        elif error["type"] != "date_range" and _is_scalar(error.get("input")):
            message += _(" (got {value})").format(value=_short(error.get("input")))
            message += _hint(error["type"], error.get("input"))
        lines.append(_line(document, loc, message, prefer_key=error["type"] == "extra_forbidden"))
    return lines


PYDANTIC_MESSAGES = {
    "string_type": N_("Input should be a valid string"),
    "string_unicode": N_("Input should be a valid string"),
    "int_type": N_("Input should be a valid integer"),
    "int_parsing": N_("Input should be a valid integer"),
    "int_from_float": N_("Input should be a valid integer, got a number with a fractional part"),
    "float_type": N_("Input should be a valid number"),
    "float_parsing": N_("Input should be a valid number"),
    "finite_number": N_("Input should be a finite number"),
    "bool_type": N_("Input should be a valid boolean"),
    "bool_parsing": N_("Input should be a valid boolean"),
    "none_required": N_("Input should be None"),
    "list_type": N_("Input should be a valid list"),
    "tuple_type": N_("Input should be a valid list"),
    "set_type": N_("Input should be a valid list"),
    "frozen_set_type": N_("Input should be a valid list"),
    "iterable_type": N_("Input should be a valid list"),
    "dict_type": N_("Input should be a valid dictionary"),
    "mapping_type": N_("Input should be a valid dictionary"),
    "model_type": N_("Input should be a valid dictionary"),
    "model_attributes_type": N_("Input should be a valid dictionary"),
    "dataclass_type": N_("Input should be a valid dictionary"),
    "invalid_key": N_("Keys should be strings"),
    "too_short": N_("should have at least {min_length} items, not {actual_length}"),
    "too_long": N_("should have at most {max_length} items, not {actual_length}"),
    "string_too_short": N_("String should have at least {min_length} characters"),
    "string_too_long": N_("String should have at most {max_length} characters"),
    "string_pattern_mismatch": N_("String should match pattern '{pattern}'"),
    "string_not_ascii": N_("String should contain only ASCII characters"),
    "greater_than": N_("Input should be greater than {gt}"),
    "greater_than_equal": N_("Input should be greater than or equal to {ge}"),
    "less_than": N_("Input should be less than {lt}"),
    "less_than_equal": N_("Input should be less than or equal to {le}"),
    "multiple_of": N_("Input should be a multiple of {multiple_of}"),
    "literal_error": N_("Input should be {expected}"),
    "enum": N_("Input should be {expected}"),
    "union_tag_invalid": N_(
        "Input tag '{tag}' found using {discriminator} does not match any of the expected tags: {expected_tags}"
    ),
    "union_tag_not_found": N_("Unable to extract tag using discriminator {discriminator}"),
    "date_type": N_("write a date as YYYY-MM-DD text, e.g. 2026-10-20"),
    "date_parsing": N_("write a date as YYYY-MM-DD text, e.g. 2026-10-20"),
    "date_from_datetime_parsing": N_("write a date as YYYY-MM-DD text, e.g. 2026-10-20"),
    "date_from_datetime_inexact": N_("write a date as YYYY-MM-DD text, e.g. 2026-10-20"),
    "datetime_type": N_("Input should be a valid datetime"),
    "datetime_parsing": N_("Input should be a valid datetime"),
    "frozen_instance": N_("Instance is frozen"),
    "recursion_loop": N_("Recursion error - cyclic reference detected"),
}
"""pydantic's messages by error type, for languages other than English (pydantic speaks English
only). Each template uses only the error's `ctx` names, so that a translation can be formatted
with them; an alternative (`'a', 'b' or 'c'`) is listed as the language lists."""


def error_message(error: Any) -> str:
    """What pydantic says is wrong, in the language of the run: in English pydantic's own words
    (`Field required`); otherwise the catalogue's, by error type (pydantic's words for a type not
    in PYDANTIC_MESSAGES)."""
    context = error.get("ctx") or {}
    if language() == "en":
        return str(error["msg"])
    kind = error["type"]
    if kind in ("value_error", "assertion_error") and "error" in context:
        return str(context["error"])
    if kind not in PYDANTIC_MESSAGES:  # pydantic's words, or ours (translated when raised)
        return str(error["msg"])
    values = {name: _alternatives(str(value)) for name, value in context.items()}
    try:
        return _(PYDANTIC_MESSAGES[kind]).format_map(values)
    except (KeyError, IndexError, ValueError):
        return str(error["msg"])


def _alternatives(text: str) -> str:
    """pydantic's `'a', 'b' or 'c'` as the language lists alternatives (`'a'、'b'或'c'`)."""
    items = re.split(r"(?<=')(?:, | or )(?=')", text)
    if len(items) < 2:
        return text
    return _("{items} or {last}").format(items=listing(items[:-1]), last=items[-1])


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
    where = document.where(loc, prefer_key=prefer_key)
    return _("{where}: {key}: {message}").format(where=where, key=dotted(loc) or _("(top level)"), message=message)


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
        return _("; put text that YAML reads as a number or boolean in quotes")
    if error_type in ("int_type", "bool_type") and isinstance(value, str):
        return _("; write it without quotes")
    return ""


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"
