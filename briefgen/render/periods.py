"""The cross-topic timeline split by period, so no page grows with the whole corpus.

A timeline of at most :data:`PAGE_MAX` events stays one page (``timeline.md``, as
:func:`briefgen.render.pages.timeline_page` renders it). A longer one becomes an entry page
(``timeline.md``: the chart over every event and a list of periods) and a page per year
(``timeline/<year>.md``), or, for a year that alone holds more than :data:`PAGE_MAX` events, a
page per month (``timeline/<year>-<month>.md``; its year-only events on ``timeline/<year>.md``),
and for such a month that alone holds more than :data:`PAGE_MAX` events, a page per part of it
(``timeline/<year>-<month>-<first day>.md``: days 1-7, 8-14, 15-21 and 22 to the end; its
month-only events on the month's page). The periods are fixed, so a page keeps its address as
events are added, and a page holds at most about a week of the densest story, never the corpus.
Each period page lists its events newest first, grouped by month, and links the entry page and
the periods before and after it. Period pages are not in the navigation (the entry page is); the
plugin marks them ``not_in_nav``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence

import jinja2
import msgspec
from markupsafe import Markup
from msgspec.structs import replace

from briefgen.model import Article, Briefing, TimelineEvent
from briefgen.render.env import render_template
from briefgen.render.views import (
    Citer,
    EventView,
    edition_link,
    event_group,
    event_view,
    rel,
)
from briefgen.render.visual import timeline_visual

PAGE_MAX = 500
"""Most events on one timeline page."""
ENTRY = "timeline.md"
FOLDER = "timeline"


class Period(msgspec.Struct, frozen=True):
    """One period page: its label, path, events (newest first, grouped by month) and links."""

    key: str
    label: str
    path: str
    months: tuple[tuple[str, tuple[EventView, ...]], ...]
    total: int
    entry: Markup
    newer: tuple[str, Markup] | None = None
    older: tuple[str, Markup] | None = None


Item = tuple[Briefing, TimelineEvent]


def _views(
    items: Sequence[Item],
    articles: Mapping[str, Article],
    page: str,
    shared: Mapping[str, str] | None = None,
) -> list[EventView]:
    citer = Citer(page, articles, shared=shared)
    views = [event_view(e, citer, b.topic, b.title, b.as_of) for b, e in items]
    # the order of timeline_page: newest group first (a year-only group after its months)
    views.sort(key=lambda v: (event_group(v.date, v.precision)[0], v.date, v.topic, v.plain))
    views.reverse()
    return views


def _part(day: dt.date) -> tuple[int, int]:
    """The part of its month a day falls in: its first and last day (1-7, 8-14, 15-21, 22-end)."""
    start = min((day.day - 1) // 7, 3) * 7 + 1
    end = start + 6 if start < 22 else calendar.monthrange(day.year, day.month)[1]
    return start, end


def _period_of(
    event: TimelineEvent, years: set[int], months: set[tuple[int, int]]
) -> tuple[str, str, tuple[int, int, int]]:
    """The key, label and rank (newest first when reversed) of an event's period page: its year,
    its month when its year is in ``years``, a part of that month when the month is in
    ``months`` and the event is dated within the month (a month-precision event stays on the
    month's page, as a year-only event stays on its year's)."""
    (year, month), label = event_group(event.date, event.precision)
    if year not in years or not month:
        return str(year), str(year), (year, 0, 0)
    if (year, month) not in months or event.precision == "month":
        return f"{year}-{month:02d}", label, (year, month, 0)
    start, end = _part(event.date)
    return f"{year}-{month:02d}-{start:02d}", f"{start}–{end} {label}", (year, month, start)


def _months(views: Sequence[EventView]) -> tuple[tuple[str, tuple[EventView, ...]], ...]:
    out: list[tuple[str, list[EventView]]] = []
    for v in views:
        label = event_group(v.date, v.precision)[1]
        if not out or out[-1][0] != label:
            out.append((label, []))
        out[-1][1].append(v)
    return tuple((label, tuple(items)) for label, items in out)


def _periods(items: Sequence[Item]) -> tuple[list[str], dict[str, list[Item]], dict[str, str]]:
    """The period keys of a long timeline, newest first, with each one's events and label."""
    per_year = Counter(e.date.year for _, e in items)
    heavy = {year for year, count in per_year.items() if count > PAGE_MAX}  # split by month
    per_month = Counter(
        (e.date.year, e.date.month)
        for _, e in items
        if e.date.year in heavy and e.precision != "year"
    )
    dense = {month for month, count in per_month.items() if count > PAGE_MAX}  # by part
    by_key: dict[str, list[Item]] = {}
    labels: dict[str, str] = {}
    rank: dict[str, tuple[int, int, int]] = {}
    for b, e in items:
        key, label, order_key = _period_of(e, heavy, dense)
        by_key.setdefault(key, []).append((b, e))
        labels[key], rank[key] = label, order_key
    # newest first, as the events (a year-only group after that year's months)
    order = sorted(by_key, key=lambda k: rank[k], reverse=True)
    return order, by_key, labels


def timeline_paths(briefings: Sequence[Briefing]) -> list[str]:
    """The cross-topic timeline's pages (docs-relative paths): ``timeline.md``, then the period
    pages :func:`split_timeline` makes, without rendering them."""
    items = [(b, e) for b in briefings for e in b.timeline]
    if len(items) <= PAGE_MAX:
        return [ENTRY]
    return [ENTRY, *(f"{FOLDER}/{k}.md" for k in _periods(items)[0])]


def split_timeline(
    env: jinja2.Environment,
    briefings: Sequence[Briefing],
    articles: Mapping[str, Article],
    shared: Mapping[str, str] | None = None,
) -> list[tuple[str, str]] | None:
    """``[(path, markdown), ...]``: the entry page, then a page per period, newest first; ``None``
    when the timeline fits on one page. Each event's view is made once, for its period's page."""
    items = [(b, e) for b in briefings for e in b.timeline]
    if len(items) <= PAGE_MAX:
        return None
    order, by_key, labels = _periods(items)
    paths = {k: f"{FOLDER}/{k}.md" for k in order}
    periods: list[Period] = []
    every: list[EventView] = []
    where: dict[str, str] = {}
    for i, key in enumerate(order):
        path = paths[key]
        views = _views(by_key[key], articles, path, shared)
        # numbered across pages in the one order, so the chart links each column to its entry
        views = [replace(v, anchor=f"ev-{len(every) + n}") for n, v in enumerate(views, 1)]
        every.extend(views)
        target = str(edition_link(path))
        where.update((v.anchor, target) for v in views)

        def link(other: str, here: str = path) -> tuple[str, Markup]:
            return labels[other], Markup(rel(here, paths[other]))

        periods.append(
            Period(
                key=key,
                label=labels[key],
                path=path,
                months=_months(views),
                total=len(views),
                entry=Markup(rel(path, ENTRY)),
                newer=link(order[i - 1]) if i > 0 else None,
                older=link(order[i + 1]) if i + 1 < len(order) else None,
            )
        )
    links = [(p.label, Markup(rel(ENTRY, p.path)), p.total) for p in periods]
    entry = render_template(
        env,
        "timeline-entry.md",
        periods=links,
        visual=timeline_visual(every, where),
        total=len(every),
    )
    pages = [(ENTRY, entry)]
    for p in periods:
        pages.append((p.path, render_template(env, "timeline-period.md", period=p)))
    return pages


def period_title(path: str) -> str:
    """The page title of a page :func:`split_timeline` made."""
    if path == ENTRY:
        return "Timeline"
    return f"Timeline: {path.removeprefix(FOLDER + '/').removesuffix('.md')}"
