"""Worker processes that never outlive their command, and their failures as one-line errors.

``ingest``, ``summarize`` and ``build`` fork worker processes (:mod:`briefgen.ingest.workers`,
:mod:`briefgen.app.summarize`, :mod:`briefgen.publish.parallel`). Each worker starts with
:func:`worker_started`: it dies with the command (``PR_SET_PDEATHSIG``: a command killed with
SIGKILL or SIGTERM leaves no worker running on, writing into a staging folder or keeping the
terminal's pipes open), and it ignores SIGINT (a Ctrl-C reaches the whole process group; the
command, not each worker, reports it). The project lock is never held by a worker
(:mod:`briefgen.lock` closes it in forked children). Tasks are handed to a pool with
:func:`signals_held`. :func:`stop_pool` ends a pool's workers at
once when the command fails or is interrupted, and :func:`worker_died` turns a worker's
unexpected death (the OOM killer, a ``kill -9``) into a :class:`WorkerError`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from briefgen.errors import BriefgenError

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1
_HELD = frozenset({signal.SIGINT, signal.SIGTERM})


class WorkerError(BriefgenError):
    """A worker process ended without finishing its task (killed, or out of memory)."""


def _die_with(parent: int) -> None:
    """Ask the kernel to SIGKILL this process when its parent ends (Linux)."""
    if not sys.platform.startswith("linux"):  # pragma: no cover - not Linux
        return
    import ctypes  # only in workers: not on a command's start-up path

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # pragma: no cover - no prctl
        return
    if os.getppid() != parent:  # the parent ended before the request took effect
        os._exit(1)


def worker_started(parent: int) -> None:
    """First thing in a worker forked by process ``parent``: die with it, leave SIGINT to it,
    take SIGTERM's default action (the command's handler raises an exception), and take the
    signals :func:`signals_held` held back when the worker was forked."""
    _die_with(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM held back (and delivered right after) while a pool takes a task and
    forks its workers: the exception they raise (Ctrl-C, the command's SIGTERM handler) would
    be lost there, raised in a fork hook (an "exception ignored"), or leave the pool's lock
    taken, so that ending the pool would wait forever."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """End ``pool`` now: its workers are killed (their results are no longer wanted) and its
    pending tasks cancelled, so a failed or interrupted command neither waits for them nor
    leaves them running."""
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        try:
            process.kill()
        except (OSError, ValueError):  # already gone, or closed
            continue
    pool.shutdown(wait=True, cancel_futures=True)


def worker_died(what: str) -> WorkerError:
    """The error for a pool whose worker died while working on ``what``."""
    return WorkerError(
        f"a worker process ended abruptly while working on {what} (killed, or out of memory?); "
        "run the command again"
    )
