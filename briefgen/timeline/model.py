"""The per-topic event model: merged mentions become events, reconciled across dates.

:mod:`briefgen.timeline.core` groups a date's mentions into :class:`Draft` events (the same-event
rule, :func:`same_event_words`, through the :class:`EventIndex`). :func:`reconcile` then makes
them the story's events:

1. **Dates compatible at their precision** (:func:`period`): a week or month event and a finer
   event inside it that report the same happening are one event at the finer date. A relative
   week ("last week", "two weeks ago") is read with WEEK_SLACK days on each side.
2. **Scheduled, then reported**: a scheduled event whose date is before the newest source and a
   happened event at a compatible date, of the same kind (:data:`~.mentions.EVENT_CLASSES`) and
   sharing a word, reported on or after that date, are one happened event citing both. A
   scheduled event no later report describes stays ``scheduled``.
3. **Conflicting figures**: two events of compatible dates that report the same happening from
   different publishers with different figures for one quantity keep apart, each with its own
   attribution, marked with the same ``conflict`` key (the quantity).
4. Each event's text is the first of its mentions (best-ranked first) that needs no antecedent
   (:func:`briefgen.nlp.references.dangling`), trimmed; ``times`` are its relative phrases with
   their dates; ``single_source`` says every citation comes from one publisher.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence

import msgspec

from briefgen.model import Citation, Sentence, TimelineEvent, date_period
from briefgen.model import TimeRef as ModelTimeRef
from briefgen.nlp.references import dangling
from briefgen.nlp.temporal import Precision
from briefgen.nlp.trim import trim
from briefgen.timeline.mentions import (
    CLASS_STEMS,
    attribution,
    conflicting,
    event_classes,
    event_words,
    figures,
)

SAME_EVENT = 0.2
"""Jaccard of two mentions' event words (:func:`~.mentions.event_words`) that report one event."""
SAME_EVENT_CONTAINED = 0.6
"""... or the share of the larger set's words that the smaller one holds."""
CLASS_SHARED = 2
"""... or one kind of happening (an event class) and this many other shared words."""
WEEK_SLACK = 2
"""Days a relative week ("last week") may reach beyond its Monday-to-Sunday period."""
_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def same_event_words(a: frozenset[str], b: frozenset[str]) -> bool:
    """The same-event rule on two :func:`~.mentions.event_words` sets."""
    if not a or not b:
        return not a and not b
    inter = len(a & b)
    if inter / (len(a) + len(b) - inter) >= SAME_EVENT:
        return True
    if inter / max(len(a), len(b)) >= SAME_EVENT_CONTAINED:
        return True
    return _kind_and_words(a, b, CLASS_SHARED)


def _kind_and_words(a: frozenset[str], b: frozenset[str], n: int, strict: bool = True) -> bool:
    """One kind of happening and ``n`` other shared words (``strict``: the kind's own nouns,
    "talks" for a meeting, not counted)."""
    shared = a & b
    kinds = event_classes(shared)
    return bool(kinds) and len(shared - kinds - (CLASS_STEMS if strict else kinds)) >= n


def same_event(a: str, b: str) -> bool:
    """Do two mention texts report the same happening? (Two sources' conflicting figures for it
    are then not merged but marked: :func:`merges`.)"""
    return same_event_words(event_words(a), event_words(b))


def merges(a: str, b: str) -> bool:
    """Are two mentions from different sources merged into one event: the same happening, and
    no conflicting figure?"""
    return conflicting(figures(a), figures(b)) is None and same_event(a, b)


class PoolEntry(msgspec.Struct, frozen=True):
    """A mention of a date (its clause as ``sentence.text``) or an undated lead sentence."""

    sentence: Sentence
    published: dt.date
    scheduled: bool
    span: tuple[int, int] | None
    """The date phrase's character span in ``sentence.text``; ``None`` for a lead sentence."""
    source: str = ""
    """The publisher (the article id when it has none)."""
    full: str = ""
    """The whole sentence (``sentence.text`` is its clause)."""


class EventIndex:
    """Events chosen so far, indexed by their event words: a mention is weighed only against the
    events it shares a word with (never every pair)."""

    def __init__(self) -> None:
        self.words: list[frozenset[str]] = []
        self.figures: list[dict[str, frozenset[int]]] = []
        self.sources: list[str] = []
        self._index: defaultdict[str, list[int]] = defaultdict(list)
        self._empty: list[int] = []

    def add(
        self, words: frozenset[str], figs: dict[str, frozenset[int]] | None = None, source: str = ""
    ) -> None:
        """Index one more event."""
        i = len(self.words)
        self.words.append(words)
        self.figures.append(figs or {})
        self.sources.append(source)
        for w in words:
            self._index[w].append(i)
        if not words:
            self._empty.append(i)

    def same(
        self, words: frozenset[str], figs: dict[str, frozenset[int]] | None = None, source: str = ""
    ) -> list[tuple[float, int]]:
        """``(jaccard, -i)`` of every indexed event ``i`` that reports the same event as
        ``words`` and, from another source, gives no conflicting figure."""
        if not words:
            return [(0.0, -i) for i in self._empty]
        shared = Counter(i for w in words for i in self._index.get(w, ()))
        out: list[tuple[float, int]] = []
        for i, inter in shared.items():
            other = self.words[i]
            sim = inter / (len(words) + len(other) - inter)
            if not (
                sim >= SAME_EVENT
                or inter / max(len(words), len(other)) >= SAME_EVENT_CONTAINED
                or (inter > CLASS_SHARED and _kind_and_words(words, other, CLASS_SHARED))
            ):
                continue
            if figs and source != self.sources[i] and conflicting(figs, self.figures[i]):
                continue
            out.append((sim, -i))
        return out


class Draft(msgspec.Struct):
    """An event being built: its date, best-ranked mention first, and every mention of it."""

    date: dt.date
    precision: Precision
    members: list[PoolEntry]
    conflict: str | None = None
    words: frozenset[str] = msgspec.field(default=frozenset())

    def __post_init__(self) -> None:
        if not self.words:
            self.words = frozenset().union(*(event_words(m.sentence.text) for m in self.members))

    @property
    def head(self) -> PoolEntry:
        """The best-ranked mention."""
        return self.members[0]

    @property
    def scheduled(self) -> bool:
        """Still ahead of every report, or no mention reports it as having happened."""
        newest = max(m.published for m in self.members)
        return self.date > newest or all(m.scheduled for m in self.members)

    def absorb(self, other: Draft, *, first: bool = False) -> None:
        """Take ``other``'s mentions (before this one's when ``first``)."""
        have = {m.sentence.citation for m in self.members}
        extra = [m for m in other.members if m.sentence.citation not in have]
        self.members = extra + self.members if first else self.members + extra
        self.words = self.words | other.words


def period(date: dt.date, precision: Precision, slack: int = 0) -> tuple[dt.date, dt.date]:
    """The first and last day ``date`` can mean at ``precision`` (a week widened by ``slack``)."""
    return date_period(date, precision, slack)


def _days(d: Draft) -> tuple[dt.date, dt.date]:
    return period(d.date, d.precision, WEEK_SLACK)


def _each_day(start: dt.date, end: dt.date) -> Iterable[dt.date]:
    day = start
    while day <= end:
        yield day
        day += dt.timedelta(days=1)


DayIndex = dict[dt.date, dict[str, list[int]]]
"""Drafts by date, then by event word: the finer drafts a coarse one is weighed against."""


def _finer_inside(drafts: Sequence[Draft], coarse: Draft, by_day: DayIndex) -> list[int]:
    """Indexes of the finer drafts inside ``coarse``'s (widened) period that share a word with
    it, in order."""
    rank = _RANK[coarse.precision]
    shared: set[int] = set()
    for day in _each_day(*_days(coarse)):
        index = by_day.get(day)
        if index is None:
            continue
        for w in coarse.words:
            shared.update(i for i in index.get(w, ()) if _RANK[drafts[i].precision] < rank)
    return sorted(shared)


def _merge_into_finer(drafts: list[Draft], match: Callable[[Draft, Draft], bool]) -> list[Draft]:
    """Each week or month draft that ``match``es a finer draft inside its period joins the most
    similar one (ties: the earlier); the finer date stays. A report of the happening goes before
    the mentions that only announced it."""
    by_day: DayIndex = {}
    for i, d in enumerate(drafts):
        if d.precision in ("day", "week"):
            words = by_day.setdefault(d.date, {})
            for w in d.words:
                words.setdefault(w, []).append(i)
    gone: set[int] = set()
    order = sorted(range(len(drafts)), key=lambda i: (_RANK[drafts[i].precision], i))
    for i in order:
        coarse = drafts[i]
        if coarse.precision not in ("week", "month"):
            continue
        fits = [
            j
            for j in _finer_inside(drafts, coarse, by_day)
            if j not in gone and match(coarse, drafts[j])
        ]
        if fits:
            best = drafts[max(fits, key=lambda j: (_overlap(coarse, drafts[j]), -j))]
            best.absorb(coarse, first=best.scheduled and not coarse.scheduled)
            gone.add(i)
    return [d for i, d in enumerate(drafts) if i not in gone]


def _overlap(a: Draft, b: Draft) -> float:
    inter = len(a.words & b.words)
    return inter / (len(a.words | b.words) or 1)


def _reported_later(drafts: list[Draft], newest: dt.date) -> list[Draft]:
    """Scheduled drafts dated before ``newest`` that a happened draft at a compatible date, of
    the same kind and sharing a word, reports on or after their date: merged into it, at the
    finer of the two dates."""
    on_day: defaultdict[dt.date, list[int]] = defaultdict(list)  # happened drafts by day
    for j, h in enumerate(drafts):
        if not h.scheduled and h.precision != "year" and event_classes(h.words):
            for day in _each_day(*_days(h)):
                on_day[day].append(j)
    gone: set[int] = set()
    for i, s in enumerate(drafts):
        if not s.scheduled or s.date >= newest or s.precision == "year":
            continue
        kinds = event_classes(s.words)
        if not kinds:
            continue
        near = sorted({j for day in _each_day(*_days(s)) for j in on_day.get(day, ())})
        fits = []
        for j in near:
            h = drafts[j]
            if j in gone or not kinds & h.words:
                continue
            if max(m.published for m in h.members) < s.date:
                continue
            if same_event_words(s.words, h.words) or _kind_and_words(
                s.words, h.words, 1, strict=False
            ):
                fits.append(j)
        if not fits:
            continue
        best = drafts[max(fits, key=lambda j: (_overlap(s, drafts[j]), -j))]
        best.absorb(s)
        if _RANK[s.precision] < _RANK[best.precision]:
            best.date, best.precision = s.date, s.precision
        gone.add(i)
    return [d for i, d in enumerate(drafts) if i not in gone]


def _mark_conflicts(drafts: Sequence[Draft]) -> None:
    """Drafts of one date that report one happening from different sources with different
    figures for one quantity share that quantity as their ``conflict`` key (each draft is
    weighed only against the earlier ones it shares a word with, through an :class:`EventIndex`
    per date)."""
    groups: defaultdict[dt.date, list[int]] = defaultdict(list)
    figs = [figures(d.head.sentence.text) for d in drafts]
    for i, d in enumerate(drafts):
        if figs[i]:
            groups[d.date].append(i)
    for group in groups.values():
        index = EventIndex()
        for i in group:
            a = drafts[i]
            for _, neg in sorted(index.same(a.words)):
                b = drafts[group[-neg]]
                key = conflicting(figs[i], figs[group[-neg]])
                if key is not None and a.head.source != b.head.source:
                    a.conflict = a.conflict or key
                    b.conflict = b.conflict or key
            index.add(a.words)


def _text(d: Draft) -> tuple[PoolEntry, str]:
    """The first mention (best-ranked first) whose trimmed clause needs no antecedent; an event
    whose figure conflicts with another's shows the mention that gives the figure. A trim never
    cuts the attribution: when it would, the clause is kept whole."""
    chosen = d.head
    for m in d.members if d.conflict is None else ():  # a conflict shows its own figure
        if dangling(trim(m.sentence.text, m.span)) is None:
            chosen = m
            break
    text = trim(chosen.sentence.text, chosen.span)
    if attribution(text) is None and attribution(chosen.sentence.text) is not None:
        text = chosen.sentence.text  # the trim cut who says it (", the army said"): keep it
    return chosen, text


Times = dict[Citation, tuple[ModelTimeRef, ...]]
"""The relative phrases of each sentence ("two weeks ago", "on Thursday") with their dates."""


def _event(d: Draft, times_of: Times) -> TimelineEvent:
    chosen, text = _text(d)
    cites: tuple[Citation, ...] = tuple(sorted({m.sentence.citation for m in d.members}))
    times = tuple(t for t in times_of.get(chosen.sentence.citation, ()) if t.phrase in text)
    return TimelineEvent(
        date=d.date,
        precision=d.precision,
        status="scheduled" if d.scheduled else "happened",
        text=text,
        cite=cites,
        times=times,
        conflict=d.conflict,
        single_source=len({m.source for m in d.members}) == 1,
    )


def _agree(a: Draft, b: Draft) -> bool:
    """Same event and, from different sources, no conflicting figure."""
    if a.head.source != b.head.source and conflicting(
        figures(a.head.sentence.text), figures(b.head.sentence.text)
    ):
        return False
    return same_event_words(a.words, b.words)


def reconcile(
    drafts: Iterable[Draft], newest: dt.date | None, times: Times | None = None
) -> list[TimelineEvent]:
    """The story's events from the per-date drafts (see the module docstring); ``newest`` is
    the newest source's publication date."""
    out = list(drafts)
    out = _merge_into_finer(out, _agree)
    if newest is not None:
        out = _reported_later(out, newest)
    _mark_conflicts(out)
    return [_event(d, times or {}) for d in out]
