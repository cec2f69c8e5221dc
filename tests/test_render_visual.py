"""The timeline page: its inline SVG chart and how events group by the precision of their dates."""

from __future__ import annotations

import datetime as dt
import random

from markupsafe import Markup
from test_render import _article, _edition, _pages

from briefgen.model import Precision, TimelineEvent
from briefgen.render.views import EventView, event_group
from briefgen.render.visual import chart_columns, timeline_svg

from conftest import make_briefing


def _ev(
    day: dt.date, precision: Precision = "day", status: str = "happened", text: str = "t"
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
    )


FIXED = [
    _ev(dt.date(2021, 1, 1), "year"),
    _ev(dt.date(2025, 10, 9)),
    _ev(dt.date(2025, 10, 20), "week"),
    _ev(dt.date(2025, 11, 6), status="scheduled"),
    _ev(dt.date(2025, 11, 1), "month"),
]

FIXED_SVG = [
    '<figure class="bg-visual-wrap" data-search-exclude>',
    '<svg class="bg-visual" role="img" aria-labelledby="bg-visual-title bg-visual-desc" '
    'viewBox="0 0 300 182" width="300" height="182" xmlns="http://www.w3.org/2000/svg">',
    '<title id="bg-visual-title">Timeline&#58; events per month, oldest on the left</title>',
    '<desc id="bg-visual-desc">5 events, 2021 &#40;year only&#41; to November 2025, counted per '
    "month. 2021 &#40;year only&#41;&#58; 1 happened; October 2025&#58; 2 happened; "
    "November 2025&#58; 1 happened, 1 scheduled. The axis is cut where more than 2 months in a "
    "row have no events.</desc>",
    '<rect class="bg-bar bg-bar-happened" x="8" y="6" width="12" height="12"/>',
    '<text class="bg-legend" x="25" y="17">happened</text>',
    '<rect class="bg-bar bg-bar-scheduled" x="98" y="6" width="12" height="12"/>',
    '<text class="bg-legend" x="115" y="17">scheduled</text>',
    '<path class="bg-cut" d="M198 18l4 -12M204 18l4 -12"/>',
    '<text class="bg-legend" x="215" y="17">axis cut</text>',
    '<g class="bg-col">',
    "<title>2021 &#40;year only&#41;&#58; 1 happened</title>",
    '<rect class="bg-hit" x="8" y="28" width="44" height="154" fill-opacity="0"/>',
    '<rect class="bg-bar bg-bar-happened" x="17" y="94" width="26" height="50"/>',
    '<text class="bg-count" x="30" y="90" text-anchor="middle">1</text>',
    '<line class="bg-axis" x1="8" y1="145" x2="52" y2="145"/>',
    '<text class="bg-tick bg-tick-year" x="30" y="161" text-anchor="middle">2021</text>',
    '<text class="bg-tick-sub" x="30" y="175" text-anchor="middle">year only</text>',
    "</g>",
    '<g class="bg-col">',
    "<title>Axis cut&#58; 3 years 9 months without events</title>",
    '<path class="bg-cut" d="M60 151l4 -14M66 151l4 -14"/>',
    "</g>",
    '<g class="bg-col">',
    "<title>October 2025&#58; 2 happened</title>",
    '<rect class="bg-hit" x="78" y="28" width="44" height="154" fill-opacity="0"/>',
    '<rect class="bg-bar bg-bar-happened" x="87" y="44" width="26" height="100"/>',
    '<text class="bg-count" x="100" y="40" text-anchor="middle">2</text>',
    '<line class="bg-axis" x1="78" y1="145" x2="122" y2="145"/>',
    '<text class="bg-tick" x="100" y="161" text-anchor="middle">Oct</text>',
    '<text class="bg-tick-sub" x="100" y="175" text-anchor="middle">2025</text>',
    "</g>",
    '<g class="bg-col">',
    "<title>November 2025&#58; 1 happened, 1 scheduled</title>",
    '<rect class="bg-hit" x="122" y="28" width="44" height="154" fill-opacity="0"/>',
    '<rect class="bg-bar bg-bar-happened" x="131" y="94" width="26" height="50"/>',
    '<rect class="bg-bar bg-bar-scheduled" x="131" y="44" width="26" height="50"/>',
    '<text class="bg-count" x="144" y="40" text-anchor="middle">2</text>',
    '<line class="bg-axis" x1="122" y1="145" x2="166" y2="145"/>',
    '<text class="bg-tick" x="144" y="161" text-anchor="middle">Nov</text>',
    "</g>",
    "</svg>",
    "</figure>",
]


def test_svg_for_a_fixed_set_of_events_is_exact() -> None:
    """A year-only outlier, October and November 2025 draw exactly this chart in any order."""
    assert str(timeline_svg(FIXED)) == "".join(FIXED_SVG)
    shuffled = list(FIXED)
    random.Random(7).shuffle(shuffled)
    assert timeline_svg(shuffled) == timeline_svg(FIXED)
    assert timeline_svg([]) == Markup("")


def test_an_old_outlier_gets_its_own_column_behind_an_axis_cut() -> None:
    """One 2021 event stays one column left of a cut; the clustered months keep full width."""
    events = [_ev(dt.date(2021, 3, 5))]
    events += [_ev(dt.date(2025, 10, 1 + d)) for d in range(12)]
    events += [_ev(dt.date(2025, 11, 6), status="scheduled")]
    columns, by_year = chart_columns(events)
    assert not by_year
    assert [(c.kind, c.name, c.happened, c.scheduled, c.gap) for c in columns] == [
        ("month", "March 2021", 1, 0, 0),
        ("cut", "cut", 0, 0, 54),
        ("month", "October 2025", 12, 0, 0),
        ("month", "November 2025", 0, 1, 0),
    ]
    assert [(c.label, c.sub) for c in columns if c.kind != "cut"] == [
        ("Mar", "2021"),
        ("Oct", "2025"),
        ("Nov", ""),
    ]
    assert "<title>Axis cut&#58; 4 years 6 months without events</title>" in timeline_svg(events)


def test_short_gaps_are_empty_columns_and_long_ones_are_cut() -> None:
    """Up to two empty months are drawn (with the year at January); three or more become a cut."""
    events = [_ev(dt.date(2024, 12, 1)), _ev(dt.date(2025, 2, 1)), _ev(dt.date(2025, 6, 1))]
    columns, _ = chart_columns(events)
    assert [(c.kind, c.label, c.sub, c.total, c.gap) for c in columns] == [
        ("month", "Dec", "2024", 1, 0),
        ("month", "Jan", "2025", 0, 0),
        ("month", "Feb", "", 1, 0),
        ("cut", "", "", 0, 3),
        ("month", "Jun", "2025", 1, 0),
    ]


def test_a_long_dense_span_is_counted_per_year() -> None:
    """More than 48 month columns switch the chart to one column per year."""
    events = [_ev(dt.date(2000 + m // 12, m % 12 + 1, 1)) for m in range(60)]
    events.append(_ev(dt.date(2004, 6, 1), status="scheduled"))
    columns, by_year = chart_columns(events)
    assert by_year
    assert [(c.label, c.happened, c.scheduled) for c in columns] == [
        ("2000", 12, 0),
        ("2001", 12, 0),
        ("2002", 12, 0),
        ("2003", 12, 0),
        ("2004", 12, 1),
    ]
    svg = str(timeline_svg(events))
    assert "Timeline&#58; events per year, oldest on the left" in svg
    assert "61 events, 2000 to 2004, counted per year." in svg


def test_chart_carries_no_event_text_script_or_link() -> None:
    """Untrusted event text never reaches the chart; it has no script, link or external request."""
    events = [_ev(dt.date(2025, 10, 9), text='<script>alert(1)</script><a href="http://x">')]
    svg = str(timeline_svg(events))
    assert "alert" not in svg
    assert "<script" not in svg
    assert "href" not in svg
    assert svg.count("http") == 1  # the xmlns


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
        return TimelineEvent(date=day, precision=precision, text=text, cite=cite)

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
    labels = [line.split("**")[1] for line in page.splitlines() if line.startswith("- **")]
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
        "2021",
        "2025",
        "15 January 2025",
        "week of 29 September 2025",
        "October 2025",
        "9 October 2025",
    ]
