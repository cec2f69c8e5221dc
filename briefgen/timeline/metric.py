"""Timeline-summarization metrics: Date-F1 and alignment-based ROUGE (tilse's
``align_date_content_costs_many_to_one``), averaged as news-tls does.

Alignment (Martschat & Markert 2017, "align+ m:1"): every predicted date is mapped to the reference
date of least cost and every reference date to the predicted date of least cost, where

    cost(p, r) = (1 - 1 / (|p - r| + 1)) * (1 - approxROUGE1_F(summary(p), summary(r)))

(approxROUGE1 counts whitespace tokens, as tilse does; the first minimum wins ties). Precision sums
the ROUGE-n hits of each predicted date against its aligned reference date, weighted by
``1 / (|p - r| + 1)``, over all predicted n-grams; recall does the same from the reference side.

ROUGE-n counts use rouge-score's tokenizer (lower case, alphanumeric tokens) with Porter stemming
and stopwords removed (ROUGE-1.5.5's ``-s``, as tilse runs it; our list is
:data:`briefgen.nlp.similarity.STOPWORDS`); a date's sentences are one token stream.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache

import msgspec
from rouge_score import tokenize, tokenizers

from briefgen.nlp.similarity import STOPWORDS

Timeline = Mapping[dt.date, Sequence[str]]
"""A timeline for scoring: date -> that date's summary sentences."""


class PRF(msgspec.Struct, frozen=True):
    """Precision, recall and F1."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (0 when both are 0)."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


class TimelineScores(msgspec.Struct, frozen=True):
    """The three figures the benchmark reports for one predicted timeline."""

    date: PRF
    rouge1: PRF
    rouge2: PRF


@lru_cache(maxsize=1)
def _stemmer() -> tokenizers.DefaultTokenizer:
    return tokenizers.DefaultTokenizer(use_stemmer=True)


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    out = _stemmer().tokenize(word)
    return out[0] if out else word


def rouge_tokens(sentences: Sequence[str]) -> tuple[str, ...]:
    """The ROUGE token stream of a summary: lower-cased, stopwords removed, stemmed."""
    return _rouge_tokens(tuple(sentences))


@lru_cache(maxsize=8192)
def _rouge_tokens(sentences: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for sentence in sentences:
        out.extend(_stem(w) for w in tokenize.tokenize(sentence, None) if w not in STOPWORDS)
    return tuple(out)


def ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    """Counts of the n-grams of a token stream."""
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def rouge_counts(pred: Sequence[str], ref: Sequence[str], n: int) -> tuple[int, int, int]:
    """(hits, predicted n-grams, reference n-grams) for ROUGE-n between two summaries."""
    p, r = ngrams(rouge_tokens(pred), n), ngrams(rouge_tokens(ref), n)
    hits = sum(min(c, r[g]) for g, c in p.items())
    return hits, sum(p.values()), sum(r.values())


def approx_rouge1_f(pred: Sequence[str], ref: Sequence[str]) -> float:
    """tilse's cheap ROUGE-1 F on whitespace tokens, used only for alignment costs."""
    pc = Counter(w for s in pred for w in s.split())
    rc = Counter(w for s in ref for w in s.split())
    match = sum(min(c, rc[w]) for w, c in pc.items())
    p = match / sum(pc.values()) if pc else 0.0
    r = match / sum(rc.values()) if rc else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _date_weight(a: dt.date, b: dt.date) -> float:
    return 1.0 / (abs(a.toordinal() - b.toordinal()) + 1)


def date_f1(pred: Timeline, ref: Timeline) -> PRF:
    """Set overlap of the two timelines' dates."""
    shared = len(set(pred) & set(ref))
    return PRF(shared / len(pred) if pred else 0.0, shared / len(ref) if ref else 0.0)


def _align(
    src: list[dt.date], dst: list[dt.date], cost: dict[tuple[dt.date, dt.date], float]
) -> list[tuple[dt.date, dt.date]]:
    """Map each source date to the destination date of least cost (first one on ties)."""
    pairs = []
    for s in src:
        best = min(range(len(dst)), key=lambda i: (cost[(s, dst[i])], i))
        pairs.append((s, dst[best]))
    return pairs


def align_rouge(pred: Timeline, ref: Timeline, n: int) -> PRF:
    """tilse's ``align_date_content_costs_many_to_one`` ROUGE-n for one predicted timeline."""
    return align_rouge_all(pred, ref, (n,))[n]


def align_rouge_all(
    pred: Timeline, ref: Timeline, orders: Sequence[int] = (1, 2)
) -> dict[int, PRF]:
    """Alignment-based ROUGE-n for several ``n`` at once (the alignment is shared)."""
    pdates, rdates = sorted(pred), sorted(ref)
    if not pdates or not rdates:
        return {n: PRF(0.0, 0.0) for n in orders}
    cost = {
        (p, r): (1 - _date_weight(p, r)) * (1 - approx_rouge1_f(pred[p], ref[r]))
        for p in pdates
        for r in rdates
    }
    to_ref = _align(pdates, rdates, cost)
    to_pred = _align(rdates, pdates, {(r, p): c for (p, r), c in cost.items()})
    out: dict[int, PRF] = {}
    for n in orders:
        p_num = p_den = r_num = r_den = 0.0
        for p, r in to_ref:
            hits, npred, _ = rouge_counts(pred[p], ref[r], n)
            p_num += _date_weight(p, r) * hits
            p_den += npred
        for r, p in to_pred:
            hits, _, nref = rouge_counts(pred[p], ref[r], n)
            r_num += _date_weight(p, r) * hits
            r_den += nref
        out[n] = PRF(p_num / p_den if p_den else 0.0, r_num / r_den if r_den else 0.0)
    return out


def score_timeline(pred: Timeline, ref: Timeline) -> TimelineScores:
    """Date-F1 and alignment-based ROUGE-1/2 for one predicted timeline against one reference."""
    rouge = align_rouge_all(pred, ref, (1, 2))
    return TimelineScores(date=date_f1(pred, ref), rouge1=rouge[1], rouge2=rouge[2])


def average(scores: Sequence[PRF]) -> PRF:
    """news-tls averaging: mean precision and mean recall (F is then computed from those)."""
    if not scores:
        return PRF(0.0, 0.0)
    return PRF(
        sum(s.precision for s in scores) / len(scores), sum(s.recall for s in scores) / len(scores)
    )
