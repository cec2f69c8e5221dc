"""briefgen.changes: model-level comparison of two sets of briefings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from briefgen.changes import (
    CitationChange,
    StatementChange,
    WordOp,
    compare,
    word_diff,
)
from briefgen.model import Briefing, Statement, TimelineEvent

A = "2025-11-01-a"
B = "2025-11-02-b"


def st(text: str, *cites: str, edited: bool = False) -> Statement:
    """A statement citing ``cites`` (default: A#s1)."""
    return Statement.validate(dict(text=text, cite=list(cites or (f"{A}#s1",)), edited=edited))


def ev(day: int, text: str, *cites: str, status: str = "happened") -> TimelineEvent:
    """A November 2025 event."""
    return TimelineEvent.validate(
        {
            "date": dt.date(2025, 11, day),
            "text": text,
            "cite": list(cites or (f"{A}#s1",)),
            "status": status,
        }
    )


def brief(topic: str = "demo", **extra: Any) -> Briefing:
    """A briefing with defaults that the keyword arguments override."""
    data: dict[str, Any] = {
        "topic": topic,
        "title": "Demo",
        "as_of": dt.date(2025, 11, 2),
        "headline": st("Talks resumed in the capital."),
        "current_status": [st("Talks resumed in the capital."), st("Both delegations attended.")],
        "background": [st("A ceasefire collapsed in October.", f"{A}#s2")],
        "timeline": [ev(1, "Talks resumed.")],
        "sources": [A, B],
    }
    data.update(extra)
    return Briefing.validate(data)


def test_identical_sets_give_an_empty_changeset() -> None:
    """Equal briefings (even with another inputs digest) produce no topic change."""
    old = [brief(), brief("other")]
    new = [brief("other"), brief(inputs="sha256:" + "a" * 64)]
    result = compare(old, new)
    assert result.empty
    assert result.topics == ()
    assert result.summary.topics_changed == 0


def test_added_and_removed_topics_sorted_by_slug() -> None:
    """A briefing on one side only is an added or removed topic; topics come sorted by slug."""
    result = compare([brief("zeta"), brief("same")], [brief("same"), brief("alpha")])
    assert [(t.topic, t.kind) for t in result.topics] == [("alpha", "added"), ("zeta", "removed")]
    added = result.topics[0]
    assert added.headline_old is None and added.headline_new is not None
    assert [c.kind for c in added.statements] == ["added", "added", "added"]
    assert added.sources_added == (A, B)
    assert result.summary.topics_added == 1 and result.summary.topics_removed == 1


def test_statement_added_removed_and_changed_per_section() -> None:
    """Same text is unchanged; high word overlap is changed; the rest added or removed."""
    old = brief(current_status=[st("Talks resumed in the capital."), st("Roads are closed.")])
    new = brief(
        current_status=[
            st("Talks resumed in the capital city on Friday."),
            st("Markets reopened.", f"{B}#s1"),
        ]
    )
    (topic,) = compare([old], [new]).topics
    assert topic.kind == "changed"
    assert topic.statements == (
        StatementChange(
            "current_status",
            "changed",
            st("Talks resumed in the capital."),
            st("Talks resumed in the capital city on Friday."),
        ),
        StatementChange("current_status", "removed", st("Roads are closed."), None),
        StatementChange("current_status", "added", None, st("Markets reopened.", f"{B}#s1")),
    )


def test_same_citations_pair_a_rewritten_statement() -> None:
    """A statement rewritten with no shared words but the same citations counts as changed."""
    old = brief(background=[st("A ceasefire collapsed in October.", f"{A}#s2")])
    new = brief(background=[st("The truce fell apart.", f"{A}#s2", edited=True)])
    (topic,) = compare([old], [new]).topics
    assert [(c.section, c.kind) for c in topic.statements] == [("background", "changed")]


def test_citation_only_change_is_reported_separately() -> None:
    """Same text with other citations is a citation change, not a statement change."""
    old = brief(background=[st("A ceasefire collapsed in October.", f"{A}#s2")])
    new = brief(background=[st("A ceasefire collapsed in October.", f"{B}#s4")])
    (topic,) = compare([old], [new]).topics
    assert topic.statements == ()
    assert topic.citations_changed == (
        CitationChange(
            "background",
            "A ceasefire collapsed in October.",
            st("x", f"{A}#s2").cite,
            st("x", f"{B}#s4").cite,
        ),
    )


def test_headline_change() -> None:
    """A new headline text is reported with both sides."""
    (topic,) = compare([brief()], [brief(headline=st("Talks collapsed."))]).topics
    assert topic.headline_changed
    assert topic.headline_old is not None and topic.headline_old.text.startswith("Talks resumed")
    assert topic.headline_new is not None and topic.headline_new.text == "Talks collapsed."


def test_events_moved_added_removed() -> None:
    """An event with the same text on a new date is moved; others are added or removed."""
    old = brief(timeline=[ev(1, "Talks resumed."), ev(3, "Border closed.", f"{B}#s2")])
    new = brief(timeline=[ev(2, "Talks resumed."), ev(4, "Strike announced.", f"{B}#s3")])
    (topic,) = compare([old], [new]).topics
    assert [(c.kind, (c.old or c.new).text) for c in topic.events if c.old or c.new] == [
        ("moved", "Talks resumed."),
        ("removed", "Border closed."),
        ("added", "Strike announced."),
    ]
    moved = topic.events[0]
    assert moved.old is not None and moved.old.date == dt.date(2025, 11, 1)
    assert moved.new is not None and moved.new.date == dt.date(2025, 11, 2)


def test_event_status_change_is_changed_not_moved() -> None:
    """Same date, same text, a new status: the event is changed."""
    old = brief(timeline=[ev(1, "Talks resumed.", status="scheduled")])
    new = brief(timeline=[ev(1, "Talks resumed.")])
    (topic,) = compare([old], [new]).topics
    assert [c.kind for c in topic.events] == ["changed"]


def test_sources_added_and_removed() -> None:
    """Sources are compared as sets and listed sorted."""
    c = "2025-11-03-c"
    (topic,) = compare([brief()], [brief(sources=[A, c])]).topics
    assert topic.sources_added == (c,)
    assert topic.sources_removed == (B,)
    assert compare([brief()], [brief(sources=[A, c])]).summary.sources_added == 1


def test_compare_is_deterministic_regardless_of_input_order() -> None:
    """Input order of briefings does not change the result."""
    olds = [brief("b"), brief("a", headline=st("Old."))]
    news = [brief("a"), brief("c")]
    assert compare(olds, news) == compare(list(reversed(olds)), list(reversed(news)))


def test_word_diff_marks_inserted_and_deleted_runs() -> None:
    """Replaced words give a delete then an insert; punctuation is its own token."""
    assert word_diff("Talks resume on Thursday.", "Talks resume on Friday in Doha.") == (
        WordOp("equal", "Talks resume on "),
        WordOp("delete", "Thursday"),
        WordOp("insert", "Friday in Doha"),
        WordOp("equal", "."),
    )
    assert word_diff("Talks resumed.", "Talks resumed.") == (WordOp("equal", "Talks resumed."),)


def test_word_diff_equal_and_insert_runs_rebuild_the_new_text() -> None:
    """Joining the equal and insert runs gives back the new statement exactly."""
    old, new = (
        "A ceasefire collapsed, officials said.",
        "The 48-hour ceasefire collapsed on Monday.",
    )
    ops = word_diff(old, new)
    assert "".join(op.text for op in ops if op.kind != "delete") == new
    assert {op.kind for op in ops} == {"equal", "delete", "insert"}


def test_statement_moved_between_sections_is_annotated() -> None:
    """Same text removed from one section and added to another carries the other section."""
    old = brief(background=[st("A ceasefire collapsed in October.", f"{A}#s2")])
    new = brief(background=[], stakes=[st("A ceasefire collapsed in October.", f"{A}#s2")])
    (topic,) = compare([old], [new]).topics
    assert [(c.section, c.kind, c.moved) for c in topic.statements] == [
        ("background", "removed", "stakes"),
        ("stakes", "added", "background"),
    ]
