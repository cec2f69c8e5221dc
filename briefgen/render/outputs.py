"""The registry of what each edition generates: its pages and its data files.

- :data:`EDITION_PAGES`: page makers, in page order; each returns its pages and its navigation
  entries (placed by ``nav_rank``): home, topic pages, timeline, what changed, source pages.
- :data:`EDITION_FILES`: data-file makers: ``briefings.json`` and the TimelineJS file per topic.

:func:`render_edition` runs the page makers; :func:`edition_files` the data-file makers. Both are
pure (model objects in, strings out). The site-root files (versions.json, Atom feeds) are in
:mod:`briefgen.publish.outputs`. A new page is one function and one entry::

    def _sources_index(view: EditionView) -> Made:
        text = render_template(view.env, "sources-index.md", articles=view.articles)
        return Made((Page("sources.md", text),), (NavItem("All sources", "sources.md"),))

    EDITION_PAGES.append(PageKind("sources-index", _sources_index, nav_rank=5))
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

import jinja2
import msgspec

from briefgen.escape import md_front_matter
from briefgen.model import Article, Briefing
from briefgen.render.data import briefings_json, timelinejs_json
from briefgen.render.pages import (
    EditionInput,
    NavItem,
    Page,
    RenderedEdition,
    changes_page,
    home_page,
    source_page,
    timeline_page,
    topic_page,
)
from briefgen.render.periods import period_title, split_timeline, timeline_paths
from briefgen.render.views import source_path, topic_path


class EditionView(msgspec.Struct, frozen=True):
    """What a page maker gets: the edition input, the template environment, the briefings sorted
    by title, the articles by id and the topic titles by slug."""

    inp: EditionInput
    env: jinja2.Environment
    briefings: tuple[Briefing, ...]
    articles: Mapping[str, Article]
    titles: Mapping[str, str]


class Made(msgspec.Struct, frozen=True):
    """What one page maker made: pages, and navigation entries."""

    pages: tuple[Page, ...]
    nav: tuple[NavItem, ...] = ()


class PageKind(msgspec.Struct, frozen=True):
    """A registered page maker and where its navigation entries go (lower ``nav_rank`` first)."""

    name: str
    make: Callable[[EditionView], Made]
    nav_rank: int
    nav: tuple[NavItem, ...] | None = None
    """Its navigation entries when they are the same for every edition: then its pages can be
    made apart and come after the navigation is set (:func:`render_late`)."""


def _home(view: EditionView) -> Made:
    page = Page("index.md", home_page(view.env, view.briefings, view.inp))
    return Made((page,), (NavItem("Home", "index.md"),))


ARCHIVED = "This edition is archived: its timeline of every event is not published.\n"
"""The body of an archived edition's timeline pages while MkDocs builds it."""


TIMELINE_NAV = (NavItem("Timeline", "timeline.md"),)
"""The timeline's navigation entry, the same however its pages are split."""


def _timeline(view: EditionView) -> Made:
    nav = TIMELINE_NAV
    if view.inp.archived:  # the same pages and titles, replaced after the build
        paths = timeline_paths(view.briefings)
        return Made(tuple(Page(p, md_front_matter(period_title(p)) + ARCHIVED) for p in paths), nav)
    shared = view.inp.source_links
    split = split_timeline(view.env, view.briefings, view.articles, shared)  # long: by period
    if split is not None:
        pages = (Page(path, md_front_matter(period_title(path)) + text) for path, text in split)
        return Made(tuple(pages), nav)
    text = timeline_page(view.env, view.briefings, view.articles, shared)
    return Made((Page("timeline.md", md_front_matter("Timeline") + text),), nav)


def _changes(view: EditionView) -> Made:
    text = changes_page(view.env, view.inp, view.articles)
    page = Page("changes.md", md_front_matter("What changed") + text)
    return Made((page,), (NavItem("What changed", "changes.md"),))


def _topics(view: EditionView) -> Made:
    pages, nav = [], []
    for b in view.briefings:
        text = md_front_matter(b.title) + topic_page(view.env, b, view.articles, view.inp)
        pages.append(Page(topic_path(b.topic), text))
        nav.append(NavItem(None, topic_path(b.topic)))
    return Made(tuple(pages), (NavItem("Topics", children=tuple(nav)),) if nav else ())


def _sources(view: EditionView) -> Made:
    """A page per source, linked from its topic page (and from every citation of it), not listed
    in the navigation: a nav entry per source would put every source on every page, so the bytes
    of a site would grow as pages x sources. The plugin marks them ``not_in_nav``. None when the
    edition links to source pages shared by every edition (``view.inp.source_links``)."""
    if view.inp.source_links is not None:
        return Made(())
    titles = view.titles
    pages = [
        Page(source_path(a.topic, a.id), md_front_matter(a.title) + source_page(view.env, a, t))
        for a in sorted(view.inp.edition.articles, key=lambda a: (a.topic, a.published, a.id))
        for t in (titles.get(a.topic),)
    ]
    return Made(tuple(pages))


EDITION_PAGES: list[PageKind] = [
    PageKind("home", _home, nav_rank=0),
    PageKind("timeline", _timeline, nav_rank=2, nav=TIMELINE_NAV),
    PageKind("changes", _changes, nav_rank=3),
    PageKind("topic", _topics, nav_rank=1),
    PageKind("sources", _sources, nav_rank=4),
]
"""Page makers, in the order their pages are generated."""

EditionFiles = Callable[[EditionInput], dict[str, str]]
"""``maker(edition_input) -> {docs-relative path: text}``."""


def _briefings(inp: EditionInput) -> dict[str, str]:
    return {"briefings.json": briefings_json(inp.edition)}


def _timelinejs(inp: EditionInput) -> dict[str, str]:
    articles = {a.id: a for a in inp.edition.articles}
    return {
        f"data/timelinejs/{b.topic}.json": timelinejs_json(b, articles)
        for b in inp.edition.briefings
    }


EDITION_FILES: dict[str, EditionFiles] = {
    "briefings.json": _briefings,
    "timelinejs": _timelinejs,
}
"""Data-file makers by name."""


def _view(inp: EditionInput, env: jinja2.Environment) -> EditionView:
    briefings = sorted(inp.edition.briefings, key=lambda b: (b.title.casefold(), b.topic))
    return EditionView(
        inp=inp,
        env=env,
        briefings=tuple(briefings),
        articles={a.id: a for a in inp.edition.articles},
        titles={b.topic: b.title for b in briefings},
    )


def render_kinds(
    inp: EditionInput, env: jinja2.Environment, names: Collection[str]
) -> dict[str, Made]:
    """The pages of the page makers named ``names`` only, by maker name: a part of
    :func:`render_edition` made apart (in another process of a build), the same as there."""
    view = _view(inp, env)
    return {kind.name: kind.make(view) for kind in EDITION_PAGES if kind.name in names}


class Apart(msgspec.Struct, frozen=True):
    """Page makers whose pages are made apart (:func:`render_kinds`, in another process of a
    build): their names, and how to get their pages, ``{maker name: made}``."""

    names: frozenset[str]
    fetch: Callable[[], Mapping[str, Made]]


def _assemble(made: Mapping[str, Made]) -> RenderedEdition:
    """The pages of every maker in :data:`EDITION_PAGES` order, the navigation by rank."""
    pages: list[Page] = []
    ranked: list[tuple[int, int, NavItem]] = []
    for kind in EDITION_PAGES:
        pages.extend(made[kind.name].pages)
        ranked.extend((kind.nav_rank, len(ranked), item) for item in made[kind.name].nav)
    nav = tuple(item for _, _, item in sorted(ranked, key=lambda r: (r[0], r[1])))
    return RenderedEdition(tuple(pages), nav)


def render_edition(inp: EditionInput, env: jinja2.Environment) -> RenderedEdition:
    """Every page of one edition, plus its navigation (sectioned, for ``navigation.prune``).

    Every page but the home page (whose <title> is the site name) states its title in front
    matter: untrusted titles must not reach the theme through the heading (see
    :func:`briefgen.escape.md_front_matter`)."""
    view = _view(inp, env)
    return _assemble({kind.name: kind.make(view) for kind in EDITION_PAGES})


def render_late(
    inp: EditionInput, env: jinja2.Environment, apart: Apart
) -> tuple[tuple[NavItem, ...], Callable[[], RenderedEdition]]:
    """The edition's navigation now, and a function that returns the edition: the makers
    ``apart`` names (each with a fixed :attr:`PageKind.nav`) are not run here, their pages are
    fetched when the edition is asked for. The same navigation and edition, page for page and
    in the same order, as :func:`render_edition`."""
    kinds = [kind for kind in EDITION_PAGES if kind.name in apart.names]
    loose = [kind.name for kind in kinds if kind.nav is None]
    if loose:
        raise ValueError(f"page makers without a fixed navigation cannot be made apart: {loose}")
    view = _view(inp, env)
    made = {kind.name: kind.make(view) for kind in EDITION_PAGES if kind.name not in apart.names}
    nav = _assemble({**made, **{kind.name: Made((), kind.nav or ()) for kind in kinds}}).nav

    def edition() -> RenderedEdition:
        return _assemble({**made, **apart.fetch()})

    return nav, edition


def edition_files(inp: EditionInput) -> dict[str, str]:
    """Every registered data file of one edition, ``{docs-relative path: text}``."""
    out: dict[str, str] = {}
    for make in EDITION_FILES.values():
        out.update(make(inp))
    return out
