"""The reading rules of ``briefgen check``: what an analyst would find wrong in a briefing whose
every statement is faithfully quoted. Pure functions over a :class:`~briefgen.model.Briefing` and
its articles; :mod:`briefgen.review.check` locates each :class:`Problem` in the file.

- ``dangling-reference`` (warning): a statement or event text holding a reference whose
  antecedent is in another sentence (:func:`briefgen.nlp.references.dangling`: a bare pronoun, a
  demonstrative, an anaphoric definite phrase, an unnamed pair, "Others", "As a result", ...). The
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
  when all of: S is *pending* (:func:`pending`: future, reported future "would ...", present,
  progressive or perfect — something still open); E ``happened``; E's period starts after
  the newest publication date of every article S cites (E happened after everything S rests
  on); E cites an article published after all of S's; E and S are the same event by the
  timeline's merge rule; and S cites none of E's sentences (S is not itself a report of E).
  Conservative on purpose: each condition is needed for "a newer event resolves it".
- ``trim-cut-attribution`` (warning): a statement or event text that is a trim of a cited
  sentence (its words a contiguous run of the sentence's, fewer of them) and left out the
  sentence's trailing attribution (", the army said on Sunday.", ", according to officials.").
- ``conflicting-figures`` (warning): two statements of one section (or two timeline entries of
  compatible dates) from different sources (no cited article in common) that give different
  figures (numbers other than dates) for the same fact (word-set Jaccard >= the summarizer's
  PAIR_SIMILARITY) — not marked as conflicting, since the briefing format (briefing@1) has no way
  to mark them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from briefgen.model import SECTIONS, Article, Briefing, Statement, TimelineEvent
from briefgen.nlp.references import dangling, resolves
from briefgen.nlp.similarity import content_words, jaccard, words
from briefgen.nlp.tense import tense_cues
from briefgen.review.events import compatible, period, same_event
from briefgen.review.report import Rule, Severity
from briefgen.summarize.merge import PAIR_SIMILARITY

HEADLINE_NEAR = 0.8
"""Content-word Jaccard (or containment) from which a status statement repeats the headline."""


@dataclass(frozen=True)
class Problem:
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

    def previous(self, item: Statement | TimelineEvent) -> str | None:
        c = item.cite[0]
        article = self.articles.get(c.article_id)
        sentence = article.sentence(c.sentence - 1) if article and c.sentence > 1 else None
        return sentence.text if sentence else None

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
        ref = dangling(item.text)
        if ref is None:
            continue
        previous = r.previous(item)
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


_REPORTED_FUTURE = re.compile(r"\bwould\s+(?:not\s+)?(?:be\s+)?[a-z]+", re.IGNORECASE)


def pending(text: str) -> bool:
    """Does a statement speak of something still open: a future (also a reported one, "said
    talks would resume"), or a present, progressive or perfect state ("remains closed", "are
    fleeing", "has been closed")? Only such a statement can be resolved by a later event."""
    cues = tense_cues(text)
    return bool(
        cues.future
        or cues.present
        or cues.progressive
        or cues.perfect
        or _REPORTED_FUTURE.search(text)
    )


def _superseded(r: _Reader) -> Iterator[Problem]:
    for i, st in enumerate(r.b.current_status):
        basis = r.newest_of(st)
        if basis is None or not pending(st.text):
            continue
        for j, ev in enumerate(r.b.timeline):
            newest = r.newest_of(ev)
            if (
                ev.status == "happened"
                and period(ev)[0] > basis
                and newest is not None
                and newest > basis
                and not set(ev.cite) & set(st.cite)
                and same_event(st.text, ev.text)
            ):
                yield Problem(
                    _path(f"current_status.{i}"),
                    "error",
                    "superseded-status",
                    f"current_status.{i}: superseded by timeline.{j} ({ev.date.isoformat()}: "
                    f'"{_short(ev.text)}"): it cites only sources up to {basis.isoformat()}, '
                    "before that event",
                )
                break


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


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATES = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}"
    r"|\b(?:1[89]|20)\d\d(?:s)?\b|\b\d{1,2}:\d\d\b",
)
_NUMBER_WORDS = frozenset(
    """two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    hundred hundreds thousand thousands million millions billion dozen dozens""".split()
)


def figures(text: str) -> frozenset[str]:
    """The figures a text gives: numbers and number words, not dates, years or times of day."""
    masked = _DATES.sub(" ", text)
    return frozenset(
        w for w in words(masked) if any(ch.isdigit() for ch in w) or w in _NUMBER_WORDS
    )


def _articles(item: Statement | TimelineEvent) -> set[str]:
    return {c.article_id for c in item.cite}


def _groups(b: Briefing) -> Iterator[tuple[str, Sequence[Statement | TimelineEvent]]]:
    for name in SECTIONS:
        yield name, b.section(name)
    yield "timeline", b.timeline


def _conflicts(r: _Reader) -> Iterator[Problem]:
    for name, items in _groups(r.b):
        facts = [(figures(it.text), content_words(it.text)) for it in items]
        for j, later in enumerate(items):
            for i in range(j):
                earlier = items[i]
                (fa, wa), (fb, wb) = facts[i], facts[j]
                if not fa or not fb or fa == fb or _articles(earlier) & _articles(later):
                    continue
                if jaccard(wa, wb) < PAIR_SIMILARITY:
                    continue
                if name == "timeline":
                    assert isinstance(earlier, TimelineEvent) and isinstance(later, TimelineEvent)
                    if not compatible(earlier, later):
                        continue
                a = ", ".join(sorted(fa - fb)) or ", ".join(sorted(fa))
                c = ", ".join(sorted(fb - fa)) or ", ".join(sorted(fb))
                yield Problem(
                    _path(f"{name}.{j}"),
                    "warning",
                    "conflicting-figures",
                    f"{name}.{j}: gives {c} where {name}.{i} (another source) gives {a} for the "
                    "same fact, unmarked (briefing@1 cannot mark conflicting figures): "
                    "attribute each",
                )
                break


RULES = (_dangling, _duplicates, _scheduled, _headline, _superseded, _trims, _conflicts)


def reading_problems(briefing: Briefing, articles: Mapping[str, Article]) -> list[Problem]:
    """Every reading-rule finding of one briefing (see the module docstring), in rule order."""
    reader = _Reader(briefing, articles)
    return [p for rule in RULES for p in rule(reader)]
