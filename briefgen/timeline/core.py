"""The one timeline algorithm, shared by the product (``build_timeline``) and ``briefgen eval tls``.

:func:`timeline_events` turns articles into dated events in five steps:

1. **Mentions.** Every date phrase of a sentence is a mention of its date (:mod:`.dating`), except
   a page's time stamp ("January 31, 2011 at 3:29 pm |") and a far reference ("the worst since
   1998", "since the Taliban's return to power in 2021"; :mod:`.mentions`). A sentence naming
   dates in separate clauses gives each mention its own clause as text; dates sharing one clause
   give the sentence to the first date only (:func:`clause_entries`).
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
4. **Drafts.** Per date, the most central mentions of the pool (TF-IDF cosine to the pool's
   centroid, :class:`.ranking.Centrality`; mentions from reports published within NEAR_DAYS after
   the date first) become events, skipping any that reports the same event as one already
   chosen (:func:`.model.same_event_words` over :func:`.mentions.event_words`), up to
   ``per_date`` (all distinct events when ``None``). Every other pool mention of the same event
   joins it, unless it gives another source's conflicting figure.
5. **Events.** :func:`.model.reconcile` merges drafts across compatible dates (a week or month
   and a day inside it), makes a scheduled event that a later report describes one happened
   event, marks conflicting figures, and picks each event's text: the first of its mentions that
   needs no antecedent, trimmed faithfully (:func:`briefgen.nlp.trim.trim`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

import msgspec

from briefgen.model import Article, Citation, TimelineEvent
from briefgen.nlp.temporal import Precision
from briefgen.nlp.tense import reports_news
from briefgen.timeline.dating import Mention, collect_mentions
from briefgen.timeline.mentions import (
    clause_text,
    event_words,
    far_reference,
    figures,
    relative_times,
    split_clauses,
    timestamp,
)
from briefgen.timeline.model import (
    SAME_EVENT as SAME_EVENT,
)
from briefgen.timeline.model import (
    SAME_EVENT_CONTAINED as SAME_EVENT_CONTAINED,
)
from briefgen.timeline.model import (
    Draft,
    EventIndex,
    PoolEntry,
    reconcile,
)
from briefgen.timeline.ranking import MIN_WORDS, Centrality, DateScore, rank_dates

PRECISIONS: tuple[Precision, ...] = ("day", "week", "month", "year")
PRECISION_RANK: dict[Precision, int] = {p: i for i, p in enumerate(PRECISIONS)}
LEAD_SENTENCES = 3
"""The first sentences of a report that, naming no day, report the news of its publication day."""
LEAD_DAYS = 1
"""A lead sentence describes its report's publication day or up to this many days before."""
NEAR_DAYS = 2
"""Sentences of reports published at most this many days after a date describe it first-hand."""


def _source(article: Article) -> str:
    """Who published an article: its publisher, or the article itself when it names none."""
    return article.publisher or article.id


def clause_entries(
    mentions: Sequence[Mention], sources: dict[str, str]
) -> list[tuple[Mention, PoolEntry]]:
    """One pool entry per mention, in order, whose text is the mention's own clause when its
    sentence names several dates in separate clauses; when two dates share one clause the
    sentence tells one event, its first date's, and the other mentions get no entry (``None``):
    a sentence is never the text of two dates."""
    by_sentence: dict[Citation, list[int]] = {}
    for i, m in enumerate(mentions):
        by_sentence.setdefault(m.sentence.citation, []).append(i)
    out: list[tuple[Mention, PoolEntry] | None] = [None] * len(mentions)
    for group in by_sentence.values():
        group.sort(key=lambda i: (mentions[i].start, mentions[i].end))
        first = mentions[group[0]]
        full = first.sentence.text
        source = sources.get(first.sentence.article_id, first.sentence.article_id)
        spans = [(mentions[i].start, mentions[i].end) for i in group]
        bounds = split_clauses(full, spans) if len(group) > 1 else None
        if bounds is None:
            span = (first.start, first.end)
            out[group[0]] = (
                first,
                PoolEntry(first.sentence, first.published, first.scheduled, span, source, full),
            )
            continue
        for i, bound in zip(group, bounds, strict=True):
            m = mentions[i]
            text = clause_text(full, bound)
            at = text.find(m.phrase)
            span = (at, at + len(m.phrase)) if at >= 0 else (0, 0)
            sentence = m.sentence.replace(text=text)
            out[i] = (m, PoolEntry(sentence, m.published, m.scheduled, span, source, full))
    return [e for e in out if e is not None]


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
                out[day].extend(
                    PoolEntry(s, article.published, False, None, _source(article), s.text)
                    for s in leads
                )
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
                out.append((first[s.citation], event_words(s.text)))
    return out


def _date_events(
    date: dt.date,
    precision: Precision,
    pool: Sequence[PoolEntry],
    central: Centrality,
    per_date: int | None,
) -> list[Draft]:
    """Up to ``per_date`` distinct events of one date, each with every pool mention that
    reports it (its chosen mention first); a mention whose figures conflict with an event's
    (from another source) does not join it."""
    chosen: list[tuple[PoolEntry, list[PoolEntry]]] = []
    index = EventIndex()
    for entry, words in _ordered(date, pool, central):
        if per_date is not None and len(chosen) >= per_date:
            break
        figs = figures(entry.sentence.text)
        if not index.same(words, figs, entry.source):
            chosen.append((entry, []))
            index.add(words, figs, entry.source)
    if not chosen:
        return []
    for entry in pool:  # each pool sentence joins the chosen event it is most like
        text = entry.sentence.text
        fits = index.same(event_words(text), figures(text), entry.source)
        if fits:
            chosen[-max(fits)[1]][1].append(entry)
    drafts: list[Draft] = []
    for head, members in chosen:
        rest = sorted(
            (m for m in members if m.sentence.citation != head.sentence.citation),
            key=lambda m: (m.sentence.article_id, m.sentence.n),
        )
        drafts.append(Draft(date, precision, [head, *rest]))
    return drafts


def _merge_same_text(
    events: Sequence[TimelineEvent], sources: dict[str, str]
) -> list[TimelineEvent]:
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
        single = len({sources.get(c.article_id, c.article_id) for c in cites}) == 1
        merged[key] = finer.replace(cite=cites, single_source=single)
    return list(merged.values())


def chronological(events: Sequence[TimelineEvent]) -> tuple[TimelineEvent, ...]:
    """Events sorted by (date, text), then finer precision first."""
    return tuple(sorted(events, key=lambda e: (e.date, e.text, PRECISION_RANK[e.precision])))


class RankedTimeline(msgspec.Struct, frozen=True):
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
    found, _ = collect_mentions(articles, day_first=day_first)
    every = tuple(
        m
        for m in found
        if not far_reference(m.sentence.text, m, m.published)
        and not timestamp(m.sentence.text, m.start, m.end)
    )
    mentions = every if span is None else tuple(m for m in every if span[0] <= m.date <= span[1])
    ranked = rank_dates(mentions, published=[a.published for a in articles], precisions=precisions)
    kept = ranked if dates is None else ranked[: max(dates, 0)]
    central = Centrality(s for a in articles for s in a.sentences)
    pools: defaultdict[tuple[dt.date, Precision], list[PoolEntry]] = defaultdict(list)
    sources = {a.id: _source(a) for a in articles}
    for m, entry in clause_entries(mentions, sources):
        pools[(m.date, m.precision)].append(entry)
    for day, entries in _lead_entries(articles, every, kept).items():
        pools[(day, "day")].extend(entries)
    drafts: list[Draft] = []
    used: set[Citation] = set()  # lead sentences already reported under a better-ranked day
    for r in kept:  # best-ranked first
        pool = [
            e
            for e in pools[(r.date, r.precision)]
            if e.span is not None or e.sentence.citation not in used
        ]
        made = _date_events(r.date, r.precision, pool, central, per_date)
        cited = {m.sentence.citation for d in made for m in d.members}
        used.update(
            e.sentence.citation for e in pool if e.span is None and e.sentence.citation in cited
        )
        drafts.extend(made)
    newest = max((a.published for a in articles), default=None)
    events = reconcile(drafts, newest, relative_times(found))
    return RankedTimeline(chronological(_merge_same_text(events, sources)), kept)


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
