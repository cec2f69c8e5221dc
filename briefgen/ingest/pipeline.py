"""The ``ingest`` core: sources -> clean, dated, de-duplicated article records in the store.

:func:`ingest_sources` is what :mod:`briefgen.app.ingest` calls. Each source is read by the
registered readers (:mod:`briefgen.ingest.readers`; streamed under the size cap), decoded, cleaned
(HTML through trafilatura first), split into sentences, assigned a topic, checked for duplicates,
dated and saved. A failing source is reported and written nowhere; the others still ingest.

No order dependence: a source with a year-less date (and no ``--year``) borrows its year from the
latest date among the topic's articles that anchor a year (``dates.anchors_year``: stored before
the run, plus those of this batch that need no borrowed year). Such sources are dated in a second
pass, after every other source of the batch, and never lend a year themselves; so a batch gives
the same dates as its files ingested one at a time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from briefgen.config import Settings
from briefgen.errors import BriefgenError, IngestError, UsageError
from briefgen.ingest.dates import (
    NeedsTopicYear,
    YearHint,
    anchors_year,
    reported_dates,
    resolve_published,
)
from briefgen.ingest.dedup import DedupIndex, Fingerprint, Match
from briefgen.ingest.fetch import RawSource, expand
from briefgen.ingest.html import HtmlDoc
from briefgen.ingest.readers import read_document, read_sources
from briefgen.ingest.report import IngestReport, SourceResult
from briefgen.ingest.split import split_body
from briefgen.ingest.text import CleanPage, clean_text
from briefgen.ingest.topics import TopicChoice, check_topic, match_topic, time_gap
from briefgen.model import Article, Duplicate, Topic
from briefgen.store import Store, article_to_text

log = logging.getLogger(__name__)

SLUG_MAX = 60

DATE_SENTENCES = 1_000
"""Sentences read for a date the page does not state (the body's first; an ordinary article has
a few hundred at most): reading every sentence of a hostile multi-megabyte page would take
minutes."""


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
    period: tuple[dt.date, dt.date] | None = None
    """The first and last publication dates of the topic's articles stored before the run."""


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
    second_pass: bool = False
    """Set once every source that needs no borrowed year is dated."""

    def state(self, topic: str) -> _TopicState:
        if topic not in self.states:
            index = DedupIndex(self.settings.near_duplicate)
            articles = {a.id: a for a in self.store.articles(topic)}
            for a in articles.values():
                index.add(a)
            latest = max(
                (a.published for a in articles.values() if anchors_year(a.published_evidence)),
                default=None,
            )
            dates = [a.published for a in articles.values()]
            period = (min(dates), max(dates)) if dates else None
            self.states[topic] = _TopicState(articles, index, latest, period)
        return self.states[topic]


def _host(url: str | None) -> str | None:
    """The site of a URL ("https://www.example.org/a" -> "example.org"), when one is known."""
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


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


def _ingest_one(run: _Run, raw: RawSource) -> SourceResult:
    opts = run.options
    doc = read_document(raw)  # the format reader registry: html (trafilatura), text, ...
    page = clean_text(doc.text, title=opts.title or doc.title, extracted=doc.extracted)
    try:
        return _record(run, raw, doc, page)
    except IngestError as exc:
        if not opts.dry_run:
            raise
        if exc.file is None:
            exc.file = raw.name
        return SourceResult(
            raw.name,
            "failed",
            f"Error: {exc}",
            exit_code=exc.exit_code,
            record=partial_record(raw.name, doc, page, opts),
            dropped=page.dropped,
        )


def partial_record(name: str, doc: HtmlDoc, page: CleanPage, opts: IngestOptions) -> str:
    """What ``--dry-run`` shows for a source that failed: the record as far as it was cleaned."""
    lines = [f"--- {name}: failed; the record so far (dry run, nothing written)"]
    dl = page.dateline
    fields = {
        "title": opts.title or page.title,
        "publisher": opts.publisher or doc.sitename or page.publisher,
        "author": doc.author or page.author,
        "url": opts.url or doc.url,
        "dateline": f"{dl.text} (place {dl.place}, agency {dl.agency}, date {dl.stated})"
        if dl
        else None,
        "date lines": "; ".join(f"line {d.line}: {d.text}" for d in page.date_lines) or None,
    }
    lines += [f"{k}: {v if v is not None else '(none)'}" for k, v in fields.items()]
    lines.append(f"body: {len(page.paragraphs)} paragraph(s)")
    lines += [f"  {p}" for p in page.paragraphs]
    return "\n".join(lines) + "\n"


def _record(run: _Run, raw: RawSource, doc: HtmlDoc, page: CleanPage) -> SourceResult:
    settings, opts = run.settings, run.options
    paragraphs = split_body(page.paragraphs)
    if not paragraphs:
        raise IngestError(
            f"no body sentences found: no line reads as prose ({len(page.dropped)} dropped as "
            "noise; see --dry-run)",
            file=raw.name,
        )
    sentences = [s for p in paragraphs for s in p]
    title = opts.title or page.title or _fallback_title(sentences)
    lead = " ".join(paragraphs[0])
    rest = " ".join(s for p in paragraphs[1:] for s in p)
    choice = run.forced or match_topic(title, rest, run.topics, raw.name, lead=lead)
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
        sentences=sentences[:DATE_SENTENCES],
        hint=YearHint(opts.year, state.latest, defer=not run.second_pass),
        day_first=settings.day_first,
        source=raw.name,
    )
    if run.forced is None:
        reported = reported_dates(sentences[:DATE_SENTENCES], settings.day_first)
        gap = time_gap(choice, [*reported, dating.date], state.period)
        if gap is not None:
            raise UsageError(gap, file=raw.name)
    base = f"{dating.date.isoformat()}-{slugify(title)}"
    article_id, k = base, 2
    store = run.store
    while any(article_id in s.articles for s in run.states.values()) or store.id_taken(article_id):
        article_id, k = f"{base}-{k}", k + 1
    article = Article(
        id=article_id,
        topic=choice.slug,
        title=title,
        publisher=opts.publisher or doc.sitename or page.publisher or _host(opts.url or raw.url),
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
    if not run.second_pass:  # a borrowed year is never lent on
        state.latest = max(state.latest or article.published, article.published)
    where = f"{path.relative_to(run.root)}"
    info = f"(topic {choice.slug}: {choice.reason}; published {dating.date} [{dating.basis}])"
    if dating.basis == "stated-suspect":
        info += (
            f"\nwarning: {raw.name}: the stated date {dating.date} may be wrong: "
            + (dating.evidence.rsplit("suspect: ", 1)[-1])
        )
    if opts.dry_run:
        return SourceResult(
            raw.name,
            "ingested",
            f"--- {raw.name} -> {where} {info} (dry run, nothing written)",
            article_id=article_id,
            record=article_to_text(article),
            dropped=page.dropped,
            basis=dating.basis,
        )
    store.save_article(article)
    message = f"ingested {raw.name} -> {where} {info}"
    return SourceResult(raw.name, "ingested", message, article_id, basis=dating.basis)


def ingest_sources(
    store: Store,
    settings: Settings,
    root: Path,
    sources: Sequence[str],
    options: IngestOptions,
    *,
    stdin: BinaryIO | None = None,
    today: dt.date | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> IngestReport:
    """Ingest every source into ``store`` (paths shown relative to ``root``); failures are
    reported per source and never stop the others. ``progress(done, total, name)`` is called
    after each source (a folder counts its files)."""
    topics = store.topics()
    forced = check_topic(options.topic, topics) if options.topic is not None else None
    run = _Run(store, settings, root, options, topics, today or dt.date.today(), forced)
    results: dict[int, SourceResult] = {}
    deferred: list[tuple[int, str, RawSource]] = []
    total = sum(max(len(expand(s)), 1) for s in sources) if progress is not None else 0

    def attempt(n: int, name: str, raw: RawSource | BriefgenError) -> None:
        try:
            if isinstance(raw, BriefgenError):
                raise raw
            try:
                results[n] = _ingest_one(run, raw)
            except NeedsTopicYear:
                deferred.append((n, name, raw))
                return
        except BriefgenError as exc:
            if exc.file is None:
                exc.file = name
            log.debug("failed %s: %s", name, exc)
            results[n] = SourceResult(name, "failed", f"Error: {exc}", exit_code=exc.exit_code)
        if progress is not None:
            progress(len(results), max(total, len(results) + len(deferred)), name)

    for n, (name, raw) in enumerate(
        read_sources(
            list(sources),
            timeout=settings.fetch_timeout,
            limit=settings.max_source_bytes,
            stdin=stdin,
        )
    ):
        attempt(n, name, raw)
    run.second_pass = True
    for n, name, raw in list(deferred):
        attempt(n, name, raw)
    return IngestReport(tuple(results[n] for n in sorted(results)), dry_run=options.dry_run)
