"""Articles -> dated timeline events; the timeline-summarization benchmark lives beside it.

* :func:`build_timeline` — every dated event of a topic, merged across sources.
* :func:`select_events` — the topic page's most important events, chronologically.
* :func:`timeline_events` (:mod:`briefgen.timeline.core`) — the one timeline algorithm behind
  both ``build_timeline`` and :func:`briefgen.timeline.evaluate.evaluate_tls` (``briefgen eval
  tls``), which only sets its number of dates, events per date and date span.
"""

from __future__ import annotations

from briefgen.timeline.core import timeline_events
from briefgen.timeline.events import build_timeline, importance, select_events, trim

__all__ = ["build_timeline", "importance", "select_events", "timeline_events", "trim"]
