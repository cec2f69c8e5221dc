"""The committed JSON Schemas match the model, and the briefing comment points at them."""

from __future__ import annotations

import json

import pytest

from briefgen.records import SCHEMA_COMMENT
from briefgen.schemas import SCHEMA_NAMES, json_schema

from conftest import REPO


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_committed_schema_is_fresh(name: str) -> None:
    """schemas/<name>.schema.json equals `briefgen schema <name>` (regenerate it if this fails)."""
    committed = (REPO / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == json_schema(name), (
        f"run: briefgen schema {name} > schemas/{name}.schema.json"
    )


def test_briefing_schema_comment_resolves() -> None:
    """The yaml-language-server comment in briefing files points at the committed schema."""
    target = SCHEMA_COMMENT.split("$schema=", 1)[1].strip()
    assert (REPO / "content" / "briefings" / target).resolve() == (
        REPO / "schemas" / "briefing.schema.json"
    )


def test_article_schema_describes_front_matter_only() -> None:
    """The article schema lists front-matter keys; id and body come from the file itself."""
    schema = json.loads(json_schema("article"))
    assert "id" not in schema["properties"] and "paragraphs" not in schema["properties"]
    assert {"topic", "title", "published", "published_basis"} <= set(schema["required"])
