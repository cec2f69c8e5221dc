"""Temporal expressions in one sentence, resolved against a publication date.

Candidate phrases are found with our own rules (month names must be capitalised, bare months and
years need a preposition, weekdays need a capital letter), so "may", "We" and percentages are never
read as dates. Each short phrase is then resolved on its own: explicit dates by construction (an
impossible date such as "February 30" is rejected), "two weeks ago" / "in three days" by dateparser
with ``RELATIVE_BASE`` set to the publication date, and weekdays / "last week" / "yesterday" by
calendar arithmetic in which the tense of the clause decides past or future.

With ``published=None`` only expressions that carry their own year are resolved; the relative ones
are skipped and counted by :func:`scan`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from briefgen.nlp.tense import Tense
from briefgen.nlp.tense import clause_tense as _tense

Precision = Literal["day", "week", "month", "year"]

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

_MON = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?"
    r"|Aug(?:ust|\.)?|Sep(?:tember|t\.?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_MON_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM = r"(?:\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|2[01]\d\d)"
_PREP = (
    r"(?:[Ii]n|[Ss]ince|[Bb]y|[Dd]uring|[Uu]ntil|[Tt]ill|[Ff]rom|[Tt]hrough(?:out)?|[Ee]arly"
    r"|[Mm]id|[Ll]ate|[Bb]efore|[Aa]fter|[Oo]f)"
)

# Each rule: (kind, compiled pattern). Earlier rules win over later ones on overlapping text.
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")),
    ("numeric", re.compile(r"\b(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>\d{4})\b")),
    (
        "mdy",
        re.compile(
            rf"(?:\b{_WD},?\s+)?\b(?P<mon>{_MON})\s+(?P<d>\d{{1,2}}){_ORD}\b"
            rf"(?!\s*(?:%|,\d|\.\d|per\s*cent))(?:\s*,?\s*(?P<y>{_YEAR})\b)?"
        ),
    ),
    (
        "dmy",
        re.compile(
            rf"(?:\b{_WD},?\s+)?\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mon>{_MON})"
            rf"(?![a-z])(?:\s*,?\s*(?P<y>{_YEAR})\b)?"
        ),
    ),
    ("my", re.compile(rf"\b(?P<mon>{_MON})\s+(?:of\s+)?(?P<y>{_YEAR})\b(?!\s*%)")),
    (
        "month",
        re.compile(rf"\b(?P<pre>{_PREP}|[Tt]o|[Aa]nd|last|next|this)[\s-]+(?P<mon>{_MON_FULL})\b"),
    ),
    ("year", re.compile(rf"\b(?P<pre>{_PREP})[\s-]+(?P<y>{_YEAR})\b(?![,.]\d|-\w|\s*%|\s*per)")),
    (
        "ago",
        re.compile(
            rf"\b(?P<n>{_NUM}|a couple of)\s+(?P<u>day|week|month|year)s?\s+ago\b", re.IGNORECASE
        ),
    ),
    (
        "in",
        re.compile(
            rf"\b(?:in|within)\s+(?P<n>{_NUM}|a couple of)\s+(?P<u>day|week|month|year)s?"
            r"(?:['’]\s*time)?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "period",
        re.compile(
            r"\b(?P<q>last|next|this|earlier\s+this|later\s+this|the\s+previous|the\s+following"
            r"|the\s+coming|the\s+next)\s+(?P<u>week(?:end)?|month|year)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?:(?P<mod>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Oo]n|[Ll]ate|[Ee]arly)\s+)?"
            rf"(?P<wd>{_WD})(?:\s+(?P<part>morning|afternoon|evening|night))?\b(?!\s*\d)"
        ),
    ),
    (
        "day",
        re.compile(
            r"\b(?P<w>today|tonight|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon"
            r"|evening)|the\s+(?:previous|following|next)\s+day|the\s+day\s+(?:before|after))\b",
            re.IGNORECASE,
        ),
    ),
)

_MONTH_ANCHORS = tuple(_MONTHS)
_GATES: dict[str, tuple[bool, tuple[str, ...]]] = {
    "iso": (True, ()),
    "numeric": (True, ()),
    "mdy": (True, _MONTH_ANCHORS),
    "dmy": (True, _MONTH_ANCHORS),
    "my": (True, _MONTH_ANCHORS),
    "month": (False, _MONTH_ANCHORS),
    "year": (True, ()),
    "ago": (False, ("ago",)),
    "in": (False, ("day", "week", "month", "year")),
    "period": (False, ("week", "month", "year")),
    "weekday": (False, ("day",)),
    "day": (False, ("day", "night", "tomorrow", "morning", "afternoon", "evening")),
}
"""Per rule: whether every match holds a digit, and lower-case substrings one of which every
match holds. A rule is run only on a sentence that passes its gate (most sentences name no date);
the matches are the rule's own."""
_DIGIT = re.compile(r"\d")


_AHEAD_KINDS = frozenset({"weekday", "mdy", "dmy", "month"})
"""Phrase kinds whose date depends on tense; only they may take it from the words after them."""


@dataclass(frozen=True)
class TimeRef:
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


@dataclass(frozen=True)
class Scan:
    """Everything :func:`scan` found in one sentence."""

    refs: tuple[TimeRef, ...]
    skipped_relative: int = 0
    """Relative expressions left unresolved because the publication date was unknown."""
    invalid: int = 0
    """Candidate phrases naming an impossible date (``February 30``, ``31/04/2025``)."""


def extract(sentence: str, published: dt.date | None, *, day_first: bool = True) -> list[TimeRef]:
    """Every resolvable temporal expression in ``sentence``, in text order."""
    return list(scan(sentence, published, day_first=day_first).refs)


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
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, str, re.Match[str]]] = []
    low = sentence.lower()
    digit = _DIGIT.search(sentence) is not None
    for kind, pattern in _RULES:
        needs_digit, anchors = _GATES[kind]
        if (needs_digit and not digit) or (anchors and not any(a in low for a in anchors)):
            continue
        for m in pattern.finditer(sentence):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            found.append((s, e, kind, m))
    refs: list[TimeRef] = []
    skipped = invalid = 0
    for s, e, kind, m in sorted(found, key=lambda f: f[0]):
        ahead = kind in _AHEAD_KINDS and not m.groupdict().get("y")
        tense = "future" if kind == "in" else _tense(sentence, s, e, ahead)
        if tense is None and kind == "weekday" and _weekday(m) in future_weekdays:
            tense = "future"
        try:
            res = _resolve(kind, m, published, tense, day_first)
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
        refs.append(TimeRef(m.group(0), s, e, date, precision, relative, scheduled, kind))
    return Scan(tuple(refs), skipped, invalid)


def scan_document(
    sentences: Sequence[str], published: dt.date | None, *, day_first: bool = True
) -> tuple[Scan, ...]:
    """:func:`scan` of each sentence of one report, with the report as context: weekdays that some
    sentence places ahead of publication by its own tense settle the open-tense mentions of the
    same weekday elsewhere in the report."""
    first = [scan(s, published, day_first=day_first) for s in sentences]
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


def _weekday(m: re.Match[str]) -> int:
    """Monday = 0 for a match of the weekday rule."""
    return _WEEKDAYS.index((m.group("wd") or "").lower())


def _month(name: str) -> int:
    return _MONTHS[name[:3].lower()]


def _number(text: str) -> int:
    t = text.lower()
    if t == "a couple of":
        return 2
    return int(t) if t.isdigit() else _NUMBERS[t]


def _monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def _add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    return dt.date(y, m + 1, 1)


def _pick_year(month: int, day: int, published: dt.date, tense: Tense) -> dt.date:
    """The year for a month-day phrase: the next one for future clauses, the latest one up to the
    publication day for past ones, else the latest one not more than 90 days after publication
    (so "December 28" in a January report is last year's)."""
    options = []
    for y in (published.year - 1, published.year, published.year + 1):
        try:
            options.append(dt.date(y, month, day))
        except ValueError:
            continue
    if not options:
        raise ValueError(f"no year has {month}-{day}")
    if tense == "future":
        ahead = [d for d in options if d >= published - dt.timedelta(days=1)]
        return min(ahead) if ahead else max(options)
    slack = dt.timedelta(days=1 if tense == "past" else 90)
    behind = [d for d in options if d <= published + slack]
    return max(behind) if behind else min(options)


def _resolve(
    kind: str, m: re.Match[str], published: dt.date | None, tense: Tense, day_first: bool
) -> tuple[dt.date, Precision, bool] | None:
    """(date, precision, relative) for one candidate; ``None`` when it needs an unknown date.
    Raises ``ValueError`` for an impossible date."""
    g = m.groupdict()
    if kind == "iso":
        return dt.date(int(g["y"]), int(g["m"]), int(g["d"])), "day", False
    if kind == "numeric":
        a, b = int(g["a"]), int(g["b"])
        day, month = (a, b) if day_first else (b, a)
        return dt.date(int(g["y"]), month, day), "day", False
    if kind in ("mdy", "dmy"):
        month, day = _month(g["mon"]), int(g["d"])
        if g.get("y"):
            return dt.date(int(g["y"]), month, day), "day", False
        if published is None:
            if not 1 <= day <= 31:
                raise ValueError("day out of range")
            return None
        return _pick_year(month, day, published, tense), "day", True
    if kind == "my":
        return dt.date(int(g["y"]), _month(g["mon"]), 1), "month", False
    if kind == "year":
        return dt.date(int(g["y"]), 1, 1), "year", False
    if published is None:
        return None
    if kind == "month":
        return _resolve_month(_month(g["mon"]), g["pre"].lower(), published, tense), "month", True
    if kind in ("ago", "in"):
        return _resolve_offset(kind, _number(g["n"]), g["u"].lower(), published)
    if kind == "period":
        return _resolve_period(" ".join(g["q"].lower().split()), g["u"].lower(), published)
    if kind == "weekday":
        return _resolve_weekday(g, published, tense == "future"), "day", True
    return _resolve_day(" ".join(g["w"].lower().split()), published), "day", True


def _resolve_month(month: int, pre: str, published: dt.date, tense: Tense) -> dt.date:
    """A bare month: "next"/future clauses take the next one from publication (strictly after it
    for "next"); "last" the latest one before the publication month, past clauses the latest one
    up to it, and untensed ones the latest one at most two months ahead."""
    now = published.year * 12 + published.month - 1
    options = [(published.year + dy) * 12 + month - 1 for dy in (-1, 0, 1)]
    if pre == "next":
        index = min(i for i in options if i > now)
    elif tense == "future" and pre != "last":
        index = min(i for i in options if i >= now)
    else:
        limit = -1 if pre == "last" else 0 if tense == "past" else 2
        index = max(i for i in options if i <= now + limit)
    y, m0 = divmod(index, 12)
    return dt.date(y, m0 + 1, 1)


@lru_cache(maxsize=4096)
def _dateparser(phrase: str, base: dt.date) -> dt.date | None:
    """dateparser on one short phrase, relative to ``base`` (never on whole text)."""
    import dateparser  # ~0.2 s to import; most runs never need it

    settings = {
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    return parsed.date() if parsed is not None else None


def _resolve_offset(
    kind: str, n: int, unit: str, published: dt.date
) -> tuple[dt.date, Precision, bool] | None:
    phrase = f"{n} {unit}s ago" if kind == "ago" else f"in {n} {unit}s"
    date = _dateparser(phrase, published)
    if date is None:
        return None
    if unit == "week":
        return _monday(date), "week", True
    if unit == "month":
        return date.replace(day=1), "month", True
    if unit == "year":
        return dt.date(date.year, 1, 1), "year", True
    return date, "day", True


def _resolve_period(q: str, unit: str, published: dt.date) -> tuple[dt.date, Precision, bool]:
    step = {"last": -1, "the previous": -1, "next": 1, "the following": 1, "the coming": 1}
    delta = step.get(q, 1 if q == "the next" else 0)
    if unit == "weekend":
        saturday = _monday(published) + dt.timedelta(days=5 + 7 * delta)
        return saturday, "day", True
    if unit == "week":
        return _monday(published) + dt.timedelta(weeks=delta), "week", True
    if unit == "month":
        return _add_months(published.replace(day=1), delta), "month", True
    return dt.date(published.year + delta, 1, 1), "year", True


def _resolve_weekday(g: dict[str, str | None], published: dt.date, future: bool) -> dt.date:
    """A weekday: the publication day itself when it matches; otherwise the latest such day before
    publication, or the next one after it in a future clause (or after "next" / "coming")."""
    target = _WEEKDAYS.index((g["wd"] or "").lower())
    mod = (g["mod"] or "").lower()
    back = (published.weekday() - target) % 7
    if mod == "last":
        return published - dt.timedelta(days=back or 7)
    if mod in ("next", "coming") or (future and mod != "last"):
        ahead = (target - published.weekday()) % 7
        if mod == "next" and ahead == 0:
            ahead = 7
        return published + dt.timedelta(days=ahead)
    return published - dt.timedelta(days=back)


def _resolve_day(word: str, published: dt.date) -> dt.date:
    offsets = {
        "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
        "yesterday": -1, "last night": -1, "the previous day": -1, "the day before": -1,
        "tomorrow": 1, "the following day": 1, "the next day": 1, "the day after": 1,
    }  # fmt: skip
    return published + dt.timedelta(days=offsets[word])
