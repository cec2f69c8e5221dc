"""Cheap necessary conditions for regular expressions: skip a scan that cannot match.

:func:`gate` reads a pattern's syntax tree and returns the character classes every match must
contain (each class at least once, somewhere in the string), or ``None`` when it cannot tell.
``gate(p)(text)`` false means ``re.search(p, text)`` is ``None``, so a substitution, a ``findall``
or a ``search`` of ``p`` on ``text`` can be answered without scanning: the text is returned as it
is, or nothing is found. A text that passes the gate is scanned as usual, so results are always
the pattern's own.

The classes come from what a match cannot avoid: a literal character, a character set (ranges,
``\\d``, ``\\s``, ``\\w``), a group or a repeat of at least one, a positive lookahead or lookbehind
(the characters it looks at are in the string too); for alternatives, the union over the
branches. Anything else (``.``, a negated set, an optional part, a back reference) requires
nothing. Under ``IGNORECASE`` a cased character requires nothing either (case folding maps more
characters to a letter than ``str.lower`` shows). pysbd runs ~150 substitutions per paragraph,
most of which find nothing (placeholders such as "∯" that only earlier rules insert, list
markers, parentheses); its sentence splitting on real news text halves with these gates.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

_COMMON = frozenset(" .,'-abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
"""Characters nearly every paragraph holds: a class of them is a poor gate."""
_CATEGORY = {
    C.CATEGORY_DIGIT: r"\d",
    C.CATEGORY_SPACE: r"\s",
    C.CATEGORY_WORD: r"\w",
}
_CATEGORY_COST = {C.CATEGORY_DIGIT: 20, C.CATEGORY_SPACE: 1000, C.CATEGORY_WORD: 1000}

_Class = tuple[frozenset[str], frozenset[Any]]
"""What a match must contain one of: literal strings (single characters, or runs of consecutive
literal characters) and categories (``\\d``, ``\\s``, ``\\w``)."""


def _cost(cls: _Class) -> int:
    texts, cats = cls
    return sum(50 if t in _COMMON else 1 for t in texts) + sum(_CATEGORY_COST[c] for c in cats)


def _item(op: Any, av: Any, icase: bool) -> list[_Class]:
    """The classes a match of one parsed item must contain (a conjunction; empty: nothing)."""
    if op is C.IN:
        return _charset(av, icase)
    if op is C.SUBPATTERN:
        _group, add, _del, sub = av
        return _seq(sub, icase or bool(add & re.IGNORECASE))
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _high, sub = av
        return _seq(sub, icase) if low >= 1 else []
    if op is C.ATOMIC_GROUP:
        return _seq(av, icase)
    if op is C.ASSERT:
        _direction, sub = av
        return _seq(sub, icase)
    if op is C.BRANCH:
        _, alternatives = av
        return _branch([_seq(alt, icase) for alt in alternatives])
    return []


def _charset(items: list[tuple[Any, Any]], icase: bool) -> list[_Class]:
    chars: set[str] = set()
    cats: set[Any] = set()
    for op, av in items:
        if op is C.LITERAL:
            chars.add(chr(av))
        elif op is C.RANGE and av[1] - av[0] < 256:
            chars.update(chr(i) for i in range(av[0], av[1] + 1))
        elif op is C.CATEGORY and av in _CATEGORY:
            cats.add(av)
        else:  # a negation, a wide range, \D, \S, \W ...
            return []
    if icase and any(c.lower() != c.upper() or c.isalpha() for c in chars):
        return []
    return [(frozenset(chars), frozenset(cats))]


def _literal(op: Any, av: Any, icase: bool) -> str | None:
    """The character of a literal item that is matched as it is (not folded), else ``None``."""
    if op is not C.LITERAL:
        return None
    c = chr(av)
    return None if icase and (c.lower() != c.upper() or c.isalpha()) else c


def _seq(items: Any, icase: bool) -> list[_Class]:
    """A sequence: what each item needs; consecutive literal characters make one string."""
    out: list[_Class] = []
    run = ""
    for op, av in [*items, (None, None)]:
        c = _literal(op, av, icase)
        if c is not None:
            run += c
            continue
        needs: list[_Class] = [(frozenset([run]), frozenset())] if run else []
        run = ""
        if op is not None:
            needs += _item(op, av, icase)
        for cls in needs:
            if cls not in out:
                out.append(cls)
    return out


def _branch(alternatives: list[list[_Class]]) -> list[_Class]:
    """Alternatives: the union of each one's cheapest class, plus any class all of them need."""
    if not alternatives or any(not alt for alt in alternatives):
        return []
    best = [min(alt, key=_cost) for alt in alternatives]
    union: _Class = (
        frozenset().union(*(c for c, _ in best)),
        frozenset().union(*(k for _, k in best)),
    )
    shared = [cls for cls in alternatives[0] if all(cls in alt for alt in alternatives[1:])]
    return [union, *(cls for cls in shared if cls != union)]


def _test(cls: _Class) -> Callable[[str], bool]:
    texts, cats = cls
    if not cats and len(texts) == 1:
        (t,) = texts
        return lambda text: t in text
    if not cats and all(len(t) == 1 for t in texts):
        body = "".join(re.escape(c) for c in sorted(texts))
        search = re.compile(f"[{body}]").search
    else:
        parts = [re.escape(t) for t in sorted(texts)] + [_CATEGORY[k] for k in cats]
        search = re.compile("|".join(parts)).search
    return lambda text: search(text) is not None


def _useful(cls: _Class) -> bool:
    """Worth testing: one string (a substring test), or a class of rare characters (a class
    holding a space, a letter, "." or a category passes on nearly every text, and its regex
    search would cost more than it saves)."""
    texts, cats = cls
    return (len(texts) == 1 and not cats) or _cost(cls) < 100


def _always(text: str) -> bool:
    return True


@lru_cache(maxsize=4096)
def gate(pattern: str, flags: int = 0) -> Callable[[str], bool]:
    """A test that is false only for texts in which ``pattern`` (with ``flags``) cannot match:
    the cheapest two of the classes every match must contain."""
    parsed = P.parse(pattern, flags)
    icase = bool((parsed.state.flags | flags) & re.IGNORECASE)
    classes = sorted((c for c in _seq(parsed.data, icase) if _useful(c)), key=_cost)
    if not classes:
        return _always
    first = _test(classes[0])
    if len(classes) == 1:
        return first
    second = _test(classes[1])
    return lambda text: first(text) and second(text)
