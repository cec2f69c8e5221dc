"""``content/`` on disk: articles, briefings, topics and editions. The only module that touches it.

Layout (see DESIGN.md)::

    content/articles/<topic>/<YYYY-MM-DD>-<slug>.md   YAML front matter + body
    content/briefings/<topic>.yaml                    briefing unit
    content/topics.yaml                               topic registry
    content/editions/<edition-id>.json                frozen snapshot

Every write is atomic and deterministic: the same object always produces the same bytes, and a
load -> save round trip of a file written by briefgen is byte-identical.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from pathlib import Path
from typing import Any

from briefgen import yamlio
from briefgen.errors import SchemaError
from briefgen.model import (
    EDITION_ID_PATTERN,
    SLUG_PATTERN,
    Article,
    Briefing,
    Edition,
    Topic,
)
from briefgen.yamlcomments import keep_comments

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schemas/briefing.schema.json\n"
_FRONT = "---\n"


_TEMP_FLAGS = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def _open_temp(path: Path) -> tuple[int, str]:
    """A new, exclusively created ``.<name>.<random>.tmp`` next to ``path``, with mode 0o666
    less the umask (what a new file gets; mkstemp would give 0o600)."""
    for _ in range(100):
        tmp = os.path.join(path.parent, f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, _TEMP_FLAGS, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name next to {path}")


def atomic_write(path: Path, data: str | bytes) -> bool:
    """Write ``data`` to ``path`` via a temp file and rename. Returns False when bytes are equal.

    A new file gets 0o666 less the umask; a rewritten one keeps its mode."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    mode: int | None = None
    if path.is_file():
        if path.read_bytes() == raw:
            return False
        mode = path.stat().st_mode & 0o777
    try:
        fd, tmp = _open_temp(path)
    except (FileNotFoundError, NotADirectoryError):  # no folder yet: make it (as before)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _open_temp(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def read_utf8(path: Path) -> str:
    """The text of ``path``; a :class:`SchemaError` naming the file when it cannot be read or is
    not valid UTF-8."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise SchemaError("file is not valid UTF-8", file=path) from None
    except OSError as exc:
        raise SchemaError(f"cannot read: {exc.strerror}", file=path) from None


def check_slug(value: str, what: str = "slug") -> str:
    """Return ``value`` if it is a safe slug, else raise :class:`SchemaError` naming it."""
    if not isinstance(value, str) or not re.match(SLUG_PATTERN, value):
        raise SchemaError(
            f"{what} {value!r} is not valid "
            "(lowercase letters, digits and single hyphens; no '/', '..' or capitals)"
        )
    return value


def check_edition_id(value: str) -> str:
    """Return ``value`` if it is a safe edition id (``2025-11-05``, ``v1.2``), else raise."""
    if not re.match(EDITION_ID_PATTERN, value):
        raise SchemaError(
            f"edition id {value!r} is not valid (lowercase letters, digits, '-' and '.'; "
            "no '/', '..' or capitals)"
        )
    return value


# --- articles ---------------------------------------------------------------------------------


def article_to_text(article: Article) -> str:
    """An article record as Markdown: front matter, then one sentence a line, paragraphs apart."""
    meta = article.model_dump(mode="json", exclude={"id", "paragraphs"}, exclude_none=True)
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


def _plain(value: Any) -> Any:
    """Drop ``edited: false``; write citation lists in flow style."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k == "edited" and v is False:
                continue
            out[k] = yamlio.FlowList(v) if k == "cite" else _plain(v)
        return out
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def briefing_to_text(briefing: Briefing, previous: str | None = None) -> str:
    """A briefing unit as deterministic YAML, headed by the editor schema comment, carrying the
    comments an editor wrote in ``previous`` (the file's current text) on the same statements."""
    data = briefing.model_dump(mode="json", by_alias=True, exclude_none=True)
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
    items = [t.model_dump(mode="json") for t in sorted(topics, key=lambda t: t.slug)]
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
    data = edition.model_dump(mode="json", by_alias=True, exclude_none=True)
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def edition_from_text(text: str, file: str | Path) -> Edition:
    """Parse an edition snapshot."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SchemaError(f"invalid JSON: {exc.msg}", file=file, line=exc.lineno) from None
    return yamlio.validate(Edition, data, file=file)


class Store:
    """Load and save the content of one briefgen project."""

    def __init__(self, content_dir: Path) -> None:
        self.root = Path(content_dir)
        self.articles_dir = self.root / "articles"
        self.briefings_dir = self.root / "briefings"
        self.editions_dir = self.root / "editions"
        self.topics_path = self.root / "topics.yaml"

    # articles
    def article_path(self, topic: str, article_id: str) -> Path:
        """Where an article lives; both parts are validated so input never becomes a path."""
        return self.articles_dir / check_slug(topic, "topic") / f"{check_slug(article_id, 'id')}.md"

    def article_paths(self, topic: str | None = None) -> list[Path]:
        """Every article file (of one topic), sorted by topic then id."""
        if topic is not None:
            return sorted((self.articles_dir / check_slug(topic, "topic")).glob("*.md"))
        return sorted(self.articles_dir.glob("*/*.md"))

    def load_article(self, path: Path) -> Article:
        """Load one article; its id is the file stem and its topic must match its folder."""
        article = article_from_text(read_utf8(path), path, article_id=check_slug(path.stem, "id"))
        if article.topic != path.parent.name:
            raise SchemaError(
                f"topic {article.topic!r} does not match the folder {path.parent.name!r}",
                file=path,
                field="topic",
            )
        return article

    def articles(self, topic: str | None = None) -> list[Article]:
        """Every article (of one topic), sorted by topic then id."""
        return [self.load_article(p) for p in self.article_paths(topic)]

    def article_topics(self) -> list[str]:
        """Slugs of topics that have at least one article."""
        return sorted({p.parent.name for p in self.article_paths()})

    def save_article(self, article: Article) -> Path:
        """Write an article record atomically; returns its path."""
        path = self.article_path(article.topic, article.id)
        atomic_write(path, article_to_text(article))
        return path

    # briefings
    def briefing_path(self, topic: str) -> Path:
        """``content/briefings/<topic>.yaml``."""
        return self.briefings_dir / f"{check_slug(topic, 'topic')}.yaml"

    def load_briefing(self, path: Path) -> Briefing:
        """Load one briefing unit; its ``topic`` must match the file name."""
        briefing = briefing_from_text(read_utf8(path), path)
        if briefing.topic != path.stem:
            text = read_utf8(path)
            line = yamlio.locate(text, ("topic",))
            raise SchemaError(
                f"topic {briefing.topic!r} does not match the file name {path.stem!r}",
                file=path,
                line=line,
                field="topic",
            )
        return briefing

    def briefings(self) -> list[Briefing]:
        """Every briefing unit, sorted by topic."""
        return [self.load_briefing(p) for p in sorted(self.briefings_dir.glob("*.yaml"))]

    def save_briefing(self, briefing: Briefing) -> bool:
        """Write a briefing atomically, keeping the comments of the file it replaces. Returns
        False when the file already held these bytes."""
        path = self.briefing_path(briefing.topic)
        previous = read_utf8(path) if path.is_file() else None
        return atomic_write(path, briefing_to_text(briefing, previous))

    # topics
    def topics(self) -> list[Topic]:
        """The topic registry (empty when ``topics.yaml`` does not exist)."""
        if not self.topics_path.is_file():
            return []
        return topics_from_text(read_utf8(self.topics_path), self.topics_path)

    def save_topics(self, topics: list[Topic]) -> bool:
        """Write the topic registry atomically."""
        return atomic_write(self.topics_path, topics_to_text(topics))

    # editions
    def edition_path(self, edition_id: str) -> Path:
        """``content/editions/<id>.json``."""
        return self.editions_dir / f"{check_edition_id(edition_id)}.json"

    def editions(self) -> list[Edition]:
        """Every frozen edition, oldest first (by release date, then id)."""
        eds = [edition_from_text(read_utf8(p), p) for p in sorted(self.editions_dir.glob("*.json"))]
        return sorted(eds, key=lambda e: (e.released, e.id))

    def save_edition(self, edition: Edition) -> Path:
        """Write an edition snapshot atomically; returns its path."""
        path = self.edition_path(edition.id)
        atomic_write(path, edition_to_text(edition))
        return path
