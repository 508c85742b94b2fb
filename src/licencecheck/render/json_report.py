"""JSON: one object with `schema_version` and a top-level boolean `ok`."""

from __future__ import annotations

import json
from typing import Any

from licencecheck.report import Report


def render_json(report: Report) -> str:
    return dumps(report.as_json())


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
