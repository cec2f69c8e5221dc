"""The per-source half of ingest: one source -> a :class:`Prepared` record, independent of every
other source, so that it can run in a worker process.

Reading (files and URLs), format extraction, cleaning, sentence splitting, the topic match, the
duplicate fingerprint, the publication date as far as it needs no other article, and the dates the
text reports are all pure functions of the source, the options and ``topics.yaml``. What depends
on the other sources or the store -- duplicates, a year borrowed from the topic, the time-gap
check against the stored articles, article ids, writing -- is left to
:mod:`briefgen.ingest.pipeline`, which applies the prepared records in input order. Errors are
carried in the record and raised there, at the point where a serial run would meet them, so a
parallel run reports exactly what a serial one does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Sequence
from typing import Literal
from urllib.parse import urlsplit

import msgspec
from msgspec.structs import replace

from briefgen.config import Settings
from briefgen.errors import BriefgenError, IngestError
from briefgen.ingest.dates import (
    Dating,
    NeedsTopicYear,
    YearHint,
    reported_dates,
    resolve_published,
)
from briefgen.ingest.dedup import Fingerprint
from briefgen.ingest.fetch import RawSource
from briefgen.ingest.html import HtmlDoc
from briefgen.ingest.readers import OpenContext, open_source, read_document
from briefgen.ingest.split import split_body
from briefgen.ingest.text import CleanPage, clean_text
from briefgen.ingest.topics import TopicChoice, match_topic
from briefgen.model import Article, Topic
from briefgen.records import article_to_text
from briefgen.structs import CheckError, ValidationError

DATE_SENTENCES = 1_000
"""Sentences read for a date the page does not state (the body's first; an ordinary article has
a few hundred at most): reading every sentence of a hostile multi-megabyte page would take
minutes."""


class Context(msgspec.Struct, frozen=True):
    """What every source of one ``ingest`` call is prepared with."""

    settings: Settings
    topics: tuple[Topic, ...]
    published: dt.date | None
    year: int | None
    title: str | None
    today: dt.date = dt.date.min
    """The ``ingested`` date of the records."""
    publisher: str | None = None
    url: str | None = None
    dry_run: bool = False
    """A dry run shows the cleaned page of a source that fails, so the page is kept for it."""


class Task(msgspec.Struct, frozen=True):
    """One source to prepare: its argument (or its bytes, for standard input) and, when the
    topic is given (``--topic``, ``--into``), the choice; ``None`` means matched by keywords."""

    name: str
    raw: RawSource | None = None
    forced: TopicChoice | None = None


class Prepared(msgspec.Struct, frozen=True):
    """One source, prepared. ``failed`` is set when it never reached a record (unreadable,
    undecodable); ``problem`` is the first error of the record stage, raised by the pipeline where
    a serial run meets it: ``stage`` "body" and "topic" before the duplicate check, "dating" after
    it. ``dating`` is ``None`` when the date needs a year from the topic's other articles."""

    name: str
    """The source as listed (a folder's file, the argument)."""
    failed: BriefgenError | None = None
    shown: str = ""
    """The source as read (the path as opened, the URL asked for, ``-``): what messages name."""
    url: str | None = None
    sha256: str = ""
    doc: HtmlDoc | None = None
    page: CleanPage | None = None
    paragraphs: tuple[tuple[str, ...], ...] = ()
    title: str = ""
    choice: TopicChoice | None = None
    fingerprint: Fingerprint | None = None
    dating: Dating | None = None
    reported: tuple[dt.date, ...] = ()
    """The dates the text reports as past (for the time-gap check; only when ``matched``)."""
    matched: bool = False
    """The topic was matched by keywords (not given)."""
    problem: BriefgenError | None = None
    stage: Literal["body", "topic", "dating", ""] = ""
    article: Article | None = None
    """The record as it is stored when its id is :func:`base_id` (set when ``dating`` is)."""
    record: str = ""
    """``article_to_text(article)``: the file's text, whatever the id (the id is not in it)."""

    @property
    def sentences(self) -> list[str]:
        """The body's sentences, in order."""
        return [s for p in self.paragraphs for s in p]


SLUG_MAX = 60

_TRAILING = frozenset("a an and as at by for from in into of on or the to with amid".split())


def slugify(title: str) -> str:
    """A path-safe slug from a title: ASCII ``[a-z0-9-]``, at most ``SLUG_MAX`` characters cut at
    a word edge (without a dangling "in", "the"...), never empty."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    parts = re.sub(r"[^a-z0-9]+", " ", folded.lower()).split()
    out: list[str] = []
    for part in parts:
        if len("-".join([*out, part])) > SLUG_MAX:
            if not out:
                out.append(part[:SLUG_MAX])
            break
        out.append(part)
    else:
        return "-".join(out) or "article"
    while len(out) > 1 and out[-1] in _TRAILING:
        out.pop()
    return "-".join(out)


def base_id(dating: Dating, title: str) -> str:
    """The article id before any ``-2``, ``-3``... that a taken id needs."""
    return f"{dating.date.isoformat()}-{slugify(title)}"


def _host(url: str | None) -> str | None:
    """The site of a URL ("https://www.example.org/a" -> "example.org"), when one is known."""
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def new_article(ctx: Context, prepared: Prepared, dating: Dating, article_id: str) -> Article:
    """The record of a prepared source dated ``dating``, stored as ``article_id``."""
    doc, page, choice = prepared.doc, prepared.page, prepared.choice
    assert doc is not None and page is not None and choice is not None
    return Article(
        id=article_id,
        topic=choice.slug,
        title=prepared.title,
        publisher=ctx.publisher or doc.sitename or page.publisher or _host(ctx.url or prepared.url),
        url=ctx.url or doc.url or prepared.url,
        published=dating.date,
        published_basis=dating.basis,
        published_evidence=dating.evidence,
        ingested=ctx.today,
        sha256=prepared.sha256,
        language=doc.language or ctx.settings.language,
        author=doc.author or page.author,
        noise_lines=len(page.dropped),
        paragraphs=prepared.paragraphs,
    ).checked()


def with_record(ctx: Context, prepared: Prepared, dating: Dating) -> Prepared:
    """``prepared`` dated, with its record and the record's text. Outside a dry run the cleaned
    page is dropped: the record holds all the pipeline still needs of it, and a worker then
    sends less back. A record that does not validate is left to the pipeline, which meets the
    error where a serial run always met it (after the duplicate check)."""
    try:
        article = new_article(ctx, prepared, dating, base_id(dating, prepared.title))
    except (ValidationError, CheckError):
        return replace(prepared, dating=dating)
    done = replace(prepared, dating=dating, article=article, record=article_to_text(article))
    return done if ctx.dry_run else replace(done, page=None)


def _fallback_title(sentences: Sequence[str]) -> str:
    head = sentences[0].split()
    return " ".join(head[:12]).rstrip(",;:") + ("…" if len(head) > 12 else "")


def date_source(
    ctx: Context, prepared: Prepared, hint: YearHint
) -> Dating:  # raises IngestError, NeedsTopicYear
    """The publication date of a prepared source with ``hint`` (the pipeline's second pass
    calls this with the topic's year)."""
    assert prepared.page is not None and prepared.doc is not None
    return resolve_published(
        given=ctx.published,
        date_lines=prepared.page.date_lines,
        metadata=prepared.doc.date,
        sentences=prepared.sentences[:DATE_SENTENCES],
        hint=hint,
        day_first=ctx.settings.day_first,
        source=prepared.shown,
    )


def _record(ctx: Context, task: Task, raw: RawSource, doc: HtmlDoc, page: CleanPage) -> Prepared:
    lean = replace(doc, text="")  # the text is in ``page``; no need to carry it twice
    base = Prepared(task.name, shown=raw.name, url=raw.url, doc=lean, page=page)
    paragraphs = split_body(page.paragraphs)
    if not paragraphs:
        problem = IngestError(
            f"no body sentences found: no line reads as prose ({len(page.dropped)} dropped as "
            "noise; see --dry-run)",
            file=raw.name,
        )
        return replace(base, problem=problem, stage="body")
    sentences = [s for p in paragraphs for s in p]
    title = ctx.title or page.title or _fallback_title(sentences)
    base = replace(base, paragraphs=paragraphs, title=title)
    choice = task.forced
    if choice is None:
        lead = " ".join(paragraphs[0])
        rest = " ".join(s for p in paragraphs[1:] for s in p)
        try:
            choice = match_topic(title, rest, ctx.topics, raw.name, lead=lead)
        except BriefgenError as exc:
            return replace(base, problem=exc, stage="topic")
    base = replace(
        base,
        choice=choice,
        sha256=hashlib.sha256(raw.data).hexdigest(),
        fingerprint=Fingerprint.of(paragraphs),
    )
    if task.forced is None:
        reported = reported_dates(sentences[:DATE_SENTENCES], ctx.settings.day_first)
        base = replace(base, reported=tuple(reported), matched=True)
    try:
        dating = date_source(ctx, base, YearHint(ctx.year, None, defer=True))
    except NeedsTopicYear:
        return base
    except BriefgenError as exc:
        return replace(base, problem=exc, stage="dating")
    return with_record(ctx, base, dating)


def prepare(ctx: Context, opening: OpenContext, task: Task) -> Prepared:
    """Read, clean, split, match and date one source as far as it depends on nothing else."""
    try:
        raw = task.raw if task.raw is not None else open_source(task.name, opening)
        doc = read_document(raw)  # the format reader registry: html (trafilatura), text, ...
        page = clean_text(doc.text, title=ctx.title or doc.title, extracted=doc.extracted)
    except BriefgenError as exc:
        return Prepared(task.name, failed=exc)
    return _record(ctx, task, raw, doc, page)
