"""The ``ingest`` core: sources -> clean, dated, de-duplicated article records in the store.

:func:`ingest_sources` is what :mod:`briefgen.app.ingest` calls. Each source is read by the
registered readers (:mod:`briefgen.ingest.readers`; streamed under the size cap), decoded, cleaned
(HTML through trafilatura first), split into sentences, assigned a topic, checked for duplicates,
dated and saved. A failing source is reported and written nowhere; the others still ingest.

Both cores: the work on one source alone (:mod:`briefgen.ingest.prepare`: reading, extraction,
cleaning, sentences, topic match, fingerprint, the date as far as it needs no other article) runs
in worker processes (:mod:`briefgen.ingest.workers`); what depends on the other sources --
duplicates, borrowed years, the time-gap check, ids, writing, the report and progress -- runs here,
in input order. So ``jobs`` changes the time taken, never the files written or the report.

No order dependence: a source with a year-less date (and no ``--year``) borrows its year from the
latest date among the topic's articles that anchor a year (``dates.anchors_year``: stored before
the run, plus those of this batch that need no borrowed year). Such sources are dated in a second
pass, after every other source of the batch, and never lend a year themselves; so a batch gives
the same dates as its files ingested one at a time.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from contextlib import closing
from pathlib import Path
from typing import BinaryIO

import msgspec

from briefgen.config import Settings
from briefgen.errors import BriefgenError, IngestError, UsageError
from briefgen.ingest.dates import NeedsTopicYear, YearHint, anchors_year
from briefgen.ingest.dedup import DedupIndex, Match
from briefgen.ingest.fetch import expand
from briefgen.ingest.html import HtmlDoc
from briefgen.ingest.prepare import (
    Context,
    Prepared,
    Task,
    base_id,
    date_source,
    new_article,
)
from briefgen.ingest.readers import OpenContext, open_source
from briefgen.ingest.report import IngestReport, SourceResult
from briefgen.ingest.text import CleanPage
from briefgen.ingest.topics import TopicChoice, check_topic, time_gap
from briefgen.ingest.workers import prepared
from briefgen.model import Article, Duplicate, Topic
from briefgen.records import article_to_text
from briefgen.store import Store, check_slug

log = logging.getLogger(__name__)


class IngestOptions(msgspec.Struct, frozen=True):
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


class _TopicState(msgspec.Struct):
    articles: dict[str, Article]
    index: DedupIndex
    latest: dt.date | None = None
    period: tuple[dt.date, dt.date] | None = None
    """The first and last publication dates of the topic's articles stored before the run."""


class _Run(msgspec.Struct):
    store: Store
    settings: Settings
    root: Path
    options: IngestOptions
    topics: list[Topic]
    today: dt.date
    ctx: Context
    states: dict[str, _TopicState] = msgspec.field(default_factory=dict)
    second_pass: bool = False
    """Set once every source that needs no borrowed year is dated."""
    stored: set[str] | None = None
    """The entries of the topic folders when the run began (read at the first new article; the
    project lock keeps other commands from adding any)."""

    def id_taken(self, article_id: str) -> bool:
        """Whether an article of this run or a file already stored uses ``article_id``."""
        if any(article_id in s.articles for s in self.states.values()):
            return True
        if self.stored is None:
            self.stored = self.store.article_entry_names()
        return f"{check_slug(article_id, 'id')}.md" in self.stored

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


def _near_duplicate(run: _Run, p: Prepared, match: Match, topic: str) -> SourceResult:
    state = run.state(topic)
    first = state.articles[match.article_id]
    dup = Duplicate(
        sha256=p.sha256,
        url=run.options.url or p.url,
        publisher=run.options.publisher,
        similarity=match.similarity,
    )
    if all(d.sha256 != p.sha256 for d in first.duplicates):
        updated = first.replace(duplicates=(*first.duplicates, dup))
        updated = updated.checked()
        state.articles[first.id] = updated
        state.index.add(updated)
        if not run.options.dry_run:
            run.store.save_article(updated)
    return SourceResult(
        p.shown,
        "near-duplicate",
        f"skipped {p.shown}: near-duplicate of {first.id} (similarity {match.similarity:.2f});"
        " recorded on it, not stored twice",
        article_id=first.id,
    )


def _apply(run: _Run, p: Prepared) -> SourceResult:
    """A prepared source recorded (or skipped, or failed) in the order of the sources."""
    if p.failed is not None:
        raise p.failed
    try:
        return _record(run, p)
    except IngestError as exc:
        if not run.options.dry_run:
            raise
        if exc.file is None:
            exc.file = p.shown
        assert p.doc is not None and p.page is not None  # a dry run keeps the page
        return SourceResult(
            p.shown,
            "failed",
            f"Error: {exc}",
            exit_code=exc.exit_code,
            record=partial_record(p.shown, p.doc, p.page, run.options),
            dropped=p.page.dropped,
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


def _record(run: _Run, p: Prepared) -> SourceResult:
    opts = run.options
    if p.problem is not None and p.stage in ("body", "topic"):
        raise p.problem
    choice = p.choice
    assert choice is not None and p.fingerprint is not None
    state = run.state(choice.slug)
    match = state.index.find(p.fingerprint, p.sha256)
    if match is not None and match.exact:
        return SourceResult(
            p.shown,
            "duplicate",
            f"skipped {p.shown}: same article as {match.article_id} (exact duplicate); "
            "nothing written",
            article_id=match.article_id,
        )
    if match is not None:
        return _near_duplicate(run, p, match, choice.slug)
    if p.problem is not None:
        raise p.problem
    if p.dating is not None:
        dating = p.dating
    elif not run.second_pass:
        raise NeedsTopicYear(p.shown)
    else:
        dating = date_source(run.ctx, p, YearHint(opts.year, state.latest))
    if p.matched:
        gap = time_gap(choice, [*p.reported, dating.date], state.period)
        if gap is not None:
            raise UsageError(gap, file=p.shown)
    base = base_id(dating, p.title)
    article_id, k = base, 2
    store = run.store
    while run.id_taken(article_id):
        article_id, k = f"{base}-{k}", k + 1
    # The record was made where the source was prepared when its date was known there; the id
    # is not in its text, so only the object needs the id this run gives it.
    if p.article is None:
        article = new_article(run.ctx, p, dating, article_id)
        text = article_to_text(article)
    else:
        article, text = p.article, p.record
        if article_id != base:
            article = article.replace(id=article_id).checked()
    path = store.article_path(choice.slug, article_id)
    state.articles[article_id] = article
    state.index.add(article, p.fingerprint)
    if not run.second_pass:  # a borrowed year is never lent on
        state.latest = max(state.latest or article.published, article.published)
    where = f"{path.relative_to(run.root)}"
    info = f"(topic {choice.slug}: {choice.reason}; published {dating.date} [{dating.basis}])"
    if dating.basis == "stated-suspect":
        info += (
            f"\nwarning: {p.shown}: the stated date {dating.date} may be wrong: "
            + (dating.evidence.rsplit("suspect: ", 1)[-1])
        )
    if opts.dry_run:
        assert p.page is not None  # a dry run keeps the page
        return SourceResult(
            p.shown,
            "ingested",
            f"--- {p.shown} -> {where} {info} (dry run, nothing written)",
            article_id=article_id,
            record=text,
            dropped=p.page.dropped,
            basis=dating.basis,
        )
    store.save_article(article, text=text)
    message = f"ingested {p.shown} -> {where} {info}"
    return SourceResult(p.shown, "ingested", message, article_id, basis=dating.basis)


def _into(slug: str, topics: Sequence[Topic]) -> TopicChoice:
    """The topic of an ``--into SLUG SOURCE`` pair, checked as ``--topic`` is."""
    try:
        check_topic(slug, topics)
    except UsageError as exc:
        exc.field = "--into"
        raise
    return TopicChoice(slug, "--into")


def ingest_sources(
    store: Store,
    settings: Settings,
    root: Path,
    sources: Sequence[str],
    options: IngestOptions,
    *,
    into: Sequence[tuple[str, str]] = (),
    jobs: int = 1,
    stdin: BinaryIO | None = None,
    today: dt.date | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> IngestReport:
    """Ingest every source into ``store`` (paths shown relative to ``root``); failures are
    reported per source and never stop the others. ``into`` holds ``(topic, source)`` pairs
    ingested into that topic, after ``sources``. Each source is prepared (read, cleaned, split,
    matched, dated as far as it can be alone) in up to ``jobs`` worker processes; the results are
    recorded here in input order, so any ``jobs`` writes the same files and report.
    ``progress(done, total, name)`` is called after each source (a folder counts its files)."""
    topics = store.topics()
    forced = check_topic(options.topic, topics) if options.topic is not None else None
    targets = [(s, forced) for s in sources] + [(s, _into(slug, topics)) for slug, s in into]
    today = today or dt.date.today()
    ctx = Context(
        settings,
        tuple(topics),
        options.published,
        options.year,
        options.title,
        today=today,
        publisher=options.publisher,
        url=options.url,
        dry_run=options.dry_run,
    )
    run = _Run(store, settings, root, options, topics, today, ctx)
    opening = OpenContext(settings.fetch_timeout, settings.max_source_bytes, stdin)
    plan: list[tuple[str, Task | BriefgenError]] = []
    for given, choice in targets:
        names = expand(given)
        if not names:
            plan.append((given, IngestError("folder holds no files", file=given)))
        for name in names:
            if name != "-":
                plan.append((name, Task(name, forced=choice)))
                continue
            try:  # standard input is read here: workers cannot
                plan.append((name, Task(name, open_source(name, opening), choice)))
            except IngestError as exc:
                plan.append((name, exc))
    results: dict[int, SourceResult] = {}
    deferred: list[tuple[int, str, Prepared]] = []
    total = len(plan)

    def attempt(n: int, name: str, item: Prepared | BriefgenError) -> None:
        try:
            if isinstance(item, BriefgenError):
                raise item
            try:
                results[n] = _apply(run, item)
            except NeedsTopicYear:
                deferred.append((n, name, item))
                return
        except BriefgenError as exc:
            if exc.file is None:
                exc.file = name
            log.debug("failed %s: %s", name, exc)
            results[n] = SourceResult(name, "failed", f"Error: {exc}", exit_code=exc.exit_code)
        if progress is not None:
            progress(len(results), max(total, len(results) + len(deferred)), name)

    tasks = [item for _, item in plan if isinstance(item, Task)]
    with closing(prepared(ctx, opening, tasks, jobs)) as ready:  # workers end here, whatever
        for n, (name, item) in enumerate(plan):
            attempt(n, name, next(ready) if isinstance(item, Task) else item)
    run.second_pass = True
    for n, name, p in list(deferred):
        attempt(n, name, p)
    return IngestReport(tuple(results[n] for n in sorted(results)), dry_run=options.dry_run)
