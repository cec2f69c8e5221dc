"""check's reading rules (review/rules.py): one test per rule with its exact message, the
conservative edges, and the located, coded findings through ``briefgen check``."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from cli_kit import CliRunner

from briefgen.app.project import Project
from briefgen.cli import cli
from briefgen.model import Article, Briefing
from briefgen.review.rules import Problem, figures, reading_problems

from conftest import make_article

OLD = "2025-11-01-talks"
NEW = "2025-11-05-border"


def articles() -> dict[str, Article]:
    """Two reports of one story: an older one (Nov 1) and a newer one (Nov 5)."""
    old = make_article(
        OLD,
        paragraphs=(
            (
                "Officials from Pakistan said talks would resume in Istanbul on Monday.",
                "He said the border would stay closed.",
                "At least 23 soldiers were killed in the clashes, the army said on Sunday.",
            ),
        ),
        published=dt.date(2025, 11, 1),
        published_basis="stated",
    )
    new = make_article(
        NEW,
        paragraphs=(
            (
                "Talks resumed in Istanbul on Monday with both delegations present.",
                "At least 40 soldiers were killed in the clashes, officials said.",
                "The crossing at Torkham reopened on Tuesday.",
            ),
        ),
        published=dt.date(2025, 11, 5),
        published_basis="stated",
    )
    return {old.id: old, new.id: new}


def st(text: str, *cites: str) -> dict[str, Any]:
    """A statement's plain data."""
    return {"text": text, "cite": list(cites)}


def briefing(**changes: Any) -> Briefing:
    """A briefing over both articles with no reading problem; ``changes`` override fields."""
    data: dict[str, Any] = {
        "topic": "demo",
        "title": "Demo",
        "as_of": "2025-11-05",
        "headline": st("The crossing at Torkham reopened on Tuesday.", f"{NEW}#s3"),
        "current_status": [
            st("Talks resumed in Istanbul on Monday with both delegations present.", f"{NEW}#s1")
        ],
        "timeline": [
            {
                "date": "2025-11-03",
                "text": "Talks resumed in Istanbul on Monday with both delegations present.",
                "cite": [f"{NEW}#s1"],
            }
        ],
        "sources": [OLD, NEW],
    }
    data.update(changes)
    return Briefing.validate(data)


def problems(b: Briefing) -> list[tuple[str, str, str]]:
    """(rule, severity, message) of every reading finding."""
    return [(p.rule, p.severity, p.message) for p in reading_problems(b, articles())]


def test_clean_briefing_has_no_reading_problems() -> None:
    """A briefing with self-contained, distinct, current statements raises nothing."""
    assert problems(briefing()) == []


def test_dangling_reference() -> None:
    """A statement opening with a bare pronoun is a warning naming the phrase and the fix."""
    b = briefing(background=[st("He said the border would stay closed.", f"{OLD}#s2")])
    assert problems(b) == [
        (
            "dangling-reference",
            "warning",
            'background.0: "He" (a pronoun whose antecedent is in another sentence) needs an '
            f"antecedent; extend it with the sentence before {OLD}#s2, which resolves it, "
            "or drop it",
        )
    ]


def test_duplicate_event_same_event_at_compatible_dates() -> None:
    """Two entries of compatible dates (a day inside a week) reporting one event are flagged."""
    b = briefing(
        timeline=[
            {
                "date": "2025-11-03",
                "text": "Talks resumed in Istanbul on Monday with both delegations present.",
                "cite": [f"{NEW}#s1"],
            },
            {
                "date": "2025-11-04",
                "precision": "week",
                "text": "Talks resumed in Istanbul on Monday.",
                "cite": [f"{NEW}#s1"],
            },
        ]
    )
    assert problems(b) == [
        (
            "duplicate-event",
            "warning",
            "timeline.1: lists the same event as timeline.0 (2025-11-03: "
            '"Talks resumed in Istanbul on Monday with both delegations…")',
        )
    ]


def test_duplicate_event_same_text_under_two_dates() -> None:
    """The same text under two dates is one listing too many, whatever the dates."""
    text = "Talks resumed in Istanbul on Monday with both delegations present."
    b = briefing(
        timeline=[
            {"date": "2025-10-27", "precision": "week", "text": text, "cite": [f"{NEW}#s1"]},
            {"date": "2025-11-03", "text": text, "cite": [f"{NEW}#s1"]},
        ]
    )
    assert [p[2] for p in problems(b)] == [
        "timeline.1: lists the same text as timeline.0 under another date "
        "(2025-10-27 and 2025-11-03)"
    ]


def test_different_events_on_one_day_are_not_duplicates() -> None:
    """Two different events of one day pass (the same-event rule says they differ)."""
    b = briefing(
        timeline=[
            {
                "date": "2025-11-03",
                "text": "Talks resumed in Istanbul on Monday with both delegations present.",
                "cite": [f"{NEW}#s1"],
            },
            {
                "date": "2025-11-03",
                "text": "The crossing at Torkham reopened on Tuesday.",
                "cite": [f"{NEW}#s3"],
            },
        ]
    )
    assert problems(b) == []


def test_scheduled_reported_with_and_without_a_later_report() -> None:
    """A scheduled event dated before the newest source: merged with its report, or shown as
    'scheduled, no report since'."""
    scheduled = {
        "date": "2025-11-03",
        "status": "scheduled",
        "text": "Officials from Pakistan said talks would resume in Istanbul on Monday.",
        "cite": [f"{OLD}#s1"],
    }
    happened = briefing().timeline[0].to_dict()
    assert [p[2] for p in problems(briefing(timeline=[happened, scheduled]))] == [
        "timeline.1: lists the same event as timeline.0 (2025-11-03: "
        '"Talks resumed in Istanbul on Monday with both delegations…")',
        "timeline.1: scheduled for 2025-11-03, before the newest source (2025-11-05); "
        "timeline.0 reports it: make them one happened event citing both",
    ]
    assert problems(briefing(timeline=[scheduled])) == [
        (
            "scheduled-reported",
            "warning",
            "timeline.0: scheduled for 2025-11-03, before the newest source (2025-11-05); no "
            'later entry reports it (same-event rule): show it as "scheduled, no report since", '
            "not as current",
        )
    ]


def test_scheduled_after_the_newest_source_passes() -> None:
    """A scheduled event still ahead of the newest source is fine."""
    ahead = {
        "date": "2025-11-10",
        "status": "scheduled",
        "text": "Officials from Pakistan said talks would resume in Istanbul on Monday.",
        "cite": [f"{OLD}#s1"],
    }
    assert problems(briefing(timeline=[ahead])) == []


def test_headline_repeated_word_for_word_and_nearly() -> None:
    """The headline repeated in current status, exactly or nearly, is a warning."""
    same = briefing(
        current_status=[st("The crossing at Torkham reopened on Tuesday.", f"{NEW}#s3")]
    )
    assert problems(same) == [
        (
            "headline-repeated",
            "warning",
            "current_status.0: repeats the headline word for word; say something the headline "
            "does not",
        )
    ]
    near = briefing(current_status=[st("The crossing at Torkham reopened.", f"{NEW}#s3")])
    assert [p[2] for p in problems(near)] == [
        "current_status.0: repeats the headline nearly word for word; say something the "
        "headline does not"
    ]


def test_superseded_status_is_an_error() -> None:
    """A status statement resting on older sources than a later event that resolves it."""
    b = briefing(
        current_status=[
            st(
                "Officials from Pakistan said talks would resume in Istanbul on Monday.",
                f"{OLD}#s1",
            )
        ]
    )
    assert problems(b) == [
        (
            "superseded-status",
            "error",
            "current_status.0: superseded by timeline.0 (2025-11-03: "
            '"Talks resumed in Istanbul on Monday with both delegations…"): it cites only '
            "sources up to 2025-11-01, before that event",
        )
    ]


def test_status_from_the_newest_source_is_not_superseded() -> None:
    """The same status statement citing the newest report too is not superseded."""
    b = briefing(
        current_status=[
            st(
                "Officials from Pakistan said talks would resume in Istanbul on Monday.",
                f"{OLD}#s1",
                f"{NEW}#s1",
            )
        ]
    )
    assert [p[0] for p in problems(b)] == []


def test_trim_cut_attribution() -> None:
    """A trim that drops ', the army said on Sunday' is a warning quoting the attribution."""
    b = briefing(stakes=[st("At least 23 soldiers were killed in the clashes.", f"{OLD}#s3")])
    assert problems(b) == [
        (
            "trim-cut-attribution",
            "warning",
            'stakes.0: the trim cut the attribution "the army said on Sunday" of its cited '
            "sentence; keep it",
        )
    ]


def test_conflicting_figures_from_two_sources() -> None:
    """Different figures for one fact from two sources in one section are flagged as unmarked."""
    b = briefing(
        background=[
            st(
                "At least 23 soldiers were killed in the clashes, the army said on Sunday.",
                f"{OLD}#s3",
            ),
            st("At least 40 soldiers were killed in the clashes, officials said.", f"{NEW}#s2"),
        ]
    )
    assert problems(b) == [
        (
            "conflicting-figures",
            "warning",
            "background.1: gives 40 where background.0 (another source) gives 23 for the same "
            'fact, unmarked: mark both "conflict: soldiers" and attribute each',
        )
    ]


def _conflicting(key_a: str | None, key_b: str | None) -> Briefing:
    a = st("At least 23 soldiers were killed in the clashes, the army said on Sunday.", f"{OLD}#s3")
    b = st("At least 40 soldiers were killed in the clashes, officials said.", f"{NEW}#s2")
    if key_a:
        a["conflict"] = key_a
    if key_b:
        b["conflict"] = key_b
    return briefing(background=[a, b])


def test_conflicting_figures_marked_with_one_key_are_accepted() -> None:
    """Two conflicting figures that share a conflict key stand side by side: no finding."""
    assert problems(_conflicting("soldiers", "soldiers")) == []


def test_conflicting_figures_with_different_keys_are_unmarked() -> None:
    """Keys that differ do not pair the two figures: the pair is unmarked and each key alone."""
    assert problems(_conflicting("soldiers", "deaths")) == [
        (
            "conflicting-figures",
            "warning",
            "background.1: gives 40 where background.0 (another source) gives 23 for the same "
            'fact, unmarked: mark both "conflict: soldiers" and attribute each',
        ),
        (
            "conflict-unpaired",
            "warning",
            'background.0: conflict key "soldiers" is used by no other item of background: mark '
            "the item whose figure it disagrees with, or remove the key",
        ),
        (
            "conflict-unpaired",
            "warning",
            'background.1: conflict key "deaths" is used by no other item of background: mark '
            "the item whose figure it disagrees with, or remove the key",
        ),
    ]


def test_conflict_key_used_once_is_reported() -> None:
    """A conflict key no other item of its section shares is a warning on that item."""
    one = st("The crossing at Torkham reopened on Tuesday.", f"{NEW}#s3")
    one["conflict"] = "crossings"
    b = briefing(stakes=[one])
    assert problems(b) == [
        (
            "conflict-unpaired",
            "warning",
            'stakes.0: conflict key "crossings" is used by no other item of stakes: mark the '
            "item whose figure it disagrees with, or remove the key",
        )
    ]


def test_times_entry_must_match_the_cited_source() -> None:
    """A times date that is not what the phrase resolves to from the cited article is flagged
    with the right date; the right one passes."""
    text = "The crossing at Torkham reopened on Tuesday."
    good = st(text, f"{NEW}#s3")
    good["times"] = [{"phrase": "on Tuesday", "date": "2025-11-04"}]
    assert problems(briefing(stakes=[good])) == []
    bad = st(text, f"{NEW}#s3")
    bad["times"] = [{"phrase": "on Tuesday", "date": "2025-11-11"}]
    assert problems(briefing(stakes=[bad])) == [
        (
            "time-mismatch",
            "warning",
            'stakes.0: times.0: "on Tuesday" resolves to 2025-11-04 from '
            f"{NEW}#s3 (published 2025-11-05), not 2025-11-11",
        )
    ]


def test_statement_extended_with_its_antecedent_is_self_contained() -> None:
    """A dangling sentence cited together with the sentence before it, which resolves it, is not
    a dangling reference; the same sentence alone is."""
    alone = st("He said the border would stay closed.", f"{OLD}#s2")
    assert [p[0] for p in problems(briefing(stakes=[alone]))] == ["dangling-reference"]
    extended = st(
        "Officials from Pakistan said talks would resume in Istanbul on Monday. "
        "He said the border would stay closed.",
        f"{OLD}#s1",
        f"{OLD}#s2",
    )
    assert problems(briefing(stakes=[extended])) == []


def test_pair_named_by_the_topic_is_not_dangling() -> None:
    """'the two countries' in a topic titled 'Pakistan–Afghanistan ...' is the topic's pair;
    in a topic that names no pair it dangles."""
    arts = articles()
    b = briefing()
    text = "The border crossings between the two countries have been closed for weeks."
    art = make_article(
        "2025-11-05-closure",
        paragraphs=(("Trucks waited at Torkham.", text),),
        published=dt.date(2025, 11, 5),
        published_basis="stated",
    )
    arts[art.id] = art
    data = b.to_dict(exclude_none=True)
    data["sources"] = sorted([*data["sources"], art.id])
    data["stakes"] = [st(text, f"{art.id}#s2")]
    named = Briefing.validate({**data, "title": "Pakistan–Afghanistan border"})
    assert [p.rule for p in reading_problems(named, arts)] == []
    unnamed = Briefing.validate(data)
    assert [p.message for p in reading_problems(unnamed, arts)] == [
        'stakes.0: "the two countries" (a pair whose members the statement does not name) needs '
        "an antecedent; no sentence before it in its source resolves it: drop it or replace it"
    ]


def test_figures_leave_out_dates_years_and_times() -> None:
    """Dates are not figures: 'October 19', '2021', '5 March' and '16:53' give none."""
    assert figures("On October 19, 2021, at 16:53, 5 March talks began.") == frozenset()
    assert figures("At least 23 soldiers and two civilians died.") == {"23", "two"}


def test_reading_findings_are_located_and_coded(project: Project) -> None:
    """Through 'briefgen check': file:line, severity and message in text; the code in JSON;
    warnings alone keep exit 0, the superseded-status error makes it 1."""
    for a in articles().values():
        project.store.save_article(a)
    b = briefing(background=[st("He said the border would stay closed.", f"{OLD}#s2")])
    project.store.save_briefing(b)
    runner = CliRunner()
    result = runner.invoke(cli, ["-C", str(project.root), "check"])
    assert result.exit_code == 0
    assert (
        'content/briefings/demo.yaml:13: warning: background.0: "He" (a pronoun whose '
        "antecedent is in another sentence)" in result.output
    )
    data = json.loads(
        runner.invoke(cli, ["-C", str(project.root), "check", "--format", "json"]).output
    )
    assert [f["rule"] for f in data["findings"]] == ["stale", "dangling-reference"]
    project.store.save_briefing(
        briefing(
            current_status=[
                st(
                    "Officials from Pakistan said talks would resume in Istanbul on Monday.",
                    f"{OLD}#s1",
                )
            ]
        )
    )
    result = runner.invoke(cli, ["-C", str(project.root), "check"])
    assert result.exit_code == 1
    assert "error: current_status.0: superseded by timeline.0" in result.output


def test_problem_is_a_plain_value() -> None:
    """A Problem carries its field path for the locator."""
    p = reading_problems(
        briefing(background=[st("He said the border would stay closed.", f"{OLD}#s2")]),
        articles(),
    )[0]
    assert p == Problem(("background", 0, "text"), "warning", "dangling-reference", p.message)


def test_past_tense_status_is_not_superseded() -> None:
    """Only a pending statement (future, present, progressive, perfect) can be superseded."""
    b = briefing(
        current_status=[st("Officials from Pakistan said talks resumed in Istanbul.", f"{OLD}#s1")]
    )
    assert [p[0] for p in problems(b)] == []
