"""The cross-topic visual timeline: an inline SVG column chart drawn at build time.

One column per month, oldest on the left; each column's bar counts that month's events, stacked
happened (bottom) and scheduled (top), with the total above it. The axis is *cut* wherever more than
:data:`MAX_GAP` months in a row have no event, so one old outlier cannot squeeze the months where
events cluster into a smear: the outlier keeps its own labelled column, left of a cut mark. An event
known only to the year (precision ``year``) gets its own "year only" column rather than pretending
to be January. When even the cut axis would need more than :data:`MAX_COLUMNS` columns, the chart
counts per year instead.

No script, no external request, integer coordinates (same events, same bytes). Every piece of text
passes through :func:`~briefgen.escape.md_inline`. The SVG carries a ``<title>`` and a
``<desc>`` listing every count, so a screen reader gets the whole chart as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from markupsafe import Markup

from briefgen.escape import md_inline
from briefgen.render.views import MONTHS, EventView

MAX_GAP = 2
"""Empty months (or years) drawn as empty columns; a longer run becomes one cut mark."""
MAX_COLUMNS = 48
"""Month columns beyond which the chart counts per year instead."""
COLUMN = 44
"""Width of one month or year column, in SVG units (pixels at 100%)."""
CUT = 26
"""Width of a cut mark."""
BAR = 26
"""Width of a bar."""
BAR_HEIGHT = 100
"""Height of the tallest bar."""
PAD = 8
LEGEND = 28
COUNT = 16
MIN_WIDTH = 300

Kind = Literal["month", "year", "cut"]


@dataclass(frozen=True)
class Column:
    """One column of the chart: a month, a year, or a cut in the axis."""

    kind: Kind
    label: str
    """First label line under the axis (``Oct``, ``2021``); empty for a cut."""
    sub: str
    """Second label line (the year at the start of a run, ``year only``), or empty."""
    name: str
    """Full name for titles and the description (``October 2025``, ``2021 (year only)``)."""
    happened: int = 0
    scheduled: int = 0
    gap: int = 0
    """For a cut: how many months (or years) without events it stands for (0: not a gap)."""

    @property
    def total(self) -> int:
        """Events in this column."""
        return self.happened + self.scheduled


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _counts(col: Column) -> str:
    parts = []
    if col.happened:
        parts.append(f"{col.happened} happened")
    if col.scheduled:
        parts.append(f"{col.scheduled} scheduled")
    return ", ".join(parts) if parts else "no events"


def _duration(gap: int, by_year: bool) -> str:
    if by_year:
        return _plural(gap, "year")
    years, months = divmod(gap, 12)
    parts = [_plural(years, "year")] if years else []
    if months:
        parts.append(_plural(months, "month"))
    return " ".join(parts)


def _unit(key: tuple[int, int], by_year: bool) -> int | None:
    """Position of a bucket on a continuous axis; ``None`` for a year-only bucket among months."""
    year, month = key
    if by_year:
        return year
    return None if month == 0 else year * 12 + month - 1


def _gap(prev: tuple[int, int], key: tuple[int, int], by_year: bool) -> int:
    """Empty months (or years) between two buckets; a year-only bucket spans its whole year."""
    if by_year:
        return key[0] - prev[0] - 1
    a = prev[0] * 12 + (11 if prev[1] == 0 else prev[1] - 1)
    b = key[0] * 12 + (0 if key[1] == 0 else key[1] - 1)
    return max(0, b - a - 1)


def _bucket(key: tuple[int, int], counts: tuple[int, int], by_year: bool, sub: str) -> Column:
    year, month = key
    if by_year:
        return Column("year", str(year), "", str(year), *counts)
    if month == 0:
        return Column("year", str(year), "year only", f"{year} (year only)", *counts)
    return Column("month", MONTHS[month - 1][:3], sub, f"{MONTHS[month - 1]} {year}", *counts)


def _layout(events: Sequence[EventView], by_year: bool) -> list[Column]:
    """The columns for ``events``: buckets in date order, short gaps filled, long gaps cut."""
    counts: dict[tuple[int, int], tuple[int, int]] = {}
    for e in events:
        key = (e.date.year, 0 if by_year or e.precision == "year" else e.date.month)
        happened, scheduled = counts.get(key, (0, 0))
        if e.status == "happened":
            counts[key] = (happened + 1, scheduled)
        else:
            counts[key] = (happened, scheduled + 1)
    columns: list[Column] = []
    prev: tuple[int, int] | None = None
    for key in sorted(counts):
        fresh_run = prev is None
        if prev is not None:
            a, b = _unit(prev, by_year), _unit(key, by_year)
            if a is None or b is None or b - a - 1 > MAX_GAP:
                columns.append(Column("cut", "", "", "cut", gap=_gap(prev, key, by_year)))
                fresh_run = True
            else:
                for unit in range(a + 1, b):
                    empty = (unit, 0) if by_year else (unit // 12, unit % 12 + 1)
                    sub = str(empty[0]) if empty[1] == 1 else ""
                    columns.append(_bucket(empty, (0, 0), by_year, sub))
        year, month = key
        sub = str(year) if fresh_run or month == 1 else ""
        columns.append(_bucket(key, counts[key], by_year, sub))
        prev = key
    return columns


def chart_columns(events: Sequence[EventView]) -> tuple[list[Column], bool]:
    """The chart's columns and whether they count per year (too many months for one row)."""
    columns = _layout(events, by_year=False)
    if sum(1 for c in columns if c.kind == "month") > MAX_COLUMNS:
        return _layout(events, by_year=True), True
    return columns, False


def _height(n: int, peak: int) -> int:
    return 0 if n == 0 else max(4, (n * BAR_HEIGHT + peak // 2) // peak)


def _bar(col: Column, x: int, base: int, peak: int) -> list[str]:
    total = _height(col.total, peak)
    if col.happened and col.scheduled:
        low = min(max(2, (col.happened * total + col.total // 2) // col.total), total - 2)
    else:
        low = total if col.happened else 0
    left = x + (COLUMN - BAR) // 2
    out = []
    if low:
        out.append(
            f'<rect class="bg-bar bg-bar-happened" x="{left}" y="{base - low}" '
            f'width="{BAR}" height="{low}"/>'
        )
    if total - low:
        out.append(
            f'<rect class="bg-bar bg-bar-scheduled" x="{left}" y="{base - total}" '
            f'width="{BAR}" height="{total - low}"/>'
        )
    if col.total:
        out.append(
            f'<text class="bg-count" x="{x + COLUMN // 2}" y="{base - total - 4}" '
            f'text-anchor="middle">{col.total}</text>'
        )
    return out


def _legend(has_cut: bool) -> list[str]:
    y = 6
    out = [
        f'<rect class="bg-bar bg-bar-happened" x="{PAD}" y="{y}" width="12" height="12"/>',
        f'<text class="bg-legend" x="{PAD + 17}" y="{y + 11}">happened</text>',
        f'<rect class="bg-bar bg-bar-scheduled" x="{PAD + 90}" y="{y}" width="12" height="12"/>',
        f'<text class="bg-legend" x="{PAD + 107}" y="{y + 11}">scheduled</text>',
    ]
    if has_cut:
        x = PAD + 190
        out.append(_cut_mark(x, y + 12, 12))
        out.append(f'<text class="bg-legend" x="{x + 17}" y="{y + 11}">axis cut</text>')
    return out


def _cut_mark(x: int, y: int, size: int) -> str:
    """Two slanted strokes (a broken-axis mark) with their lower-left corner at ``(x, y)``."""
    return f'<path class="bg-cut" d="M{x} {y}l4 -{size}M{x + 6} {y}l4 -{size}"/>'


def _description(columns: Sequence[Column], by_year: bool, total: int) -> str:
    filled = [c for c in columns if c.total]
    span = filled[0].name if len(filled) == 1 else f"{filled[0].name} to {filled[-1].name}"
    unit = "year" if by_year else "month"
    text = f"{_plural(total, 'event')}, {span}, counted per {unit}. "
    text += "; ".join(f"{c.name}: {_counts(c)}" for c in filled) + "."
    if any(c.kind == "cut" for c in columns):
        text += f" The axis is cut where more than {MAX_GAP} {unit}s in a row have no events."
    return text


def timeline_svg(events: Sequence[EventView]) -> Markup:
    """An SVG ``<figure>`` counting every event per month; empty Markup when there are none."""
    if not events:
        return Markup("")
    columns, by_year = chart_columns(events)
    peak = max(c.total for c in columns)
    base = LEGEND + COUNT + BAR_HEIGHT
    height = base + 38
    body: list[str] = []
    x = PAD
    for col in columns:
        if col.kind == "cut":
            what = (
                f"{_duration(col.gap, by_year)} without events"
                if col.gap
                else "the year-only column is not on the month scale"
            )
            body.append(
                f'<g class="bg-col"><title>{md_inline(f"Axis cut: {what}")}</title>'
                f"{_cut_mark(x + 8, base + 7, 14)}</g>"
            )
            x += CUT
            continue
        tip = md_inline(f"{col.name}: {_counts(col)}")
        parts = [f'<g class="bg-col"><title>{tip}</title>']
        parts.append(
            f'<rect class="bg-hit" x="{x}" y="{LEGEND}" width="{COLUMN}" '
            f'height="{height - LEGEND}" fill-opacity="0"/>'
        )
        parts.extend(_bar(col, x, base, peak))
        parts.append(
            f'<line class="bg-axis" x1="{x}" y1="{base + 1}" x2="{x + COLUMN}" y2="{base + 1}"/>'
        )
        mid = x + COLUMN // 2
        cls = "bg-tick bg-tick-year" if col.kind == "year" else "bg-tick"
        parts.append(
            f'<text class="{cls}" x="{mid}" y="{base + 17}" text-anchor="middle">'
            f"{md_inline(col.label)}</text>"
        )
        if col.sub:
            parts.append(
                f'<text class="bg-tick-sub" x="{mid}" y="{base + 31}" text-anchor="middle">'
                f"{md_inline(col.sub)}</text>"
            )
        parts.append("</g>")
        body.append("".join(parts))
        x += COLUMN
    has_cut = any(c.kind == "cut" for c in columns)
    width = max(x + PAD, MIN_WIDTH if has_cut else MIN_WIDTH - 80)
    title = f"Timeline: events per {'year' if by_year else 'month'}, oldest on the left"
    desc = _description(columns, by_year, len(events))
    svg = (
        f'<svg class="bg-visual" role="img" aria-labelledby="bg-visual-title bg-visual-desc" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="bg-visual-title">{md_inline(title)}</title>'
        f'<desc id="bg-visual-desc">{md_inline(desc)}</desc>'
        + "".join(_legend(has_cut))
        + "".join(body)
        + "</svg>"
    )
    return Markup('<figure class="bg-visual-wrap" data-search-exclude>' + svg + "</figure>")
