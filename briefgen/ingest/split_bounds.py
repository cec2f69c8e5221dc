"""Bounds on pysbd's work for one source, and the likely boundaries that split what lies past them.

pysbd's time grows faster than the length of what it reads (a 16,000-character paragraph takes
over a second, a 200,000-character one minutes). So it never reads more than ``PYSBD_PIECE_MAX``
characters at once, and each source may hand it at most ``PYSBD_BUDGET`` characters in all
(:class:`Budget`, charged with exactly what pysbd reads). Text past those bounds is cut at likely
boundaries (:func:`rough`: a terminal mark, a space and a capital, not after an abbreviation or
an initial), which are found in time linear in the length of the text, and read in groups of
about ``PYSBD_CHUNK`` characters (:func:`chunks`). Ordinary articles stay far below both bounds.
"""

from __future__ import annotations

from collections.abc import Iterator

import msgspec
from pysbd.lang.english import English

from briefgen.nlp.patterns import lazy

PYSBD_PIECE_MAX = 5_000
"""Longest text handed to pysbd, or to the rule splitter, in one call (characters)."""

PYSBD_CHUNK = 2_000
"""Size of the groups a longer text is read in (pysbd reads them at its linear speed)."""

PYSBD_BUDGET = 100_000
"""Most characters one source hands pysbd in all (about two seconds of its time); the rest is cut
by :func:`rough` alone. The 88 development pages hand it at most 45,000."""

ABBREVIATIONS = frozenset(English.Abbreviation.ABBREVIATIONS) | {"me", "us"}
"""pysbd's abbreviations, and two pronouns that are also in its list upper-cased."""

# A likely boundary for long text: a terminal mark, closing quotes or brackets, spaces, then an
# opening quote or bracket and a capital or digit. Every try starts at a mark, so it is linear.
_ROUGH = lazy(r"[.!?…][\"'”’)\]]*(\s+)(?=[\"'“‘(\[]?[A-Z0-9])")


class Budget(msgspec.Struct):
    """Characters pysbd may still read for one source."""

    left: int = PYSBD_BUDGET

    def take(self, size: int) -> bool:
        """Spend ``size`` characters if that many are left."""
        if size > self.left:
            return False
        self.left -= size
        return True


def rough(piece: str) -> list[str]:
    """``piece`` cut at every likely boundary (:data:`_ROUGH`) whose last word is not an
    abbreviation (pysbd's list), an initial or an initialism with inner dots."""
    out: list[str] = []
    start = 0
    for m in _ROUGH.finditer(piece):
        mark = m.start()
        space = piece.rfind(" ", start, mark)
        word = piece[space + 1 if space >= 0 else start : mark].lstrip("\"'“‘([")
        if len(word) < 2 or "." in word or word.lower() in ABBREVIATIONS:
            continue
        out.append(piece[start : m.start(1)])
        start = m.end(1)
    out.append(piece[start:])
    return [s for s in out if s]


def chunks(sentences: list[str]) -> Iterator[list[str]]:
    """Consecutive sentences grouped so that each group, joined by spaces, stays within
    ``PYSBD_CHUNK`` (a longer sentence is a group of its own)."""
    group: list[str] = []
    size = 0
    for sentence in sentences:
        if group and size + 1 + len(sentence) > PYSBD_CHUNK:
            yield group
            group, size = [], 0
        size += len(sentence) + (1 if group else 0)
        group.append(sentence)
    if group:
        yield group
