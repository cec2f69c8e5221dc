"""Duplicate detection: exact (same cleaned body) and near (word 4-gram shingles, Jaccard).

An index over a topic's articles answers "is this body already here?" without comparing every
pair: exact matches by a hash of the normalised body, near matches through an inverted index of a
deterministic sample of shingles (only articles sharing a sampled shingle are compared, and only
when their sizes allow the threshold), then the exact Jaccard similarity.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from briefgen.model import Article
from briefgen.nlp.similarity import jaccard, token_ids, token_shingles, words

_SAMPLE = 4
"""Keep shingles whose hash (the same in every process) is divisible by this: a near-duplicate
pair shares ~(1/_SAMPLE) of their many common shingles, so it is still found; unrelated pairs
rarely share any."""


_COMMON = 64
"""A sampled shingle found in more articles than this is a stock phrase, not evidence."""


def _shingles(tokens: list[str]) -> frozenset[int]:
    """:func:`~briefgen.nlp.similarity.token_shingles` (word 4-grams), the same tuples hashed,
    built by ``zip`` over shifted lists instead of one slice per position."""
    if len(tokens) < 4:
        return token_shingles(tokens)
    ids = token_ids(tokens)
    return frozenset(map(hash, zip(ids, ids[1:], ids[2:], ids[3:], strict=False)))


def _tokens(paragraphs: tuple[tuple[str, ...], ...]) -> list[str]:
    return words("\n\n".join(" ".join(p) for p in paragraphs))


def _key(tokens: list[str]) -> str:
    return hashlib.sha256(" ".join(tokens).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Fingerprint:
    """What the index compares: the body's word hash and its shingles (computed once)."""

    key: str
    shingles: frozenset[int]
    sampled: tuple[int, ...]
    """The shingles the index keeps postings for (hash divisible by ``_SAMPLE``): computed with
    the fingerprint, in the worker that prepares the source, not in the process that indexes."""

    @classmethod
    def of(cls, paragraphs: tuple[tuple[str, ...], ...]) -> Fingerprint:
        """Fingerprint a body."""
        tokens = _tokens(paragraphs)
        shingles = _shingles(tokens)
        return cls(_key(tokens), shingles, tuple(h for h in shingles if h % _SAMPLE == 0))


@dataclass(frozen=True)
class Match:
    """An earlier article this body duplicates."""

    article_id: str
    similarity: float
    exact: bool


class DedupIndex:
    """Exact and near-duplicate lookup over a growing set of article bodies."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self._exact: dict[str, str] = {}
        self._raw: dict[str, str] = {}
        self._shingles: dict[str, frozenset[int]] = {}
        self._postings: dict[int, list[str]] = defaultdict(list)

    def add(self, article: Article, fingerprint: Fingerprint | None = None) -> None:
        """Index an article (its body, its raw sha256 and those of its recorded duplicates);
        pass the body's fingerprint when it is already known."""
        self._raw.setdefault(article.sha256, article.id)
        for dup in article.duplicates:
            self._raw.setdefault(dup.sha256, article.id)
        if article.id in self._shingles:
            return
        fp = fingerprint or Fingerprint.of(article.paragraphs)
        self._exact.setdefault(fp.key, article.id)
        self._shingles[article.id] = fp.shingles
        for h in fp.sampled:
            self._postings[h].append(article.id)

    def find(self, fingerprint: Fingerprint, sha256: str) -> Match | None:
        """The article this body duplicates (exactly, else the most similar near copy), if any."""
        if sha256 in self._raw:
            return Match(self._raw[sha256], 1.0, True)
        if fingerprint.key in self._exact:
            return Match(self._exact[fingerprint.key], 1.0, True)
        sh = fingerprint.shingles
        if not sh:
            return None
        sampled = fingerprint.sampled
        # Phrases that many articles share (stock phrases, boilerplate quotes) say nothing about
        # near-duplication; skipping them keeps each lookup short however large the topic grows.
        rare = [h for h in sampled if len(self._postings.get(h, ())) <= _COMMON]
        if len(rare) < len(sampled) // 2:
            rare = sorted(sampled, key=lambda h: (len(self._postings.get(h, ())), h))[:8]
        shared: dict[str, int] = defaultdict(int)
        for h in rare:
            for aid in self._postings.get(h, ()):
                shared[aid] += 1
        if not sampled:
            shared = dict.fromkeys(self._shingles, 0)  # tiny bodies may have no sampled shingle
        # A pair at the threshold shares about threshold x |sample| sampled shingles; demanding
        # half of that skips the exact comparison for pairs that merely share some phrases.
        need = 0.5 * self.threshold * len(rare)
        best: Match | None = None
        for aid in sorted(shared):
            if shared[aid] < need:
                continue
            other = self._shingles[aid]
            small, large = sorted((len(sh), len(other)))
            if large == 0 or small / large < self.threshold:
                continue
            sim = jaccard(sh, other)
            if sim >= self.threshold and (best is None or sim > best.similarity):
                best = Match(aid, round(sim, 4), False)
        return best
