"""A bounded HTTP(S) GET for URL sources: one deadline for the whole response, http(s) only.

urllib's own timeout bounds each socket operation, not the response: a server that sends one
byte a second never trips it. Here a timer shuts the connection's socket down when the deadline
passes, so whatever the reader is waiting for (connection, headers, body, a redirect's body)
returns at once and the fetch reports the timeout. The opener knows only the http and https
schemes, and a redirect is followed only to http(s): ``file:``, ``ftp:``, ``data:`` and any other
target is refused before anything is opened.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import IO, Any

ALLOWED_SCHEMES = ("http", "https")


class DeadlinePassed(Exception):
    """The whole response did not arrive in time."""


class RefusedRedirect(Exception):
    """A redirect to a URL whose scheme is not http(s)."""

    def __init__(self, target: str) -> None:
        super().__init__(target)
        self.target = target


class RedirectTooLarge(Exception):
    """A redirect response whose body passes the size cap."""


class Deadline:
    """A point in time after which every socket registered with :meth:`watch` is shut down."""

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self.expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def remaining(self) -> float:
        """Seconds left; raise :class:`DeadlinePassed` when none are."""
        left = self.end - time.monotonic()
        if left <= 0 or self.expired:
            raise DeadlinePassed
        return left

    def watch(self, sock: socket.socket | None) -> None:
        """Shut ``sock`` down when the deadline passes (at once if it has)."""
        if sock is None:
            return
        with self._lock:
            self._sockets.append(sock)
            expired = self.expired
        if expired:
            _shutdown(sock)

    def expire(self) -> None:
        """Mark the deadline passed and shut every watched socket down."""
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    # socket.socket.shutdown on the descriptor itself, also for an SSLSocket (whose own shutdown
    # would tear its TLS state down under the reading thread): the blocked read sees end of file.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _WatchedHTTP(http.client.HTTPConnection):
    deadline: Deadline

    def connect(self) -> None:
        self.timeout = self.deadline.remaining()
        super().connect()
        self.deadline.watch(self.sock)


class _WatchedHTTPS(http.client.HTTPSConnection):
    deadline: Deadline

    def connect(self) -> None:
        self.timeout = self.deadline.remaining()
        super().connect()
        self.deadline.watch(self.sock)


def _factory(
    cls: type[_WatchedHTTP] | type[_WatchedHTTPS], deadline: Deadline
) -> Callable[..., http.client.HTTPConnection]:
    def make(host: str, **kwargs: Any) -> http.client.HTTPConnection:
        conn = cls(host, **kwargs)
        conn.deadline = deadline
        return conn

    return make


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_factory(_WatchedHTTP, self.deadline), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_factory(_WatchedHTTPS, self.deadline), req)


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http(s) only; a redirect's body is read under the size cap."""

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def http_error_302(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
    ) -> Any:
        target = headers.get("location") or headers.get("uri")
        if target:
            scheme = urllib.parse.urlsplit(urllib.parse.urljoin(req.full_url, target)).scheme
            if scheme.lower() not in ALLOWED_SCHEMES:
                fp.close()
                raise RefusedRedirect(target)
            # the base class reads the whole body before following: read it here, capped
            if len(fp.read(self.limit + 1)) > self.limit:
                fp.close()
                raise RedirectTooLarge
        return super().http_error_302(req, fp, code, msg, headers)

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urllib.parse.urlsplit(newurl).scheme.lower() not in ALLOWED_SCHEMES:
            raise RefusedRedirect(newurl)  # the URL as the base class resolved it
        return super().redirect_request(req, fp, code, msg, headers, newurl)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def opener(deadline: Deadline, limit: int) -> urllib.request.OpenerDirector:
    """An opener for http(s) only, every connection watched by ``deadline``."""
    director = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.UnknownHandler(),
        _HTTPHandler(deadline),
        _HTTPSHandler(deadline),
        urllib.request.HTTPDefaultErrorHandler(),
        _RedirectHandler(limit),
        urllib.request.HTTPErrorProcessor(),
    ):
        director.add_handler(handler)
    return director
