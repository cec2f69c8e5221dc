"""The default summarizer: offline, deterministic, CPU only, no model download.

It quotes or trims source sentences (so ``check`` can prove every statement), picks them by section
and importance (:mod:`briefgen.summarize.candidates`), lets the newest sources decide the current
status (:func:`supersede`), and reconciles with the previous briefing
(:mod:`briefgen.summarize.merge`).
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

from msgspec.structs import replace

from briefgen.config import Settings
from briefgen.errors import SummarizeError
from briefgen.model import Article, Briefing, Citation, Section, Statement, TimelineEvent, Topic
from briefgen.nlp.trim import is_fragment
from briefgen.summarize import merge
from briefgen.summarize.candidates import Candidate, Unit, candidates, ordered, units_of
from briefgen.summarize.classify import Label, is_noise_text
from briefgen.summarize.statements import (
    Sources,
    looks_ahead,
    marked,
    self_contained,
    superseded,
)
from briefgen.timeline import build_timeline

log = logging.getLogger(__name__)

STATUS_WINDOW_DAYS = 3
"""Status candidates older than this (relative to the newest source; by the date they report when
one is stated) move to background, unless fewer than ``section_min`` younger ones exist."""
SUPERSEDED_WEIGHT = 0.6
"""Score factor for an old status candidate competing with genuine background."""
STAKES_DECAY = 0.5
"""Share of a stakes candidate's score that fades as its newest source ages (stakes go stale)."""
STAKES_HALF_LIFE_DAYS = 14.0
"""Days (e-folding) over which that share fades."""

LEAD_BONUS = 0.5
"""Headline score bonus for a newest source's lead sentence: its writer's own summary of the
newest development."""
CONSIDERED_PER_SECTION = 6
CONSIDERED_EXTRA = 20
"""Candidates of each section read for self-containment and currency: this many per statement a
section may hold, plus these; weaker ones could not make the section."""

PARALLEL_MIN_ARTICLES = 200
"""Topics with at least this many articles are analysed in several processes (when allowed)."""

_SECTION_OF: dict[Label, Section] = {
    "status": "current_status",
    "background": "background",
    "stakes": "stakes",
}

TimelineBuilder = Callable[..., tuple[TimelineEvent, ...]]


def timeline_builder() -> TimelineBuilder | None:
    """The timeline stage's :func:`~briefgen.timeline.build_timeline` (a plain import: the
    summarize stage uses the timeline stage, never the other way round)."""
    return build_timeline


def readable(
    pool: Sequence[Candidate],
    events: Sequence[TimelineEvent],
    src: Sources,
    as_of: dt.date,
    *,
    keep: int,
) -> list[Candidate]:
    """The candidates a reader can use, strongest first per section, at most ``keep`` of each
    (the rest could not make a section; the cap keeps a big topic linear): a fragment (no finite
    verb, :func:`~briefgen.nlp.trim.is_fragment`) is left out; each other candidate is made
    self-contained (:func:`~briefgen.summarize.statements.self_contained`) or left out; a status
    or stakes candidate that a newer source supersedes
    (:func:`~briefgen.summarize.statements.superseded`) is left out; each kept one is tagged with
    the timeline events it mentions. Returned in ``pool``'s order."""
    order = {id(c): i for i, c in enumerate(pool)}
    event_of: dict[Citation, set[int]] = {}
    for j, ev in enumerate(events):
        for cite in ev.cite:
            event_of.setdefault(cite, set()).add(j)
    out: list[tuple[int, Candidate]] = []
    for label in ("status", "background", "stakes"):
        ranked = sorted((c for c in pool if c.section == label), key=lambda c: (-c.score, c.key))
        kept = 0
        for c in ranked:
            if kept >= keep:
                break
            if is_fragment(c.text):
                continue  # "A court in the capital on Tuesday, March 5.": no statement
            ready = self_contained(c, src)
            if ready is None or (label != "background" and superseded(ready, events, src, as_of)):
                continue
            found = frozenset(j for cite in ready.cites for j in event_of.get(cite, ()))
            out.append((order[id(c)], replace(ready, events=found)))
            kept += 1
    return [c for _, c in sorted(out, key=lambda x: x[0])]


def supersede(pool: Sequence[Candidate], as_of: dt.date, minimum: int) -> list[Candidate]:
    """Move status candidates that are older than the status window, or that no source phrases as
    current (narrated past), to background, keeping at least ``minimum`` (one that looks ahead and
    only older sources carry is left out: an old outlook is neither status nor background); fade
    stakes candidates with the age of their newest source."""
    status = sorted((c for c in pool if c.section == "status"), key=lambda c: (-c.score, c.key))
    # by the date it reports; one that says what is scheduled next is as current as its source
    when = {id(c): c.newest if c.ahead else min(c.newest, c.date_key) for c in status}
    window = [c for c in status if (as_of - when[id(c)]).days <= STATUS_WINDOW_DAYS]
    fresh = {id(c) for c in window if c.current}
    for c in window:  # top up with the strongest recent statements that lack currency cues
        if len(fresh) >= minimum:
            break
        fresh.add(id(c))
    if len(fresh) < minimum:
        for day in sorted(set(when.values()), reverse=True):
            if len(fresh) >= minimum:
                break
            fresh.update(
                id(c)
                for c in status
                if when[id(c)] == day and not (c.newest < as_of and looks_ahead(c.text))
            )
    out: list[Candidate] = []
    for c in pool:
        if c.section == "status" and id(c) not in fresh:
            if c.newest < as_of and looks_ahead(c.text):
                continue  # an old outlook ("will send", "are expected to") is no background
            c = replace(c, section="background", score=round(c.score * SUPERSEDED_WEIGHT, 6))
        elif c.section == "stakes":
            age = max(0, (as_of - c.newest).days)
            decay = 1 - STAKES_DECAY + STAKES_DECAY * math.exp(-age / STAKES_HALF_LIFE_DAYS)
            c = replace(c, score=round(c.score * decay, 6))
        out.append(c)
    return out


class ExtractiveSummarizer:
    """Picks and trims source sentences into background, current status and stakes."""

    name = "extractive"
    version = "2"

    def __init__(self, settings: Settings | None = None, *, jobs: int = 1) -> None:
        self.settings = settings or Settings.validate({})
        self.jobs = jobs
        """Processes for one big topic (set by the caller when topics are not already parallel)."""

    def summarize(
        self, topic: Topic, articles: Sequence[Article], previous: Briefing | None
    ) -> Briefing:
        """Summarize one topic's articles; keep ``previous``'s edited statements where they are."""
        if not articles:
            raise SummarizeError(f"topic {topic.slug!r} has no articles", field="topic")
        s = self.settings
        as_of = max(a.published for a in articles)
        by_id = {a.id: a for a in articles}
        src = Sources(by_id, day_first=s.day_first, topic=topic.title)
        per_article, generated = self._analyse(articles)
        generated = tuple(ev for ev in generated if not is_noise_text(ev.text, ev.date))
        timeline = merge.merge_timeline(generated, previous)
        pool = supersede(
            readable(
                candidates(articles, day_first=s.day_first, per_article=per_article),
                timeline,
                src,
                as_of,
                keep=CONSIDERED_PER_SECTION * s.section_max + CONSIDERED_EXTRA,
            ),
            as_of,
            s.section_min + 1,
        )
        blocked = merge.edited_citations(previous)
        used: set[str] = set()
        if previous is not None:
            used.update(st.text for st, _ in previous.iter_cited() if st.edited)

        headline, lead = self._headline(pool, previous, blocked, used)
        sections: dict[Section, tuple[Statement, ...]] = {}
        taken: list[Candidate] = [lead] if lead is not None else []
        used.add(headline.text)
        for label, field in _SECTION_OF.items():
            prev = previous.section(field) if previous is not None else ()
            cap = max(0, s.section_max - sum(1 for st in prev if st.edited))
            chosen = merge.choose(
                [c for c in pool if c.section == label],
                prev,
                cap,
                blocked=blocked,
                used=used,
                taken=taken,
                chronological=field == "background",
            )
            used.update(c.text for c in chosen)
            taken.extend(chosen)
            placed = merge.place_edited([merge.statement(c) for c in chosen], prev)
            sections[field] = marked(placed, src)

        if not headline.edited:
            headline = marked([headline], src, conflicts=False)[0]
        sources = sorted(by_id)
        return Briefing.validate(
            {
                "topic": topic.slug,
                "title": topic.title,
                "as_of": as_of,
                "headline": headline,
                "current_status": sections["current_status"],
                "background": sections["background"],
                "stakes": sections["stakes"],
                "timeline": timeline,
                "sources": tuple(sources),
            }
        )

    def _analyse(
        self, articles: Sequence[Article]
    ) -> tuple[list[list[Unit]], tuple[TimelineEvent, ...]]:
        """Units of every article (oldest first) and the generated timeline; for a big topic, in
        ``jobs`` processes (the timeline in one while the others classify sentences). The result is
        the same as the serial computation."""
        day_first = self.settings.day_first
        limit = self.settings.timeline_max
        build = timeline_builder()
        arts = ordered(articles)
        if self.jobs <= 1 or len(arts) < PARALLEL_MIN_ARTICLES:
            timeline = build(articles, day_first=day_first, limit=limit) if build else ()
            return units_of(arts), timeline
        size = max(1, len(arts) // (self.jobs * 4))
        chunks = [arts[i : i + size] for i in range(0, len(arts), size)]
        with ProcessPoolExecutor(max_workers=self.jobs) as pool:
            future = (
                pool.submit(build, articles, day_first=day_first, limit=limit) if build else None
            )
            parts = list(pool.map(units_of, chunks))
            timeline = future.result() if future is not None else ()
        return [us for part in parts for us in part], timeline

    def _headline(
        self,
        pool: Sequence[Candidate],
        previous: Briefing | None,
        blocked: frozenset[object],
        used: set[str],
    ) -> tuple[Statement, Candidate | None]:
        """Where things stand now: the strongest status candidate of the newest sources (and the
        candidate it was made from, which no section may then repeat)."""
        if previous is not None and previous.headline.edited:
            return previous.headline, None
        status = [c for c in pool if c.section == "status" and not blocked.intersection(c.cites)]
        ranked = status or [c for c in pool if not blocked.intersection(c.cites)]
        if not ranked:
            raise SummarizeError("no usable sentence for a headline", field="headline")
        newest = max(c.newest for c in ranked)
        recent = [c for c in ranked if c.newest == newest and c.text not in used] or ranked
        # a figure another source contradicts is not the headline: it stands beside its twin
        recent = [c for c in recent if not merge.contested(c, pool)] or recent

        def rank(c: Candidate) -> tuple[float, object]:
            bonus = LEAD_BONUS if c.origin is not None and c.origin.sentence == 1 else 0.0
            if previous is not None and set(previous.headline.cite).intersection(c.cites):
                bonus += merge.INCUMBENCY
            return (-(c.score + bonus), c.key)

        best = min(recent, key=rank)
        return merge.statement(best), best
