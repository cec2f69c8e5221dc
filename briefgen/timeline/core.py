"""The one timeline algorithm, shared by the product (``build_timeline``) and ``briefgen eval tls``.

:func:`timeline_events` turns articles into dated events in four steps:

1. **Mentions.** Every sentence naming a date is a mention of it (:mod:`.dating`).
2. **Dates.** Dates are ranked by how many sentences and distinct articles name them and how many
   reports were published on them or the day after (:func:`.ranking.rank_dates`); the top ``dates``
   are kept (all of them when ``None``).
3. **Pools.** A date's pool is the mentions naming it, plus *lead sentences*: the first
   LEAD_SENTENCES sentences of a report that name no date and are plain statements (not a question
   or quotation) report the news of the day: the first always, the others only in a tense that
   reports news (:func:`reports_news`), since a past simple there mostly recaps older events.
   Each is a candidate for the report's publication day and the day before (when kept); dates
   are filled best-ranked first and a lead sentence serves one date only, so in the
   product (every date kept) it lands on the better-ranked of the two.
4. **Events.** Per date, the most central sentences of the pool (TF-IDF cosine to the pool's
   centroid, :class:`.ranking.Centrality`; sentences from reports published within NEAR_DAYS after
   the date first) become event texts, skipping any that reports the same event as one already
   chosen, up to ``per_date`` (all distinct events when ``None``). Every other pool sentence that
   reports the same event is merged into it, so one event cites all its sources. The text is the
   chosen sentence, trimmed faithfully (:func:`.trim.trim`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.model import Article, Citation, Sentence, TimelineEvent
from briefgen.nlp.similarity import content_words
from briefgen.nlp.temporal import Precision
from briefgen.nlp.tense import reports_news
from briefgen.nlp.trim import trim
from briefgen.timeline.dating import Mention, collect_mentions
from briefgen.timeline.ranking import MIN_WORDS, Centrality, DateScore, rank_dates

PRECISIONS: tuple[Precision, ...] = ("day", "week", "month", "year")
PRECISION_RANK: dict[Precision, int] = {p: i for i, p in enumerate(PRECISIONS)}
LEAD_SENTENCES = 3
"""The first sentences of a report that, naming no day, report the news of its publication day."""
LEAD_DAYS = 1
"""A lead sentence describes its report's publication day or up to this many days before."""
NEAR_DAYS = 2
"""Sentences of reports published at most this many days after a date describe it first-hand."""
SAME_EVENT = 0.3
"""Word-set Jaccard (or SAME_EVENT_CONTAINED containment both ways) of two reports of one event."""
SAME_EVENT_CONTAINED = 0.6


@dataclass(frozen=True)
class PoolEntry:
    """A sentence that describes a date: a mention naming it, or an undated lead sentence."""

    sentence: Sentence
    published: dt.date
    scheduled: bool
    span: tuple[int, int] | None
    """The date phrase's character span; ``None`` for a lead sentence."""


class _ChosenEvents:
    """The events chosen for one date, with an inverted index of their content words: a sentence
    is weighed only against the events it shares a word with. Two content-word sets report the
    same event when their Jaccard similarity is at least SAME_EVENT or each contains at least
    SAME_EVENT_CONTAINED of the other; the shared-word counts give both without a set operation
    per pair."""

    def __init__(self) -> None:
        self.words: list[frozenset[str]] = []
        self._index: defaultdict[str, list[int]] = defaultdict(list)
        self._empty: list[int] = []

    def add(self, words: frozenset[str]) -> None:
        """Index one more chosen event by its content words."""
        i = len(self.words)
        self.words.append(words)
        for w in words:
            self._index[w].append(i)
        if not words:
            self._empty.append(i)

    def same(self, words: frozenset[str]) -> list[tuple[float, int]]:
        """``(jaccard, -i)`` of every chosen event ``i`` that reports the same event as
        ``words``."""
        if not words:  # only an empty set contains and is contained by an empty set
            return [(0.0, -i) for i in self._empty]
        shared = Counter(i for w in words for i in self._index.get(w, ()))
        out: list[tuple[float, int]] = []
        for i, inter in shared.items():
            a, b = len(words), len(self.words[i])
            sim = inter / (a + b - inter)
            if sim >= SAME_EVENT or inter / max(a, b) >= SAME_EVENT_CONTAINED:
                out.append((sim, -i))
        return out


def _entry(m: Mention) -> PoolEntry:
    return PoolEntry(m.sentence, m.published, m.scheduled, (m.start, m.end))


def _is_statement(text: str) -> bool:
    """A plain statement of at least MIN_WORDS words: not a question, quotation or aside."""
    return len(text.split()) >= MIN_WORDS and not text.endswith("?") and text[:1] not in "\"“'‘("


def _lead_entries(
    articles: Sequence[Article], mentions: Sequence[Mention], kept: Sequence[DateScore]
) -> dict[dt.date, list[PoolEntry]]:
    """Each report's undated lead statements (naming no date in ``mentions``), as candidates for
    every kept day among its publication day and the LEAD_DAYS before it."""
    days_kept = {r.date for r in kept if r.precision == "day"}
    dated = {m.sentence.citation for m in mentions}
    out: defaultdict[dt.date, list[PoolEntry]] = defaultdict(list)
    for article in sorted(articles, key=lambda a: a.id):
        leads = [
            s
            for i, s in enumerate(article.sentences[:LEAD_SENTENCES])
            if s.citation not in dated
            and _is_statement(s.text)
            and (i == 0 or reports_news(s.text))
        ]
        for n in range(LEAD_DAYS + 1):
            day = article.published - dt.timedelta(days=n)
            if day in days_kept:
                out[day].extend(PoolEntry(s, article.published, False, None) for s in leads)
    return out


def _ordered(
    date: dt.date, pool: Sequence[PoolEntry], central: Centrality
) -> list[tuple[PoolEntry, frozenset[str]]]:
    """The pool's distinct sentences, best candidates first: first-hand reports (published within
    NEAR_DAYS after the date) before later ones, each tier by centrality to its own centroid."""
    near = [e for e in pool if 0 <= (e.published - date).days <= NEAR_DAYS]
    far = [e for e in pool if not 0 <= (e.published - date).days <= NEAR_DAYS]
    out: list[tuple[PoolEntry, frozenset[str]]] = []
    seen: set[str] = set()
    for tier in (near, far):
        first: dict[Citation, PoolEntry] = {}
        for e in sorted(tier, key=lambda e: (e.sentence.article_id, e.sentence.n, e.span or ())):
            first.setdefault(e.sentence.citation, e)
        for s, _ in central.rank([e.sentence for e in first.values()]):
            if s.text not in seen:
                seen.add(s.text)
                out.append((first[s.citation], content_words(s.text)))
    return out


def _date_events(
    date: dt.date,
    precision: Precision,
    pool: Sequence[PoolEntry],
    central: Centrality,
    per_date: int | None,
) -> list[TimelineEvent]:
    """Up to ``per_date`` distinct events of one date, each citing every pool sentence that
    reports it."""
    chosen: list[tuple[PoolEntry, list[PoolEntry]]] = []
    index = _ChosenEvents()
    for entry, words in _ordered(date, pool, central):
        if per_date is not None and len(chosen) >= per_date:
            break
        if not index.same(words):
            chosen.append((entry, []))
            index.add(words)
    if not chosen:
        return []
    for entry in pool:  # each pool sentence joins the chosen event it is most like
        fits = index.same(content_words(entry.sentence.text))
        if fits:
            chosen[-max(fits)[1]][1].append(entry)
    return [_event(date, precision, head, members) for head, members in chosen]


def _event(
    date: dt.date, precision: Precision, head: PoolEntry, members: Sequence[PoolEntry]
) -> TimelineEvent:
    newest = max(m.published for m in members)
    scheduled = date > newest or 2 * sum(m.scheduled for m in members) > len(members)
    return TimelineEvent(
        date=date,
        precision=precision,
        status="scheduled" if scheduled else "happened",
        text=trim(head.sentence.text, head.span),
        cite=tuple(sorted({m.sentence.citation for m in members})),
    )


def _merge_same_text(events: Sequence[TimelineEvent]) -> list[TimelineEvent]:
    """Two events with the same date and text (a sentence naming a day and its month, say) become
    one, at the finer precision, citing both."""
    merged: dict[tuple[dt.date, str], TimelineEvent] = {}
    for e in events:
        key = (e.date, e.text)
        old = merged.get(key)
        if old is None:
            merged[key] = e
            continue
        cites: tuple[Citation, ...] = tuple(sorted(set(old.cite) | set(e.cite)))
        finer = min((old, e), key=lambda x: PRECISION_RANK[x.precision])
        merged[key] = finer.model_copy(update={"cite": cites})
    return list(merged.values())


def chronological(events: Sequence[TimelineEvent]) -> tuple[TimelineEvent, ...]:
    """Events sorted by (date, text), then finer precision first."""
    return tuple(sorted(events, key=lambda e: (e.date, e.text, PRECISION_RANK[e.precision])))


@dataclass(frozen=True)
class RankedTimeline:
    """A timeline's events, by (date, text), and the ranking of the dates they were chosen from."""

    events: tuple[TimelineEvent, ...]
    dates: tuple[DateScore, ...]


def ranked_timeline(
    articles: Sequence[Article],
    *,
    day_first: bool = True,
    dates: int | None = None,
    per_date: int | None = None,
    span: tuple[dt.date, dt.date] | None = None,
    precisions: tuple[Precision, ...] = PRECISIONS,
) -> RankedTimeline:
    """:func:`timeline_events` with the date ranking it used (kept dates only, best first)."""
    every, _ = collect_mentions(articles, day_first=day_first)
    mentions = every if span is None else tuple(m for m in every if span[0] <= m.date <= span[1])
    ranked = rank_dates(mentions, published=[a.published for a in articles], precisions=precisions)
    kept = ranked if dates is None else ranked[: max(dates, 0)]
    central = Centrality(s for a in articles for s in a.sentences)
    pools: defaultdict[tuple[dt.date, Precision], list[PoolEntry]] = defaultdict(list)
    for m in mentions:
        pools[(m.date, m.precision)].append(_entry(m))
    for day, entries in _lead_entries(articles, every, kept).items():
        pools[(day, "day")].extend(entries)
    events: list[TimelineEvent] = []
    used: set[Citation] = set()  # lead sentences already reported under a better-ranked day
    for r in kept:  # best-ranked first
        pool = [
            e
            for e in pools[(r.date, r.precision)]
            if e.span is not None or e.sentence.citation not in used
        ]
        found = _date_events(r.date, r.precision, pool, central, per_date)
        cited = {c for e in found for c in e.cite}
        used.update(
            e.sentence.citation for e in pool if e.span is None and e.sentence.citation in cited
        )
        events.extend(found)
    return RankedTimeline(chronological(_merge_same_text(events)), kept)


def timeline_events(
    articles: Sequence[Article],
    *,
    day_first: bool = True,
    dates: int | None = None,
    per_date: int | None = None,
    span: tuple[dt.date, dt.date] | None = None,
    precisions: tuple[Precision, ...] = PRECISIONS,
) -> tuple[TimelineEvent, ...]:
    """The timeline of ``articles`` (see the module docstring), sorted by (date, text).

    ``dates`` keeps the best-ranked dates (all when ``None``); ``per_date`` bounds the distinct
    events per date (all when ``None``); ``span`` keeps only dates within [start, end];
    ``precisions`` are the date precisions that may form events (all by default)."""
    return ranked_timeline(
        articles,
        day_first=day_first,
        dates=dates,
        per_date=per_date,
        span=span,
        precisions=precisions,
    ).events
