"""The publication date of an article, and how it is known.

First that applies: ``--published`` (``given``); a date the page states on a label line such as
"Published on 24 October 2025" or a bare "05-11-2025" (``stated``; numeric dates read with
``Settings.day_first``); the HTML metadata (``metadata``, from htmldate); otherwise the latest
date the text reports in the past tense, moved forward by relative cues such as "last week"
(``inferred``, with the range it lies in). A stated date the text contradicts is kept but marked
``stated-suspect`` (:func:`check_stated`: every past-tense dated event follows it, or it lies
months after all of them while the text reports nothing relative to it).
Never the ingest day: when nothing applies, the source fails asking for ``--published``.

A date without a year takes it from ``--year``, then the topic's other articles, then the years
the text itself mentions, and the evidence says which. "The topic's other articles" are only those
whose own date needed no such borrowed year (:func:`anchors_year`), so a batch gives the same
dates as the same files ingested one at a time (see :mod:`briefgen.ingest.pipeline`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import lru_cache

import msgspec

from briefgen.errors import IngestError
from briefgen.ingest.text import _DATELINE_PLACE, DateLine, caps_months
from briefgen.model import PublishedBasis
from briefgen.nlp.patterns import lazy
from briefgen.nlp.temporal import TimeRef, extract, may_hold_dated

_MONTH_WORD = lazy(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")
_PROBE = dt.date(2000, 6, 15)
_PREFERRED = (
    "published", "posted", "first published", "date", "dated", "released", "today's paper",
    "today’s paper", "today's edition", "today’s edition", "print edition", "",
)  # fmt: skip
SUSPECT_DAYS = 1
"""A stated date is suspect when every dated event the text reports as past lies more than this
many days after it."""
SUSPECT_GAP_DAYS = 90
"""A stated date is also suspect when it lies more than this many days after every one of at
least ``SUSPECT_GAP_EVENTS`` distinct dates the text reports as past, all within
``SUSPECT_SPAN_DAYS`` of each other (one incident's report, not a history), and no past-tense
relative day or week ("on Tuesday", "yesterday", "last week") is anchored on it."""
SUSPECT_GAP_EVENTS = 2
SUSPECT_SPAN_DAYS = 14
_UPDATED = ("updated", "last updated", "modified", "last modified")
_LAST_WEEK = lazy(r"\blast week\b", re.IGNORECASE)


class Dating(msgspec.Struct, frozen=True):
    """A publication date with its basis and the evidence for it."""

    date: dt.date
    basis: PublishedBasis
    evidence: str


TOPIC_YEAR = "from the topic's other articles"
TEXT_YEAR = "inferred from the years the text mentions"


class NeedsTopicYear(Exception):
    """Raised instead of borrowing a year when :attr:`YearHint.defer` is set."""


class YearHint(msgspec.Struct, frozen=True):
    """Where a year for year-less dates can come from."""

    year: int | None = None
    """``--year``."""
    topic_latest: dt.date | None = None
    """The latest publication date among the topic's articles that anchor a year."""
    defer: bool = False
    """Raise :class:`NeedsTopicYear` rather than borrow a year from the topic or the text (the
    pipeline's first pass: such a source is dated after every source that needs no year)."""


def anchors_year(evidence: str | None) -> bool:
    """Whether an article's date may lend its year to the topic's year-less dates: its own year
    was not borrowed from the topic's other articles or guessed from the years its text mentions."""
    return evidence is None or (TOPIC_YEAR not in evidence and TEXT_YEAR not in evidence)


def _with_year(
    month: int, day: int, hint: YearHint, text_years: Sequence[int], phrase: str
) -> tuple[dt.date, str]:
    """A month-day made whole, and a note saying where the year came from."""
    if hint.year is not None:
        return dt.date(hint.year, month, day), f"year {hint.year} from --year"
    if hint.defer:
        raise NeedsTopicYear(phrase)
    if hint.topic_latest is not None:
        ref = hint.topic_latest
        options = []
        for y in (ref.year - 1, ref.year, ref.year + 1):
            try:
                options.append(dt.date(y, month, day))
            except ValueError:
                continue
        best = min(options, key=lambda d: (abs((d - ref).days), d))
        return best, f"year {best.year} {TOPIC_YEAR} (latest {ref})"
    if text_years:
        y = max(text_years)
        return dt.date(y, month, day), f"year {y} {TEXT_YEAR}"
    raise IngestError(
        f'the date "{phrase}" has no year and nothing gives one (no --year, no other article '
        "in the topic, no full date in the text): pass --year or --published"
    )


@lru_cache(maxsize=4096)
def _refs(sentence: str, day_first: bool) -> tuple[TimeRef, ...]:
    """``extract(sentence, None)``, kept: the suspect-date check, the reported dates (topic time
    gap), the text's years and date inference all read the same sentences of a source."""
    if not may_hold_dated(sentence):
        return ()
    return tuple(extract(sentence, None, day_first=day_first))


def _month_day_refs(text: str, day_first: bool) -> list[TimeRef]:
    """Year-less "October 9" / "24 October" phrases (resolved against a probe date)."""
    return [
        r
        for r in extract(text, _PROBE, day_first=day_first)
        if r.relative and r.precision == "day" and _MONTH_WORD.search(r.phrase)
    ]


def stated_date(
    lines: Sequence[DateLine],
    hint: YearHint,
    day_first: bool,
    sentences: Sequence[str] = (),
) -> Dating | None:
    """The date the page states on a date line (publication preferred over update)."""
    ranked = sorted(
        (ln for ln in lines if ln.label in _PREFERRED + _UPDATED),
        key=lambda ln: (0 if ln.label in _PREFERRED else 1, ln.line),
    )
    for ln in ranked:
        text = caps_months(_DATELINE_PLACE.sub("", ln.text, count=1))
        full = [r for r in extract(text, None, day_first=day_first) if r.precision == "day"]
        if full:
            return Dating(full[0].date, "stated", f'line {ln.line}: "{ln.text}"')
        partial = _month_day_refs(text, day_first)
        if partial:
            d = partial[0].date
            years = text_years(sentences, day_first)
            date, note = _with_year(d.month, d.day, hint, years, partial[0].phrase)
            return Dating(date, "stated", f'line {ln.line}: "{ln.text}" ({note})')
    return None


def dateline_date(sentences: Sequence[str], hint: YearHint, day_first: bool) -> Dating | None:
    """The date of a dateline opening the first sentence ("GENEVA, MAR 9 (Reuters) - ...",
    "NAIROBI, Kenya — March 3, 2024 — ...")."""
    if not sentences:
        return None
    first = sentences[0]
    m = _DATELINE_PLACE.match(first)
    if m is None:
        return None
    head = caps_months(first[m.end() : m.end() + 40])
    refs = [r for r in extract(head, _PROBE, day_first=day_first) if r.precision == "day"]
    if not refs or refs[0].start != 0:
        return None
    where = f'dateline "{first[: m.end() + refs[0].end]}"'
    if not refs[0].relative:
        return Dating(refs[0].date, "stated", where)
    if not _MONTH_WORD.search(refs[0].phrase):
        return None
    years = text_years(sentences, day_first)
    d = refs[0].date
    date, note = _with_year(d.month, d.day, hint, years, refs[0].phrase)
    return Dating(date, "stated", f"{where} ({note})")


def _anchored_on(day: dt.date, sentences: Sequence[str], day_first: bool) -> bool:
    """True when some sentence reports a relative day or week as past ("on Tuesday",
    "yesterday", "last week") when read against ``day``: the text then counts from that day."""
    return any(
        r.relative and r.precision in ("day", "week") and r.tense == "past"
        for s in sentences
        for r in extract(s, day, day_first=day_first)
    )


def check_stated(stated: Dating, sentences: Sequence[str], day_first: bool) -> Dating:
    """``stated`` itself, or the same date with basis ``stated-suspect`` when the text contradicts
    it (a scraper's stamp, not the report's day). Two cases, over the full dates the text reports
    in the past tense: every one lies more than ``SUSPECT_DAYS`` after it; or there are at least
    ``SUSPECT_GAP_EVENTS`` distinct ones within ``SUSPECT_SPAN_DAYS`` of each other, every one
    lies more than ``SUSPECT_GAP_DAYS`` before it, and no past-tense relative day or week reads
    from it. One old background date, a history spanning months, or a feature recalling old
    events while reporting "on Tuesday" is not suspect."""
    events = [
        r.date
        for s in sentences
        for r in _refs(s, day_first)
        if not r.relative and r.precision == "day" and r.tense == "past"
    ]
    if not events:
        return stated
    if min(events) > stated.date + dt.timedelta(days=SUSPECT_DAYS):
        why = (
            f"; suspect: every dated event the text reports as past lies after it "
            f"(earliest {min(events)}, {len(events)} reported)"
        )
        return Dating(stated.date, "stated-suspect", stated.evidence + why)
    gap = (stated.date - max(events)).days
    if (
        gap > SUSPECT_GAP_DAYS
        and len(set(events)) >= SUSPECT_GAP_EVENTS
        and (max(events) - min(events)).days <= SUSPECT_SPAN_DAYS
        and not _anchored_on(stated.date, sentences, day_first)
    ):
        why = (
            f"; suspect: it lies {gap} days after every dated event the text reports as past "
            f"(latest {max(events)}, {len(events)} reported) and nothing in the text is dated "
            "relative to it"
        )
        return Dating(stated.date, "stated-suspect", stated.evidence + why)
    return stated


def reported_dates(sentences: Sequence[str], day_first: bool) -> list[dt.date]:
    """The full dates and months the text reports as past ("on 3 March 2019", "in May 2019")."""
    return [
        r.date
        for s in sentences
        for r in _refs(s, day_first)
        if not r.relative and r.precision in ("day", "month") and r.tense == "past"
    ]


def text_years(sentences: Sequence[str], day_first: bool) -> list[int]:
    """Years of the full, past (not scheduled) dates the text states ("9 October 2025")."""
    years: list[int] = []
    for s in sentences:
        for r in _refs(s, day_first):
            if not r.relative and not r.scheduled and r.precision == "day":
                years.append(r.date.year)
    return years


def infer_date(sentences: Sequence[str], hint: YearHint, day_first: bool) -> Dating | None:
    """The latest date the text reports in the past tense (never a scheduled or future-pointing
    mention, nor one whose clause leaves the tense open), moved to the following week when the
    text reports something as "last week"; the evidence gives the range the report lies in: from
    that date to the earliest date the text puts ahead, if any."""
    years = text_years(sentences, day_first)
    latest: tuple[dt.date, str, str] | None = None
    ahead: list[dt.date] = []
    for n, s in enumerate(sentences, 1):
        found: list[tuple[dt.date, str, str]] = []
        for r in _refs(s, day_first):
            if r.relative or r.precision != "day":
                continue
            if r.tense == "past":
                found.append((r.date, f'"{r.phrase}" (sentence {n})', ""))
            elif r.scheduled:
                ahead.append(r.date)
        for r in _month_day_refs(s, day_first):
            if r.tense != "past":
                continue
            date, note = _with_year(r.date.month, r.date.day, hint, years, r.phrase)
            found.append((date, f'"{r.phrase}" (sentence {n})', note))
        for item in found:
            if latest is None or item[0] > latest[0]:
                latest = item
    if latest is None:
        return None
    date, where, note = latest
    evidence = f"latest date the text reports as past: {where} -> {date}" + (
        f", {note}" if note else ""
    )
    for n, s in enumerate(sentences, 1):
        m = _LAST_WEEK.search(s)
        if m and not any(
            r.scheduled and r.start <= m.start() < r.end
            for r in extract(s, date, day_first=day_first)
        ):
            later = date - dt.timedelta(days=date.weekday()) + dt.timedelta(days=7)
            if later > date:
                evidence += f'; "last week" (sentence {n}): at least the following week -> {later}'
                date = later
            break
    upper = min((d for d in ahead if d > date), default=None)
    evidence += (
        f"; range {date} to {upper} (the earliest date the text puts ahead)"
        if upper is not None
        else f"; range: on or after {date}"
    )
    return Dating(date, "inferred", evidence)


def resolve_published(
    *,
    given: dt.date | None,
    date_lines: Sequence[DateLine],
    metadata: dt.date | None,
    sentences: Sequence[str],
    hint: YearHint,
    day_first: bool,
    source: str,
) -> Dating:
    """Apply the order given > stated > metadata > inferred; raise when none applies."""
    if given is not None:
        return Dating(given, "given", f"--published {given.isoformat()}")
    try:
        stated = stated_date(date_lines, hint, day_first, sentences) or dateline_date(
            sentences, hint, day_first
        )
        if stated is not None:
            return check_stated(stated, sentences, day_first)
        if metadata is not None:
            return Dating(metadata, "metadata", f"HTML metadata (htmldate): {metadata}")
        inferred = infer_date(sentences, hint, day_first)
    except IngestError as exc:
        raise IngestError(exc.message, file=source) from None
    if inferred is not None:
        return inferred
    raise IngestError(
        "no publication date: the page states none and the text has no explicit date "
        "(pass --published YYYY-MM-DD)",
        file=source,
    )
