"""Editions: the working state as an :class:`Edition`, release IDs, releasing, and the build plan.

A frozen edition is ``content/editions/<id>.json``. The working state (``content/briefings/`` as
it is) is always rendered: when its content differs from the newest frozen edition it becomes the
newest edition, under the ID it would get if released now (the newest source date, then ``-2``,
``-3`` ...).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.errors import SchemaError, UsageError
from briefgen.model import (
    EDITION_ID_PATTERN,
    EDITION_SCHEMA,
    Article,
    Edition,
    edition_id_key,
    edition_order,
)
from briefgen.publish.versions import RESERVED_EDITION_IDS
from briefgen.store import Store, edition_to_text

DRAFT_ID = "draft"
"""ID of the working edition of a project that has no sources yet."""

_EPOCH = dt.date(1970, 1, 1)


@dataclass(frozen=True)
class PlannedEdition:
    """One edition to render, with the edition before it and the date each topic last changed."""

    edition: Edition
    previous: Edition | None
    working: bool
    last_changed: tuple[tuple[str, dt.date], ...]


def content_digest(edition: Edition) -> str:
    """A hash of what an edition shows (topics, briefings, articles), ignoring its id and date."""
    neutral = edition.model_copy(update={"id": "x", "released": _EPOCH})
    return hashlib.sha256(edition_to_text(neutral).encode("utf-8")).hexdigest()


def next_release_id(day: dt.date, taken: Sequence[str]) -> str:
    """``YYYY-MM-DD``, or ``YYYY-MM-DD-N`` one past the highest sequence taken that day."""
    base = day.isoformat()
    seqs = [key[3] for key in map(edition_id_key, taken) if key[0] == 1 and key[2] == base]
    return f"{base}-{max(seqs) + 1}" if seqs else base


def check_release_id(edition_id: str) -> str:
    """Return ``edition_id`` if it can name an edition, else raise :class:`UsageError`.

    Refused: path characters (``/``, ``..``, spaces, capitals) and ids that name a path the
    site writes at its root (``latest``, ``index.html``, ``versions.json``, ``feeds`` ...)."""
    if not re.match(EDITION_ID_PATTERN, edition_id) or len(edition_id) > 64:
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
        try:
            check_release_id(edition.id)
        except UsageError as exc:
            raise SchemaError(
                exc.message, file=store.edition_path(edition.id), field="id"
            ) from None
    return editions


def _newest_source(articles: Sequence[Article]) -> dt.date | None:
    return max((a.published for a in articles), default=None)


def working_edition(
    store: Store, taken: Sequence[str], newest_frozen: Edition | None = None
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
        schema=EDITION_SCHEMA,
        id=edition_id,
        released=newest or _EPOCH,
        topics=tuple(topics),
        briefings=tuple(briefings),
        articles=tuple(articles),
    )


def _last_changed(
    edition: Edition, previous: Edition | None, before: dict[str, dt.date]
) -> dict[str, dt.date]:
    old = {b.topic: b for b in previous.briefings} if previous else {}
    out: dict[str, dt.date] = {}
    for b in edition.briefings:
        unchanged = old.get(b.topic) == b and b.topic in before
        out[b.topic] = before[b.topic] if unchanged else edition.released
    return out


def plan_editions(store: Store) -> list[PlannedEdition]:
    """Every edition to render, oldest first: the frozen ones, then the working state if new."""
    frozen = frozen_editions(store)
    taken = [e.id for e in frozen]
    working = working_edition(store, taken, frozen[-1] if frozen else None)
    editions: list[tuple[Edition, bool]] = [(e, False) for e in frozen]
    if not frozen or content_digest(frozen[-1]) != content_digest(working):
        editions.append((working, True))
    plan: list[PlannedEdition] = []
    previous: Edition | None = None
    changed: dict[str, dt.date] = {}
    for edition, is_working in editions:
        changed = _last_changed(edition, previous, changed)
        plan.append(PlannedEdition(edition, previous, is_working, tuple(sorted(changed.items()))))
        previous = edition
    return plan


def prepare_release(store: Store, edition_id: str | None = None) -> Edition:
    """The edition a release would freeze now (nothing is written).

    Refuses an invalid or reserved ID, an ID already used or one that would sort before the
    newest edition, an empty project, and a working state identical to the newest edition. The
    application layer adds the ``check`` gate and saves it (:func:`briefgen.app.release.release`).
    """
    if edition_id is not None:
        check_release_id(edition_id)
    frozen = frozen_editions(store)
    taken = [e.id for e in frozen]
    if edition_id is not None and edition_id in taken:
        raise UsageError(
            f"edition {edition_id!r} already exists", file=store.edition_path(edition_id)
        )
    newest = frozen[-1] if frozen else None
    working = working_edition(store, taken, newest)
    if not working.briefings:
        raise UsageError("nothing to release: there are no briefings yet")
    if newest is not None and content_digest(newest) == content_digest(working):
        raise UsageError(f"nothing to release: no change since edition {newest.id}")
    if edition_id is not None:
        working = working.model_copy(update={"id": edition_id})
    if newest is not None and edition_order(working) <= edition_order(newest):
        raise UsageError(
            f"edition id {working.id!r} would sort before edition {newest.id!r} of the same "
            f"date ({newest.released}); choose an id that sorts after it, or none"
        )
    return working
