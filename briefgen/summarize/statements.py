"""How the summarizer reads one candidate statement before it may enter a section.

- **Self-contained** (:func:`self_contained`): a statement whose meaning depends on a missing
  antecedent (:func:`briefgen.nlp.references.dangling_in`: "that relationship", "The talks",
  "both countries", a bare "he") is replaced by a self-contained mention of the same fact (another
  source's sentence in its cluster), else extended with the sentence before it in its source when
  that sentence resolves the reference (:func:`briefgen.nlp.references.resolves`; it is cited
  too), else left out.
- **Current** (:func:`superseded`): a statement that speaks of something still open
  (:func:`pending`) is superseded when a newer source exists and either the date it looks ahead
  to has passed by ``as_of``, or a later *happened* event of the timeline is the same event (the
  timeline's own same-event rule) reported by a newer source.
- **Marks** set on each written statement: :func:`times_of` (relative time phrases with the date
  they resolve to from the cited article's publication date), :func:`single_source` (every
  citation from one publisher) and :func:`conflict_keys` (different figures for the same quantity
  from different sources, side by side, one shared key: the quantity's slug).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence

from msgspec.structs import replace

from briefgen.model import Article, Citation, Statement, TimelineEvent, TimeRef
from briefgen.nlp.references import Reference, dangling_in, resolves
from briefgen.nlp.similarity import STOPWORDS, content_words, jaccard, words
from briefgen.nlp.temporal import Scan, extract, scan_document
from briefgen.nlp.trim import is_fragment, trim_statement
from briefgen.summarize.candidates import NUMBER_WORDS, Candidate, figures, word_sets
from briefgen.summarize.classify import is_noise_text
from briefgen.summarize.cues import text_tense
from briefgen.summarize.merge import PAIR_SIMILARITY
from briefgen.summarize.sameevent import period, same_event_words, span

MAX_EXTENDED_WORDS = 80
"""Longest statement made by extending a sentence with its antecedent sentence."""
RELATIVE_KINDS = frozenset(
    {"ago", "in", "period", "weekday", "day", "thisyear", "pastyear", "monthyear"}
)
"""Temporal phrase kinds (:mod:`briefgen.nlp.timex_patterns`) that only the publication date
resolves ("two weeks ago", "on Thursday", "last week", "yesterday", "this year")."""


_Happened = tuple[int, dt.date, frozenset[Citation], dt.date | None, frozenset[str]]
"""A happened event: its index, first day, citations, newest source, content words."""


class Sources:
    """A topic's articles with the lookups statements need (temporal scans cached per article)."""

    def __init__(
        self, articles: Mapping[str, Article], *, day_first: bool = True, topic: str = ""
    ) -> None:
        self.articles = articles
        self.day_first = day_first
        self.topic = topic
        """The topic's title: the story's own pair ("the two countries") is named there."""
        self._scans: dict[str, tuple[Scan, ...]] = {}
        self._happened: tuple[Sequence[TimelineEvent], list[_Happened]] | None = None

    def happened(self, events: Sequence[TimelineEvent]) -> list[_Happened]:
        """The *happened* events of ``events`` with what :func:`superseded_by` compares, computed
        once for the timeline it is asked about again and again (a tuple: it cannot change)."""
        if self._happened is not None and self._happened[0] is events:
            return self._happened[1]
        facts = [
            (j, period(ev)[0], frozenset(ev.cite), self.newest(ev.cite), content_words(ev.text))
            for j, ev in enumerate(events)
            if ev.status == "happened"
        ]
        if isinstance(events, tuple):
            self._happened = (events, facts)
        return facts

    def text(self, cite: Citation) -> str | None:
        """The cited sentence's text, or None when it does not resolve."""
        article = self.articles.get(cite.article_id)
        sentence = article.sentence(cite.sentence) if article else None
        return sentence.text if sentence else None

    def published(self, cite: Citation) -> dt.date | None:
        """The cited article's publication date."""
        article = self.articles.get(cite.article_id)
        return article.published if article else None

    def before(self, cite: Citation) -> str | None:
        """The sentence before the cited one in its article."""
        return (
            self.text(Citation(cite.article_id, cite.sentence - 1)) if cite.sentence > 1 else None
        )

    def dangling(self, text: str, first: Citation) -> Reference | None:
        """:func:`~briefgen.nlp.references.dangling_in` for a statement whose first sentence is
        ``first``, in this topic."""
        return dangling_in(text, before=self.before(first), topic=self.topic)

    def newest(self, cites: Iterable[Citation]) -> dt.date | None:
        """The newest publication date among ``cites``' articles."""
        dates = [d for d in (self.published(c) for c in cites) if d is not None]
        return max(dates) if dates else None

    def scan(self, cite: Citation) -> Scan | None:
        """The temporal scan of the cited sentence, read with its whole report as context."""
        article = self.articles.get(cite.article_id)
        if article is None or article.sentence(cite.sentence) is None:
            return None
        scans = self._scans.get(article.id)
        if scans is None:
            texts = [s.text for s in article.sentences]
            scans = scan_document(texts, article.published, day_first=self.day_first)
            self._scans[article.id] = scans
        return scans[cite.sentence - 1]


# --- self-contained ------------------------------------------------------------------------------


def _retext(c: Candidate, text: str, origin: Citation, cites: Iterable[Citation]) -> Candidate:
    ws, ns = word_sets(text)
    return replace(
        c, text=text, origin=origin, cites=tuple(sorted(set(cites))), words=ws, numbers=ns
    )


def extended(before: str, statement: str) -> str:
    """``statement`` (already trimmed) extended with the sentence before it in its source (which
    resolves its reference): the one form the summarizer writes and its audit recognises."""
    return f"{trim_statement(before)} {statement}"


def self_contained(c: Candidate, src: Sources) -> Candidate | None:
    """``c`` when it is self-contained; else another source's self-contained sentence of its
    cluster; else ``c`` extended with the sentence before it in its source (cited too) when that
    sentence resolves the reference; else None (left out)."""
    origin = c.origin or c.cites[0]
    if src.dangling(c.text, origin) is None:
        return c
    members = [origin, *(x for x in c.cites if x != origin)]
    texts = {m: trim_statement(t) for m in members if (t := src.text(m)) is not None}
    for m in members[1:]:
        t = texts.get(m)
        if t is not None and src.dangling(t, m) is None and not is_fragment(t):
            return _retext(c, t, m, c.cites)
    for m in members:
        t = texts.get(m)
        if t is None or m.sentence < 2:
            continue
        before = Citation(m.article_id, m.sentence - 1)
        prev = src.text(before)
        published = src.published(before)
        if prev is None or published is None or is_noise_text(prev, published):
            continue
        ref = dangling_in(t)
        if ref is None or not resolves(ref, prev):
            continue
        text = extended(prev, t)
        if len(text.split()) > MAX_EXTENDED_WORDS or src.dangling(text, before) is not None:
            continue
        return _retext(c, text, before, (*c.cites, before))
    return None


# --- current -------------------------------------------------------------------------------------

_DATED_UNCERTAINTY = re.compile(
    r"\b(?:was|were)\s+(?:still\s+|also\s+)?(?:unclear|uncertain|unknown|not\s+(?:yet\s+)?"
    r"(?:clear|known|immediately\s+(?:clear|known)))\b",
    re.IGNORECASE,
)
"""An open question stated as of its report ("It was unclear when talks would begin"): true of
that report's day only, so a newer source supersedes it."""
_REPORTED_FUTURE = re.compile(r"\bwould\s+(?:not\s+)?(?:be\s+)?[a-z]+", re.IGNORECASE)


def pending(text: str) -> bool:
    """Does a statement speak of something still open: a future (also a reported one, "said
    talks would resume"), or a present, progressive or perfect state ("remains closed", "are
    fleeing", "has been closed")? Only such a statement can be resolved by a later event."""
    cues = text_tense(text)
    return bool(
        cues.future
        or cues.present
        or cues.progressive
        or cues.perfect
        or _REPORTED_FUTURE.search(text)
    )


def looks_ahead(text: str) -> bool:
    """Does a statement speak of the future ("will send", "are expected to", reported "would
    resume")?"""
    return bool(text_tense(text).future or _REPORTED_FUTURE.search(text))


def expired_outlook(text: str, published: dt.date, as_of: dt.date, *, day_first: bool) -> bool:
    """The statement looks ahead to a date ("talks on Saturday", "expected next week") that has
    passed by ``as_of``."""
    for ref in extract(text, published, day_first=day_first):
        if ref.scheduled and span(ref.date, ref.precision)[1] < as_of:
            return True
    return False


def superseded_by(
    text: str,
    cites: Sequence[Citation],
    events: Sequence[TimelineEvent],
    src: Sources,
) -> int | None:
    """The index of a later *happened* event that resolves a pending statement: it starts after
    the newest publication date of everything the statement cites, is reported by a newer
    article, cites none of the statement's sentences, and is the same event (the timeline's
    rule). None when there is none (or the statement is not :func:`pending`)."""
    basis = src.newest(cites)
    if basis is None or not pending(text):
        return None
    mine = content_words(text)
    own = frozenset(cites)
    for j, start, cited, newest, theirs in src.happened(events):
        if start <= basis or not own.isdisjoint(cited):
            continue
        if mine and mine.isdisjoint(theirs):
            continue  # no shared word: never the same event (the rule's answer, without it)
        if newest is not None and newest > basis and same_event_words(mine, theirs):
            return j
    return None


def superseded(c: Candidate, events: Sequence[TimelineEvent], src: Sources, as_of: dt.date) -> bool:
    """Is ``c`` (a pending statement) resolved by what a newer source reports: its outlook date
    passed (:func:`expired_outlook`) or a later event resolves it (:func:`superseded_by`)?"""
    basis = src.newest(c.cites)
    if basis is None or basis >= as_of:
        return False
    if not pending(c.text) and not _DATED_UNCERTAINTY.search(c.text):
        return False
    published = src.published(c.origin or c.cites[0]) or basis
    if _DATED_UNCERTAINTY.search(c.text):
        return True
    if expired_outlook(c.text, published, as_of, day_first=src.day_first):
        return True
    return superseded_by(c.text, c.cites, events, src) is not None


# --- marks ---------------------------------------------------------------------------------------


def _contains(text: str, sentence: str) -> bool:
    return sentence in text or trim_statement(sentence) in text


def resolve_phrase(
    phrase: str, cites: Iterable[Citation], src: Sources
) -> list[tuple[Citation, TimeRef]]:
    """How ``phrase`` resolves in each cited sentence that holds it (from that article's date)."""
    out: list[tuple[Citation, TimeRef]] = []
    for cite in cites:
        sentence = src.text(cite)
        found = src.scan(cite) if sentence is not None and phrase in sentence else None
        for r in found.refs if found else ():
            if r.phrase in phrase or phrase in r.phrase:
                out.append((cite, TimeRef(phrase=phrase, date=r.date, precision=r.precision)))
    return out


def times_of(text: str, cites: Iterable[Citation], src: Sources) -> tuple[TimeRef, ...]:
    """The relative time phrases of ``text`` ("two weeks ago", "on Thursday") with the dates they
    resolve to, each read in the cited sentence the text quotes (from its article's date)."""
    found: dict[str, tuple[int, TimeRef]] = {}
    for cite in cites:
        sentence = src.text(cite)
        scanned = src.scan(cite) if sentence is not None and _contains(text, sentence) else None
        for r in scanned.refs if scanned else ():
            if r.kind not in RELATIVE_KINDS or r.phrase not in text or r.phrase in found:
                continue
            at = text.find(r.phrase)
            found[r.phrase] = (at, TimeRef(phrase=r.phrase, date=r.date, precision=r.precision))
    return tuple(ref for _, ref in sorted(found.values(), key=lambda x: (x[0], x[1].phrase)))


def single_source(cites: Iterable[Citation], articles: Mapping[str, Article]) -> bool:
    """Every citation comes from one publisher (an article without a named publisher counts as
    its own)."""
    outlets: set[str] = set()
    for c in cites:
        article = articles.get(c.article_id)
        if article is not None:
            outlets.add(article.publisher.casefold() if article.publisher else f"#{article.id}")
    return len(outlets) <= 1


def conflicting_pair(a: Statement | TimelineEvent, b: Statement | TimelineEvent) -> bool:
    """Do two items from different sources (no cited article in common) give different figures
    for the same fact (content-word Jaccard >= :data:`PAIR_SIMILARITY`)?"""
    fa, fb = figures(a.text), figures(b.text)
    if not fa or not fb or fa == fb:
        return False
    if {c.article_id for c in a.cite} & {c.article_id for c in b.cite}:
        return False
    return jaccard(content_words(a.text), content_words(b.text)) >= PAIR_SIMILARITY


def quantity(text: str, figure_set: frozenset[str]) -> str:
    """The slug of the quantity a figure counts: the first content word after it ("over 70
    casualties" -> ``casualties``, "dozens of dead" -> ``dead``); ``figure`` when none."""
    toks = words(text)
    for i, w in enumerate(toks):
        if w not in figure_set:
            continue
        for nxt in toks[i + 1 : i + 4]:
            if nxt in STOPWORDS or nxt in NUMBER_WORDS or any(ch.isdigit() for ch in nxt):
                continue
            slug = re.sub(r"[^a-z0-9]+", "-", nxt.lower()).strip("-")
            if slug:
                return slug[:60]
    return "figure"


def conflict_keys(items: Sequence[Statement | TimelineEvent]) -> list[str | None]:
    """The conflict key of each item: items whose figures for one fact disagree
    (:func:`conflicting_pair`) share the quantity slug of the first of them; others None."""
    keys: list[str | None] = [None] * len(items)
    for j, later in enumerate(items):
        for i in range(j):
            if conflicting_pair(items[i], later):
                key = keys[i] or quantity(
                    items[i].text, figures(items[i].text) - figures(later.text)
                )
                keys[i] = key
                keys[j] = keys[j] or key
    return keys


def marked(
    statements: Sequence[Statement], src: Sources, *, conflicts: bool = True
) -> tuple[Statement, ...]:
    """``statements`` with their marks set: times, single source and (within the section)
    conflict keys. Edited statements are the editor's and keep theirs."""
    keys = conflict_keys(statements) if conflicts else [None] * len(statements)
    out: list[Statement] = []
    for st, key in zip(statements, keys, strict=True):
        if st.edited:
            out.append(st)
            continue
        out.append(
            Statement(
                text=st.text,
                cite=st.cite,
                times=times_of(st.text, st.cite, src),
                conflict=key,
                single_source=single_source(st.cite, src.articles),
            )
        )
    return tuple(out)
