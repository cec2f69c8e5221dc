"""Date ranking and per-date sentence selection, shared by the product timeline and the benchmark.

* :func:`rank_dates` scores each date by how many sentences across articles point at it and from how
  many distinct articles (the classic strong signal for which dates matter).
* :class:`Centrality` scores a date's sentences by TF-IDF cosine to the centroid of all sentences
  that mention the date, so the sentence most typical of what the sources say about it wins.
* :func:`summarize_dates` puts both together: the top ``n_dates`` dates and ``k`` non-redundant
  central sentences for each. ``briefgen eval tls`` calls exactly this with L and k from the gold
  timeline; :func:`briefgen.timeline.build_timeline` uses the same ranking and centrality.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from briefgen.model import Article, Sentence
from briefgen.nlp.similarity import content_words, jaccard
from briefgen.nlp.temporal import Precision
from briefgen.timeline.dating import Mention

ARTICLE_WEIGHT = 3.0
"""Weight of each distinct article mentioning a date (each mentioning sentence counts 1)."""
PUBLISHED_WEIGHT = 3.0
"""Weight of each article published on the date or the day after (news volume follows events)."""
NEAR_DAYS = 2
"""A date's sentences come from articles published at most this many days after it, when any do."""
LEAD_SENTENCES = 3
"""In the benchmark pool, the first sentences of a report published on d or d+1 also describe d."""
REDUNDANT = 0.5
"""Word-set Jaccard above which a second sentence for the same date is a repeat."""
MIN_WORDS, MAX_WORDS = 6, 50


@dataclass(frozen=True)
class DateScore:
    """How important a date is across the articles."""

    date: dt.date
    precision: Precision
    score: float
    sentences: int
    articles: int


def rank_dates(
    mentions: Iterable[Mention],
    *,
    published: Iterable[dt.date] = (),
    precisions: tuple[Precision, ...] = ("day",),
) -> tuple[DateScore, ...]:
    """Dates of the given precisions, most important first (ties: earlier date first).

    score = sentences naming the date + ARTICLE_WEIGHT x distinct articles naming it
    + PUBLISHED_WEIGHT x articles (of ``published``, one date per article) published on the date
    or the day after."""
    sentences: Counter[tuple[dt.date, Precision]] = Counter()
    articles: defaultdict[tuple[dt.date, Precision], set[str]] = defaultdict(set)
    for m in mentions:
        if m.precision not in precisions:
            continue
        key = (m.date, m.precision)
        sentences[key] += 1
        articles[key].add(m.sentence.article_id)
    volume = Counter(published)
    one = dt.timedelta(days=1)

    def score(date: dt.date, prec: Precision) -> float:
        base = sentences[(date, prec)] + ARTICLE_WEIGHT * len(articles[(date, prec)])
        if prec == "day":
            base += PUBLISHED_WEIGHT * (volume[date] + volume[date + one])
        return base

    scores = [
        DateScore(
            date=date,
            precision=prec,
            score=score(date, prec),
            sentences=sentences[(date, prec)],
            articles=len(articles[(date, prec)]),
        )
        for date, prec in sentences
    ]
    return tuple(sorted(scores, key=lambda s: (-s.score, s.date, s.precision)))


def date_pool(
    mentions: Sequence[Mention],
    date: dt.date,
    *,
    articles: Sequence[Article] = (),
    lead: int = 0,
) -> list[Sentence]:
    """The sentences that describe ``date``: those naming it in reports published within
    NEAR_DAYS after it (all naming it when none are), plus the first ``lead`` sentences of
    ``articles`` published on the date or the day after."""
    naming = [m for m in mentions if m.precision == "day" and m.date == date]
    near = [m for m in naming if 0 <= (m.published - date).days <= NEAR_DAYS]
    pool = [m.sentence for m in (near or naming)]
    if lead:
        for a in articles:
            if 0 <= (a.published - date).days <= 1:
                pool.extend(a.sentences[:lead])
    return pool


def _tokens(text: str) -> list[str]:
    return sorted(content_words(text))


class Centrality:
    """TF-IDF over a pool of sentences; scores sentences by cosine to a group's centroid."""

    def __init__(self, pool: Iterable[Sentence]) -> None:
        df: Counter[str] = Counter()
        n = 0
        for s in pool:
            df.update(set(_tokens(s.text)))
            n += 1
        self._idf = {w: math.log((1 + n) / (1 + c)) + 1.0 for w, c in df.items()}
        self._default = math.log(1 + n) + 1.0

    def vector(self, text: str) -> dict[str, float]:
        """The L2-normalised TF-IDF vector of ``text``."""
        tf = Counter(_tokens(text))
        vec = {w: c * self._idf.get(w, self._default) for w, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {w: v / norm for w, v in vec.items()}

    def rank(self, group: Sequence[Sentence]) -> list[tuple[Sentence, float]]:
        """The group's distinct sentences, most central first (ties: shorter, then citation)."""
        unique = {s.text: s for s in sorted(group, key=lambda s: (s.article_id, s.n))}
        vectors = {t: self.vector(t) for t in unique}
        centroid: defaultdict[str, float] = defaultdict(float)
        for vector in vectors.values():  # each distinct text once: repeats do not outvote
            for w, v in vector.items():
                centroid[w] += v
        scored = []
        for text, s in unique.items():
            cos = sum(v * centroid[w] for w, v in vectors[text].items())
            scored.append((s, cos * _length_factor(text)))
        return sorted(scored, key=lambda p: (-p[1], len(p[0].text), p[0].article_id, p[0].n))

    def select(self, group: Sequence[Sentence], k: int) -> tuple[Sentence, ...]:
        """Up to ``k`` central sentences of ``group``, skipping near-repeats of chosen ones."""
        chosen: list[Sentence] = []
        for s, _ in self.rank(group):
            if len(chosen) >= k:
                break
            words = content_words(s.text)
            if any(jaccard(words, content_words(c.text)) > REDUNDANT for c in chosen):
                continue
            chosen.append(s)
        return tuple(chosen)


def _length_factor(text: str) -> float:
    """Down-weights fragments and run-on sentences."""
    n = len(text.split())
    if n < MIN_WORDS:
        return n / MIN_WORDS
    if n > MAX_WORDS:
        return MAX_WORDS / n
    return 1.0


def summarize_dates(
    mentions: Sequence[Mention],
    n_dates: int,
    k: int,
    *,
    articles: Sequence[Article] = (),
    lead: int | None = None,
    centrality: Centrality | None = None,
) -> tuple[tuple[dt.date, tuple[Sentence, ...]], ...]:
    """The ``n_dates`` most important day dates (:func:`rank_dates`, with the articles'
    publication volume) with ``k`` central sentences from each one's :func:`date_pool` (``lead``
    defaults to LEAD_SENTENCES), by date."""
    lead = LEAD_SENTENCES if lead is None else lead
    ranked = rank_dates(mentions, published=[a.published for a in articles])[:n_dates]
    central = centrality or Centrality(s for a in articles for s in a.sentences)
    by_date: defaultdict[dt.date, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_date[m.date].append(m)
    out = []
    for d in sorted(r.date for r in ranked):
        chosen = central.select(date_pool(by_date[d], d, articles=articles, lead=lead), k)
        if chosen:
            out.append((d, chosen))
    return tuple(out)
