"""Ingest building blocks: slugs, topic matching, the duplicate index and the fast sentence
splitter (which must agree with pysbd wherever it is used)."""

from __future__ import annotations

import re

import pytest

from briefgen.errors import UsageError
from briefgen.ingest.dedup import DedupIndex, Fingerprint
from briefgen.ingest.prepare import slugify
from briefgen.ingest.split import _safe, split_paragraph
from briefgen.ingest.topics import check_topic, match_topic
from briefgen.model import Topic
from briefgen.nlp.sentences import normalize, split_sentences

from conftest import FIXTURES, make_article


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Talks resume in Istanbul", "talks-resume-in-istanbul"),
        ("Türkiye & Qatar: “mediation” works!", "turkiye-qatar-mediation-works"),
        ("../../etc/passwd", "etc-passwd"),
        ("日本語", "article"),
        ("a " * 80, "a"),
        (
            "Afghanistan and Pakistan Set for Critical Ceasefire Talks in Istanbul Amid Mistrust",
            "afghanistan-and-pakistan-set-for-critical-ceasefire-talks",
        ),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    """Slugs are [a-z0-9-], ASCII-folded, bounded at a word edge without a dangling stopword,
    never empty or a path."""
    out = slugify(title)
    assert out == slug
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", out) and len(out) <= 60


TOPICS = [
    Topic.validate(dict(slug="ports", title="Ports", keywords=("strike", "dock", "port"))),
    Topic.validate(dict(slug="storms", title="Storms", keywords=("storm", "flood", "rain"))),
]


def test_match_topic_clear() -> None:
    """Two or more keywords of one topic and none of another pick it, with counts as reason."""
    choice = match_topic("Dock strike", "The strike at the dock went on.", TOPICS, "s")
    assert (choice.slug, choice.reason) == ("ports", "keywords strike (2), dock (2)")


def test_match_topic_weak_or_ambiguous() -> None:
    """One keyword only, or two topics alike, is a usage error asking for --topic."""
    with pytest.raises(UsageError, match="weak match"):
        match_topic("A strike", "Workers went on strike.", TOPICS, "s")
    with pytest.raises(UsageError, match="ambiguous: topics ports, storms"):
        match_topic("Bad weekend", "A storm and flood hit the dock during the strike.", TOPICS, "s")


def test_match_topic_title_and_lead_weigh_more() -> None:
    """A keyword in the title (x3) or the lead (x2) outweighs passing mentions elsewhere: the
    same words that tie in the body pick the topic the title or the lead is about."""
    body = "A storm and flood hit the dock during the strike."
    assert match_topic("Storm", body, TOPICS, "s").slug == "storms"
    choice = match_topic(
        "Bad weekend",
        "Later the dock and the strike were mentioned.",
        TOPICS,
        "s",
        lead="A storm and a flood hit the coast.",
    )
    assert (choice.slug, choice.reason) == ("storms", "keywords storm (1), flood (1)")
    with pytest.raises(UsageError, match="ambiguous"):
        match_topic("Bad weekend", body + " " + "Later the dock and the strike.", TOPICS, "s")


def test_check_topic() -> None:
    """--topic must be a known, safe slug."""
    assert check_topic("ports", TOPICS).slug == "ports"
    with pytest.raises(UsageError, match="not valid"):
        check_topic("a/b", TOPICS)
    with pytest.raises(UsageError, match="unknown topic 'x'"):
        check_topic("x", TOPICS)


def _body(seed: int, n: int = 60) -> tuple[tuple[str, ...], ...]:
    return ((" ".join(f"w{seed}x{i} story" for i in range(n)) + ".",),)


def test_dedup_index_exact_near_and_unrelated() -> None:
    """Same words (any layout) is exact; a small edit is near; a different body is neither."""
    index = DedupIndex(0.9)
    first = make_article("2025-01-01-a", paragraphs=_body(1))
    index.add(first)
    assert index.find(Fingerprint.of(_body(1)), "0" * 64) is not None
    exact = index.find(Fingerprint.of(((first.paragraphs[0][0].upper(),),)), "0" * 64)
    assert exact is not None and exact.exact and exact.article_id == "2025-01-01-a"
    edited = ((first.paragraphs[0][0][:-1] + " extra.",),)
    near = index.find(Fingerprint.of(edited), "1" * 64)
    assert near is not None and not near.exact and 0.9 <= near.similarity < 1
    assert index.find(Fingerprint.of(_body(2)), "2" * 64) is None


def test_dedup_index_only_compares_candidates() -> None:
    """Unrelated articles share no sampled shingle, so they are never compared."""
    index = DedupIndex(0.9)
    for k in range(50):
        index.add(make_article(f"2025-01-01-a{k}", paragraphs=_body(k + 10)))
    sample = [h for h in index.shingles("2025-01-01-a0") if h % 4 == 0]
    sharing = {aid for h in sample for aid in index.posted(h)}
    assert sharing == {"2025-01-01-a0"}


def _paragraphs() -> list[str]:
    paras: list[str] = []
    for page in sorted((FIXTURES / "noisy").glob("*.expected")):
        paras += page.read_text(encoding="utf-8").split("\n\n")[1:]
    for seed in sorted((FIXTURES / "seeds").glob("*.txt")):
        paras += [p for p in seed.read_text(encoding="utf-8").splitlines() if len(p) > 60]
    sample = FIXTURES / "timeline17" / "sentences.txt"
    sents = [s.strip() for s in sample.read_text(encoding="utf-8").splitlines() if s.strip()]
    paras += [" ".join(sents[i : i + 3]) for i in range(0, len(sents), 3)]
    return [normalize(p) for p in paras if p.strip()]


def test_fast_split_agrees_with_pysbd() -> None:
    """Wherever the rule splitter accepts a paragraph, it splits exactly as pysbd does."""
    accepted = 0
    for p in _paragraphs():
        fast = _safe(p)
        if fast is not None:
            accepted += 1
            assert fast == split_sentences(p), p
    assert accepted >= 20


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Smith went to Washington. He met the U.S. envoy at 3.5 p.m. on Friday.",
        "“We will see,” he said. “Perhaps.” Then he left...",
        "The talks ended. Both sides left.",
    ],
)
def test_split_paragraph_matches_pysbd(text: str) -> None:
    """split_paragraph always returns what pysbd returns (ambiguous text goes to pysbd)."""
    assert split_paragraph(text) == split_sentences(text)


def test_dedup_shingles_match_shared_definition() -> None:
    """The index's shingles are exactly briefgen.nlp.similarity.shingles of the body."""
    from briefgen.ingest.dedup import _shingles, _tokens
    from briefgen.nlp.similarity import shingles

    paras = (("Talks resumed on Thursday in Istanbul.", "Both sides attended."), ("Short.",))
    text = "\n\n".join(" ".join(p) for p in paras)
    assert _shingles(_tokens(paras)) == shingles(text)
    assert _shingles(_tokens((("Two words",),))) == shingles("Two words")


def test_hybrid_split_agrees_with_pysbd_everywhere() -> None:
    """split_paragraph (rule cuts, pysbd on the rest) equals pysbd on every corpus paragraph."""
    for p in _paragraphs():
        assert split_paragraph(p) == split_sentences(p), p
