"""Preparing sources in worker processes, results in input order.

:func:`prepared` yields one :class:`~briefgen.ingest.prepare.Prepared` per task, in the order of
the tasks, whether it prepares them here (``jobs`` 1, or too few sources to be worth a pool) or in
``jobs`` processes: this one and ``jobs - 1`` workers. This process prepares the first chunk
before the workers start (they are forked with the modules and patterns it loaded), and then
prepares the next unsent chunk itself whenever the result it must record next is not ready yet,
instead of waiting: it records too, so ``jobs`` processes keep ``jobs`` cores busy. Tasks go out
in chunks of :data:`CHUNK`, at most :data:`WINDOW` chunks per worker are in flight, and at most
:data:`AHEAD` chunks per process are prepared or in flight but not yet recorded, so memory stays
bounded however many sources there are.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from typing import TYPE_CHECKING

from briefgen.ingest.prepare import Context, Prepared, Task, prepare
from briefgen.ingest.readers import OpenContext
from briefgen.procs import signals_held, stop_pool, worker_died, worker_started

CHUNK = 4
"""Sources per task sent to a worker (a source takes milliseconds; a task's overhead about 0.1)."""
WINDOW = 4
"""Chunks in flight per worker (sent, not yet prepared)."""
AHEAD = 16
"""Chunks per process prepared or in flight but not yet recorded: how far this process prepares
ahead of a worker's chunk it must record next (memory stays bounded)."""
SWITCH_S = 0.0002
"""The interpreter's thread switch interval while workers run (see :func:`_prompt_pool_threads`)."""
if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

MIN_PARALLEL = 8
"""Fewer sources than this are prepared in this process (starting workers would cost more)."""

_state: tuple[Context, OpenContext] | None = None


def _start(parent: int, ctx: Context, opening: OpenContext) -> None:
    global _state
    worker_started(parent)
    _state = (ctx, opening)


def _run(chunk: list[Task]) -> list[Prepared]:
    assert _state is not None, "worker not started"
    ctx, opening = _state
    return [prepare(ctx, opening, task) for task in chunk]


def prepared(
    ctx: Context, opening: OpenContext, tasks: list[Task], jobs: int
) -> Generator[Prepared, None, None]:
    """Each task prepared, in order, in up to ``jobs`` processes (this one included)."""
    if jobs <= 1 or len(tasks) < MIN_PARALLEL:
        for task in tasks:
            yield prepare(ctx, opening, task)
        return
    from concurrent.futures.process import BrokenProcessPool

    chunks = deque(_chunks(tasks, CHUNK))
    here = [prepare(ctx, opening, task) for task in chunks.popleft()]  # loads what workers share
    worker_opening = OpenContext(opening.timeout, opening.limit, None)  # stdin is read here
    workers = min(jobs - 1, len(chunks))
    pool = start_pool(workers, ctx, worker_opening)
    pending: deque[Future[list[Prepared]] | list[Prepared]] = deque([here])
    ahead = AHEAD * (workers + 1)  # chunks prepared or in flight, not yet recorded
    try:
        with _prompt_pool_threads():
            yield from _in_order(ctx, opening, pool, pending, chunks, workers, ahead)
    except BrokenProcessPool:  # a worker was killed (the OOM killer, kill -9)
        stop_pool(pool)
        raise worker_died("the sources") from None
    except BaseException:  # an error, an interrupt, or the caller stopped early: end the workers
        stop_pool(pool)
        raise
    pool.shutdown(wait=True)


def _in_order(
    ctx: Context,
    opening: OpenContext,
    pool: ProcessPoolExecutor,
    pending: deque[Future[list[Prepared]] | list[Prepared]],
    chunks: deque[list[Task]],
    workers: int,
    ahead: int,
) -> Generator[Prepared, None, None]:
    while pending or chunks:
        in_flight = sum(1 for item in pending if not (isinstance(item, list) or item.done()))
        while chunks and in_flight < WINDOW * workers and len(pending) < ahead:
            with signals_held():
                pending.append(pool.submit(_run, chunks.popleft()))
            in_flight += 1
        head = pending[0]
        if isinstance(head, list) or head.done() or not chunks or len(pending) >= ahead:
            pending.popleft()
            yield from _results(head)
        else:  # the next result is still being prepared: prepare the next chunk meanwhile
            pending.append([prepare(ctx, opening, task) for task in chunks.popleft()])


@contextmanager
def _prompt_pool_threads() -> Iterator[None]:
    """While this process prepares and records, the pool's threads in it (which hand a worker
    its next chunk and read its results from the pipe, a 64 KB piece at a time) get the
    interpreter lock within :data:`SWITCH_S` instead of Python's default 5 ms: at the default,
    the worker waited on those hand-overs for 10-15 % of its time."""
    default = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_S)
    try:
        yield
    finally:
        sys.setswitchinterval(default)


def _results(item: Future[list[Prepared]] | list[Prepared]) -> Sequence[Prepared]:
    return item if isinstance(item, list) else item.result()


def start_pool(workers: int, ctx: Context, opening: OpenContext) -> ProcessPoolExecutor:
    """``workers`` processes, each holding the call's context (imported here: only a call with
    many sources needs it)."""
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        max_workers=workers, initializer=_start, initargs=(os.getpid(), ctx, opening)
    )


def _chunks(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    it = iter(tasks)
    while chunk := list(islice(it, size)):
        yield chunk
