"""Resolver rules added for issue 13, each on sentences of our own (not TimeBank's)."""

from __future__ import annotations

import datetime as dt

import pytest

from briefgen.evaluate.timex import format_value
from briefgen.nlp.temporal import extract

D = dt.date
NOV = D(2025, 11, 5)  # a Wednesday
FEB = D(2026, 2, 11)  # a Wednesday


def values(sentence: str, published: dt.date) -> list[tuple[str, str]]:
    """(phrase, TimeML value) of each resolved expression."""
    return [(r.phrase, format_value(r.date, r.precision)) for r in extract(sentence, published)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The company's 1998 results were restated.", [("1998", "1998")]),
        ("Sales in both 2021 and 2022 fell.", [("2021", "2021"), ("2022", "2022")]),
        ("Losses in the 2019 period were smaller.", [("2019", "2019")]),
        ("About 2000 troops arrived.", []),
        ("Some 1990 people signed.", []),
        ("The rover Orion 1980 flew.", []),
        ("The curfew starts at 2100 GMT.", []),
        ("The fund holds 1,995 shares.", []),
    ],
)
def test_bare_years(sentence: str, expected: list[tuple[str, str]]) -> None:
    """A bare four-digit year is a year unless a count, a label, a name or a clock time."""
    assert values(sentence, NOV) == expected


def test_spoken_years() -> None:
    """Years said in words, as transcripts write them; "two thousand" only after "the year"."""
    assert values("It began in nineteen ninety-six.", NOV) == [("nineteen ninety-six", "1996")]
    assert values("January nineteen ninety-seven was cold.", NOV) == [
        ("January nineteen ninety-seven", "1997-01")
    ]
    assert values("By the year two thousand it was over.", NOV) == [
        ("the year two thousand", "2000")
    ]
    assert values("Two thousand people came.", NOV) == []


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("Elections are due this September.", FEB, "2026-09"),
        ("The vote this September was close.", D(2026, 11, 20), "2026-09"),
        ("He was arrested in July last year.", FEB, "2025-07"),
        ("The plant will reopen in March next year.", NOV, "2026-03"),
        ("Talks are supposed to conclude by May.", FEB, "2026-05"),
        ("Final rules to be published in early December may change that.", NOV, "2025-12"),
        ("It is continuing to talk under a June agreement.", NOV, "2025-06"),
        ("In March, the company received a new offer.", NOV, "2025-03"),
    ],
)
def test_year_less_months(sentence: str, published: dt.date, expected: str) -> None:
    """'this <month>' is the publication year's; modal, deadline and fronted-past cues decide."""
    assert [v for _, v in values(sentence, published)] == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The reduced dividend is payable Jan. 2 to holders.", "2026-01-02"),
        ("The offer was extended to Dec. 20 by the board.", "2025-12-20"),
        ("Ministers will attend the Jan. 12 summit.", "2026-01-12"),
        ("She will succeed the chairman Feb. 1, the bank said.", "2026-02-01"),
        ("It will be paid on a still unspecified date to holders of record Dec. 21.", "2025-12-21"),
        ("Album sales have doubled since his death on 25 June.", "2025-06-25"),
        ("The record high was set on Oct. 6.", "2025-10-06"),
    ],
)
def test_year_less_days(sentence: str, expected: str) -> None:
    """Deadline words, determiners and -ed adjectives keep a day ahead; 'since' puts it behind."""
    assert [v for _, v in values(sentence, NOV)] == [expected]


def test_relative_years_and_months() -> None:
    """'a year ago' at month precision; 'for the full year' and 'over the past year' as years."""
    assert values("Profit fell from a year ago.", NOV) == [("a year ago", "2024-11")]
    assert values("Two years ago it rained.", NOV) == [("Two years ago", "2023")]
    assert values("It forecast growth for the full year.", NOV) == [("for the full year", "2025")]
    assert values("Revenue in the current fiscal year rose.", NOV) == [
        ("the current fiscal year", "2025")
    ]
    assert values("Hate groups grew over the past year.", NOV) == [("over the past year", "2024")]
    assert values("For the year ended June 30, it earned more.", NOV) == [("June 30", "2025-06-30")]


def test_anaphoric_titles_and_spans_are_not_dates() -> None:
    """'the previous Friday', 'on that Saturday', a show 'This Week', 'in a year' after a
    superlative are not resolved against publication; 'worried that Friday' still is."""
    assert values("Shares fell from the previous Friday.", NOV) == []
    assert values("On that Saturday he was in charge.", NOV) == []
    assert values('He said on "This Week" that talks go on.', NOV) == []
    assert values("It was the smallest gain in a year.", NOV) == []
    assert values("She was worried that Friday could be bloody.", NOV) == [("Friday", "2025-10-31")]


def test_present_meet_and_irregular_past_verbs() -> None:
    """'They meet Monday' is ahead; 'In January, the firm brought in ...' is behind."""
    assert values("He and the envoy meet separately Monday in London.", NOV) == [
        ("Monday", "2025-11-10")
    ]
    assert values("In January, the firm brought in new managers.", NOV) == [
        ("In January", "2025-01")
    ]


def test_ranges_keep_start_and_end() -> None:
    """'between March 2 and 6' and 'from 3 to 6 March 2024' give both days; '2 and 6 others'
    is no range; a reversed or impossible range is invalid."""
    assert values("Talks will be held between March 2 and 6 in Geneva.", FEB) == [
        ("March 2", "2026-03-02"),
        ("6", "2026-03-06"),
    ]
    assert values("The fair runs from 3 to 6 March 2024.", FEB) == [
        ("3", "2024-03-03"),
        ("6 March 2024", "2024-03-06"),
    ]
    assert values("On March 12 and 6 others were hurt.", FEB) == [("March 12", "2026-03-12")]
    assert values("It ran Feb. 28 to 31.", FEB) == []
