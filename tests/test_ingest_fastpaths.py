"""The ingest speed-ups give exactly the answers of the simpler code they replace.

Each fast path (substring gates, tail checks, token-wise word runs, the flat YAML writer) is
compared with the plain regex or library call it stands for, on hand-picked edge cases and on
seeded random strings over an alphabet of the characters that matter.
"""

from __future__ import annotations

import random
import re
import sys
import unicodedata
from pathlib import Path

import pytest

from briefgen import yamlio
from briefgen.ingest import dedup, noise, split, text
from briefgen.ingest.dedup import Fingerprint, _shingles
from briefgen.nlp.patterns import Gated
from briefgen.nlp.sentences import normalize
from briefgen.nlp.similarity import _WORD, token_ids, token_shingles, words
from briefgen.store import atomic_write


def _strings(alphabet: list[str], count: int, longest: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out: list[str] = []
    for _ in range(count):
        out.append("".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))))
    return out


def _pyyaml(data: object) -> str:
    return yamlio.pyyaml_dump(data)


YAML_VALUES = [
    "Port strike ends",
    "2025-10-24",
    "2025",
    "yes",
    "No",
    "null",
    "~",
    "1e3",
    ".inf",
    "0x1F",
    "1:20",
    "- item",
    "-3 degrees",
    "? what",
    ": x",
    "a: b",
    "ends with:",
    "a #tag",
    "a#b",
    "#hash",
    "'quoted'",
    'say "hi"',
    "it's",
    " leading",
    "trailing ",
    "---",
    "...more",
    "[x]",
    "{x}",
    "@home",
    "`tick`",
    "%pct",
    "&anchor",
    "*star",
    "!bang",
    "|pipe",
    ">gt",
    "Emoji 😀 stays",
    "Zürich “quoted” – dash",
    'line 3: "Published on 24 October 2025"',
    "https://example.org/a?b=c#d",
    "<<",
    "=",
]


@pytest.mark.parametrize("value", YAML_VALUES)
def test_flat_yaml_matches_pyyaml(value: str) -> None:
    """The fast writer takes ordinary string and integer mappings and emits PyYAML's bytes."""
    data = {"title": value, "noise_lines": 3, "published": "2025-10-24"}
    fast = yamlio._dump_tree(data)
    assert fast is not None
    assert fast == _pyyaml(data) == yamlio.dump(data)


def test_flat_yaml_keeps_emoji_unescaped() -> None:
    """Emoji are written as themselves, as PyYAML's pure-Python emitter writes them."""
    assert yamlio.dump({"title": "Fans cheer 🎉"}) == "title: Fans cheer 🎉\n"


def test_flat_yaml_leaves_other_shapes_to_pyyaml() -> None:
    """Floats, multi-line strings, control characters, keys that resolve to another type and the
    empty mapping go to PyYAML; nested data, empty strings, booleans and null are written by the
    fast writer; either way the bytes are PyYAML's."""
    for data, fast in (
        ({"a": [1, 2]}, True),
        ({"a": {"b": "c"}}, True),
        ({"a": 0.5}, False),
        ({"a": ""}, True),
        ({"a": "two\nlines"}, False),
        ({"a": "tab\there"}, False),
        ({"a": True}, True),
        ({"a": None}, True),
        ({"yes": "key resolves to a bool"}, False),
        ({}, False),
    ):
        assert (yamlio._dump_tree(data) is not None) == fast, data
        assert yamlio.dump(data) == _pyyaml(data)


def test_flat_yaml_matches_pyyaml_on_random_strings() -> None:
    """Seeded random strings over YAML's indicator characters come out as PyYAML writes them."""
    alphabet = [
        *"aZ09 :#-?.,[]{}&*!|>'\"%@`~_+=/\\()“”’😀é\u00a0\t\n\x85\u2028\ufeff\x7f",
        "yes",
        "null",
    ]
    taken = 0
    for s in _strings(alphabet, 4000, 6, seed=7):
        data = {"title": s, "n": len(s)}
        fast = yamlio._dump_tree(data)
        if fast is not None:
            taken += 1
            assert fast == _pyyaml(data), data
    assert taken > 1000


def test_sentence_end_and_ellipsis_tail_checks_match_their_regexes() -> None:
    """``_ends_sentence`` and ``_truncated`` answer as ``_END`` and ``_TRUNCATED`` search."""
    alphabet = [*"a .!?…\"'”’»)]\n\t", "..."]
    cases = ["", "\n", "a.\n", "a.\n\n", "Done.”", "Wait…", "Read more ... ", "x)", "(x.)"]
    for s in cases + _strings(alphabet, 5000, 7, seed=3):
        assert noise._ends_sentence(s) == bool(noise._END.search(s)), repr(s)
        assert noise._truncated(s) == bool(noise._TRUNCATED.search(s)), repr(s)


def test_line_key_matches_the_regex_key() -> None:
    """Token-wise word runs give the same key as replacing non-word runs with one space."""
    key = re.compile(r"[^\w]+")
    alphabet = [*"aZé9_ .,-’'“”\t\n\u00a0\u2028²½ß", "İ", "ﬁ"]
    cases = ["", "  ", "Share: Facebook | X", "U.S.-led talks", "a_b c"]
    for s in [*cases, *_strings(alphabet, 5000, 10, seed=5)]:
        assert text._key(s) == key.sub(" ", s.lower()).strip(), repr(s)


def test_normalize_collapses_exactly_the_regex_whitespace() -> None:
    """``str.split`` whitespace is ``\\s``: normalize equals the regex collapse on every char."""
    ws = re.compile(r"\s+")
    for c in range(sys.maxunicode + 1):
        if 0xD800 <= c <= 0xDFFF:
            continue
        s = f" a{chr(c)}{chr(c)}b {chr(c)}"
        expected = ws.sub(" ", unicodedata.normalize("NFC", s)).strip()
        assert normalize(s) == expected, hex(c)


_OLD_LAST_WORD = re.compile(r"(?:^|\s)([A-Za-z’'-]{2,})$")


def test_last_word_scan_matches_the_pattern_it_replaces() -> None:
    """The rule splitter's last-word scan answers as the pattern it replaced."""
    alphabet = [*"aZ .!?“”\"'‘’()-`…\nA", "Mr.", "U.S.", "3.5", "..", " A "]
    for s in _strings(alphabet, 6000, 9, seed=11):
        tail = s + "x"  # _cuts asks only about text ending in a letter
        m = _OLD_LAST_WORD.search(tail)
        assert split._last_word(tail) == (m.group(1) if m else None), repr(tail)


def test_zip_shingles_equal_token_shingles() -> None:
    """Dedup's shingles are :func:`token_shingles` of the same tokens, for any length."""
    toks = words("The port strike ended on Monday after talks, officials said. " * 3)
    for n in range(len(toks) + 1):
        assert _shingles(toks[:n]) == token_shingles(toks[:n])


def test_ascii_words_match_the_unicode_word_pattern() -> None:
    """``words`` on ASCII text (a plain ``[a-z0-9]`` set) gives the tokens of the Unicode
    pattern it stands for."""
    alphabet = [*"aZ9_ .,-'\t\n!?\x0b", "don't", "U.S.", "x'"]
    for s in ["", "'", "a'b'c", "rock 'n' roll", *_strings(alphabet, 5000, 10, seed=7)]:
        assert words(s) == _WORD.findall(s.lower()), repr(s)


def _gated() -> list[tuple[str, Gated]]:
    import briefgen.nlp.boilerplate
    import briefgen.summarize.cues

    modules = [briefgen.nlp.boilerplate, briefgen.summarize.cues, noise]
    return [
        (f"{m.__name__}.{name}", value)
        for m in modules
        for name, value in vars(m).items()
        if isinstance(value, Gated)
    ]


def test_gated_case_fold_fast_path_answers_as_ignorecase() -> None:
    """A case-insensitive gated pattern run case-sensitively on lower-cased ASCII text finds
    the same matches as the pattern itself on the original text (and non-ASCII text, where
    case folding can reach ASCII letters, runs the pattern itself)."""
    gated = _gated()
    assert sum(g._folded is not None for _, g in gated) >= 4
    alphabet = [*"aZ .,:-'\n", "Photo", "GETTY", "Sign Up", "Reporting By", "ſ", "K", "İ"]
    words_ = [a for _, g in gated for a in g.anchors]
    rng = random.Random(13)
    texts = _strings(alphabet, 1500, 8, seed=17)
    texts += [" ".join(rng.choice(words_).upper() if rng.random() < 0.5 else rng.choice(words_)
                       for _ in range(rng.randint(1, 6))) for _ in range(1500)]  # fmt: skip
    for name, g in gated:
        for t in texts:
            low = t.lower()
            assert g.search(low, t) == (g._gate(low) and g.pattern.search(t) is not None), name
            expected = len(g.pattern.findall(t)) if g._gate(low) else 0
            assert g.count(low, t) == expected, (name, t)


def test_fingerprint_travels_packed_with_the_same_shingles() -> None:
    """A fingerprint pickled (as a worker sends it) has the same key, shingles and sample; the
    sample is exactly the shingles divisible by 4."""
    import pickle

    body = (("The port strike ended on Monday after talks, officials said.",) * 3,)
    fp = Fingerprint.of(body)
    back = pickle.loads(pickle.dumps(fp))
    assert back == fp and back.shingles == fp.shingles == _shingles(dedup._tokens(body))
    assert sorted(back.sampled) == sorted(h for h in fp.shingles if h % 4 == 0)
    assert back.size == len(fp.shingles)


def test_token_id_cache_gives_token_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    """The per-process token number cache gives :func:`token_ids`, also when it overflows and
    starts again."""
    monkeypatch.setattr(dedup, "_IDS", {})
    monkeypatch.setattr(dedup, "_IDS_MAX", 5)
    for toks in (["a", "b", "a"], ["c", "d", "e", "f", "g"], ["a", "z", "ü", "a"], []):
        assert dedup._token_ids(toks) == token_ids(toks)


def test_atomic_write_makes_missing_folders(tmp_path: Path) -> None:
    """A write into a folder that does not exist yet creates it and leaves no temp file."""
    target = tmp_path / "a" / "b" / "f.md"
    assert atomic_write(target, "x\n") is True
    assert target.read_text() == "x\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["f.md"]
    assert atomic_write(target, "x\n") is False
