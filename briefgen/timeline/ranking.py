"""Date ranking and sentence centrality, the two scores of the one timeline algorithm
(:func:`briefgen.timeline.core.timeline_events`, used by the product and by ``briefgen eval tls``).

* :func:`rank_dates` scores each date by how many sentences across articles point at it, from how
  many distinct articles, and how many reports were published on it or the day after.
* :class:`Centrality` scores a date's sentences by TF-IDF cosine to the centroid of the date's
  sentences, so the sentence most typical of what the sources say about it wins.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

import msgspec

from briefgen.model import Sentence
from briefgen.nlp.similarity import STOPWORDS, sentence_words
from briefgen.nlp.temporal import Precision
from briefgen.timeline.dating import Mention

ARTICLE_WEIGHT = 3.0
"""Weight of each distinct article mentioning a date (each mentioning sentence counts 1)."""
PUBLISHED_WEIGHT = 3.0
"""Weight of each article published on the date or the day after (news volume follows events)."""
MIN_WORDS, MAX_WORDS = 6, 50


class DateScore(msgspec.Struct, frozen=True):
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


@functools.lru_cache(maxsize=1 << 16)
def _tokens(text: str) -> tuple[str, ...]:
    """The text's content words, sorted; cached: the pool's document frequencies and each
    group's vectors read the same sentences."""
    return tuple(sorted({w for w in sentence_words(text) if w not in STOPWORDS}))


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


QUOTE_PENALTY = 0.5
"""Factor for a sentence that opens with a quotation or asks a question: less clear as an event."""


def _length_factor(text: str) -> float:
    """Down-weights fragments, run-on sentences, quotations and questions."""
    clarity = QUOTE_PENALTY if text[:1] in "\"“'‘" or text.endswith("?") else 1.0
    n = len(text.split())
    if n < MIN_WORDS:
        return clarity * n / MIN_WORDS
    if n > MAX_WORDS:
        return clarity * MAX_WORDS / n
    return clarity
