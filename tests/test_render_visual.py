"""The timeline page: its visual chart of the story and how events group by the precision of
their dates."""

from __future__ import annotations

import datetime as dt
import random

from markupsafe import Markup
from msgspec.structs import replace
from test_render import _article, _edition, _pages

from briefgen.model import Precision, TimelineEvent
from briefgen.render.views import EventView, event_group
from briefgen.render.visual import MAX_COLUMNS, chart, timeline_visual

from conftest import make_briefing


def _ev(
    day: dt.date,
    precision: Precision = "day",
    status: str = "happened",
    text: str = "t",
    anchor: str = "",
) -> EventView:
    return EventView(
        date=day,
        precision=precision,
        label="",
        status=status,
        text=text,
        cites=Markup(""),
        topic="demo",
        topic_title="Demo",
        topic_link=Markup("topics/demo.md"),
        anchor=anchor,
    )


def _anchored(events: list[EventView]) -> list[EventView]:
    """Anchors as the timeline page gives them: ev-1 on the newest entry."""
    newest = sorted(events, key=lambda e: (e.date, e.text), reverse=True)
    return [replace(e, anchor=f"ev-{i}") for i, e in enumerate(newest, 1)]


FIXED = [
    _ev(dt.date(2025, 10, 30), anchor="ev-3"),
    _ev(dt.date(2025, 11, 1), anchor="ev-2"),
    _ev(dt.date(2025, 11, 1), status="scheduled", anchor="ev-1"),
]

FIXED_HTML = [
    '<figure class="bg-visual-wrap" data-search-exclude>',
    '<figcaption class="bg-visual-caption">3 events, 30 October 2025 to 1 November 2025, '
    "counted per day, oldest on the left. Select a column to read its events.</figcaption>",
    '<ol class="bg-chart bg-chart-day">',
    '<li class="bg-col"><a class="bg-col-link" href="#ev-3" '
    'title="30 October 2025&#58; 1 happened" '
    'aria-label="30 October 2025&#58; 1 happened"><span class="bg-count">1</span>'
    '<span class="bg-bars"><span class="bg-bar bg-bar-happened bg-h-10"></span></span>'
    '<span class="bg-tick">30</span><span class="bg-tick-sub">Oct</span></a></li>',
    '<li class="bg-col bg-col-empty" title="31 October 2025&#58; no events">'
    '<span class="bg-count"></span><span class="bg-bars"></span>'
    '<span class="bg-tick">31</span><span class="bg-tick-sub"></span></li>',
    '<li class="bg-col"><a class="bg-col-link" href="#ev-1" '
    'title="1 November 2025&#58; 1 happened, 1 scheduled" '
    'aria-label="1 November 2025&#58; 1 happened, 1 scheduled"><span class="bg-count">2</span>'
    '<span class="bg-bars"><span class="bg-bar bg-bar-scheduled bg-h-10"></span>'
    '<span class="bg-bar bg-bar-happened bg-h-10"></span></span>'
    '<span class="bg-tick">1</span><span class="bg-tick-sub">Nov</span></a></li>',
    "</ol>",
    '<p class="bg-legend"><span class="bg-key bg-bar-happened"></span>happened '
    '<span class="bg-key bg-bar-scheduled"></span>scheduled</p>',
    "</figure>",
]


def test_chart_for_a_fixed_set_of_events_is_exact() -> None:
    """Three events over three days draw exactly this chart, in any input order; each column
    with events links to its newest entry."""
    assert str(timeline_visual(FIXED)) == "".join(FIXED_HTML)
    shuffled = list(FIXED)
    random.Random(7).shuffle(shuffled)
    assert timeline_visual(shuffled) == timeline_visual(FIXED)
    assert timeline_visual([]) == Markup("")


def test_old_outliers_are_set_apart_as_earlier_context() -> None:
    """A 2021 event and a year-only one are listed as earlier context; the chart spans only the
    story (October and November 2025), per week."""
    events = [_ev(dt.date(2021, 3, 5)), _ev(dt.date(2019, 1, 1), "year")]
    events += [_ev(dt.date(2025, 10, 1 + 2 * d)) for d in range(12)]
    events += [_ev(dt.date(2025, 11, 6), status="scheduled")]
    c = chart(_anchored(events))
    assert c.unit == "week"
    assert [e.date for e in c.earlier] == [dt.date(2019, 1, 1), dt.date(2021, 3, 5)]
    assert c.later == () and c.vague == ()
    assert c.columns[0].name == "week of 29 September 2025"
    assert c.columns[-1].name == "week of 3 November 2025"
    assert sum(col.total for col in c.columns) == 13
    html = str(timeline_visual(_anchored(events)))
    assert (
        '<p class="bg-context-title">Earlier context</p><ul class="bg-context-list">'
        '<li><a href="#ev-15">2019 &#40;year only&#41;</a> '
        '<span class="bg-context-count">1 event</span></li>'
        '<li><a href="#ev-14">March 2021</a> <span class="bg-context-count">1 event</span></li>'
    ) in html
    assert "2 more events listed apart." in html


def test_the_unit_is_the_finest_that_fits() -> None:
    """Days for a fortnight, weeks for three months, months for a year, quarters for three
    years, years beyond; never more than MAX_COLUMNS columns."""
    start = dt.date(2024, 1, 1)
    for days, unit in (
        (13, "day"),
        (80, "week"),
        (400, "month"),
        (1000, "quarter"),
        (1300, "year"),
    ):
        events = [_ev(start + dt.timedelta(days=d)) for d in range(0, days + 1, max(1, days // 40))]
        c = chart(_anchored(events))
        assert (c.unit, c.earlier, c.later) == (unit, (), ()), days
        assert len(c.columns) <= MAX_COLUMNS
        assert sum(col.total for col in c.columns) == len(events)


def test_the_story_is_the_run_with_most_events() -> None:
    """Three runs split by long gaps: the biggest is charted, the others are context before and
    after it."""
    events = [_ev(dt.date(2024, 1, 5)), _ev(dt.date(2024, 1, 9))]
    events += [_ev(dt.date(2025, 5, d)) for d in (1, 3, 8)]
    events += [_ev(dt.date(2026, 3, 1), status="scheduled")]
    c = chart(_anchored(events))
    assert [e.date.year for e in c.earlier] == [2024, 2024]
    assert [e.date for e in c.later] == [dt.date(2026, 3, 1)]
    assert c.unit == "day" and len(c.columns) == 8
    html = str(timeline_visual(_anchored(events)))
    assert html.index("Earlier context") < html.index("<ol") < html.index("Further ahead")


def test_events_less_precise_than_the_chart_are_listed_apart() -> None:
    """A month-precision event in a chart of days is not drawn on a day it does not have."""
    events = [
        _ev(dt.date(2025, 11, 3)),
        _ev(dt.date(2025, 11, 5)),
        _ev(dt.date(2025, 11, 1), "month"),
    ]
    c = chart(_anchored(events))
    assert c.unit == "day"
    assert [e.precision for e in c.vague] == ["month"]
    assert sum(col.total for col in c.columns) == 2
    only_months = chart(_anchored([_ev(dt.date(2025, 11, 1), "month")]))
    assert [(col.name, col.total) for col in only_months.columns] == [("November 2025", 1)]


def test_chart_carries_no_event_text_script_or_foreign_link() -> None:
    """Untrusted event text never reaches the chart; its only links are to entries on the page."""
    events = _anchored(
        [_ev(dt.date(2025, 10, 9), text='<script>alert(1)</script><a href="http://x">')]
    )
    html = str(timeline_visual(events))
    assert "alert" not in html and "<script" not in html and "http" not in html
    assert html.count("href=") == 1 and 'href="#ev-1"' in html
    assert "style=" not in html


def test_event_group_follows_precision() -> None:
    """A year-only date groups under its year; month, week and day dates under their month."""
    assert event_group(dt.date(2021, 1, 1), "year") == ((2021, 0), "2021")
    assert event_group(dt.date(2025, 10, 1), "month") == ((2025, 10), "October 2025")
    assert event_group(dt.date(2025, 9, 29), "week") == ((2025, 9), "September 2025")
    assert event_group(dt.date(2025, 10, 9), "day") == ((2025, 10), "October 2025")


def test_timeline_page_headings_follow_precision() -> None:
    """The timeline page (and so its table of contents) heads a year-only event by its year."""
    a = _article()
    cite = ["2025-11-05-talks#s1"]

    def event(day: dt.date, precision: Precision, text: str) -> TimelineEvent:
        return TimelineEvent.validate(dict(date=day, precision=precision, text=text, cite=cite))

    events = [
        event(dt.date(2021, 1, 1), "year", "Year only."),
        event(dt.date(2025, 1, 1), "year", "Sometime in 2025."),
        event(dt.date(2025, 1, 15), "day", "Mid January."),
        event(dt.date(2025, 10, 1), "month", "During October."),
        event(dt.date(2025, 10, 9), "day", "On the ninth."),
        event(dt.date(2025, 9, 29), "week", "That week."),
    ]
    pages = _pages(_edition((make_briefing(a, timeline=events),), (a,), "e"))
    page = pages["timeline.md"]
    headings = [line for line in page.splitlines() if line.startswith("## ")]
    assert headings == [
        "## October 2025",
        "## September 2025",
        "## January 2025",
        "## 2025",
        "## 2021",
    ]
    entries = [line for line in page.splitlines() if line.startswith("- <span")]
    assert [line.split('id="')[1].split('"')[0] for line in entries] == [
        f"ev-{i}" for i in range(1, 7)
    ]
    labels = [line.split("**")[1] for line in entries]
    assert labels == [
        "9 October 2025",
        "October 2025",
        "week of 29 September 2025",
        "15 January 2025",
        "2025",
        "2021",
    ]
    topic = pages["topics/demo.md"].split("## Timeline")[1].split("## Sources")[0]
    assert [line.split("**")[1] for line in topic.splitlines() if line.startswith("- **")] == [
        "9 October 2025",
        "October 2025",
        "week of 29 September 2025",
        "15 January 2025",
        "2025",
        "2021",
    ], "the topic page uses the timeline page's order, newest first"
