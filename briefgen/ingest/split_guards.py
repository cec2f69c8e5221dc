"""What pysbd decides over a whole text: the rule splitter cuts only texts where it cannot matter.

Its list pass (:func:`briefgen.nlp.pysbd_lists.list_pass_acts`) and its reading of a backslash
as an escape inside quotations and brackets (:func:`escape_free`).

pysbd's first pass (``ListItemReplacer.add_line_break``) breaks the text into lines before
consecutive list items (:mod:`briefgen.nlp.pysbd_lists` says where it may act). Those line breaks
change where its later rules see a line start and how quotes and dashes pair, so a paragraph
whose list pass acts goes to pysbd whole; "a.m. and p.m.", "(AP) ... (c)" or "in 2010. ... 2. "
leave the text as it is, and are cut like any other paragraph.
"""

from __future__ import annotations

from briefgen.nlp.patterns import lazy

_OPENERS = {"(": 0, "[": 1, "«": 2, "“": 3}
_CLOSERS = {")": 0, "]": 1, "»": 2, "”": 3}
_ESCAPE_OR_BRACKET = lazy(r"[\\()\[\]«»“”]")


def escape_free(paragraph: str) -> bool:
    """Whether no backslash stands between an opening quote or bracket and the next closing one.
    pysbd's patterns for quotations and brackets (``BETWEEN_PARENS_REGEX_2`` ...) read a
    backslash as an escape, and a span holding one is not protected; a backslash elsewhere
    changes nothing. One pass: a backslash is inside such a span when the last opener of a
    kind before it comes after the last closer of that kind. (Straight double quotes are
    checked by ``split._curly``.)"""
    if "\\" not in paragraph:
        return True
    opened = [-1, -1, -1, -1]
    closed = [-1, -1, -1, -1]
    for m in _ESCAPE_OR_BRACKET.finditer(paragraph):
        char, at = m.group(), m.start()
        if char in _OPENERS:
            opened[_OPENERS[char]] = at
        elif char in _CLOSERS:
            closed[_CLOSERS[char]] = at
        elif any(o > c for o, c in zip(opened, closed, strict=True)):
            return False
    return True
