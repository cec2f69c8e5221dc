"""Reconcile freshly ranked candidates with the previous briefing: editor edits and stability.

Rules (documented in the README):

* **Editor-owned statements** are exactly those marked ``edited: true`` (a hand-added statement must
  carry the flag too). They are never changed and keep their index in their section; any candidate
  that shares a citation with one is suppressed, so the editor's version is the only one.
* Every other statement of the previous briefing is **generated**. It is matched to the candidate
  that shares one of its citations. A generated statement that still matches a candidate of the same
  section is an *incumbent*: it keeps its place, and a new candidate must beat it by
  :data:`INCUMBENCY` to displace it. That makes regeneration stable (adding one article changes only
  what it touches) and idempotent (a second run with the same inputs changes no byte).
* Statements already in the briefing keep the order they have there, which may be an editor's:
  a new candidate is inserted among them (by score, or by date in the chronological section, or
  right after a statement giving a conflicting figure for the same fact); none of them is re-sorted.
* A generated statement whose citation no longer resolves, or whose text no candidate produces (a
  hand edit without ``edited: true``), is replaced and reported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import msgspec

from briefgen.model import Article, Briefing, Citation, Statement, TimelineEvent
from briefgen.nlp.similarity import jaccard
from briefgen.summarize.candidates import Candidate, conflicting, figures
from briefgen.summarize.sameevent import same_event_words

INCUMBENCY = 0.5
"""Score margin a new candidate needs over a statement already in the briefing to displace it."""
REDUNDANT = 0.5
"""Word-set Jaccard above which a candidate repeats a chosen one (unless the figures differ)."""


PAIR_SIMILARITY = 0.35
"""Word-set Jaccard from which two statements with different figures are about the same fact."""


class Finding(msgspec.Struct, frozen=True):
    """Something the editor should know about the previous briefing (``where`` is a field path)."""

    where: str
    message: str


def resolves(cite: Citation, articles: Mapping[str, Article]) -> bool:
    """Does ``cite`` point at an existing sentence of an existing article?"""
    article = articles.get(cite.article_id)
    return article is not None and article.sentence(cite.sentence) is not None


def edited_citations(previous: Briefing | None) -> frozenset[Citation]:
    """Every citation an editor-owned statement or event holds (generated copies are suppressed)."""
    if previous is None:
        return frozenset()
    return frozenset(c for st, _ in previous.iter_cited() if st.edited for c in st.cite)


def audit(previous: Briefing | None, articles: Mapping[str, Article]) -> list[Finding]:
    """Citations of the previous briefing that no longer resolve (generated ones are replaced)."""
    out: list[Finding] = []
    if previous is None:
        return out
    for st, where in previous.iter_cited():
        for c in st.cite:
            if not resolves(c, articles):
                what = "kept (edited)" if st.edited else "replaced"
                out.append(Finding(where, f"cites {c}, which no longer resolves; {what}"))
    return out


def _redundant(c: Candidate, chosen: Iterable[Candidate]) -> bool:
    """``c`` repeats a chosen statement: similar words with the same figures (Jaccard above
    :data:`REDUNDANT`, or the same event by the timeline's own rule), a sentence in common (a
    statement extended with its antecedent sentence and that sentence alone), or only timeline
    events the chosen one already reports (one event, mentioned by two sources)."""
    cites = set(c.cites)
    return any(
        (
            (jaccard(c.words, o.words) > REDUNDANT or same_event_words(c.words, o.words))
            and not conflicting(c.numbers, o.numbers)
        )
        or not cites.isdisjoint(o.cites)
        or (c.events and c.events <= o.events and not _figures_differ(c.text, o.text))
        for o in chosen
    )


def _figures_differ(a: str, b: str) -> bool:
    """Both texts give figures (dates and "two weeks ago" aside) and not the same ones."""
    fa, fb = figures(a), figures(b)
    return bool(fa) and bool(fb) and fa != fb


def _match(st: Statement, pool: Sequence[Candidate]) -> Candidate | None:
    cites = set(st.cite)
    for c in pool:
        if cites.intersection(c.cites):
            return c
    return None


def choose(
    pool: Sequence[Candidate],
    previous: Sequence[Statement],
    cap: int,
    *,
    blocked: frozenset[Citation],
    used: set[str],
    taken: Sequence[Candidate] = (),
    chronological: bool,
) -> list[Candidate]:
    """Pick at most ``cap`` candidates for one section, keeping incumbents in their order."""
    live = [c for c in pool if not blocked.intersection(c.cites) and c.text not in used]
    incumbents: list[Candidate] = []
    for st in previous:
        if st.edited:
            continue
        match = _match(st, live)
        if match is not None and match not in incumbents:
            incumbents.append(match)
    rank = {id(c): c.score + (INCUMBENCY if c in incumbents else 0.0) for c in live}
    ranked = sorted(live, key=lambda c: (-rank[id(c)], c.key))
    chosen: list[Candidate] = []
    for c in ranked:
        if len(chosen) >= cap:
            break
        if not _redundant(c, chosen) and not _redundant(c, taken):
            chosen.append(c)
    kept = [c for c in incumbents if c in chosen]
    fresh = [c for c in chosen if c not in kept]
    if chronological:
        if not kept:
            return pair_conflicts(sorted(chosen, key=lambda c: (c.date_key, c.key)))
        fresh.sort(key=lambda c: (c.date_key, c.key))
        return _insert(kept, fresh, lambda c, k: (k.date_key, k.key) > (c.date_key, c.key))
    if not kept:
        return pair_conflicts(chosen)
    return _insert(kept, fresh, lambda c, k: k.score < c.score)


def _twins(a: Candidate, b: Candidate) -> bool:
    """Do ``a`` and ``b`` give different figures for the same fact?"""
    return conflicting(a.numbers, b.numbers) and jaccard(a.words, b.words) >= PAIR_SIMILARITY


def contested(c: Candidate, pool: Iterable[Candidate]) -> bool:
    """Another source gives a different figure for the same fact as ``c``."""
    mine = {x.article_id for x in c.cites}
    return any(
        o is not c and _twins(c, o) and mine.isdisjoint(x.article_id for x in o.cites) for o in pool
    )


def _insert(
    kept: Sequence[Candidate],
    fresh: Sequence[Candidate],
    before: Callable[[Candidate, Candidate], bool],
) -> list[Candidate]:
    """The statements already in the briefing (``kept``) in the briefing's own order, which may be
    an editor's, never moved; each new candidate goes right after a statement it conflicts with,
    else before the first statement ``before(new, statement)`` says it precedes (never splitting
    a pair of conflicting figures), else at the end."""
    out = list(kept)
    for c in fresh:
        twin = next((i for i, o in enumerate(out) if _twins(c, o)), None)
        if twin is not None:
            at = twin + 1
            while at < len(out) and conflicting(out[at].numbers, out[twin].numbers):
                at += 1
        else:
            at = next((i for i, o in enumerate(out) if before(c, o)), len(out))
            while 0 < at < len(out) and _twins(out[at - 1], out[at]):
                at += 1
        out.insert(at, c)
    return out


def pair_conflicts(items: Sequence[Candidate]) -> list[Candidate]:
    """Move a statement giving a different figure for the same fact right after the first one, so
    conflicting figures stand side by side (each with its own attribution), never averaged."""
    out: list[Candidate] = []
    for c in items:
        twin = next((i for i, o in enumerate(out) if _twins(c, o)), None)
        if twin is None:
            out.append(c)
            continue
        at = twin + 1
        while at < len(out) and conflicting(out[at].numbers, out[twin].numbers):
            at += 1
        out.insert(at, c)
    return out


def place_edited(
    generated: Sequence[Statement], previous: Sequence[Statement]
) -> tuple[Statement, ...]:
    """Put every edited statement of ``previous`` back at its index among the generated ones."""
    out = [st for st in generated if st.text not in {p.text for p in previous if p.edited}]
    for i, st in enumerate(previous):
        if st.edited:
            out.insert(min(i, len(out)), st)
    return tuple(out)


def merge_timeline(
    generated: Sequence[TimelineEvent], previous: Briefing | None
) -> tuple[TimelineEvent, ...]:
    """Generated events plus the previous briefing's edited events, in date order."""
    if previous is None:
        return tuple(generated)
    kept = [ev for ev in previous.timeline if ev.edited]
    blocked = {c for ev in kept for c in ev.cite}
    texts = {ev.text for ev in kept}
    out = [ev for ev in generated if not blocked.intersection(ev.cite) and ev.text not in texts]
    for ev in kept:
        at = next((i for i, o in enumerate(out) if o.date > ev.date), len(out))
        out.insert(at, ev)
    return tuple(out)


def statement(c: Candidate) -> Statement:
    """A candidate as a briefing statement."""
    return Statement(text=c.text, cite=c.cites)
