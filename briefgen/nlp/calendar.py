"""Calendar arithmetic: one matched date phrase resolved against a publication date.

Explicit dates by construction (an impossible date such as "February 30" raises ``ValueError``),
"two weeks ago" / "in three days" by dateparser with ``RELATIVE_BASE`` set to the publication
date, weekdays, months and year-less days by the tense the caller found for the phrase.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from briefgen.nlp.patterns import fold
from briefgen.nlp.timex_patterns import _MONTHS, _NUMBERS, _WEEKDAYS, Precision, Tense


def _month(name: str) -> int:
    return _MONTHS[fold(name[:3])]


_TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_WORD_VALUES = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
        " fifteen sixteen seventeen eighteen nineteen".split()
    )
} | {
    w: 10 * n
    for n, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)
}


def _spoken_year(text: str) -> int:
    """ "nineteen ninety-six" -> 1996, "two thousand and one" -> 2001."""
    words = [w for w in re.split(r"[\s-]+", fold(text)) if w not in ("and", "hundred")]
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(_WORD_VALUES[w] for w in words[2:])
    return 1900 + sum(_WORD_VALUES[w] for w in words[1:])


def _number(text: str) -> int:
    t = fold(text)
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
    publication day for past ones, else the latest one not more than 120 days after publication
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
    slack = dt.timedelta(days=1 if tense == "past" else 120)
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
    if kind in ("year", "bareyear"):
        return dt.date(int(g["y"]), 1, 1), "year", False
    if kind == "spoken":
        year = _spoken_year(g["sp"])
        if g.get("mon"):
            return dt.date(year, _month(g["mon"]), 1), "month", False
        return dt.date(year, 1, 1), "year", False
    if published is None:
        return None
    if kind == "monthyear":
        delta = {"last": -1, "next": 1}.get(g["q"], 0)
        return dt.date(published.year + delta, _month(g["mon"]), 1), "month", True
    if kind in ("thisyear", "pastyear"):
        return dt.date(published.year - (kind == "pastyear"), 1, 1), "year", True
    if kind == "month":
        pre = fold(g.get("pre") or "")
        if m.string.startswith(("'s", "’s"), m.end()):  # "to December's figures": a name
            pre = ""
        month = _month(g.get("mon") or g.get("dmon") or "")
        return _resolve_month(month, pre, published, tense), "month", True
    if kind in ("ago", "in"):
        n, unit = _number(g["n"]), fold(g["u"])
        if kind == "ago" and unit == "year" and n == 1:  # "a year ago": the month a year back
            return _add_months(published.replace(day=1), -12), "month", True
        return _resolve_offset(kind, n, unit, published)
    if kind == "period":
        return _resolve_period(" ".join(fold(g["q"]).split()), fold(g["u"]), published)
    if kind == "weekday":
        return _resolve_weekday(g, published, tense == "future"), "day", True
    return _resolve_day(" ".join(fold(g["w"]).split()), published), "day", True


_TOWARD = frozenset({"by", "until", "till", "before"})
"""Prepositions that point a month ahead when the clause's tense leaves it open ("by May")."""


def _resolve_month(month: int, pre: str, published: dt.date, tense: Tense) -> dt.date:
    """A bare month: "this" the one in the publication year; "next"/future clauses (and an
    untensed "by"/"until" ...) the next one from publication (strictly after it for "next");
    "last" the latest one before the publication month, past clauses the latest one up to it,
    and untensed ones the latest one at most two months ahead."""
    if pre == "this":
        return dt.date(published.year, month, 1)
    now = published.year * 12 + published.month - 1
    options = [(published.year + dy) * 12 + month - 1 for dy in (-1, 0, 1)]
    if tense is None and pre in _TOWARD:
        tense = "future"
    if pre == "next":
        index = min(i for i in options if i > now)
    elif tense == "future" and pre != "last":
        index = min(i for i in options if i >= now)
    elif pre == "last" or tense == "past":
        index = max(i for i in options if i <= now + (-1 if pre == "last" else 0))
    else:
        index = max(i for i in options if i <= now + 2)
    y, m0 = divmod(index, 12)
    return dt.date(y, m0 + 1, 1)


@lru_cache(maxsize=4096)
def _dateparser(phrase: str, base: dt.date) -> dt.date | None:
    """dateparser on one short phrase, relative to ``base`` (never on whole text). Imported
    here: loading it costs a command about 0.1 s, and most texts never need it."""
    import dateparser

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
    target = _WEEKDAYS.index(fold(g["wd"] or ""))
    mod = fold(g["mod"] or "")
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
