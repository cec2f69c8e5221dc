"""Atom feeds (feedgen): one of editions, and one per topic listing the editions that changed it.

Valid Atom 1.0 (RFC 4287): each feed has an id, a title, an author (the site), an ``updated`` date,
a ``rel="self"`` link to itself and a ``rel="alternate"`` link to the page it describes; each entry
an id, a title, an ``updated`` date, a link and a summary. Ids are stable ``urn:briefgen:...``
names (:meth:`briefgen.publish.links.SiteLinks.urn`), the same between builds and wherever the
site is hosted. Links are absolute when ``site_url`` is set, else relative to the feed file, and
follow ``use_directory_urls`` (:class:`~briefgen.publish.links.SiteLinks`).

Dates come from the editions' release dates, never the clock, so the same editions give the same
bytes. Titles and summaries are Atom ``text`` constructs: feedgen (lxml) escapes them as XML, and
every string first passes :func:`briefgen.escape.xml_text`, which drops what XML cannot hold. Link
targets are built from the site URL (configuration), validated edition ids and topic slugs only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefgen.escape import xml_text
from briefgen.model import Edition
from briefgen.publish.editions import PlannedEdition
from briefgen.publish.links import EDITIONS_FEED, SiteLinks, topic_feed
from briefgen.publish.versions import LATEST

if TYPE_CHECKING:  # feedgen (with lxml, dateutil) is imported when a feed is made, not for
    # page_feeds, which every worker of a build calls
    from feedgen.feed import FeedGenerator

PageFeeds = dict[str, tuple[tuple[str, str], ...]]
"""``{page source path: ((feed title, feed path under the site root), ...)}``."""


def page_feeds(edition: Edition, site: SiteLinks) -> PageFeeds:
    """The feeds each page of ``edition`` describes, for its ``<link rel="alternate">``: the
    editions feed on the home page, a topic's feed on the topic's page."""
    out: PageFeeds = {"index.md": ((f"{site.name}: editions", EDITIONS_FEED),)}
    for b in edition.briefings:
        out[f"topics/{b.topic}.md"] = ((f"{site.name}: {b.title}", topic_feed(b.topic)),)
    return out


def _stamp(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _feed(
    site: SiteLinks, feed_id: str, title: str, path: str, page: str, updated: dt.date
) -> FeedGenerator:
    """A feed at ``path`` (under the site root) describing the page at ``page``."""
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.id(feed_id)
    fg.title(xml_text(title))
    author = {"name": xml_text(site.name) or "briefgen"}
    if site.absolute:
        author["uri"] = site.base
    fg.author(author)
    fg.link(href=site.href(page, path), rel="alternate", type="text/html")
    fg.link(href=site.href(path, path), rel="self", type="application/atom+xml")
    fg.updated(_stamp(updated))
    fg.generator("briefgen")
    return fg


def _atom(fg: FeedGenerator) -> bytes:
    data: bytes = fg.atom_str(pretty=True)
    return data


def editions_feed(plan: Sequence[PlannedEdition], site: SiteLinks) -> bytes:
    """An Atom feed with one entry per edition (newest first), summarising what changed (the
    plan's :class:`~briefgen.publish.facts.FeedFacts`: no edition is loaded)."""
    newest = plan[-1].released if plan else dt.date(1970, 1, 1)
    home = site.edition_page(LATEST, "index.md")
    fg = _feed(site, site.urn("editions"), f"{site.name}: editions", EDITIONS_FEED, home, newest)
    for p in plan:
        entry = fg.add_entry(order="prepend")
        entry.id(site.urn("edition", p.id))
        entry.title(f"Edition {p.id}")
        entry.link(
            href=site.href(site.edition_page(p.id, "changes.md"), EDITIONS_FEED),
            rel="alternate",
            type="text/html",
        )
        entry.updated(_stamp(p.released))
        entry.summary(xml_text(p.feed.summary))
    return _atom(fg)


def topic_feeds(plan: Sequence[PlannedEdition], site: SiteLinks) -> dict[str, bytes]:
    """Per topic slug, an Atom feed with one entry per edition that changed the topic."""
    entries: dict[str, list[tuple[PlannedEdition, str, str]]] = {}
    for p in plan:
        for e in p.feed.topics:
            entries.setdefault(e.topic, []).append((p, e.title, e.summary))
    feeds: dict[str, bytes] = {}
    for topic, items in sorted(entries.items()):
        last = items[-1]
        path = topic_feed(topic)
        page = f"topics/{topic}.md"
        fg = _feed(
            site,
            site.urn("topic", topic),
            f"{site.name}: {last[1]}",
            path,
            site.edition_page(LATEST, page),
            last[0].released,
        )
        for p, title, summary in items:
            entry = fg.add_entry(order="prepend")
            entry.id(site.urn("topic", topic, "edition", p.id))
            entry.title(xml_text(f"{title} — edition {p.id}"))
            entry.link(
                href=site.href(site.edition_page(p.id, page), path),
                rel="alternate",
                type="text/html",
            )
            entry.updated(_stamp(p.released))
            entry.summary(xml_text(summary))
        feeds[topic] = _atom(fg)
    return feeds
