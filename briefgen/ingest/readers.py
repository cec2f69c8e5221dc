"""The source-reader registry: how a source argument becomes bytes, and bytes become a document.

Two kinds of reader, each a registered, named entry tried in order (the first that accepts wins):

- an :class:`Opener` turns one source argument (``-``, an http(s) URL, a file path) into a
  :class:`~briefgen.ingest.fetch.RawSource` under the size cap (:data:`OPENERS`: ``stdin``,
  ``url``, ``file``);
- a :class:`FormatReader` turns a ``RawSource`` into an :class:`~briefgen.ingest.html.HtmlDoc`: the
  main text (one paragraph a line) and whatever metadata the format carries (:data:`FORMATS`:
  ``html`` through trafilatura, ``text`` for scraped page text).

Everything after (cleaning, sentences, topic, duplicates, dating) is the same for every reader. A
PDF or feed reader is one new module that calls :func:`register_format` (or
:func:`register_opener`) at import, plus its import in :mod:`briefgen.ingest.pipeline`::

    from briefgen.ingest.readers import FormatReader, register_format

    def _is_pdf(raw: RawSource) -> bool:
        return raw.data.startswith(b"%PDF-")

    def _read_pdf(raw: RawSource) -> HtmlDoc:
        return HtmlDoc(text=pdf_text(raw.data), title=pdf_title(raw.data))

    register_format(FormatReader("pdf", _is_pdf, _read_pdf))
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import msgspec

from briefgen.errors import IngestError
from briefgen.ingest.encoding import decode
from briefgen.ingest.fetch import RawSource, expand, fetch_url, read_file, read_stream, sniff_kind
from briefgen.ingest.html import HtmlDoc, extract_html


class OpenContext(msgspec.Struct, frozen=True):
    """What an opener may use: the fetch timeout, the size cap and standard input."""

    timeout: float
    limit: int
    stdin: BinaryIO | None


class Opener(msgspec.Struct, frozen=True):
    """Reads the sources whose argument it ``matches``."""

    name: str
    matches: Callable[[str], bool]
    open: Callable[[str, OpenContext], RawSource]


class FormatReader(msgspec.Struct, frozen=True):
    """Makes a document of the raw sources it ``accepts``."""

    name: str
    accepts: Callable[[RawSource], bool]
    read: Callable[[RawSource], HtmlDoc]


def _open_stdin(name: str, ctx: OpenContext) -> RawSource:
    if ctx.stdin is None:
        raise IngestError("no standard input", file="-")
    data = read_stream(ctx.stdin, "-", ctx.limit)
    return RawSource("-", data, sniff_kind(data, "-"))


def _is_url(name: str) -> bool:
    return name.startswith(("http://", "https://"))


OPENERS: list[Opener] = [
    Opener("stdin", lambda name: name == "-", _open_stdin),
    Opener("url", _is_url, lambda name, ctx: fetch_url(name, ctx.timeout, ctx.limit)),
    Opener("file", lambda name: True, lambda name, ctx: read_file(Path(name), ctx.limit)),
]
"""Source openers, tried in order; ``file`` takes whatever is left."""


def _read_html(raw: RawSource) -> HtmlDoc:
    return extract_html(decode(raw.data, raw.name), raw.name, url=raw.url)


def _read_text(raw: RawSource) -> HtmlDoc:
    return HtmlDoc(text=decode(raw.data, raw.name))


FORMATS: list[FormatReader] = [
    FormatReader("html", lambda raw: raw.kind == "html", _read_html),
    FormatReader("text", lambda raw: True, _read_text),
]
"""Format readers, tried in order; ``text`` takes whatever is left."""


def _register(entries: list[Any], entry: Any, before: str) -> None:
    names = [e.name for e in entries]
    if entry.name in names:
        raise ValueError(f"a reader named {entry.name!r} is already registered")
    entries.insert(names.index(before) if before in names else len(entries), entry)


def register_opener(opener: Opener, *, before: str = "file") -> None:
    """Add a source opener, tried before ``before`` (default: before plain files)."""
    _register(OPENERS, opener, before)


def register_format(reader: FormatReader, *, before: str = "text") -> None:
    """Add a format reader, tried before ``before`` (default: before plain text)."""
    _register(FORMATS, reader, before)


def open_source(name: str, ctx: OpenContext) -> RawSource:
    """The raw bytes of one source argument, by the first opener that matches it."""
    opener = next(o for o in OPENERS if o.matches(name))
    return opener.open(name, ctx)


def read_document(raw: RawSource) -> HtmlDoc:
    """The document of one raw source, by the first format reader that accepts it."""
    reader = next(r for r in FORMATS if r.accepts(raw))
    return reader.read(raw)


def read_sources(
    sources: tuple[str, ...] | list[str],
    *,
    timeout: float,
    limit: int,
    stdin: BinaryIO | None,
) -> Iterator[tuple[str, RawSource | IngestError]]:
    """Each source (folders expanded) with its bytes, or the error that stopped reading it."""
    ctx = OpenContext(timeout, limit, stdin)
    for given in sources:
        names = expand(given)
        if not names:
            yield given, IngestError("folder holds no files", file=given)
        for name in names:
            try:
                yield name, open_source(name, ctx)
            except IngestError as exc:
                yield name, exc
