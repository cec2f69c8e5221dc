"""The date scan reads a bounded stretch around each phrase, and finds exactly what the scan that
read the whole sentence for every phrase (tests/_scan_reference.py) found."""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from briefgen.nlp import temporal, tense
from briefgen.nlp import timex_patterns as tp
from briefgen.nlp.lookback import Runs, search_back
from briefgen.nlp.similarity import words as word_list
from briefgen.review import support
from briefgen.timeline import mentions
from tests import _scan_reference as ref
from tests.conftest import FIXTURES
from tests.test_temporal_gates import _GLUES, _WORDS, _hostile_texts

PUBLISHED = dt.date(2025, 11, 5)

_CLAUSE_WORDS = (
    "be", "Be", "been", "being", "BEıNG", "the", "a", "an", "its", "their", "my", "still",
    "ſtill", "quickly", "July", "increased", "reduced", "held", "will", "will be", "has",
    "has not", "had", "had decided to", "agreed to", "is set to", "was", "were", "said",
    "ended", "met", "but", "while", "after", "because", "that", "which", ", which", "—", "–",
    "-", "--", " – ", " — ", ";", ":", "(", "[", "]", ")", ",", "", "talks", "Orion", "No.",
    "about", "the first", "the previous", "on that", "same", "very", "since", "since mid-",
    "until", "payable", "due", "highest", "only", "in", "In", "On", "by", "late", "early",
    "x-be", "-the", "be~", "ed", "beed", "\n", "'s", "’",
)  # fmt: skip
_VOCABULARY = _WORDS + _CLAUSE_WORDS + _CLAUSE_WORDS  # clause words twice as often


def _long_texts(count: int, seed: int, words: int) -> list[str]:
    """Seeded long sentences: date words, clause words and odd glue, ``words`` pieces each."""
    rng = random.Random(seed)
    return [
        "".join(rng.choice(_VOCABULARY) + rng.choice(_GLUES) for _ in range(words)).strip()
        for _ in range(count)
    ]


def _texts() -> list[str]:
    sample = (FIXTURES / "timeline17" / "sentences.txt").read_text(encoding="utf-8").splitlines()
    joined = [" ".join(sample[i : i + 40]) for i in range(0, len(sample), 40)]
    return [
        *sample,
        *joined,
        *_hostile_texts(1500, 23),
        *_long_texts(300, 5, 40),
        *_long_texts(60, 6, 400),
    ]


@pytest.mark.parametrize("published", [PUBLISHED, None])
def test_scan_equals_the_whole_sentence_scan(published: dt.date | None) -> None:
    """On Timeline17 sentences (alone and 40 to a line), seeded hostile texts and long seeded
    sentences, scan returns the same TimeRefs (phrase, offsets, date, tense), skips and invalid
    counts as the reference, also with future weekdays from the report."""
    found = 0
    for text in _texts():
        for ahead in (frozenset(), frozenset({0, 4, 6})):
            a = temporal.scan(text, published, future_weekdays=ahead)
            b = ref.scan(text, published, future_weekdays=ahead)
            assert a == b, text
            found += len(a.refs)
    assert found > 3000  # the texts do exercise the rules


def test_clause_tense_equals_the_whole_prefix_reading() -> None:
    """At every rule match in the texts, clause_tense (with and without ``ahead``, with the
    sentence's runs and without) and the look-ahead past_after_in equal the readings of the
    whole prefix and the whole rest of the sentence."""
    checked = 0
    for text in _texts():
        runs = Runs(text)
        for _, pattern in tp._RULES:
            for m in pattern.finditer(text):
                s, e = m.span()
                for ahead in (False, True):
                    want = ref.clause_tense(text, s, e, ahead)
                    assert tense.clause_tense(text, s, e, ahead, runs) == want, (text, s)
                    assert tense.clause_tense(text, s, e, ahead) == want, (text, s)
                assert tense.past_after_in(runs, e) == tense.past_after(text[e:]), (text, e)
                checked += 1
    assert checked > 5000


_LOOK_BACK = (
    (tp._QUANTITY, 2, False),
    (tp._NAMED, 1, False),
    (tp._ANAPHORIC, 4, False),
    (tp._SUPERLATIVE, 5, False),
    (tp._DETERMINER, 1, False),
    (tp._DEADLINE, 1, True),
    (tp._SINCE, 2, False),
    (tp._ADVERBIAL, 1, True),
    (tense._FRONT, 2, True),
)


def test_bounded_look_back_answers_as_the_search_from_zero() -> None:
    """Each look-back pattern, searched from a few runs before every position of the texts,
    answers exactly as the search from position 0 (the run counts in temporal and tense)."""
    rng = random.Random(11)
    texts = _texts()
    hits = dict.fromkeys(range(len(_LOOK_BACK)), 0)
    counted = (
        "Talks ended the previous week, on that same Monday and by that very year; the "
        "following  month, since  that\tFriday, the Following\nYEAR and of that  same  week."
    )
    for text in [*rng.sample([t for t in texts if len(t) < 800], 300), counted]:
        runs = Runs(text)
        for i, (pattern, k, words) in enumerate(_LOOK_BACK):
            for end in range(len(text) + 1):
                want = pattern.search(text, 0, end) is not None
                lo = runs.back(end, k, words)  # the bound itself, also where search_back skips it
                assert (pattern.search(text, lo, end) is not None) == want, (pattern, text, end)
                assert search_back(pattern, runs, end, k, words) == want, (pattern, text, end)
                hits[i] += want
    assert all(hits.values()), hits  # every pattern matched somewhere


_HANG = textwrap.dedent(
    """
    import datetime as dt, sys
    from briefgen.nlp import temporal
    text = ("talks ended on Monday and " * (int(sys.argv[1]) // 26)).strip()
    found = temporal.scan(text, dt.date(2020, 1, 8))
    print(len(found.refs), sorted({(r.date.isoformat(), r.tense) for r in found.refs}))
    """
)


def test_long_sentence_scan_finishes() -> None:
    """A 400 KB sentence of date phrases (the whole-sentence scan took 53 s at 80 KB and grows
    with the square: some 20 minutes)
    is scanned in a subprocess well within a generous bound, with the dates and tenses the
    reference finds on a 4 KB one."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    done = subprocess.run(
        [sys.executable, "-c", _HANG, "400000"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=True,
    )
    small = ("talks ended on Monday and " * (4000 // 26)).strip()
    want = ref.scan(small, dt.date(2020, 1, 8))
    count, kinds = done.stdout.split(" ", 1)
    assert int(count) == 400000 // 26
    assert kinds.strip() == str(sorted({(r.date.isoformat(), r.tense) for r in want.refs}))
    assert temporal.scan(small, dt.date(2020, 1, 8)) == want


def _copying_breaks(sentence: str) -> list[tuple[int, int]]:
    """timeline.mentions._breaks at 9805c20: each boundary's rest of the sentence copied."""
    out = [m.span() for m in mentions._HARD_BREAK.finditer(sentence)]
    for m in mentions._SOFT_BREAK.finditer(sentence):
        word = m.group().strip(" ,").lower()
        rest = sentence[m.end() :]
        if word in mentions._ALWAYS_CLAUSE or mentions._VERB_AHEAD.match(rest):
            if word == "and" and mentions._NOT_A_CLAUSE.match(rest):
                continue
            out.append(m.span())
    return sorted(out)


def test_clause_breaks_equal_the_copying_reading() -> None:
    """The timeline's clause boundaries, matched in place, are those found on copies of each
    boundary's rest of the sentence, on the texts and on ones full of conjunctions and verbs."""
    rng = random.Random(8)
    glue = (" and ", ", and ", " but ", " while ", " after ", " as ", "; ", " – ", ": ", " ")
    verbs = ("was", "need", "hundred", "seed", "talks ended", "to go", "going", "2019", "Monday")
    extra = [
        "".join(rng.choice(verbs + _CLAUSE_WORDS) + rng.choice(glue) for _ in range(200))
        for _ in range(100)
    ]
    found = 0
    for text in _texts() + extra:
        want = _copying_breaks(text)
        assert list(mentions._breaks(text)) == want, text
        found += len(want)
    assert found > 10000


def _matched_drops(statement: list[str], sentence: list[str]) -> list[str]:
    """review.support._dropped_in at 9805c20: the matcher run on every sentence."""
    matcher = difflib.SequenceMatcher(None, sentence, statement, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    inside: list[str] = []
    for prev, nxt in itertools.pairwise(blocks):
        gap = sentence[prev.a + prev.size : nxt.a]
        if len(gap) <= support.MAX_GAP:
            inside.extend(w for w in gap if support.is_negation(w))
    kept = [w for w in statement if support.is_negation(w)]
    dropped: list[str] = []
    for w in inside:
        if w in kept:
            kept.remove(w)
        else:
            dropped.append(w)
    return dropped


def test_dropped_negations_equal_the_matcher_on_every_sentence() -> None:
    """check's dropped negations, with the matcher skipped for sentences holding no negation,
    or for a statement quoting a run of it word for word, equal the matcher's on fixture
    sentences and seeded trims and quotes of them."""
    rng = random.Random(4)
    sample = (FIXTURES / "timeline17" / "sentences.txt").read_text(encoding="utf-8").splitlines()
    dropped = 0
    for text in sample[:1500]:
        sentence = word_list(text)
        a = rng.randrange(len(sentence) + 1)
        b = rng.randrange(a, len(sentence) + 1)
        for statement in (
            [w for w in sentence if rng.random() < 0.8],
            [w for w in sentence if rng.random() < 0.95],
            sentence[a:b],  # a quote
            [*sentence[a:b], "not"],
            [*sentence[:a], "no", *sentence[b:]],
        ):
            want = _matched_drops(statement, sentence)
            assert support._dropped_in(statement, sentence) == want, text
            dropped += len(want)
    assert dropped > 10
