"""The bytes digests and content files are made of are the ones briefgen wrote under pydantic.

``fixtures/pydantic_bytes.json`` holds hostile records (control characters, quotes, backslashes,
U+2028, non-BMP characters, BOM, floats such as 0.1, 1e-7, 1.0, 5e-324) as plain data, and what
briefgen 88a27e7 (pydantic 2.13) wrote from them: the JSON the digests hash, the digests, and
the article, briefing, topics and edition files. A difference would make every existing
project's briefings stale and its site rebuild.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from briefgen import records, staleness
from briefgen.config import Settings
from briefgen.model import Article, Briefing, Edition, Topic
from briefgen.publish import facts

FIXTURE = json.loads((Path(__file__).parent / "fixtures" / "pydantic_bytes.json").read_text())
SPEC = FIXTURE["input"]
EXPECTED: dict[str, Any] = FIXTURE["pydantic"]


def _ours() -> dict[str, Any]:
    arts = [Article.validate(a) for a in SPEC["articles"]]
    tops = [Topic.validate(t) for t in SPEC["topics"]]
    briefings = [Briefing.validate(b) for b in SPEC["briefings"]]
    edition = Edition.validate(
        {
            "id": "2025-11-05",
            "released": "2025-11-05",
            "topics": SPEC["topics"],
            "briefings": SPEC["briefings"],
            "articles": SPEC["articles"],
        }
    )
    settings = Settings.validate({})
    return {
        "article_json": [a.to_json().decode() for a in arts],
        "topic_json": [t.to_json().decode() for t in tops],
        "edition_json": edition.to_json(exclude_none=True).decode(),
        "topic_fingerprint": [staleness.topic_fingerprint(t.slug, t) for t in tops],
        "inputs_digest": staleness.inputs_digest(
            arts, settings, "extractive", "9", "demo", tops[0]
        ),
        "content_digest": facts.content_digest(edition),
        "source_facts": [
            [s.id, s.text, s.record, s.topic_title] for s in facts.source_facts(edition)
        ],
        "briefing_digests": [list(t) for t in facts.edition_facts(edition).topics],
        "article_text": [records.article_to_text(a) for a in arts],
        "briefing_text": [records.briefing_to_text(b) for b in briefings],
        "topics_text": records.topics_to_text(tops),
        "edition_text": records.edition_to_text(edition),
    }


OURS = _ours()


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [s for item in items for s in _strings(item)]


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_bytes_equal_what_pydantic_wrote(key: str) -> None:
    """Each JSON string, digest and file text equals pydantic's, character for character."""
    assert OURS[key] == EXPECTED[key]


def test_fixture_is_hostile() -> None:
    """The fixture exercises the characters and floats a JSON encoder may write differently."""
    text = "".join(_strings(SPEC))
    for char in ("\x00", "\x1f", "\x7f", '"', "\\", "\u2028", "\U0001f600", "\ufeff"):
        assert char in text, repr(char)
    floats = {d["similarity"] for a in SPEC["articles"] for d in a.get("duplicates", [])}
    assert {0.1, 1e-7, 1.0, 0.0, 5e-324} <= floats
