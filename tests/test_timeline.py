"""build_timeline / select_events: dated events merged across sources, faithful text, selection."""

from __future__ import annotations

import datetime as dt

from briefgen.model import Article, Citation
from briefgen.nlp.similarity import support
from briefgen.timeline import build_timeline, importance, select_events, timeline_events, trim
from briefgen.timeline.dating import collect_mentions

from conftest import make_article


def _articles() -> list[Article]:
    a = make_article(
        "2025-10-24-truce-talks",
        paragraphs=(
            (
                "Explosions in Kabul on October 9 set off a retaliatory border offensive, "
                "officials said.",
                "Negotiators met in Doha on October 19 and agreed a ceasefire.",
            ),
        ),
        published=dt.date(2025, 10, 24),
    )
    b = make_article(
        "2025-11-05-talks-resume",
        paragraphs=(
            (
                "Explosions in Kabul on October 9 set off a border offensive.",
                "Talks will resume in Istanbul on Thursday.",
                "But the ceasefire agreed in Doha on October 19 still holds, diplomats say.",
            ),
            ("A separate flood hit the eastern provinces on October 9.",),
        ),
        published=dt.date(2025, 11, 5),
    )
    return [a, b]


def test_same_event_from_two_sources_is_one_event_citing_both() -> None:
    """The October 9 explosions reported by two articles become one event citing both."""
    events = build_timeline(_articles())
    oct9 = [e for e in events if e.date == dt.date(2025, 10, 9)]
    explosions = [e for e in oct9 if "Explosions" in e.text]
    assert len(explosions) == 1
    assert explosions[0].cite == (
        Citation.parse("2025-10-24-truce-talks#s1"),
        Citation.parse("2025-11-05-talks-resume#s1"),
    )
    assert explosions[0].text == "Explosions in Kabul on October 9 set off a border offensive."
    assert [e.text for e in oct9 if e not in explosions] == [
        "A separate flood hit the eastern provinces on October 9."
    ]


def test_events_dates_status_and_order() -> None:
    """Events are sorted by (date, text); a future weekday is a scheduled event."""
    events = build_timeline(_articles())
    assert [(e.date.isoformat(), e.precision, e.status) for e in events] == [
        ("2025-10-09", "day", "happened"),
        ("2025-10-09", "day", "happened"),
        ("2025-10-19", "day", "happened"),
        ("2025-11-06", "day", "scheduled"),
    ]
    assert events[-1].text == "Talks will resume in Istanbul on Thursday."
    assert events == tuple(sorted(events, key=lambda e: (e.date, e.text)))


def test_every_event_text_is_supported_by_its_citations() -> None:
    """Each text is a cited sentence or a contiguous trim of one (support 1.0, substring)."""
    articles = {a.id: a for a in _articles()}
    for event in build_timeline(list(articles.values())):
        cited = [articles[c.article_id].sentences[c.sentence - 1].text for c in event.cite]
        assert support(event.text, cited) == 1.0
        assert any(event.text.rstrip(".") in s for s in cited)


def test_merged_ceasefire_text_is_the_clearer_sentence() -> None:
    """Of two reports of the Doha ceasefire, the shorter event-first one is chosen."""
    events = build_timeline(_articles())
    (doha,) = [e for e in events if e.date == dt.date(2025, 10, 19)]
    assert doha.text == "Negotiators met in Doha on October 19 and agreed a ceasefire."
    assert len(doha.cite) == 2


def test_trim_drops_trailing_attribution_and_leading_connective() -> None:
    """Trims cut whole words only from the ends of the sentence."""
    assert trim("Explosions in Kabul set off a border offensive, officials said.") == (
        "Explosions in Kabul set off a border offensive."
    )
    assert trim("But the ceasefire agreed in Doha still holds.") == (
        "The ceasefire agreed in Doha still holds."
    )
    assert trim("Talks resumed.") == "Talks resumed."
    assert trim("KABUL – Negotiators from both sides met in Doha.") == (
        "Negotiators from both sides met in Doha."
    )


def test_trim_cuts_a_long_sentence_after_the_date_clause() -> None:
    """A long sentence ends after the clause holding the date phrase; quotes stay balanced."""
    text = (
        "Negotiators from Afghanistan and Pakistan are poised to resume talks in Istanbul on "
        "Thursday, a diplomatic effort aimed at preventing a return to the deadly hostilities "
        "that marked their worst border clashes in many years."
    )
    start = text.index("on Thursday")
    assert trim(text, (start, start + 11)) == (
        "Negotiators from Afghanistan and Pakistan are poised to resume talks in Istanbul on "
        "Thursday."
    )
    assert trim(text) == text
    quoted = 'He said "we meet on Thursday, and ' + "we will talk about all of it " * 4 + 'again".'
    start = quoted.index("on Thursday")
    assert trim(quoted, (start, start + 11)) == quoted


def test_deterministic_regardless_of_article_order() -> None:
    """The same articles in any order give the same events."""
    arts = _articles()
    assert build_timeline(arts) == build_timeline(list(reversed(arts)))


def test_select_events_caps_by_importance_in_chronological_order() -> None:
    """select_events keeps the most-cited events and returns them by date."""
    events = build_timeline(_articles())
    top = select_events(events, 2)
    assert [e.date.isoformat() for e in top] == ["2025-10-09", "2025-10-19"]
    assert all(importance(e)[0] == 2 for e in top)
    assert select_events(events, 0) == ()
    assert select_events(events, 99) == events


def test_limit_bounds_the_stored_list() -> None:
    """limit keeps the most important (most-cited) events, still chronological."""
    events = build_timeline(_articles(), limit=2)
    assert len(events) == 2
    assert [e.date for e in events] == sorted(e.date for e in events)
    assert all(len({c.article_id for c in e.cite}) == 2 for e in events)


def test_far_away_dates_keep_year_precision_and_implausible_are_dropped() -> None:
    """A day named years before publication keeps only year precision; year 1800 is dropped."""
    art = make_article(
        paragraphs=(("The border was drawn on 12 November 1893.", "The fort was built in 1800."),)
    )
    mentions, stats = collect_mentions([art])
    assert [(m.date, m.precision) for m in mentions] == [(dt.date(1893, 1, 1), "year")]
    assert (stats.downgraded, stats.dropped) == (1, 1)


def _news_day() -> list[Article]:
    fri = dt.date(2025, 10, 10)
    return [
        make_article(
            "2025-10-10-kabul-blasts",
            paragraphs=(
                (
                    "Explosions shook Kabul late on Thursday night.",
                    "Is peace between the two neighbours still possible?",
                    "Pakistan has closed its main border crossing with Afghanistan after the"
                    " attack.",
                ),
            ),
            published=fri,
        ),
        make_article(
            "2025-10-10-border-shut",
            paragraphs=(
                (
                    "Pakistan closed its main border crossing with Afghanistan.",
                    "Explosions shook Kabul on October 9, witnesses said.",
                ),
            ),
            published=fri,
        ),
        make_article(
            "2025-10-10-envoys-meet",
            paragraphs=(
                ("Envoys of both governments met in Doha on Friday to discuss the attack.",),
            ),
            published=fri,
        ),
    ]


def _cites(*refs: str) -> tuple[Citation, ...]:
    return tuple(Citation.parse(r) for r in refs)


def test_undated_lead_sentences_join_the_best_ranked_news_day_once() -> None:
    """Undated lead statements of Friday reports become one merged event of Thursday (the
    better-ranked of the publication day and the day before), not again on Friday; a question
    is never an event."""
    events = build_timeline(_news_day())
    assert [(e.date.isoformat(), e.status, e.text, e.cite) for e in events] == [
        (
            "2025-10-09",
            "happened",
            "Explosions shook Kabul late on Thursday night.",
            _cites("2025-10-10-border-shut#s2", "2025-10-10-kabul-blasts#s1"),
        ),
        (
            "2025-10-09",
            "happened",
            "Pakistan closed its main border crossing with Afghanistan.",
            _cites("2025-10-10-border-shut#s1", "2025-10-10-kabul-blasts#s3"),
        ),
        (
            "2025-10-10",
            "happened",
            "Envoys of both governments met in Doha on Friday to discuss the attack.",
            _cites("2025-10-10-envoys-meet#s1"),
        ),
    ]
    assert build_timeline(list(reversed(_news_day()))) == events


def test_timeline_events_bounds_dates_and_events_per_date() -> None:
    """The core keeps the best-ranked dates and the most central events per date, merging every
    same-event sentence; a span moves undated leads to the publication day, never a dated
    sentence; with no bounds it is exactly the product's build_timeline."""
    arts = _news_day()
    assert timeline_events(arts) == build_timeline(arts)
    product = build_timeline(arts)
    (only,) = timeline_events(arts, dates=1, per_date=1)
    assert (only.date, only.text, only.cite) == (
        dt.date(2025, 10, 9),
        "Pakistan closed its main border crossing with Afghanistan.",
        _cites("2025-10-10-border-shut#s1", "2025-10-10-kabul-blasts#s3"),
    )
    assert only == product[1]
    assert timeline_events(arts, dates=1, per_date=2) == product[:2]
    assert timeline_events(arts, dates=0) == ()
    friday = timeline_events(arts, span=(dt.date(2025, 10, 10), dt.date(2025, 10, 31)))
    assert [(e.date.isoformat(), e.text) for e in friday] == [
        ("2025-10-10", "Envoys of both governments met in Doha on Friday to discuss the attack."),
        (
            "2025-10-10",
            "Pakistan has closed its main border crossing with Afghanistan after the attack.",
        ),
    ]


def test_later_lead_sentences_count_only_in_a_news_tense() -> None:
    """The first sentence of a report is news of its day; a later undated lead sentence is only
    when its tense reports news (present perfect, progressive, "officials say"), not when a past
    simple recaps older events."""
    fri = dt.date(2025, 10, 10)
    art = make_article(
        "2025-10-10-quake",
        paragraphs=(
            (
                "A strong earthquake struck the northern province overnight.",
                "Rescuers are searching the rubble of collapsed homes for survivors.",
                "A smaller quake destroyed the same valley's only bridge and its school.",
                "The governor said on Friday that the death toll was certain to rise further.",
            ),
        ),
        published=fri,
    )
    events = build_timeline([art])
    assert {e.date for e in events} == {fri}
    assert sorted(str(c) for e in events for c in e.cite) == [
        "2025-10-10-quake#s1",
        "2025-10-10-quake#s2",
        "2025-10-10-quake#s4",
    ]
