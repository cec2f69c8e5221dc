"""A topic's timeline: dated mentions grouped into events, merged across sources.

Every sentence that names a date is a mention. Mentions of the same date (and precision) that say
the same thing — by word overlap with the event's most central sentence — become one
:class:`~briefgen.model.TimelineEvent` citing all of them. The event's text is its clearest cited
sentence (central, short, event-first), trimmed faithfully: only whole words are cut from its ends
(a trailing ", officials said", a leading "But"), so every word of the text is in the cited
sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence

from briefgen.model import Article, Citation, Sentence, TimelineEvent
from briefgen.nlp.similarity import containment, content_words, jaccard
from briefgen.nlp.temporal import Precision
from briefgen.timeline.dating import Mention, collect_mentions
from briefgen.timeline.ranking import Centrality, rank_dates

SAME_EVENT = 0.3
"""Word-set Jaccard (or 0.6 containment) at which two mentions of a date report the same event."""
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
_PRECISIONS: tuple[Precision, ...] = ("day", "week", "month", "year")
_ATTRIBUTION = re.compile(
    r",\s+(?:[\w'’.-]+\s+){0,6}?(?:said|says|reported|reports|announced|added|told\s+[\w\s'’.-]{1,40})"
    r"(?:\s+on\s+\w+)?\s*[.!]?[\"”]?$"
)
_LEAD = re.compile(r"^(?:But|And|So|Meanwhile|However|Also|Now)\b,?\s+")
_DATELINE = re.compile(r"^[A-Z][A-Z.’' ]{1,40}?(?:\s*\([A-Za-z]+\))?\s*[–—-]{1,2}\s+")
_CLAUSE_END = re.compile(r",\s|;\s|\s[–—]\s")
MAX_CLEAR_WORDS = 35
LONG_WORDS = 30
"""Sentences longer than this are cut after the clause holding the date phrase (when given)."""


def _balanced(text: str) -> bool:
    return (
        text.count("(") == text.count(")")
        and text.count("“") == text.count("”")
        and text.count('"') % 2 == 0
    )


def trim(text: str, keep: tuple[int, int] | None = None) -> str:
    """A faithful shorter form of a sentence, cutting whole words from its ends only: a long
    sentence ends after the clause holding ``keep`` (the date phrase's span), and a trailing
    attribution (", officials said"), a leading dateline ("KABUL –") and a leading connective
    ("But") go. Returns the sentence itself when nothing applies."""
    out = text
    if keep is not None and len(out.split()) > LONG_WORDS:
        m = _CLAUSE_END.search(out, keep[1])
        head = out[: m.start()].rstrip(" ,;–—") if m else out
        if m and len(head.split()) >= 6 and _balanced(head):
            out = head + "."
    m = _ATTRIBUTION.search(out)
    if m and len(out[: m.start()].split()) >= 5:
        out = out[: m.start()].rstrip() + "."
    for pattern in (_DATELINE, _LEAD):
        m = pattern.match(out)
        if m and len(out[m.end() :].split()) >= 5:
            rest = out[m.end() :]
            out = rest[0].upper() + rest[1:]
    return out


def _clarity(sentence: Sentence, centrality: float) -> float:
    """Central, short, plain statements first: quotes and questions are less clear."""
    text = sentence.text
    n = len(text.split())
    score = centrality
    if n > MAX_CLEAR_WORDS:
        score *= MAX_CLEAR_WORDS / n
    if text[:1] in "\"“'‘" or text.endswith("?"):
        score *= 0.5
    return score


def _same_event(a: frozenset[str], b: frozenset[str]) -> bool:
    return jaccard(a, b) >= SAME_EVENT or min(containment(a, b), containment(b, a)) >= 0.6


def _group_events(
    group: Sequence[Mention], central: Centrality
) -> list[tuple[list[Mention], Sentence]]:
    """Cluster one date's mentions into events; each with its clearest sentence."""
    by_text: dict[str, list[Mention]] = defaultdict(list)
    for m in group:
        by_text[m.sentence.text].append(m)
    ranked = central.rank([m.sentence for m in group])
    clusters: list[tuple[frozenset[str], list[tuple[Sentence, float]]]] = []
    for sentence, score in ranked:
        words = content_words(sentence.text)
        for rep, members in clusters:
            if _same_event(words, rep):
                members.append((sentence, score))
                break
        else:
            clusters.append((words, [(sentence, score)]))
    out = []
    for _, members in clusters:
        mentions = [m for s, _ in members for m in by_text[s.text]]
        best = max(members, key=lambda p: (_clarity(*p), -len(p[0].text), p[0].citation))[0]
        out.append((mentions, best))
    return out


def _event(
    date: dt.date, precision: Precision, mentions: list[Mention], best: Sentence
) -> TimelineEvent:
    cites = sorted({m.sentence.citation for m in mentions})
    spans = sorted((m.start, m.end) for m in mentions if m.sentence.text == best.text)
    newest = max(m.published for m in mentions)
    scheduled = date > newest or 2 * sum(m.scheduled for m in mentions) > len(mentions)
    return TimelineEvent(
        date=date,
        precision=precision,
        status="scheduled" if scheduled else "happened",
        text=trim(best.text, spans[0] if spans else None),
        cite=tuple(cites),
    )


def importance(event: TimelineEvent) -> tuple[int, int, int]:
    """How important an event is, from the event alone: distinct cited articles, citations, and
    finer precision first. Larger is more important."""
    articles = len({c.article_id for c in event.cite})
    return (articles, len(event.cite), -_PRECISION_RANK[event.precision])


def _by_importance(events: Sequence[TimelineEvent]) -> list[TimelineEvent]:
    return sorted(
        events,
        key=lambda e: (*(-x for x in importance(e)), -e.date.toordinal(), e.text, e.cite),
    )


def _chronological(events: Sequence[TimelineEvent]) -> tuple[TimelineEvent, ...]:
    return tuple(sorted(events, key=lambda e: (e.date, e.text, _PRECISION_RANK[e.precision])))


def build_timeline(
    articles: Sequence[Article], *, day_first: bool = True, limit: int | None = None
) -> tuple[TimelineEvent, ...]:
    """Every dated event of a topic's articles, merged across sources, sorted by (date, text).
    ``limit`` keeps the most important events (:func:`importance`; ties go to the better-ranked
    date by ``ranking.rank_dates``, the date ranking the benchmark uses, then the later date)."""
    mentions, _ = collect_mentions(articles, day_first=day_first)
    central = Centrality(s for a in articles for s in a.sentences)
    groups: defaultdict[tuple[dt.date, Precision], list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[(m.date, m.precision)].append(m)
    events: list[TimelineEvent] = []
    for (date, precision), group in sorted(groups.items()):
        for members, best in _group_events(group, central):
            events.append(_event(date, precision, members, best))
    events = _merge_same_text(events)
    if limit is not None and len(events) > limit:
        ranked = rank_dates(
            mentions, published=[a.published for a in articles], precisions=_PRECISIONS
        )
        date_score = {(r.date, r.precision): r.score for r in ranked}
        events = sorted(
            events,
            key=lambda e: (
                *(-x for x in importance(e)),
                -date_score[(e.date, e.precision)],
                -e.date.toordinal(),
                e.text,
            ),
        )[:limit]
    return _chronological(events)


def _merge_same_text(events: list[TimelineEvent]) -> list[TimelineEvent]:
    """Two events with the same date and text (a sentence naming a date twice) become one."""
    merged: dict[tuple[dt.date, str], TimelineEvent] = {}
    for e in events:
        key = (e.date, e.text)
        if key in merged:
            old = merged[key]
            cites: tuple[Citation, ...] = tuple(sorted(set(old.cite) | set(e.cite)))
            finer = min((old, e), key=lambda x: _PRECISION_RANK[x.precision])
            merged[key] = finer.model_copy(update={"cite": cites})
        else:
            merged[key] = e
    return list(merged.values())


def select_events(events: Sequence[TimelineEvent], cap: int) -> tuple[TimelineEvent, ...]:
    """The ``cap`` most important events (by :func:`importance`), in chronological order."""
    return _chronological(_by_importance(events)[: max(cap, 0)])
