"""Editions: the working state as an :class:`Edition`, release IDs, releasing, and the build plan.

A frozen edition is ``content/editions/<id>.json``. The working state (``content/briefings/`` as
it is) is always rendered: when its content differs from the newest frozen edition it becomes the
newest edition, under the ID it would get if released now (the newest source date, then ``-2``,
``-3`` ...).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from pathlib import Path

import msgspec

from briefgen.errors import SchemaError, UsageError
from briefgen.model import (
    EDITION_ID_PATTERN,
    EDITION_SCHEMA,
    Article,
    Edition,
    edition_id_key,
    edition_order,
)
from briefgen.publish.facts import (
    CachedEdition,
    EditionFacts,
    FeedFacts,
    content_digest,
    edition_facts,
    feed_facts,
    file_stat,
)
from briefgen.publish.versions import RESERVED_EDITION_IDS
from briefgen.store import Store

DRAFT_ID = "draft"
"""ID of the working edition of a project that has no sources yet."""

_EPOCH = dt.date(1970, 1, 1)


def next_release_id(day: dt.date, taken: Sequence[str]) -> str:
    """``YYYY-MM-DD``, or ``YYYY-MM-DD-N`` one past the highest sequence taken that day."""
    base = day.isoformat()
    seqs = [key[3] for key in map(edition_id_key, taken) if key[0] == 1 and key[2] == base]
    return f"{base}-{max(seqs) + 1}" if seqs else base


def check_release_id(edition_id: str) -> str:
    """Return ``edition_id`` if it can name an edition, else raise :class:`UsageError`.

    Refused: path characters (``/``, ``..``, spaces, capitals) and ids that name a path the
    site writes at its root (``latest``, ``index.html``, ``versions.json``, ``feeds`` ...)."""
    if not re.fullmatch(EDITION_ID_PATTERN, edition_id) or len(edition_id) > 64:
        raise UsageError(
            f"edition id {edition_id!r} is not valid: use lowercase letters, digits, '-' and '.' "
            "(no '/', '..' or spaces)"
        )
    if edition_id in RESERVED_EDITION_IDS:
        raise UsageError(
            f"edition id {edition_id!r} is reserved: site/{edition_id} is a path the site uses "
            f"(reserved: {', '.join(sorted(RESERVED_EDITION_IDS))})"
        )
    return edition_id


def frozen_editions(store: Store) -> list[Edition]:
    """Every frozen edition, oldest first; each id is its file's name and not reserved."""
    editions = store.editions()
    for edition in editions:
        _check_frozen_id(store, edition.id)
    return editions


def _check_frozen_id(store: Store, edition_id: str) -> None:
    try:
        check_release_id(edition_id)
    except UsageError as exc:
        raise SchemaError(exc.message, file=store.edition_path(edition_id), field="id") from None


def facts_order(facts: EditionFacts) -> tuple[object, ...]:
    """:func:`briefgen.model.edition_order` over facts."""
    return (facts.released, edition_id_key(facts.id))


class EditionIndex:
    """The frozen editions as :class:`EditionFacts`, oldest first, parsing only the files whose
    stat differs from ``cache`` (see :mod:`briefgen.publish.facts`); :meth:`load` parses one
    edition when its content is needed (each file at most once)."""

    def __init__(self, store: Store, cache: Mapping[str, CachedEdition] | None = None) -> None:
        self.store = store
        self._loaded: dict[str, Edition] = {}
        self.entries: dict[str, CachedEdition] = {}
        self.parsed: list[str] = []
        """Ids of the editions whose file was read (the others came from the cache)."""
        known = cache or {}
        for path in store.edition_paths():
            stat = file_stat(path)
            hit = known.get(path.stem)
            if hit is not None and stat is not None and hit.stat == stat:
                self.entries[path.stem] = hit
                continue
            edition = self._parse(path)
            self.entries[edition.id] = CachedEdition(stat, edition_facts(edition), None)
        self.facts = sorted((e.facts for e in self.entries.values()), key=facts_order)

    def _parse(self, path: Path) -> Edition:
        edition = self.store.load_frozen_edition(path)
        _check_frozen_id(self.store, edition.id)
        self._loaded[edition.id] = edition
        self.parsed.append(edition.id)
        return edition

    def load(self, edition_id: str) -> Edition:
        """The frozen edition ``edition_id``, parsed once."""
        if edition_id not in self._loaded:
            self._parse(self.store.edition_path(edition_id))
        return self._loaded[edition_id]


def _newest_source(articles: Sequence[Article]) -> dt.date | None:
    return max((a.published for a in articles), default=None)


def working_edition(
    store: Store, taken: Sequence[str], newest_frozen: Edition | EditionFacts | None = None
) -> Edition:
    """The working state (every briefing and the articles it cites) as an unsaved edition.

    Its date is its newest source's, but never before ``newest_frozen``'s (editions released
    later never sort earlier), and its id the one :func:`next_release_id` gives that date."""
    briefings = sorted(store.briefings(), key=lambda b: b.topic)
    wanted = {a for b in briefings for a in b.sources}
    by_id: dict[str, Article] = {}
    for topic in sorted({b.topic for b in briefings}):
        for article in store.articles(topic):
            if article.id in wanted:
                by_id[article.id] = article
    articles = [by_id[i] for i in sorted(by_id)]
    topics = sorted(store.topics(), key=lambda t: t.slug)
    newest = _newest_source(articles)
    if newest is not None and newest_frozen is not None:
        newest = max(newest, newest_frozen.released)
    edition_id = next_release_id(newest, taken) if newest else DRAFT_ID
    return Edition(
        schema_=EDITION_SCHEMA,
        id=edition_id,
        released=newest or _EPOCH,
        topics=tuple(topics),
        briefings=tuple(briefings),
        articles=tuple(articles),
    )


class PlannedEdition(msgspec.Struct, frozen=True, eq=False, dict=True):
    """One edition to render: its facts, the edition before it, the date each topic last changed
    and its feed entries. :attr:`edition` and :attr:`previous` load the editions themselves only
    when asked (building it, a site-root maker that needs more than the facts)."""

    facts: EditionFacts
    previous_facts: EditionFacts | None
    working: bool
    last_changed: tuple[tuple[str, dt.date], ...]
    feed: FeedFacts
    loader: Callable[[str], Edition]
    stat: tuple[int, int, int, int] | None = None
    """The stat of the frozen edition's file the facts were taken at (None: working, or racy)."""
    pruned: bool = False
    """Published as redirects to the nearest kept edition (set by the build, not the plan)."""

    @property
    def id(self) -> str:
        """The edition's id."""
        return self.facts.id

    @property
    def released(self) -> dt.date:
        """The edition's date."""
        return self.facts.released

    @cached_property
    def edition(self) -> Edition:
        """The edition itself (loaded on first use)."""
        return self.loader(self.facts.id)

    @cached_property
    def articles(self) -> dict[str, Article]:
        """The edition's articles by id (loads the edition on first use)."""
        return {a.id: a for a in self.edition.articles}

    @cached_property
    def previous(self) -> Edition | None:
        """The edition before it (loaded on first use)."""
        prev = self.previous_facts
        return self.loader(prev.id) if prev is not None else None

    def cache_entry(self) -> CachedEdition | None:
        """What the state file keeps of a frozen edition (None for the working one)."""
        return None if self.working else CachedEdition(self.stat, self.facts, self.feed)


def _last_changed(
    facts: EditionFacts, previous: EditionFacts | None, before: dict[str, dt.date]
) -> dict[str, dt.date]:
    old = dict(previous.topics) if previous else {}
    out: dict[str, dt.date] = {}
    for topic, digest in facts.topics:
        unchanged = old.get(topic) == digest and topic in before
        out[topic] = before[topic] if unchanged else facts.released
    return out


def plan_editions(
    store: Store, cache: Mapping[str, CachedEdition] | None = None
) -> list[PlannedEdition]:
    """Every edition to render, oldest first: the frozen ones, then the working state if new.

    ``cache`` (the last build's :class:`~briefgen.publish.facts.CachedEdition` per id) spares
    reading frozen editions whose file did not change: a plan then reads none of them until an
    edition is built (its own and the previous edition's content) or a feed entry is redone."""
    return _plan(EditionIndex(store, cache), store)


def _plan(index: EditionIndex, store: Store) -> list[PlannedEdition]:
    frozen = index.facts
    working = working_edition(store, [f.id for f in frozen], frozen[-1] if frozen else None)
    working_facts = edition_facts(working)

    def load(edition_id: str) -> Edition:
        return (
            working
            if edition_id == working.id and edition_id not in index.entries
            else (index.load(edition_id))
        )

    order: list[tuple[EditionFacts, CachedEdition | None]] = [
        (f, index.entries[f.id]) for f in frozen
    ]
    if not frozen or frozen[-1].digest != working_facts.digest:
        order.append((working_facts, None))
    plan: list[PlannedEdition] = []
    previous: EditionFacts | None = None
    changed: dict[str, dt.date] = {}
    for facts, cached in order:
        changed = _last_changed(facts, previous, changed)
        after = previous.digest if previous else ""
        feed = cached.feed if cached is not None else None
        if feed is None or feed.after != after:
            prev_edition = load(previous.id) if previous else None
            feed = feed_facts(load(facts.id), prev_edition, after)
        stat = cached.stat if cached is not None else None
        plan.append(
            PlannedEdition(
                facts, previous, cached is None, tuple(sorted(changed.items())), feed, load, stat
            )
        )
        previous = facts
    return plan


def prepare_release(
    store: Store, edition_id: str | None = None, cache: Mapping[str, CachedEdition] | None = None
) -> Edition:
    """The edition a release would freeze now (nothing is written).

    Refuses an invalid or reserved ID, an ID already used or one that would sort before the
    newest edition, an empty project, and a working state identical to the newest edition. The
    application layer adds the ``check`` gate and saves it (:func:`briefgen.app.release.release`).
    ``cache`` as for :func:`plan_editions`: only the changed edition files are read.
    """
    if edition_id is not None:
        check_release_id(edition_id)
    index = EditionIndex(store, cache)
    taken = [f.id for f in index.facts]
    if edition_id is not None and edition_id in taken:
        raise UsageError(
            f"edition {edition_id!r} already exists", file=store.edition_path(edition_id)
        )
    newest = index.facts[-1] if index.facts else None
    working = working_edition(store, taken, newest)
    if not working.briefings:
        raise UsageError("nothing to release: there are no briefings yet")
    if newest is not None and newest.digest == content_digest(working):
        raise UsageError(f"nothing to release: no change since edition {newest.id}")
    if edition_id is not None:
        working = working.replace(id=edition_id)
    if newest is not None and edition_order(working) <= facts_order(newest):
        raise UsageError(
            f"edition id {working.id!r} would sort before edition {newest.id!r} of the same "
            f"date ({newest.released}); choose an id that sorts after it, or none"
        )
    return working
