"""View objects handed to the page templates: model data plus the links and labels pages need.

Everything here is built by briefgen from validated slugs, ids, numbers and dates, so link targets
are safe to emit as :class:`~markupsafe.Markup`; every untrusted string stays a plain ``str`` that
the template environment escapes on output.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import urllib.parse
from dataclasses import dataclass, field

from markupsafe import Markup

from briefgen.escape import md_inline, safe_url
from briefgen.model import Article, Citation, Precision, PublishedBasis, TimelineEvent

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


def rel(from_page: str, to_page: str) -> str:
    """A relative Markdown link target from one docs-relative page to another."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


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


def support_mark(count: int) -> Markup:
    """``1 source`` (marked as single-source) or ``3 sources``: independent publishers."""
    if count == 1:
        return Markup(
            '<span class="bg-support bg-single" title="only one independent source says this">'
            "1 source</span>"
        )
    return Markup(
        f'<span class="bg-support" title="{count} independent publishers">{count} sources</span>'
    )


@dataclass
class Citer:
    """Makes the provenance marks of one page's statements and events: for each cited article a
    link ``Publisher · 5 Nov`` to its first cited sentence, then the number of independent
    sources (distinct publishers) that support the item."""

    page: str
    articles: dict[str, Article]
    year: int | None = None
    """The page's own year: dates in that year are shown without it."""
    numbers: dict[Citation, int] = field(default_factory=dict)

    def link(self, citation: Citation) -> Markup:
        """One provenance mark: a Markdown link to the cited sentence labelled with the
        publisher and date (``source missing`` when the citation does not resolve)."""
        self.numbers.setdefault(citation, len(self.numbers) + 1)
        article = self.articles.get(citation.article_id)
        if article is None or article.sentence(citation.sentence) is None:
            return Markup('<span class="bg-cite bg-missing">source missing</span>')
        target = rel(self.page, source_path(article.topic, article.id))
        label = md_inline(f"{publisher_name(article)} · {published_label(article, self.year)}")
        title = md_inline(f"{article.title} (date {BASIS_TEXT[article.published_basis]})")
        return Markup(
            f'<span class="bg-cite" title="{title}">[{label}]({target}#s{citation.sentence})</span>'
        )

    def links(self, cites: tuple[Citation, ...]) -> Markup:
        """The provenance of one item: a mark per cited article (its first cited sentence) and
        how many independent sources support it."""
        first: dict[str, Citation] = {}
        for c in cites:
            first.setdefault(c.article_id, c)
        marks = [self.link(c) for c in first.values()]
        found = [self.articles[a] for a in first if a in self.articles]
        if found:
            marks.append(support_mark(supporters(found)))
        return Markup('<span class="bg-prov">') + Markup(" ").join(marks) + Markup("</span>")

    def page_link(self, target: str) -> Markup:
        """A relative link target (for ``[text](target)``) from this page to another page."""
        return Markup(rel(self.page, target))


@dataclass(frozen=True)
class StatementView:
    """One statement as shown: its (untrusted) text and its citation links."""

    text: str
    cites: Markup
    edited: bool


@dataclass(frozen=True)
class EventView:
    """One timeline event as shown."""

    date: dt.date
    precision: Precision
    label: str
    status: str
    text: str
    cites: Markup
    topic: str
    topic_title: str
    topic_link: Markup
    anchor: str = ""
    """The entry's id on its page (``ev-3``), the target of the visual timeline's links."""


def event_view(event: TimelineEvent, citer: Citer, topic: str, topic_title: str) -> EventView:
    """Build an :class:`EventView` whose links are relative to ``citer.page``."""
    return EventView(
        date=event.date,
        precision=event.precision,
        label=event_date(event.date, event.precision),
        status=event.status,
        text=event.text,
        cites=citer.links(event.cite),
        topic=topic,
        topic_title=topic_title,
        topic_link=citer.page_link(topic_path(topic)),
    )


def newest_first(views: list[EventView]) -> list[EventView]:
    """The one order of timeline entries on every page: newest group first (a year-only group
    after that year's months), newest event first, ties by topic and text."""
    return sorted(
        views,
        key=lambda v: (event_group(v.date, v.precision)[0], v.date, v.topic, v.text),
        reverse=True,
    )
