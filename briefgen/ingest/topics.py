"""Topic assignment: ``--topic``, or the one topic whose keywords clearly match the article.

Never a silent guess: an article no topic matches, or that two topics match about equally, is a
usage error (exit 2) asking for ``--topic``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.errors import SchemaError, UsageError
from briefgen.model import Topic
from briefgen.nlp.similarity import words
from briefgen.store import check_slug


@dataclass(frozen=True)
class TopicChoice:
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


@dataclass(frozen=True)
class _Tokens:
    """An article's word tokens counted, and the distinct ones sorted (for prefix ranges)."""

    counts: Counter[str]
    distinct: list[str]

    @classmethod
    def of(cls, tokens: Sequence[str]) -> _Tokens:
        counts = Counter(tokens)
        return cls(counts, sorted(counts))


def _hits(keyword: str, tokens: _Tokens, text: str) -> int:
    """How often ``keyword`` occurs: a one-word keyword as a token, or (five letters or more) as
    the start of a token ("negotiat" in "negotiators"); a phrase as consecutive words."""
    kw = words(keyword)
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
    return len(re.findall(r"\b" + r"\s+".join(map(re.escape, kw)) + r"\b", text))


def match_topic(title: str, body: str, topics: Sequence[Topic], source: str) -> TopicChoice:
    """The topic whose keywords clearly match: at least two distinct keywords (or every keyword
    of a one-keyword topic), and at least twice as many distinct keywords as any other topic."""
    text = " ".join(words(f"{title} {body}"))
    tokens = _Tokens.of(text.split())  # counted once: one pass per keyword was most of ingest
    scored: list[tuple[int, int, str, list[str]]] = []
    for topic in topics:
        found = [f"{kw} ({n})" for kw in topic.keywords if (n := _hits(kw, tokens, text)) > 0]
        total = sum(int(f.rsplit("(", 1)[1][:-1]) for f in found)
        scored.append((len(found), total, topic.slug, found))
    scored.sort(key=lambda s: (-s[0], -s[1], s[2]))
    ask = "pass --topic SLUG"
    if not scored or scored[0][0] == 0:
        raise UsageError(f"no topic's keywords match this article; {ask}", file=source)
    best = scored[0]
    need = min(2, len(next(t for t in topics if t.slug == best[2]).keywords))
    runner_up = scored[1][0] if len(scored) > 1 else 0
    if best[0] < need:
        raise UsageError(
            f"only a weak match for topic {best[2]!r} ({', '.join(best[3])}); {ask}", file=source
        )
    if runner_up and best[0] < 2 * runner_up:
        tied = ", ".join(sorted(s[2] for s in scored if s[0] * 2 > best[0]))
        raise UsageError(f"ambiguous: topics {tied} all match; {ask}", file=source)
    return TopicChoice(best[2], f"keywords {', '.join(best[3])}")
