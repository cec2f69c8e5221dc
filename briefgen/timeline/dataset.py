"""Reading a timeline-summarization dataset in the Timeline17 / news-tls layout.

``DIR/<collection>/articles.jsonl`` (``id``, ``time``, ``text`` with sentences separated by
newlines, pre-tokenized) and ``DIR/<collection>/timelines.jsonl`` (one gold timeline a line:
``[[date, [sentence, ...]], ...]``). Articles become ordinary :class:`~briefgen.model.Article`
objects (detokenized: ``-LRB-`` -> ``(``, ````` and ``''`` -> ``"``), so the benchmark runs the
product's own timeline code. Every malformed input raises :class:`SchemaError` naming the file and
line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import msgspec

from briefgen.errors import SchemaError, UsageError
from briefgen.model import Article

GoldTimeline = tuple[tuple[dt.date, tuple[str, ...]], ...]
"""A gold timeline: (date, sentences) by date, one entry per date."""

_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
_SPACE_BEFORE = re.compile(r"\s+([,.;:!?%)\]}]|'s\b|'re\b|'ve\b|'ll\b|'d\b|'m\b|n't\b)")
_SPACE_AFTER = re.compile(r"([(\[{$])\s+")
_OPEN_QUOTE = re.compile(r"``\s*")
_CLOSE_QUOTE = re.compile(r"\s*''")


class Collection(msgspec.Struct, frozen=True):
    """One topic of the dataset: its articles and gold timelines."""

    name: str
    articles: tuple[Article, ...]
    timelines: tuple[GoldTimeline, ...]


def detokenize(text: str) -> str:
    """Undo PTB-style tokenization of one sentence (brackets, quotes, spaces before punctuation)."""
    for token, char in _BRACKETS.items():
        text = text.replace(token, char)
    text = _OPEN_QUOTE.sub('"', text)
    text = _CLOSE_QUOTE.sub('"', text)
    text = _SPACE_BEFORE.sub(r"\1", text)
    text = _SPACE_AFTER.sub(r"\1", text)
    return " ".join(text.split())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _date(value: Any, file: Path, line: int, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise SchemaError(f"not a date: {value!r}", file=file, line=line, field=field) from None


def _jsonl(file: Path) -> list[tuple[int, Any]]:
    if not file.is_file():
        raise SchemaError("missing file", file=file)
    rows: list[tuple[int, Any]] = []
    with file.open(encoding="utf-8") as fh:
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                rows.append((n, json.loads(raw)))
            except json.JSONDecodeError as exc:
                raise SchemaError(f"invalid JSON: {exc.msg}", file=file, line=n) from None
    if not rows:
        raise SchemaError("empty file", file=file)
    return rows


def load_articles(folder: Path) -> tuple[Article, ...]:
    """The collection's articles as Articles (id ``<collection>-<id>``, topic = collection)."""
    file = folder / "articles.jsonl"
    topic = _slug(folder.name)
    out: dict[str, Article] = {}
    for n, row in _jsonl(file):
        if not isinstance(row, dict) or not {"id", "time", "text"} <= row.keys():
            raise SchemaError("expected an object with id, time and text", file=file, line=n)
        if not isinstance(row["text"], str):
            raise SchemaError("text must be a string", file=file, line=n, field="text")
        published = _date(row["time"], file, n, "time")
        sentences = tuple(s for s in (detokenize(x) for x in row["text"].split("\n")) if s)
        if not sentences:
            continue
        article_id = f"{topic}-{_slug(str(row['id']))}"
        out[article_id] = Article(
            id=article_id,
            topic=topic,
            title=sentences[0][:200],
            published=published,
            published_basis="given",
            ingested=published,
            sha256=hashlib.sha256(row["text"].encode("utf-8")).hexdigest(),
            paragraphs=(sentences,),
        )
    return tuple(out[k] for k in sorted(out))


def load_timelines(folder: Path) -> tuple[GoldTimeline, ...]:
    """The gold timelines; a date listed twice keeps its last entry (news-tls's dict semantics)."""
    file = folder / "timelines.jsonl"
    out: list[GoldTimeline] = []
    for n, row in _jsonl(file):
        if not isinstance(row, list) or not row:
            raise SchemaError("expected a non-empty list of [date, sentences]", file=file, line=n)
        entries: dict[dt.date, tuple[str, ...]] = {}
        for item in row:
            ok = isinstance(item, list) and len(item) == 2 and isinstance(item[1], list)
            if not ok or not all(isinstance(s, str) for s in item[1]):
                raise SchemaError("expected [date, [sentence, ...]]", file=file, line=n)
            entries[_date(item[0], file, n, "date")] = tuple(item[1])
        out.append(tuple(sorted(entries.items())))
    return tuple(out)


def load_dataset(directory: Path) -> tuple[Collection, ...]:
    """Every collection folder under ``directory``, by name."""
    if not directory.is_dir():
        raise UsageError("not a directory", file=directory)
    folders = sorted(p for p in directory.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not folders:
        raise SchemaError("no collection folders (expected <name>/articles.jsonl)", file=directory)
    return tuple(
        Collection(name=f.name, articles=load_articles(f), timelines=load_timelines(f))
        for f in folders
    )
