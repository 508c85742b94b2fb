"""The licence file's JSON Schema, generated from the models (never written by hand)."""

from __future__ import annotations

from typing import Any


def licence_schema() -> dict[str, Any]:
    from licencecheck.models import Licence

    generated = Licence.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://licencecheck.invalid/schema/licence-1.json",
        **generated,
    }


def report_schema() -> dict[str, Any]:
    """The one JSON envelope every command writes with `--format json` (`schema --report`)."""
    from licencecheck.report import JSON_SCHEMA_VERSION, Verdict

    verdicts = [verdict.value for verdict in Verdict]
    finding = _finding_schema(verdicts)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://licencecheck.invalid/schema/report-1.json",
        "title": "licencecheck report",
        "description": "`ok` is true exactly when the command exits 0.",
        "type": "object",
        "required": ["schema_version", "tool", "command", "licence", "on", "ok", "strict", "summary", "findings"],
        "properties": {
            "schema_version": {"const": JSON_SCHEMA_VERSION},
            "tool": {
                "type": "object",
                "required": ["name", "version"],
                "properties": {"name": {"const": "licencecheck"}, "version": {"type": "string"}},
            },
            "command": {"type": "string"},
            "licence": {
                "type": "string",
                "description": "The licence number; a portfolio's numbers joined with ', ' ('' when there is none).",
            },
            "licences": {"type": "array", "items": {"type": "string"}, "description": "Every licence answered for."},
            "on": {"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]},
            "ok": {"type": "boolean"},
            "strict": {"type": "boolean"},
            "summary": {
                "type": "object",
                "required": verdicts,
                "additionalProperties": {"type": "integer", "minimum": 0},
                "description": "How many findings have each verdict (batches add their own counts).",
            },
            "notes": {"type": "array", "items": {"type": "string"}},
            "findings": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
            "timeline": _timeline_schema(),
        },
        "$defs": {"finding": finding, "timeline_item": _timeline_item_schema()},
    }


def _finding_schema(verdicts: list[str]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["check", "subject", "verdict", "message", "clause", "data"],
        "additionalProperties": False,
        "properties": {
            "check": {"type": "string", "description": "The check, or the obligation id from the licence data."},
            "subject": {"type": "string", "description": "What was checked: a target, a term, a page, a file."},
            "licence": {
                "anyOf": [{"type": "string"}, {"type": "null"}],
                "description": "The licence the verdict rests on (null: none, e.g. an invalid target).",
            },
            "verdict": {"enum": verdicts, "description": "error: the input could not be checked."},
            "message": {"type": "string"},
            "clause": {"type": "string", "description": "The licence clause or regulation the verdict rests on."},
            "data": {"type": "object", "description": "Details; `status` where the check has one."},
        },
    }


DATE = {"type": "string", "format": "date"}


def _timeline_schema() -> dict[str, Any]:
    item = {"$ref": "#/$defs/timeline_item"}
    return {
        "type": "object",
        "description": "`timeline` only: every item its chart (--svg) draws, with the dates and words drawn.",
        "required": ["on", "axis", "bands", "day_checked", "legend", "notes"],
        "additionalProperties": False,
        "properties": {
            "on": DATE,
            "axis": {
                "type": "object",
                "required": ["from", "to"],
                "additionalProperties": False,
                "properties": {"from": DATE, "to": DATE},
                "description": "The days at the ends of the chart's axis.",
            },
            "bands": {
                "type": "array",
                "description": "One band a licence, labelled with its number, its items row by row.",
                "items": {
                    "type": "object",
                    "required": ["licence", "items"],
                    "additionalProperties": False,
                    "properties": {"licence": {"type": "string"}, "items": {"type": "array", "items": item}},
                },
            },
            "day_checked": item,
            "legend": {
                "type": "array",
                "description": "The legend's entries: exactly the `legend` keys the items use.",
                "items": {
                    "type": "object",
                    "required": ["key", "text"],
                    "additionalProperties": False,
                    "properties": {"key": {"type": "string"}, "text": {"type": "string"}},
                },
            },
            "notes": {"type": "array", "items": {"type": "string"}, "description": "Drawn under the title."},
        },
    }


def _timeline_item_schema() -> dict[str, Any]:
    optional_date = {"anyOf": [DATE, {"type": "null"}]}
    return {
        "type": "object",
        "required": ["id", "kind", "licence", "row", "start", "end", "status", "label", "legend"],
        "properties": {
            "id": {"type": "string", "description": "The id of its group in the SVG (after the chart's id prefix)."},
            "kind": {"enum": ["validity", "window", "deadline", "retention", "day-checked"]},
            "licence": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            "row": {
                "anyOf": [{"type": "string"}, {"type": "null"}],
                "description": "The row it is drawn in: validity, or the obligation id.",
            },
            "start": DATE,
            "end": {**DATE, "description": "The last day; a deadline's due day (start and end are that day)."},
            "status": {
                "anyOf": [{"type": "string"}, {"type": "null"}],
                "description": "Its finding's data.status (the validity's state).",
            },
            "label": {"type": "array", "items": {"type": "string"}, "description": "The lines of words drawn."},
            "legend": {"type": "array", "items": {"type": "string"}, "description": "The legend entries it uses."},
            "subject": {"type": "string", "description": "The subject of its finding."},
            "issued_on": DATE,
            "lapse": {
                "anyOf": [
                    {"type": "object", "required": ["start", "end"], "properties": {"start": DATE, "end": DATE}},
                    {"type": "null"},
                ],
                "description": "validity: from the day after the validity end to the day checked, once past it.",
            },
            "trigger": {**optional_date, "description": "deadline: the day of the event it counts from."},
            "filed_on": optional_date,
            "estimate": {"type": "boolean"},
        },
    }
