"""``briefgen eval timex``: TimeML reading, offsets, scoring rules and the predictions file."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from cli_kit import CliRunner

from briefgen.cli import cli
from briefgen.errors import SchemaError
from briefgen.evaluate.timex import (
    Span,
    TimexDoc,
    format_value,
    is_concrete,
    predict,
    predictions_from_json,
    predictions_to_json,
    read_timeml,
    score,
)

from conftest import REPO

TINY = REPO / "tests" / "fixtures" / "timeml" / "tiny.tml"


def test_plain_text_and_gold_offsets() -> None:
    """Tags are stripped from <TEXT>; each TIMEX3's offsets select its own words in that text."""
    doc = read_timeml(TINY)
    assert doc.created == dt.date(1998, 1, 8)
    assert "<" not in doc.text and doc.text.startswith("\nThe council met yesterday and")
    assert [(doc.text[t.start : t.end], t.value) for t in doc.timexes] == [
        ("yesterday", "1998-01-07"),
        ("March 1996", "1996-03"),
        ("next Monday", "1998-01-12"),
        ("two days", "P2D"),
        ("in the second quarter", "1998-Q2"),
        ("last week", "1998-W01"),
        ("December 31", "1997-12-30"),
        ("Now", "PRESENT_REF"),
    ]
    assert [g.text for g in doc.gold] == [
        "yesterday", "March 1996", "next Monday", "last week", "December 31"
    ]  # fmt: skip


def test_resolver_offsets_point_into_the_plain_text() -> None:
    """Every predicted span's offsets select the phrase the resolver read, across lines."""
    doc = read_timeml(TINY)
    got = predict([doc])["tiny"]
    assert [(doc.text[p.start : p.end], p.value) for p in got] == [
        ("yesterday", "1998-01-07"),
        ("March 1996", "1996-03"),
        ("next Monday", "1998-01-12"),
        ("last week", "1998-W01"),
        ("December 31", "1997-12-31"),
        ("on Friday", "1998-01-02"),
    ]


def test_scoring_counts_exactly() -> None:
    """5 gold; all found; 4 values right (Dec 30 is the gold's deliberate slip); 1 not gold."""
    doc = read_timeml(TINY)
    s = score([doc], predict([doc]))
    assert (s.gold, s.found, s.value_right, s.not_gold, s.predicted) == (5, 5, 4, 1, 6)
    assert s.value_recall == pytest.approx(0.8)
    assert s.accuracy_of_found == pytest.approx(0.8)


def test_overlap_and_value_rules() -> None:
    """Found needs overlap; right needs an overlapping exact value; non-gold overlaps any type."""
    doc = TimexDoc(
        "d",
        dt.date(2000, 1, 1),
        "x" * 40,
        (Span(0, 10, "2000-01-01"), Span(10, 20, "P1D", "DURATION"), Span(20, 30, "2000-05")),
    )
    preds = {
        "d": [
            Span(5, 12, "1999-12-31"),  # overlaps gold 1 (wrong value) and the duration
            Span(9, 10, "2000-01-01"),  # overlaps gold 1, right value
            Span(12, 14, "2000"),  # overlaps only the duration: not "not gold"
            Span(25, 35, "2000-06"),  # overlaps gold 3, wrong value
            Span(35, 38, "2000-07-01"),  # overlaps nothing
            Span(0, 3, "PAST_REF"),  # a value all the same: counts, overlaps gold 1
            Span(38, 40, "P1D"),  # a value, overlapping nothing: not gold
        ]
    }
    s = score([doc], preds)
    assert (s.gold, s.found, s.value_right, s.not_gold, s.predicted) == (2, 2, 1, 2, 7)


def test_value_formats_follow_timeml() -> None:
    """Day, ISO week (year of the week), month and year are written as TimeML writes them."""
    day = dt.date(2021, 1, 3)  # a Sunday in ISO week 53 of 2020
    assert format_value(day, "day") == "2021-01-03"
    assert format_value(day, "week") == "2020-W53"
    assert format_value(day, "month") == "2021-01"
    assert format_value(day, "year") == "2021"
    assert [is_concrete(v) for v in ("1998", "1998-W05", "1998-02", "1998-02-03")] == [True] * 4
    assert not any(is_concrete(v) for v in ("PRESENT_REF", "1998-Q1", "1998-SU", "XXXX-10-05"))


def test_predictions_file_round_trips() -> None:
    """The JSON maps each file stem to start/end/value items and reads back identically."""
    preds = {"b": [Span(1, 5, "1998-01-08")], "a": []}
    text = predictions_to_json(preds)
    assert json.loads(text) == {"a": [], "b": [{"start": 1, "end": 5, "value": "1998-01-08"}]}
    assert predictions_from_json(text) == {"a": [], "b": [Span(1, 5, "1998-01-08")]}
    with pytest.raises(SchemaError, match="start, end, value"):
        predictions_from_json('{"a": [{"start": 1}]}')


def test_cli_scores_and_writes_predictions(tmp_path: Path) -> None:
    """`eval timex DIR --predictions FILE` prints the table and writes offsets into the text."""
    shutil.copy(TINY, tmp_path / "tiny.tml")
    out = tmp_path / "pred.json"
    result = CliRunner().invoke(cli, ["eval", "timex", str(tmp_path), "--predictions", str(out)])
    assert result.exit_code == 0, result.output
    assert "| briefgen | 0.800 | 5 (100.0 %) | 4 | 0.800 | 1 |" in result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    text = read_timeml(TINY).text
    assert [text[p["start"] : p["end"]] for p in data["tiny"]][:2] == ["yesterday", "March 1996"]


def test_cli_errors_name_the_file(tmp_path: Path) -> None:
    """A folder without .tml files exits 2; a malformed file exits 1 naming it."""
    result = CliRunner().invoke(cli, ["eval", "timex", str(tmp_path)])
    assert result.exit_code == 2 and "no .tml files" in result.output
    (tmp_path / "bad.tml").write_text("<TimeML><TEXT>x</TEXT>", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "timex", str(tmp_path)])
    assert result.exit_code == 1
    assert "bad.tml: not readable TimeML" in result.output
