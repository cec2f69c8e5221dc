"""Comparing two briefings, two sets of briefings or two editions: the one definition behind the
"What changed" page, the Atom feeds and ``briefgen diff``.

:func:`compare` takes two sequences of :class:`~briefgen.model.Briefing` (no files, no formats)
and returns a :class:`ChangeSet`: per topic, the headline change, statements added / removed /
changed per section, timeline events added / removed / moved / changed, sources added and removed,
and statements whose text stayed but whose citations changed. Unchanged topics are omitted; every
tuple has a fixed, documented order, so the same inputs always give the same ChangeSet.

Matching rules (per section):

1. same text -> the same statement (a citation change is reported in ``citations_changed``);
2. among the rest, pairs with the same citations, or a word overlap (Jaccard of content words) of
   at least :data:`CHANGED_OVERLAP`, are *changed* (best pairs first);
3. whatever is left is *added* (new side) or *removed* (old side); a statement removed from one
   section and added with the same text to another carries ``moved`` (the other section).

Timeline events: identical events are unchanged; among the rest, events with the same text or the
same citations (or a word overlap of at least :data:`CHANGED_OVERLAP`) are paired: *moved* when the
date changed, else *changed* (precision, status, wording or citations). The rest are added or
removed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Sequence
from typing import Literal, TypeVar

import msgspec

from briefgen.model import SECTIONS, Briefing, Citation, Edition, Statement, TimelineEvent
from briefgen.nlp.similarity import content_words, jaccard

CHANGED_OVERLAP = 0.5
"""Jaccard of content words at or above which two different statements count as one, changed."""

StatementKind = Literal["added", "removed", "changed"]
EventKind = Literal["added", "removed", "moved", "changed"]
TopicKind = Literal["added", "removed", "changed"]
SectionName = Literal["current_status", "background", "stakes"]
WordOpKind = Literal["equal", "insert", "delete"]

T = TypeVar("T", Statement, TimelineEvent)


class StatementChange(msgspec.Struct, frozen=True):
    """One statement added, removed or changed within a section (``old``/``new`` per kind)."""

    section: SectionName
    kind: StatementKind
    old: Statement | None
    new: Statement | None
    moved: SectionName | None = None
    """For an added statement: the section it came from; for a removed one: where it went."""


class EventChange(msgspec.Struct, frozen=True):
    """One timeline event added, removed, moved (new date) or changed (same date, other details)."""

    kind: EventKind
    old: TimelineEvent | None
    new: TimelineEvent | None


class CitationChange(msgspec.Struct, frozen=True):
    """A statement (or event) whose text stayed the same but whose citations changed."""

    where: str
    """``headline``, a section name or ``timeline``."""
    text: str
    old: tuple[Citation, ...]
    new: tuple[Citation, ...]


class TopicChange(msgspec.Struct, frozen=True):
    """Everything that changed in one topic's briefing; ``*_old``/``*_new`` are None when absent."""

    topic: str
    title: str
    kind: TopicKind
    title_old: str | None
    headline_old: Statement | None
    headline_new: Statement | None
    statements: tuple[StatementChange, ...]
    events: tuple[EventChange, ...]
    sources_added: tuple[str, ...]
    sources_removed: tuple[str, ...]
    citations_changed: tuple[CitationChange, ...]
    as_of_old: dt.date | None
    as_of_new: dt.date | None

    @property
    def headline_changed(self) -> bool:
        """True when the headline text differs between the two sides."""
        old = self.headline_old.text if self.headline_old else None
        new = self.headline_new.text if self.headline_new else None
        return old != new

    def count(self, kind: str, *, events: bool = False) -> int:
        """How many statement (or, with ``events=True``, event) changes are of ``kind``."""
        items = self.events if events else self.statements
        return sum(1 for c in items if c.kind == kind)


class ChangeSummary(msgspec.Struct, frozen=True):
    """Totals over a :class:`ChangeSet`."""

    topics_added: int
    topics_removed: int
    topics_changed: int
    statements_added: int
    statements_removed: int
    statements_changed: int
    events_added: int
    events_removed: int
    events_moved: int
    events_changed: int
    sources_added: int
    sources_removed: int
    citations_changed: int


class ChangeSet(msgspec.Struct, frozen=True):
    """The changed topics between two sets of briefings, sorted by topic slug."""

    topics: tuple[TopicChange, ...]

    @property
    def empty(self) -> bool:
        """True when no topic changed."""
        return not self.topics

    @property
    def summary(self) -> ChangeSummary:
        """Totals over every changed topic."""
        ts = self.topics
        return ChangeSummary(
            topics_added=sum(t.kind == "added" for t in ts),
            topics_removed=sum(t.kind == "removed" for t in ts),
            topics_changed=sum(t.kind == "changed" for t in ts),
            statements_added=sum(t.count("added") for t in ts),
            statements_removed=sum(t.count("removed") for t in ts),
            statements_changed=sum(t.count("changed") for t in ts),
            events_added=sum(t.count("added", events=True) for t in ts),
            events_removed=sum(t.count("removed", events=True) for t in ts),
            events_moved=sum(t.count("moved", events=True) for t in ts),
            events_changed=sum(t.count("changed", events=True) for t in ts),
            sources_added=sum(len(t.sources_added) for t in ts),
            sources_removed=sum(len(t.sources_removed) for t in ts),
            citations_changed=sum(len(t.citations_changed) for t in ts),
        )


# --- matching ---------------------------------------------------------------------------------


def _overlap(a: str, b: str) -> float:
    return jaccard(content_words(a), content_words(b))


def _pair(
    old: Sequence[T], new: Sequence[T], same: Callable[[T, T], bool]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pair leftovers: candidates scored by (same citations/text, overlap), best first, greedy."""
    candidates: list[tuple[float, int, int]] = []
    for i, o in enumerate(old):
        for j, n in enumerate(new):
            score = _overlap(o.text, n.text)
            if same(o, n):
                score += 1.0
            if score >= CHANGED_OVERLAP:
                candidates.append((-score, i, j))
    candidates.sort()
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, i, j in candidates:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((i, j))
    rest_old = [i for i in range(len(old)) if i not in used_old]
    rest_new = [j for j in range(len(new)) if j not in used_new]
    return pairs, rest_old, rest_new


def _same_cites(a: Statement | TimelineEvent, b: Statement | TimelineEvent) -> bool:
    return set(a.cite) == set(b.cite)


def _compare_section(
    section: SectionName, old: Sequence[Statement], new: Sequence[Statement]
) -> tuple[list[tuple[int, StatementChange]], list[CitationChange]]:
    """Changes in one section, each with a sort position, plus citation-only changes."""
    new_by_text = {st.text: j for j, st in enumerate(new)}
    citations: list[CitationChange] = []
    matched_new: set[int] = set()
    left_old: list[int] = []
    for i, st in enumerate(old):
        j = new_by_text.get(st.text)
        if j is None or j in matched_new:
            left_old.append(i)
            continue
        matched_new.add(j)
        if tuple(st.cite) != tuple(new[j].cite):
            citations.append(CitationChange(section, st.text, st.cite, new[j].cite))
    left_new = [j for j in range(len(new)) if j not in matched_new]
    pairs, rest_old, rest_new = _pair(
        [old[i] for i in left_old], [new[j] for j in left_new], _same_cites
    )
    changes: list[tuple[int, StatementChange]] = []
    for a, b in pairs:
        i, j = left_old[a], left_new[b]
        changes.append((2 * j, StatementChange(section, "changed", old[i], new[j])))
    for a in rest_old:
        i = left_old[a]
        # A removed statement sorts just before the new statement now at its old position.
        changes.append((2 * i - 1, StatementChange(section, "removed", old[i], None)))
    for b in rest_new:
        j = left_new[b]
        changes.append((2 * j, StatementChange(section, "added", None, new[j])))
    return changes, citations


def _mark_moves(
    changes: list[tuple[int, int, StatementChange]],
) -> list[tuple[int, int, StatementChange]]:
    """Annotate a statement removed from one section and added, same text, to another."""
    added: dict[str, int] = {}
    for k, (_, _, c) in enumerate(changes):
        if c.kind == "added" and c.new is not None:
            added.setdefault(c.new.text, k)
    out = list(changes)
    for k, (s, pos, c) in enumerate(changes):
        if c.kind != "removed" or c.old is None:
            continue
        j = added.pop(c.old.text, None)
        if j is None or changes[j][2].section == c.section:
            continue
        s2, pos2, a = changes[j]
        out[k] = (s, pos, msgspec.structs.replace(c, moved=a.section))
        out[j] = (s2, pos2, msgspec.structs.replace(a, moved=c.section))
    return out


def _event_key(ev: TimelineEvent) -> tuple[str, str, str, str, tuple[Citation, ...]]:
    return (ev.date.isoformat(), ev.precision, ev.status, ev.text, tuple(sorted(ev.cite)))


def _event_sort(ev: TimelineEvent) -> tuple[str, str, tuple[Citation, ...]]:
    return (ev.date.isoformat(), ev.text, tuple(sorted(ev.cite)))


def _same_event(a: TimelineEvent, b: TimelineEvent) -> bool:
    return a.text == b.text or _same_cites(a, b)


def _compare_events(
    old: Sequence[TimelineEvent], new: Sequence[TimelineEvent]
) -> tuple[EventChange, ...]:
    """Event changes, sorted by the (new, else old) event's date and text."""
    new_keys: dict[tuple[str, str, str, str, tuple[Citation, ...]], list[int]] = {}
    for j, ev in enumerate(new):
        new_keys.setdefault(_event_key(ev), []).append(j)
    left_old: list[TimelineEvent] = []
    for ev in old:
        slots = new_keys.get(_event_key(ev))
        if slots:
            slots.pop(0)
        else:
            left_old.append(ev)
    left_new = [new[j] for slots in new_keys.values() for j in slots]
    left_new.sort(key=_event_sort)
    left_old.sort(key=_event_sort)
    pairs, rest_old, rest_new = _pair(left_old, left_new, _same_event)
    out: list[EventChange] = []
    for a, b in pairs:
        o, n = left_old[a], left_new[b]
        out.append(EventChange("moved" if o.date != n.date else "changed", o, n))
    out.extend(EventChange("removed", left_old[a], None) for a in rest_old)
    out.extend(EventChange("added", None, left_new[b]) for b in rest_new)

    def key(c: EventChange) -> tuple[tuple[str, str, tuple[Citation, ...]], str]:
        ev = c.new or c.old
        assert ev is not None
        return (_event_sort(ev), c.kind)

    return tuple(sorted(out, key=key))


def compare_briefing(old: Briefing | None, new: Briefing | None) -> TopicChange | None:
    """The change between two versions of one topic's briefing (None when nothing changed)."""
    if old is None and new is None:
        return None
    ref = new if new is not None else old
    assert ref is not None
    kind: TopicKind = "added" if old is None else "removed" if new is None else "changed"
    statements: list[tuple[int, int, StatementChange]] = []
    citations: list[CitationChange] = []
    h_old = old.headline if old else None
    h_new = new.headline if new else None
    if h_old and h_new and h_old.text == h_new.text and tuple(h_old.cite) != tuple(h_new.cite):
        citations.append(CitationChange("headline", h_new.text, h_old.cite, h_new.cite))
    for s, section in enumerate(SECTIONS):
        changes, cites = _compare_section(
            section,
            old.section(section) if old else (),
            new.section(section) if new else (),
        )
        statements.extend((s, pos, c) for pos, c in changes)
        citations.extend(cites)
    statements = _mark_moves(statements)
    statements.sort(key=lambda t: (t[0], t[1], t[2].kind))
    events = _compare_events(old.timeline if old else (), new.timeline if new else ())
    old_sources = set(old.sources) if old else set()
    new_sources = set(new.sources) if new else set()
    change = TopicChange(
        topic=ref.topic,
        title=ref.title,
        kind=kind,
        title_old=old.title if old and new and old.title != new.title else None,
        headline_old=h_old,
        headline_new=h_new,
        statements=tuple(c for _, _, c in statements),
        events=events,
        sources_added=tuple(sorted(new_sources - old_sources)),
        sources_removed=tuple(sorted(old_sources - new_sources)),
        citations_changed=tuple(citations),
        as_of_old=old.as_of if old else None,
        as_of_new=new.as_of if new else None,
    )
    if kind == "changed" and not (
        change.headline_changed
        or change.title_old is not None
        or change.statements
        or change.events
        or change.sources_added
        or change.sources_removed
        or change.citations_changed
    ):
        return None
    return change


def compare(old: Sequence[Briefing], new: Sequence[Briefing]) -> ChangeSet:
    """Compare two sets of briefings by topic; unchanged topics omitted, the rest sorted by slug."""
    before = {b.topic: b for b in old}
    after = {b.topic: b for b in new}
    topics: list[TopicChange] = []
    for slug in sorted(before.keys() | after.keys()):
        change = compare_briefing(before.get(slug), after.get(slug))
        if change is not None:
            topics.append(change)
    return ChangeSet(tuple(topics))


def compare_editions(old: Edition, new: Edition) -> ChangeSet:
    """What changed from edition ``old`` to edition ``new`` (their briefings, by topic)."""
    return compare(old.briefings, new.briefings)


# --- word-level diff --------------------------------------------------------------------------


class WordOp(msgspec.Struct, frozen=True):
    """A run of words kept (``equal``), added (``insert``) or dropped (``delete``)."""

    kind: WordOpKind
    text: str


_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*\s*|[^\w\s]\s*|_\s*|\s+")


def word_diff(old: str, new: str) -> tuple[WordOp, ...]:
    """Word-level diff of two statements (difflib over words and punctuation marks).

    Each run keeps its words' trailing whitespace, so the ``equal`` and ``insert`` runs joined give
    back ``new`` exactly. A replaced run gives a ``delete`` then an ``insert``.
    """
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    ops: list[WordOp] = []
    matcher = difflib.SequenceMatcher(
        None, [t.rstrip() for t in a], [t.rstrip() for t in b], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(WordOp("equal", "".join(b[j1:j2])))
            continue
        if tag in ("delete", "replace"):
            ops.append(WordOp("delete", "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            ops.append(WordOp("insert", "".join(b[j1:j2])))
    return tuple(ops)
