"""Sections derived from events and their time (issue 14): the headline is the newest lead and is
not repeated, superseded statements are left out, dangling statements are extended with their
cited antecedent or dropped, trims keep the attribution, fragments are refused, and every
statement carries its marks (times, single source, conflict key)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from briefgen.model import Article, Briefing, Citation, TimelineEvent, TimeRef, Topic
from briefgen.nlp.trim import is_fragment, trim_statement
from briefgen.review.rules import reading_problems
from briefgen.structs import Record
from briefgen.summarize import merge
from briefgen.summarize.candidates import Candidate, candidates
from briefgen.summarize.extractive import ExtractiveSummarizer, readable
from briefgen.summarize.statements import (
    Sources,
    self_contained,
    single_source,
    superseded,
    superseded_by,
    times_of,
)

from conftest import make_article

OLD_ID = "2026-02-02-geneva-talks"
NEW_ID = "2026-02-10-geneva-deal"
TOPIC = Topic.validate(dict(slug="demo", title="Norland and Sudria border war"))

OLD = make_article(
    OLD_ID,
    paragraphs=(
        (
            "Negotiators from Norland and Sudria are meeting in Geneva to agree a ceasefire for "
            "the northern province.",
            "Talks are expected to resume in Geneva on Saturday, officials said.",
        ),
        (
            "At least 23 soldiers were killed in the clashes, the army said on Sunday.",
            "A court in the capital on Tuesday, March 5.",
        ),
    ),
    published=dt.date(2026, 2, 2),
    publisher="Daily Norland",
)
NEW = make_article(
    NEW_ID,
    paragraphs=(
        (
            "Norland and Sudria signed a ceasefire for the northern province in Geneva on Monday, "
            "ending three weeks of fighting.",
            "Negotiators meeting in Geneva agreed a ceasefire for the northern province on "
            "Saturday, and the leaders signed it two days later.",
        ),
        (
            "The health ministry lifted its ban on public gatherings in the northern province on "
            "Monday.",
            "The measure had lasted two weeks, officials said.",
            "Trucks queued for miles at the main crossing.",
            "He said the border would reopen soon.",
        ),
        (
            "At least 40 soldiers were killed in the clashes, officials said.",
            "Monitors will travel to the province next week to verify the truce.",
            "If the truce fails, aid agencies warn that a famine could follow in the province.",
        ),
    ),
    published=dt.date(2026, 2, 10),
    publisher="Sudria Times",
)
ARTICLES = {OLD.id: OLD, NEW.id: NEW}


def _summary() -> Briefing:
    return ExtractiveSummarizer().summarize(TOPIC, [OLD, NEW], None)


def _plain(items: Any) -> list[dict[str, Any]]:
    """Statements as their YAML data (defaults left out, at every depth)."""
    return [_without_defaults(st) for st in items]


def _without_defaults(value: Any) -> Any:
    if isinstance(value, Record):
        defaults = type(value).field_defaults()
        return {
            name: _without_defaults(getattr(value, name))
            for name in type(value).__struct_fields__
            if getattr(value, name) != defaults[name]
        }
    if isinstance(value, tuple):
        return [_without_defaults(v) for v in value]
    if isinstance(value, (bool, int, float)):
        return value
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _candidate(text_start: str, articles: list[Article]) -> Candidate:
    return next(c for c in candidates(articles) if c.text.startswith(text_start))


def test_sections_of_a_small_topic_are_exact() -> None:
    """Headline: the newest source's lead; status: the newest developments and what is scheduled
    next, not the headline again, not the superseded meeting or outlook; background: the
    conflicting figures side by side with one conflict key; the fragment, the dangling "He said"
    and the superseded statements nowhere; every statement marked."""
    b = _summary()
    assert _plain([b.headline]) == [
        {
            "text": "Norland and Sudria signed a ceasefire for the northern province in Geneva on "
            "Monday, ending three weeks of fighting.",
            "cite": [f"{NEW_ID}#s1"],
            "times": [{"phrase": "on Monday", "date": "2026-02-09"}],
            "single_source": True,
        }
    ]
    assert _plain(b.current_status) == [
        {
            "text": "Negotiators meeting in Geneva agreed a ceasefire for the northern province on "
            "Saturday, and the leaders signed it two days later.",
            "cite": [f"{NEW_ID}#s2"],
            "times": [{"phrase": "on Saturday", "date": "2026-02-07"}],
            "single_source": True,
        },
        {
            "text": "The health ministry lifted its ban on public gatherings in the northern "
            "province on Monday.",
            "cite": [f"{NEW_ID}#s3"],
            "times": [{"phrase": "on Monday", "date": "2026-02-09"}],
            "single_source": True,
        },
        {
            "text": "Monitors will travel to the province next week to verify the truce.",
            "cite": [f"{NEW_ID}#s8"],
            "times": [{"phrase": "next week", "date": "2026-02-16", "precision": "week"}],
            "single_source": True,
        },
    ]
    assert _plain(b.background)[:2] == [
        {
            "text": "At least 23 soldiers were killed in the clashes, the army said on Sunday.",
            "cite": [f"{OLD_ID}#s3"],
            "times": [{"phrase": "on Sunday", "date": "2026-02-01"}],
            "conflict": "soldiers",
            "single_source": True,
        },
        {
            "text": "At least 40 soldiers were killed in the clashes, officials said.",
            "cite": [f"{NEW_ID}#s7"],
            "conflict": "soldiers",
            "single_source": True,
        },
    ]
    assert [st.text for st in b.stakes] == [
        "If the truce fails, aid agencies warn that a famine could follow in the province."
    ]
    written = [st.text for st, where in b.iter_cited() if not where.startswith("timeline")]
    for gone in (
        "A court in the capital on Tuesday, March 5.",
        "He said the border would reopen soon.",
        "Talks are expected to resume in Geneva on Saturday, officials said.",
        "Negotiators from Norland and Sudria are meeting in Geneva to agree a ceasefire for the "
        "northern province.",
    ):
        assert gone not in written


def test_generated_sections_pass_the_reading_rules() -> None:
    """check finds nothing in the sections it generates: no dangling reference, no repeated
    headline, no superseded status, no cut attribution, no unmarked or unpaired conflict, no
    wrong time."""
    b = _summary()
    found = [p for p in reading_problems(b, ARTICLES) if p.path[0] != "timeline"]
    assert found == []


def test_headline_is_never_repeated_in_status() -> None:
    """The headline's sentence is not a current-status statement (the old summarizer put it in
    both)."""
    b = _summary()
    assert all(not set(st.cite) & set(b.headline.cite) for st in b.current_status)


def test_expired_outlook_supersedes_a_pending_statement() -> None:
    """'Talks are expected to resume on Saturday' (reported Feb 2) is superseded on Feb 10: the
    Saturday it looks ahead to has passed and a newer source exists; on Feb 2 it is current."""
    src = Sources(ARTICLES)
    c = _candidate("Talks are expected to resume", [OLD, NEW])
    assert superseded(c, (), src, dt.date(2026, 2, 10))
    assert not superseded(c, (), Sources({OLD.id: OLD}), dt.date(2026, 2, 2))


def test_a_later_event_supersedes_a_pending_statement() -> None:
    """A pending statement ('are meeting in Geneva to agree a ceasefire') is superseded by a later
    happened event that is the same event, reported by a newer source; not by one it cites, nor
    by a scheduled one."""
    src = Sources(ARTICLES)
    text = OLD.sentences[0].text
    cites = (Citation(OLD_ID, 1),)
    later = TimelineEvent.validate(
        dict(
            date=dt.date(2026, 2, 7),
            text="Negotiators meeting in Geneva agreed a ceasefire for the northern province on "
            "Saturday.",
            cite=(Citation(NEW_ID, 2),),
        )
    )
    assert superseded_by(text, cites, (later,), src) == 0
    planned = later.replace(status="scheduled")
    assert superseded_by(text, cites, (planned,), src) is None
    own = later.replace(cite=(Citation(OLD_ID, 1), Citation(NEW_ID, 2)))
    assert superseded_by(text, cites, (own,), src) is None


def _one(paragraph: tuple[str, ...], article_id: str = "2026-03-02-ban") -> Article:
    return make_article(article_id, paragraphs=(paragraph,), published=dt.date(2026, 3, 2))


def test_dangling_statement_is_extended_with_its_cited_antecedent() -> None:
    """'The measure will last ...' is extended with the sentence before it, which names the
    measure, and cites both sentences."""
    art = _one(
        (
            "Trucks queued for miles at the main crossing.",
            "The health ministry imposed a measure banning public gatherings in the capital "
            "on Sunday.",
            "The measure will last two weeks, officials said.",
        )
    )
    c = _candidate("The measure will last", [art])
    out = self_contained(c, Sources({art.id: art}))
    assert out is not None
    assert out.text == (
        "The health ministry imposed a measure banning public gatherings in the capital on "
        "Sunday. The measure will last two weeks, officials said."
    )
    assert [str(x) for x in out.cites] == [f"{art.id}#s2", f"{art.id}#s3"]


def test_dangling_statement_without_a_resolving_antecedent_is_dropped() -> None:
    """'He said ...' after a sentence that names no one is left out."""
    art = _one(
        (
            "Trucks queued for miles at the main crossing on Sunday.",
            "He said the border would stay closed until the weekend.",
        )
    )
    c = _candidate("He said the border", [art])
    assert self_contained(c, Sources({art.id: art})) is None


def test_pair_reference_reads_as_the_topics_pair_unless_another_pair_precedes() -> None:
    """'the two countries' is self-contained in a topic named for a pair; 'Both countries' right
    after a sentence naming two other countries is extended with that sentence."""
    art = _one(
        (
            "Trade fell sharply in the first week of the closure.",
            "The border between the two countries has been closed since Sunday.",
            "The mediation by Turkey and Qatar highlights the regional stakes.",
            "Both countries have channels to the government in Kabul.",
        )
    )
    src = Sources({art.id: art}, topic="Afghanistan–Pakistan border")
    closed = _candidate("The border between", [art])
    assert self_contained(closed, src) == closed
    both = self_contained(_candidate("Both countries", [art]), src)
    assert both is not None and both.text == (
        "The mediation by Turkey and Qatar highlights the regional stakes. "
        "Both countries have channels to the government in Kabul."
    )


def test_trims_keep_the_attribution() -> None:
    """A statement trim cuts a leading dateline or connective, never the attribution."""
    assert (
        trim_statement("KABUL – At least 23 soldiers were killed, the army said on Sunday.")
        == "At least 23 soldiers were killed, the army said on Sunday."
    )
    assert (
        trim_statement("But the talks will resume on Thursday, officials said.")
        == "The talks will resume on Thursday, officials said."
    )


def test_a_fragment_is_never_a_statement() -> None:
    """A phrase with no finite verb is never a statement (refused among the candidates a
    section could take); clauses are statements."""
    assert is_fragment("A court in the capital on Tuesday, March 5.")
    assert is_fragment("Pakistan’s army on Sunday.")
    assert not is_fragment("The closure disrupts vital trade routes.")
    assert not is_fragment("Negotiators poised to resume talks in Istanbul.")
    pool = candidates([OLD, NEW])
    fragment = next(c for c in pool if c.text == "A court in the capital on Tuesday, March 5.")
    kept = readable(pool, (), Sources(ARTICLES), dt.date(2026, 2, 10), keep=100)
    assert fragment.cites[0] not in {x for c in kept for x in c.cites}


def test_times_resolve_from_the_cited_article() -> None:
    """Each relative phrase of a statement resolves from its own article's publication date;
    absolute dates are not marked."""
    src = Sources(ARTICLES)
    text = "At least 23 soldiers were killed in the clashes, the army said on Sunday."
    assert times_of(text, (Citation(OLD_ID, 3),), src) == (
        TimeRef.validate(dict(phrase="on Sunday", date=dt.date(2026, 2, 1))),
    )
    art = _one(("The strike began on 2 March, two weeks ago, union leaders said.",))
    assert times_of(
        art.sentences[0].text, (art.sentences[0].citation,), Sources({art.id: art})
    ) == (
        TimeRef.validate(dict(phrase="two weeks ago", date=dt.date(2026, 2, 16), precision="week")),
    )


def test_single_source_counts_publishers() -> None:
    """Citations from one publisher (or one article without a named publisher) are a single
    source; two publishers are not."""
    twin = make_article(
        "2026-02-11-copy", paragraphs=(("Monitors arrived.",),), publisher="sudria times"
    )
    arts = {**ARTICLES, twin.id: twin}
    assert single_source((Citation(NEW_ID, 1), Citation(twin.id, 1)), arts)
    assert not single_source((Citation(NEW_ID, 1), Citation(OLD_ID, 1)), arts)


def test_a_section_lists_each_timeline_event_once() -> None:
    """Two sentences that the timeline merged into one event (two reports of the Kabul blasts)
    make one background statement, the stronger one; a figure that differs keeps its own."""
    a = make_article(
        "2025-10-24-blasts",
        paragraphs=(
            (
                "Pakistan and Afghanistan exchanged fire across the border on Sunday.",
                "The fighting began two weeks ago after explosions in the centre of Kabul.",
            ),
        ),
        published=dt.date(2025, 10, 24),
    )
    b = make_article(
        "2025-11-05-crisis",
        paragraphs=(
            (
                "Talks between Pakistan and Afghanistan resume in Istanbul on Thursday.",
                "The crisis erupted on October 9, following a series of explosions in Kabul.",
            ),
        ),
        published=dt.date(2025, 11, 5),
    )
    arts = {a.id: a, b.id: b}
    event = TimelineEvent.validate(
        dict(
            date=dt.date(2025, 10, 9),
            text="The crisis erupted on October 9, following a series of explosions in Kabul.",
            cite=(Citation(a.id, 2), Citation(b.id, 2)),
        )
    )
    pool = readable(candidates([a, b]), (event,), Sources(arts), dt.date(2025, 11, 5), keep=10)
    kabul = [c for c in pool if "Kabul" in c.text]
    assert len(kabul) == 2 and all(c.events == frozenset({0}) for c in kabul)
    chosen = merge.choose(kabul, (), 7, blocked=frozenset(), used=set(), chronological=True)
    assert len(chosen) == 1


def test_an_old_outlook_is_neither_status_nor_background() -> None:
    """'Islamabad has not said who it will send for the talks' (reported before the newest
    source, looking ahead) is left out, not moved to background."""
    old = make_article(
        "2025-10-24-delegations",
        paragraphs=(
            (
                "Pakistan and Afghanistan agreed to meet in Istanbul.",
                "Islamabad has not said who it will send for the talks.",
            ),
        ),
        published=dt.date(2025, 10, 24),
    )
    new = make_article(
        "2025-11-05-round",
        paragraphs=(("Negotiators from Pakistan and Afghanistan met in Istanbul on Monday.",),),
        published=dt.date(2025, 11, 5),
    )
    b = ExtractiveSummarizer().summarize(TOPIC, [old, new], None)
    written = [st.text for st, where in b.iter_cited() if not where.startswith("timeline")]
    assert "Islamabad has not said who it will send for the talks." not in written
