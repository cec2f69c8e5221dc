"""The publication date of an article, and how it is known.

First that applies: ``--published`` (``given``); a date the page states on a label line such as
"Published on 24 October 2025" or a bare "05-11-2025" (``stated``; numeric dates read with
``Settings.day_first``); the HTML metadata (``metadata``, from htmldate); otherwise the latest
explicit date in the text, moved forward by relative cues such as "last week" (``inferred``).
Never the ingest day: when nothing applies, the source fails asking for ``--published``.

A date without a year takes it from ``--year``, then the topic's other articles, then the years
the text itself mentions, and the evidence says which.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.errors import IngestError
from briefgen.ingest.text import DateLine
from briefgen.model import PublishedBasis
from briefgen.nlp.temporal import TimeRef, extract

_MONTH_WORD = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")
_PROBE = dt.date(2000, 6, 15)
_PREFERRED = ("published", "posted", "first published", "date", "dated", "released", "")
_UPDATED = ("updated", "last updated", "modified", "last modified")
_LAST_WEEK = re.compile(r"\blast week\b", re.IGNORECASE)


@dataclass(frozen=True)
class Dating:
    """A publication date with its basis and the evidence for it."""

    date: dt.date
    basis: PublishedBasis
    evidence: str


@dataclass(frozen=True)
class YearHint:
    """Where a year for year-less dates can come from."""

    year: int | None = None
    """``--year``."""
    topic_latest: dt.date | None = None
    """The latest publication date among the topic's other articles."""


def _with_year(
    month: int, day: int, hint: YearHint, text_years: Sequence[int], phrase: str
) -> tuple[dt.date, str]:
    """A month-day made whole, and a note saying where the year came from."""
    if hint.year is not None:
        return dt.date(hint.year, month, day), f"year {hint.year} from --year"
    if hint.topic_latest is not None:
        ref = hint.topic_latest
        options = []
        for y in (ref.year - 1, ref.year, ref.year + 1):
            try:
                options.append(dt.date(y, month, day))
            except ValueError:
                continue
        best = min(options, key=lambda d: (abs((d - ref).days), d))
        return best, f"year {best.year} from the topic's other articles (latest {ref})"
    if text_years:
        y = max(text_years)
        return dt.date(y, month, day), f"year {y} inferred from the years the text mentions"
    raise IngestError(
        f'the date "{phrase}" has no year and nothing gives one (no --year, no other article '
        "in the topic, no full date in the text): pass --year or --published"
    )


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
        full = [r for r in extract(ln.text, None, day_first=day_first) if r.precision == "day"]
        if full:
            return Dating(full[0].date, "stated", f'line {ln.line}: "{ln.text}"')
        partial = _month_day_refs(ln.text, day_first)
        if partial:
            d = partial[0].date
            years = text_years(sentences, day_first)
            date, note = _with_year(d.month, d.day, hint, years, partial[0].phrase)
            return Dating(date, "stated", f'line {ln.line}: "{ln.text}" ({note})')
    return None


def text_years(sentences: Sequence[str], day_first: bool) -> list[int]:
    """Years of the full, past (not scheduled) dates the text states ("9 October 2025")."""
    years: list[int] = []
    for s in sentences:
        for r in extract(s, None, day_first=day_first):
            if not r.relative and not r.scheduled and r.precision == "day":
                years.append(r.date.year)
    return years


def infer_date(sentences: Sequence[str], hint: YearHint, day_first: bool) -> Dating | None:
    """The latest explicit past date in the text, moved to the following week when the text
    reports something as "last week" (the report is at least that much later)."""
    years = text_years(sentences, day_first)
    latest: tuple[dt.date, str, str] | None = None
    for n, s in enumerate(sentences, 1):
        found: list[tuple[dt.date, str, str]] = []
        for r in extract(s, None, day_first=day_first):
            if not r.relative and not r.scheduled and r.precision == "day":
                found.append((r.date, f'"{r.phrase}" (sentence {n})', ""))
        for r in _month_day_refs(s, day_first):
            if r.scheduled:
                continue
            date, note = _with_year(r.date.month, r.date.day, hint, years, r.phrase)
            found.append((date, f'"{r.phrase}" (sentence {n})', note))
        for item in found:
            if latest is None or item[0] > latest[0]:
                latest = item
    if latest is None:
        return None
    date, where, note = latest
    evidence = f"latest date in the text: {where} -> {date}" + (f", {note}" if note else "")
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
        stated = stated_date(date_lines, hint, day_first, sentences)
        if stated is not None:
            return stated
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
