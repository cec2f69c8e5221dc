"""Hostile URL sources against a real HTTP server on 127.0.0.1: redirects to non-http schemes,
servers that drip bytes (body or headers), and every failure naming its reason in one line."""

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
DRIP_BYTES = 400
"""What a dripping server would send in all: 400 bytes at 20 a second is 20 s."""
DRIP_PAUSE = 0.05

sent: dict[str, int] = {}
"""Bytes each dripping path wrote before the client hung up."""


class Handler(BaseHTTPRequestHandler):
    """Serves one hostile behaviour per path."""

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""

    def _redirect(self, code: int, target: str) -> None:
        self.send_response(code)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _drip(self, key: str, data: bytes) -> None:
        """Write ``data`` a byte at a time, counting what got out before the client left."""
        sent[key] = 0
        try:
            for i in range(len(data)):
                self.wfile.write(data[i : i + 1])
                self.wfile.flush()
                sent[key] = i + 1
                time.sleep(DRIP_PAUSE)
        except OSError:
            return

    def do_GET(self) -> None:
        """Route by path."""
        if self.path == "/article":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(ARTICLE)))
            self.end_headers()
            self.wfile.write(ARTICLE)
        elif self.path == "/to-file":
            self._redirect(302, "file:///etc/passwd")
        elif self.path == "/to-ftp":
            self._redirect(301, "ftp://127.0.0.1/pub/x.html")
        elif self.path == "/to-data":
            self._redirect(307, "data:text/html,<p>injected</p>")
        elif self.path == "/to-gopher-308":
            self._redirect(308, "gopher://127.0.0.1/x")
        elif self.path == "/hop":
            self._redirect(302, "/to-file")
        elif self.path == "/to-article":
            self._redirect(303, "/article")
        elif self.path == "/redirect-big-body":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.send_header("Content-Length", "50000")
            self.end_headers()
            self.wfile.write(b"z" * 50_000)
        elif self.path == "/drip-body":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self._drip("body", b"<p>" + b"y" * DRIP_BYTES)
        elif self.path == "/drip-headers":
            self.wfile.write(b"HTTP/1.0 200 OK\r\n")
            self._drip("headers", b"X-Slow: " + b"h" * DRIP_BYTES + b"\r\n\r\n")
        elif self.path == "/error":
            self.send_error(503, "Service Unavailable")
        else:
            self.send_error(404, "Not Found")


class QuietServer(ThreadingHTTPServer):
    """A server that ignores clients hanging up early."""

    daemon_threads = True

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


def _error(url: str, timeout: float = 5.0, limit: int = 1_000_000) -> IngestError:
    with pytest.raises(IngestError) as info:
        fetch_url(url, timeout=timeout, limit=limit)
    assert info.value.file == url
    return info.value


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/to-file", "file:///etc/passwd"),
        ("/to-ftp", "ftp://127.0.0.1/pub/x.html"),
        ("/to-data", "data:text/html,<p>injected</p>"),
        ("/to-gopher-308", "gopher://127.0.0.1/x"),
        ("/hop", "file:///etc/passwd"),
    ],
)
def test_redirect_to_other_scheme_refused(server: str, path: str, target: str) -> None:
    """A redirect (301, 302, 307, 308, or after an http hop) to file:, ftp:, data: or any other
    non-http(s) scheme is refused with the target named; nothing is read from it."""
    err = _error(f"{server}{path}")
    assert err.message == f"redirect to {target!r} refused: only http and https are followed"


def test_redirect_to_http_followed(server: str) -> None:
    """A redirect to an http URL is followed, and the page records where it ended up."""
    raw = fetch_url(f"{server}/to-article", timeout=5, limit=1_000_000)
    assert (raw.data, raw.url) == (ARTICLE, f"{server}/article")


def test_redirect_body_capped(server: str) -> None:
    """A redirect whose own body passes the size cap is refused, not read whole."""
    err = _error(f"{server}/redirect-big-body", limit=10_000)
    assert err.message == (
        "redirect response is larger than the size cap of 10,000 bytes (max_source_bytes)"
    )


@pytest.mark.parametrize(("path", "key"), [("/drip-body", "body"), ("/drip-headers", "headers")])
def test_dripping_server_cut_off_at_deadline(server: str, path: str, key: str) -> None:
    """A server that drips a byte at a time (body or headers) never resets the timeout: the
    whole response must arrive within fetch_timeout, so the fetch stops long before the server
    has sent everything, and the error says it timed out."""
    err = _error(f"{server}{path}", timeout=0.5)
    assert err.message == "timed out after 0.5 s (fetch_timeout)"
    assert 0 < sent[key] < DRIP_BYTES // 2


def test_http_status_named(server: str) -> None:
    """A server error is reported with its status code and reason."""
    assert _error(f"{server}/error").message == "HTTP 503 Service Unavailable"


def test_ingest_cli_refused_redirect(project: Project, server: str) -> None:
    """`briefgen ingest` of a URL redirecting to file:///etc/passwd prints one error line naming
    the URL and the reason, exits 1 and writes no article."""
    project.store.save_topics(
        [Topic.validate(dict(slug="ferries", title="Ferries", keywords=("ferry",)))]
    )
    url = f"{server}/to-file"
    result = CliRunner().invoke(cli, ["-C", str(project.root), "ingest", url])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {url}: redirect to 'file:///etc/passwd' refused: only http and https are "
        "followed\n"
    )
    assert project.store.articles("ferries") == []
