"""The domain model: valid units load, invalid ones fail with exact, located messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefgen.errors import SchemaError
from briefgen.model import Citation
from briefgen.records import briefing_from_text
from briefgen.store import Store

from conftest import FIXTURES, make_article

BRIEFING = FIXTURES / "store" / "briefings" / "demo.yaml"
A2 = "2025-11-05-border-crossings-stay-closed"


def _error(text: str) -> str:
    with pytest.raises(SchemaError) as info:
        briefing_from_text(text, "demo.yaml")
    return str(info.value)


def test_valid_briefing_loads() -> None:
    """The fixture briefing validates and exposes typed statements and citations."""
    b = briefing_from_text(BRIEFING.read_text(encoding="utf-8"), BRIEFING)
    assert b.current_status[1].edited is True
    assert b.stakes[0].cite[0] == Citation(A2, 2)
    assert [e.status for e in b.timeline] == ["happened", "scheduled"]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "as_of: 2025-11-05",
            "as_of: [2025",
            "demo.yaml:6: YAML syntax error: did not find expected ',' or ']'",
        ),
        (
            "title: 'Demo: ceasefire talks'\n",
            "",
            "demo.yaml:2: title: required key is missing",
        ),
        (
            "as_of: 2025-11-05",
            "as_of: 2025-11-05\nsummary: extra",
            "demo.yaml:6: summary: unknown key",
        ),
        (
            "    precision: day\n    status: happened",
            "    precision: 3\n    status: happened",
            "demo.yaml:23: timeline.0.precision: input should be 'day', 'week', 'month' or 'year'",
        ),
        (
            f"cite: [{A2}#s3]\ncurrent_status:",
            f"cite: [{A2}#3]\ncurrent_status:",
            f"demo.yaml:8: headline.cite.0: citation '{A2}#3' is not of the form <article-id>#s<n>",
        ),
        (
            "  - text: A 48-hour ceasefire collapsed two days later.",
            "  - text: Talks resume on Thursday.",
            "demo.yaml:16: background.0: duplicate statement (same text as current_status.0)",
        ),
        (
            "topic: demo",
            "topic: ../demo",
            "demo.yaml:3: topic: '../demo' is not a valid slug "
            "(lowercase letters, digits and single hyphens; no '/', '..' or capitals)",
        ),
        (
            "topic: demo",
            "topic: a/b",
            "demo.yaml:3: topic: 'a/b' is not a valid slug "
            "(lowercase letters, digits and single hyphens; no '/', '..' or capitals)",
        ),
        (
            "topic: demo",
            "topic: Demo",
            "demo.yaml:3: topic: 'Demo' is not a valid slug "
            "(lowercase letters, digits and single hyphens; no '/', '..' or capitals)",
        ),
        (
            "as_of: 2025-11-05",
            "as_of: 2025-02-30",
            "demo.yaml:5: as_of: '2025-02-30' is not a valid date (YYYY-MM-DD): "
            "input should be a valid date or datetime, day value is outside expected range",
        ),
        (
            "    edited: true",
            "    edited: sometimes",
            "demo.yaml:14: current_status.1.edited: input should be a valid boolean, "
            "unable to interpret input",
        ),
        (
            "schema: briefgen/briefing@1",
            "schema: briefgen/briefing@9",
            "demo.yaml:2: schema: input should be 'briefgen/briefing@1'",
        ),
        (
            "topic: demo",
            "topic: demo\ntopic: other",
            "demo.yaml:4: duplicate key 'topic'",
        ),
        (
            "  - 2025-10-24-truce-talks-in-istanbul\n",
            "",
            "demo.yaml:16: background.0: cites 2025-10-24-truce-talks-in-istanbul#s3, "
            "whose article is not in sources",
        ),
    ],
)
def test_invalid_briefing_messages(old: str, new: str, message: str) -> None:
    """Each kind of invalid briefing gets one exact message naming file, line and field."""
    text = BRIEFING.read_text(encoding="utf-8")
    assert old in text
    assert _error(text.replace(old, new, 1)) == message


def test_statement_needs_a_citation() -> None:
    """A statement with an empty cite list is rejected: no statement without a source."""
    text = BRIEFING.read_text(encoding="utf-8").replace(
        f"  - text: Talks resume on Thursday.\n    cite: [{A2}#s3]",
        "  - text: Talks resume on Thursday.\n    cite: []",
    )
    assert _error(text) == (
        "demo.yaml:11: current_status.0.cite: tuple should have at least 1 item after "
        "validation, not 0"
    )


def test_citation_round_trip_and_order() -> None:
    """Citations parse, print back identically and sort by article then sentence number."""
    c = Citation.parse("a-b#s10")
    assert (c.article_id, c.sentence, str(c)) == ("a-b", 10, "a-b#s10")
    assert sorted([Citation.parse("a-b#s10"), Citation.parse("a-b#s9")])[0].sentence == 9
    with pytest.raises(ValueError, match="not of the form"):
        Citation.parse("a-b#s0")


def test_article_sentences_are_numbered_across_paragraphs() -> None:
    """Sentence n counts from 1 through every paragraph, in reading order."""
    a = make_article(paragraphs=(("One.", "Two."), ("Three.",)))
    assert [(s.n, s.paragraph, s.text) for s in a.sentences] == [
        (1, 1, "One."),
        (2, 1, "Two."),
        (3, 2, "Three."),
    ]
    assert a.sentence(3) is not None and a.sentence(4) is None
    assert a.body == "One. Two.\n\nThree."


def test_article_rejects_multiline_sentence() -> None:
    """A sentence holding a newline is invalid: the on-disk body keeps one sentence a line."""
    with pytest.raises(ValueError, match="a sentence must be one trimmed line"):
        make_article(paragraphs=(("One.\nTwo.",),))


def test_briefing_topic_must_match_file_name(tmp_path: Path) -> None:
    """A briefing stored under another topic's file name is refused, naming the field."""
    store = Store(tmp_path)
    store.briefings_dir.mkdir(parents=True)
    shutil.copy(BRIEFING, store.briefings_dir / "other.yaml")
    with pytest.raises(SchemaError) as info:
        store.load_briefing(store.briefings_dir / "other.yaml")
    assert str(info.value).endswith(
        "other.yaml:3: topic: topic 'demo' does not match the file name 'other'"
    )


def test_marks_round_trip_and_defaults_are_left_out() -> None:
    """Resolved times, a conflict key and the single-source mark survive a write and a read;
    items without marks are written exactly as before (no empty keys)."""
    import datetime as dt

    from briefgen.model import Statement, TimeRef
    from briefgen.records import briefing_to_text

    text = (FIXTURES / "store" / "briefings" / "demo.yaml").read_text(encoding="utf-8")
    plain = briefing_from_text(text, "demo.yaml")
    assert briefing_to_text(plain) == text
    st = plain.current_status[0]
    marked = Statement.validate(
        dict(
            text=st.text,
            cite=st.cite,
            times=(
                TimeRef.validate(
                    dict(phrase=st.text.split()[0], date=dt.date(2025, 10, 10), precision="day")
                ),
            ),
            conflict="deaths",
            single_source=True,
        )
    )
    unit = plain.replace(current_status=(marked, *plain.current_status[1:]))
    out = briefing_to_text(unit)
    assert "conflict: deaths" in out and "single_source: true" in out and "phrase:" in out
    assert briefing_from_text(out, "demo.yaml") == unit


def test_time_phrase_must_occur_in_the_text() -> None:
    """A resolved time whose phrase is not in the statement's text is refused by name."""
    import datetime as dt

    from briefgen.model import Statement, TimeRef

    with pytest.raises(ValueError, match="'two weeks ago' does not occur in the text"):
        Statement.validate(
            dict(
                text="Talks resumed on Thursday.",
                cite=(Citation.parse("a#s1"),),
                times=(TimeRef.validate(dict(phrase="two weeks ago", date=dt.date(2025, 10, 10))),),
            )
        )


def test_date_period_is_the_one_rule_for_a_dated_precision() -> None:
    """A date's period at each precision: the day, its Monday-Sunday week (widened by slack),
    its month (February of a leap year too) and its year."""
    import datetime as dt

    from briefgen.model import date_period

    d = dt.date(2024, 2, 15)  # a Thursday
    assert date_period(d, "day") == (d, d)
    assert date_period(d, "week") == (dt.date(2024, 2, 12), dt.date(2024, 2, 18))
    assert date_period(d, "week", 2) == (dt.date(2024, 2, 10), dt.date(2024, 2, 20))
    assert date_period(d, "month") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert date_period(d, "year") == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


@pytest.mark.parametrize(
    ("kind", "data", "field"),
    [
        ("Topic", {"slug": "ports\n", "title": "Ports"}, "slug"),
        ("Edition", {"id": "2025-11-05\n", "released": "2025-11-05"}, "id"),
        ("Duplicate", {"sha256": "a" * 64 + "\n", "similarity": 0.9}, "sha256"),
    ],
)
def test_anchored_patterns_refuse_a_trailing_newline(
    kind: str, data: dict[str, object], field: str
) -> None:
    """A slug, edition id or hash must match as a whole: Python's `$` also matches before a
    final newline, so "ports\\n" must be refused (it would name a folder with a newline)."""
    import briefgen.model as model
    from briefgen.structs import ValidationError

    with pytest.raises(ValidationError, match=rf"\$\.{field}"):
        getattr(model, kind).validate(data)
    assert getattr(model, kind).validate({**data, field: str(data[field]).rstrip("\n")})


def test_slug_and_citation_checks_refuse_a_trailing_newline() -> None:
    """The store's slug check, edition id check and citation parser read the whole string."""
    from briefgen.store import check_edition_id, check_slug

    with pytest.raises(SchemaError):
        check_slug("ports\n")
    assert check_slug("ports") == "ports"
    with pytest.raises(SchemaError):
        check_edition_id("2025-11-05\n")
    assert check_edition_id("2025-11-05") == "2025-11-05"
    with pytest.raises(ValueError, match="not of the form"):
        Citation.parse("a-b#s1\n")
    assert str(Citation.parse("a-b#s1")) == "a-b#s1"
