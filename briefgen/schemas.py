"""JSON Schemas of the content files, generated from the model (committed in ``schemas/``)."""

from __future__ import annotations

import json
from typing import Any

from briefgen.model import Article, Briefing, Edition

SCHEMA_NAMES = ("briefing", "article", "edition")


def _article_front_matter() -> dict[str, Any]:
    schema = Article.model_json_schema(by_alias=True)
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
        schema = Briefing.model_json_schema(by_alias=True)
        schema["title"] = "Briefing unit"
        schema["description"] = "content/briefings/<topic>.yaml (schema briefgen/briefing@1)."
    elif name == "article":
        schema = _article_front_matter()
    elif name == "edition":
        schema = Edition.model_json_schema(by_alias=True)
        schema["title"] = "Edition snapshot"
    else:
        raise ValueError(f"unknown schema {name!r}; expected one of {', '.join(SCHEMA_NAMES)}")
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
