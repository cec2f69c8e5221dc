"""View objects handed to the page templates: model data plus the links and labels pages need.

Everything here is built by briefgen from validated slugs, ids, numbers and dates, so link targets
are safe to emit as :class:`~markupsafe.Markup`; every untrusted string stays a plain ``str`` that
the template environment escapes on output, except a statement's or event's text, which
:mod:`briefgen.render.marks` escapes piece by piece to mark its relative times.
"""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
import re
import urllib.parse
from collections.abc import Mapping

import msgspec
from markupsafe import Markup

from briefgen.escape import md_inline, safe_url
from briefgen.model import (
    Article,
    Citation,
    Precision,
    PublishedBasis,
    Statement,
    TimelineEvent,
)
from briefgen.render.marks import conflict_badge, marked_text, status_mark, unreported
from briefgen.urls import page_url

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: dt.date) -> str:
    """``9 October 2025`` (locale-independent, so builds are reproducible)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month_label(day: dt.date) -> str:
    """``October 2025``."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def event_date(day: dt.date, precision: Precision) -> str:
    """An event date at its precision: ``9 October 2025``, ``week of ...``, ``October 2025``."""
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return month_label(day)
    if precision == "week":
        return f"week of {long_date(day)}"
    return long_date(day)


def event_group(day: dt.date, precision: Precision) -> tuple[tuple[int, int], str]:
    """The timeline group of an event date: ``((year, month), "October 2025")``.

    A year-precision date has no month: it groups under ``((year, 0), "2025")``, which sorts
    before the months of that year. Day-, week- and month-precision dates group under their month
    (a week under the month its first day falls in).
    """
    if precision == "year":
        return (day.year, 0), str(day.year)
    return (day.year, day.month), month_label(day)


def topic_path(slug: str) -> str:
    """Docs-relative path of a topic page."""
    return f"topics/{slug}.md"


def source_path(topic: str, article_id: str) -> str:
    """Docs-relative path of a source-article page."""
    return f"sources/{topic}/{article_id}.md"


ROOT_LINK = "briefgen-root:"
"""Prefix of a link to a path under the site root rather than inside the edition (a shared source
page, ``latest/``): ``briefgen-root:sources/<id>/index.md#s3``. MkDocs leaves it alone (it has a
scheme); the plugin turns it into a link relative to the page (:func:`resolve_root_links`), which
it can because it knows the page's URL and the URL style."""
EDITION_LINK = "briefgen-edition:"
"""Prefix of a link, in raw HTML, to a page of the same edition: ``briefgen-edition:timeline/
2025-11.md#ev-3``. Markdown links are made relative by MkDocs; one in raw HTML (the timeline
chart) is made relative to the page by the plugin, as :data:`ROOT_LINK`."""
_ROOT_LINK_RE = re.compile(r'(["\'])briefgen-(root|edition):([a-z0-9./_#-]*)')


def root_link(src_path: str) -> Markup:
    """A link target to the page built from ``src_path`` under the site root (see
    :data:`ROOT_LINK`); ``src_path`` is briefgen's own (ids, slugs), never untrusted text."""
    return Markup(ROOT_LINK + src_path)


def edition_link(src_path: str) -> Markup:
    """A link target, for raw HTML, to the page of this edition built from ``src_path`` (see
    :data:`EDITION_LINK`); ``src_path`` is briefgen's own, never untrusted text."""
    return Markup(EDITION_LINK + src_path)


def resolve_root_links(html: str, url: str, directory_urls: bool) -> str:
    """Every :data:`ROOT_LINK` and :data:`EDITION_LINK` in a quoted attribute of the page at
    ``url`` (relative to its MkDocs site root, one folder below the site root: an edition,
    ``latest``, ``sources``) as a relative link, right under both URL styles, on any host and
    from ``latest/``."""
    if ROOT_LINK not in html and EDITION_LINK not in html:
        return html
    up = "../" * url.count("/")

    def sub(m: re.Match[str]) -> str:
        path, hash_, anchor = m.group(3).partition("#")
        top = "../" if m.group(2) == "root" else ""
        return f"{m.group(1)}{top}{up}{page_url(path, directory_urls)}{hash_}{anchor}"

    return _ROOT_LINK_RE.sub(sub, html)


def rel(from_page: str, to_page: str) -> str:
    """A relative Markdown link target from one docs-relative page to another."""
    return _relpath(to_page, posixpath.dirname(from_page) or ".")


@functools.lru_cache(maxsize=1 << 16)
def _relpath(path: str, start: str) -> str:
    # remembered: an edition links the same pages from many places, and relpath asks the
    # operating system for the working folder twice a call
    return posixpath.relpath(path, start)


def short_date(day: dt.date, year: int | None = None) -> str:
    """``5 Nov 2025``, or ``5 Nov`` when ``year`` (the page's own year) is the same."""
    text = f"{day.day} {MONTHS[day.month - 1][:3]}"
    return text if day.year == year else f"{text} {day.year}"


def publisher_name(article: Article) -> str:
    """Who published an article: its publisher, else the host of its URL, else a plain phrase."""
    if article.publisher and article.publisher.strip():
        return article.publisher.strip()
    url = safe_url(article.url)
    if url is not None:
        host = urllib.parse.urlsplit(str(url)).hostname or ""
        if host:
            return host.removeprefix("www.")
    return "unknown publisher"


def independent_key(article: Article) -> str:
    """What makes two sources independent: a different publisher (or host, or article)."""
    name = publisher_name(article)
    return name.casefold() if name != "unknown publisher" else f"article:{article.id}"


def published_label(article: Article, year: int | None = None) -> str:
    """An article's date for a reader: ``5 Nov``, or ``about 24 Oct`` when it was inferred."""
    text = short_date(article.published, year)
    return f"about {text}" if article.published_basis == "inferred" else text


BASIS_TEXT: dict[PublishedBasis, str] = {
    "given": "given by the editor when the article was added",
    "stated": "stated in the article",
    "stated-suspect": "stated in the article, though its text suggests otherwise (check it)",
    "metadata": "taken from the page's metadata",
    "inferred": "inferred from the dates the article mentions (approximate)",
}
"""How a source's publication date was established, in a reader's words."""


def supporters(articles: list[Article]) -> int:
    """How many independent sources (distinct publishers) among ``articles``."""
    return len({independent_key(a) for a in articles})


def support_mark(count: int, single: bool = False) -> Markup:
    """``1 source`` (marked as single-source) or ``3 sources``: independent publishers. A unit
    marked ``single_source`` whose citations name several publishers reads ``single source``
    (they do not confirm it independently): the mark shows when either says so."""
    if single and count != 1:
        return Markup(
            '<span class="bg-support bg-single" title="marked as resting on one source: the '
            f'{count} publishers cited do not confirm it independently">single source</span>'
        )
    if count == 1:
        return Markup(
            '<span class="bg-support bg-single" title="only one independent source says this">'
            "1 source</span>"
        )
    return Markup(
        f'<span class="bg-support" title="{count} independent publishers">{count} sources</span>'
    )


class Citer(msgspec.Struct):
    """Makes the provenance marks of one page's statements and events: for each cited article a
    link ``Publisher · 5 Nov`` to its first cited sentence, then the number of independent
    sources (distinct publishers) that support the item."""

    page: str
    articles: Mapping[str, Article]
    """The articles cited, by id (read only; the edition's one map, not a copy per page)."""
    year: int | None = None
    """The page's own year: dates in that year are shown without it."""
    numbers: dict[Citation, int] = msgspec.field(default_factory=dict)
    shared: Mapping[str, str] | None = None
    """Where each article's shared source page is (``{article id: folder under the site root}``),
    or None when the source pages are inside the edition."""

    def source_link(self, article: Article) -> Markup:
        """A link target from this page to ``article``'s source page (shared or in the edition)."""
        if self.shared is not None and article.id in self.shared:
            return root_link(f"{self.shared[article.id]}/index.md")
        return Markup(rel(self.page, source_path(article.topic, article.id)))

    def link(self, citation: Citation) -> Markup:
        """One provenance mark: a Markdown link to the cited sentence labelled with the
        publisher and date (``source missing`` when the citation does not resolve)."""
        self.numbers.setdefault(citation, len(self.numbers) + 1)
        article = self.articles.get(citation.article_id)
        if article is None or article.sentence(citation.sentence) is None:
            return Markup('<span class="bg-cite bg-missing">source missing</span>')
        target = self.source_link(article)
        label = md_inline(f"{publisher_name(article)} · {published_label(article, self.year)}")
        title = md_inline(f"{article.title} (date {BASIS_TEXT[article.published_basis]})")
        return Markup(
            f'<span class="bg-cite" title="{title}">[{label}]({target}#s{citation.sentence})</span>'
        )

    def links(self, cites: tuple[Citation, ...], single: bool = False) -> Markup:
        """The provenance of one item: a mark per cited article (its first cited sentence) and
        how many independent sources support it (``single``: the unit says one source)."""
        first: dict[str, Citation] = {}
        for c in cites:
            first.setdefault(c.article_id, c)
        marks = [self.link(c) for c in first.values()]
        found = [self.articles[a] for a in first if a in self.articles]
        if found or single:
            marks.append(support_mark(supporters(found) if found else 1, single))
        return Markup('<span class="bg-prov">') + Markup(" ").join(marks) + Markup("</span>")

    def inferred(self, cites: tuple[Citation, ...]) -> bool:
        """Whether the first cited source (the one an item's relative times count from) has
        an inferred publication date."""
        article = self.articles.get(cites[0].article_id) if cites else None
        return article is not None and article.published_basis == "inferred"

    def text(self, item: Statement | TimelineEvent) -> Markup:
        """An item's text, escaped for the page, each relative time followed by its date."""
        return marked_text(item.text, item.times, self.year, self.inferred(item.cite))

    def page_link(self, target: str) -> Markup:
        """A relative link target (for ``[text](target)``) from this page to another page."""
        return Markup(rel(self.page, target))


class StatementView(msgspec.Struct, frozen=True):
    """One statement as shown: its text (escaped, times marked) and its citation links."""

    text: Markup
    cites: Markup
    edited: bool
    conflict: str | None = None
    conflict_mark: Markup = msgspec.field(default_factory=Markup)
    """The "Conflicting figures" badge, or empty."""


def statement_view(statement: Statement, citer: Citer) -> StatementView:
    """Build a :class:`StatementView` whose links are relative to ``citer.page``."""
    return StatementView(
        citer.text(statement),
        citer.links(statement.cite, statement.single_source),
        statement.edited,
        statement.conflict,
        conflict_badge(statement.conflict) if statement.conflict else Markup(""),
    )


class EventView(msgspec.Struct, frozen=True):
    """One timeline event as shown."""

    date: dt.date
    precision: Precision
    label: str
    status: str
    text: Markup
    cites: Markup
    topic: str
    topic_title: str
    topic_link: Markup
    anchor: str = ""
    """The entry's id on its page (``ev-3``), the target of the visual timeline's links."""
    unreported: bool = False
    """Scheduled, and its date passed before the briefing's ``as_of`` with no report since."""
    status_mark: Markup = msgspec.field(default_factory=Markup)
    """The status badge: ``happened``, ``scheduled`` or ``scheduled, no report since``."""
    conflict: str | None = None
    """The quantity on which this event's figure disagrees with another event of its topic."""
    conflict_mark: Markup = msgspec.field(default_factory=Markup)
    """The compact "Conflicting figures" badge, or empty."""
    plain: str = ""
    """The event's text as written (unescaped): the tie-break of every order."""


def event_view(
    event: TimelineEvent, citer: Citer, topic: str, topic_title: str, as_of: dt.date
) -> EventView:
    """Build an :class:`EventView` whose links are relative to ``citer.page``; ``as_of`` is its
    briefing's (a scheduled event dated before it is "scheduled, no report since")."""
    late = unreported(event.status, event.date, event.precision, as_of)
    return EventView(
        date=event.date,
        precision=event.precision,
        label=event_date(event.date, event.precision),
        status=event.status,
        text=citer.text(event),
        cites=citer.links(event.cite, event.single_source),
        topic=topic,
        topic_title=topic_title,
        topic_link=citer.page_link(topic_path(topic)),
        unreported=late,
        status_mark=status_mark(event.status, late, as_of),
        conflict=event.conflict,
        conflict_mark=conflict_badge(event.conflict) if event.conflict else Markup(""),
        plain=event.text,
    )


def newest_first(views: list[EventView]) -> list[EventView]:
    """The one order of timeline entries on every page: newest group first (a year-only group
    after that year's months), newest event first, ties by topic and text."""
    return sorted(
        views,
        key=lambda v: (event_group(v.date, v.precision)[0], v.date, v.topic, v.plain),
        reverse=True,
    )
