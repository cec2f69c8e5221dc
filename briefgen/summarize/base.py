"""The summarizer contract: a backend turns one topic's articles into a briefing unit.

Backends are registered in :mod:`briefgen.summarize.registry`. Whether a briefing is stale is
decided by :mod:`briefgen.staleness` (which includes the backend's ``name`` and ``version``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from briefgen.model import Article, Briefing, Topic


@runtime_checkable
class Summarizer(Protocol):
    """Turns one topic's articles into a briefing unit. Must be deterministic."""

    name: str
    """Registered name, e.g. ``extractive``."""

    version: str
    """Bumped whenever the same input would give a different output."""

    def summarize(
        self, topic: Topic, articles: Sequence[Article], previous: Briefing | None
    ) -> Briefing:
        """Summarize ``articles``; keep ``previous``'s edited statements where they are."""
        ...
