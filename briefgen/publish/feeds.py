"""Atom feeds (feedgen): one of editions, and one per topic listing the editions that changed it.

Dates come from the editions' release dates, never the clock, so the same editions give the same
bytes. Links are absolute when ``site_url`` is set in mkdocs.yml, else relative to the site root.
Titles and summaries are Atom ``text`` constructs: feedgen (lxml) escapes them as XML, and every
string first passes :func:`briefgen.escape.xml_text`, which drops what XML cannot hold. Link targets
are built from the site URL (configuration), validated edition ids and topic slugs only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from feedgen.feed import FeedGenerator

from briefgen.changes import compare_briefing, compare_editions
from briefgen.escape import xml_text
from briefgen.publish.editions import PlannedEdition


def _stamp(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _feed(feed_id: str, title: str, link: str, updated: dt.date) -> FeedGenerator:
    fg = FeedGenerator()
    fg.id(feed_id)
    fg.title(xml_text(title))
    fg.link(href=link or "./", rel="alternate")
    fg.updated(_stamp(updated))
    fg.generator("briefgen")
    return fg


def _atom(fg: FeedGenerator) -> bytes:
    data: bytes = fg.atom_str(pretty=True)
    return data


def editions_feed(plan: Sequence[PlannedEdition], site_name: str, base: str) -> bytes:
    """An Atom feed with one entry per edition (newest first), summarising what changed."""
    newest = plan[-1].edition.released if plan else dt.date(1970, 1, 1)
    fg = _feed(f"{base}feed.xml", f"{site_name}: editions", base, newest)
    for p in plan:
        ed = p.edition
        if p.previous is None:
            summary = f"First edition: {len(ed.briefings)} briefing(s)."
        else:
            s = compare_editions(p.previous, ed).summary
            summary = (
                f"{s.topics_added + s.topics_changed + s.topics_removed} topic(s) changed; "
                f"{s.statements_added} statement(s) added, {s.statements_removed} removed, "
                f"{s.statements_changed} changed; {s.events_added} new event(s); "
                f"{s.sources_added} new source(s)."
            )
        entry = fg.add_entry(order="prepend")
        entry.id(f"{base}{ed.id}/")
        entry.title(f"Edition {ed.id}")
        entry.link(href=f"{base}{ed.id}/changes/")
        entry.updated(_stamp(ed.released))
        entry.summary(xml_text(summary))
    return _atom(fg)


def topic_feeds(plan: Sequence[PlannedEdition], site_name: str, base: str) -> dict[str, bytes]:
    """Per topic slug, an Atom feed with one entry per edition that changed the topic."""
    entries: dict[str, list[tuple[PlannedEdition, str, str]]] = {}
    for p in plan:
        old = {b.topic: b for b in p.previous.briefings} if p.previous else {}
        for b in p.edition.briefings:
            change = compare_briefing(old.get(b.topic), b)
            if change is None:
                continue
            summary = (
                f"{change.count('added')} statement(s) added, {change.count('removed')} removed, "
                f"{change.count('changed')} changed; "
                f"{change.count('added', events=True)} new event(s); "
                f"{len(change.sources_added)} new source(s). Headline: {b.headline.text}"
            )
            entries.setdefault(b.topic, []).append((p, b.title, summary))
    feeds: dict[str, bytes] = {}
    for topic, items in sorted(entries.items()):
        last = items[-1]
        fg = _feed(
            f"{base}feeds/{topic}.xml",
            f"{site_name}: {last[1]}",
            f"{base}latest/topics/{topic}/",
            last[0].edition.released,
        )
        for p, title, summary in items:
            entry = fg.add_entry(order="prepend")
            entry.id(f"{base}{p.edition.id}/topics/{topic}/")
            entry.title(xml_text(f"{title} — edition {p.edition.id}"))
            entry.link(href=f"{base}{p.edition.id}/topics/{topic}/")
            entry.updated(_stamp(p.edition.released))
            entry.summary(xml_text(summary))
        feeds[topic] = _atom(fg)
    return feeds
