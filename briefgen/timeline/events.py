"""The product's timeline: :func:`build_timeline` for the briefing, :func:`select_events` for the
topic page.

``build_timeline`` is the one timeline algorithm (:func:`briefgen.timeline.core.timeline_events`,
also what ``briefgen eval tls`` scores) with the product's settings: every date of every precision,
every distinct event of each date, each merged across sources; events whose every mention needs a
missing antecedent are left out. ``limit`` then bounds the stored list by :func:`importance`.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefgen.model import Article, TimelineEvent
from briefgen.nlp.references import dangling
from briefgen.nlp.trim import trim
from briefgen.timeline.core import PRECISION_RANK, chronological, ranked_timeline

__all__ = ["build_timeline", "importance", "select_events", "trim"]


def importance(event: TimelineEvent) -> tuple[int, int, int]:
    """How important an event is, from the event alone: distinct cited articles, citations, and
    finer precision first. Larger is more important."""
    articles = len({c.article_id for c in event.cite})
    return (articles, len(event.cite), -PRECISION_RANK[event.precision])


def _by_importance(events: Sequence[TimelineEvent]) -> list[TimelineEvent]:
    return sorted(
        events,
        key=lambda e: (*(-x for x in importance(e)), -e.date.toordinal(), e.text, e.cite),
    )


def build_timeline(
    articles: Sequence[Article], *, day_first: bool = True, limit: int | None = None
) -> tuple[TimelineEvent, ...]:
    """Every dated event of a topic's articles, merged across sources, sorted by (date, text);
    an event none of whose mentions reads on its own (each needs an antecedent from another
    sentence: :func:`briefgen.nlp.references.dangling`) is left out. ``limit`` keeps the most
    important events (:func:`importance`; ties go to the better-ranked date by
    :func:`briefgen.timeline.ranking.rank_dates`, then the later date)."""
    timeline = ranked_timeline(articles, day_first=day_first)
    events = tuple(e for e in timeline.events if dangling(e.text) is None)
    if limit is None or len(events) <= limit:
        return events
    rank = {(r.date, r.precision): i for i, r in enumerate(timeline.dates)}
    best = sorted(
        events,
        key=lambda e: (
            *(-x for x in importance(e)),
            rank[(e.date, e.precision)],
            -e.date.toordinal(),
            e.text,
        ),
    )
    return chronological(best[: max(limit, 0)])


def select_events(events: Sequence[TimelineEvent], cap: int) -> tuple[TimelineEvent, ...]:
    """The ``cap`` most important events (by :func:`importance`), in chronological order."""
    return chronological(_by_importance(events)[: max(cap, 0)])
