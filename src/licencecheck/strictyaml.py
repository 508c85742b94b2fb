"""A strict YAML reader for compliance files.

PyYAML's safe loader silently keeps the last of two duplicate keys, expands anchors and aliases
(a nested-alias "bomb" can blow up memory), and applies YAML 1.1 implicit typing (`no` becomes
False, `2026-10-20` a date). A compliance file must not be read that loosely, so this module builds
the data itself from PyYAML's event stream: duplicate keys, anchors, aliases, explicit tags and
several documents are errors; plain scalars follow the YAML 1.2 core schema (null, booleans,
numbers) and everything else, dates included, stays text for the models to parse. Every value's
position is kept so that model errors can name file:line:column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from licencecheck.errors import DataError
from licencecheck.i18n import N_, _, quote
from licencecheck.inputs import read_text, what_name

MAX_NUMBER_CHARS = 40
"""Longer plain scalars are never read as numbers (no field holds a 40-digit number)."""

Loc = tuple[str | int, ...]

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_INT_OCT = re.compile(r"^0o[0-7]+$")
_INT_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_SPECIAL_FLOAT = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"), ".nan": float("nan")}


@dataclass
class Document:
    """Parsed YAML data plus the line:column of every key and value, for error messages."""

    name: str
    data: Any
    value_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def where(self, loc: Loc, *, prefer_key: bool = False) -> str:
        """`file:line:column` of the nearest known position for `loc`."""
        for end in range(len(loc), -1, -1):
            prefix = loc[:end]
            marks = (self.key_marks, self.value_marks) if prefer_key else (self.value_marks, self.key_marks)
            for table in marks:
                if prefix in table:
                    line, column = table[prefix]
                    return f"{self.name}:{line}:{column}"
        return self.name


def load_yaml(path: Path, *, what: str) -> Document:
    """Read and parse one YAML file whose top level must be a mapping."""
    text = read_text(path, what=what)
    return parse_yaml(text, str(path), what=what)


def parse_yaml(text: str, name: str, *, what: str) -> Document:
    """Parse YAML text into plain data with positions; see the module docstring for the rules."""
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    builder = _Builder(name)
    try:
        for event in yaml.parse(text, Loader=loader_class):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
        problem = exc.problem or exc.context
        said = yaml_problem(problem) if problem else _("invalid YAML")
        raise DataError(_("{where}: invalid YAML: {problem}").format(where=where, problem=said)) from None
    except yaml.reader.ReaderError as exc:
        # libyaml counts the position in UTF-8 bytes, PyYAML's own reader in characters.
        line, column = _line_column(text, exc.position, in_bytes=loader_class is not yaml.SafeLoader)
        raise DataError(
            _("{where}: invalid YAML: {character} is not allowed").format(
                where=f"{name}:{line}:{column}", character=_character(exc.character)
            )
        ) from None
    except yaml.YAMLError as exc:
        raise DataError(_("{where}: invalid YAML: {problem}").format(where=name, problem=exc)) from None
    if builder.documents == 0 or builder.root is None:
        raise DataError(_("{name}: {what} is empty").format(name=name, what=what_name(what)))
    if not isinstance(builder.root, dict):
        if isinstance(builder.root, list):
            message = _("{where}: the top level of a {what} must be a mapping of keys, not a list")
        else:
            message = _("{where}: the top level of a {what} must be a mapping of keys, not a single value ({value})")
        raise DataError(message.format(where=f"{name}:1:1", what=what_name(what), value=quote(builder.root)))
    return Document(name, builder.root, builder.value_marks, builder.key_marks)


YAML_PROBLEMS = {
    message.replace("}}", "}"): message
    for message in (
        N_("did not find expected ',' or ']'"),
        N_("did not find expected ',' or '}}'"),
        N_("did not find expected key"),
        N_("did not find expected node content"),
        N_("did not find expected '-' indicator"),
        N_("did not find expected <document start>"),
        N_("did not find expected comment or line break"),
        N_("did not find expected whitespace or line break"),
        N_("did not find expected alphabetic or numeric character"),
        N_("did not find expected hexdecimal number"),
        N_("did not find expected tag URI"),
        N_("did not find expected whitespace"),
        N_("could not find expected ':'"),
        N_("mapping values are not allowed in this context"),
        N_("mapping keys are not allowed in this context"),
        N_("block sequence entries are not allowed in this context"),
        N_("found character that cannot start any token"),
        N_("found a tab character that violates indentation"),
        N_("found a tab character where an indentation space is expected"),
        N_("found unexpected end of stream"),
        N_("found unexpected ':'"),
        N_("found unexpected document indicator"),
        N_("found undefined tag handle"),
        N_("found unknown escape character"),
        N_("found invalid Unicode character escape code"),
        N_("found an indentation indicator equal to 0"),
        N_("found unknown directive name"),
        N_("found incompatible YAML document"),
        N_("found duplicate %YAML directive"),
        N_("found duplicate %TAG directive"),
        N_("control characters are not allowed"),
        N_("invalid Unicode character"),
    )
}
"""libyaml's words for a syntax error (the C loader's; PyYAML's own are said as PyYAML says them),
and their messages in the catalogue (format strings: a brace is written twice)."""


def yaml_problem(problem: str) -> str:
    """A YAML syntax error's problem in the language of the run."""
    message = YAML_PROBLEMS.get(problem)
    return _(message).format() if message is not None else problem


def _line_column(text: str, position: int, *, in_bytes: bool) -> tuple[int, int]:
    """1-based line and column of a reader position, counting YAML's line breaks."""
    if in_bytes:
        position = len(text.encode("utf-8", "surrogatepass")[:position].decode("utf-8", "ignore"))
    breaks = list(_LINE_BREAK.finditer(text, 0, position))
    line_start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, position - line_start + 1


def _character(character: object) -> str:
    """`control character U+0007` for a reader error's character (a code point or a string)."""
    import unicodedata

    code = character if isinstance(character, int) else ord(str(character)[:1] or "\0")
    if unicodedata.category(chr(code)) == "Cc":
        return _("control character {code}").format(code=f"U+{code:04X}")
    return _("character {code}").format(code=f"U+{code:04X}")


def resolve_plain(value: str) -> Any:
    """Type a plain (unquoted) scalar by the YAML 1.2 core schema; dates stay text, and so does a
    number too long for any field (the model then refuses it, instead of Python's int limit)."""
    if len(value) > MAX_NUMBER_CHARS:
        return value
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _INT_OCT.match(value):
        return int(value[2:], 8)
    if _INT_HEX.match(value):
        return int(value[2:], 16)
    if value.lower() in _SPECIAL_FLOAT:
        return _SPECIAL_FLOAT[value.lower()]
    if _FLOAT.match(value) and any(ch.isdigit() for ch in value):
        return float(value)
    return value


class _Frame:
    __slots__ = ("container", "loc", "pending_key")

    def __init__(self, container: dict[str, Any] | list[Any], loc: Loc) -> None:
        self.container = container
        self.loc = loc
        self.pending_key: str | None = None


class _Builder:
    """Turns PyYAML events into dicts, lists and scalars, refusing what a strict file must not hold."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.root: Any = None
        self.documents = 0
        self.stack: list[_Frame] = []
        self.value_marks: dict[Loc, tuple[int, int]] = {}
        self.key_marks: dict[Loc, tuple[int, int]] = {}

    def _pos(self, event: Any) -> tuple[int, int]:
        return (event.start_mark.line + 1, event.start_mark.column + 1)

    def _fail(self, event: Any, message: str) -> DataError:
        line, column = self._pos(event)
        return DataError(_("{where}: {message}").format(where=f"{self.name}:{line}:{column}", message=message))

    def feed(self, event: Any) -> None:
        import yaml

        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self._fail(event, _("several YAML documents in one file; expected one"))
            return
        if isinstance(event, yaml.AliasEvent):
            raise self._fail(
                event, _("aliases ({alias}) are not allowed; write the value out").format(alias=f"*{event.anchor}")
            )
        if isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if event.anchor is not None:
                raise self._fail(
                    event,
                    _("anchors ({anchor}) are not allowed; write the value out").format(anchor=f"&{event.anchor}"),
                )
            if event.tag is not None and event.tag != "!":
                raise self._fail(event, _("explicit tags ({tag}) are not allowed").format(tag=event.tag))
        if isinstance(event, yaml.ScalarEvent):
            plain = event.implicit[0] and not event.style
            value = resolve_plain(event.value) if plain else event.value
            self._add(event, value, is_scalar=True, raw=event.value)
        elif isinstance(event, yaml.MappingStartEvent):
            mapping: dict[str, Any] = {}
            loc = self._add(event, mapping, is_scalar=False, raw=None)
            self.stack.append(_Frame(mapping, loc))
        elif isinstance(event, yaml.SequenceStartEvent):
            sequence: list[Any] = []
            loc = self._add(event, sequence, is_scalar=False, raw=None)
            self.stack.append(_Frame(sequence, loc))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.stack.pop()

    def _add(self, event: Any, value: Any, *, is_scalar: bool, raw: str | None) -> Loc:
        if not self.stack:
            self.root = value
            self.value_marks[()] = self._pos(event)
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            loc = (*frame.loc, len(frame.container))
            frame.container.append(value)
            self.value_marks[loc] = self._pos(event)
            return loc
        if frame.pending_key is None:
            if not is_scalar or raw is None:
                raise self._fail(event, _("mapping keys must be plain text, not lists or mappings"))
            key = raw
            loc = (*frame.loc, key)
            if key in frame.container:
                line, column = self.key_marks[loc]
                raise self._fail(
                    event,
                    _("duplicate key {key} (first defined at line {line}, column {column})").format(
                        key=quote(key), line=line, column=column
                    ),
                )
            self.key_marks[loc] = self._pos(event)
            frame.pending_key = key
            return loc
        key = frame.pending_key
        frame.pending_key = None
        loc = (*frame.loc, key)
        frame.container[key] = value
        self.value_marks[loc] = self._pos(event)
        return loc
