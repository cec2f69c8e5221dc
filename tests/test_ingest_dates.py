"""Publication dates: the order given > stated > metadata > inferred, day-first numeric dates,
render dates ignored, year sources recorded, and never the ingest day."""

from __future__ import annotations

import datetime as dt

import pytest

from briefgen.errors import IngestError
from briefgen.ingest.dates import YearHint, infer_date, resolve_published, stated_date
from briefgen.ingest.text import DateLine, clean_text

D = dt.date


def lines(page: str) -> tuple[DateLine, ...]:
    """The date lines the cleaner found on a page."""
    return clean_text(page).date_lines


def resolve(page: str, **kw: object) -> tuple[dt.date, str, str]:
    """Resolve a page's publication date; (date, basis, evidence)."""
    clean = clean_text(page)
    args: dict[str, object] = {
        "given": None,
        "date_lines": clean.date_lines,
        "metadata": None,
        "sentences": list(clean.paragraphs),
        "hint": YearHint(),
        "day_first": True,
        "source": "page.txt",
    }
    args.update(kw)
    d = resolve_published(**args)  # type: ignore[arg-type]
    return d.date, d.basis, d.evidence


BODY = "\n\nThe talks resumed after a pause of two weeks, officials said.\n"


@pytest.mark.parametrize(
    ("header", "date", "evidence"),
    [
        ("Published on 24 October 2025", D(2025, 10, 24), 'line 3: "Published on 24 October 2025"'),
        (
            "Updated 10 October 2025 at 02:54 IST",
            D(2025, 10, 10),
            'line 3: "Updated 10 October 2025 at 02:54 IST"',
        ),
        ("05-11-2025", D(2025, 11, 5), 'line 3: "05-11-2025"'),
        ("Posted: Nov 5, 2025", D(2025, 11, 5), 'line 3: "Posted: Nov 5, 2025"'),
    ],
)
def test_stated_dates(header: str, date: dt.date, evidence: str) -> None:
    """A date the page states on its own line is the publication date, with the line as evidence."""
    page = f"Talks resume in the capital city\n\n{header}{BODY}"
    assert resolve(page) == (date, "stated", evidence)


def test_numeric_date_month_first() -> None:
    """With day_first off, 05-11-2025 is May 11."""
    page = f"Talks resume in the capital city\n\n05-11-2025{BODY}"
    assert resolve(page, day_first=False)[0] == D(2025, 5, 11)


def test_published_preferred_over_updated() -> None:
    """'Published' beats 'Updated' wherever they are on the page."""
    page = "Talks resume in the capital city\nUpdated 12 October 2025\nPublished 10 October 2025"
    page += BODY
    assert resolve(page)[:2] == (D(2025, 10, 10), "stated")


def test_render_date_is_not_publication_date() -> None:
    """'Today: Dec 26, 2025' is the day the page was shown: ignored, and dropped as noise."""
    page = f"Today: Dec 26, 2025\nTalks resume in the capital city{BODY}"
    clean = clean_text(page)
    assert clean.dropped[0].reason.startswith("render date")
    with pytest.raises(IngestError, match="no publication date"):
        resolve(page)
    assert resolve(page, metadata=D(2025, 11, 1))[:2] == (D(2025, 11, 1), "metadata")


def test_given_wins_over_everything() -> None:
    """--published overrides a stated date and metadata."""
    page = f"Talks resume in the capital city\n\nPublished on 24 October 2025{BODY}"
    assert resolve(page, given=D(2025, 1, 2), metadata=D(2025, 3, 4)) == (
        D(2025, 1, 2), "given", "--published 2025-01-02",
    )  # fmt: skip


def test_stated_beats_metadata() -> None:
    """A date the page states comes before HTML metadata."""
    page = f"Talks resume in the capital city\n\nPublished on 24 October 2025{BODY}"
    assert resolve(page, metadata=D(2025, 3, 4))[1] == "stated"


def test_year_from_option_or_topic() -> None:
    """A stated date without a year takes it from --year, else the topic's articles; recorded."""
    dl = lines(f"Talks resume in the capital city\n\nPublished on 24 October{BODY}")
    by_option = stated_date(dl, YearHint(year=2024), True)
    assert by_option is not None and by_option.date == D(2024, 10, 24)
    assert by_option.evidence.endswith("(year 2024 from --year)")
    by_topic = stated_date(dl, YearHint(topic_latest=D(2026, 1, 3)), True)
    assert by_topic is not None and by_topic.date == D(2025, 10, 24)
    assert "year 2025 from the topic's other articles (latest 2026-01-03)" in by_topic.evidence


def test_year_missing_is_an_error() -> None:
    """A year-less date with nothing to give a year fails asking for --year or --published."""
    page = f"Talks resume in the capital city\n\nPublished on 24 October{BODY}"
    with pytest.raises(IngestError, match='"24 October" has no year') as info:
        resolve(page)
    assert info.value.file == "page.txt"


def test_inferred_from_latest_date_and_last_week() -> None:
    """Inference takes the latest past date in the text and moves past a 'last week' cue."""
    sentences = [
        "Fighting broke out on 9 October 2025 along the border.",
        "A truce was agreed on 19 October 2025 in Doha.",
        "Talks in Istanbul last week ended without a deal.",
        "The two sides will meet again on 6 November 2025.",
    ]
    d = infer_date(sentences, YearHint(), True)
    assert d is not None and d.basis == "inferred"
    assert d.date == D(2025, 10, 20)
    assert d.evidence == (
        'latest date the text reports as past: "19 October 2025" (sentence 2) -> 2025-10-19; '
        '"last week" (sentence 3): at least the following week -> 2025-10-20; '
        "range 2025-10-20 to 2025-11-06 (the earliest date the text puts ahead)"
    )


def test_inferred_year_from_text() -> None:
    """A year-less date in the text takes its year from the text's full dates, and says so."""
    sentences = ["The crisis began on 2 March 2024.", "A ceasefire followed on March 20."]
    d = infer_date(sentences, YearHint(), True)
    assert d is not None and d.date == D(2024, 3, 20)
    assert "year 2024 inferred from the years the text mentions" in d.evidence


def test_never_silently_today() -> None:
    """Only relative cues and no date anywhere: an error, not the ingest day."""
    page = "Talks resume in the capital city\n\nThe talks resumed on Thursday, officials said.\n"
    with pytest.raises(IngestError) as info:
        resolve(page)
    assert "pass --published YYYY-MM-DD" in info.value.message
