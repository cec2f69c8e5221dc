"""Machine-readable files of an edition: ``briefings.json`` and a TimelineJS file per topic.

``briefings.json`` carries every briefing unit of the edition under a schema version
(:data:`BRIEFINGS_SCHEMA`); TimelineJS files follow the TimelineJS3 JSON format
(``{"title": ..., "events": [{"start_date": {...}, "text": {...}}]}``). Both are deterministic:
sorted keys, no timestamps. ``briefings.json`` keeps text plain (consumers escape it); TimelineJS
renders its text fields as HTML, so there every string is HTML-escaped. Both are written with
:func:`briefgen.escape.json_text`: ``<``, ``>``, ``&``, U+2028 and U+2029 appear as ``\\u`` escapes,
so the files are safe to inline in a ``<script>`` and hold no tag a browser could sniff as HTML.
"""

from __future__ import annotations

from typing import Any

from briefgen.escape import html_text, json_text
from briefgen.model import Briefing, Edition, TimelineEvent

BRIEFINGS_SCHEMA = "briefgen/briefings@1"
"""Schema id of ``briefings.json``; bumped on any incompatible change."""


def _dumps(data: Any) -> str:
    return json_text(data, indent=1)


def briefings_json(edition: Edition) -> str:
    """Every briefing of ``edition`` (briefing-file form) in one schema-versioned JSON document."""
    data = {
        "schema": BRIEFINGS_SCHEMA,
        "edition": edition.id,
        "released": edition.released.isoformat(),
        "briefings": [
            b.model_dump(mode="json", by_alias=True, exclude_none=True)
            for b in sorted(edition.briefings, key=lambda b: b.topic)
        ],
    }
    return _dumps(data)


def _start_date(event: TimelineEvent) -> dict[str, str]:
    day = event.date
    out = {"year": str(day.year)}
    if event.precision != "year":
        out["month"] = str(day.month)
    if event.precision in ("day", "week"):
        out["day"] = str(day.day)
    return out


def _html(text: str) -> str:
    return str(html_text(text))


def timelinejs_json(briefing: Briefing) -> str:
    """The topic's timeline in TimelineJS3 JSON format (events in date order)."""
    events = [
        {
            "start_date": _start_date(ev),
            "text": {"headline": _html(ev.text), "text": ""},
            "group": ev.status,
            "unique_id": f"event-{i}",
        }
        for i, ev in enumerate(sorted(briefing.timeline, key=lambda e: (e.date, e.text)), 1)
    ]
    data = {
        "title": {
            "text": {
                "headline": _html(briefing.title),
                "text": _html(briefing.headline.text),
            }
        },
        "events": events,
    }
    return _dumps(data)
