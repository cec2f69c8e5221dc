"""The spans pysbd protects that the rule splitter must not cut inside: its single-quoted spans
(straight and slanted) and its pairs of "--"; and two linear helpers over spans (whether a
position lies inside one, which spans lie in which piece).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator
from itertools import accumulate

from briefgen.nlp.patterns import lazy

_SPACE_QUOTE = lazy(r"'(?<=\s')|‘(?<=\s‘)")
"""``\\s['‘]``."""
_SINGLE_SPAN = lazy(r"'(?<=\s')(?:[^']|'[a-zA-Z])*'")
"""pysbd's ``(?<=\\s)'(?:[^']|'[a-zA-Z])*'``, literal first."""
_SINGLE_WORD = lazy(r"'(?<=\s')(?:[^']|'[a-zA-Z])*'\S")
_SINGLE_BEFORE_SPACE = lazy(r"'\s")
_SLANTED_SPAN = lazy(r"‘(?<=\s‘)(?:[^’]|’[a-zA-Z])*’")


def single_spans(text: str) -> list[tuple[int, int]] | None:
    """The single-quoted spans pysbd protects in ``text`` (its ``BETWEEN_SINGLE_QUOTES_REGEX``
    and the slanted one), or ``None`` when that is not certain. A straight span runs from a
    quote after a space to the next quote not followed by a letter ("Obama 's plan. The men's
    ..." is one span), so it may cover boundaries; pysbd skips straight ones when a word has a
    leading apostrophe and no single quote stands before a space, judged on the text with the
    "ȸ" it appends when the text does not end in a terminal mark -- which depends on what its
    earlier rules made of the last character, so both readings must agree."""
    spans: list[tuple[int, int]] = []
    if "'" in text and _SPACE_QUOTE.search(text):
        found = [m.span() for m in _SINGLE_SPAN.finditer(text)]
        if not _SINGLE_BEFORE_SPACE.search(text):
            plain = _SINGLE_WORD.search(text) is not None
            marked = plain or _SINGLE_WORD.search(text + "ȸ") is not None
            if plain != marked:
                return None
            found = [] if plain else found
        spans += found
    if "‘" in text:
        spans += [m.span() for m in _SLANTED_SPAN.finditer(text)]
    return spans


_DASH_SPAN = lazy(r"--(?=(?P<tmp>[^--]*))(?P=tmp)--")
"""pysbd's ``BETWEEN_EM_DASHES_REGEX_2``: punctuation between two "--" is not a boundary."""


def dash_spans(paragraph: str) -> list[tuple[int, int]]:
    """The spans pysbd protects between pairs of "--" (none without "--")."""
    if "--" not in paragraph:
        return []
    return [m.span() for m in _DASH_SPAN.finditer(paragraph)]


def covering(spans: list[tuple[int, int]]) -> Callable[[int], bool]:
    """Whether a position lies strictly inside one of ``spans`` (which may overlap): the
    farthest end among the spans starting before it lies past it. A binary search, so a
    paragraph of many spans and boundaries costs their number times its logarithm."""
    ordered = sorted(spans)
    starts = [a for a, _ in ordered]
    reach = list(accumulate((b for _, b in ordered), max))

    def covered(pos: int) -> bool:
        before = bisect_left(starts, pos)
        return before > 0 and reach[before - 1] > pos

    return covered


def spans_by_piece(
    spans: Iterator[tuple[int, int]], starts: list[int], ends: list[int]
) -> list[list[tuple[int, int]]]:
    """For each piece ``[start, end)`` (in order, not overlapping), the ``spans`` (sorted) that
    lie within it, shifted to the piece's start. One pass over both: each span is read once,
    so a paragraph of many pieces and spans costs their number, not its product."""
    out: list[list[tuple[int, int]]] = [[] for _ in starts]
    piece = 0
    for a, b in spans:
        while piece < len(starts) and ends[piece] <= a:
            piece += 1
        if piece == len(starts):
            break
        if starts[piece] <= a and b <= ends[piece]:
            out[piece].append((a - starts[piece], b - starts[piece]))
    return out
