"""The timeline's same-event rule and date compatibility, as ``check`` uses them: the summarizer
decides supersession with the very same functions (:mod:`briefgen.summarize.sameevent`)."""

from __future__ import annotations

from briefgen.summarize.sameevent import compatible, period, same_event, same_event_words

__all__ = ["compatible", "period", "same_event", "same_event_words"]
