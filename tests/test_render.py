"""Rendering: the Markdown of the home, topic, source, timeline and "What changed" pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefgen.changes import compare
from briefgen.errors import BuildError
from briefgen.model import Article, Briefing, Edition, Statement, TimelineEvent
from briefgen.render.env import make_env
from briefgen.render.outputs import render_edition
from briefgen.render.pages import EditionInput
from briefgen.render.views import event_date

from conftest import make_article, make_briefing


def _article() -> Article:
    return make_article(
        "2025-11-05-talks",
        paragraphs=(("Talks resumed on Thursday.", "Both sides attended."), ("Trade is down.",)),
        publisher="Example Wire",
        url="https://example.org/talks",
    )


def _edition(briefings: tuple[Briefing, ...], articles: tuple[Article, ...], eid: str) -> Edition:
    return Edition.validate(
        dict(id=eid, released=dt.date(2025, 11, 5), briefings=briefings, articles=articles)
    )


def _pages(
    edition: Edition, previous: Edition | None = None, cap: int = 12, overrides: Path | None = None
) -> dict[str, str]:
    inp = EditionInput(
        edition=edition,
        previous_id=previous.id if previous else None,
        changes=compare(previous.briefings, edition.briefings) if previous else None,
        last_changed=(("demo", dt.date(2025, 11, 1)),),
        timeline_cap=cap,
    )
    return {p.path: p.markdown for p in render_edition(inp, make_env(overrides)).pages}


def test_topic_page_has_sections_and_provenance_marks() -> None:
    """A topic page shows headline and the three sections; each citation is a link labelled with
    its publisher and date to the cited sentence, followed by the count of independent sources."""
    a = _article()
    b = make_briefing(
        a,
        background=[Statement.validate(dict(text="Trade is down.", cite=["2025-11-05-talks#s3"]))],
        stakes=[
            Statement.validate(
                dict(text="Both sides attended.", cite=["2025-11-05-talks#s2"], edited=True)
            )
        ],
    )
    page = _pages(_edition((b,), (a,), "2025-11-05"))["topics/demo.md"]
    link = "[Example Wire · 5 Nov](../sources/demo/2025-11-05-talks.md#s{s})</span>"
    single = '<span class="bg-support bg-single" title="only one independent source says this">'
    assert '> <span class="bg-headline">**Talks resumed on Thursday.**</span> <span' in page
    assert link.format(s=1) in page
    assert "- Trade is down. <span" in page and link.format(s=3) in page
    assert link.format(s=2) in page
    assert page.count(single + "1 source</span>") == 5  # headline, 3 statements, 1 event
    for heading in ("## Current status", "## Background", "## Stakes", "## Timeline", "## Sources"):
        assert heading in page
    assert 'class="bg-edited"' in page
    assert "[original](https://example.org/talks)" in page
    assert "[cleaned copy](../sources/demo/2025-11-05-talks.md)" in page


def test_provenance_counts_publishers_and_marks_inferred_dates() -> None:
    """Two articles of two publishers make "2 sources", two of one publisher "1 source"; an
    inferred publication date reads "about <day> <month>"; one article cited twice is one mark."""
    a = _article()
    other = make_article(
        "2025-10-24-wire",
        paragraphs=(("Talks resumed on Thursday, officials said.",),),
        publisher="Other Post",
        published=dt.date(2025, 10, 24),
        published_basis="inferred",
    )
    same = make_article(
        "2025-11-04-wire", paragraphs=(("Talks resumed.",),), publisher="example wire"
    )
    b = make_briefing(
        a,
        current_status=[
            Statement.validate(
                dict(text="Two say so.", cite=["2025-11-05-talks#s1", "2025-10-24-wire#s1"])
            ),
            Statement.validate(
                dict(text="One says so.", cite=["2025-11-05-talks#s1", "2025-11-04-wire#s1"])
            ),
            Statement.validate(
                dict(text="Twice.", cite=["2025-11-05-talks#s1", "2025-11-05-talks#s3"])
            ),
        ],
        sources=("2025-10-24-wire", "2025-11-04-wire", "2025-11-05-talks"),
    )
    page = _pages(_edition((b,), (a, other, same), "2025-11-05"))["topics/demo.md"]
    lines = {line.split(" <span", 1)[0]: line for line in page.splitlines() if line[:2] == "- "}
    assert (
        "[Other Post · about 24 Oct](../sources/demo/2025-10-24-wire.md#s1)"
        in lines["- Two say so."]
    )
    assert 'title="2 independent publishers">2 sources</span>' in lines["- Two say so."]
    assert ">1 source</span>" in lines["- One says so."]
    assert lines["- Twice."].count('class="bg-cite"') == 1
    assert "Other Post, about 24 October 2025" in page


def test_source_page_anchors_every_sentence() -> None:
    """The source page wraps sentence n in an element with id s<n>, paragraphs kept."""
    a = _article()
    page = _pages(_edition((make_briefing(a),), (a,), "e1"))["sources/demo/2025-11-05-talks.md"]
    assert (
        '<p><span class="bg-s" id="s1">Talks resumed on Thursday.</span> '
        '<span class="bg-s" id="s2">Both sides attended.</span></p>\n'
        '<p><span class="bg-s" id="s3">Trade is down.</span></p>'
    ) in page
    assert "[Briefing: Demo topic](../../topics/demo.md)" in page


def test_home_lists_topics_and_says_when_there_are_none() -> None:
    """Home lists each topic with headline, as-of, sources, last change; empty says so."""
    a = _article()
    home = _pages(_edition((make_briefing(a),), (a,), "2025-11-05"))["index.md"]
    assert "## [Demo topic](topics/demo.md)" in home
    assert "As of 5 November 2025 · 1 source · last changed 1 November 2025" in home
    empty = _pages(_edition((), (), "draft"))
    assert "There are no briefings yet." in empty["index.md"]
    assert set(empty) == {"index.md", "timeline.md", "changes.md"}


def test_timeline_groups_by_month_newest_first_with_topic_and_status() -> None:
    """The cross-topic timeline groups events by month, newest first, with status and topic."""
    a = _article()
    events = [
        TimelineEvent.validate(
            dict(date=dt.date(2025, 10, 9), text="Old event.", cite=["2025-11-05-talks#s1"])
        ),
        TimelineEvent.validate(
            dict(
                date=dt.date(2025, 11, 20),
                status="scheduled",
                text="Next round.",
                cite=["2025-11-05-talks#s2"],
            )
        ),
    ]
    page = _pages(_edition((make_briefing(a, timeline=events),), (a,), "e"))["timeline.md"]
    assert page.index("## November 2025") < page.index("## October 2025")
    entry = '- <span class="bg-ev" id="ev-1"></span>**20 November 2025** · [Demo topic]('
    entry += "topics/demo.md) · "
    assert entry in page
    assert '<span class="bg-status bg-scheduled">scheduled</span> — Next round.' in page
    assert '<ol class="bg-chart bg-chart-week">' in page
    assert page.count('<span class="bg-bar bg-bar-happened bg-h-20">') == 1
    assert page.count('<span class="bg-bar bg-bar-scheduled bg-h-20">') == 1


def test_topic_timeline_is_capped_by_select_events() -> None:
    """A topic page shows at most timeline_cap events, newest first, and links to the rest."""
    a = _article()
    events = [
        TimelineEvent.validate(
            dict(date=dt.date(2025, 10, d), text=f"Event {d}.", cite=["2025-11-05-talks#s1"])
        )
        for d in range(1, 16)
    ]
    pages = _pages(_edition((make_briefing(a, timeline=events),), (a,), "e"), cap=3)
    topic = pages["topics/demo.md"].split("## Timeline")[1].split("## Sources")[0]
    assert topic.count("\n- **") == 3
    assert "Showing the 3 most important of 15 events" in topic
    assert "[full timeline](../timeline.md)" in topic
    assert pages["timeline.md"].count('\n- <span class="bg-ev" id="ev-') == 15


def test_event_dates_follow_precision() -> None:
    """Event dates read at their precision."""
    day = dt.date(2025, 10, 9)
    assert event_date(day, "day") == "9 October 2025"
    assert event_date(day, "week") == "week of 9 October 2025"
    assert event_date(day, "month") == "October 2025"
    assert event_date(day, "year") == "2025"


def test_changes_page_lists_added_removed_changed_events_and_sources() -> None:
    """What changed shows statements per section, new events (dated at precision), new sources."""
    a = _article()
    b2 = make_article("2025-11-06-more", paragraphs=(("Trade fell sharply.", "More talks."),))
    old = make_briefing(
        a, stakes=[Statement.validate(dict(text="Trade is down.", cite=["2025-11-05-talks#s3"]))]
    )
    new = make_briefing(
        a,
        sources=[a.id, b2.id],
        background=[Statement.validate(dict(text="More talks.", cite=["2025-11-06-more#s2"]))],
        timeline=[
            *old.timeline,
            TimelineEvent.validate(
                dict(date=dt.date(2025, 11, 6), text="Trade fell.", cite=["2025-11-06-more#s1"])
            ),
            TimelineEvent.validate(
                dict(
                    date=dt.date(2025, 12, 1),
                    precision="month",
                    status="scheduled",
                    text="More talks.",
                    cite=["2025-11-06-more#s2"],
                )
            ),
        ],
    )
    prev = _edition((old,), (a,), "2025-11-05")
    page = _pages(_edition((new,), (a, b2), "2025-11-06"), previous=prev)["changes.md"]
    assert "Changes in the edition of 6 Nov 2025 since the edition of 5 Nov 2025." in page
    assert '### Background\n\n- <span class="bg-added">added</span> More talks.' in page
    assert '### Stakes\n\n- <span class="bg-removed">removed</span> Trade is down.' in page
    happened = '<span class="bg-status bg-happened">happened</span>'
    scheduled = '<span class="bg-status bg-scheduled">scheduled</span>'
    assert f"- **6 November 2025** · {happened} — Trade fell." in page
    assert f"- **December 2025** · {scheduled} — More talks." in page
    assert "- [Talks resume](sources/demo/2025-11-06-more.md)" in page
    first = _pages(prev)["changes.md"]
    assert "is the first edition" in first


def test_template_override_by_name_and_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    """A project template replaces the packaged one; a syntax error names the file and line."""
    a = _article()
    edition = _edition((make_briefing(a),), (a,), "e")
    (tmp_path / "home.md").write_text("# Custom home\n\n{{ rows|length }} topics\n", "utf-8")
    assert _pages(edition, overrides=tmp_path)["index.md"] == "# Custom home\n\n1 topics\n"
    (tmp_path / "home.md").write_text("# Broken\n\n{% for x in rows %}\n", "utf-8")
    with pytest.raises(BuildError) as err:
        _pages(edition, overrides=tmp_path)
    assert err.value.file == str(tmp_path / "home.md")
    assert err.value.line == 3
    assert "template syntax error" in err.value.message


def test_render_is_deterministic() -> None:
    """The same edition renders to the same bytes."""
    a = _article()
    edition = _edition((make_briefing(a),), (a,), "e")
    assert _pages(edition) == _pages(edition)
