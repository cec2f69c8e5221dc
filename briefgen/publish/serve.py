"""``briefgen serve``: ``mkdocs serve`` on the project's mkdocs.yml, with live reload.

The address is checked before MkDocs builds anything: a port already in use is one line
(``127.0.0.1:8000: address already in use``), not a traceback after a full build.
"""

from __future__ import annotations

import errno
import os
import socket
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from briefgen.errors import BuildError, UsageError


def parse_address(dev_addr: str) -> tuple[str, int]:
    """``host:port`` (``[v6]:port`` for IPv6) as ``(host, port)``; a usage error otherwise."""
    host, sep, port = dev_addr.rpartition(":")
    host = host.removeprefix("[").removesuffix("]")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise UsageError(f"{dev_addr}: expected an address like 127.0.0.1:8000", field="--dev-addr")
    return host, int(port)


def _unavailable(dev_addr: str, exc: OSError) -> BuildError:
    if exc.errno == errno.EADDRINUSE:
        return BuildError(f"{dev_addr}: address already in use")
    return BuildError(f"{dev_addr}: cannot listen: {exc.strerror or exc}")


def check_address(dev_addr: str) -> str:
    """Bind ``dev_addr`` once to prove it is free; the URL it will be served at."""
    host, port = parse_address(dev_addr)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise BuildError(f"{dev_addr}: cannot listen: {exc.strerror or exc}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        try:
            sock.bind(address)
        except OSError as exc:
            raise _unavailable(dev_addr, exc) from None
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def serve_site(
    config_file: Path,
    docs_dir: Path,
    dev_addr: str,
    announce: Callable[[str], None] | None = None,
) -> None:
    """Serve the working edition with live reload until interrupted (Ctrl-C); ``announce`` gets
    the URL once the address is known to be free."""
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    url = check_address(dev_addr)
    if announce is not None:
        announce(url)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    kwargs: dict[str, Any] = {"dev_addr": dev_addr}
    with tempfile.TemporaryDirectory(prefix="briefgen-docs-") as empty:
        if not docs_dir.is_dir():
            kwargs["docs_dir"] = str(Path(empty))
        try:
            serve(str(config_file), livereload=True, **kwargs)
        except MkDocsException as exc:
            raise BuildError(f"mkdocs serve: {exc}", file=config_file) from None
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EADDRNOTAVAIL, errno.EACCES):
                raise _unavailable(dev_addr, exc) from None
            raise
