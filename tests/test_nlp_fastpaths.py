"""The fast paths of sentence splitting and pattern handling give the answers of the slow ones:
regex gates never skip a pattern that could match, pysbd's rules applied through the gates give
pysbd's text, the abbreviation lookup picks pysbd's abbreviations, lazy patterns act compiled."""

from __future__ import annotations

import re
from typing import Any

import pytest
from pysbd.lang.english import English
from pysbd.utils import Rule

from briefgen.nlp import sentences
from briefgen.nlp.patterns import lazy
from briefgen.nlp.regate import gate

TEXTS = [
    "",
    "Plain words and nothing else",
    'He said "we will go." Then he left... The U.S. envoy, Mr. Okafor, met Dr. Tan at 3 p.m.',
    "İstanbul ıs ſo KELVIN \u212a; ǅ and ß; i.e. e.g. Ph.D. a.m. (a) (ii) 1. 2. 3) ∯ ♨ ☝ &ᓴ&",
    "Prices rose 3.5 percent -- the most since 2019 -- to $1,200; see fig. 2 (p. 14) and No. 5.",
    "‘Quoted,’ she said. “Double”! 'Single' ... (Paren.) [Bracket.] «Guillemet.» 「括弧」（丸）",
    "A.B.C. x. y.z. Co. KG St. Louis; Jan. 5, Sept. 3rd. 12:01 a.m. Eastern Time. file.pdf .jpg",
    "Line one\rline two\nline three.\tTabbed? Yes! Wow!! Really?! ..?",
    "Upper CASE ABBR. ETC. VS. Vs. vs. Nov. NOV. nov. INC. Inc. inc. etc.",
]


def _rules(obj: Any, seen: set[int] | None = None) -> list[Rule]:
    """Every pysbd ``Rule`` reachable from a language class's attributes."""
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return []
    seen.add(id(obj))
    if isinstance(obj, Rule):
        return [obj]
    found: list[Rule] = []
    if isinstance(obj, list | tuple):
        for item in obj:
            found += _rules(item, seen)
    elif isinstance(obj, type):
        for name in dir(obj):
            if not name.startswith("__"):
                found += _rules(getattr(obj, name), seen)
    return found


RULES = _rules(English)
PATTERNS = [str(rule.pattern) for rule in RULES] + [
    r"(?i)kelvin",
    r"(?i:ab)c",
    r"x(?=\d{2})",
    r"(?<=Co)\.(?=\sKG)",
    r"a|b|\.\.\.",
    r"[^abc]+",
    r"(?:ab)*c?",
    r"\bsince\s+$",
    r"(\w)\1",
    r"[A-Z]\.",
]


def test_pysbd_rules_are_found() -> None:
    """The rule list the tests below use is pysbd's English rules (dozens of them)."""
    assert len(RULES) > 40


@pytest.mark.parametrize("pattern", PATTERNS)
def test_gate_never_skips_a_pattern_that_matches(pattern: str) -> None:
    """A text the gate turns away holds no match, for pysbd's rules and tricky patterns
    (case folding, lookarounds, alternatives, optional parts, back references)."""
    test = gate(pattern)
    for text in TEXTS + [t.lower() for t in TEXTS] + [t.upper() for t in TEXTS]:
        if not test(text):
            assert re.search(pattern, text) is None, (pattern, text)


def test_gates_turn_away_texts_without_what_every_match_needs() -> None:
    """Gates do skip: a placeholder, a literal run, a required class, a lookahead's text."""
    assert not gate("∯")("no placeholder here")
    assert not gate(r"\.\.\.")("one. two.")
    assert not gate(r"(?<=Co)\.(?=\sKG)")("Co. Ltd")
    assert not gate(r"\d{1,2}(?=\)\s)")("no digits) here")
    assert gate(r"(?i)kelvin")("\u212aELVIN")  # case folding: the gate cannot tell, so it lets by


def _pysbd_apply(text: str, *rules: Rule) -> str:
    """pysbd's own ``Text.apply``."""
    for rule in rules:
        text = re.sub(rule.pattern, rule.replacement, text)
    return text


def test_gated_apply_gives_pysbds_text() -> None:
    """Each of pysbd's rules, applied through the gates, changes each text as pysbd does."""
    for text in TEXTS:
        for rule in RULES:
            assert sentences._apply(text, rule) == _pysbd_apply(text, rule), rule.pattern
        assert sentences._apply(text, *RULES) == _pysbd_apply(text, *RULES)


def test_abbreviation_lookup_matches_pysbds_filter() -> None:
    """The abbreviations looked at are those pysbd's loop would not skip, in its order."""
    for text in [*TEXTS, "ca. 5 no. 6 approx.", "vs.vs. st.st", "U.S.A. e.g., i.e. Ph.D"]:
        lowered = text.lower()
        expected = [
            stripped
            for _, stripped, plain in sentences._ABBREVIATIONS
            if stripped in lowered and not (plain and stripped + "." not in lowered)
        ]
        assert sentences._abbreviations_before_periods(lowered) == expected, text


def test_split_of_tricky_paragraphs_is_stable() -> None:
    """Sentences of paragraphs with abbreviations, quotes, lists and clock times."""
    split = sentences.split_sentences
    assert split('He said "we will go." Then he left.') == [
        'He said "we will go."',
        "Then he left.",
    ]
    assert split("The U.S. envoy met Mr. Okafor at 12:01 a.m. on Monday. Talks resume.") == [
        "The U.S. envoy met Mr. Okafor at 12:01 a.m. on Monday.",
        "Talks resume.",
    ]
    assert split("See fig. 2 and No. 5 in the report. It is long.") == [
        "See fig. 2 and No. 5 in the report.",
        "It is long.",
    ]


def test_lazy_pattern_acts_as_the_compiled_one() -> None:
    """A lazy pattern answers every method as ``re.compile`` does, before and after first use."""
    source = r"(?P<w>\w+)\s+(\d+)"
    pattern, compiled = lazy(source, re.IGNORECASE), re.compile(source, re.IGNORECASE)
    assert pattern.pattern == source
    assert pattern.groupindex == compiled.groupindex and pattern.flags == compiled.flags
    text = "Item 12 and item 7, ITEM 3"
    assert pattern.findall(text) == compiled.findall(text)
    assert pattern.sub("x", text) == compiled.sub("x", text)
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert pattern.search(text, 5).span() == compiled.search(text, 5).span()  # type: ignore[union-attr]
    assert pattern.groups == compiled.groups == 2
