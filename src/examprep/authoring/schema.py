"""The JSON Schema of bank files, for editors (draft-07: what yaml-language-server validates)."""

from __future__ import annotations

import json
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue

from examprep.core.models import Bank

SCHEMA_ID = "https://examprep.invalid/schema/question-bank.schema.json"


class _Draft07(GenerateJsonSchema):
    def generate(self, schema: Any, mode: Any = "validation") -> JsonSchemaValue:
        out = super().generate(schema, mode=mode)
        # draft-07 has `definitions`, not `$defs`; editors resolve either as a JSON pointer, but
        # keep to the dialect we declare.
        text = json.dumps(out).replace('"$defs"', '"definitions"').replace("#/$defs/", "#/definitions/")
        body: dict[str, Any] = json.loads(text)
        return {"$schema": "http://json-schema.org/draft-07/schema#", "$id": SCHEMA_ID, **body}


def bank_schema() -> dict[str, Any]:
    """The bank-file JSON Schema as a dict."""
    return Bank.model_json_schema(schema_generator=_Draft07)


def bank_schema_text() -> str:
    """The bank-file JSON Schema, formatted as committed in ``schema/``."""
    return json.dumps(bank_schema(), indent=2, ensure_ascii=False) + "\n"
