"""The date scan as it was before its look-back was bounded (9805c20), kept as the reference
that :mod:`tests.test_scan_linear` compares :func:`briefgen.nlp.temporal.scan` with: every
look-back searched from position 0, the clause read from the whole prefix, the look-ahead from
the whole rest of the sentence, and each match checked against every taken span."""

from __future__ import annotations

import datetime as dt
import re

from briefgen.nlp import temporal as t
from briefgen.nlp import tense as ts
from briefgen.nlp.calendar import _resolve
from briefgen.nlp.patterns import fold, gate_text
from briefgen.nlp.timex_patterns import (
    _ADVERBIAL,
    _ANAPHORIC,
    _DEADLINE,
    _DETERMINER,
    _DIGIT,
    _FOUR_DIGITS,
    _NAMED,
    _QUANTITY,
    _SINCE,
    _SUPERLATIVE,
    Tense,
)


def clause_tense(sentence: str, start: int, end: int, ahead: bool = False) -> Tense:
    """:func:`briefgen.nlp.tense.clause_tense` at 9805c20."""
    phrase = " ".join(fold(sentence[start:end]).split())
    if phrase.endswith(" ago") or phrase.startswith(ts._PAST_PHRASES):
        return "past"
    if phrase.startswith(ts._FUTURE_PHRASES):
        return "future"
    before = sentence[:start]
    cut = max((m.end() for m in ts._CLAUSE_BEFORE.finditer(before)), default=0)
    clause = ts._ADJECTIVE_ED.sub(r"\1~~", before[cut:])
    clause = ts._BE_PARTICIPLE.sub("be", clause)
    window = " ".join(clause.split()[-ts.WINDOW_WORDS :])
    window = ts._PLUPERFECT_INTENT.sub(lambda m: "had" + "~" * (len(m.group()) - 3), window)
    last_future = max((m.end() for m in ts._FUTURE.finditer(window)), default=-1)
    last_perfect = max((m.end() for m in ts.PERFECT.finditer(window)), default=-1)
    last_past = max((m.end() for m in ts._PAST.finditer(ts._mask_perfect(window))), default=-1)
    if last_perfect > max(last_future, last_past):
        return None
    if last_future >= 0 and last_future >= last_past:
        return "future"
    if last_past >= 0:
        return "past"
    if ahead and ts._FRONT.search(before):
        return ts._tense_after(sentence[end:])
    return None


def scan(
    sentence: str,
    published: dt.date | None,
    *,
    day_first: bool = True,
    future_weekdays: frozenset[int] = frozenset(),
) -> t.Scan:
    """:func:`briefgen.nlp.temporal.scan` at 9805c20."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, str, re.Match[str]]] = []
    low = sentence.lower()
    if not low.isascii():
        low = gate_text(sentence, low)
    digits = 0 if _DIGIT.search(sentence) is None else 4 if _FOUR_DIGITS.search(sentence) else 1
    present = {a for a in t._LOWER_ANCHORS if a in low}
    present.update(t._CASED.findall(sentence))
    if not digits and not present:
        return t._NOTHING
    shaped: dict[re.Pattern[str], bool] = {}
    for kind, pattern, needs_digits, lower, cased, shapes in t._GATED_RULES:
        if (
            needs_digits > digits
            or (lower and present.isdisjoint(lower))
            or (cased and present.isdisjoint(cased))
        ):
            continue
        if shapes and not t._holds(shapes, sentence, shaped):
            continue
        for m in pattern.finditer(sentence):
            s, e = m.span()
            if any(s < te and ts_ < e for ts_, te in taken):
                continue
            taken.append((s, e))
            found.append((s, e, kind, m))
    refs: list[t.TimeRef] = []
    skipped = invalid = 0
    for s, e, kind, m in sorted(found, key=lambda f: f[0]):
        if kind == "bareyear" and (
            _QUANTITY.search(sentence, 0, s) or _NAMED.search(sentence, 0, s)
        ):
            continue
        if kind in ("weekday", "period") and _ANAPHORIC.search(sentence, 0, e):
            continue
        if kind == "period" and m.group("u")[0].isupper():
            continue
        if kind == "in" and _SUPERLATIVE.search(sentence, 0, s):
            continue
        ahead = kind in t._AHEAD_KINDS and not m.groupdict().get("y")
        tense = "future" if kind == "in" else clause_tense(sentence, s, e, ahead)
        if (kind == "month" and m.group("det")) or (ahead and _DETERMINER.search(sentence, 0, s)):
            tense = None
        if tense == "past" and ahead and _DEADLINE.search(sentence, 0, s):
            tense = None
        elif tense != "future" and ahead and _SINCE.search(sentence, 0, s):
            tense = "past"
        elif (
            tense is None
            and ahead
            and (
                _ADVERBIAL.search(sentence, 0, s) is not None and sentence.startswith((",", ":"), e)
            )
        ):
            tense = ts.past_after(sentence[e:])
        if tense is None and kind == "weekday" and t._weekday(m) in future_weekdays:
            tense = "future"
        try:
            res = _resolve(t._DAY_OF.get(kind, kind), m, published, tense, day_first)
            end = t._range_end(kind, m, res)
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
        if kind not in t._DAY_OF:
            refs.append(
                t.TimeRef(m.group(0), s, e, date, precision, relative, scheduled, kind, tense)
            )
            continue
        a = m.start("mon") if kind == "range" else m.start("d")
        b = m.end("d")
        refs.append(
            t.TimeRef(sentence[a:b], a, b, date, precision, relative, scheduled, kind, tense)
        )
        if end is not None:
            late = future if published is None else end > published or (future and end == published)
            c = m.start("d2")
            refs.append(
                t.TimeRef(
                    sentence[c : m.end()], c, m.end(), end, precision, relative, late, kind, tense
                )
            )
    return t.Scan(tuple(refs), skipped, invalid)
