"""View objects handed to the page templates: model data plus the links and labels pages need.

Everything here is built by briefgen from validated slugs, ids, numbers and dates, so link targets
are safe to emit as :class:`~markupsafe.Markup`; every untrusted string stays a plain ``str`` that
the template environment escapes on output.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass, field

from markupsafe import Markup

from briefgen.model import Article, Citation, Precision, TimelineEvent

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


@dataclass
class Citer:
    """Numbers the citations of one page in order of first use and makes their links."""

    page: str
    articles: dict[str, Article]
    numbers: dict[Citation, int] = field(default_factory=dict)

    def link(self, citation: Citation) -> Markup:
        """``<sup>[n](../sources/<topic>/<id>.md#s<k>)</sup>`` (the bare number if unresolved)."""
        n = self.numbers.setdefault(citation, len(self.numbers) + 1)
        article = self.articles.get(citation.article_id)
        if article is None or article.sentence(citation.sentence) is None:
            return Markup(f'<sup class="bg-cite">{n}</sup>')
        target = rel(self.page, source_path(article.topic, article.id))
        return Markup(
            f'<sup class="bg-cite">[{n}]({target}#s{citation.sentence} '
            f'"{article.id}, sentence {citation.sentence}")</sup>'
        )

    def links(self, cites: tuple[Citation, ...]) -> Markup:
        """The links of several citations, separated by thin spaces."""
        return Markup(" ").join(self.link(c) for c in cites)

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
