"""The reading rules of ``briefgen check``: what an analyst would find wrong in a briefing whose
every statement is faithfully quoted. Pure functions over a :class:`~briefgen.model.Briefing` and
its articles; :mod:`briefgen.review.check` locates each :class:`Problem` in the file.

- ``dangling-reference`` (warning): a statement or event text holding a reference whose
  antecedent is in another sentence (:func:`briefgen.nlp.references.dangling_in`: a bare pronoun,
  a demonstrative, an anaphoric definite phrase, an unnamed pair, "Others", "As a result", ...).
  A statement that joins a sentence with the one before it (both cited) is read as one text: the
  first sentence resolves the second's reference. A pair ("the two countries") is the topic's own
  when the briefing's title names two and the source sentence before it names no other two. The
  message says whether the sentence before the cited one in its article resolves it
  (:func:`briefgen.nlp.references.resolves`).
- ``duplicate-event`` (warning): a timeline entry that lists an event already listed: its date is
  compatible with an earlier entry's (their periods at their precisions overlap) and the two texts
  are the same event by the timeline's own merge rule (:func:`briefgen.review.events.same_event`);
  or the very same text appears under another date.
- ``scheduled-reported`` (warning): a ``scheduled`` event whose date (the end of its period) is
  before the newest source's publication date. If a ``happened`` entry dated on or after it
  reports the same event (same-event rule), it should be that one event, happened; otherwise it
  must be shown as "scheduled, no report since", never as current.
- ``headline-repeated`` (warning): a current-status statement that repeats the headline word for
  word or nearly (content words: Jaccard >= HEADLINE_NEAR, or one set holding >= HEADLINE_NEAR of
  the other's).
- ``superseded-status`` (error): a current-status statement S is superseded by a timeline entry E
  when all of: S is *pending* (:func:`briefgen.summarize.statements.pending`: future, reported
  future "would ...", present, progressive or perfect — something still open); E ``happened``;
  E's period starts after the newest publication date of every article S cites (E happened
  after everything S rests on); E cites an article published after all of S's; E and S are the
  same event by the timeline's merge rule; and S cites none of E's sentences (S is not itself a
  report of E). The summarizer applies the same test
  (:func:`briefgen.summarize.statements.superseded_by`) before it writes a status.
  Conservative on purpose: each condition is needed for "a newer event resolves it".
- ``trim-cut-attribution`` (warning): a statement or event text that is a trim of a cited
  sentence (its words a contiguous run of the sentence's, fewer of them) and left out the
  sentence's trailing attribution (", the army said on Sunday.", ", according to officials.").
- ``conflicting-figures`` (warning): two statements of one section (or two timeline entries of
  compatible dates) from different sources (no cited article in common) that give different
  figures (numbers other than dates) for the same fact (content-word Jaccard >= the summarizer's
  PAIR_SIMILARITY; :func:`briefgen.summarize.statements.conflicting_pair`) and are not marked with
  one shared ``conflict`` key.
- ``conflict-unpaired`` (warning): a ``conflict`` key no other item of the same section (or of
  the timeline) carries: the figure it disagrees with is not marked, or the key is stale.
- ``time-mismatch`` (warning): a ``times`` entry whose date is not what its phrase resolves to in
  a cited sentence holding it, counted from that article's publication date (the summarizer's own
  resolution, :func:`briefgen.summarize.statements.resolve_phrase`), or whose phrase no cited
  sentence holds as a date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence

import msgspec

from briefgen.model import SECTIONS, Article, Briefing, Citation, Statement, TimelineEvent
from briefgen.nlp.references import dangling_in, resolves
from briefgen.nlp.similarity import content_words, words
from briefgen.nlp.trim import trim_statement
from briefgen.review.events import compatible, period, same_event
from briefgen.review.report import Rule, Severity
from briefgen.summarize.candidates import figures
from briefgen.summarize.statements import (
    Sources,
    conflicting_pair,
    quantity,
    resolve_phrase,
    superseded_by,
)

HEADLINE_NEAR = 0.8
"""Content-word Jaccard (or containment) from which a status statement repeats the headline."""


class Problem(msgspec.Struct, frozen=True):
    """One finding of a reading rule, located by its field path in the briefing."""

    path: tuple[str | int, ...]
    severity: Severity
    rule: Rule
    message: str


def _path(where: str, field: str | None = "text") -> tuple[str | int, ...]:
    parts: tuple[str | int, ...] = tuple(int(p) if p.isdigit() else p for p in where.split("."))
    return (*parts, field) if field else parts


def _short(text: str, n: int = 60) -> str:
    """``text``, or its first words up to ``n`` characters and an ellipsis."""
    if len(text) <= n:
        return text
    cut = text[: n - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "…"


class _Reader:
    """One briefing and its articles, with the lookups the rules share."""

    def __init__(self, briefing: Briefing, articles: Mapping[str, Article]) -> None:
        self.b, self.articles = briefing, articles
        self.src = Sources(articles, topic=briefing.title)
        dates = [articles[s].published for s in briefing.sources if s in articles]
        self.newest: dt.date | None = max(dates) if dates else None

    def cited(self, item: Statement | TimelineEvent) -> list[str]:
        out: list[str] = []
        for c in item.cite:
            article = self.articles.get(c.article_id)
            sentence = article.sentence(c.sentence) if article else None
            if sentence is not None:
                out.append(sentence.text)
        return out

    def first(self, item: Statement | TimelineEvent) -> Citation:
        """The cited sentence the item's text opens with (else its first citation)."""
        head = item.text[:40]
        for c in item.cite:
            article = self.articles.get(c.article_id)
            sentence = article.sentence(c.sentence) if article else None
            if sentence is not None and (
                item.text.startswith(sentence.text[:40])
                or item.text.startswith(trim_statement(sentence.text)[:40])
                or sentence.text.startswith(head)
            ):
                return c
        return item.cite[0]

    def previous(self, item: Statement | TimelineEvent) -> str | None:
        """The sentence before the one the item's text opens with, in its article."""
        return self.src.before(self.first(item))

    def newest_of(self, item: Statement | TimelineEvent) -> dt.date | None:
        dates = [
            self.articles[c.article_id].published
            for c in item.cite
            if c.article_id in self.articles
        ]
        return max(dates) if dates else None


def _dangling(r: _Reader) -> Iterator[Problem]:
    seen: set[str] = set()
    for item, where in r.b.iter_cited():
        previous = r.previous(item)
        ref = dangling_in(item.text, before=previous, topic=r.b.title)
        if ref is None:
            continue
        if previous is not None and resolves(ref, previous):
            fix = (
                f"extend it with the sentence before {item.cite[0]}, which resolves it, or drop it"
            )
        else:
            fix = "no sentence before it in its source resolves it: drop it or replace it"
        again = " (again)" if item.text in seen else ""
        seen.add(item.text)
        yield Problem(
            _path(where),
            "warning",
            "dangling-reference",
            f"{where}: {ref.explain()} needs an antecedent{again}; {fix}",
        )


def _duplicates(r: _Reader) -> Iterator[Problem]:
    events = r.b.timeline
    for j, later in enumerate(events):
        for i in range(j):
            earlier = events[i]
            if later.text == earlier.text and later.date != earlier.date:
                why = (
                    f"the same text as timeline.{i} under another date "
                    f"({earlier.date.isoformat()} and {later.date.isoformat()})"
                )
            elif compatible(earlier, later) and same_event(earlier.text, later.text):
                day = earlier.date.isoformat()
                why = f'the same event as timeline.{i} ({day}: "{_short(earlier.text)}")'
            else:
                continue
            yield Problem(
                _path(f"timeline.{j}"), "warning", "duplicate-event", f"timeline.{j}: lists {why}"
            )
            break


def _scheduled(r: _Reader) -> Iterator[Problem]:
    if r.newest is None:
        return
    for j, ev in enumerate(r.b.timeline):
        if ev.status != "scheduled" or period(ev)[1] >= r.newest:
            continue
        report = next(
            (
                i
                for i, o in enumerate(r.b.timeline)
                if o.status == "happened"
                and period(o)[1] >= period(ev)[0]
                and same_event(o.text, ev.text)
            ),
            None,
        )
        when = (
            f"scheduled for {ev.date.isoformat()}, "
            f"before the newest source ({r.newest.isoformat()})"
        )
        if report is not None:
            tail = f"timeline.{report} reports it: make them one happened event citing both"
        else:
            tail = (
                "no later entry reports it (same-event rule): show it as "
                '"scheduled, no report since", not as current'
            )
        yield Problem(
            _path(f"timeline.{j}", "date"),
            "warning",
            "scheduled-reported",
            f"timeline.{j}: {when}; {tail}",
        )


def _near(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return False
    inter = len(a & b)
    return inter / len(a | b) >= HEADLINE_NEAR or inter / min(len(a), len(b)) >= HEADLINE_NEAR


def _headline(r: _Reader) -> Iterator[Problem]:
    head = content_words(r.b.headline.text)
    for i, st in enumerate(r.b.current_status):
        if st.text == r.b.headline.text:
            how = "word for word"
        elif _near(head, content_words(st.text)):
            how = "nearly word for word"
        else:
            continue
        yield Problem(
            _path(f"current_status.{i}"),
            "warning",
            "headline-repeated",
            f"current_status.{i}: repeats the headline {how}; say something the headline does not",
        )


def _superseded(r: _Reader) -> Iterator[Problem]:
    for i, st in enumerate(r.b.current_status):
        basis = r.newest_of(st)
        j = superseded_by(st.text, st.cite, r.b.timeline, r.src)
        if basis is not None and j is not None:
            ev = r.b.timeline[j]
            yield Problem(
                _path(f"current_status.{i}"),
                "error",
                "superseded-status",
                f"current_status.{i}: superseded by timeline.{j} ({ev.date.isoformat()}: "
                f'"{_short(ev.text)}"): it cites only sources up to {basis.isoformat()}, '
                "before that event",
            )


_ATTRIBUTION = re.compile(
    r",\s+(?:(?:[\w'’.-]+\s+){0,8}?(?:said|says|told|reported|reports|announced|added|stated"
    r"|explained|warned|claimed|confirmed|wrote)\b[^,;]{0,60}"
    r"|according\s+to\s+[^,;]{1,60})\s*[.!]?[\"”]?\s*$"
)


def _run(inner: list[str], outer: list[str]) -> int | None:
    """Where ``inner`` occurs as a contiguous run of ``outer``, or None."""
    n = len(inner)
    for k in range(len(outer) - n + 1):
        if outer[k : k + n] == inner:
            return k
    return None


def _trims(r: _Reader) -> Iterator[Problem]:
    for item, where in r.b.iter_cited():
        mine = words(item.text)
        for sentence in r.cited(item):
            m = _ATTRIBUTION.search(sentence)
            theirs = words(sentence)
            if m is None or len(mine) >= len(theirs) or not mine:
                continue
            if _run(mine, theirs) is None:
                continue
            cut = words(sentence[m.start() :])
            if _run(cut, mine) is None:
                attribution = sentence[m.start() :].strip(' ,.!"”')
                yield Problem(
                    _path(where),
                    "warning",
                    "trim-cut-attribution",
                    f'{where}: the trim cut the attribution "{_short(attribution, 50)}" '
                    "of its cited sentence; keep it",
                )
                break


def _articles(item: Statement | TimelineEvent) -> set[str]:
    return {c.article_id for c in item.cite}


def _groups(b: Briefing) -> Iterator[tuple[str, Sequence[Statement | TimelineEvent]]]:
    for name in SECTIONS:
        yield name, b.section(name)
    yield "timeline", b.timeline


def _conflicts(r: _Reader) -> Iterator[Problem]:
    for name, items in _groups(r.b):
        for j, later in enumerate(items):
            for i in range(j):
                earlier = items[i]
                if not conflicting_pair(earlier, later):
                    continue
                if name == "timeline":
                    assert isinstance(earlier, TimelineEvent) and isinstance(later, TimelineEvent)
                    if not compatible(earlier, later):
                        continue
                if earlier.conflict is not None and earlier.conflict == later.conflict:
                    continue
                fa, fb = figures(earlier.text), figures(later.text)
                a = ", ".join(sorted(fa - fb)) or ", ".join(sorted(fa))
                c = ", ".join(sorted(fb - fa)) or ", ".join(sorted(fb))
                key = earlier.conflict or later.conflict or quantity(earlier.text, fa - fb)
                yield Problem(
                    _path(f"{name}.{j}"),
                    "warning",
                    "conflicting-figures",
                    f"{name}.{j}: gives {c} where {name}.{i} (another source) gives {a} for the "
                    f'same fact, unmarked: mark both "conflict: {key}" and attribute each',
                )
                break


def _lone_conflicts(r: _Reader) -> Iterator[Problem]:
    for name, items in _groups(r.b):
        keys = Counter(it.conflict for it in items if it.conflict is not None)
        for j, it in enumerate(items):
            if it.conflict is not None and keys[it.conflict] == 1:
                yield Problem(
                    _path(f"{name}.{j}", "conflict"),
                    "warning",
                    "conflict-unpaired",
                    f'{name}.{j}: conflict key "{it.conflict}" is used by no other item of '
                    f"{name}: mark the item whose figure it disagrees with, or remove the key",
                )


def _times(r: _Reader) -> Iterator[Problem]:
    for item, where in r.b.iter_cited():
        for k, t in enumerate(item.times):
            found = resolve_phrase(t.phrase, item.cite, r.src)
            if any(ref.date == t.date for _, ref in found):
                continue
            if found:
                cite, ref = found[0]
                published = r.src.published(cite)
                why = (
                    f"resolves to {ref.date.isoformat()} from {cite} "
                    f"(published {published.isoformat() if published else '?'})"
                )
            else:
                why = "is not a date phrase of any cited sentence"
            yield Problem(
                (*_path(where, None), "times", k, "date"),
                "warning",
                "time-mismatch",
                f'{where}: times.{k}: "{t.phrase}" {why}, not {t.date.isoformat()}',
            )


RULES = (
    _dangling,
    _duplicates,
    _scheduled,
    _headline,
    _superseded,
    _trims,
    _conflicts,
    _lone_conflicts,
    _times,
)


def reading_problems(briefing: Briefing, articles: Mapping[str, Article]) -> list[Problem]:
    """Every reading-rule finding of one briefing (see the module docstring), in rule order."""
    reader = _Reader(briefing, articles)
    return [p for rule in RULES for p in rule(reader)]
