"""Suspect stamps, second case: a stated date months after every event of one reported incident,
with nothing in the text dated relative to it, is ``stated-suspect``; ordinary pages are not."""

from __future__ import annotations

import datetime as dt

from briefgen.ingest.dates import Dating, check_stated

STAMP = Dating(dt.date(2024, 9, 20), "stated", 'line 3: "Published 20 September 2024"')


def test_stamp_months_after_one_incident_is_suspect() -> None:
    """Two reported dates a day apart, 200 days before the stamp, and no relative day: suspect."""
    sentences = [
        "Protesters blocked the port on 2 March 2024, officials said.",
        "Police cleared the road on 3 March 2024 after talks failed.",
    ]
    d = check_stated(STAMP, sentences, day_first=True)
    assert (d.date, d.basis) == (dt.date(2024, 9, 20), "stated-suspect")
    assert d.evidence == (
        'line 3: "Published 20 September 2024"; suspect: it lies 201 days after every dated '
        "event the text reports as past (latest 2024-03-03, 2 reported) and nothing in the text "
        "is dated relative to it"
    )


def test_one_old_background_date_is_not_suspect() -> None:
    """A normal report with one old background date stays ``stated``."""
    sentences = [
        "The ministers met in the capital and agreed to resume talks.",
        "The border has been disputed since the war began on 24 February 2022.",
    ]
    assert check_stated(STAMP, sentences, day_first=True) == STAMP


def test_old_incident_with_a_relative_day_is_not_suspect() -> None:
    """Old dates plus a past-tense weekday read from the stamp ("on Tuesday"): stays stated."""
    sentences = [
        "Protesters blocked the port on 2 March 2024, officials said.",
        "Police cleared the road on 3 March 2024 after talks failed.",
        "The court ruled on Tuesday that the blockade had been lawful.",
    ]
    assert check_stated(STAMP, sentences, day_first=True) == STAMP


def test_history_spanning_months_is_not_suspect() -> None:
    """Old dates months apart from each other (a history, not one incident): stays stated."""
    sentences = [
        "The war began on 24 February 2022.",
        "The city fell on 20 May 2022 after a long siege.",
    ]
    assert check_stated(STAMP, sentences, day_first=True) == STAMP


def test_events_within_the_gap_are_not_suspect() -> None:
    """Events 60 days before the stamp (within SUSPECT_GAP_DAYS): stays stated."""
    sentences = [
        "Protesters blocked the port on 21 July 2024, officials said.",
        "Police cleared the road on 22 July 2024.",
    ]
    assert check_stated(STAMP, sentences, day_first=True) == STAMP
