"""The date rules' gates and fast forms find exactly what the plain rules find."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest

from briefgen.nlp import temporal
from briefgen.nlp.timex_patterns import _RULES

from conftest import FIXTURES

PUBLISHED = dt.date(2025, 11, 5)

_WORDS = (
    "Jan", "Jan.", "January", "Feb.", "February", "Mar", "March", "Marc", "Market", "Apr.",
    "April", "May", "may", "Mayor", "Jun", "June", "Junior", "Jul", "July", "Aug", "August",
    "Sep", "Sept", "Sept.", "Sep.", "September", "Oct.", "October", "Nov", "November", "Dec.",
    "December", "Decision", "JANUARY", "march", "1", "2", "3", "9", "12", "13", "21", "30",
    "31", "05", "1st", "2nd", "3rd", "4th", "22nd", "1999", "2001", "2019", "2025", "1850",
    "3000", "12/05/2025", "2025-11-04", "5.11.2025", "and", "to", "through", "until", "till",
    "-", "–", "—", "of", "between", "Between", "from", "From", "in", "In", "since", "by", "the",
    "The", "a", "A", "its", "his", "last", "next", "this", "Monday", "Friday", "Sunday",
    "monday", "morning", "night", "year", "years", "week", "month", "months", "day", "days",
    "ago", "within", "two", "three", "a couple of", "today", "yesterday", "tomorrow", "%",
    "per", "cent", "people", "troops", "GMT", "nineteen", "ninety-six", "thousand", "current",
    "fiscal", "past", "earlier", "said", "will", "was", "met", ",", ".", ":", ";", "(", ")",
    "'s", "’s", "x", "5", "0", "E", "İ", "ſ", "K", "laſt", "thiſ", "Tonight", "TOMORROW",
    "Yesterday", "previous", "following", "coming", "after", "before", "over", "during",
    "full", "whole", "calendar", "weekend", "the year", "the past year", "for the full year",
    "the current fiscal year", "within a couple of weeks", "in 3 days", "IN TWO WEEKS",
    "earlier this month", "next Monday", "this evening", "between March 2 and 6",
    "from 3 to 5 June", "Sept. 4", "1-3", "4–6", "2nd to 5th", "of May 2019", "in late 2009",
    "in mid-2010", "during 1999", "throughout 2001",
)  # fmt: skip
_GLUES = (" ", " ", " ", " ", "", "  ", "\t", "\n", "\xa0", "-", ", ", ".")


def _hostile_texts(count: int, seed: int) -> list[str]:
    """Seeded word salad of month, day, year and date words with odd glue between them."""
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        n = rng.randint(1, 12)
        parts = [rng.choice(_WORDS) + rng.choice(_GLUES) for _ in range(n)]
        texts.append("".join(parts).strip())
    return texts


_Rule = tuple[str, re.Pattern[str], int, frozenset[str], frozenset[str], tuple[()]]


def _plain_rules() -> tuple[_Rule, ...]:
    """Every rule run on every sentence, no gate and no shape: the reference."""
    return tuple(
        (kind, re.compile(pattern.pattern, pattern.flags), 0, frozenset(), frozenset(), ())
        for kind, pattern in _RULES
    )


def _outcome(text: str, published: dt.date | None) -> temporal.Scan | str:
    """What scan returns, or the name of what it raises (the same either way is the point)."""
    try:
        return temporal.scan(text, published)
    except Exception as exc:  # both forms must fail alike
        return type(exc).__name__


def _texts() -> list[str]:
    sample = (FIXTURES / "timeline17" / "sentences.txt").read_text(encoding="utf-8").splitlines()
    return sample + _hostile_texts(4000, 17)


@pytest.mark.parametrize("published", [PUBLISHED, None])
def test_gated_scan_equals_plain_scan(
    monkeypatch: pytest.MonkeyPatch, published: dt.date | None
) -> None:
    """On Timeline17 sentences and 4,000 seeded hostile texts, scan with its gates and shapes
    returns the same TimeRefs, skips and invalid counts as every plain rule on every text."""
    texts = _texts()
    fast = [_outcome(t, published) for t in texts]
    monkeypatch.setattr(temporal, "_GATED_RULES", _plain_rules())
    monkeypatch.setattr(temporal, "_LOWER_ANCHORS", ("",))  # no early exit either
    plain = [_outcome(t, published) for t in texts]
    found = sum(len(s.refs) for s in plain if isinstance(s, temporal.Scan))
    assert found > 1000  # the texts do exercise the rules
    for text, a, b in zip(texts, fast, plain, strict=True):
        assert a == b, text


def test_cased_anchors_found_in_one_pass() -> None:
    """The one-pass search for capitalised anchors finds exactly the anchors each text holds."""
    for text in _texts():
        expected = {a for a in temporal._CASED_ANCHORS if a in text}
        assert set(temporal._CASED.findall(text)) == expected, text
