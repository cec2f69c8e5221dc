"""Faster forms of pysbd's costliest patterns, and sharper tests for when they cannot match.

pysbd runs about 150 regular expressions over every text it splits; most find nothing, and
:mod:`briefgen.nlp.regate` already skips those whose required characters are absent. The
patterns below pass that gate on nearly every news sentence (they need only a ".", a space or
a letter), so they are the bulk of what remains of pysbd's time on short texts.

- :data:`FASTER`: the same pattern written with its literal first (``(?<=\\s)\\.`` becomes
  ``\\.(?<=\\s\\.)``). A lookbehind of fixed width followed by one literal character matches
  exactly where the literal followed by a lookbehind over both matches, with the same span and
  groups, so every ``sub``/``findall`` gives the same result; but the engine now looks for the
  literal with a fast scan instead of trying the lookbehind at every position.
  :func:`literal_first` rewrites every pattern of that shape pysbd builds (its per-abbreviation
  patterns too), and the rewritten pattern is gated only by the text holding a ".".
- :data:`NEEDS`: a pattern every match of the pysbd pattern implies (a necessary condition),
  searched instead of the generic gate. When it finds nothing, pysbd's pattern finds nothing,
  and the substitution or ``findall`` is answered without a scan; otherwise pysbd's own pattern
  runs. Each is written literal first for the same reason.

``tests/test_split_pysbd_rules.py`` checks that every key is one of pysbd's patterns, that every
faster form finds the same matches, that no text matched by a pattern fails its need, and that
the segmenter splits as a stock pysbd in a fresh interpreter.
"""

from __future__ import annotations

import re

from pysbd.lang.english import English
from pysbd.lists_item_replacer import ListItemReplacer

_E = English
_LOOKBEHIND_FIRST = re.compile(r"\(\?<=([^()]*)\)\\\.(?![{*+?])")
"""A pattern opening with a fixed-width lookbehind and one literal "." (not repeated)."""


def literal_first(pattern: str) -> str | None:
    """``(?<=X)\\.rest`` written as ``\\.(?<=X\\.)rest`` (the same matches, spans and groups:
    ``X`` holds no group), or ``None`` for a pattern of another shape."""
    m = _LOOKBEHIND_FIRST.match(pattern)
    return None if m is None else rf"\.(?<={m.group(1)}\.)" + pattern[m.end() :]


FASTER: dict[str, str] = {
    rule.pattern: literal_first(rule.pattern) or rule.pattern
    for rule in (
        _E.FileFormatRule,  # a "." after a space before a file extension
        _E.SingleLetterAbbreviationRules.SingleUpperCaseLetterRule,
        _E.SingleLetterAbbreviationRules.SingleUpperCaseLetterAtStartOfLineRule,
        _E.Numbers.NumberAfterPeriodBeforeLetterRule,
        _E.Numbers.StartLineNumberPeriodRule,
        _E.Numbers.StartLineTwoDigitNumberPeriodRule,
    )
}
"""The pysbd rules of that shape that run on every text, with their literal-first forms (every
other pattern of that shape, such as the abbreviation pass's ``(?<=\\sGen)\\.(?=...)``, is
rewritten alike when it is first used)."""

NEEDS: dict[str, re.Pattern[str]] = {
    pattern: re.compile(need)
    for pattern, need in (
        # a lower-case letter after a space or the start, before a "."
        (ListItemReplacer.ALPHABETICAL_LIST_WITH_PERIODS, r"\.(?:(?<=\s[a-z]\.)|(?<=^[a-z]\.))"),
        # lower-case letters before a ")"
        (ListItemReplacer.ALPHABETICAL_LIST_WITH_PARENS, r"\)(?<=[a-z]\))"),
        # one or two digits after a space, "-", "⁃" or the start, before "." and a space or ")"
        (
            ListItemReplacer.NUMBERED_LIST_REGEX_1,
            r"\.(?=[\s)])(?:(?<=[\s⁃-]\d\.)|(?<=[\s⁃-]\d\d\.)|(?<=^\d\.)|(?<=^\d\d\.))",
        ),
        # a digit before ")" and a space
        (ListItemReplacer.NUMBERED_LIST_PARENS_REGEX, r"\)(?=\s)(?<=\d\))"),
        # "e.g.", "a.m.": ".", a letter, "."
        (_E.MULTI_PERIOD_ABBREVIATION_REGEX, r"\.[a-z]\."),
        # spaced and consecutive periods
        (_E.EllipsisRules.FourSpaceRule.pattern, r"\.\s\.\s\.\s\."),
        (_E.EllipsisRules.ThreeSpaceRule.pattern, r"\.\s\.\s\.\s"),
        (_E.EllipsisRules.FourConsecutiveRule.pattern, r"\.\.\.\.\s"),
        # a "." before a letter, digit or "_" (a "." between two of them)
        (_E.Abbreviation.WithMultiplePeriodsAndEmailRule.pattern, r"\.[a-zA-Z0-9_]"),
        # "." or "∯" before a digit or "["
        (_E.NUMBERED_REFERENCE_REGEX, r"[.∯][\[\d]"),
    )
}
"""pysbd pattern -> a pattern that finds something in every text the pysbd pattern matches."""

SAFER: dict[str, str] = {
    # pysbd's numbered reference ("text.[12, 14] Next"): its "(\d{1,3},?\s?-?\s?)*" splits a
    # run of digits into pieces of one to three in exponentially many ways, so a "." and "["
    # before ~30 digits and no "]" took seconds (40 digits: minutes). Here a run of digits is
    # one piece (possessive) and its separator atomic: the same texts match, with the same
    # spans and the groups pysbd's replacement uses (2 and 7); group 4, the last piece, which
    # pysbd never reads, now holds the whole last run of digits. Linear in the text.
    _E.NUMBERED_REFERENCE_REGEX: (
        r"(?<=[^\d\s])(\.|∯)((\[(\d++(?>,?\s?-?\s?))*\b\d{1,3}\])+|((\d{1,3}\s?)?\d{1,3}))"
        r"(\s)(?=[A-Z])"
    ),
}
"""pysbd patterns that backtrack catastrophically on crafted text, with linear forms that match
the same texts (``tests/test_redos.py`` compares them on fixture and random texts)."""
