"""Bounded look-back and look-ahead around a date phrase, so that reading one sentence costs time
linear in its length however many date phrases it holds.

The date rules ask, per phrase, questions of the text right before it ("is the word before this
year a count?", "which tense marker is the latest in its clause?") with patterns anchored at the
phrase (``pattern.search(sentence, 0, start)`` with a final ``$``). Searched from position 0, each
question costs the whole prefix, and a sentence with many phrases costs their product. Each
question's answer depends only on a few words before the phrase; :class:`Runs` finds where those
words start, and the search starts there instead of at 0.

Exactness: a match that must end at ``end`` and can touch at most ``k`` runs of word characters
(``\\w+``), or at most ``k`` runs of non-space characters (``\\S+``), starts at or after the end of
the ``k+1``-th last such run that starts before ``end`` (it cannot reach into that run). A search
started at a later position sees the same string: Python's ``re`` reads the characters before
``pos`` for ``\\b`` and look-behinds, and ``^`` matches only at the real start of the string. So
``pattern.search(sentence, runs.back(end, k, words), end)`` finds a match exactly when
``pattern.search(sentence, 0, end)`` does. Each pattern's ``k`` is stated where it is searched.
"""

from __future__ import annotations

import bisect
import re

NEAR = 512
"""Within this many characters of the phrase the whole stretch is read as before (cheaper than
finding runs in an ordinary sentence; a bounded cost per phrase either way)."""
_WORD_RUN = re.compile(r"\w+")
_TOKEN = re.compile(r"\S+")


class Runs:
    """The runs of word characters and of non-space characters of one sentence (found on first
    use, once per sentence)."""

    def __init__(self, sentence: str) -> None:
        self.sentence = sentence
        self._words: tuple[list[int], list[int]] | None = None
        self._tokens: tuple[list[int], list[int]] | None = None

    @property
    def words(self) -> tuple[list[int], list[int]]:
        """Starts and ends of the ``\\w+`` runs, in text order."""
        if self._words is None:
            self._words = _spans(_WORD_RUN, self.sentence)
        return self._words

    @property
    def tokens(self) -> tuple[list[int], list[int]]:
        """Starts and ends of the ``\\S+`` runs (the words of ``str.split()``), in text order."""
        if self._tokens is None:
            self._tokens = _spans(_TOKEN, self.sentence)
        return self._tokens

    def back(self, end: int, k: int, words: bool) -> int:
        """The earliest position a match ending at or before ``end`` can start at when it touches
        at most ``k`` word runs (``words``) or ``k`` non-space runs: the end of the ``k+1``-th
        last run that starts before ``end``, or 0."""
        starts, ends = self.words if words else self.tokens
        i = bisect.bisect_left(starts, end)  # runs 0 .. i-1 start before ``end``
        return 0 if i <= k else ends[i - k - 1]

    def ahead(self, start: int, k: int) -> int:
        """The end of the ``k``-th non-space run that ends after ``start`` (counting a run cut
        by ``start`` as the first), or the sentence's length when there are fewer (or when the
        sentence ends within :data:`NEAR` characters)."""
        if len(self.sentence) - start <= NEAR:
            return len(self.sentence)
        ends = self.tokens[1]
        i = bisect.bisect_right(ends, start) + k - 1
        return ends[i] if i < len(ends) else len(self.sentence)


def search_back(pattern: re.Pattern[str], runs: Runs, end: int, k: int, words: bool) -> bool:
    """Whether ``pattern.search(runs.sentence, 0, end)`` finds a match, for a pattern whose
    matches end at ``end`` (a final ``$``) and touch at most ``k`` word runs (``words``) or ``k``
    non-space runs."""
    lo = 0 if end <= NEAR else runs.back(end, k, words)
    return pattern.search(runs.sentence, lo, end) is not None


def _spans(pattern: re.Pattern[str], text: str) -> tuple[list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    for m in pattern.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    return starts, ends
