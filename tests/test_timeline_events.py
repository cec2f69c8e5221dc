"""The event model (issue 14): clause mentions, far references, merges across dates, scheduled
then reported, conflicting figures, single source and relative times -- exact events for small
hand-written reports."""

from __future__ import annotations

import datetime as dt

from briefgen.model import Article, Citation, TimeRef
from briefgen.nlp.temporal import scan
from briefgen.timeline import build_timeline
from briefgen.timeline.mentions import (
    attribution,
    clause_bounds,
    clause_text,
    far_reference,
    figures,
    timestamp,
)
from briefgen.timeline.model import merges, same_event

from conftest import make_article

D = dt.date


def _one(article_id: str, text: str, published: dt.date, **extra: object) -> Article:
    return make_article(article_id, paragraphs=((text,),), published=published, **extra)


def _rows(articles: list[Article]) -> list[tuple[object, ...]]:
    return [
        (
            e.date.isoformat(),
            e.precision,
            e.status,
            e.text,
            tuple(str(c) for c in e.cite),
            e.conflict,
            e.single_source,
        )
        for e in build_timeline(articles)
    ]


def test_a_sentence_with_two_events_gives_two_clause_texts() -> None:
    """Two dates in two clauses are two events, each with its own clause, never the sentence
    twice."""
    art = _one(
        "2025-11-05-kidal",
        "Rebels seized the town of Kidal on Monday, and the army withdrew from the region on "
        "Tuesday after heavy fighting.",
        D(2025, 11, 5),
    )
    cite = ("2025-11-05-kidal#s1",)
    assert _rows([art]) == [
        ("2025-11-03", "day", "happened", "Rebels seized the town of Kidal on Monday.", cite,
         None, True),
        ("2025-11-04", "day", "happened",
         "The army withdrew from the region on Tuesday after heavy fighting.", cite, None, True),
    ]  # fmt: skip


def test_two_dates_in_one_clause_give_one_event() -> None:
    """When both dates stand in one clause the sentence is the text of its first date only."""
    art = _one(
        "2025-11-05-round",
        "A round of negotiations in Istanbul last week concluded with an agreement to extend the "
        "truce and reconvene on Thursday.",
        D(2025, 11, 5),
    )
    events = build_timeline([art])
    assert [(e.date.isoformat(), e.precision) for e in events] == [("2025-10-27", "week")]


def test_week_and_day_precision_of_one_event_merge_at_the_day() -> None:
    """ "Two weeks ago" (a week) and "on October 9" (a day in it) reporting the same explosions
    are one event at the day, citing both reports."""
    week = _one(
        "2025-10-24-fighting",
        "The fighting began two weeks ago after explosions in Kabul killed several people.",
        D(2025, 10, 24),
        publisher="AFP",
    )
    day = _one(
        "2025-11-05-crisis",
        "The crisis erupted on October 9 after explosions in Kabul that the Taliban blamed on "
        "Pakistan.",
        D(2025, 11, 5),
        publisher="Reuters",
    )
    assert _rows([week, day]) == [
        (
            "2025-10-09",
            "day",
            "happened",
            "The crisis erupted on October 9 after explosions in Kabul that the Taliban blamed on "
            "Pakistan.",
            ("2025-10-24-fighting#s1", "2025-11-05-crisis#s1"),
            None,
            False,
        )
    ]


def test_scheduled_then_reported_is_one_happened_event_citing_both() -> None:
    """Talks announced for Saturday and reported a week later as held are one happened event,
    at the announced day, with the report as text."""
    ahead = _one(
        "2025-10-24-talks-ahead",
        "Negotiators are expected to meet in Istanbul on Saturday for talks on the truce.",
        D(2025, 10, 24),
    )
    held = _one(
        "2025-11-05-talks-held",
        "A tense round of negotiations in Istanbul last week ended with an agreement to extend "
        "the truce.",
        D(2025, 11, 5),
    )
    (event,) = build_timeline([ahead, held])
    assert (event.date, event.precision, event.status) == (D(2025, 10, 25), "day", "happened")
    assert event.text == held.sentences[0].text
    assert event.cite == (
        Citation.parse("2025-10-24-talks-ahead#s1"),
        Citation.parse("2025-11-05-talks-held#s1"),
    )
    assert event.times == (
        TimeRef.validate(dict(phrase="last week", date=D(2025, 10, 27), precision="week")),
    )


def test_scheduled_event_no_report_describes_stays_scheduled() -> None:
    """A meeting set for a day before the newest source that no later report describes keeps
    status scheduled (the site shows "scheduled, no report since")."""
    ahead = _one(
        "2025-10-24-geneva",
        "Ministers will meet in Geneva on Monday to discuss the aid plan.",
        D(2025, 10, 24),
    )
    other = _one(
        "2025-11-05-convoy", "The aid convoy reached the border town on Tuesday.", D(2025, 11, 5)
    )
    assert [(e.date.isoformat(), e.status) for e in build_timeline([ahead, other])] == [
        ("2025-10-27", "scheduled"),
        ("2025-11-04", "happened"),
    ]


def test_far_references_are_not_events() -> None:
    """Comparisons with the past and anchors of long-range context make no event; a sentence
    that reports an event in a far year keeps it."""
    art = make_article(
        "2025-11-05-floods",
        paragraphs=(
            (
                "It was the worst flooding since 1998 in the province.",
                "Since the return of the Taliban to power in 2021, relations have soured.",
                "The vote is due before next year's election in the province.",
                "It was the third such closure since 2003 at the crossing.",
                "In 2021, the Taliban returned to power in Kabul.",
                "Heavy rain flooded the valley on Monday.",
            ),
        ),
        published=D(2025, 11, 5),
    )
    assert [(e.date.isoformat(), e.precision, e.text) for e in build_timeline([art])] == [
        ("2021-01-01", "year", "In 2021, the Taliban returned to power in Kabul."),
        ("2025-11-03", "day", "Heavy rain flooded the valley on Monday."),
    ]


def test_conflicting_figures_stand_apart_with_a_shared_key() -> None:
    """Two publishers' different death tolls for one clash are two events marked ``deaths``,
    each with its attribution; a same-publisher repeat of a figure joins its event."""
    a = _one(
        "2025-10-14-clashes-a",
        "At least 70 people were killed in the border clashes on October 12, the army said.",
        D(2025, 10, 14),
        publisher="Reuters",
    )
    b = _one(
        "2025-10-14-clashes-b",
        "Some 45 people were killed in the border clashes on October 12, officials said.",
        D(2025, 10, 14),
        publisher="AFP",
    )
    c = _one(
        "2025-10-15-clashes-c",
        "At least 70 people were killed in the border clashes on October 12 and dozens were "
        "injured.",
        D(2025, 10, 15),
        publisher="Reuters",
    )
    assert _rows([a, b, c]) == [
        ("2025-10-12", "day", "happened",
         "At least 70 people were killed in the border clashes on October 12, the army said.",
         ("2025-10-14-clashes-a#s1", "2025-10-15-clashes-c#s1"), "deaths", True),
        ("2025-10-12", "day", "happened",
         "Some 45 people were killed in the border clashes on October 12, officials said.",
         ("2025-10-14-clashes-b#s1",), "deaths", True),
    ]  # fmt: skip


def test_single_source_counts_publishers_not_articles() -> None:
    """Two articles of one publisher are one source; two publishers (or articles naming none)
    are independent."""
    one = _one("2025-11-04-a", "The bridge collapsed in the storm on Monday.", D(2025, 11, 4),
               publisher="AFP")  # fmt: skip
    two = _one("2025-11-05-b", "The bridge collapsed in the storm on Monday.", D(2025, 11, 5),
               publisher="AFP")  # fmt: skip
    three = _one("2025-11-05-c", "The bridge collapsed in the storm on Monday.", D(2025, 11, 5))
    assert [e.single_source for e in build_timeline([one, two])] == [True]
    assert [e.single_source for e in build_timeline([one, three])] == [False]


def test_relative_times_carry_their_dates() -> None:
    """Relative phrases in an event's text come with the dates they resolve to from their
    report's publication day; a calendar date is not one."""
    art = make_article(
        "2025-11-05-talks",
        paragraphs=(
            (
                "Talks will resume in Istanbul on Thursday.",
                "Envoys visited Tehran two weeks ago to discuss trade.",
                "The truce was signed on October 19 in Doha.",
            ),
        ),
        published=D(2025, 11, 5),
    )
    assert [(e.text, e.times) for e in build_timeline([art])] == [
        ("The truce was signed on October 19 in Doha.", ()),
        (
            "Envoys visited Tehran two weeks ago to discuss trade.",
            (
                TimeRef.validate(
                    dict(phrase="two weeks ago", date=D(2025, 10, 20), precision="week")
                ),
            ),
        ),
        (
            "Talks will resume in Istanbul on Thursday.",
            (TimeRef.validate(dict(phrase="on Thursday", date=D(2025, 11, 6), precision="day")),),
        ),
    ]


def test_page_time_stamps_are_not_events() -> None:
    """A date beside a clock time stamps a comment or an update; a clock time governed by a
    preposition in prose ("struck at 4.53pm on 12 January") dates an event."""
    stamps = [
        ("January 31, 2011 at 3:29 pm | The uprising is a flash democracy.", "January 31, 2011"),
        ("At 08:11 am on 01 Jun 2009, reader99 wrote: what rubbish.", "01 Jun 2009"),
        ("Tuesday 5 May 2009 17.04 BST The leaflet goes out next week.", "Tuesday 5 May 2009"),
    ]
    for text, phrase in stamps:
        at = text.index(phrase)
        assert timestamp(text, at, at + len(phrase)), text
    prose = "The quake struck at 4.53pm on 12 January."
    at = prose.index("12 January")
    assert not timestamp(prose, at, at + len("12 January"))


def test_clause_rules_and_far_reference_rules() -> None:
    """Clauses split at "and" + a new finite clause and at "while", not between two
    infinitives or two dates; "since" + a superlative, or a far year in a "since/before"
    phrase, is far."""
    s = "The rally was held on Monday while a second march is planned for Friday."
    assert clause_text(s, clause_bounds(s, s.index("Friday"), len(s) - 1)) == (
        "A second march is planned for Friday."
    )
    t = "They agreed to extend the truce and reconvene on Thursday."
    assert clause_bounds(t, t.index("on Thursday"), t.index(".")) == (0, len(t))
    u = "Talks on Monday and Tuesday were tense."
    assert clause_bounds(u, u.index("Tuesday"), u.index(" were")) == (0, len(u))
    published = D(2025, 11, 5)
    cases = {
        "The highest level since March 3 was reached on Monday.": [True, False],
        "Prices have risen since October 1.": [False],
        "In 2021, the Taliban returned to power.": [False],
    }
    for text, expected in cases.items():
        refs = scan(text, published).refs
        assert [far_reference(text, r, published) for r in refs] == expected, text


def test_attribution_and_figures() -> None:
    """The speaker of a reporting verb and the counts per quantity are read from the text."""
    assert attribution("At least 70 people were killed, the army said on Sunday.") == "the army"
    assert attribution("The toll rose, according to the health ministry.") == "the health ministry"
    assert attribution("Officials said 20 people died.") == "Officials"
    assert attribution("The toll rose.") is None
    assert figures("At least 70 people were killed and 1,200 injured in 3 days in 2025.") == {
        "deaths": frozenset({70}),
        "injured": frozenset({1200}),
        "days": frozenset({3}),
    }


def test_same_event_pairwise_rule() -> None:
    """The pairwise rule finds paraphrases of one happening; two figures for it are one
    happening but are not merged."""
    assert same_event(
        "On October 19, with mediation from Turkey and Qatar, the two sides agreed to a ceasefire.",
        "A second truce was finalized on Sunday thanks to mediation by Qatar and Turkey.",
    )
    seventy = "At least 70 people were killed in the clashes."
    forty_five = "Some 45 people were killed in the clashes."
    assert same_event(seventy, forty_five)
    assert not merges(seventy, forty_five)
    assert not same_event("A flood hit the eastern provinces.", "Explosions shook Kabul.")


def test_an_event_that_only_dangles_is_left_out() -> None:
    """An event whose only mention needs an antecedent from another sentence ("the
    negotiations") is not in the product's timeline; a self-contained one is."""
    art = make_article(
        "2025-10-24-positions",
        paragraphs=(
            (
                "For Islamabad, the negotiations must address cross-border attacks, a spokesman "
                "said on Friday.",
                "The Afghan delegation left for Istanbul on Thursday.",
            ),
        ),
        published=D(2025, 10, 24),
    )
    assert [e.text for e in build_timeline([art])] == [
        "The Afghan delegation left for Istanbul on Thursday."
    ]


def test_a_trim_keeps_the_attribution() -> None:
    """An event's text never loses who says it: when the trim would cut ", the army said", the
    clause is kept whole."""
    art = _one(
        "2025-11-05-strikes",
        "Jets struck three depots near the border on Monday, killing four fighters, the army said.",
        D(2025, 11, 5),
    )
    (event,) = build_timeline([art])
    assert event.text == (
        "Jets struck three depots near the border on Monday, killing four fighters, the army said."
    )
