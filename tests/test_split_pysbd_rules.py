"""pysbd's costliest patterns, rewritten literal first or gated by a sharper necessary condition
(``briefgen.nlp.pysbd_rules``), find exactly what pysbd's find, and the segmenter built on them
splits as a stock pysbd in a fresh interpreter does."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

from briefgen.nlp import sentences
from briefgen.nlp.pysbd_lists import list_pass_acts, may_hold_items
from briefgen.nlp.pysbd_rules import FASTER, NEEDS, literal_first

from conftest import python_json

FIXTURES = Path(__file__).parent / "fixtures"

# pieces of the constructs the patterns look for: list markers, numbers before and after
# periods, initials, ellipses and spaced periods, file extensions, references, placeholders
_BITS = [
    "a.", "b.", "c)", "(b)", "iv)", "ii.", "x.", "1.", "2.", "12.", "3)", "4)", "-5.", "⁃6.",
    "s-7.)", "3.5", "e.g.", "a.m.", "U.S.", "A.", "J.", ".", "..", "...", "....", ". . .",
    " . . . ", "∯", "[12]", ".[3]", ".12 ", "jpg", ".pdf ", " .txt ", "word", "The", "He",
    "fig.", "_", "x_y.z", "d. . . .", "\\n",
    " Mr", " Gen", " jan", " No", " p", " U.S", "Co", " KG", ":5", "°", "I'm",
    "?", "!", ",", "(", ")", " ", " ", " ", "\r", "\n", "\t",
]  # fmt: skip


def _texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_BITS) for _ in range(rng.randint(1, 16))) for _ in range(count)]


def _matches(pattern: str, text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in re.finditer(pattern, text)]


def test_faster_forms_find_the_same_matches() -> None:
    """Each literal-first form finds the same spans and groups as pysbd's pattern, so every
    substitution and findall gives pysbd's result (seeded texts of the constructs they match)."""
    texts = _texts(7, 6000)
    for pattern, fast in FASTER.items():
        assert fast != pattern and fast.startswith(r"\.")
        found = 0
        for text in texts:
            expected = _matches(pattern, text)
            assert _matches(fast, text) == expected, (pattern, text)
            found += bool(expected)
        assert found > 10, pattern  # the texts exercise the pattern


def test_every_literal_first_rewrite_finds_the_same_matches() -> None:
    """Every pattern the segmenter rewrites literal first (pysbd's rules and the abbreviation
    pass's per-abbreviation patterns) finds the same spans and groups as written; a repeated
    "." after the lookbehind is left as it is."""
    rewritten: dict[str, str] = {}
    gated = sentences._gated

    def spy(pattern: Any, flags: int) -> Any:
        text = pattern if isinstance(pattern, str) else pattern.pattern
        fast = literal_first(text)
        if fast is not None:
            rewritten[text] = fast
        return gated(pattern, flags)

    sentences._gated = spy  # type: ignore[assignment]
    try:
        for text in [
            "Mr. Li met Gen. Ahn and Sen. Ko in Jan. at No. 5, p. 3, U.S. Co. KG.",
            *_texts(1, 300),
        ]:
            sentences.split_sentences(text)
    finally:
        sentences._gated = gated
    assert len(rewritten) > 8  # the abbreviation pass alone builds more than that
    assert literal_first(r"(?<=\S)\.{3}(?=\.\s[A-Z])") is None
    texts = _texts(13, 3000)
    for pattern, fast in rewritten.items():
        for text in texts:
            assert _matches(fast, text) == _matches(pattern, text), (pattern, text)


def test_needs_hold_wherever_pysbd_patterns_match() -> None:
    """No text in which a pysbd pattern matches fails that pattern's need, so skipping the
    pattern when its need finds nothing changes nothing; the needs do skip most texts."""
    texts = _texts(11, 6000)
    for pattern, need in NEEDS.items():
        found = skipped = 0
        for text in texts:
            if re.search(pattern, text):
                assert need.search(text), (pattern, text)
                found += 1
            skipped += need.search(text) is None
        assert found > 10, pattern
        assert skipped > 0, pattern


def test_keys_are_patterns_pysbd_runs() -> None:
    """Every rewritten or gated pattern is one pysbd's English rules or list pass define."""
    from pysbd.lang.english import English
    from pysbd.lists_item_replacer import ListItemReplacer
    from pysbd.utils import Rule

    defined: set[str] = set()

    def collect(obj: object, depth: int = 0) -> None:
        for name in dir(obj):
            if name.startswith("_"):
                continue
            value = getattr(obj, name)
            if isinstance(value, str):
                defined.add(value)
            elif isinstance(value, Rule):
                defined.add(value.pattern)
            elif isinstance(value, type) and depth < 2:
                collect(value, depth + 1)

    collect(English)
    collect(ListItemReplacer)
    assert set(FASTER) | set(NEEDS) <= defined


_STOCK = """
import json, sys
import pysbd
paragraphs = json.load(sys.stdin)
segmenter = pysbd.Segmenter(language="en", clean=False)
json.dump([segmenter.segment(p) for p in paragraphs], sys.stdout)
"""


def test_segmenter_splits_as_stock_pysbd() -> None:
    """briefgen's segmenter (cached, gated and rewritten patterns) gives the sentences of a
    stock pysbd run in a fresh interpreter, on the Timeline17 sample and on seeded texts full
    of list markers, numbers, initials, ellipses and references."""
    lines = (FIXTURES / "timeline17" / "sentences.txt").read_text("utf-8").splitlines()
    sample = [" ".join(lines[i : i + 3]) for i in range(0, len(lines), 3)]
    rng = random.Random(3)
    words = ["The talks", "he said", "Officials", "in 2010", "rose", "at"]
    fuzz = [
        " ".join(rng.choice([*words, t]) for _ in range(rng.randint(1, 5))).strip() + "."
        for t in _texts(5, 1500)
    ]
    paragraphs = [p for p in sample + fuzz if p.strip()]
    ours = [sentences._segmenter().segment(p) for p in paragraphs]
    assert ours == python_json(_STOCK, paragraphs)
    assert sum(len(s) for s in ours) > 3000


def test_list_pass_acts_only_where_it_says() -> None:
    """Where ``list_pass_acts`` says pysbd's list pass leaves a text alone, pysbd's own pass
    returns it unchanged; the texts exercise items it leaves alone (no two in a row) and ones
    it acts on."""
    from pysbd.lists_item_replacer import ListItemReplacer

    rng = random.Random(17)
    bits = [
        "a.", "b.", "c.", "(a)", "(b)", "(d)", "i)", "ii)", "iv)", "(v)", "x.", "1.", "2.",
        "3)", "4)", "9.", "0.", "12.", "p.m.", "The", "talks", " ", " ", " ", "-", "♨",
    ]  # fmt: skip
    alone = acted = 0
    for _ in range(20_000):
        text = "".join(rng.choice(bits) for _ in range(rng.randint(1, 12))).strip()
        if not text:
            continue
        if list_pass_acts(text):
            acted += 1
        else:
            assert ListItemReplacer(text).add_line_break() == text, text
            alone += may_hold_items(text)
    assert alone > 1000 and acted > 1000
