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

from briefgen.errors import UsageError
from briefgen.model import EDITION_ID_PATTERN, EDITION_SCHEMA, Article, Edition
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
    """``YYYY-MM-DD``, or ``YYYY-MM-DD-2``, ``-3`` ... when that ID is already taken."""
    base = day.isoformat()
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _newest_source(articles: Sequence[Article]) -> dt.date | None:
    return max((a.published for a in articles), default=None)


def working_edition(store: Store, taken: Sequence[str]) -> Edition:
    """The working state (every briefing and the articles it cites) as an unsaved edition."""
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
    frozen = store.editions()
    taken = [e.id for e in frozen]
    working = working_edition(store, taken)
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


def release(store: Store, edition_id: str | None = None) -> Edition:
    """Freeze the working state as ``content/editions/<id>.json`` and return the edition.

    Refuses an ID with path characters, an ID already used, an empty project, and a working state
    identical to the newest edition.
    """
    frozen = store.editions()
    taken = [e.id for e in frozen]
    if edition_id is not None and not re.match(EDITION_ID_PATTERN, edition_id):
        raise UsageError(
            f"edition id {edition_id!r} is not valid: use lowercase letters, digits, '-' and '.' "
            "(no '/', '..' or spaces)"
        )
    if edition_id is not None and edition_id in taken:
        raise UsageError(
            f"edition {edition_id!r} already exists", file=store.edition_path(edition_id)
        )
    working = working_edition(store, taken)
    if not working.briefings:
        raise UsageError("nothing to release: there are no briefings yet")
    if frozen and content_digest(frozen[-1]) == content_digest(working):
        raise UsageError(f"nothing to release: no change since edition {frozen[-1].id}")
    if edition_id is not None:
        working = working.model_copy(update={"id": edition_id})
    store.save_edition(working)
    return working
