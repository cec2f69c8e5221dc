"""The cross-topic visual timeline: a column chart of the story, drawn at build time in HTML.

The chart opens on the *story*: the longest run of events (by count, then the most recent) with no
more than :data:`MAX_GAP` empty months inside it. Events outside that run are long-range context:
they are listed apart ("Earlier context", "Further ahead"), each a link to its entries, rather than
spread along the same axis. The run is counted per day, week, month, quarter or year, whichever is
the finest that fits in :data:`MAX_COLUMNS` columns, so the whole story is visible at once at any
width (the columns share the page width; nothing scrolls sideways).

Every column with events is a link to its newest entry in the list below (``#ev-<n>``), so it
works by tap and by keyboard (focusable, visible focus) and needs no hover; its accessible name
and title say the period and the counts. Bar heights are classes (``bg-h-0`` ... ``bg-h-20``, in
5 % steps) and colours come from the stylesheet's theme variables, so the chart carries no
``style`` attribute, no script and no external request, and reads in dark mode.

The chart shows the trust marks compactly (:mod:`briefgen.render.marks`): a scheduled event whose
date passed before its briefing's ``as_of`` with no report since is counted apart and drawn as a
striped bar ("scheduled, no report since"), never as upcoming; a column holding events whose
figures conflict carries a ``≠`` and says how many in its name; the legend explains each mark
present.

Untrusted text never reaches the chart: it shows dates and counts that briefgen computes, each
through :func:`~briefgen.escape.md_inline`. Same events, same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Literal

import msgspec
from markupsafe import Markup

from briefgen.escape import md_inline
from briefgen.render.views import MONTHS, EventView, event_group, long_date

MAX_GAP = 2
"""Empty months a story run may hold; a longer gap splits the events into separate runs."""
MAX_COLUMNS = 14
"""Most columns of the chart: a period unit is chosen so the story fits (about 25 px a column on
a 390 px phone screen)."""
STEPS = 20
"""Bar heights are rounded to 1/STEPS of the tallest bar (classes ``bg-h-0`` ... ``bg-h-20``)."""

Unit = Literal["day", "week", "month", "quarter", "year"]
UNITS: tuple[Unit, ...] = ("day", "week", "month", "quarter", "year")
_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4}
"""How coarse a unit or a date precision is: an event coarser than the chart is listed apart."""


class Column(msgspec.Struct, frozen=True):
    """One period of the chart: its labels, its counts and the entry it links to."""

    start: dt.date
    label: str
    """The tick under the column (``6``, ``Oct``, ``Q3``, ``2025``)."""
    sub: str
    """A second tick line where the month or year changes (``Oct``, ``2025``), or empty."""
    name: str
    """The period in words, for titles and screen readers (``week of 6 October 2025``)."""
    happened: int = 0
    scheduled: int = 0
    anchor: str = ""
    """The id of the period's first entry in the list (newest first), or empty."""
    unreported: int = 0
    """Scheduled events whose date passed with no report since (not counted in ``scheduled``)."""
    conflicts: int = 0
    """Events whose figure conflicts with another's (counted in the other totals too)."""

    @property
    def total(self) -> int:
        """Events in this period."""
        return self.happened + self.scheduled + self.unreported


class Chart(msgspec.Struct, frozen=True):
    """The story's columns and unit, and the context events set apart before and after it."""

    unit: Unit
    columns: tuple[Column, ...]
    earlier: tuple[EventView, ...]
    later: tuple[EventView, ...]
    vague: tuple[EventView, ...] = ()
    """Story events dated less precisely than the chart's unit (a month in a chart of weeks)."""


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def story_run(events: Sequence[EventView]) -> tuple[list[EventView], list[EventView]]:
    """The events of the story run and the rest (context), both in date order.

    Events dated to the day, week or month are split into runs wherever more than
    :data:`MAX_GAP` months in a row have none; the story is the run with the most events (ties:
    the latest). Events known only to the year are context unless nothing else is dated."""
    ordered = sorted(events, key=lambda e: (e.date, e.topic, e.plain))
    dated = [e for e in ordered if e.precision != "year"]
    if not dated:
        return ordered, []
    runs: list[list[EventView]] = [[dated[0]]]
    for e in dated[1:]:
        if _month_index(e.date) - _month_index(runs[-1][-1].date) - 1 > MAX_GAP:
            runs.append([])
        runs[-1].append(e)
    story = max(runs, key=lambda run: (len(run), run[-1].date))
    chosen = {id(e) for e in story}
    return story, [e for e in ordered if id(e) not in chosen]


def _start(day: dt.date, unit: Unit) -> dt.date:
    if unit == "day":
        return day
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "quarter":
        return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return dt.date(day.year, 1, 1)


def _next(day: dt.date, unit: Unit) -> dt.date:
    if unit == "day":
        return day + dt.timedelta(days=1)
    if unit == "week":
        return day + dt.timedelta(days=7)
    step = {"month": 1, "quarter": 3, "year": 12}[unit]
    month = _month_index(day) + step
    return dt.date(month // 12, month % 12 + 1, 1)


def _periods(first: dt.date, last: dt.date, unit: Unit) -> list[dt.date]:
    out = [_start(first, unit)]
    while _next(out[-1], unit) <= last:
        out.append(_next(out[-1], unit))
    return out


def _unit_for(first: dt.date, last: dt.date) -> Unit:
    for unit in UNITS[:-1]:
        if len(_periods(first, last, unit)) <= MAX_COLUMNS:
            return unit
    return "year"


def _labels(day: dt.date, unit: Unit, prev: dt.date | None) -> tuple[str, str, str]:
    """Tick, second tick line and name of the period starting on ``day``."""
    month = MONTHS[day.month - 1]
    if unit in ("day", "week"):
        sub = month[:3] if prev is None or prev.month != day.month else ""
        name = long_date(day) if unit == "day" else f"week of {long_date(day)}"
        return str(day.day), sub, name
    new_year = prev is None or prev.year != day.year
    if unit == "month":
        return month[:3], str(day.year) if new_year else "", f"{month} {day.year}"
    if unit == "quarter":
        q = (day.month - 1) // 3 + 1
        return f"Q{q}", str(day.year) if new_year else "", f"quarter {q} of {day.year}"
    return str(day.year), "", str(day.year)


def _first(events: Sequence[EventView]) -> EventView:
    """The event whose entry comes first in the list (``ev-2`` before ``ev-10``)."""
    return min(events, key=lambda e: (len(e.anchor), e.anchor))


def chart(events: Sequence[EventView]) -> Chart:
    """The chart of ``events`` (each with its ``anchor``): story columns and context."""
    story, context = story_run(events)
    first, last = story[0].date, story[-1].date
    finest = min(_RANK[e.precision] for e in story)
    unit = max(_unit_for(first, last), UNITS[finest], key=_RANK.__getitem__)
    starts = _periods(first, last, unit)
    vague = tuple(e for e in story if _RANK[e.precision] > _RANK[unit])
    buckets: dict[dt.date, list[EventView]] = {}
    for e in story:
        if _RANK[e.precision] > _RANK[unit]:
            continue
        buckets.setdefault(_start(e.date, unit), []).append(e)
    columns = []
    prev: dt.date | None = None
    for start in starts:
        label, sub, name = _labels(start, unit, prev)
        group = buckets.get(start, [])
        happened = sum(1 for e in group if e.status == "happened")
        late = sum(1 for e in group if e.unreported)
        anchor = _first(group).anchor if group else ""
        conflicts = sum(1 for e in group if e.conflict)
        columns.append(
            Column(
                start,
                label,
                sub,
                name,
                happened,
                len(group) - happened - late,
                anchor,
                late,
                conflicts,
            )
        )
        prev = start
    earlier = tuple(e for e in context if e.date < first)
    later = tuple(e for e in context if e.date >= first)
    return Chart(unit, tuple(columns), earlier, later, vague)


def _counts(col: Column) -> str:
    parts = []
    if col.happened:
        parts.append(f"{col.happened} happened")
    if col.scheduled:
        parts.append(f"{col.scheduled} scheduled")
    if col.unreported:
        parts.append(f"{col.unreported} scheduled, no report since")
    if col.conflicts:
        parts.append(f"{col.conflicts} with conflicting figures")
    return ", ".join(parts) if parts else "no events"


def _step(n: int, peak: int) -> int:
    return 0 if n == 0 else max(1, (n * STEPS + peak // 2) // peak)


def _href(anchor: str, pages: Mapping[str, str]) -> str:
    """The link target of an entry: ``#ev-3`` on this page, or its page's (``pages``) and it."""
    return f"{pages.get(anchor, '')}#{anchor}"


def _column(col: Column, peak: int, pages: Mapping[str, str]) -> str:
    tick = f'<span class="bg-tick">{md_inline(col.label)}</span>'
    tick += f'<span class="bg-tick-sub">{md_inline(col.sub)}</span>'
    if not col.total:
        return (
            f'<li class="bg-col bg-col-empty" title="{md_inline(col.name + ": no events")}">'
            f'<span class="bg-count"></span><span class="bg-bars"></span>{tick}</li>'
        )
    heights = _heights(_step(col.total, peak), (col.happened, col.unreported, col.scheduled), peak)
    bars = ""
    kinds = ("happened", "unreported", "scheduled")
    for kind, height in reversed(list(zip(kinds, heights, strict=True))):
        if height:
            bars += f'<span class="bg-bar bg-bar-{kind} bg-h-{height}"></span>'
    what = md_inline(f"{col.name}: {_counts(col)}")
    flag = ""
    if col.conflicts:
        flag = '<span class="bg-col-conflict" aria-hidden="true">≠</span>'
    href = _href(col.anchor, pages)
    return (
        f'<li class="bg-col"><a class="bg-col-link" href="{href}" title="{what}" '
        f'aria-label="{what}"><span class="bg-count">{col.total}{flag}</span>'
        f'<span class="bg-bars">{bars}</span>{tick}</a></li>'
    )


def _heights(total: int, counts: tuple[int, ...], peak: int) -> list[int]:
    """Bar heights (in steps) of each kind of a column that is ``total`` steps high: each its
    rounded share, the last kind present the rest, so the bars add up to the column."""
    present = [i for i, n in enumerate(counts) if n]
    out = [0] * len(counts)
    left = total
    for i in present[:-1]:
        out[i] = min(left, _step(counts[i], peak))
        left -= out[i]
    if present:
        out[present[-1]] = left
    return out


def _context(title: str, events: Sequence[EventView], pages: Mapping[str, str]) -> str:
    """A list of context periods (month or year), each linking to its first entry."""
    groups: dict[str, list[EventView]] = {}
    for e in events:
        label = event_group(e.date, e.precision)[1]
        if e.precision == "year":
            label += " (year only)"
        groups.setdefault(label, []).append(e)
    items = []
    for label, group in groups.items():
        first = _first(group)
        items.append(
            f'<li><a href="{_href(first.anchor, pages)}">{md_inline(label)}</a> '
            f'<span class="bg-context-count">{_plural(len(group), "event")}</span></li>'
        )
    return (
        f'<div class="bg-context"><p class="bg-context-title">{md_inline(title)}</p>'
        f'<ul class="bg-context-list">{"".join(items)}</ul></div>'
    )


def _caption(c: Chart) -> str:
    filled = [col for col in c.columns if col.total] or list(c.columns)
    total = sum(col.total for col in c.columns)
    span = filled[0].name if len(filled) == 1 else f"{filled[0].name} to {filled[-1].name}"
    text = f"{_plural(total, 'event')}, {span}, counted per {c.unit}, oldest on the left."
    apart = len(c.earlier) + len(c.later) + len(c.vague)
    if apart:
        text += f" {_plural(apart, 'more event')} listed apart."
    return text + " Select a column to read its events."


def timeline_visual(events: Sequence[EventView], pages: Mapping[str, str] | None = None) -> Markup:
    """A ``<figure>`` charting the story's events per period; empty Markup when there are none.

    ``events`` carry the ``anchor`` of their entry in the list the chart links to: on this page,
    or on the page ``pages[anchor]`` names (a link target for raw HTML, briefgen's own)."""
    pages = pages or {}
    if not events:
        return Markup("")
    c = chart(events)
    peak = max(1, max(col.total for col in c.columns))
    parts = ['<figure class="bg-visual-wrap" data-search-exclude>']
    parts.append(f'<figcaption class="bg-visual-caption">{md_inline(_caption(c))}</figcaption>')
    if c.earlier:
        parts.append(_context("Earlier context", c.earlier, pages))
    parts.append(f'<ol class="bg-chart bg-chart-{c.unit}">')
    parts.extend(_column(col, peak, pages) for col in c.columns)
    parts.append("</ol>")
    legend = (
        '<p class="bg-legend"><span class="bg-key bg-bar-happened"></span>happened '
        '<span class="bg-key bg-bar-scheduled"></span>scheduled'
    )
    if any(col.unreported for col in c.columns):
        legend += ' <span class="bg-key bg-bar-unreported"></span>scheduled, no report since'
    if any(col.conflicts for col in c.columns):
        legend += ' <span class="bg-col-conflict">≠</span> conflicting figures'
    parts.append(legend + "</p>")
    if c.vague:
        parts.append(_context("Dated less precisely", c.vague, pages))
    if c.later:
        parts.append(_context("Further ahead", c.later, pages))
    parts.append("</figure>")
    return Markup("".join(parts))
