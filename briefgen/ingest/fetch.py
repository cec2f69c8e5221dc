"""Reading sources: files, folders, stdin and http(s) URLs, streamed under a size cap.

Nothing is read whole before its size is known to be acceptable: files and downloads are read in
chunks and refused as soon as they pass ``Settings.max_source_bytes``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import BinaryIO, Literal

import msgspec

from briefgen import __version__
from briefgen.errors import IngestError

log = logging.getLogger(__name__)

CHUNK = 1 << 16
Kind = Literal["html", "text"]
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")


class RawSource(msgspec.Struct, frozen=True):
    """One source's bytes, where they came from, and whether they are HTML or plain text."""

    name: str
    """How the source is named in messages (the path, the URL or ``-``)."""
    data: bytes
    kind: Kind
    url: str | None = None
    """The URL it was fetched from (``None`` for files and stdin)."""


def read_stream(stream: BinaryIO, name: str, limit: int) -> bytes:
    """Read ``stream`` in chunks; raise as soon as it passes ``limit`` bytes."""
    parts: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            return b"".join(parts)
        size += len(chunk)
        if size > limit:
            raise IngestError(
                f"source is larger than the size cap of {limit:,} bytes (max_source_bytes)",
                file=name,
            )
        parts.append(chunk)


def sniff_kind(data: bytes, name: str) -> Kind:
    """HTML when the name says so or the first bytes hold an HTML tag; else plain text."""
    if name.lower().endswith(_HTML_SUFFIXES):
        return "html"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"\x00" in head[:16]:
        head = head.replace(b"\x00", b"")
    tags = (b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<?xml")
    return "html" if head.startswith(tags) else "text"


def expand(source: str) -> list[str]:
    """A folder becomes its files (sorted, hidden files skipped); anything else stays as is."""
    if source == "-" or source.startswith(("http://", "https://")):
        return [source]
    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        return [str(p) for p in files]
    return [source]


def read_file(path: Path, limit: int) -> RawSource:
    """Read a file under the size cap."""
    name = str(path)
    try:
        with path.open("rb") as fh:
            data = read_stream(fh, name, limit)
    except FileNotFoundError:
        raise IngestError("no such file", file=name) from None
    except IsADirectoryError:
        raise IngestError("is a folder with nothing to read", file=name) from None
    except OSError as exc:
        raise IngestError(f"cannot read: {exc.strerror}", file=name) from None
    return RawSource(name, data, sniff_kind(data, name))


def _shown(url: str) -> str:
    """A URL from a server, shortened for a one-line message."""
    return url if len(url) <= 120 else url[:117] + "..."


def fetch_url(url: str, timeout: float, limit: int) -> RawSource:
    """GET ``url``: the whole response within ``timeout`` seconds and ``limit`` bytes, redirects
    followed to http(s) only, HTML or plain text only. Every failure is an :class:`IngestError`
    naming the URL and the reason."""
    # imported here: http.client, urllib.request and ssl are start-up cost for every ingest,
    # and only URLs need them
    import http.client
    import urllib.error
    import urllib.request

    from briefgen.ingest.web import (
        Deadline,
        DeadlinePassed,
        RedirectTooLarge,
        RefusedRedirect,
        opener,
    )

    request = urllib.request.Request(
        url, headers={"User-Agent": f"briefgen/{__version__}", "Accept": "text/html,text/plain"}
    )
    timed_out = f"timed out after {timeout:g} s (fetch_timeout)"
    deadline = Deadline(timeout)
    try:
        with deadline, opener(deadline, limit).open(request, timeout=timeout) as response:
            ctype = (response.headers.get_content_type() or "").lower()
            if ctype not in _HTML_TYPES + _TEXT_TYPES:
                raise IngestError(f"not an HTML or text page (Content-Type: {ctype})", file=url)
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise IngestError(
                    f"page is larger than the size cap of {limit:,} bytes (max_source_bytes)",
                    file=url,
                )
            data = read_stream(response, url, limit)
            final = response.geturl() or url
            deadline.remaining()  # a read cut short by the deadline is not a whole page
    except RefusedRedirect as exc:
        raise IngestError(
            f"redirect to {_shown(exc.target)!r} refused: only http and https are followed",
            file=url,
        ) from None
    except RedirectTooLarge:
        raise IngestError(
            f"redirect response is larger than the size cap of {limit:,} bytes (max_source_bytes)",
            file=url,
        ) from None
    except DeadlinePassed:
        raise IngestError(timed_out, file=url) from None
    except urllib.error.HTTPError as exc:
        raise IngestError(f"HTTP {exc.code} {exc.reason}", file=url) from None
    except (OSError, http.client.HTTPException) as exc:
        if deadline.expired or isinstance(exc, TimeoutError):
            raise IngestError(timed_out, file=url) from None
        if isinstance(exc, urllib.error.URLError):
            if isinstance(exc.reason, TimeoutError):
                raise IngestError(timed_out, file=url) from None
            raise IngestError(f"cannot fetch: {exc.reason}", file=url) from None
        raise IngestError(f"cannot fetch: {exc}", file=url) from None
    kind: Kind = "html" if ctype in _HTML_TYPES else "text"
    log.debug("fetched %s (%d bytes, %s)", url, len(data), ctype)
    return RawSource(url, data, kind, url=final)
