"""One mutating command at a time per project: an advisory ``flock`` on ``.briefgen.lock``.

``ingest``, ``summarize``, ``release`` and ``build`` each hold the lock (at the project root) for
their whole run. A second one waits (blocking, not polling) and says once, on stderr, whom it
waits for: the holder records ``<command> <pid>`` in the lock file for that message. The kernel
drops the lock when the holder's process ends, however it ends (SIGKILL included), so a stale
lock file never blocks anyone. A process forked while the lock is held (a command's workers) closes
its copy of the lock's descriptor at once: the lock is per open file, so a worker left running
after its command was killed would otherwise hold it, and every later command would wait for it.

Hold it only at a command's entry point: the lock is per open file, so taking it twice in one
process would wait for itself.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from briefgen.errors import BriefgenError

log = logging.getLogger(__name__)

LOCK_FILE = ".briefgen.lock"
"""The lock file, at the project root (git-ignored)."""

_held: set[int] = set()
"""The descriptors of the locks this process holds (closed in a forked child)."""


def _close_in_child() -> None:
    """In a child just forked: close the lock descriptors it inherited (see the module
    docstring); the parent still holds the lock."""
    for fd in _held:
        try:
            os.close(fd)
        except OSError:
            continue
    _held.clear()


os.register_at_fork(after_in_child=_close_in_child)


def _holder(fd: int) -> str:
    """``<command> (pid N)`` from the lock file, or a generic name while the holder writes it."""
    try:
        text = os.pread(fd, 200, 0).decode("utf-8", "replace").split()
    except OSError:
        text = []
    if len(text) == 2 and text[1].isdigit():
        return f"{text[0]} (pid {text[1]})"
    return "another briefgen command"


@contextlib.contextmanager
def project_lock(
    root: Path, command: str, notify: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the project's lock for ``command``; wait (saying so once via ``notify``) if taken."""
    path = Path(root) / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise BriefgenError(f"cannot open the project lock: {exc.strerror}", file=path) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            message = f"waiting for {_holder(fd)} to finish …"
            (notify or log.warning)(message)
            fcntl.flock(fd, fcntl.LOCK_EX)
        _held.add(fd)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{command} {os.getpid()}\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
    finally:
        _held.discard(fd)
        os.close(fd)  # releases the lock
