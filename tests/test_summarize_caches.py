"""The summarizer's caches (surface cues, supersession facts, lone-sentence scans) never change
an answer: a cached result equals the one computed afresh, and a changed input is recomputed."""

from __future__ import annotations

import datetime as dt

from briefgen.model import Citation, TimelineEvent
from briefgen.nlp import temporal
from briefgen.summarize import cues as cues_module
from briefgen.summarize.cues import cues
from briefgen.summarize.statements import Sources, superseded_by

from conftest import make_article

OLD_ID = "2026-02-02-geneva-talks"
NEW_ID = "2026-02-10-geneva-deal"
OLD = make_article(
    OLD_ID,
    paragraphs=(
        (
            "Negotiators from Norland and Sudria are meeting in Geneva to agree a ceasefire for "
            "the northern province.",
            "Talks are expected to resume in Geneva on Saturday, officials said.",
        ),
    ),
    published=dt.date(2026, 2, 2),
    publisher="Daily Norland",
)
NEW = make_article(
    NEW_ID,
    paragraphs=(
        (
            "Norland and Sudria signed a ceasefire in Geneva on Monday.",
            "Negotiators meeting in Geneva agreed a ceasefire for the northern province on "
            "Saturday.",
        ),
    ),
    published=dt.date(2026, 2, 10),
    publisher="Sudria Post",
)
LATER = TimelineEvent.validate(
    dict(
        date=dt.date(2026, 2, 7),
        text="Negotiators meeting in Geneva agreed a ceasefire for the northern province "
        "on Saturday.",
        cite=(Citation(NEW_ID, 2),),
    )
)


def test_surface_cues_cached_equal_fresh_ones() -> None:
    """Full cues after surface-only cues of one sentence equal those computed with no cache."""
    text = "Talks are expected to resume in Geneva on Saturday, officials said."
    day = dt.date(2026, 2, 2)
    cues_module._SURFACE.clear()
    fresh = cues(text, day, 2, 5)
    assert not fresh.noise and fresh.scheduled and fresh.future
    cues_module._SURFACE.clear()
    surface = cues(text, day, 2, 5, surface_only=True)
    assert cues(text, day, 2, 5) == fresh
    assert cues(text, day, 2, 5, surface_only=True) == surface
    assert surface.n_words == fresh.n_words and not surface.scheduled


def test_surface_cues_depend_on_position() -> None:
    """The cache keys on the sentence's position too: one text at two positions is two entries."""
    text = "Officials said on Monday that the border crossing would reopen next week."
    day = dt.date(2026, 2, 2)
    assert cues(text, day, 1, 9).position == 1
    assert cues(text, day, 7, 9).position == 7


def test_supersession_recomputes_for_another_timeline() -> None:
    """One Sources asked about two timelines answers for each (its event facts are per timeline)."""
    src = Sources({OLD.id: OLD, NEW.id: NEW})
    text = OLD.sentences[0].text
    cites = (Citation(OLD_ID, 1),)
    timeline = (LATER,)
    assert superseded_by(text, cites, timeline, src) == 0
    assert superseded_by(text, cites, timeline, src) == 0
    planned = (LATER.replace(status="scheduled"),)
    assert superseded_by(text, cites, planned, src) is None
    events = [LATER]
    assert superseded_by(text, cites, events, src) == 0
    events[0] = planned[0]  # a list may change between calls: it is never cached
    assert superseded_by(text, cites, events, src) is None


def test_lone_sentence_scan_is_the_uncached_scan() -> None:
    """extract and scan_document's first reading give what scan gives, cached or not."""
    day = dt.date(2026, 2, 2)
    sentences = (
        "Talks are expected to resume on Saturday.",
        "Details about Saturday's meeting were not released.",
        "The ban was lifted on 3 February 2026.",
    )
    temporal._scan_alone.cache_clear()
    for s in sentences:
        assert temporal.extract(s, day) == list(temporal.scan(s, day).refs)
        assert temporal.extract(s, day) == list(temporal.scan(s, day).refs)
    document = temporal.scan_document(sentences, day)
    assert document[0] == temporal.scan(sentences[0], day)
    assert document[2] == temporal.scan(sentences[2], day)
