"""JSON Schemas of the content files, generated from the model (committed in ``schemas/``).

msgspec writes each schema; :func:`_conventional` gives it the layout the committed files have
always had: the root type inline, definitions under ``$defs``, a title on every field, one-value
enums as ``const``, keys sorted (fields keep their declaration order).
"""

from __future__ import annotations

import json
import typing
from typing import Any, get_args

import msgspec

from briefgen.model import Article, Briefing, Edition
from briefgen.structs import Record, literal_values, schema_hook, schema_pattern

SCHEMA_NAMES = ("briefing", "article", "edition")


def _title(name: str) -> str:
    return " ".join(word.capitalize() for word in name.split("_"))


def _records(kind: Any, found: dict[str, type[Record]]) -> dict[str, type[Record]]:
    """Every record type reachable from ``kind``, by name."""
    if isinstance(kind, type) and issubclass(kind, Record):
        if kind.__name__ not in found:
            found[kind.__name__] = kind
            for hint in typing.get_type_hints(kind, include_extras=True).values():
                _records(hint, found)
    else:
        for arg in get_args(kind):
            _records(arg, found)
    return found


def _typed_enum(schema: dict[str, Any], declared: tuple[Any, ...]) -> dict[str, Any]:
    """A string enum with ``type``, its values in declaration order (msgspec sorts them)."""
    values = schema.get("enum")
    if not values or not all(isinstance(v, str) for v in values):
        return schema
    if set(declared) == set(values):
        values = list(declared)
    out = {k: v for k, v in schema.items() if k != "enum"}
    if len(values) == 1:
        return {**out, "const": values[0], "type": "string"}
    return {**out, "enum": values, "type": "string"}


def _sorted(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        if key == "default":
            return value
        items = value.items() if key == "properties" else sorted(value.items())
        return {k: _sorted(v, k) for k, v in items}
    if isinstance(value, list) and key != "default":
        return [_sorted(v) for v in value]
    return value


def _conventional(kind: type[Record]) -> dict[str, Any]:
    raw = msgspec.json.schema(kind, schema_hook=schema_hook)
    defs: dict[str, Any] = raw["$defs"]
    records = _records(kind, {})
    for def_name, definition in defs.items():
        record = records[def_name]
        hints = typing.get_type_hints(record, include_extras=True)
        attrs = dict(zip(record.__struct_encode_fields__, record.__struct_fields__, strict=True))
        props = definition.get("properties", {})
        for name, prop in props.items():
            declared = literal_values(hints[attrs[name]])
            prop = _typed_enum(prop, declared)
            for i, option in enumerate(prop.get("anyOf", ())):
                prop["anyOf"][i] = _typed_enum(option, declared)
            if set(prop) != {"$ref"}:
                prop = {**prop, "title": _title(name)}
            props[name] = prop
    root = defs.pop(kind.__name__)
    schema = {**({"$defs": defs} if defs else {}), **root}
    result: dict[str, Any] = _sorted(_json_patterns(schema))
    return result


def _json_patterns(value: Any) -> Any:
    """``value`` with each ``pattern`` written as JSON Schema reads it (``$``, not ``\\Z``)."""
    if isinstance(value, dict):
        return {
            k: schema_pattern(v) if k == "pattern" and isinstance(v, str) else _json_patterns(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_json_patterns(v) for v in value]
    return value


def _article_front_matter() -> dict[str, Any]:
    schema = _conventional(Article)
    for key in ("id", "paragraphs"):
        schema["properties"].pop(key, None)
        if key in schema.get("required", []):
            schema["required"].remove(key)
    schema["title"] = "Article front matter"
    schema["description"] = (
        "YAML front matter of content/articles/<topic>/<id>.md. The id is the file stem; the body "
        "after the front matter holds one sentence a line, paragraphs separated by a blank line."
    )
    return schema


def json_schema(name: str) -> str:
    """The JSON Schema for ``briefing``, ``article`` (front matter) or ``edition`` as text."""
    if name == "briefing":
        schema = _conventional(Briefing)
        schema["title"] = "Briefing unit"
        schema["description"] = "content/briefings/<topic>.yaml (schema briefgen/briefing@1)."
    elif name == "article":
        schema = _article_front_matter()
    elif name == "edition":
        schema = _conventional(Edition)
        schema["title"] = "Edition snapshot"
    else:
        raise ValueError(f"unknown schema {name!r}; expected one of {', '.join(SCHEMA_NAMES)}")
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
