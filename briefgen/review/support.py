"""Is a statement faithful to the sentences it cites? Pure functions over text.

Two measures: :func:`briefgen.nlp.similarity.support` (the share of the statement's words found in
the cited sentences; 1.0 for a quote or a trim) and :func:`dropped_negations`, which catches the one
trim that keeps every word yet reverses the meaning: leaving out a "not" from the middle of the part
of a sentence the statement quotes.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Sequence

import msgspec

from briefgen.nlp.similarity import support, words

NEGATIONS = frozenset(
    "not no never nor neither none nobody nothing nowhere cannot without hardly barely".split()
)
"""Words that reverse the meaning of what they govern."""


def is_negation(word: str) -> bool:
    """True for a negation word or a contraction ending in ``n't`` (``didn't``, ``won't``)."""
    return word in NEGATIONS or word.endswith("n't")


class Support(msgspec.Struct, frozen=True):
    """How a statement relates to its cited sentences."""

    score: float
    """Share of the statement's words found in the cited sentences."""
    missing: tuple[str, ...]
    """The statement's words found in none of them, in order of first use."""
    dropped: tuple[str, ...]
    """Negations inside the quoted span of a cited sentence that the statement left out."""


MAX_GAP = 3
"""A left-out run of at most this many words inside a quote is a trim of words, not of a clause."""


def _dropped_in(statement: list[str], sentence: list[str]) -> list[str]:
    """Negations left out of ``sentence`` in short gaps between the runs the statement quotes.
    A sentence without a negation has none to leave out: the matcher (quadratic in the words of
    a long, repetitive sentence) is not run; nor for a statement that quotes a run of the sentence
    word for word (the matcher's longest block is then the whole statement, and one block leaves
    no gap)."""
    if not any(is_negation(w) for w in sentence) or _quotes(statement, sentence):
        return []
    matcher = difflib.SequenceMatcher(None, sentence, statement, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    inside: list[str] = []
    for prev, nxt in itertools.pairwise(blocks):
        gap = sentence[prev.a + prev.size : nxt.a]
        if len(gap) <= MAX_GAP:
            inside.extend(w for w in gap if is_negation(w))
    kept = [w for w in statement if is_negation(w)]
    dropped: list[str] = []
    for w in inside:
        if w in kept:
            kept.remove(w)
        else:
            dropped.append(w)
    return dropped


def _quotes(statement: list[str], sentence: list[str]) -> bool:
    """Is ``statement`` a run of consecutive words of ``sentence`` (words hold no NUL)?"""
    sep = "\0"
    return sep + sep.join(statement) + sep in sep + sep.join(sentence) + sep


def dropped_negations(statement: str, cited: Sequence[str]) -> tuple[str, ...]:
    """Negation words a trim of the cited sentences left out from inside the span it quotes.

    "Talks did not resume." trimmed to "Talks did resume." drops ``not``; "Talks resumed, though no
    date was set." trimmed to "Talks resumed." drops nothing (the negation lies outside the quote),
    nor does leaving out a longer clause (more than :data:`MAX_GAP` words) that holds one.
    """
    st = words(statement)
    out: list[str] = []
    for sentence in cited:
        out.extend(_dropped_in(st, words(sentence)))
    return tuple(dict.fromkeys(out))


def measure(statement: str, cited: Sequence[str]) -> Support:
    """Support score, missing words and dropped negations of ``statement`` against ``cited``."""
    source: set[str] = set()
    for text in cited:
        source.update(words(text))
    missing = tuple(dict.fromkeys(w for w in words(statement) if w not in source))
    return Support(
        score=support(statement, cited),
        missing=missing,
        dropped=dropped_negations(statement, cited),
    )
