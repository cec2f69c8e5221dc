"""The cross-topic visual timeline: an inline SVG drawn at build time (no script, no request).

One column per month from the first to the last event; each event is a dot stacked in its month's
column (filled: happened, hollow: scheduled), with a tooltip (``<title>``) giving date, topic and
text. Months with more events than fit show ``+N``. Text reaches the SVG only escaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from markupsafe import Markup

from briefgen.render.escape import md_escape
from briefgen.render.views import MONTHS, EventView

COLUMN = 56
"""Width of one month column, in SVG units."""
DOT = 7
ROW = 18
MAX_DOTS = 10
TOP = 10
LABEL_HEIGHT = 34


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def timeline_svg(events: Sequence[EventView]) -> Markup:
    """An SVG ``<figure>`` of every event by month; empty Markup when there are no events."""
    if not events:
        return Markup("")
    first = min(_month_index(e.date) for e in events)
    last = max(_month_index(e.date) for e in events)
    columns: dict[int, list[EventView]] = {}
    for e in sorted(events, key=lambda e: (e.date, e.topic_title, e.text)):
        columns.setdefault(_month_index(e.date), []).append(e)
    n_cols = last - first + 1
    tallest = min(MAX_DOTS, max(len(v) for v in columns.values()))
    width = n_cols * COLUMN
    height = TOP + tallest * ROW + LABEL_HEIGHT
    parts = [
        f'<svg class="bg-visual" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        "<title>Events per month, oldest on the left</title>",
    ]
    base = TOP + tallest * ROW
    for col in range(n_cols):
        index = first + col
        x = col * COLUMN + COLUMN // 2
        year, month = divmod(index, 12)
        parts.append(
            f'<line class="bg-axis" x1="{col * COLUMN}" y1="{base + 4}" '
            f'x2="{(col + 1) * COLUMN}" y2="{base + 4}"/>'
        )
        parts.append(
            f'<text class="bg-month" x="{x}" y="{base + 18}" text-anchor="middle">'
            f"{MONTHS[month][:3]}</text>"
        )
        if month == 0 or col == 0:
            parts.append(
                f'<text class="bg-year" x="{x}" y="{base + 31}" text-anchor="middle">{year}</text>'
            )
        items = columns.get(index, [])
        for row, e in enumerate(items[:MAX_DOTS]):
            y = base - ROW // 2 - row * ROW
            cls = "bg-dot bg-happened" if e.status == "happened" else "bg-dot bg-scheduled"
            tip = md_escape(f"{e.label} — {e.topic_title}: {e.text} ({e.status})")
            parts.append(
                f'<circle class="{cls}" cx="{x}" cy="{y}" r="{DOT}"><title>{tip}</title></circle>'
            )
        if len(items) > MAX_DOTS:
            parts.append(
                f'<text class="bg-more" x="{x}" y="{TOP - 1}" text-anchor="middle">'
                f"+{len(items) - MAX_DOTS}</text>"
            )
    parts.append("</svg>")
    wrap = '<figure class="bg-visual-wrap" data-search-exclude>'
    return Markup(wrap + "".join(parts) + "</figure>")
