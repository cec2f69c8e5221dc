"""The domain types. Immutable, validated, with no I/O: ``store`` reads and writes them.

Every stage takes and returns these objects: ``ingest`` makes :class:`Article`, ``summarize`` makes
:class:`Briefing`, ``publish`` freezes them into an :class:`Edition`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import cached_property
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta

from briefgen.structs import CheckError, Record, Scalar, whole

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
CITATION_PATTERN = r"^([a-z0-9]+(?:-[a-z0-9]+)*)#s([1-9][0-9]*)$"
EDITION_ID_PATTERN = r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$"
BRIEFING_SCHEMA: Literal["briefgen/briefing@1"] = "briefgen/briefing@1"
EDITION_SCHEMA: Literal["briefgen/edition@1"] = "briefgen/edition@1"

Slug = Annotated[str, whole(SLUG_PATTERN, max_length=120)]
"""A topic slug or article id: lowercase letters, digits and single hyphens; never a path."""

EditionId = Annotated[str, whole(EDITION_ID_PATTERN, max_length=64)]
"""An edition id such as ``2025-11-05`` or ``2025-11-05-2``: no slashes, no ``..``."""

Text = Annotated[str, Meta(min_length=1)]
Sha256 = Annotated[str, whole(r"^[0-9a-f]{64}$")]
Positive = Annotated[int, Meta(ge=1)]

Precision = Literal["day", "week", "month", "year"]
EventStatus = Literal["happened", "scheduled"]
PublishedBasis = Literal["stated", "stated-suspect", "metadata", "inferred", "given"]
Section = Literal["current_status", "background", "stakes"]
SECTIONS: tuple[Section, ...] = ("current_status", "background", "stakes")

_CITATION_RE = re.compile(CITATION_PATTERN)
_SLUG_RE = re.compile(SLUG_PATTERN)


class Citation(Scalar):
    """A pointer to one sentence: ``<article-id>#s<n>`` (n counts from 1 across the whole body)."""

    __slots__ = ("article_id", "sentence")

    def __init__(self, article_id: str, sentence: int) -> None:
        if not _SLUG_RE.fullmatch(article_id) or sentence < 1:
            raise ValueError(f"invalid citation parts: {article_id!r}, {sentence!r}")
        self.article_id = article_id
        self.sentence = sentence

    @classmethod
    def parse(cls, value: str) -> Citation:
        """Parse ``<article-id>#s<n>``; raise ``ValueError`` naming the expected form."""
        m = _CITATION_RE.fullmatch(value) if isinstance(value, str) else None
        if m is None:
            raise ValueError(f"citation {value!r} is not of the form <article-id>#s<n>")
        return cls(m.group(1), int(m.group(2)))

    def __str__(self) -> str:
        return f"{self.article_id}#s{self.sentence}"

    def __repr__(self) -> str:
        return f"Citation({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Citation):
            return NotImplemented
        return (self.article_id, self.sentence) == (other.article_id, other.sentence)

    def __lt__(self, other: Citation) -> bool:
        return (self.article_id, self.sentence) < (other.article_id, other.sentence)

    def __hash__(self) -> int:
        return hash((self.article_id, self.sentence))

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """A string of the form ``<article-id>#s<n>``."""
        return {"type": "string", "pattern": CITATION_PATTERN, "examples": ["2025-11-05-talks#s2"]}


class Sentence(Record, frozen=True, kw_only=True):
    """One sentence of an article body, addressable as ``<article-id>#s<n>``."""

    article_id: Slug
    n: Positive
    paragraph: Positive
    text: Text

    @property
    def citation(self) -> Citation:
        """The citation that points at this sentence."""
        return Citation(self.article_id, self.n)


class Duplicate(Record, frozen=True, kw_only=True):
    """A near-duplicate copy of an article (a syndicated version) recorded instead of stored."""

    sha256: Sha256
    url: str | None = None
    publisher: str | None = None
    similarity: Annotated[float, Meta(ge=0, le=1)]


class Article(Record, frozen=True, kw_only=True, dict=True):
    """A cleaned, dated news article. The body is paragraphs of sentences, one sentence a line."""

    id: Slug
    topic: Slug
    title: Text
    publisher: str | None = None
    url: str | None = None
    published: dt.date
    published_basis: PublishedBasis
    published_evidence: str | None = None
    ingested: dt.date
    sha256: Sha256
    language: str | None = None
    author: str | None = None
    noise_lines: Annotated[int, Meta(ge=0)] = 0
    duplicates: tuple[Duplicate, ...] = ()
    paragraphs: Annotated[tuple[tuple[Text, ...], ...], Meta(min_length=1)]

    __field_checks__ = ("paragraphs",)

    def __post_init__(self) -> None:
        for p, para in enumerate(self.paragraphs, 1):
            if not para:
                raise CheckError(f"paragraph {p} is empty", field="paragraphs")
            for s in para:
                if "\n" in s or s != s.strip():
                    message = f"paragraph {p}: a sentence must be one trimmed line"
                    raise CheckError(message, field="paragraphs")

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """Every body sentence, numbered from 1 in reading order."""
        out: list[Sentence] = []
        for p, para in enumerate(self.paragraphs, 1):
            for text in para:
                out.append(Sentence(article_id=self.id, n=len(out) + 1, paragraph=p, text=text))
        return tuple(out)

    def sentence(self, n: int) -> Sentence | None:
        """Sentence *n* (1-based), or ``None`` when the body has no such sentence."""
        return self.sentences[n - 1] if 1 <= n <= len(self.sentences) else None

    @property
    def body(self) -> str:
        """The body as plain text: sentences joined by spaces, paragraphs by blank lines."""
        return "\n\n".join(" ".join(p) for p in self.paragraphs)


def date_period(day: dt.date, precision: Precision, slack: int = 0) -> tuple[dt.date, dt.date]:
    """The first and last day a date can mean at its precision: its day, its Monday-to-Sunday
    week (widened by ``slack`` days each side), its month or its year. The one rule the timeline,
    summarize, ``check`` and the site use."""
    if precision == "year":
        return day.replace(month=1, day=1), day.replace(month=12, day=31)
    if precision == "month":
        first = day.replace(day=1)
        return first, (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    if precision == "week":
        monday = day - dt.timedelta(days=day.weekday())
        pad = dt.timedelta(days=slack)
        return monday - pad, monday + dt.timedelta(days=6) + pad
    return day, day


class TimeRef(Record, frozen=True, kw_only=True):
    """A relative time in a statement's text ("two weeks ago", "on Thursday") with the date it
    resolves to, counted from the cited source's publication date, so a reader sees
    "two weeks ago — about 10 Oct"."""

    phrase: Text
    """The phrase exactly as it appears in the statement's text."""
    date: dt.date
    precision: Precision = "day"


class Statement(Record, frozen=True, kw_only=True):
    """One briefing statement: text quoted or trimmed from the cited sentences."""

    text: Text
    cite: Annotated[tuple[Citation, ...], Meta(min_length=1)]
    edited: bool = False
    times: tuple[TimeRef, ...] = ()
    """Relative times in the text ("two weeks ago"), with the dates they resolve to."""
    conflict: Slug | None = None
    """The quantity (``deaths``, ``duration``...) on which this item's figure disagrees with
    another source's: items sharing the key, in one section or the timeline, stand side by side,
    each with its own attribution, never merged or averaged."""
    single_source: bool = False
    """Every citation comes from one publisher: no independent source confirms it."""

    __field_checks__ = ("cite",)

    def __post_init__(self) -> None:
        if len(set(self.cite)) != len(self.cite):
            seen: set[Citation] = set()
            for c in self.cite:
                if c in seen:
                    raise CheckError(f"citation {c} is listed twice", field="cite")
                seen.add(c)
        _check_times(self.text, self.times)


class TimelineEvent(Record, frozen=True, kw_only=True):
    """A dated event in a topic's timeline: one event of the story, citing every mention of it."""

    date: dt.date
    precision: Precision = "day"
    status: EventStatus = "happened"
    text: Text
    cite: Annotated[tuple[Citation, ...], Meta(min_length=1)]
    edited: bool = False
    times: tuple[TimeRef, ...] = ()
    """Relative times in the text ("two weeks ago"), with the dates they resolve to."""
    conflict: Slug | None = None
    """The quantity (``deaths``, ``duration``...) on which this item's figure disagrees with
    another source's: items sharing the key, in one section or the timeline, stand side by side,
    each with its own attribution, never merged or averaged."""
    single_source: bool = False
    """Every citation comes from one publisher: no independent source confirms it."""

    def __post_init__(self) -> None:
        _check_times(self.text, self.times)


def _check_times(text: str, times: tuple[TimeRef, ...]) -> None:
    for t in times:
        if t.phrase not in text:
            raise CheckError(f"times: {t.phrase!r} does not occur in the text")


class Topic(Record, frozen=True, kw_only=True):
    """A topic in ``content/topics.yaml``: what its articles are about."""

    slug: Slug
    title: Text
    description: str = ""
    keywords: tuple[str, ...] = ()


class Briefing(Record, frozen=True, kw_only=True):
    """A topic's briefing unit, reviewed in pull requests as ``content/briefings/<topic>.yaml``."""

    schema_: Literal["briefgen/briefing@1"] = msgspec.field(default=BRIEFING_SCHEMA, name="schema")
    topic: Slug
    title: Text
    as_of: dt.date
    headline: Statement
    current_status: tuple[Statement, ...] = ()
    background: tuple[Statement, ...] = ()
    stakes: tuple[Statement, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    sources: Annotated[tuple[Slug, ...], Meta(min_length=1)]
    inputs: Annotated[str, whole(r"^sha256:[0-9a-f]{64}$")] | None = None

    def __post_init__(self) -> None:
        seen: dict[str, str] = {}
        for section in SECTIONS:
            for i, st in enumerate(getattr(self, section)):
                where = f"{section}.{i}"
                if st.text in seen:
                    raise CheckError(f"{where}: duplicate statement (same text as {seen[st.text]})")
                seen[st.text] = where
        if list(self.sources) != sorted(set(self.sources)):
            raise CheckError("sources must be sorted and unique")
        known = set(self.sources)
        for st, where in self.iter_cited():
            for c in st.cite:
                if c.article_id not in known:
                    raise CheckError(f"{where}: cites {c}, whose article is not in sources")

    def iter_cited(self) -> Iterator[tuple[Statement | TimelineEvent, str]]:
        """Every statement and event with its field path (``background.2``, ``timeline.0``)."""
        yield self.headline, "headline"
        for section in SECTIONS:
            for i, st in enumerate(getattr(self, section)):
                yield st, f"{section}.{i}"
        for i, ev in enumerate(self.timeline):
            yield ev, f"timeline.{i}"

    def section(self, name: Section) -> tuple[Statement, ...]:
        """The statements of one section by name."""
        value: tuple[Statement, ...] = getattr(self, name)
        return value


_DATED_ID_RE = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})(?:-([1-9][0-9]*))?$")
_DIGITS_RE = re.compile(r"([0-9]+)")


def edition_id_key(edition_id: str) -> tuple[Any, ...]:
    """How edition ids of one release date sort: custom ids first, in natural order (``v2``
    before ``v10``), then dated ids by their date and numeric sequence (``2025-11-05``,
    ``-2`` ... ``-9``, ``-10``); never as plain strings."""
    m = _DATED_ID_RE.match(edition_id)
    if m:
        return (1, (), m.group(1), int(m.group(2) or 1), edition_id)
    natural = tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in _DIGITS_RE.split(edition_id)
        if part
    )
    return (0, natural, "", 0, edition_id)


_SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def edition_label(edition_id: str) -> str:
    """How readers see an edition id: ``2025-11-05`` is ``5 Nov 2025``, ``2025-11-05-2`` is
    ``5 Nov 2025 (2)``; any other id is shown as it is. The id itself stays in URLs."""
    m = _DATED_ID_RE.match(edition_id)
    if m is None:
        return edition_id
    try:
        day = dt.date.fromisoformat(m.group(1))
    except ValueError:
        return edition_id
    label = f"{day.day} {_SHORT_MONTHS[day.month - 1]} {day.year}"
    return f"{label} ({m.group(2)})" if m.group(2) else label


def edition_order(edition: Edition) -> tuple[Any, ...]:
    """The one order of editions, oldest first: release date, then :func:`edition_id_key`."""
    return (edition.released, edition_id_key(edition.id))


class Edition(Record, frozen=True, kw_only=True):
    """A frozen snapshot of every briefing (and the articles they cite) at a release."""

    schema_: Literal["briefgen/edition@1"] = msgspec.field(default=EDITION_SCHEMA, name="schema")
    id: EditionId
    released: dt.date
    topics: tuple[Topic, ...] = ()
    briefings: tuple[Briefing, ...] = ()
    articles: tuple[Article, ...] = ()
