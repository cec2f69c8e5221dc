"""The inputs digest and the staleness rule: one definition, used by summarize, check and
``build --frozen``.

A briefing stores the digest of what it was made from (``inputs: sha256:...``): the summarizer's
name and version, the settings that shape its output, the topic's entry in ``topics.yaml`` (or its
absence) and every article record of the topic. ``summarize`` skips a topic whose stored digest
equals :meth:`Staleness.digest`; ``check`` (and so ``build --frozen``) reports a briefing stale when
it differs (:meth:`Staleness.is_stale`). Since both ask the same object, a briefing ``check``
accepts is one ``summarize`` would leave alone, and the other way round.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import msgspec

from briefgen.config import Settings
from briefgen.model import Article, Briefing, Topic
from briefgen.records import article_to_text

SHAPING_SETTINGS = (
    "summarizer",
    "section_min",
    "section_max",
    "timeline_cap",
    "day_first",
    "timeline_max",
)
"""The settings that change what a summarizer writes."""


def settings_fingerprint(settings: Settings) -> str:
    """The settings that change what a summarizer writes, as a stable string."""
    return ";".join(f"{k}={getattr(settings, k)!r}" for k in SHAPING_SETTINGS)


def topic_fingerprint(slug: str, entry: Topic | None) -> str:
    """The topic's registry entry (every field: title, description, keywords), or its absence."""
    if entry is None:
        return f"topic={slug}\tunregistered"
    return f"topic={slug}\tentry={entry.to_json().decode()}"


def inputs_digest(
    articles: Sequence[Article],
    settings: Settings,
    summarizer: str,
    version: str,
    slug: str,
    entry: Topic | None,
) -> str:
    """``sha256:<hex>`` over the summarizer identity and version, the settings, the topic's registry
    entry and every article record."""
    h = hashlib.sha256()
    h.update(f"summarizer={summarizer}\tversion={version}\n".encode())
    h.update(f"{settings_fingerprint(settings)}\n{topic_fingerprint(slug, entry)}\n".encode())
    for article in sorted(articles, key=lambda a: a.id):
        record = article_to_text(article).encode("utf-8")
        h.update(f"{article.id}\t{len(record)}\n".encode())
        h.update(record)
    return f"sha256:{h.hexdigest()}"


class Staleness(msgspec.Struct, frozen=True):
    """The staleness rule of one project: its settings and its summarizer's name and version."""

    settings: Settings
    summarizer: str
    version: str

    def digest(self, slug: str, articles: Sequence[Article], entry: Topic | None) -> str:
        """The digest a briefing of topic ``slug`` made now from ``articles`` would store."""
        return inputs_digest(articles, self.settings, self.summarizer, self.version, slug, entry)

    def is_stale(
        self, briefing: Briefing, articles: Sequence[Article], entry: Topic | None
    ) -> bool:
        """True when ``summarize`` would recompute ``briefing`` (its stored digest differs)."""
        return briefing.inputs != self.digest(briefing.topic, articles, entry)
