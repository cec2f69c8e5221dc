"""pysbd's list pass: whether it may change a text (:func:`list_pass_acts`; false means its
``ListItemReplacer.add_line_break`` returns the text unchanged).

pysbd's first pass looks for list items -- lower-case letters ("a.", "(b)"), roman numerals
("iv)") and numbers ("1. ", "2) ") -- and breaks the text into lines before consecutive ones. It
acts only on items that follow one another: for letters and numerals, an item is replaced only
when its neighbour in the list of items found (the one before it, the last for the first, or the
one after it) is the next or previous in pysbd's alphabet; for numbers, only when the item before
or after it is its predecessor or successor (or 0 and 9). So "a.m. and p.m.", "(AP) ... (c)" or
"in 2010. ... 2. " leave the text as it is. :func:`list_pass_acts` answers from pysbd's own
patterns, and only when the cheap scan :func:`may_hold_items` finds something an item could be.
The sentence splitter skips pysbd's pass where it cannot act (``sentences._segmenter``), and the
rule splitter cuts only paragraphs where it does not (``ingest/split_guards.py``).
"""

from __future__ import annotations

import re
from itertools import pairwise

from pysbd.lists_item_replacer import ListItemReplacer as _L

from briefgen.nlp.patterns import lazy

# Both are written mark first (the scan looks for "." or ")" and checks what stands before it),
# which is much faster than trying each position of the paragraph.
_NUMBERED = lazy(
    r"\.(?=[\s)])(?:(?<=[\s⁃-]\d\.)|(?<=[\s⁃-]\d\d\.)|(?<=^\d\.)|(?<=^\d\d\.))|\)(?=\s)(?<=\d\))"
)
"""What ``(?:^|[\\s⁃-])\\d{1,2}\\.[\\s)]|\\d\\)\\s`` finds: a number pysbd may read as a list
item."""
_LETTERED = lazy(
    r"\.(?<=\s[a-z]\.)|\)(?:(?<=[\s(][a-z]\))|(?<=[\s(][ivx]{2}\))|(?<=[\s(][ivx]{3}\))"
    r"|(?<=[\s(][ivx]{4}\))|(?<=[\s(][ivx]{5}\)))"
)
"""With :data:`_LETTERED_START`, what ``(?:^|\\s)[a-z]\\.|(?:^|[\\s(])(?:[a-z]|[ivx]{1,5})\\)``
finds: a lower-case letter or a roman numeral (pysbd's go to "xviii") pysbd may read as a list
item."""
_LETTERED_START = lazy(r"[a-z]\.|[a-z]\)|[ivx]{1,5}\)")
"""The same at the start of the text (matched there only: an alternative anchored with "^" in
``_LETTERED`` would make the scan try every position)."""

_PERIODS = re.compile(_L.ALPHABETICAL_LIST_WITH_PERIODS)
_PARENS = re.compile(_L.ALPHABETICAL_LIST_WITH_PARENS)
_NUMBERS = re.compile(_L.NUMBERED_LIST_REGEX_1)
_NUMBERS_PARENS = re.compile(_L.NUMBERED_LIST_PARENS_REGEX)
_MARKERS = ("♨", "☝")
"""pysbd's own list placeholders: it rewrites them wherever they stand."""


def may_hold_items(text: str) -> bool:
    """Whether the text holds a letter or roman numeral that could be an item ("a.", "(b)",
    "iv)"), or two numbers that could be ("1. ", "2) ") -- a superset of what pysbd's list pass
    acts on, found by two fast scans -- or one of pysbd's list placeholders."""
    if _LETTERED.search(text) or _LETTERED_START.match(text) or "♨" in text or "☝" in text:
        return True
    if "." not in text and ")" not in text:
        return False
    found = _NUMBERED.finditer(text)
    return next(found, None) is not None and next(found, None) is not None


def _letters_act(items: list[str], alphabet: list[str]) -> bool:
    """Whether ``iterate_alphabet_array`` replaces any of ``items`` (all in ``alphabet``): its
    last item when the one before it is a neighbour in the alphabet, any other when the one
    after it is its successor or the one before it (the last, for the first) a neighbour."""
    at = [alphabet.index(item) for item in items]
    last = len(at) - 1
    for i, here in enumerate(at):
        if abs(at[i - 1] - here) == 1 or (i < last and at[i + 1] - here == 1):
            return True
    return False


def _numbers_act(items: list[int]) -> bool:
    """Whether ``scan_lists`` substitutes any of ``items``: one followed by its successor, or
    preceded by its predecessor, or 0 and 9 in a row."""
    return any(b == a + 1 or {a, b} == {0, 9} for a, b in pairwise(items))


def list_pass_acts(text: str) -> bool:
    """Whether pysbd's list pass may change ``text`` (false means it returns it unchanged)."""
    if not may_hold_items(text):
        return False
    if "♨" in text or "☝" in text:  # _MARKERS
        return True
    letters = _PERIODS.findall(text)
    words = _PARENS.findall(text)
    for found in (letters, words):
        if _letters_act([w for w in found if w in _L.LATIN_NUMERALS], _L.LATIN_NUMERALS):
            return True
        if _letters_act([w for w in found if w in _L.ROMAN_NUMERALS], _L.ROMAN_NUMERALS):
            return True
    numbers = [int(n) for n in _NUMBERS.findall(text)]
    parens = [int(n) for n in _NUMBERS_PARENS.findall(text)]
    return _numbers_act(numbers) or _numbers_act(parens)
