"""Preparing sources in worker processes, results in input order.

:func:`prepared` yields one :class:`~briefgen.ingest.prepare.Prepared` per task, in the order of
the tasks, whether it prepares them here (``jobs`` 1, or too few sources to be worth a pool) or in
``jobs`` worker processes. Tasks go out in chunks of :data:`CHUNK`, and at most :data:`WINDOW`
chunks per worker are in flight, so memory stays bounded however many sources there are.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Generator, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING

from briefgen.ingest.prepare import Context, Prepared, Task, prepare
from briefgen.ingest.readers import OpenContext

CHUNK = 4
"""Sources per task sent to a worker (a source takes milliseconds; a task's overhead about 0.1)."""
WINDOW = 4
"""Chunks in flight per worker."""
if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

MIN_PARALLEL = 8
"""Fewer sources than this are prepared in this process (starting workers would cost more)."""

_state: tuple[Context, OpenContext] | None = None


def _start(ctx: Context, opening: OpenContext) -> None:
    global _state
    _state = (ctx, opening)


def _run(chunk: list[Task]) -> list[Prepared]:
    assert _state is not None, "worker not started"
    ctx, opening = _state
    return [prepare(ctx, opening, task) for task in chunk]


def prepared(
    ctx: Context, opening: OpenContext, tasks: list[Task], jobs: int
) -> Generator[Prepared, None, None]:
    """Each task prepared, in order, in up to ``jobs`` processes."""
    if jobs <= 1 or len(tasks) < MIN_PARALLEL:
        for task in tasks:
            yield prepare(ctx, opening, task)
        return
    worker_opening = OpenContext(opening.timeout, opening.limit, None)  # stdin is read here
    pool = start_pool(min(jobs, -(-len(tasks) // CHUNK)), ctx, worker_opening)
    pending: deque[Future[list[Prepared]]] = deque()
    try:
        for chunk in _chunks(tasks, CHUNK):
            pending.append(pool.submit(_run, chunk))
            if len(pending) >= WINDOW * jobs:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def start_pool(workers: int, ctx: Context, opening: OpenContext) -> ProcessPoolExecutor:
    """``workers`` processes, each holding the call's context (imported here: only a call with
    many sources needs it)."""
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, initializer=_start, initargs=(ctx, opening))


def _chunks(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    it = iter(tasks)
    while chunk := list(islice(it, size)):
        yield chunk
