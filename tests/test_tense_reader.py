"""The shared tense reader: each grammatical cue, read once, and the views over it."""

from __future__ import annotations

from typing import Any

import pytest
from msgspec.structs import replace

from briefgen.nlp.tense import TenseReading, read_tense, reports_news, tense_cues

_NONE = TenseReading(
    future=False,
    progressive=False,
    perfect=False,
    pluperfect=False,
    passive=False,
    present=False,
    reporting=False,
    past=0,
)


def _r(**on: Any) -> TenseReading:
    return replace(_NONE, **on)


CASES = [
    ("The minister has resigned.", _r(perfect=True)),
    ("Rescuers have been searching since dawn.", _r(perfect=True)),
    ("They've already left the capital.", _r(perfect=True)),
    ("The company has 3,000 employees.", _r()),
    ("The army had already withdrawn by then.", _r(pluperfect=True, past=1)),
    ("Thousands are fleeing the city.", _r(progressive=True)),
    ("The bridge is being rebuilt.", _r(progressive=True)),
    ("There is nothing to eat.", _r()),
    ("The talks are going to resume.", _r(future=True)),
    ("The summit is set to open in Rome.", _r(future=True)),
    ("The vote will take place tomorrow.", _r(future=True)),
    ("Dozens are feared dead.", _r(passive=True)),
    ("Officials say the border remains shut.", _r(present=True, reporting=True)),
    ("Prices fell and the index rose.", _r(past=2)),
    ("The United Nations met in Geneva.", _r(past=1)),
    ("Police were called and arrested two men.", _r(past=3)),
    ("The group did not comment.", _r(past=1)),
]


@pytest.mark.parametrize(("text", "reading"), CASES)
def test_read_tense_flags(text: str, reading: TenseReading) -> None:
    """read_tense sets exactly the flags of the cues the sentence holds."""
    assert read_tense(text) == reading


def test_read_tense_accepts_callers_lowercase() -> None:
    """Passing the caller's lower-cased text gives the same reading as computing it."""
    text = "Officials say the talks will resume."
    assert read_tense(text, text.lower()) == read_tense(text)


def test_tense_cues_is_a_view_of_the_reading() -> None:
    """tense_cues copies the reading, a reporting verb counting as present evidence."""
    cues = tense_cues("The ministry warns of floods.")
    assert (cues.present, cues.future, cues.past) == (True, False, 0)


@pytest.mark.parametrize(
    ("text", "news"),
    [
        ("The minister has resigned.", True),
        ("Thousands are fleeing the city.", True),
        ("Dozens are feared dead.", True),
        ("Officials say the border remains shut.", True),
        ("The summit is set to open in Rome.", False),
        ("Prices fell and the index rose.", False),
        ("The company has 3,000 employees.", False),
    ],
)
def test_reports_news_from_reading(text: str, news: bool) -> None:
    """reports_news holds for a present perfect, progressive, passive or reporting verb only."""
    assert reports_news(text) is news
