"""The shared tokenizer and set measures of briefgen.nlp.similarity."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterator

import pytest

from briefgen.nlp.similarity import containment, jaccard, shingles, token_shingles, words

from conftest import FIXTURES

_REF_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def _reference_words(text: str) -> list[str]:
    """words() as first written: NFKD of the lower-cased text, every combining mark dropped."""
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return [w.replace("’", "'") for w in _REF_WORD.findall(folded)]


_HAND_WRITTEN = [
    "",
    "   ",
    "Talks resumed on Thursday.",
    "Café São Paulo, naïve façade, Zürich, Ångström, Łódź, Dvořák",
    "Don’t say it’s over — they’re ‘fine’ and “calm”; rock ’n’ roll",
    "o'clock 'quoted' it''s ''",
    "Prices rose 4.5% to $1,200 in 2024-25; 3rd quarter, ½ and ² and Ⅻ",
    "日本語のテキスト、中文文本。한국어 텍스트",
    "Ελληνικά: Άρης, ΰ; Русский: Йошкар-Ола, ёлка",
    "مُحَمَّد رَسُول اللَّه",
    "שָׁלוֹם עֲלֵיכֶם",
    "हिन्दी भाषा और संस्कृत",
    "ภาษาไทย ที่มี วรรณยุกต์",
    "e\u0301te\u0301 cafe\u0300 a\u034fb x\u20ddy q\u0361u",
    "Ｆｕｌｌ ｗｉｄｔｈ ㎒ ﬁne ﬂow ǅemal İstanbul \u212aelvin",
    "snake_case under_score __dunder__",
    "tab\tseparated\nnew line\u00a0nbsp\u2009thin",
    "emoji 👍🏽 family 👨‍👩‍👧 flag 🇺🇦 end",
    "Mixed ASCII and é in one: résumé vs resume",
]


def _timeline17_sentences() -> list[str]:
    """The Timeline17 sample: 600 sentences of each development collection."""
    path = FIXTURES / "timeline17" / "sentences.txt"
    return path.read_text(encoding="utf-8").splitlines()


def _fixture_lines() -> Iterator[str]:
    """Every line of every text fixture (noisy pages, HTML, stored articles, labeled data)."""
    for path in sorted(FIXTURES.rglob("*")):
        if path.is_file() and path.suffix in {".txt", ".expected", ".html", ".md", ".jsonl"}:
            yield from path.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("text", _HAND_WRITTEN)
def test_words_matches_reference_on_unicode_cases(text: str) -> None:
    """words() gives the original tokenizer's tokens on accents, quotes, digits, CJK and marks."""
    assert words(text) == _reference_words(text)


def test_words_matches_reference_on_fixtures() -> None:
    """words() gives the original tokenizer's tokens on every line of the test fixtures."""
    lines = list(_fixture_lines())
    assert len(lines) > 500
    for line in lines:
        assert words(line) == _reference_words(line), line


def test_words_matches_reference_on_timeline17() -> None:
    """words() gives the original tokenizer's tokens on 3,000 Timeline17 news sentences."""
    sentences = _timeline17_sentences()
    assert len(sentences) == 3_000
    for sentence in sentences:
        assert words(sentence) == _reference_words(sentence), sentence


def test_words_matches_reference_on_every_code_point() -> None:
    """words() equals the original tokenizer with each assigned, non-private Unicode character
    between two letters (unassigned and private-use ones have no case, decomposition or mark)."""
    chars = [
        chr(cp)
        for cp in range(sys.maxunicode + 1)
        if unicodedata.category(chr(cp)) not in {"Cn", "Co", "Cs"}
    ]
    assert len(chars) > 100_000
    for start in range(0, len(chars), 2048):
        chunk = " ".join(f"a{ch}b" for ch in chars[start : start + 2048])
        assert words(chunk) == _reference_words(chunk), hex(ord(chars[start]))


def test_words_folds_accents_and_apostrophes() -> None:
    """Accents fold to the base letter, curly apostrophes to straight, inner ones are kept."""
    assert words("Naïve CAFÉ don’t 'quote'") == ["naive", "cafe", "don't", "quote"]
    assert words("مُحَمَّد") == ["محمد"]


def test_jaccard_and_containment_take_any_hashable_items() -> None:
    """The set measures work on words, integer shingle hashes and tuples alike."""
    assert jaccard({"a", "b"}, ["b", "c"]) == pytest.approx(1 / 3)
    assert jaccard(frozenset({1, 2, 3}), frozenset({2, 3, 4})) == 0.5
    assert jaccard([], []) == 0.0
    assert containment([(1, 2)], {(1, 2), (3, 4)}) == 1.0
    assert containment({1, 2, 3, 4}, [1]) == 0.25
    assert containment((), [1]) == 1.0


def test_token_shingles_are_the_shingles_of_the_text() -> None:
    """token_shingles(words(t)) == shingles(t), including texts shorter than n and empty ones."""
    for text in ("Talks resumed on Thursday in Istanbul.", "Two words", ""):
        assert token_shingles(words(text)) == shingles(text)
    assert token_shingles([]) == frozenset()
    assert len(token_shingles(["a", "b", "c", "d", "e"])) == 2


def test_shingle_hashes_are_the_same_in_every_process() -> None:
    """Shingle hashes (and so the near-duplicate sample) do not depend on PYTHONHASHSEED."""
    code = "from briefgen.nlp.similarity import shingles; print(sorted(shingles('a b c d e f')))"
    out = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(out) == 1
    assert out == {f"{sorted(shingles('a b c d e f'))}\n"}
