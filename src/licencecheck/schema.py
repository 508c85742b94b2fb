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
