"""Temporal expressions in one sentence, resolved against a publication date.

Candidate phrases are found with our own rules (:mod:`briefgen.nlp.timex_patterns`: month names
must be capitalised, bare months need a preposition, weekdays need a capital letter), so "may",
"We" and percentages are never read as dates. Each short phrase is then resolved on its own
(:mod:`briefgen.nlp.calendar`): explicit dates by construction (an
impossible date such as "February 30" is rejected), "two weeks ago" / "in three days" by dateparser
with ``RELATIVE_BASE`` set to the publication date, and weekdays / "last week" / "yesterday" by
calendar arithmetic in which the tense of the clause decides past or future.

With ``published=None`` only expressions that carry their own year are resolved; the relative ones
are skipped and counted by :func:`scan`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Sequence

import msgspec

from briefgen.nlp.calendar import _resolve
from briefgen.nlp.lookback import Runs, search_back
from briefgen.nlp.patterns import fold, gate_text, lazy
from briefgen.nlp.tense import clause_tense as _tense
from briefgen.nlp.tense import past_after_in as _past_after
from briefgen.nlp.timex_patterns import (
    _ADVERBIAL,
    _ANAPHORIC,
    _DEADLINE,
    _DETERMINER,
    _DIGIT,
    _FOUR_DIGITS,
    _GATES,
    _NAMED,
    _QUANTITY,
    _RULES,
    _SHAPES,
    _SINCE,
    _SUPERLATIVE,
    _WEEKDAYS,
    Tense,
)
from briefgen.nlp.timex_patterns import Precision as Precision

_GATED_RULES = tuple(
    (
        kind,
        pattern,
        _GATES[kind][0],
        frozenset(_GATES[kind][1]),
        frozenset(_GATES[kind][2]),
        _SHAPES.get(kind, ()),
    )
    for kind, pattern in _RULES
)
"""Each rule with its gate (:data:`~briefgen.nlp.timex_patterns._GATES`) as sets and the
patterns that find parts of its every match (:data:`~briefgen.nlp.timex_patterns._SHAPES`)."""
_LOWER_ANCHORS = tuple(sorted({a for _, lower, _ in _GATES.values() for a in lower}))
_CASED_ANCHORS = tuple(sorted({a for _, _, cased in _GATES.values() for a in cased}))
_CASED = lazy("|".join(_CASED_ANCHORS))
"""The capitalised month and weekday anchors, found in one pass (the engine scans for their
capitals in C). Each anchor's only capital is its first letter and no two start alike, so the
matches are exactly the anchors the sentence holds, none hidden inside another."""

_AHEAD_KINDS = frozenset({"weekday", "mdy", "dmy", "month", "range", "drange"})
"""Phrase kinds whose date depends on tense; only they may take it from the words after them."""


class TimeRef(msgspec.Struct, frozen=True):
    """One temporal expression in a sentence, resolved to a date."""

    phrase: str
    """The matched text."""
    start: int
    """Character offset of the phrase in the sentence."""
    end: int
    """Character offset just past the phrase."""
    date: dt.date
    """The resolved date; the first day of the period for week / month / year precision."""
    precision: Precision
    """How much of the date the phrase pins down."""
    relative: bool
    """True when the publication date was needed to resolve it."""
    scheduled: bool
    """True when it points after the publication date, or to the publication day itself from a
    future-tense clause (a day before publication is over, whatever the clause's tense)."""
    kind: str = ""
    """The rule that found it: ``weekday``, ``mdy``, ``period``, ``ago`` ..."""
    tense: Tense = None
    """The direction its clause points in (``past``, ``future``), ``None`` when open."""


class Scan(msgspec.Struct, frozen=True):
    """Everything :func:`scan` found in one sentence."""

    refs: tuple[TimeRef, ...]
    skipped_relative: int = 0
    """Relative expressions left unresolved because the publication date was unknown."""
    invalid: int = 0
    """Candidate phrases naming an impossible date (``February 30``, ``31/04/2025``)."""


_NOTHING = Scan(())
"""What :func:`scan` finds in a sentence without a digit or an anchor of any rule."""


def may_hold_dated(sentence: str) -> bool:
    """Whether ``extract(sentence, None)`` can find anything. Without a publication date only
    expressions that carry their own year resolve (ISO and numeric dates, month-day-year, month
    and year, years): four digits in a row, or a year said in words ("nineteen ninety-six",
    "the year two thousand"); a sentence with neither is answered without running the rules."""
    if _FOUR_DIGITS.search(sentence) is not None:
        return True
    low = gate_text(sentence, sentence.lower())
    return any(a in low for a in _GATES["spoken"][1])


def extract(sentence: str, published: dt.date | None, *, day_first: bool = True) -> list[TimeRef]:
    """Every resolvable temporal expression in ``sentence``, in text order."""
    return list(_scan_alone(sentence, published, day_first).refs)


@functools.lru_cache(maxsize=1 << 16)
def _scan_alone(sentence: str, published: dt.date | None, day_first: bool) -> Scan:
    """:func:`scan` without report context, cached (a pure function): the summarizer's cues
    read the sentences :func:`scan_document` has just scanned."""
    return scan(sentence, published, day_first=day_first)


def scan(
    sentence: str,
    published: dt.date | None,
    *,
    day_first: bool = True,
    future_weekdays: frozenset[int] = frozenset(),
) -> Scan:
    """Find candidate phrases, resolve each against ``published``, and count what was skipped.

    ``future_weekdays`` (Monday = 0) are weekdays the same report already places ahead of its
    publication ("talks are expected to resume on Saturday"): a bare weekday whose own clause
    leaves the tense open ("details about Saturday's meeting") is read as that coming day."""
    taken_starts: list[int] = []  # the spans taken so far: disjoint, in text order
    taken_ends: list[int] = []
    found: list[tuple[int, int, str, re.Match[str]]] = []
    low = sentence.lower()
    if not low.isascii():
        low = gate_text(sentence, low)  # "tonıght" holds "night" for the rules
    digits = 0 if _DIGIT.search(sentence) is None else 4 if _FOUR_DIGITS.search(sentence) else 1
    present = {a for a in _LOWER_ANCHORS if a in low}
    present.update(_CASED.findall(sentence))
    if not digits and not present:
        return _NOTHING  # every rule needs a digit or one of the anchors
    shaped: dict[re.Pattern[str], bool] = {}
    for kind, pattern, needs_digits, lower, cased, shapes in _GATED_RULES:
        if (
            needs_digits > digits
            or (lower and present.isdisjoint(lower))
            or (cased and present.isdisjoint(cased))
        ):
            continue
        if shapes and not _holds(shapes, sentence, shaped):
            continue
        # a rule's own matches do not overlap: each is checked against the earlier rules' spans
        kept: list[tuple[int, int]] = []
        for m in pattern.finditer(sentence):
            s, e = m.span()
            i = bisect.bisect_right(taken_ends, s)  # the first taken span ending after s
            if i < len(taken_ends) and taken_starts[i] < e:
                continue
            kept.append((s, e))
            found.append((s, e, kind, m))
        if kept:
            spans = sorted([*zip(taken_starts, taken_ends, strict=True), *kept])
            taken_starts = [ts for ts, _ in spans]
            taken_ends = [te for _, te in spans]
    runs = Runs(sentence)
    refs: list[TimeRef] = []
    skipped = invalid = 0
    for s, e, kind, m in sorted(found, key=lambda f: f[0]):
        # the look-back patterns end at the phrase; the run counts bound their matches
        # (briefgen.nlp.lookback): words=False counts non-space runs, words=True word runs
        if kind == "bareyear" and _not_a_year(runs, s):
            continue
        if kind in ("weekday", "period") and search_back(_ANAPHORIC, runs, e, 4, words=False):
            continue  # "the previous Friday", "the following year": relative to the story's time
        if kind == "period" and m.group("u")[0].isupper():
            continue  # "This Week", "Next Month": a title
        if kind == "in" and search_back(_SUPERLATIVE, runs, s, 5, words=False):
            continue  # "the smallest gain in a year": a span, not a date ahead
        ahead = kind in _AHEAD_KINDS and not m.groupdict().get("y")
        tense = "future" if kind == "in" else _tense(sentence, s, e, ahead, runs)
        if (kind == "month" and m.group("det")) or (
            ahead and search_back(_DETERMINER, runs, s, 1, words=False)
        ):
            tense = None  # "a June agreement", "the June 12 summit": a modifier, not the event
        if tense == "past" and ahead and search_back(_DEADLINE, runs, s, 1, words=True):
            tense = None
        elif tense != "future" and ahead and search_back(_SINCE, runs, s, 2, words=False):
            tense = "past"
        elif tense is None and ahead and _opens_clause(runs, s, e):
            tense = _past_after(runs, e)
        if tense is None and kind == "weekday" and _weekday(m) in future_weekdays:
            tense = "future"
        try:
            res = _resolve(_DAY_OF.get(kind, kind), m, published, tense, day_first)
            end = _range_end(kind, m, res)
        except ValueError:
            invalid += 1
            continue
        if res is None:
            skipped += 1
            continue
        date, precision, relative = res
        future = tense == "future"
        scheduled = (
            future if published is None else date > published or (future and date == published)
        )
        if kind not in _DAY_OF:
            refs.append(
                TimeRef(m.group(0), s, e, date, precision, relative, scheduled, kind, tense)
            )
            continue
        # a range keeps its start and end: "between March 2 and 6" -> March 2, March 6
        a = m.start("mon") if kind == "range" else m.start("d")
        b = m.end("d")
        refs.append(TimeRef(sentence[a:b], a, b, date, precision, relative, scheduled, kind, tense))
        if end is not None:
            late = future if published is None else end > published or (future and end == published)
            c = m.start("d2")
            refs.append(
                TimeRef(
                    sentence[c : m.end()], c, m.end(), end, precision, relative, late, kind, tense
                )
            )
    return Scan(tuple(refs), skipped, invalid)


def scan_document(
    sentences: Sequence[str], published: dt.date | None, *, day_first: bool = True
) -> tuple[Scan, ...]:
    """:func:`scan` of each sentence of one report, with the report as context: weekdays that some
    sentence places ahead of publication by its own tense settle the open-tense mentions of the
    same weekday elsewhere in the report. A pure function, cached: the timeline and the
    summarizer's marks read the same reports."""
    return _scan_document(tuple(sentences), published, day_first)


@functools.lru_cache(maxsize=1024)
def _scan_document(
    sentences: tuple[str, ...], published: dt.date | None, day_first: bool
) -> tuple[Scan, ...]:
    first = [_scan_alone(s, published, day_first) for s in sentences]
    ahead = frozenset(
        r.date.weekday()
        for found in first
        for r in found.refs
        if r.kind == "weekday" and r.scheduled
    )
    if not ahead:
        return tuple(first)
    return tuple(
        scan(s, published, day_first=day_first, future_weekdays=ahead)
        if any(r.kind == "weekday" and not r.scheduled for r in found.refs)
        else found
        for s, found in zip(sentences, first, strict=True)
    )


_DAY_OF = {"range": "mdy", "drange": "dmy"}
"""Range kinds and the kind that resolves their first day."""


def _range_end(
    kind: str, m: re.Match[str], start: tuple[dt.date, Precision, bool] | None
) -> dt.date | None:
    """The last day of a day range ("between March 2 and 6" -> March 6); ``None`` when ``m`` is
    no range ("March 2 and 6 others"). Raises ``ValueError`` for an impossible or reversed one."""
    if kind not in _DAY_OF or start is None or (m.group("sep") == "and" and not m.group("pre")):
        return None
    first, last = int(m.group("d")), int(m.group("d2"))
    if last <= first:
        raise ValueError("a range must end after it starts")
    return start[0].replace(day=last)


def _holds(
    shapes: tuple[re.Pattern[str], ...], sentence: str, seen: dict[re.Pattern[str], bool]
) -> bool:
    """Does each of ``shapes`` match somewhere in ``sentence``? Each shape is searched once per
    sentence (``seen``: several rules share one)."""
    for shape in shapes:
        found = seen.get(shape)
        if found is None:
            found = seen[shape] = shape.search(sentence) is not None
        if not found:
            return False
    return True


def _weekday(m: re.Match[str]) -> int:
    """Monday = 0 for a match of the weekday rule."""
    return _WEEKDAYS.index(fold(m.group("wd") or ""))


def _opens_clause(runs: Runs, start: int, end: int) -> bool:
    """Is the phrase a fronted adverbial ("In March, ...", "August 13: ...")? (``_ADVERBIAL``'s
    matches touch at most one word run: its preposition.)"""
    fronted = search_back(_ADVERBIAL, runs, start, 1, words=True)
    return fronted and runs.sentence.startswith((",", ":"), end)


def _not_a_year(runs: Runs, start: int) -> bool:
    """Does the word before a bare four-digit number make it a count or a name? (``_QUANTITY``'s
    matches touch at most two non-space runs, "the first"; ``_NAMED``'s one.)"""
    return search_back(_QUANTITY, runs, start, 2, words=False) or search_back(
        _NAMED, runs, start, 1, words=False
    )
