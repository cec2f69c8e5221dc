"""Word-level similarity shared by ingest (near-duplicates), summarize and timeline (merging) and
review (is a statement supported by its cited sentences?).

All functions are pure and deterministic; none is quadratic in anything but its two arguments.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import zlib
from collections.abc import Hashable, Iterable
from typing import TypeVar

from briefgen.nlp.patterns import lazy

_WORD = lazy(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_ASCII_WORD = lazy(r"[a-z0-9]+(?:'[a-z0-9]+)*")
"""``_WORD`` on lower-cased ASCII text (no other letter, digit or apostrophe can occur there),
as a plain character set: a third faster."""
_H = TypeVar("_H", bound=Hashable)
_ASCII = frozenset(map(chr, range(128)))

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them themselves
    then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself yourselves said says say
    according told""".split()
)


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters and digits; inner apostrophes kept), accents folded.

    Accent folding is NFKD decomposition with every combining mark (non-zero canonical combining
    class) removed. ASCII text is its own fold, so it skips the decomposition; other text drops
    only the marks it actually holds (one lookup per distinct non-ASCII character, not per
    character).
    """
    low = text.lower()
    if low.isascii():
        return _ASCII_WORD.findall(low)
    folded = unicodedata.normalize("NFKD", low)
    for mark in sorted(ch for ch in set(folded) - _ASCII if unicodedata.combining(ch)):
        folded = folded.replace(mark, "")
    return [w.replace("’", "'") for w in _WORD.findall(folded)]


def content_words(text: str) -> frozenset[str]:
    """The set of non-stopword tokens of ``text``."""
    return frozenset(w for w in words(text) if w not in STOPWORDS)


def jaccard(a: Iterable[_H], b: Iterable[_H]) -> float:
    """|A ∩ B| / |A ∪ B| (0.0 for two empty sets); items of any hashable type (words, shingle
    hashes)."""
    sa = a if isinstance(a, (set, frozenset)) else set(a)
    sb = b if isinstance(b, (set, frozenset)) else set(b)
    union = len(sa | sb)
    return len(sa & sb) / union if union else 0.0


def containment(part: Iterable[_H], whole: Iterable[_H]) -> float:
    """Share of ``part``'s items found in ``whole`` (1.0 when ``part`` is empty); items of any
    hashable type."""
    sp = part if isinstance(part, (set, frozenset)) else set(part)
    return len(sp & set(whole)) / len(sp) if sp else 1.0


def shingles(text: str, n: int = 4) -> frozenset[int]:
    """Hashed word n-grams of ``text`` (for near-duplicate detection of whole articles)."""
    return token_shingles(words(text), n)


def token_ids(toks: list[str]) -> list[int]:
    """A stable number per token (CRC-32 of its UTF-8): unlike ``hash(str)``, the same in every
    process, so hashes built from these ids (and samples of them) are reproducible."""
    ids = {t: zlib.crc32(t.encode("utf-8")) for t in set(toks)}
    return [ids[t] for t in toks]


def token_shingles(toks: list[str], n: int = 4) -> frozenset[int]:
    """Hashed n-grams of already computed :func:`words` tokens (what :func:`shingles` hashes; a
    text shorter than ``n`` words is one shingle, an empty one has none). The hashes are the same
    in every process (tuples of :func:`token_ids`)."""
    ids = token_ids(toks)
    if len(ids) < n:
        return frozenset({hash(tuple(ids))}) if ids else frozenset()
    return frozenset(hash(tuple(ids[i : i + n])) for i in range(len(ids) - n + 1))


def support(statement: str, cited: Iterable[str]) -> float:
    """How well cited sentences support a statement: the share of the statement's words that occur
    in them (1.0 for a quote or a trim; lower for paraphrase or added words)."""
    source: set[str] = set()
    for text in cited:
        source.update(words(text))
    return containment(words(statement), source)


@functools.lru_cache(maxsize=1 << 14)
def sentence_words(text: str) -> tuple[str, ...]:
    """:func:`words` of ``text`` as a tuple, cached: for a stage that reads the same sentences'
    words in several places (the summarizer's units and the timeline's centrality)."""
    return tuple(words(text))
