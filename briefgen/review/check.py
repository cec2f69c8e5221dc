"""``briefgen check``: validate every content file and prove every briefing against its sources.

Rules (each finding names the file and line; see :class:`~briefgen.review.report.Finding`):

- ``schema``: every article, briefing, the topic registry and every edition parse and validate
  (an edition file the caller calls ``settled`` is not read again: ``briefgen check`` and
  ``release`` pass the frozen editions whose file is byte-for-byte as it was when the last build
  parsed and validated it, by its stat, so their cost does not grow with the number of old
  editions; a changed or new edition file is always read);
- ``citation``: every source and citation resolves to an existing article and sentence;
- ``support`` / ``negation``: a generated statement or event is supported by its cited sentences
  (:func:`briefgen.nlp.similarity.support` >= ``support_threshold``) and drops no negation from
  inside the words it quotes;
- ``edited``: an ``edited: true`` statement its citations no longer support is a warning;
- ``stale``: a briefing whose stored ``inputs`` digest differs from the one ``summarize`` would
  compute now (:mod:`briefgen.staleness`: articles, summarizer and its version, settings, the
  topic's registry entry) is stale (an error: ``build --frozen`` refuses it);
- ``timeline``: a ``happened`` event is not dated after the newest of its cited articles (for an
  article whose publication date was inferred: after the newest source of the briefing);
- ``date-inferred`` / ``date-suspect`` (warnings): an article whose publication date was inferred
  from its text (basis ``inferred``) or is a stated date its text contradicts (basis
  ``stated-suspect``), at the article's ``published`` line, with the recorded evidence and range;
- ``unsummarized``: a topic with articles but no briefing is a warning;
- the reading rules of :mod:`briefgen.review.rules` (``dangling-reference``, ``duplicate-event``,
  ``scheduled-reported``, ``headline-repeated``, ``superseded-status`` (an error),
  ``trim-cut-attribution``, ``conflicting-figures``): what an analyst would find wrong in
  faithfully quoted statements;
- ``path``: a symbolic link under content/ that leads out of it is an error (nothing is read through
  it); a FIFO, socket, device or broken link is a warning (skipped, never opened). The same article
  id in two topics is a ``schema`` error naming both files.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from briefgen import yamlio
from briefgen.errors import SchemaError
from briefgen.model import Article, Briefing, Statement, TimelineEvent, Topic, date_period
from briefgen.review.report import CheckReport, Finding, Rule, Severity
from briefgen.review.rules import reading_problems
from briefgen.review.support import measure
from briefgen.staleness import Staleness
from briefgen.store import ContentPathError, Store

log = logging.getLogger(__name__)


class _Collector:
    """Accumulates findings with paths relative to the project root."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.findings: list[Finding] = []
        self.seen: set[Finding] = set()

    def rel(self, path: Path | str) -> str:
        p = Path(os.path.abspath(path))  # a link is named where it is, not where it leads
        for candidate in (p, p.resolve()):
            try:
                return candidate.relative_to(self.root).as_posix()
            except ValueError:
                continue
        return p.as_posix()

    def add(
        self, path: Path | str, line: int | None, severity: Severity, rule: Rule, message: str
    ) -> None:
        finding = Finding(self.rel(path), line, severity, rule, message)
        if finding not in self.seen:  # a refused link is met by the audit and by a load
            self.seen.add(finding)
            self.findings.append(finding)

    def schema(self, exc: SchemaError, fallback: Path) -> None:
        message = f"{exc.field}: {exc.message}" if exc.field else exc.message
        rule: Rule = "path" if isinstance(exc, ContentPathError) else "schema"
        self.add(exc.file or fallback, exc.line, "error", rule, message)


def _load_articles(store: Store, out: _Collector) -> tuple[dict[str, Article], set[str]]:
    """Every valid article by id; plus the topics holding an invalid one."""
    articles: dict[str, Article] = {}
    broken: set[str] = set()
    others: set[Path] = set()
    for first, other in store.duplicate_ids(lenient=True):
        out.add(other, None, "error", "schema", store.duplicate_message(other.stem, first))
        broken |= {first.parent.name, other.parent.name}
        others.add(other)
    for path in store.article_paths(lenient=True):
        try:
            article = store.load_article(path)
        except SchemaError as exc:
            out.schema(exc, path)
            broken.add(path.parent.name)
            continue
        if path not in others:
            articles[article.id] = article
        warning = date_warning(article)
        if warning is not None:
            line = _published_line(store.read_text(path))
            out.add(path, line, "warning", warning[0], warning[1])
    return articles, broken


def _published_line(text: str) -> int | None:
    """The line of the ``published:`` key in an article's front matter."""
    for n, line in enumerate(text.split("\n")[1:], 2):
        if line == "---":
            return None
        if line.startswith("published:"):
            return n
    return None


def date_warning(article: Article) -> tuple[Rule, str] | None:
    """The ``date-inferred`` / ``date-suspect`` finding of an article's publication date, if any."""
    evidence = " ".join((article.published_evidence or "no evidence recorded").split())
    day = article.published.isoformat()
    if article.published_basis == "inferred":
        return "date-inferred", (
            f"publication date {day} is inferred, not stated ({evidence}); "
            "confirm it or re-ingest with --published"
        )
    if article.published_basis == "stated-suspect":
        return "date-suspect", (
            f"publication date {day} is stated but suspect ({evidence}); "
            "check the page's date or re-ingest with --published"
        )
    return None


def _period_start(event: TimelineEvent) -> dt.date:
    return date_period(event.date, event.precision)[0]


def _where_path(where: str) -> tuple[str | int, ...]:
    return tuple(int(p) if p.isdigit() else p for p in where.split("."))


class _BriefingCheck:
    """The per-briefing rules over one loaded briefing and its text (for line numbers)."""

    def __init__(
        self, path: Path, text: str, briefing: Briefing, articles: dict[str, Article]
    ) -> None:
        self.path, self.text, self.briefing, self.articles = path, text, briefing, articles

    def line(self, *path: str | int) -> int | None:
        return yamlio.locate(self.text, path)

    def run(self, out: _Collector, threshold: float) -> None:
        b = self.briefing
        for i, source in enumerate(b.sources):
            if source not in self.articles:
                out.add(
                    self.path,
                    self.line("sources", i),
                    "error",
                    "citation",
                    f"sources.{i}: article {source!r} does not exist",
                )
        for item, where in b.iter_cited():
            cited = self._resolve(item, where, out)
            if cited is None:
                continue
            self._support(item, where, cited, threshold, out)
            if isinstance(item, TimelineEvent):
                self._date(item, where, out)
        for p in reading_problems(b, self.articles):
            line = self.line(*p.path) or self.line(*p.path[:-1])
            out.add(self.path, line, p.severity, p.rule, p.message)

    def _resolve(
        self, item: Statement | TimelineEvent, where: str, out: _Collector
    ) -> list[str] | None:
        """The cited sentences' texts, or None (after reporting) when one does not resolve."""
        texts: list[str] = []
        ok = True
        for c in item.cite:
            article = self.articles.get(c.article_id)
            if article is None:
                message = f"{where}: cites {c}, but article {c.article_id!r} does not exist"
            elif (sentence := article.sentence(c.sentence)) is None:
                n = len(article.sentences)
                message = (
                    f"{where}: cites {c}, but article {c.article_id!r} has only "
                    f"{n} sentence{'s' if n != 1 else ''}"
                )
            else:
                texts.append(sentence.text)
                continue
            ok = False
            out.add(self.path, self.line(*_where_path(where), "cite"), "error", "citation", message)
        return texts if ok else None

    def _support(
        self,
        item: Statement | TimelineEvent,
        where: str,
        cited: Sequence[str],
        threshold: float,
        out: _Collector,
    ) -> None:
        m = measure(item.text, cited)
        line = self.line(*_where_path(where), "text") or self.line(*_where_path(where))
        severity: Severity = "warning" if item.edited else "error"
        rule: Rule = "edited" if item.edited else "support"
        subject = f"{where}: edited statement" if item.edited else f"{where}: statement"
        if m.score < threshold:
            missing = ", ".join(f'"{w}"' for w in m.missing[:8])
            more = ", ..." if len(m.missing) > 8 else ""
            out.add(
                self.path,
                line,
                severity,
                rule,
                f"{subject} is not supported by its citations (support {m.score:.2f} < "
                f"{threshold:.2f}; not in the cited sentences: {missing}{more})",
            )
        if m.dropped:
            words = ", ".join(f'"{w}"' for w in m.dropped)
            out.add(
                self.path,
                line,
                severity,
                rule if item.edited else "negation",
                f"{subject} drops the negation {words} from its cited sentences",
            )

    def _bound(self, article: Article) -> dt.date:
        """The latest date an event reported by ``article`` can have happened on.

        An inferred publication date is only a lower bound of the real one, so for such an
        article the bound is the end of the sources' period: the newest source's date.
        """
        if article.published_basis != "inferred":
            return article.published
        known = [self.articles[s].published for s in self.briefing.sources if s in self.articles]
        return max([article.published, *known])

    def _date(self, event: TimelineEvent, where: str, out: _Collector) -> None:
        if event.status == "scheduled":
            return
        latest = max(self._bound(self.articles[c.article_id]) for c in event.cite)
        if _period_start(event) > latest:
            out.add(
                self.path,
                self.line(*_where_path(where), "date"),
                "error",
                "timeline",
                f"{where}: dated {event.date.isoformat()}, after its sources were published "
                f"(latest {latest.isoformat()}); mark it 'status: scheduled' or correct the date",
            )


def _check_registry_and_editions(
    store: Store, out: _Collector, settled: Callable[[Path], bool]
) -> dict[str, Topic]:
    for issue in store.audit():
        out.add(issue.path, None, "error" if issue.error else "warning", "path", issue.message)
    topics: dict[str, Topic] = {}
    try:
        topics = {t.slug: t for t in store.topics(lenient=True)}
    except SchemaError as exc:
        out.schema(exc, store.topics_path)
    for path in store.edition_paths(lenient=True):
        if settled(path):
            continue
        try:
            store.load_edition(path)
        except SchemaError as exc:
            out.schema(exc, path)
    return topics


def _never(path: Path) -> bool:
    return False


def check_content(
    store: Store,
    root: Path,
    threshold: float,
    staleness: Staleness,
    settled: Callable[[Path], bool] = _never,
) -> CheckReport:
    """Check every content file in ``store`` (paths shown relative to ``root``); see the module
    docstring for the rules. ``settled(path)``: an edition file known valid, not read again."""
    out = _Collector(root.resolve())
    topics = _check_registry_and_editions(store, out, settled)
    articles, broken = _load_articles(store, out)
    by_topic: dict[str, list[Article]] = {}
    for article in articles.values():
        by_topic.setdefault(article.topic, []).append(article)
    stale: list[str] = []
    briefed: set[str] = set()
    briefing_paths = store.briefing_paths(lenient=True)
    for path in briefing_paths:
        briefed.add(path.stem)
        try:
            text = store.read_text(path)
            briefing = store.load_briefing(path)
        except SchemaError as exc:
            out.schema(exc, path)
            continue
        _BriefingCheck(path, text, briefing, articles).run(out, threshold)
        topic_articles = by_topic.get(briefing.topic, [])
        if briefing.topic in broken:
            continue
        if briefing.inputs is None:
            out.add(
                path,
                1,
                "warning",
                "stale",
                f"no 'inputs' digest, so staleness cannot be checked "
                f"(run 'briefgen summarize {briefing.topic}')",
            )
        elif staleness.is_stale(briefing, topic_articles, topics.get(briefing.topic)):
            stale.append(briefing.topic)
            out.add(
                path,
                yamlio.locate(text, ("inputs",)),
                "error",
                "stale",
                "briefing is stale: its articles, its topics.yaml entry or the summarizer (or its "
                "settings) changed since it was summarized "
                f"(run 'briefgen summarize {briefing.topic}')",
            )
    for topic in sorted(by_topic.keys() - briefed):
        n = len(by_topic[topic])
        out.add(
            store.briefing_path(topic),
            None,
            "warning",
            "unsummarized",
            f"topic {topic!r} has {n} article{'s' if n != 1 else ''} but no briefing "
            f"(run 'briefgen summarize {topic}')",
        )
    findings = tuple(sorted(out.findings, key=Finding.sort_key))
    log.debug("check: %d findings", len(findings))
    return CheckReport(
        findings=findings,
        stale=tuple(sorted(stale)),
        articles=len(store.article_paths(lenient=True)),
        briefings=len(briefing_paths),
    )
