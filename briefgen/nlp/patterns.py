"""Gated regular expressions (a pattern tried only when the text holds one of its anchors) and
patterns compiled on first use.

:func:`lazy` is ``re.compile`` deferred: a module's patterns cost nothing until one is used, so a
command pays only for the patterns its input needs (a one-file ``ingest`` imports some 300
patterns and uses a fraction of them).

Most sentences and lines hold none of a vocabulary's words, so a substring test on the lower-cased
text answers for them without running the regex; the answers are the regex's own.
Shared by :mod:`briefgen.nlp.boilerplate`, :mod:`briefgen.ingest.noise` and
:mod:`briefgen.summarize.cues`.
"""

from __future__ import annotations

import re
from typing import Any, cast

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class _Lazy:
    """A pattern compiled when first used. Its first use puts the compiled pattern's methods on
    the instance, so later calls go straight to them (no Python in between)."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        for attribute in ("flags", "groups", "groupindex"):
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r})"


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, compiled on first use (methods and ``pattern``,
    ``flags``, ``groups``, ``groupindex``; not for ``re`` functions or ``isinstance``)."""
    return cast(re.Pattern[str], _Lazy(pattern, flags))


_FOLD = str.maketrans({"ſ": "s", "\u212a": "k", "ı": "i", "İ": "i"})
_FOLDS_ONTO_ASCII = ("ſ", "ı", "İ")
"""The letters other than an ASCII letter's own cases that ``re.IGNORECASE`` matches it with
(``i``: "ı" and "İ"; ``s``: "ſ"; checked over all of Unicode), whose ``lower()`` is not that
ASCII letter (the Kelvin sign lowers to "k" already)."""


def fold(text: str) -> str:
    """``text`` lower-cased as a case-insensitive pattern reads it: the letters that
    ``re.IGNORECASE`` matches with an ASCII letter ("ſ", the Kelvin sign, "ı", "İ"; Python's
    ``re`` documentation) become that letter, so "laſt night" reads as "last night"."""
    return text.lower() if text.isascii() else text.translate(_FOLD).lower()


def gate_text(text: str, low: str) -> str:
    """Where to look for a case-insensitive pattern's lower-case anchors in ``text`` (``low``:
    ``text.lower()``): ``low`` itself, or :func:`fold` of ``text`` when it holds a letter that
    the pattern matches with an ASCII letter but that does not lower to it ("Edİting by",
    "laſt week", "tonıght"). Every match of the pattern then shows its anchors there."""
    if low.isascii():
        return low
    for letter in _FOLDS_ONTO_ASCII:
        if letter in text:
            return fold(text)
    return low


_ESCAPE = re.compile(r"\\.")
_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]")


def _lower_only(pattern: str) -> bool:
    """No upper-case letter outside an escape (``\\W``, ``\\S``...) and no inline flags: on
    lower-cased text the pattern then matches case-sensitively exactly where it matches
    ``re.IGNORECASE`` on the original, as long as the text is ASCII (no "ſ" or Kelvin sign, which
    fold onto ASCII letters)."""
    bare = _ESCAPE.sub("", pattern)
    return bare == bare.lower() and not _INLINE_FLAGS.search(bare)


class Gated:
    """A regex run only when the lower-cased text holds one of its anchors (lower-case literal
    substrings that every match contains): the same answers as the bare regex, faster.

    A case-insensitive pattern written in lower case runs case-sensitively on the lower-cased
    text when that text is ASCII (about three times faster on long lines: the regex engine folds
    case character by character): the same positions match, so the answers are the same."""

    __slots__ = ("_folded", "_ignorecase", "anchors", "pattern")

    def __init__(self, pattern: str, anchors: tuple[str, ...], flags: int = 0) -> None:
        self.pattern = lazy(pattern, flags)
        self.anchors = anchors
        self._ignorecase = bool(flags & re.IGNORECASE)
        folded = self._ignorecase and _lower_only(pattern)
        self._folded = lazy(pattern, flags & ~re.IGNORECASE) if folded else None

    def _gate(self, low: str, text: str | None = None) -> bool:
        # a plain loop: about a third cheaper than any() over a generator, on every line and
        # sentence of every article
        for anchor in self.anchors:
            if anchor in low:
                return True
        if not self._ignorecase or low.isascii():
            return False
        # a case-insensitive pattern also matches "ſ", "ı" and "İ" as ASCII letters, which
        # lower-casing leaves apart ("Edİting by"): look again in the folded text
        where = gate_text(low if text is None else text, low)
        if where is low:
            return False
        for anchor in self.anchors:  # noqa: SIM110
            if anchor in where:
                return True
        return False

    def _runner(self, low: str, text: str | None) -> tuple[re.Pattern[str], str]:
        if self._folded is not None and low.isascii():
            return self._folded, low
        return self.pattern, low if text is None else text

    def search(self, low: str, text: str | None = None) -> bool:
        """Does the pattern occur in ``text`` (default: ``low``)? ``low`` is ``text.lower()``,
        where the anchors are looked up."""
        if not self._gate(low, text):
            return False
        pattern, where = self._runner(low, text)
        return pattern.search(where) is not None

    def count(self, low: str, text: str | None = None) -> int:
        """How many non-overlapping matches ``text`` (default: ``low``) holds."""
        if not self._gate(low, text):
            return 0
        pattern, where = self._runner(low, text)
        return len(pattern.findall(where))
