"""The persona format as a JSON Schema, generated from the loader's own table of keys so the two always
agree. Shipped as interviewer/personas/data/persona.schema.json for editors with TOML schema support (Taplo, Even
Better TOML): validation and completion while a coach types."""

from __future__ import annotations

import json

from ..stages import STAGES
from .checks import VOICE_ENGINES
from .format import _ARRAYS, _SCHEMA, FOLLOW_UP_TRIGGERS
from .lines import default_lines

_TYPES = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    "strings": {"type": "array", "items": {"type": "string"}},
    "numbers": {"type": "object", "additionalProperties": {"type": "number", "minimum": 0, "maximum": 1}},
}
_EXTRA = {
    ("follow_up", "when"): {"enum": list(FOLLOW_UP_TRIGGERS)},
    ("follow_up", "stage"): {"enum": list(STAGES)},
    ("", "schema"): {"const": 1},
    ("voice", "rate"): {"minimum": 80, "maximum": 400},
    ("voice", "volume"): {"minimum": 0, "maximum": 1},
    ("voice", "engine"): {"enum": list(VOICE_ENGINES)},
    ("grading", "pass_score"): {"minimum": 0, "maximum": 100},
}


def _weights() -> dict:
    from ..judge.grading import default_rubric

    weight = {"type": "number", "minimum": 0, "maximum": 1}
    return {"properties": {d["name"]: weight for d in default_rubric().dimensions}, "additionalProperties": False}


def json_schema() -> dict:
    extra = {**_EXTRA, ("grading", "weights"): _weights()}
    properties: dict[str, dict] = {}
    required: list[str] = []
    for table, keys in _SCHEMA.items():
        if table == "":
            for key, (kind, needed) in keys.items():
                properties[key] = {**_TYPES[kind], **extra.get(("", key), {})}
                required += [key] if needed else []
            continue
        body = _object(table, keys, extra)
        properties[table] = {"type": "array", "items": body} if table in _ARRAYS else body
        if table not in _ARRAYS and any(needed for _, needed in keys.values()):
            required.append(table)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "interviewer persona",
        "description": "An interviewer persona for `interviewer practice` (schema = 1). See docs/personas.md.",
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _object(table: str, keys: dict, extra: dict) -> dict:
    if table == "reactions":
        line = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
        return {
            "type": "object",
            "properties": {name: line for name in default_lines().lines},
            "additionalProperties": False,
        }
    return {
        "type": "object",
        "properties": {key: {**_TYPES[kind], **extra.get((table, key), {})} for key, (kind, _) in keys.items()},
        "required": [key for key, (_, needed) in keys.items() if needed],
        "additionalProperties": False,
    }


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2) + "\n"
