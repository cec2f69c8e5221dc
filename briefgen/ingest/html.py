"""HTML -> main text and metadata with trafilatura (dates via htmldate).

trafilatura finds the article's main text and its metadata (title, author, site name, date,
canonical URL, language). When it cannot separate paragraphs (very small or broken pages) the
block elements are read with lxml instead; either way the text then goes through the same
line cleaner as scraped text, so captions, share rows and credits trafilatura keeps are dropped.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from typing import Any

from lxml import html as lxml_html  # type: ignore[import-untyped]

from briefgen.errors import IngestError

log = logging.getLogger(__name__)

_LANG = re.compile(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "li", "blockquote", "figcaption", "pre", "td")
_DATE_PARAMS = {"extensive_search": True, "original_date": True}


@dataclass(frozen=True)
class HtmlDoc:
    """The main text of an HTML page (one paragraph a line) and its metadata."""

    text: str
    title: str | None = None
    author: str | None = None
    sitename: str | None = None
    date: dt.date | None = None
    url: str | None = None
    language: str | None = None


def _blocks(html: str) -> str:
    """Text of block elements, one a line (fallback for pages trafilatura flattens)."""
    try:
        root = lxml_html.fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        return ""
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    lines = []
    for el in root.iter(*_BLOCKS):
        if any(a.tag in _BLOCKS for a in el.iterancestors()):
            continue
        text = " ".join(el.text_content().split())
        if text:
            lines.append(text)
    return "\n\n".join(lines)


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def extract_html(html: str, source: str, *, url: str | None = None) -> HtmlDoc:
    """Main text and metadata of an HTML page; raise :class:`IngestError` when there is none."""
    # imported here: trafilatura (with htmldate, courlan, dateparser) costs ~0.3 s of start-up
    # that an ingest of scraped text never needs
    import trafilatura
    from trafilatura.xml import xmltotxt

    doc: Any
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # trafilatura raises many lxml errors on hostile markup
        log.debug("trafilatura failed on %s: %s", source, exc)
        doc = None
    text = ""
    if doc is not None and doc.body is not None:
        text = xmltotxt(doc.body, include_formatting=False) or ""
    blocks = _blocks(html)
    if text.count("\n") < 1 and blocks.count("\n\n") >= 1:
        text = blocks
    if not text.strip():
        raise IngestError("no article text found in the HTML", file=source)
    lang_match = _LANG.search(html[:4096])
    language = getattr(doc, "language", None) or (lang_match.group(1) if lang_match else None)
    return HtmlDoc(
        text=text,
        title=getattr(doc, "title", None) or None,
        author=getattr(doc, "author", None) or None,
        sitename=getattr(doc, "sitename", None) or None,
        date=_date(getattr(doc, "date", None)),
        url=getattr(doc, "url", None) or url,
        language=language.lower() if language else None,
    )
