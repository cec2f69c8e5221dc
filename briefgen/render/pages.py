"""Render one edition to Markdown pages (home, topics, sources, timeline, what changed).

Pure: the page functions (registered and run by :mod:`briefgen.render.outputs`) take model objects
and return strings; they know nothing of MkDocs or the filesystem (beyond reading templates), so
any static-site engine can be fed the same pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import jinja2
import msgspec
from markupsafe import Markup
from msgspec.structs import replace

from briefgen.changes import ChangeSet, StatementChange, TopicChange
from briefgen.model import SECTIONS, Article, Briefing, Edition, TimelineEvent, edition_label
from briefgen.render.env import render_template
from briefgen.render.marks import group_conflicts
from briefgen.render.views import (
    BASIS_TEXT,
    Citer,
    EventView,
    event_date,
    event_group,
    event_view,
    long_date,
    newest_first,
    published_label,
    publisher_name,
    rel,
    source_path,
    statement_view,
    supporters,
    topic_path,
)
from briefgen.render.visual import timeline_visual
from briefgen.timeline import select_events

SECTION_TITLES = {
    "current_status": "Current status",
    "background": "Background",
    "stakes": "Stakes",
}


class Page(msgspec.Struct, frozen=True):
    """One generated page: its docs-relative path and its Markdown."""

    path: str
    markdown: str


class NavItem(msgspec.Struct, frozen=True):
    """A navigation entry: a page (``path``) or a section (``children``)."""

    title: str | None
    path: str | None = None
    children: tuple[NavItem, ...] = ()


class EditionInput(msgspec.Struct, frozen=True):
    """Everything one edition's pages depend on."""

    edition: Edition
    previous_id: str | None
    changes: ChangeSet | None
    last_changed: tuple[tuple[str, dt.date], ...]
    timeline_cap: int
    working: bool = False
    source_links: Mapping[str, str] | None = None
    """``{article id: folder under the site root}`` when the source pages are shared by every
    edition (``briefgen build``: ``sources/<id>``); None when they are pages of the edition."""
    archived: bool = False
    """Built to be archived (:mod:`briefgen.publish.archive`): the cross-topic timeline's pages
    are placeholders with their titles, which archiving replaces, so they are not rendered."""


class TopicRow(msgspec.Struct, frozen=True):
    """One topic on the home page."""

    briefing: Briefing
    link: Markup
    as_of: str
    sources: int
    changed: str


class TopicChangeView(msgspec.Struct, frozen=True):
    """One changed topic on the "What changed" page."""

    change: TopicChange
    link: Markup | None
    sections: tuple[tuple[str, list[StatementChange]], ...]
    new_events: tuple[TimelineEvent, ...]
    new_sources: tuple[Article, ...]
    source_links: dict[str, Markup]


class RenderedEdition(msgspec.Struct, frozen=True):
    """The pages and navigation of one edition."""

    pages: tuple[Page, ...]
    nav: tuple[NavItem, ...]


def _with_partners(
    chosen: Sequence[TimelineEvent], timeline: Sequence[TimelineEvent]
) -> list[TimelineEvent]:
    """The chosen events plus every event sharing a conflict key with one of them: one side of
    a disagreement is never shown without the other."""
    keys = {e.conflict for e in chosen if e.conflict}
    picked = {id(e) for e in chosen}
    return [*chosen, *(e for e in timeline if e.conflict in keys and id(e) not in picked)]


def topic_page(
    env: jinja2.Environment,
    briefing: Briefing,
    articles: Mapping[str, Article],
    inp: EditionInput,
) -> str:
    page = topic_path(briefing.topic)
    citer = Citer(page, articles, briefing.as_of.year, shared=inp.source_links)
    headline = statement_view(briefing.headline, citer)
    sections = []
    for name in SECTIONS:
        items = [statement_view(s, citer) for s in briefing.section(name)]
        groups = group_conflicts(items, lambda v: v.conflict, lambda v: v.conflict)
        sections.append((SECTION_TITLES[name], groups))
    chosen = _with_partners(select_events(briefing.timeline, inp.timeline_cap), briefing.timeline)
    views = [event_view(e, citer, briefing.topic, briefing.title, briefing.as_of) for e in chosen]
    events = group_conflicts(newest_first(views), lambda v: v.conflict, lambda v: v.conflict)
    sources = [articles[a] for a in briefing.sources if a in articles]
    return render_template(
        env,
        "topic.md",
        briefing=briefing,
        headline=headline,
        sections=sections,
        events=events,
        events_shown=len(chosen),
        events_total=len(briefing.timeline),
        timeline_link=citer.page_link("timeline.md"),
        sources=sources,
        source_links={a.id: citer.source_link(a) for a in sources},
        as_of=long_date(briefing.as_of),
        long_date=long_date,
        edition=inp.edition,
        edition_label=edition_label(inp.edition.id),
        publisher=publisher_name,
        date_label=published_label,
        supporters=supporters(sources),
    )


def source_page(
    env: jinja2.Environment,
    article: Article,
    topic_title: str | None,
    topic_link: Markup | None = None,
) -> str:
    """An article's page; its link to the topic is ``topic_link`` when given (a shared page links
    to the topic in ``latest/``), else relative to its place in the edition."""
    page = source_path(article.topic, article.id)
    if topic_link is None:
        topic_link = Markup(rel(page, topic_path(article.topic)))
    return render_template(
        env,
        "source.md",
        article=article,
        paragraphs=[
            [s for s in article.sentences if s.paragraph == p]
            for p in range(1, len(article.paragraphs) + 1)
        ],
        published=long_date(article.published),
        about="about " if article.published_basis == "inferred" else "",
        publisher=publisher_name(article),
        basis=BASIS_TEXT[article.published_basis],
        topic_title=topic_title,
        topic_link=topic_link if topic_title else None,
    )


def timeline_page(
    env: jinja2.Environment,
    briefings: Sequence[Briefing],
    articles: Mapping[str, Article],
    shared: Mapping[str, str] | None = None,
) -> str:
    year = max(b.as_of for b in briefings).year if briefings else None
    citer = Citer("timeline.md", articles, year, shared=shared)
    views: list[EventView] = []
    for b in briefings:
        views.extend(event_view(e, citer, b.topic, b.title, b.as_of) for e in b.timeline)
    views = [replace(v, anchor=f"ev-{i}") for i, v in enumerate(newest_first(views), 1)]
    months: list[tuple[str, list[EventView]]] = []
    for v in views:
        label = event_group(v.date, v.precision)[1]
        if not months or months[-1][0] != label:
            months.append((label, []))
        months[-1][1].append(v)
    return render_template(
        env, "timeline.md", months=months, visual=timeline_visual(views), total=len(views)
    )


def home_page(env: jinja2.Environment, briefings: Sequence[Briefing], inp: EditionInput) -> str:
    last = dict(inp.last_changed)
    rows = [
        TopicRow(
            briefing=b,
            link=Markup(rel("index.md", topic_path(b.topic))),
            as_of=long_date(b.as_of),
            sources=len(b.sources),
            changed=long_date(last.get(b.topic, b.as_of)),
        )
        for b in briefings
    ]
    return render_template(
        env,
        "home.md",
        rows=rows,
        edition=inp.edition,
        edition_label=edition_label(inp.edition.id),
        released=long_date(inp.edition.released),
        working=inp.working,
    )


def changes_page(
    env: jinja2.Environment, inp: EditionInput, articles: Mapping[str, Article]
) -> str:
    citer = Citer("changes.md", articles, inp.edition.released.year, shared=inp.source_links)
    titles = {b.topic: b.title for b in inp.edition.briefings}
    topics = []
    for change in inp.changes.topics if inp.changes else ():
        link = citer.page_link(topic_path(change.topic)) if change.topic in titles else None
        sections = []
        for name in SECTIONS:
            items = [c for c in change.statements if c.section == name]
            if items:
                sections.append((SECTION_TITLES[name], items))
        new_sources = [articles[a] for a in change.sources_added if a in articles]
        topics.append(
            TopicChangeView(
                change=change,
                link=link,
                sections=tuple(sections),
                new_events=tuple(c.new for c in change.events if c.kind == "added" and c.new),
                new_sources=tuple(new_sources),
                source_links={a.id: citer.source_link(a) for a in new_sources},
            )
        )
    return render_template(
        env,
        "changes.md",
        edition=inp.edition,
        edition_label=edition_label(inp.edition.id),
        previous_id=inp.previous_id,
        previous_label=edition_label(inp.previous_id) if inp.previous_id else None,
        topics=topics,
        long_date=long_date,
        event_date=event_date,
    )
