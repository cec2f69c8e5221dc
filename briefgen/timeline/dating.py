"""Dated mentions: every sentence of every article paired with each date it refers to.

This is the first step of both the product timeline and the benchmark harness. A sentence that names
a date (absolute, relative to its article's publication date, or scheduled) becomes one
:class:`Mention` per resolved date. Dates far from the article's own period are downgraded to year
precision (a retrospective "in October 2003" in a 2025 report) or dropped when implausible.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

import msgspec

from briefgen.model import Article, Sentence
from briefgen.nlp.temporal import Precision, scan_document

log = logging.getLogger(__name__)

FAR_DAYS = 2 * 366
"""Finer-than-year dates further than this from publication keep only year precision."""
MAX_YEARS_BACK = 150
MAX_YEARS_AHEAD = 10


class Mention(msgspec.Struct, frozen=True):
    """One sentence's reference to one date."""

    sentence: Sentence
    published: dt.date
    date: dt.date
    precision: Precision
    scheduled: bool
    phrase: str
    start: int
    end: int
    kind: str = ""
    """The temporal rule that found the phrase (``weekday``, ``ago``, ``mdy`` ...)."""


class MentionStats(msgspec.Struct, frozen=True):
    """What the date scan skipped, for the command's report."""

    mentions: int = 0
    skipped_relative: int = 0
    invalid: int = 0
    downgraded: int = 0
    dropped: int = 0


def collect_mentions(
    articles: Sequence[Article], *, day_first: bool = True
) -> tuple[tuple[Mention, ...], MentionStats]:
    """Every dated mention in ``articles`` (in article-id, sentence order) and the counts of what
    was skipped (relative without a date, impossible dates, far-away dates)."""
    out: list[Mention] = []
    skipped = invalid = downgraded = dropped = 0
    for article in sorted(articles, key=lambda a: a.id):
        pub = article.published
        sentences = article.sentences
        scans = scan_document([s.text for s in sentences], pub, day_first=day_first)
        for sentence, found in zip(sentences, scans, strict=True):
            skipped += found.skipped_relative
            invalid += found.invalid
            seen: set[tuple[dt.date, str]] = set()
            for ref in found.refs:
                date, precision = ref.date, ref.precision
                if not pub.year - MAX_YEARS_BACK <= date.year <= pub.year + MAX_YEARS_AHEAD:
                    dropped += 1
                    continue
                if precision != "year" and abs((date - pub).days) > FAR_DAYS:
                    date, precision = dt.date(date.year, 1, 1), "year"
                    downgraded += 1
                if (date, precision) in seen:
                    continue
                seen.add((date, precision))
                out.append(
                    Mention(
                        sentence=sentence,
                        published=pub,
                        date=date,
                        precision=precision,
                        scheduled=ref.scheduled,
                        phrase=ref.phrase,
                        start=ref.start,
                        end=ref.end,
                        kind=ref.kind,
                    )
                )
    stats = MentionStats(len(out), skipped, invalid, downgraded, dropped)
    if skipped or invalid or dropped:
        log.info(
            "dates: %d mentions; skipped %d relative, %d impossible, %d implausible",
            len(out),
            skipped,
            invalid,
            dropped,
        )
    return tuple(out), stats
