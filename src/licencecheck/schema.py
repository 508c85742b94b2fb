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
        },
        "$defs": {"finding": finding},
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
