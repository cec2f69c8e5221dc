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

    __slots__ = ("_folded", "anchors", "pattern")

    def __init__(self, pattern: str, anchors: tuple[str, ...], flags: int = 0) -> None:
        self.pattern = lazy(pattern, flags)
        self.anchors = anchors
        folded = flags & re.IGNORECASE and _lower_only(pattern)
        self._folded = lazy(pattern, flags & ~re.IGNORECASE) if folded else None

    def _gate(self, low: str) -> bool:
        # a plain loop: about a third cheaper than any() over a generator, on every line and
        # sentence of every article
        for anchor in self.anchors:  # noqa: SIM110
            if anchor in low:
                return True
        return False

    def _runner(self, low: str, text: str | None) -> tuple[re.Pattern[str], str]:
        if self._folded is not None and low.isascii():
            return self._folded, low
        return self.pattern, low if text is None else text

    def search(self, low: str, text: str | None = None) -> bool:
        """Does the pattern occur in ``text`` (default: ``low``)? ``low`` is ``text.lower()``,
        where the anchors are looked up."""
        if not self._gate(low):
            return False
        pattern, where = self._runner(low, text)
        return pattern.search(where) is not None

    def count(self, low: str, text: str | None = None) -> int:
        """How many non-overlapping matches ``text`` (default: ``low``) holds."""
        if not self._gate(low):
            return 0
        pattern, where = self._runner(low, text)
        return len(pattern.findall(where))
