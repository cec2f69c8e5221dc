"""The timeline's same-event rule as a pairwise test, and date compatibility, for ``check`` and
the summarizer's supersession.

``timeline/core.py`` merges two mentions of one date into one event when their content-word sets
have a Jaccard similarity of at least ``SAME_EVENT`` or each contains at least
``SAME_EVENT_CONTAINED`` of the other. :func:`same_event` is exactly that test for two texts (the
labelled pairs in ``tests/fixtures/labelled/event_pairs.jsonl`` measure it, and a test checks it
agrees with the timeline's own index), so ``check`` and the timeline agree on what one event is.
"""

from __future__ import annotations

import datetime as dt

from briefgen.model import Precision, TimelineEvent, date_period
from briefgen.nlp.similarity import content_words
from briefgen.timeline.core import SAME_EVENT, SAME_EVENT_CONTAINED


def same_event_words(a: frozenset[str], b: frozenset[str]) -> bool:
    """The timeline's rule on two content-word sets."""
    if not a or not b:
        return not a and not b
    inter = len(a & b)
    return inter / len(a | b) >= SAME_EVENT or inter / max(len(a), len(b)) >= SAME_EVENT_CONTAINED


def same_event(a: str, b: str) -> bool:
    """Do two texts report the same event, by the timeline's merge rule?"""
    return same_event_words(content_words(a), content_words(b))


def period(event: TimelineEvent) -> tuple[dt.date, dt.date]:
    """The first and last day an event's date can mean at its precision."""
    return span(event.date, event.precision)


def span(d: dt.date, precision: Precision) -> tuple[dt.date, dt.date]:
    """The first and last day ``d`` can mean at ``precision`` (day, week, month, year)."""
    return date_period(d, precision)


def compatible(a: TimelineEvent, b: TimelineEvent) -> bool:
    """Two events' dates can name the same day (their periods overlap)."""
    (a0, a1), (b0, b1) = period(a), period(b)
    return a0 <= b1 and b0 <= a1
