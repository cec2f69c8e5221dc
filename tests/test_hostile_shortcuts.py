"""Every speed shortcut answers as its reference on hostile Unicode: letters that
case-insensitive matching reads as ASCII ones ("ſ", "ı", "İ", the Kelvin sign), full-width and
other digits, Unicode spaces, zero-width and bidi marks, combining marks, control characters,
curly quotes and pysbd's own placeholder symbols, mixed into Timeline17 sentences.

The seeded differential campaign these tests keep small ran hundreds of thousands of such texts
(the counts are in the fuzzeq report); each bug it found has a minimal example here."""

from __future__ import annotations

import datetime as dt
import importlib
import random
import re

import pytest

from briefgen.ingest.split import split_paragraph
from briefgen.nlp import boilerplate, temporal, tense
from briefgen.nlp.patterns import Gated, fold, gate_text
from briefgen.nlp.timex_patterns import _RULES

from conftest import FIXTURES, python_json

PUBLISHED = dt.date(2025, 11, 5)

_FOLDING = ["ſ", "ı", "İ", "\u212a", "ß", "ẞ", "\u212b", "ﬁ", "ﬀ", "ς", "Σ", "Ꭰ", "ꭰ", "ǅ", "Ω"]
_ODD = [
    *"٣３⁵①۲Ⅻ²",  # digits of other scripts, superscripts, circled and Roman numerals
    *"\u00a0\u2009\u3000\u2028\u2029\u0085\u1680\x0b\x0c\x1c\x1f\r\t\n",  # Unicode spaces
    *"\u200b\u200c\u200d\u2060\ufeff\u00ad",  # zero-width characters and joiners
    *"\u200e\u200f\u202a\u202e\u2066\u2069\u061c",  # bidi marks
    *"\u0301\u0308\u0307\u20dd",  # combining marks
    *"\x00\x01\x07\x1b\x7f\ufffd",  # NUL and other controls
    *"“”‘’«»′″`´\"'",  # quotes and primes
    *"。．！？（）「」∯♨☝ƪ…",  # pysbd's full-width marks and placeholders
]
_WORDS = [
    "January", "Sept.", "March", "May", "Monday", "Friday", "last", "next", "this", "night",
    "evening", "week", "month", "year", "ago", "today", "tonight", "tomorrow", "yesterday",
    "in", "the", "past", "since", "2011", "3", "21st", "2011-02-03", "three", "nineteen ninety",
    "said", "says", "is", "has", "had", "being", "will", "Editing by", "Reporting by", "Sign up",
    "Subscribe", "all rights reserved", "Photo:", "Reuters", "St.", "Mr.", "U.S.", "i.", "a)",
]  # fmt: skip


def _specialize(word: str, rng: random.Random) -> str:
    """``word`` with one letter swapped for a folding letter, or an odd character put in it."""
    if not word:
        return word
    i = rng.randrange(len(word))
    swap = {"s": "ſ", "S": "ſ", "i": "ı", "I": "İ", "k": "\u212a", "K": "\u212a"}
    if word[i] in swap and rng.random() < 0.6:
        return word[:i] + swap[word[i]] + word[i + 1 :]
    return word[:i] + rng.choice(_FOLDING + _ODD) + word[i:]


def _hostile(count: int, seed: int) -> list[str]:
    """Seeded Timeline17 sentences and date/cue word salad with hostile characters inside."""
    sample = (FIXTURES / "timeline17" / "sentences.txt").read_text("utf-8").splitlines()
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        if rng.random() < 0.5:
            words = rng.choice(sample).split(" ")
        else:
            words = [rng.choice(_WORDS) for _ in range(rng.randint(1, 10))]
        for _ in range(rng.randint(1, 4)):
            j = rng.randrange(len(words))
            words[j] = _specialize(words[j], rng)
        glue = [rng.choice([" ", " ", " ", rng.choice(_ODD)]) for _ in words]
        out.append("".join(w + g for w, g in zip(words, glue, strict=True)).strip())
    return out


def _gated() -> list[tuple[str, Gated]]:
    """Every gated pattern of the modules that define one."""
    names = ["briefgen.nlp.boilerplate", "briefgen.nlp.tense", "briefgen.summarize.cues"]
    names.append("briefgen.ingest.noise")
    return [
        (f"{name}.{attr}", value)
        for name in names
        for attr, value in vars(importlib.import_module(name)).items()
        if isinstance(value, Gated)
    ]


def test_fold_and_gate_text() -> None:
    """``fold`` reads the four folding letters as ASCII; ``gate_text`` folds only text holding
    one (and is the lower-cased text itself otherwise)."""
    assert fold("Laſt nıght İN \u212aabul") == "last night in kabul"
    low = "plain ascii"
    assert gate_text("Plain ASCII", low) is low
    low = "café “quoted”"
    assert gate_text("Café “quoted”", low) is low
    assert gate_text("Edİting by", "Edİting by".lower()) == "editing by"


@pytest.mark.parametrize(
    ("text", "check"),
    [
        ("Edİting by Jane Doe", boilerplate.furniture),
        ("Reportıng by Jane Doe", boilerplate.furniture),
        ("Sİgn up now", boilerplate.core_call_to_action),
        ("Subscrıbe now", boilerplate.call_to_action),
    ],
)
def test_gates_pass_folded_letters(text: str, check: object) -> None:
    """A gated case-insensitive pattern finds what it matches through a folding letter (the
    gate looked only in the lower-cased text, where "İ" and "ſ" hide the anchor)."""
    assert callable(check)
    assert check(text) is True


def test_gated_patterns_equal_their_bare_regex_on_hostile_text() -> None:
    """On 3,000 seeded hostile texts every gated pattern, called either way, finds what the bare
    regex finds (search and count)."""
    gated = _gated()
    assert sum(g._ignorecase for _, g in gated) >= 4
    for text in _hostile(3000, 5):
        low = text.lower()
        for name, g in gated:
            assert g.search(low, text) == (g.pattern.search(text) is not None), (name, text)
            assert g.count(low, text) == len(g.pattern.findall(text)), (name, text)
            assert g.search(low) == (g.pattern.search(low) is not None), (name, text)


def _plain_tense(text: str) -> tense.TenseReading:
    """``read_tense`` with every pattern run, no substring gate."""
    low = text.lower()
    perfect = tense.PERFECT.search(text) is not None
    passive = tense.PASSIVE.search(text) is not None
    return tense.TenseReading(
        future=tense.FUTURE.pattern.search(low) is not None,
        progressive=tense.PROGRESSIVE.search(text) is not None,
        perfect=perfect,
        pluperfect=tense.PLUPERFECT.search(text) is not None,
        passive=passive,
        present=tense.PRESENT.pattern.search(low) is not None,
        reporting=tense.REPORTING.pattern.search(text) is not None,
        past=len(tense.PAST_AUX.findall(low))
        + len(tense.PAST_VERB.findall(tense._masked(text, perfect, passive))),
    )


def test_tense_gates_equal_the_patterns_on_hostile_text() -> None:
    """``read_tense`` (substring gates in front of its patterns) equals every pattern run, on
    "İs bEİNG said", "ſays" and 3,000 seeded hostile texts."""
    assert tense.read_tense("The port İs bEİNG watched").passive is True
    assert tense.read_tense("He ſays so").reporting is True
    for text in _hostile(3000, 7):
        assert tense.read_tense(text) == _plain_tense(text), text


def _outcome(text: str, published: dt.date | None) -> temporal.Scan | str:
    try:
        return temporal.scan(text, published)
    except Exception as exc:  # both forms must fail alike
        return type(exc).__name__


def test_scan_gates_pass_folded_letters(monkeypatch: pytest.MonkeyPatch) -> None:
    """The date rules' anchors are looked for in the folded text: "this evenİng" and
    "tonıght" resolve as the plain rules resolve them, and 3,000 seeded hostile texts give the
    same scans with and without the gates."""
    assert [r.phrase for r in temporal.scan("We met this evenİng", PUBLISHED).refs] == [
        "this evenİng"
    ]
    assert [r.date for r in temporal.scan("It ends tonıght", PUBLISHED).refs] == [PUBLISHED]
    texts = _hostile(3000, 11)
    fast = [(_outcome(t, PUBLISHED), _outcome(t, None)) for t in texts]
    plain_rules = tuple(
        (kind, re.compile(p.pattern, p.flags), 0, frozenset(), frozenset(), ())
        for kind, p in _RULES
    )
    monkeypatch.setattr(temporal, "_GATED_RULES", plain_rules)
    monkeypatch.setattr(temporal, "_LOWER_ANCHORS", ("",))
    plain = [(_outcome(t, PUBLISHED), _outcome(t, None)) for t in texts]
    assert sum(len(s.refs) for s, _ in plain if isinstance(s, temporal.Scan)) > 300
    for text, a, b in zip(texts, fast, plain, strict=True):
        assert a == b, text
        assert not isinstance(a[0], str), text  # no exception either


def test_date_phrase_tense_reads_folded_letters() -> None:
    """A date phrase spelled with a folding letter carries its own tense as its ASCII spelling
    does ("laſt week" after "will" is past, as its resolved date is; it was read as future)."""
    for folded, plain in [
        ("Officials will meet laſt week.", "Officials will meet last week."),
        ("Officials will meet nExt week.", "Officials will meet next week."),
        (
            "They said it ends tomorrow, not yeſterday.",
            "They said it ends tomorrow, not yesterday.",
        ),
    ]:
        a, b = temporal.scan(folded, PUBLISHED).refs, temporal.scan(plain, PUBLISHED).refs
        assert [(r.date, r.tense) for r in a] == [(r.date, r.tense) for r in b], folded


_STOCK = """
import json, sys
import pysbd
from briefgen.nlp.sentences import normalize, _CLOCK_END, _GOES_ON
segmenter = pysbd.Segmenter(language="en", clean=False)
out = []
for p in json.load(sys.stdin):
    text = normalize(p)
    parts = [s for s in (normalize(x) for x in segmenter.segment(text)) if s] if text else []
    sentences = []
    for part in parts:
        if sentences and _CLOCK_END.search(sentences[-1]) and _GOES_ON.match(part):
            sentences[-1] = f"{sentences[-1]} {part}"
        else:
            sentences.append(part)
    out.append(sentences)
json.dump(out, sys.stdout)
"""

SPLIT_BUGS = [
    "It ended。 Then it rained.",  # full-width marks end a sentence for pysbd
    "It ended！ Then it rained． Fine？ Yes.",
    "He said it’s over.’",  # a closing single quote with no opening one
    "The players’ union.’ It ended.",
    "The ſt. ´1989 incident is over. It ended.",  # "ſt." is no abbreviation for pysbd here
    "He met the \u212ag. Then he left.",
]


def test_rule_splitter_equals_stock_pysbd_on_hostile_paragraphs() -> None:
    """``split_paragraph`` (its own boundaries in front of pysbd) gives the sentences of a stock
    pysbd run in a fresh interpreter, on the bugs the campaign found and 600 seeded hostile
    paragraphs."""
    rng = random.Random(3)
    texts = _hostile(1200, 13)
    paragraphs = SPLIT_BUGS + [
        " ".join(f"{t}{rng.choice(['.', '!', '?', '。', '.’', '.”', '...', ''])}" for t in pair)
        for pair in zip(texts[::2], texts[1::2], strict=True)
    ]
    expected = python_json(_STOCK, paragraphs)
    assert sum(len(s) for s in expected) > 1200
    for paragraph, sentences in zip(paragraphs, expected, strict=True):
        assert split_paragraph(paragraph) == sentences, paragraph
