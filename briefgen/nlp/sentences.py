"""Sentence splitting (pysbd), run once at ingest: the stored body keeps one sentence a line.

Because the article file stores the split, sentence numbers (``<id>#s<n>``) never change when the
splitter or its version changes.
"""

from __future__ import annotations

import importlib
import re
import types
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import pysbd
from pysbd.lang.english import English
from pysbd.lists_item_replacer import ListItemReplacer
from pysbd.processor import Processor
from pysbd.utils import Text, TextSpan

from briefgen.nlp.patterns import lazy
from briefgen.nlp.pysbd_lists import list_pass_acts
from briefgen.nlp.pysbd_rules import FASTER, NEEDS, SAFER, literal_first
from briefgen.nlp.regate import gate

# pysbd builds a pattern per abbreviation and per rule with the module-level ``re`` functions, so
# a paragraph needs more distinct patterns than ``re``'s cache holds (512) and every call
# recompiles them (about 31,000 compilations on 1,000 news pages). Each pysbd module that does
# so gets this ``re`` instead: the same functions over patterns compiled once and kept.
_PYSBD_MODULES = (
    "abbreviation_replacer",
    "between_punctuation",
    "exclamation_words",
    "lists_item_replacer",
    "processor",
    "punctuation_replacer",
    "utils",
)


@lru_cache(maxsize=16384)
def _compiled(pattern: str, flags: int) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def _pattern(pattern: Any, flags: int) -> Any:
    return pattern if isinstance(pattern, re.Pattern) else _compiled(pattern, flags)


@lru_cache(maxsize=16384)
def _gated(pattern: Any, flags: int) -> tuple[re.Pattern[str], Callable[[str], bool]]:
    """The compiled pattern and a test that is false only when it cannot match: its literal-first
    form (:func:`~briefgen.nlp.pysbd_rules.literal_first`) and whether the text holds a ".";
    or the pattern and :data:`~briefgen.nlp.pysbd_rules.NEEDS`'s test for it; else its
    :func:`~briefgen.nlp.regate.gate`."""
    if isinstance(pattern, re.Pattern):
        pattern, flags = pattern.pattern, pattern.flags
    faster = FASTER.get(pattern) or literal_first(pattern)
    if faster is not None:  # scanning for its "." first is as fast as any gate
        return _compiled(faster, flags), _has_period
    safer = SAFER.get(pattern)
    if safer is not None:  # the linear form, gated as the pattern it stands for
        return _compiled(safer, flags), gate(pattern, flags)
    need = NEEDS.get(pattern)
    if need is None or flags & ~(re.UNICODE | re.IGNORECASE):
        return _compiled(pattern, flags), gate(pattern, flags)
    # a need is built piece by piece from the pattern's, so it holds under case folding too
    return _compiled(pattern, flags), _needs(_compiled(need.pattern, flags))


def _has_period(text: str) -> bool:
    return "." in text


def _needs(need: re.Pattern[str]) -> Callable[[str], bool]:
    search = need.search
    return lambda text: search(text) is not None


class _CachedRe(types.ModuleType):
    """``re``, with ``search``/``sub``/``findall``/... compiling each pattern once, and
    ``sub``/``findall``/``search``/``finditer`` answered without a scan when the pattern's gate
    shows the text cannot hold a match (:mod:`briefgen.nlp.regate`)."""

    def __getattr__(self, name: str) -> Any:
        return getattr(re, name)

    @staticmethod
    def sub(pattern: Any, repl: Any, string: str, count: int = 0, flags: int = 0) -> str:
        compiled, can_match = _gated(pattern, flags)
        if not can_match(string):
            return string if type(string) is str else str(string)  # re.sub returns a str
        return compiled.sub(repl, string, count)

    @staticmethod
    def findall(pattern: Any, string: str, flags: int = 0) -> list[Any]:
        compiled, can_match = _gated(pattern, flags)
        return compiled.findall(string) if can_match(string) else []

    @staticmethod
    def search(pattern: Any, string: str, flags: int = 0) -> re.Match[str] | None:
        compiled, can_match = _gated(pattern, flags)
        return compiled.search(string) if can_match(string) else None

    @staticmethod
    def match(pattern: Any, string: str, flags: int = 0) -> re.Match[str] | None:
        return _pattern(pattern, flags).match(string)  # type: ignore[no-any-return]

    @staticmethod
    def split(pattern: Any, string: str, maxsplit: int = 0, flags: int = 0) -> list[Any]:
        return _pattern(pattern, flags).split(string, maxsplit)  # type: ignore[no-any-return]

    @staticmethod
    def finditer(pattern: Any, string: str, flags: int = 0) -> Any:
        compiled, can_match = _gated(pattern, flags)
        return compiled.finditer(string) if can_match(string) else iter(())


_SPACES = lazy(r"\s*")
_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f")
"""The characters other than ASCII letters that ``re.IGNORECASE`` matches to an ASCII letter but
``str.lower`` does not lower to it ("İ", "ı", "ſ"; ``tests/test_scale.py`` checks the list)."""
_ABBREVIATIONS = tuple(
    (abbr, abbr.strip(), abbr.strip().isalnum() and abbr.strip().isascii())
    for abbr in English.Abbreviation.ABBREVIATIONS
)
_PLAIN = {stripped: n for n, (_, stripped, plain) in enumerate(_ABBREVIATIONS) if plain}
"""The abbreviations of ASCII letters and digits, each with its place in pysbd's list."""
_LONGEST_PLAIN = max(map(len, _PLAIN))
_OTHER = tuple((n, stripped) for n, (_, stripped, plain) in enumerate(_ABBREVIATIONS) if not plain)


def _abbreviations_before_periods(lowered: str) -> list[str]:
    """The abbreviations (pysbd's order) that pysbd's loop below must look at in ``lowered``: an
    abbreviation of letters and digits only where it stands right before a ".", another wherever
    it occurs. The strings right before each "." are collected once, so the test costs the
    number of periods, not the length of pysbd's list."""
    before: set[str] = set()
    at = lowered.find(".")
    while at >= 0:
        before.update(lowered[at - k : at] for k in range(1, min(at, _LONGEST_PLAIN) + 1))
        at = lowered.find(".", at + 1)
    found = [(_PLAIN[s], s) for s in before if s in _PLAIN]
    found += [(n, s) for n, s in _OTHER if s in lowered]
    return [s for _, s in sorted(found)]


class _AbbreviationReplacer(English.AbbreviationReplacer):  # type: ignore[misc]
    """pysbd's English abbreviation pass, skipping the abbreviations it would not change.

    For each abbreviation the text holds, pysbd runs two ``findall`` scans and one substitution
    per occurrence; every substitution replaces a "." right after the abbreviation. So an
    abbreviation of letters and digits that the lower-cased text never shows followed by "." is
    left alone here without those scans (the text only loses periods as it goes, so the check on
    the text as it came stays true). A line holding a character that ``re.IGNORECASE`` folds to
    an ASCII letter otherwise than ``str.lower`` does goes through pysbd's own loop."""

    def search_for_abbreviations_in_string(self, text: str) -> str:
        if not _FOLDS_TO_ASCII.isdisjoint(text):
            return super().search_for_abbreviations_in_string(text)  # type: ignore[no-any-return]
        lowered = text.lower()
        if "." not in lowered:
            return text
        for stripped in _abbreviations_before_periods(lowered):
            found = _compiled(rf"(?:^|\s|\r|\n){stripped}", re.IGNORECASE)
            abbrev_match = found.findall(text)
            if not abbrev_match:
                continue
            char_array = _compiled(r"(?<={" + re.escape(stripped) + "} ).{1}", 0).findall(text)
            for ind, match in enumerate(abbrev_match):
                text = self.scan_for_replacements(text, match, ind, char_array)
        return text


class _ListItemReplacer(ListItemReplacer):  # type: ignore[misc]
    """pysbd's list pass, skipped where it cannot change the text: its eight scans and their
    bookkeeping run on every text pysbd splits, and nearly every one holds no two list items in
    a row (:func:`~briefgen.nlp.pysbd_lists.list_pass_acts`, checked against this pass)."""

    def add_line_break(self) -> str:
        if not list_pass_acts(self.text):
            return self.text  # type: ignore[no-any-return]
        return super().add_line_break()  # type: ignore[no-any-return]


class _Processor(Processor):  # type: ignore[misc]
    def abbreviations_replacer(self) -> _AbbreviationReplacer:
        return _AbbreviationReplacer(self.text, self.lang)


class _Segmenter(pysbd.Segmenter):  # type: ignore[misc]
    """pysbd's segmenter, locating each sentence in the text with ``str.find``.

    pysbd finds each sentence by compiling ``re.escape(sentence) + "\\s*"`` and scanning the
    text with it: a new pattern per sentence (every one different, so no cache helps), which
    was most of ingest's time on real news text. The literal search below finds the same
    matches: the leftmost occurrence at or after the position, the whitespace run after it
    (``\\s`` is ``str.isspace``), the next search starting at the end of the last match."""

    def processor(self, text: str) -> _Processor:
        return _Processor(text, self.language_module, char_span=self.char_span)

    def sentences_with_char_spans(self, sentences: list[str]) -> list[Any]:
        text: str = self.original_text
        spans: list[Any] = []
        prior_end = 0
        for sent in sentences:
            if not sent:  # pysbd's pattern is then "\\s*", which matches everywhere
                for m in _SPACES.finditer(text):
                    if m.end() > prior_end:
                        spans.append(TextSpan(m.group(), m.start(), m.end()))
                        prior_end = m.end()
                        break
                continue
            pos = 0
            while (start := text.find(sent, pos)) >= 0:
                end = start + len(sent)
                while end < len(text) and text[end].isspace():
                    end += 1
                if end > prior_end:
                    spans.append(TextSpan(text[start:end], start, end))
                    prior_end = end
                    break
                pos = end
        return spans


_RULES: dict[str, tuple[Callable[..., str], Callable[[str], bool]]] = {}
"""Each rule pattern's bound ``sub`` and gate."""


def _apply(self: str, *rules: Any) -> str:
    """pysbd's ``Text.apply`` (each rule's substitution in turn) with each rule's pattern compiled
    once and skipped when its gate shows it cannot match; returns what pysbd's returns."""
    if not rules:
        return self
    text = self
    for rule in rules:
        entry = _RULES.get(rule.pattern)
        if entry is None:
            compiled, can_match = _gated(rule.pattern, 0)
            entry = _RULES[rule.pattern] = (compiled.sub, can_match)
        sub, can_match = entry
        if can_match(text):
            text = sub(rule.replacement, text)
    return text if type(text) is str else str(text)  # re.sub returns a str


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    cached = _CachedRe("re")
    for name in _PYSBD_MODULES:
        module = importlib.import_module(f"pysbd.{name}")
        if getattr(module, "re", None) is re:
            module.re = cached  # type: ignore[attr-defined]
    Text.apply = _apply
    processor = importlib.import_module("pysbd.processor")
    processor.ListItemReplacer = _ListItemReplacer  # type: ignore[attr-defined]
    return _Segmenter(language="en", clean=False)


def normalize(text: str) -> str:
    """NFC-normalize and collapse runs of whitespace to one space (curly quotes and dashes kept).

    ``str.split()`` splits on exactly the characters ``\\s`` matches (``str.isspace``), so joining
    its pieces is the same as collapsing whitespace runs with a regex and stripping, only faster.
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


_CLOCK_END = lazy(r"\b\d{1,2}(?:[:.]\d{2})?\s*[ap]\.m\.$", re.IGNORECASE)
_GOES_ON = lazy(
    r"^(?:(?:Eastern|Central|Mountain|Pacific|Atlantic|Alaska|Hawaii|Greenwich|British|Central"
    r"\s+European|Universal|Coordinated|local|Moscow|Indian|Israel|Japan|Korea|China|Arabia)"
    r"(?:\s+(?:Standard|Daylight|Summer|Mean))?\s+[Tt]ime\b|[A-Z]{1,4}T\b|GMT\b|UTC\b"
    r"|(?:on|in|at|local|today|tomorrow|yesterday|and|or|to|until|when|after|before)\b|[a-z])"
)
"""How a sentence goes on after a clock time: a time zone ("Eastern Time", "EST", "GMT"), a
preposition or a lower-case word ("12:01 a.m. on March 1")."""


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into trimmed, non-empty sentences. A split right after a clock time
    ("12:01 a.m.") is undone when the next part goes on with a time zone or a lower-case word."""
    text = normalize(paragraph)
    if not text:
        return []
    parts = [s for s in (normalize(p) for p in _segmenter().segment(text)) if s]
    out: list[str] = []
    for part in parts:
        if out and _CLOCK_END.search(out[-1]) and _GOES_ON.match(part):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out
