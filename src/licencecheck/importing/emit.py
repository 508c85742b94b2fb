"""Writing the licence as YAML a person can read and the strict loader accepts: block style,
keys in the order given, CJK as is, long texts folded (`>-`), comments where the importer has
something to say, and every gap as `null  # GAP: … (text line N)`.

Scalars are written plain when the YAML 1.2 core schema (the strict loader's) and YAML 1.1
readers (editors) would both read them back as the same text, and double-quoted otherwise.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from licencecheck.i18n import _
from licencecheck.importing.parsed import Gap
from licencecheck.strictyaml import resolve_plain

INDENT = "  "
FOLD_AFTER = 40
"""Texts longer than this are written as folded blocks."""

_PLAIN_FIRST = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`]")
_YAML11_WORDS = {"y", "n", "yes", "no", "on", "off"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


class Folded(str):
    """A long text, written as a `>-` block (one line: the value is exactly the text)."""

    __slots__ = ()


def comment_lines(lines: list[str], indent: str = "") -> list[str]:
    return [f"{indent}# {line}".rstrip() for line in lines]


def mapping_lines(mapping: dict[str, Any], level: int = 0) -> list[str]:
    indent = INDENT * level
    out: list[str] = []
    for key, value in mapping.items():
        out += _entry(f"{indent}{key}:", value, level)
    return out


def _entry(head: str, value: Any, level: int) -> list[str]:
    if isinstance(value, Gap):
        return [f"{head} null  {gap_comment(value)}"]
    if isinstance(value, dict):
        return [f"{head} {{}}"] if not value else [head, *mapping_lines(value, level + 1)]
    if isinstance(value, list):
        return [f"{head} []"] if not value else [head, *_sequence_lines(value, level + 1)]
    if isinstance(value, Folded) and _foldable(value):
        return [f"{head} >-", f"{INDENT * (level + 1)}{value}"]
    return [f"{head} {scalar(value)}"]


def _sequence_lines(items: list[Any], level: int) -> list[str]:
    indent = INDENT * level
    out: list[str] = []
    for item in items:
        if isinstance(item, dict) and item:
            body = mapping_lines(item, level + 1)
            out += [f"{indent}- {body[0].lstrip()}", *body[1:]]
        elif isinstance(item, Gap):
            out.append(f"{indent}- null  {gap_comment(item)}")
        elif isinstance(item, (dict, list)):
            out.append(f"{indent}- {'{}' if isinstance(item, dict) else '[]'}")
        else:
            out.append(f"{indent}- {scalar(item)}")
    return out


def gap_comment(gap: Gap) -> str:
    message = " ".join(gap.message.split())
    return _("# GAP: {message} (text line {line})").format(message=message, line=gap.line)


def _foldable(text: str) -> bool:
    return bool(text) and text == text.strip() and not _CONTROL.search(text) and "\n" not in text


def scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return text if is_plain_safe(text) else json.dumps(text, ensure_ascii=False)


def is_plain_safe(text: str) -> bool:
    """Can `text` be written unquoted in block context and read back as this very text?"""
    return (
        bool(_PLAIN_FIRST.match(text))
        and text == text.strip()
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and not _CONTROL.search(text)
        and text.lower() not in _YAML11_WORDS
        and resolve_plain(text) == text
        and isinstance(resolve_plain(text), str)
    )


def fold_long(text: str) -> str:
    return Folded(text) if len(text) > FOLD_AFTER else text
