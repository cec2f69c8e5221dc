"""HTML -> main text and metadata with trafilatura (dates via htmldate).

trafilatura finds the article's main text and its metadata (title, author, site name, date,
canonical URL, language). When it finds no text (very small or broken pages) the block elements
are read with lxml instead; when it runs paragraphs into one line, that line is cut again at the
page's own blocks. The text then goes through the line cleaner: on
trafilatura's main text only the rules about one line (captions, credits, share rows, bylines,
datelines) run, since menus and link lists are already gone and its subheadings and list items
are the article's (:func:`clean_html`); on the block fallback the whole-page rules run too.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any

import msgspec

from briefgen.errors import IngestError
from briefgen.ingest.text import CleanPage, clean_text
from briefgen.nlp.patterns import lazy

log = logging.getLogger(__name__)

_LANG = lazy(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "li", "blockquote", "figcaption", "pre", "td")
_DATE_PARAMS = {"extensive_search": True, "original_date": True}


class HtmlDoc(msgspec.Struct, frozen=True):
    """The main text of an HTML page (one paragraph a line) and its metadata."""

    text: str
    title: str | None = None
    author: str | None = None
    sitename: str | None = None
    date: dt.date | None = None
    url: str | None = None
    language: str | None = None
    extracted: bool = False
    """The text is trafilatura's main text (already without menus and link lists), not every
    block of the page."""


def _blocks(html: str) -> str:
    """Text of block elements, one a line (fallback for pages trafilatura flattens)."""
    from lxml import html as lxml_html  # type: ignore[import-untyped]

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


def _resplit(line: str, blocks: str) -> str:
    """trafilatura's main text when it comes as one line: cut again at the page's block
    elements when consecutive blocks make up exactly that line (paragraphs it ran together)."""
    flat = " ".join(line.split())
    parts: list[str] = []
    pos = 0
    for block in blocks.split("\n\n"):
        if not block:
            continue
        at = flat.find(block, pos)
        if at < 0 or flat[pos:at].strip():
            if parts:
                break
            continue
        parts.append(block)
        pos = at + len(block)
    return "\n\n".join(parts) if len(parts) >= 2 and not flat[pos:].strip() else flat


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
    extracted = bool(text.strip())
    if text.count("\n") < 1:
        blocks = _blocks(html)
        if not extracted and blocks.count("\n\n") >= 1:
            text = blocks
        elif extracted:
            text = _resplit(text, blocks)
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
        extracted=extracted,
    )


def clean_html(
    html: str, source: str, *, url: str | None = None, title: str | None = None
) -> tuple[HtmlDoc, CleanPage]:
    """The page's metadata and its cleaned body: what ingest stores from an HTML source."""
    doc = extract_html(html, source, url=url)
    return doc, clean_text(doc.text, title=title or doc.title, extracted=doc.extracted)
