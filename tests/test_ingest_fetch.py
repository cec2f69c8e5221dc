"""URL sources against a real HTTP server on 127.0.0.1: success, 404, timeout, non-HTML type,
size cap (by header and while streaming), and `briefgen ingest URL` end to end."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cli_kit import CliRunner

from briefgen.app.project import Project
from briefgen.cli import cli
from briefgen.errors import IngestError
from briefgen.ingest.fetch import fetch_url
from briefgen.model import Topic

from conftest import FIXTURES

ARTICLE = (FIXTURES / "html" / "article.html").read_bytes()


class Handler(BaseHTTPRequestHandler):
    """Serves one behaviour per path."""

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""

    def _send(self, body: bytes, ctype: str, length: bool = True) -> None:
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        """Route by path."""
        if self.path == "/article":
            self._send(ARTICLE, "text/html; charset=utf-8")
        elif self.path == "/plain":
            self._send(b"A plain headline here\n\nA plain body sentence.\n", "text/plain")
        elif self.path == "/image":
            self._send(b"\x89PNG\r\n\x1a\n", "image/png")
        elif self.path == "/big-declared":
            self._send(b"x" * 50_000, "text/html")
        elif self.path == "/big-streamed":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(50):
                self.wfile.write(b"<p>" + b"y" * 1000 + b"</p>")
        elif self.path == "/slow":
            time.sleep(1.0)
            self._send(ARTICLE, "text/html")
        else:
            self.send_error(404, "Not Found")


class QuietServer(ThreadingHTTPServer):
    """A server that ignores clients hanging up early (the timeout and size-cap tests do)."""

    def handle_error(self, request: object, client_address: object) -> None:
        """Drop the broken-pipe tracebacks of abandoned requests."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A threaded HTTP server on 127.0.0.1; yields its base URL."""
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetch_html(server: str) -> None:
    """A 200 text/html page is returned whole, as HTML, with its URL."""
    raw = fetch_url(f"{server}/article", timeout=5, limit=1_000_000)
    assert (raw.data, raw.kind, raw.url) == (ARTICLE, "html", f"{server}/article")


def test_fetch_plain_text(server: str) -> None:
    """A text/plain page is read as scraped text."""
    assert fetch_url(f"{server}/plain", timeout=5, limit=1_000_000).kind == "text"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/image", "not an HTML or text page (Content-Type: image/png)"),
        ("/big-declared", "page is larger than the size cap of 10,000 bytes (max_source_bytes)"),
        ("/big-streamed", "source is larger than the size cap of 10,000 bytes (max_source_bytes)"),
        ("/slow", "timed out after 0.2 s (fetch_timeout)"),
    ],
)
def test_fetch_failures(server: str, path: str, message: str) -> None:
    """404, a non-HTML type, a page over the cap (declared or streamed) and a timeout each raise
    an error naming the URL."""
    with pytest.raises(IngestError) as info:
        fetch_url(f"{server}{path}", timeout=0.2, limit=10_000)
    assert info.value.message == message
    assert info.value.file == f"{server}{path}"


def test_fetch_unreachable() -> None:
    """A refused connection is a clear error, not a traceback."""
    with pytest.raises(IngestError, match="cannot fetch"):
        fetch_url("http://127.0.0.1:9/x", timeout=2, limit=10_000)


def test_ingest_url_end_to_end(project: Project, server: str) -> None:
    """`briefgen ingest URL` stores the page with its canonical URL; a 404 in the same call fails
    alone and the exit code is 1."""
    project.store.save_topics(
        [Topic.validate(dict(slug="ferries", title="Ferries", keywords=("ferry", "pier")))]
    )
    result = CliRunner().invoke(
        cli, ["-C", str(project.root), "ingest", f"{server}/article", f"{server}/gone"]
    )
    assert result.exit_code == 1
    assert result.stderr == f"Error: {server}/gone: HTTP 404 Not Found\n"
    assert result.stdout.splitlines()[-1] == "1 ingested, 0 skipped (duplicates), 1 failed"
    (article,) = project.store.articles("ferries")
    assert article.url == "https://harbour.example/news/ferry-service-resumes"
