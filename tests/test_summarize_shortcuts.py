"""The summarizer's faster paths give the answers of the plain computations they replace: tokens
built from the lower-cased text, the ASCII date pre-filter, the clustering pair loop, the shared
word and tense caches, and the order parallel topics are run in."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import zlib
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import pytest

from briefgen.app.project import Project
from briefgen.app.summarize import summarize_project
from briefgen.model import Article, Citation
from briefgen.nlp.references.lexicon import _TOKEN, _spans, _Tok, _tokens
from briefgen.nlp.similarity import jaccard, sentence_words, words
from briefgen.nlp.tense import tense_cues
from briefgen.summarize import cues as cues_module
from briefgen.summarize.candidates import (
    _BUCKET_CAP,
    MERGE_SIMILARITY,
    Unit,
    cluster,
    conflicting,
)
from briefgen.summarize.cues import cues, surface_noise, text_tense

from conftest import make_article

TRICKY = [
    "He’s said the talks, which began in İstanbul, would resume on Monday.",
    "ΑΣ and ΑΣΑ: the Greek final sigma lowers by its context, σ or ς.",
    "The \u212aelvin sign lowers to an ASCII k; the KELVIN scale did not.",
    "Officials said 1,200 people were evacuated — 40% of the town’s residents.",
    "“We won’t accept it,” she said. Then they left.",
    "Tromsø’s mayor and Zürich’s council met in Ærøskøbing on 3 March.",
    "ﬁnal ligatures, full-width ＡＢＣ and Roman numerals Ⅻ stay single tokens.",
    "",
    "   ",
    "Σ",
    "İ",
]


def _plain_tokens(text: str) -> list[tuple[str, int, int, str, bool]]:
    """Each token with its offsets and lower case, computed one token at a time."""
    return [
        (
            m.group(),
            m.start(),
            m.end(),
            m.group().lower().replace("’", "'"),
            m.group()[:1].isalpha(),
        )
        for m in _TOKEN.finditer(text)
    ]


def _fast_tokens(text: str) -> list[tuple[str, int, int, str, bool]]:
    """:func:`_tokens` with :func:`_spans`' offsets, in the same shape."""
    spans = _spans(text)
    return [(t.text, a, b, t.low, t.word) for t, (a, b) in zip(_tokens(text), spans, strict=True)]


@pytest.mark.parametrize("text", TRICKY)
def test_tokens_equal_the_per_token_reading(text: str) -> None:
    """Tokens read from the lower-cased text equal tokens lower-cased one by one, with offsets."""
    assert all(type(t) is _Tok for t in _tokens(text))
    assert _fast_tokens(text) == _plain_tokens(text)


def test_tokens_equal_on_random_unicode() -> None:
    """Random strings over letters that lower oddly (İ, Σ, the Kelvin sign) tokenize the same."""
    rng = random.Random(16)
    alphabet = "aZ Σσς İi\u212ak’'.,-–1٣ Ωé\u00df\u0130\u03a3\t\n\u2028"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert _fast_tokens(text) == _plain_tokens(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Talks resume on Saturday.",
        "The MORNING session was cut.",
        "Nothing datable here at all.",
        "Figures for 2024 were revised.",
        "Figures for 202 were revised.",
        "The \u212ay WEE\u212a (Kelvin signs) and ſep (a long s).",
        "A déjà-vu on Monday.",
        "",
    ],
)
def test_date_prefilter_equals_the_regex(text: str) -> None:
    """The substring pre-filter answers as the case-insensitive regex does."""
    expected = bool(cues_module._DATEISH.search(text))
    assert cues_module._may_hold_date(text, text.lower()) is expected


def test_shared_caches_equal_fresh_readings() -> None:
    """Cached words, tense and noise tests equal the uncached functions."""
    for text in [*TRICKY, "Talks are expected to resume in Geneva on Saturday, officials said."]:
        assert sentence_words(text) == tuple(words(text))
        assert text_tense(text) == tense_cues(text)
        day = dt.date(2026, 2, 2)
        assert surface_noise(text) is cues(text, day, 2, 4, surface_only=True).noise


def _reference_cluster(all_units: Sequence[Unit]) -> list[list[int]]:
    """The clustering as first written (jaccard and conflicting called per pair)."""
    parent = list(range(len(all_units)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def sketch(ws: frozenset[str]) -> list[tuple[int, int]]:
        hs = sorted({zlib.crc32(w.encode("utf-8")) for w in ws})[:3]
        return [(hs[0], hs[1]), (hs[0], hs[2]), (hs[1], hs[2])] if len(hs) == 3 else []

    buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
    exact: dict[tuple[frozenset[str], frozenset[str]], int] = {}
    for i, u in enumerate(all_units):
        twin = exact.setdefault((u.words, u.numbers), i)
        if twin != i and all_units[twin].cite.article_id != u.cite.article_id:
            parent[find(i)] = find(twin)
            continue
        for key in sketch(u.words):
            bucket = buckets[key]
            for j in bucket:
                v = all_units[j]
                if v.cite.article_id == u.cite.article_id or conflicting(u.numbers, v.numbers):
                    continue
                if find(i) != find(j) and jaccard(u.words, v.words) >= MERGE_SIMILARITY:
                    parent[find(i)] = find(j)
            if len(bucket) < _BUCKET_CAP:
                bucket.append(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(all_units)):
        groups[find(i)].append(i)
    return sorted(groups.values(), key=lambda g: min(g))


def test_cluster_equals_the_reference_on_random_units() -> None:
    """The faster pair loop groups random units exactly as the original loop does."""
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(40)]
    figures = [frozenset(), frozenset({"12"}), frozenset({"40"}), frozenset({"12", "40"})]
    for _ in range(30):
        units = []
        for n in range(rng.randint(20, 120)):
            ws = frozenset(rng.sample(vocabulary, rng.randint(0, 9)))
            units.append(
                Unit(
                    cite=Citation(f"2026-01-0{rng.randint(1, 6)}-story", n + 1),
                    text=" ".join(sorted(ws)),
                    source=" ".join(sorted(ws)),
                    published=dt.date(2026, 1, 1),
                    position=n + 1,
                    of=200,
                    words=ws,
                    numbers=rng.choice(figures),
                )
            )
        assert cluster(units) == _reference_cluster(units)


def _topic_articles(topic: str, n: int) -> list[Article]:
    """``n`` articles of ``topic``, a day apart, each with a few dated sentences."""
    out = []
    for i in range(n):
        day = dt.date(2026, 3, 1) + dt.timedelta(days=i)
        out.append(
            make_article(
                f"2026-03-{day.day:02d}-{topic}-report-{i}",
                topic=topic,
                paragraphs=(
                    (
                        f"Negotiators for {topic.capitalize()} met in Geneva on {day:%d %B} to "
                        "discuss the ceasefire.",
                        f"Talks are expected to resume next week, officials said on {day:%A}.",
                        f"More than {100 + 10 * i} people have been displaced since the fighting "
                        "began.",
                    ),
                ),
                published=day,
            )
        )
    return out


def test_parallel_topics_biggest_first_same_output(project: Project, tmp_path: Path) -> None:
    """Topics of unequal size run in two processes (biggest first) write exactly what a serial
    run writes, and the report lists the topics in topic order."""
    sizes = {"alpha": 2, "beta": 7, "gamma": 4}
    for topic, n in sizes.items():
        for article in _topic_articles(topic, n):
            project.store.save_article(article)
    twin = tmp_path / "twin"
    shutil.copytree(project.root, twin)
    seen: list[str] = []
    parallel = summarize_project(project, jobs=2, progress=lambda i, n, slug: seen.append(slug))
    serial = summarize_project(Project.load(twin), jobs=1)
    assert [r.topic for r in parallel.results] == ["alpha", "beta", "gamma"]
    assert [r.state for r in parallel.results] == [r.state for r in serial.results]
    assert seen == ["beta", "gamma", "alpha"]
    for topic in sizes:
        ours = project.store.briefing_path(topic).read_bytes()
        assert (
            ours
            == (twin / project.store.briefing_path(topic).relative_to(project.root)).read_bytes()
        )
