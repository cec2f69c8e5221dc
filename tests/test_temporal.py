"""Temporal expressions: candidate rules and resolution against fixed publication dates."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from briefgen.nlp.temporal import TimeRef, extract, scan, scan_document

WED = dt.date(2025, 11, 5)  # a Wednesday
D = dt.date


def one(sentence: str, published: dt.date | None = WED, **kw: bool) -> TimeRef:
    refs = extract(sentence, published, **kw)
    assert len(refs) == 1, refs
    return refs[0]


@pytest.mark.parametrize(
    ("sentence", "phrase", "date", "precision"),
    [
        ("Explosions hit Kabul on October 9.", "October 9", D(2025, 10, 9), "day"),
        ("The deal was signed Oct. 19, 2025 in Doha.", "Oct. 19, 2025", D(2025, 10, 19), "day"),
        ("On 9 October, fighting began.", "9 October", D(2025, 10, 9), "day"),
        ("It first happened in 2021.", "in 2021", D(2021, 1, 1), "year"),
        ("In May 2009 cases rose.", "May 2009", D(2009, 5, 1), "month"),
        ("Talks on 05-11-2025 failed.", "05-11-2025", D(2025, 11, 5), "day"),
        ("The file is dated 2024-02-29.", "2024-02-29", D(2024, 2, 29), "day"),
        (
            "Rescuers arrived on Tuesday, Jan. 12 , 2010.",
            "Tuesday, Jan. 12 , 2010",
            D(2010, 1, 12),
            "day",
        ),
    ],
)
def test_absolute_expressions(sentence: str, phrase: str, date: dt.date, precision: str) -> None:
    """Absolute dates resolve to the stated day, month or year, with their exact phrase."""
    ref = one(sentence)
    assert (ref.phrase, ref.date, ref.precision) == (phrase, date, precision)
    assert sentence[ref.start : ref.end] == phrase


def test_absolute_with_year_resolve_without_publication_date() -> None:
    """Without a publication date only dated expressions resolve; relative ones are counted."""
    result = scan("He said on Sunday that on October 9, 2025 the talks failed.", None)
    assert [(r.phrase, r.date, r.relative) for r in result.refs] == [
        ("October 9, 2025", D(2025, 10, 9), False)
    ]
    assert result.skipped_relative == 1
    assert extract("Fighting began on 9 October.", None) == []


def test_day_order_setting() -> None:
    """Numeric dates follow the configured day order."""
    assert one("Talks on 05-11-2025 failed.").date == D(2025, 11, 5)
    assert one("Talks on 05-11-2025 failed.", day_first=False).date == D(2025, 5, 11)
    assert one("Talks on 05/11/2025 failed.", day_first=False).date == D(2025, 5, 11)


def test_impossible_dates_are_counted_not_resolved() -> None:
    """February 30 and 31/04 are rejected and counted as invalid."""
    assert scan("The match on February 30 was off.", WED) == scan("x", WED).__class__((), 0, 1)
    result = scan("Filed on 31/04/2025 and on Feb 30, 2024.", WED)
    assert result.refs == () and result.invalid == 2


@pytest.mark.parametrize(
    ("sentence", "date", "precision", "scheduled"),
    [
        ("He said on Sunday that talks failed.", D(2025, 11, 2), "day", False),
        ("The minister spoke on Monday.", D(2025, 11, 3), "day", False),
        ("He spoke two weeks ago.", D(2025, 10, 20), "week", False),
        ("He left three days ago.", D(2025, 11, 2), "day", False),
        ("Prices rose last week.", D(2025, 10, 27), "week", False),
        ("Earlier this month, troops left.", D(2025, 11, 1), "month", False),
        ("Yesterday, the border reopened.", D(2025, 11, 4), "day", False),
        ("The previous day, they met.", D(2025, 11, 4), "day", False),
        ("Talks will resume on Thursday.", D(2025, 11, 6), "day", True),
        ("Talks will resume next week.", D(2025, 11, 10), "week", True),
        ("The summit is tomorrow.", D(2025, 11, 6), "day", True),
        ("Both sides will meet again in two weeks.", D(2025, 11, 17), "week", True),
        ("Exports fell last year.", D(2024, 1, 1), "year", False),
        ("Troops withdrew in March.", D(2025, 3, 1), "month", False),
        ("Elections will be held in March.", D(2026, 3, 1), "month", True),
        ("The season is broadcast in December.", D(2025, 12, 1), "month", True),
        ("Troops left last March.", D(2025, 3, 1), "month", False),
        ("The sides vowed to reconvene on Friday.", D(2025, 11, 7), "day", True),
        ("The vote is scheduled for Friday.", D(2025, 11, 7), "day", True),
        (
            "Rebuilding will take years after the quake two weeks ago.",
            D(2025, 10, 20),
            "week",
            False,
        ),
    ],
)
def test_relative_and_future_expressions(
    sentence: str, date: dt.date, precision: str, scheduled: bool
) -> None:
    """Relative expressions resolve against the publication date; tense decides the direction."""
    ref = one(sentence)
    assert (ref.date, ref.precision, ref.scheduled, ref.relative) == (
        date,
        precision,
        scheduled,
        True,
    )


def test_weekday_equal_to_publication_weekday_is_that_day() -> None:
    """'said on Wednesday' in a Wednesday report is the publication day, past or future."""
    assert one("He said on Wednesday that he would stay.").date == WED
    assert one("Talks will resume on Wednesday.").date == WED


def test_late_thursday_night_before_friday_publication() -> None:
    """'late Thursday night' in a Friday report is the day before."""
    ref = one("Fighting erupted late Thursday night.", D(2025, 11, 7))
    assert (ref.phrase, ref.date) == ("late Thursday night", D(2025, 11, 6))


@pytest.mark.parametrize(
    ("folded", "plain"),
    [
        ("It happened laſt night.", "It happened last night."),
        ("It rained yeſterday.", "It rained yesterday."),
        ("Thiſ morning it rained.", "This morning it rained."),
        ("The fire began the previouſ day.", "The fire began the previous day."),
        ("Talks ended laſt week.", "Talks ended last week."),
        ("Talks ended three wee\u212as ago.", "Talks ended three weeks ago."),
        ("We met thıs year.", "We met this year."),
    ],
)
def test_letters_that_fold_onto_ascii_read_as_ascii(folded: str, plain: str) -> None:
    """A case-insensitive rule also matches "ſ", the Kelvin sign and "ı" (Python's re folds them
    onto ASCII letters): the phrase resolves as its ASCII spelling, never a KeyError or another
    date."""
    ref, expected = one(folded, WED), one(plain, WED)
    assert ref.phrase != expected.phrase
    assert (ref.date, ref.precision, ref.kind) == (expected.date, expected.precision, expected.kind)


def test_year_rollover() -> None:
    """Month-day phrases pick the year nearest in the right direction across New Year."""
    assert one("On December 28 the fire began.", D(2026, 1, 3)).date == D(2025, 12, 28)
    assert one("They will meet on January 5.", D(2025, 12, 20)).date == D(2026, 1, 5)
    assert one("Last Friday they met.", D(2026, 1, 1)).date == D(2025, 12, 26)


def test_no_false_positives_on_modal_words_and_percentages() -> None:
    """'may', 'We', percentages and plain numbers are not dates."""
    assert extract("We may see 20% rises, and 2009 cases in march.", WED) == []
    assert extract("Unemployment rose to 12 percent in 40 regions.", WED) == []
    assert extract("Cases rose 12% in 2009.", WED)[0].date == D(2009, 1, 1)


def test_weekday_followed_by_a_number_is_not_a_bare_weekday() -> None:
    """In 'Monday 12 to Thursday 15 April' no weekday is resolved on its own."""
    refs = extract("On air Monday 12 to Thursday 15 April.", WED)
    assert [(r.phrase, r.date) for r in refs] == [("Thursday 15 April", D(2025, 4, 15))]


@pytest.mark.parametrize(
    ("sentence", "phrases"),
    [
        (
            "A round of talks last week concluded with an agreement to extend the truce and "
            "reconvene on Thursday.",
            [("last week", D(2025, 10, 27), False), ("on Thursday", D(2025, 11, 6), True)],
        ),
        (
            "In Saturday's talks, negotiators are expected to detail the mechanisms.",
            [("Saturday", D(2025, 11, 8), True)],
        ),
        (
            "Turkey has not confirmed any details about Saturday's meeting.",
            [("Saturday", D(2025, 11, 1), False)],
        ),
        ("He had decided to delay the vote until Monday.", [("Monday", D(2025, 11, 3), False)]),
        ("The minister agreed to talks on Monday.", [("on Monday", D(2025, 11, 3), False)]),
        ("On Monday, the minister said talks had failed.", [("On Monday", D(2025, 11, 3), False)]),
    ],
)
def test_tense_is_read_per_clause(sentence: str, phrases: list[tuple[str, dt.date, bool]]) -> None:
    """Each phrase takes the tense of its own clause: an intention's infinitive is ahead, a
    fronted phrase takes a modal after it, a present perfect or a past intention is no future."""
    assert [(r.phrase, r.date, r.scheduled) for r in extract(sentence, WED)] == phrases


def test_report_context_settles_open_tense_weekdays() -> None:
    """A weekday one sentence places ahead settles an open-tense mention of it elsewhere in the
    same report; without that context the mention is the past weekday."""
    report = [
        "Talks are expected to resume on Saturday.",
        "Turkey has not confirmed any details about Saturday's meeting.",
    ]
    scans = scan_document(report, WED)
    assert [[(r.date, r.scheduled) for r in s.refs] for s in scans] == [
        [(D(2025, 11, 8), True)],
        [(D(2025, 11, 8), True)],
    ]
    assert [(r.date, r.scheduled) for r in scan_document(report[1:], WED)[0].refs] == [
        (D(2025, 11, 1), False)
    ]


def test_rule_gates_never_change_what_scan_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cheap per-rule gates only skip rules that cannot match: every phrase kind is found
    the same with the gates off."""
    import briefgen.nlp.temporal as temporal

    sentences = [
        "At 07:26 am on 03 Jun 2009 the vote began; this morning it ended.",
        "He spoke this afternoon, and again late Thursday night and this evening.",
        "Talks resume tomorrow or the day after; they met a couple of weeks ago.",
        "Within two months, by 2026, next year, in March and on 2025-10-09 or 9/10/2025.",
        "Earlier this week and the following day, last night, tonight, today, yesterday.",
        "Sept. 3, Oct 19th 2025, 5 of May, June of 2024, in three years' time.",
        "The year nineteen ninety-six; in the year two thousand and four; March of next year.",
        "From 2 to 6 March 2024, between May 3 and 9, 12/31/1999 and 31.12.1999 in 1999.",
        "Markets may decide in days; MARCH 3 and monday 4 are not names; 1,999 people came.",
    ]
    gated = [scan(s, WED) for s in sentences]
    assert all(g.refs for g in gated[:-1])
    ungated = tuple((k, p, 0, frozenset(), frozenset(), ()) for k, p in temporal._RULES)
    monkeypatch.setattr(temporal, "_GATED_RULES", ungated)
    monkeypatch.setattr(temporal, "_DIGIT", re.compile(""))  # no early exit
    monkeypatch.setattr(temporal, "_FOUR_DIGITS", re.compile(""))
    assert [scan(s, WED) for s in sentences] == gated


def test_every_rule_gate_needs_a_digit_or_an_anchor() -> None:
    """scan's early exit (no digit, no anchor: nothing found) skips no rule that could match:
    every rule's gate needs a digit, a lower-case anchor or a capitalised one."""
    from briefgen.nlp.timex_patterns import _GATES

    assert all(digits or lower or cased for digits, lower, cased in _GATES.values())


def test_sentences_without_a_year_hold_nothing_dated_without_publication() -> None:
    """may_hold_dated is false only where extract(sentence, None) finds nothing: relative
    dates need the publication date; what resolves without it carries four digits or a
    year in words."""
    from briefgen.nlp.temporal import may_hold_dated

    without = [
        "They met on Monday, March 3, and again last week, two days ago, in May and today.",
        "Between March 2 and 6; from 2 to 6 March; the June 12 summit; 12/31 and 5-11.",
        "In the year two thousand and four; nineteen ninety-six; March nineteen ninety.",
        "Sales rose 1,999 units; 20 people; 123 miles; 3 p.m.",
    ]
    for sentence in without:
        for day_first in (True, False):
            if not may_hold_dated(sentence):
                assert extract(sentence, None, day_first=day_first) == [], sentence
    assert not may_hold_dated(without[0]) and not may_hold_dated(without[1])
    assert may_hold_dated(without[2])  # a year in words
    assert may_hold_dated("On 2025-10-09 and 9 October 2025.")
