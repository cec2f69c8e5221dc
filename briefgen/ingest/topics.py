"""Topic assignment: ``--topic``, or the one topic whose keywords clearly match the article.

Never a silent guess: an article no topic matches, or that two topics match about equally, is a
usage error (exit 2) asking for ``--topic``. A keyword found in the title weighs ``TITLE_WEIGHT``,
in the lead (the first paragraph) ``LEAD_WEIGHT``, elsewhere 1 (a passing mention). Nor is an
article assigned by keywords when its dates lie months outside the topic's period
(:func:`time_gap`).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import msgspec

from briefgen.errors import SchemaError, UsageError
from briefgen.model import Topic
from briefgen.nlp.similarity import words
from briefgen.store import check_slug

TITLE_WEIGHT = 3
LEAD_WEIGHT = 2
GAP_DAYS = 90
"""An article matched by keywords is refused when all its dates lie more than this many days
before the topic's earliest stored article or after its latest."""


class TopicChoice(msgspec.Struct, frozen=True):
    """The chosen topic and the reason, as printed to the user."""

    slug: str
    reason: str


def check_topic(slug: str, topics: Sequence[Topic]) -> TopicChoice:
    """Validate ``--topic``: a safe slug that names a topic in topics.yaml."""
    try:
        check_slug(slug, "topic")
    except SchemaError as exc:
        raise UsageError(exc.message, field="--topic") from None
    known = sorted(t.slug for t in topics)
    if slug not in known:
        listed = ", ".join(known) if known else "none; add it to content/topics.yaml"
        raise UsageError(f"unknown topic {slug!r} (known: {listed})", field="--topic")
    return TopicChoice(slug, "--topic")


class _Tokens(msgspec.Struct, frozen=True):
    """A text's word tokens counted, and the distinct ones sorted (for prefix ranges): counted
    once per article, since one pass per keyword per topic was most of ingest's time."""

    text: str
    counts: Counter[str]
    distinct: list[str]

    @classmethod
    def of(cls, text: str) -> _Tokens:
        counts = Counter(text.split())
        return cls(text, counts, sorted(counts))


@lru_cache(maxsize=4096)
def _keyword(keyword: str) -> tuple[tuple[str, ...], re.Pattern[str] | None]:
    """A keyword's words, and the pattern of a phrase (read once per process, not per article,
    topic and part)."""
    kw = tuple(words(keyword))
    phrase = re.compile(r"\b" + r"\s+".join(map(re.escape, kw)) + r"\b") if len(kw) > 1 else None
    return kw, phrase


def _hits(keyword: str, tokens: _Tokens) -> int:
    """How often ``keyword`` occurs: a one-word keyword as a token, or (five letters or more) as
    the start of a token ("negotiat" in "negotiators"); a phrase as consecutive words."""
    kw, phrase = _keyword(keyword)
    if not kw:
        return 0
    if len(kw) == 1:
        word = kw[0]
        if len(word) < 5:
            return tokens.counts.get(word, 0)
        distinct, total = tokens.distinct, 0
        i = bisect_left(distinct, word)
        while i < len(distinct) and distinct[i].startswith(word):
            total += tokens.counts[distinct[i]]
            i += 1
        return total
    assert phrase is not None
    return len(phrase.findall(tokens.text))


def _weighted_hits(keyword: str, parts: Sequence[tuple[_Tokens, int]]) -> tuple[int, int]:
    """(weight, hits) of a keyword over (tokens, weight) parts: the weight of the heaviest part it
    occurs in, and its occurrences over all of them."""
    weight = hits = 0
    for tokens, w in parts:
        n = _hits(keyword, tokens)
        if n:
            hits += n
            weight = max(weight, w)
    return weight, hits


def match_topic(
    title: str, body: str, topics: Sequence[Topic], source: str, lead: str = ""
) -> TopicChoice:
    """The topic whose keywords clearly match: at least two distinct keywords (or every keyword
    of a one-keyword topic), and at least twice the weighted score of any other topic. A
    topic's score is the sum of its found keywords' weights: ``TITLE_WEIGHT`` when in the title,
    else ``LEAD_WEIGHT`` when in ``lead`` (the first paragraph; ``body`` is the rest), else 1."""
    parts = [
        (_Tokens.of(" ".join(words(title))), TITLE_WEIGHT),
        (_Tokens.of(" ".join(words(lead))), LEAD_WEIGHT),
        (_Tokens.of(" ".join(words(body))), 1),
    ]
    scored: list[tuple[int, int, int, str, list[str]]] = []
    for topic in topics:
        found: list[str] = []
        weight = total = 0
        for kw in topic.keywords:
            w, n = _weighted_hits(kw, parts)
            if n:
                found.append(f"{kw} ({n})")
                weight, total = weight + w, total + n
        scored.append((weight, len(found), total, topic.slug, found))
    scored.sort(key=lambda s: (-s[0], -s[1], -s[2], s[3]))
    ask = "pass --topic SLUG"
    if not scored or scored[0][1] == 0:
        raise UsageError(f"no topic's keywords match this article; {ask}", file=source)
    best = scored[0]
    need = min(2, len(next(t for t in topics if t.slug == best[3]).keywords))
    runner_up = scored[1][0] if len(scored) > 1 else 0
    if best[1] < need:
        raise UsageError(
            f"only a weak match for topic {best[3]!r} ({', '.join(best[4])}); {ask}", file=source
        )
    if runner_up and best[0] < 2 * runner_up:
        tied = ", ".join(sorted(s[3] for s in scored if s[0] * 2 > best[0]))
        raise UsageError(f"ambiguous: topics {tied} all match; {ask}", file=source)
    return TopicChoice(best[3], f"keywords {', '.join(best[4])}")


def _months(earlier: dt.date, later: dt.date) -> str:
    n = max(1, (later.year - earlier.year) * 12 + later.month - earlier.month)
    return f"{n} month" if n == 1 else f"{n} months"


def _span(lo: dt.date, hi: dt.date) -> str:
    if (lo.year, lo.month) == (hi.year, hi.month):
        return f"{lo:%B %Y}"
    return f"{lo:%B %Y} – {hi:%B %Y}"


def time_gap(
    choice: TopicChoice, dates: Sequence[dt.date], period: tuple[dt.date, dt.date] | None
) -> str | None:
    """Why an article matched to ``choice`` by keywords must not be assigned silently: all its
    ``dates`` (the dates its text reports as past, and its publication date) lie more than
    ``GAP_DAYS`` before or after the topic's ``period`` (its stored articles' publication
    dates); ``None`` when they do not, or nothing is known."""
    if not dates or period is None:
        return None
    lo, hi = min(dates), max(dates)
    start, end = period
    topic = f"the topic's articles ({start:%b %Y} – {end:%b %Y})"
    if hi < start - dt.timedelta(days=GAP_DAYS):
        where = f"{_months(hi, start)} before {topic}"
    elif lo > end + dt.timedelta(days=GAP_DAYS):
        where = f"{_months(end, lo)} after {topic}"
    else:
        return None
    return (
        f"matched topic {choice.slug!r} by {choice.reason}, but its events are in "
        f"{_span(lo, hi)}, {where}; pass --topic to assign it"
    )
