"""What a build needs to know of each edition without loading it, and the cache that keeps it.

Deciding what to rebuild and writing the site-root files (versions.json, feeds, sitemap index)
need a few facts per edition: its id and date, a hash of its content, a hash per briefing (when
each topic last changed) and what its feed entries say against the edition before it. They are
kept in the site's state file (``site/.briefgen-state.json``, key ``edition_facts``, tagged with
:data:`FACTS_SCHEME`), per edition id, with the ``stat`` (size, mtime, ctime, inode) of its
``content/editions/<id>.json`` when the facts were taken. A frozen edition whose file still has
that stat is not read at all; one whose file changed (or that has no entry, or a file changed in
the last :data:`RACY_NS`) is parsed again.
So planning a build with 100 old editions reads two of them: the newest (the next edition's
"What changed") and none else.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import msgspec
from msgspec import __version__ as _MSGSPEC

from briefgen.model import Article, Briefing, Edition
from briefgen.store import RACY_NS

_EPOCH = dt.date(1970, 1, 1)

FACTS_SCHEME = f"2 msgspec {_MSGSPEC}"
"""How the cached digests were computed. msgspec's JSON encoder writes what they hash, so a
cache written with another version of it (or by an older scheme) is read as empty: a content
digest that changed with the serializer would make the newest frozen edition look different from
an identical working state."""

Stat = tuple[int, int, int, int]
"""``(size, mtime_ns, ctime_ns, inode)`` of an edition file."""


class TopicFeedEntry(msgspec.Struct, frozen=True):
    """One topic's entry in its feed for an edition that changed it."""

    topic: str
    title: str
    summary: str


class FeedFacts(msgspec.Struct, frozen=True):
    """What an edition's feed entries say, against the edition before it (content ``after``)."""

    after: str
    summary: str
    topics: tuple[TopicFeedEntry, ...]


class SourceFacts(msgspec.Struct, frozen=True):
    """One article of an edition as the shared source pages see it: its id, a digest of its
    sentences (what anchors point into), a digest of the whole record (what its page shows) and
    the title of its topic in that edition."""

    id: str
    text: str
    record: str
    topic_title: str | None


def text_digest(article: Article) -> str:
    """A digest of an article's sentences, paragraph by paragraph: what its anchors point into."""
    h = hashlib.sha256()
    for para in article.paragraphs:
        h.update(("\n".join(para) + "\n\n").encode("utf-8"))
    return h.hexdigest()


def source_facts(edition: Edition) -> tuple[SourceFacts, ...]:
    """The :class:`SourceFacts` of every article of ``edition``, by id."""
    titles = {b.topic: b.title for b in edition.briefings}
    return tuple(
        SourceFacts(
            a.id,
            text_digest(a),
            hashlib.sha256(a.to_json()).hexdigest(),
            titles.get(a.topic),
        )
        for a in sorted(edition.articles, key=lambda a: a.id)
    )


class EditionFacts(msgspec.Struct, frozen=True):
    """An edition's id, date, content hash and per-topic briefing hashes."""

    id: str
    released: dt.date
    digest: str
    topics: tuple[tuple[str, str], ...]
    """``(topic slug, briefing hash)``, sorted by slug."""
    sources: tuple[SourceFacts, ...] = ()
    """The articles it cites, by id: what the shared source pages need to know without it."""

    @property
    def topic_slugs(self) -> tuple[str, ...]:
        """The edition's topics, sorted."""
        return tuple(t for t, _ in self.topics)


def content_digest(edition: Edition) -> str:
    """A hash of what an edition shows (topics, briefings, articles), ignoring its id and date."""
    neutral = edition.replace(id="x", released=_EPOCH)
    # msgspec's JSON writer: the edition file's indented JSON (``edition_to_text``) takes
    # Python's pure-Python encoder, about 3 s for a 10,000-article working edition.
    return hashlib.sha256(neutral.to_json(exclude_none=True)).hexdigest()


def _briefing_digest(briefing: Briefing) -> str:
    data = briefing.to_dict(exclude_none=True)
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode("utf-8")).hexdigest()


def edition_facts(edition: Edition) -> EditionFacts:
    """The facts of a loaded edition."""
    topics = sorted((b.topic, _briefing_digest(b)) for b in edition.briefings)
    return EditionFacts(
        edition.id,
        edition.released,
        content_digest(edition),
        tuple(topics),
        source_facts(edition),
    )


def feed_facts(edition: Edition, previous: Edition | None, after: str) -> FeedFacts:
    """What the editions feed and the topic feeds say of ``edition`` (``after``: the previous
    edition's content hash, ``""`` for the first)."""
    from briefgen.changes import compare_briefing, compare_editions

    if previous is None:
        summary = f"First edition: {len(edition.briefings)} briefing(s)."
    else:
        s = compare_editions(previous, edition).summary
        summary = (
            f"{s.topics_added + s.topics_changed + s.topics_removed} topic(s) changed; "
            f"{s.statements_added} statement(s) added, {s.statements_removed} removed, "
            f"{s.statements_changed} changed; {s.events_added} new event(s); "
            f"{s.sources_added} new source(s)."
        )
    old = {b.topic: b for b in previous.briefings} if previous else {}
    entries: list[TopicFeedEntry] = []
    for b in edition.briefings:
        change = compare_briefing(old.get(b.topic), b)
        if change is None:
            continue
        text = (
            f"{change.count('added')} statement(s) added, {change.count('removed')} removed, "
            f"{change.count('changed')} changed; "
            f"{change.count('added', events=True)} new event(s); "
            f"{len(change.sources_added)} new source(s). Headline: {b.headline.text}"
        )
        entries.append(TopicFeedEntry(b.topic, b.title, text))
    return FeedFacts(after, summary, tuple(entries))


def file_stat(path: Path) -> Stat | None:
    """The cache key of an edition file, or None when it changed too recently to trust (its
    mtime may not have ticked yet) or cannot be read."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    if max(st.st_mtime_ns, st.st_ctime_ns) >= time.time_ns() - RACY_NS:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


class CachedEdition(msgspec.Struct, frozen=True):
    """One entry of the cache: the facts, the file stat they were taken at, the feed facts."""

    stat: Stat | None
    facts: EditionFacts
    feed: FeedFacts | None

    def to_json(self) -> dict[str, Any]:
        """The entry as stored in the state file."""
        f = self.facts
        out: dict[str, Any] = {
            "stat": list(self.stat) if self.stat else None,
            "released": f.released.isoformat(),
            "digest": f.digest,
            "topics": [list(t) for t in f.topics],
            "sources": [[x.id, x.text, x.record, x.topic_title] for x in f.sources],
        }
        if self.feed is not None:
            out["feed"] = {
                "after": self.feed.after,
                "summary": self.feed.summary,
                "topics": [[e.topic, e.title, e.summary] for e in self.feed.topics],
            }
        return out

    @classmethod
    def from_json(cls, edition_id: str, data: Any) -> CachedEdition | None:
        """An entry read back, or None when it is not one (an older or damaged state file)."""
        try:
            stat = data["stat"]
            facts = EditionFacts(
                edition_id,
                dt.date.fromisoformat(data["released"]),
                str(data["digest"]),
                tuple((str(t), str(d)) for t, d in data["topics"]),
                tuple(
                    SourceFacts(str(i), str(t), str(r), None if n is None else str(n))
                    for i, t, r, n in data["sources"]
                ),
            )
            feed = None
            if "feed" in data:
                fd = data["feed"]
                feed = FeedFacts(
                    str(fd["after"]),
                    str(fd["summary"]),
                    tuple(TopicFeedEntry(str(a), str(b), str(c)) for a, b, c in fd["topics"]),
                )
            key = tuple(int(v) for v in stat) if isinstance(stat, list) else None
            return cls(key if key and len(key) == 4 else None, facts, feed)
        except (KeyError, TypeError, ValueError, AttributeError):
            return None


def cache_to_json(cache: Mapping[str, CachedEdition]) -> dict[str, Any]:
    """The state file's ``edition_facts`` value: the entries by edition id, with the scheme."""
    return {"scheme": FACTS_SCHEME, "editions": {k: v.to_json() for k, v in cache.items()}}


def read_cache(data: Any) -> dict[str, CachedEdition]:
    """The cache entries of a state file's ``edition_facts`` value (another scheme's, or anything
    else: none)."""
    if not isinstance(data, Mapping) or data.get("scheme") != FACTS_SCHEME:
        return {}
    editions = data.get("editions")
    if not isinstance(editions, Mapping):
        return {}
    out: dict[str, CachedEdition] = {}
    for key, value in editions.items():
        entry = CachedEdition.from_json(str(key), value)
        if entry is not None:
            out[str(key)] = entry
    return out
