"""The ``ingest`` core: sources -> clean, dated, de-duplicated article records in the store.

:func:`ingest_sources` is what :mod:`briefgen.app.ingest` calls. Each source is read by the
registered readers (:mod:`briefgen.ingest.readers`; streamed under the size cap), decoded, cleaned
(HTML through trafilatura first), split into sentences, assigned a topic, checked for duplicates,
dated and saved. A failing source is reported and written nowhere; the others still ingest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from briefgen.config import Settings
from briefgen.errors import BriefgenError, IngestError, UsageError
from briefgen.ingest.dates import YearHint, resolve_published
from briefgen.ingest.dedup import DedupIndex, Fingerprint, Match
from briefgen.ingest.fetch import RawSource
from briefgen.ingest.html import HtmlDoc
from briefgen.ingest.readers import read_document, read_sources
from briefgen.ingest.report import IngestReport, SourceResult
from briefgen.ingest.split import split_paragraph
from briefgen.ingest.text import CleanPage, clean_text
from briefgen.ingest.topics import TopicChoice, check_topic, match_topic
from briefgen.model import Article, Duplicate, Topic
from briefgen.store import Store, article_to_text

log = logging.getLogger(__name__)

SLUG_MAX = 60


@dataclass(frozen=True)
class IngestOptions:
    """The options of one ``ingest`` call (they apply to every source in it)."""

    topic: str | None = None
    published: dt.date | None = None
    year: int | None = None
    publisher: str | None = None
    url: str | None = None
    title: str | None = None
    dry_run: bool = False
    jobs: int | None = None
    """Worker processes for reading sources (``None``: one per CPU)."""

    @classmethod
    def parse(
        cls, *, published: str | None = None, year: int | None = None, **rest: object
    ) -> IngestOptions:
        """Options from the command line; a bad ``--published`` or ``--year`` is a usage error."""
        date = None
        if published:
            try:
                date = dt.date.fromisoformat(published)
            except ValueError:
                raise UsageError(
                    f"{published!r} is not a date (use YYYY-MM-DD)", field="--published"
                ) from None
        if year is not None and not 1800 <= year <= 2199:
            raise UsageError(f"{year} is not a plausible year", field="--year")
        return cls(published=date, year=year, **rest)  # type: ignore[arg-type]


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


@dataclass
class _TopicState:
    articles: dict[str, Article]
    index: DedupIndex
    latest: dt.date | None = None


@dataclass
class _Run:
    store: Store
    settings: Settings
    root: Path
    options: IngestOptions
    topics: list[Topic]
    today: dt.date
    forced: TopicChoice | None
    states: dict[str, _TopicState] = field(default_factory=dict)

    def state(self, topic: str) -> _TopicState:
        if topic not in self.states:
            index = DedupIndex(self.settings.near_duplicate)
            articles = {a.id: a for a in self.store.articles(topic)}
            for a in articles.values():
                index.add(a)
            latest = max((a.published for a in articles.values()), default=None)
            self.states[topic] = _TopicState(articles, index, latest)
        return self.states[topic]


def _fallback_title(sentences: Sequence[str]) -> str:
    head = sentences[0].split()
    return " ".join(head[:12]).rstrip(",;:") + ("…" if len(head) > 12 else "")


def _near_duplicate(run: _Run, raw: RawSource, match: Match, topic: str, sha: str) -> SourceResult:
    state = run.state(topic)
    first = state.articles[match.article_id]
    dup = Duplicate(
        sha256=sha,
        url=run.options.url or raw.url,
        publisher=run.options.publisher,
        similarity=match.similarity,
    )
    if all(d.sha256 != sha for d in first.duplicates):
        updated = first.model_copy(update={"duplicates": (*first.duplicates, dup)})
        updated = Article.model_validate(updated.model_dump())
        state.articles[first.id] = updated
        state.index.add(updated)
        if not run.options.dry_run:
            run.store.save_article(updated)
    return SourceResult(
        raw.name,
        "near-duplicate",
        f"skipped {raw.name}: near-duplicate of {first.id} (similarity {match.similarity:.2f});"
        " recorded on it, not stored twice",
        article_id=first.id,
    )


@dataclass(frozen=True)
class _Read:
    """One source read, cleaned and split: the per-article work, done in a worker process."""

    doc: HtmlDoc
    page: CleanPage
    paragraphs: tuple[tuple[str, ...], ...]


def _read(raw: RawSource, title: str | None) -> _Read | BriefgenError:
    """Read, clean and split one source (pure: runs in a worker); an error is returned."""
    try:
        doc = read_document(raw)
        page = clean_text(doc.text, title=title or doc.title)
        paragraphs = tuple(tuple(s) for s in (split_paragraph(p) for p in page.paragraphs) if s)
    except BriefgenError as exc:
        return exc
    if not paragraphs:
        return IngestError(
            f"no body sentences found: no line reads as prose ({len(page.dropped)} dropped as "
            "noise; see --dry-run)",
            file=raw.name,
        )
    return _Read(doc, page, paragraphs)


def _ingest_one(run: _Run, raw: RawSource, read: _Read) -> SourceResult:
    settings, opts = run.settings, run.options
    doc, page, paragraphs = read.doc, read.page, read.paragraphs
    sentences = [s for p in paragraphs for s in p]
    title = opts.title or page.title or _fallback_title(sentences)
    body = " ".join(sentences)
    choice = run.forced or match_topic(title, body, run.topics, raw.name)
    state = run.state(choice.slug)
    sha = hashlib.sha256(raw.data).hexdigest()
    fingerprint = Fingerprint.of(paragraphs)
    match = state.index.find(fingerprint, sha)
    if match is not None and match.exact:
        return SourceResult(
            raw.name,
            "duplicate",
            f"skipped {raw.name}: same article as {match.article_id} (exact duplicate); "
            "nothing written",
            article_id=match.article_id,
        )
    if match is not None:
        return _near_duplicate(run, raw, match, choice.slug, sha)
    dating = resolve_published(
        given=opts.published,
        date_lines=page.date_lines,
        metadata=doc.date,
        sentences=sentences,
        hint=YearHint(opts.year, state.latest),
        day_first=settings.day_first,
        source=raw.name,
    )
    base = f"{dating.date.isoformat()}-{slugify(title)}"
    article_id, k = base, 2
    store = run.store
    while any(article_id in s.articles for s in run.states.values()) or store.id_taken(article_id):
        article_id, k = f"{base}-{k}", k + 1
    article = Article(
        id=article_id,
        topic=choice.slug,
        title=title,
        publisher=opts.publisher or doc.sitename or page.publisher,
        url=opts.url or doc.url or raw.url,
        published=dating.date,
        published_basis=dating.basis,
        published_evidence=dating.evidence,
        ingested=run.today,
        sha256=sha,
        language=doc.language or settings.language,
        author=doc.author or page.author,
        noise_lines=len(page.dropped),
        paragraphs=paragraphs,
    )
    path = store.article_path(choice.slug, article_id)
    state.articles[article_id] = article
    state.index.add(article, fingerprint)
    state.latest = max(state.latest or article.published, article.published)
    where = f"{path.relative_to(run.root)}"
    info = f"(topic {choice.slug}: {choice.reason}; published {dating.date} [{dating.basis}])"
    if opts.dry_run:
        return SourceResult(
            raw.name,
            "ingested",
            f"--- {raw.name} -> {where} {info} (dry run, nothing written)",
            article_id=article_id,
            record=article_to_text(article),
            dropped=page.dropped,
        )
    store.save_article(article)
    return SourceResult(raw.name, "ingested", f"ingested {raw.name} -> {where} {info}", article_id)


PARALLEL_MIN = 8
"""Fewer sources than this are read in the calling process (a pool costs more than it saves)."""


def _jobs(options: IngestOptions, count: int) -> int:
    wanted = options.jobs or os.cpu_count() or 1
    return max(1, min(wanted, count // PARALLEL_MIN or 1))


def _read_all(
    given: Iterator[tuple[str, RawSource | IngestError]], options: IngestOptions
) -> Iterator[tuple[str, RawSource | IngestError, _Read | BriefgenError | None]]:
    """Every source with its read result, in the order given. The per-article reading (clean,
    split) runs in ``options.jobs`` worker processes (default: one per CPU); everything that
    depends on the sources before it (topic state, duplicates, ids, writing) stays in the caller,
    in order, so the records are the same bytes as a serial run's."""
    items = list(given)
    raws = [raw for _, raw in items if not isinstance(raw, BriefgenError)]
    jobs = _jobs(options, len(raws))
    if jobs == 1:
        reads: Iterator[_Read | BriefgenError] = (_read(r, options.title) for r in raws)
    else:
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=jobs)
        chunk = max(1, min(16, len(raws) // (jobs * 4)))
        reads = pool.map(_read, raws, [options.title] * len(raws), chunksize=chunk)
    try:
        for name, raw in items:
            yield name, raw, None if isinstance(raw, BriefgenError) else next(reads)
    finally:
        if jobs > 1:
            pool.shutdown(cancel_futures=True)


def ingest_sources(
    store: Store,
    settings: Settings,
    root: Path,
    sources: Sequence[str],
    options: IngestOptions,
    *,
    stdin: BinaryIO | None = None,
    today: dt.date | None = None,
) -> IngestReport:
    """Ingest every source into ``store`` (paths shown relative to ``root``); failures are
    reported per source and never stop the others."""
    topics = store.topics()
    forced = check_topic(options.topic, topics) if options.topic is not None else None
    run = _Run(store, settings, root, options, topics, today or dt.date.today(), forced)
    results: list[SourceResult] = []
    given = read_sources(
        list(sources), timeout=settings.fetch_timeout, limit=settings.max_source_bytes, stdin=stdin
    )
    for name, raw, read in _read_all(given, options):
        try:
            if isinstance(raw, BriefgenError):
                raise raw
            if isinstance(read, BriefgenError):
                raise read
            assert read is not None
            results.append(_ingest_one(run, raw, read))
        except BriefgenError as exc:
            if exc.file is None:
                exc.file = name
            log.debug("failed %s: %s", name, exc)
            results.append(SourceResult(name, "failed", f"Error: {exc}", exit_code=exc.exit_code))
    return IngestReport(tuple(results), dry_run=options.dry_run)
