"""The text of each content file: articles, briefings, ``topics.yaml`` and edition snapshots.

Pure conversions between the domain objects (:mod:`briefgen.model`) and the bytes briefgen
writes, with no I/O: :mod:`briefgen.store` reads and writes the files, ingest's workers render a
record's text with :func:`article_to_text`, and the staleness rule and the build hash it. The
same object always gives the same text, and a file written by briefgen reads back to an equal
object whose text is byte-identical. Parse errors name the file, line and field.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from briefgen import yamlio
from briefgen.errors import SchemaError
from briefgen.model import Article, Briefing, Edition, Topic
from briefgen.yamlcomments import keep_comments

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schemas/briefing.schema.json\n"
"""The first line of a briefing unit: editors' YAML language servers validate it with the schema."""
_FRONT = "---\n"


# --- articles ---------------------------------------------------------------------------------


_NOT_IN_FRONT_MATTER = frozenset({"id", "paragraphs"})


def article_to_text(article: Article) -> str:
    """An article record as Markdown: front matter, then one sentence a line, paragraphs apart."""
    meta = article.to_dict(exclude_none=True, exclude=_NOT_IN_FRONT_MATTER)
    if not meta.get("duplicates"):
        meta.pop("duplicates", None)
    body = "\n\n".join("\n".join(p) for p in article.paragraphs)
    return f"{_FRONT}{yamlio.dump(meta)}{_FRONT}\n{body}\n"


def article_from_text(text: str, file: str | Path, *, article_id: str) -> Article:
    """Parse an article record; errors name the file and line."""
    if not text.startswith(_FRONT):
        raise SchemaError("article must start with '---' front matter", file=file, line=1)
    end = text.find("\n---\n", 3)
    if end < 0:
        raise SchemaError("front matter is not closed by a '---' line", file=file, line=1)
    front = text[4 : end + 1]
    meta = yamlio.load(front, file, line_offset=1)
    if not isinstance(meta, dict):
        raise SchemaError("front matter must be a mapping", file=file, line=2)
    body_start_line = front.count("\n") + 3
    paragraphs = [
        [line.strip() for line in block.split("\n") if line.strip()]
        for block in re.split(r"\n[ \t]*\n", text[end + 5 :].strip("\n"))
    ]
    paragraphs = [p for p in paragraphs if p]
    if "id" in meta or "paragraphs" in meta:
        key = "id" if "id" in meta else "paragraphs"
        line = yamlio.locate(front, (key,), line_offset=1)
        raise SchemaError("unknown key (it comes from the file)", file=file, line=line, field=key)
    if not paragraphs:
        raise SchemaError("article body is empty", file=file, line=body_start_line)
    data: dict[str, Any] = {"id": article_id, **meta, "paragraphs": paragraphs}
    return yamlio.validate(Article, data, file=file, text=front, line_offset=1)


# --- briefings --------------------------------------------------------------------------------


_DEFAULT_MARKS: dict[str, Any] = {"edited": False, "single_source": False, "times": []}
"""Statement and event keys left out of a unit when they hold their default."""


def _plain(value: Any) -> Any:
    """Drop ``edited: false`` and the other default marks; write citation lists in flow style."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k in _DEFAULT_MARKS and v == _DEFAULT_MARKS[k]:
                continue
            out[k] = yamlio.FlowList(v) if k == "cite" else _plain(v)
        return out
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def briefing_to_text(briefing: Briefing, previous: str | None = None) -> str:
    """A briefing unit as deterministic YAML, headed by the editor schema comment, carrying the
    comments an editor wrote in ``previous`` (the file's current text) on the same statements."""
    data = briefing.to_dict(exclude_none=True)
    text = SCHEMA_COMMENT + yamlio.dump(_plain(data))
    if previous is None:
        return text
    return keep_comments(previous, text, ignore=frozenset({SCHEMA_COMMENT.strip()}))


def briefing_from_text(text: str, file: str | Path) -> Briefing:
    """Parse a briefing unit; every error names file, line and field path."""
    data = yamlio.load(text, file)
    if not isinstance(data, dict):
        raise SchemaError("a briefing must be a YAML mapping", file=file, line=1)
    return yamlio.validate(Briefing, data, file=file, text=text)


# --- topics -----------------------------------------------------------------------------------


def topics_to_text(topics: list[Topic]) -> str:
    """The topic registry as YAML, topics sorted by slug."""
    items = [t.to_dict() for t in sorted(topics, key=lambda t: t.slug)]
    return yamlio.dump({"topics": items})


def topics_from_text(text: str, file: str | Path) -> list[Topic]:
    """Parse ``topics.yaml``; duplicate slugs are an error."""
    data = yamlio.load(text, file)
    if data is None:
        return []
    if (
        not isinstance(data, dict)
        or set(data) != {"topics"}
        or not isinstance(data["topics"], list)
    ):
        raise SchemaError("expected a mapping with one key, 'topics', holding a list", file=file)
    topics: list[Topic] = []
    seen: set[str] = set()
    for i, item in enumerate(data["topics"]):
        topic = yamlio.validate(Topic, item, file=file, text=text, line_offset=0)
        if topic.slug in seen:
            line = yamlio.locate(text, ("topics", i))
            raise SchemaError(
                f"duplicate topic {topic.slug!r}", file=file, line=line, field=f"topics.{i}"
            )
        seen.add(topic.slug)
        topics.append(topic)
    return topics


# --- editions ---------------------------------------------------------------------------------


def edition_to_text(edition: Edition) -> str:
    """An edition snapshot as indented JSON with a trailing newline."""
    data = edition.to_dict(exclude_none=True)
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def edition_from_text(text: str, file: str | Path) -> Edition:
    """Parse an edition snapshot."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SchemaError(f"invalid JSON: {exc.msg}", file=file, line=exc.lineno) from None
    return yamlio.validate(Edition, data, file=file)
