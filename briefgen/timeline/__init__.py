"""Articles -> dated timeline events; the timeline-summarization benchmark lives beside it.

* :func:`build_timeline` — every dated event of a topic, merged across sources.
* :func:`select_events` — the topic page's most important events, chronologically.
* :mod:`briefgen.timeline.ranking` — date ranking and sentence selection shared with
  :func:`briefgen.timeline.evaluate.evaluate_tls` (``briefgen eval tls``).
"""

from __future__ import annotations

from briefgen.timeline.events import build_timeline, importance, select_events, trim

__all__ = ["build_timeline", "importance", "select_events", "trim"]
