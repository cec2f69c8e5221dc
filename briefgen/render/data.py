"""Machine-readable files of an edition: ``briefings.json`` and a TimelineJS file per topic.

**The contract.** ``briefings.json`` carries every briefing unit of the edition under a schema
version (:data:`BRIEFINGS_SCHEMA`) and, once per citation, under ``citations`` keyed by
``<article>#s<n>`` (the form every unit's ``cite`` list uses), what it points at: the source's
``title``, ``url``, ``publisher``, publication date (``published``) and how that date was
established (``published_basis``), and the cited ``sentence``'s text. A citation used by several
units is listed once. TimelineJS files follow the TimelineJS3 JSON format (``{"title": ...,
"events": [{"start_date": {...}, "text": {...}}]}``); each event's ``text.text`` shows its
sources as HTML (publisher, date, the cited sentence, a link: what TimelineJS displays) and
``cite`` names them by the same keys, so a program reads their fields from ``briefings.json``
instead of a second copy in every event. Every statement and event carries its trust marks
as written in the briefing: ``times`` (``phrase``, ``date``, ``precision``), ``conflict`` (only
when set) and ``single_source``; a TimelineJS event also shows them, its headline with each
relative time followed by its resolved date, its text with "Scheduled, no report since",
"Conflicting figures: <quantity>" and the single-source note (the unit's flag, or one publisher
cited). Both are deterministic (sorted keys, no timestamps) and compact (no indentation, no
space after separators: they are published in every edition kept in full, see
``full_editions``; pretty-print with ``python -m json.tool``).
``briefings.json`` keeps text plain (consumers escape it); TimelineJS renders its text fields as
HTML, so there every string is HTML-escaped. URLs are given only when they are http(s)
(:func:`briefgen.escape.safe_url`). Both are written with
:func:`briefgen.escape.json_text`: ``<``, ``>``, ``&``, U+2028 and U+2029 appear as ``\\u`` escapes,
so the files are safe to inline in a ``<script>`` and hold no tag a browser could sniff as HTML.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from briefgen.escape import html_attr, html_text, json_text, safe_url
from briefgen.model import SECTIONS, Article, Briefing, Citation, Edition, TimelineEvent
from briefgen.render.marks import marked_text, quantity, unreported
from briefgen.render.views import supporters

BRIEFINGS_SCHEMA = "briefgen/briefings@1"
"""Schema id of ``briefings.json``; bumped on any incompatible change."""


def _dumps(data: Any) -> str:
    return json_text(data, indent=None)


def citation_source(cite: Citation, articles: Mapping[str, Article]) -> dict[str, str]:
    """What one citation points at, as plain text: ``article``, ``title``, ``url`` (http(s)
    only), ``publisher``, ``published`` (ISO date), ``published_basis`` and ``sentence``. Only
    ``article`` is there when the article is not in the edition (``check`` reports that)."""
    out = {"article": cite.article_id}
    article = articles.get(cite.article_id)
    if article is None:
        return out
    out["title"] = article.title
    url = safe_url(article.url)
    if url is not None:
        out["url"] = str(url)
    if article.publisher:
        out["publisher"] = article.publisher
    out["published"] = article.published.isoformat()
    out["published_basis"] = article.published_basis
    sentence = article.sentence(cite.sentence)
    if sentence is not None:
        out["sentence"] = sentence.text
    return out


def _cites(briefing: Briefing) -> Iterable[Citation]:
    yield from briefing.headline.cite
    for section in SECTIONS:
        for st in getattr(briefing, section):
            yield from st.cite
    for ev in briefing.timeline:
        yield from ev.cite


def briefings_json(edition: Edition) -> str:
    """Every briefing of ``edition`` (briefing-file form) in one schema-versioned JSON document,
    with what each of their citations points at (:func:`citation_source`)."""
    articles = {a.id: a for a in edition.articles}
    cites = {str(c): c for b in edition.briefings for c in _cites(b)}
    data = {
        "schema": BRIEFINGS_SCHEMA,
        "edition": edition.id,
        "released": edition.released.isoformat(),
        "briefings": [
            b.to_dict(exclude_none=True) for b in sorted(edition.briefings, key=lambda b: b.topic)
        ],
        "citations": {key: citation_source(c, articles) for key, c in sorted(cites.items())},
    }
    return _dumps(data)


def _start_date(event: TimelineEvent) -> dict[str, str]:
    day = event.date
    out = {"year": str(day.year)}
    if event.precision != "year":
        out["month"] = str(day.month)
    if event.precision in ("day", "week"):
        out["day"] = str(day.day)
    return out


def _html(text: str) -> str:
    return str(html_text(text))


def _day(iso: str) -> str:
    year, month, day = (int(x) for x in iso.split("-"))
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    return f"{day} {months[month - 1]} {year}"


def _source_html(src: Mapping[str, str]) -> str:
    """One citation as HTML: ``<p>Publisher, 5 Nov 2025: “sentence” <a>title</a></p>``."""
    who = src.get("publisher") or src.get("title") or src["article"]
    when = ""
    if "published" in src:
        about = "about " if src.get("published_basis") == "inferred" else ""
        when = f", {about}{_day(src['published'])}"
    said = f": “{_html(src['sentence'])}”" if "sentence" in src else ""
    link = ""
    if "url" in src:
        link = f' <a href="{html_attr(src["url"])}">{_html(src.get("title") or "source")}</a>'
    return f"<p>{_html(who)}{when}{said}{link}</p>"


def _marks_html(ev: TimelineEvent, briefing: Briefing, articles: Mapping[str, Article]) -> str:
    """The event's marks before its sources, as HTML: scheduled with no report since, and
    conflicting figures."""
    out = ""
    if unreported(ev.status, ev.date, ev.precision, briefing.as_of):
        out += '<p class="bg-unreported">Scheduled, no report since.</p>'
    if ev.conflict:
        what = html_text(quantity(ev.conflict))
        out += f'<p class="bg-conflict">Conflicting figures: {what}</p>'
    return out


def _single_html(ev: TimelineEvent, articles: Mapping[str, Article]) -> str:
    """The single-source note after the sources: the unit's flag, or one publisher cited."""
    cited = [articles[c.article_id] for c in ev.cite if c.article_id in articles]
    if ev.single_source or (cited and supporters(cited) == 1):
        return '<p class="bg-single">Single source: no independent publisher confirms it.</p>'
    return ""


def timelinejs_json(briefing: Briefing, articles: Mapping[str, Article] | None = None) -> str:
    """The topic's timeline in TimelineJS3 JSON format (events in date order), each event with
    its sources from ``articles`` (``text.text`` shows them, ``cite`` names them: their fields
    are in ``briefings.json``'s ``citations``)."""
    articles = articles or {}
    year = briefing.as_of.year
    events = []
    for i, ev in enumerate(sorted(briefing.timeline, key=lambda e: (e.date, e.text)), 1):
        sources = [citation_source(c, articles) for c in ev.cite]
        first = articles.get(ev.cite[0].article_id)
        inferred = first is not None and first.published_basis == "inferred"
        event: dict[str, Any] = {
            "start_date": _start_date(ev),
            "text": {
                "headline": str(marked_text(ev.text, ev.times, year, inferred, html_text)),
                "text": _marks_html(ev, briefing, articles)
                + "".join(_source_html(s) for s in sources)
                + _single_html(ev, articles),
            },
            "group": ev.status,
            "unique_id": f"event-{i}",
            "cite": [str(c) for c in ev.cite],
            "times": [
                {"phrase": _html(t.phrase), "date": t.date.isoformat(), "precision": t.precision}
                for t in ev.times
            ],
            "single_source": ev.single_source,
        }
        if ev.conflict:
            event["conflict"] = ev.conflict
        events.append(event)
    data = {
        "title": {
            "text": {
                "headline": _html(briefing.title),
                "text": _html(briefing.headline.text),
            }
        },
        "events": events,
    }
    return _dumps(data)
