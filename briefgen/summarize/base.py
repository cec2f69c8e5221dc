"""The summarizer contract and the digest that tells whether a briefing is stale.

``summarize`` and ``check``/``build --frozen`` share :func:`inputs_digest`: a briefing stores the
digest of the inputs it was made from (``inputs: sha256:...``); when the topic's articles or the
summarizer change, the digest changes and the briefing is stale.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from briefgen.config import Settings
from briefgen.model import Article, Briefing, Topic
from briefgen.store import article_to_text


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


def settings_fingerprint(settings: Settings) -> str:
    """The settings that change what a summarizer writes, as a stable string."""
    keys = ("summarizer", "section_min", "section_max", "timeline_cap", "day_first", "timeline_max")
    return ";".join(f"{k}={getattr(settings, k)!r}" for k in keys)


def inputs_digest(
    articles: Sequence[Article], summarizer: str, settings: Settings, topic: Topic | None = None
) -> str:
    """``sha256:<hex>`` over the summarizer identity, the settings and every article record."""
    h = hashlib.sha256()
    h.update(f"summarizer={summarizer}\n{settings_fingerprint(settings)}\n".encode())
    if topic is not None:
        h.update(f"topic={topic.slug}\ttitle={topic.title}\n".encode())
    for article in sorted(articles, key=lambda a: a.id):
        record = article_to_text(article).encode("utf-8")
        h.update(f"{article.id}\t{len(record)}\n".encode())
        h.update(record)
    return f"sha256:{h.hexdigest()}"
