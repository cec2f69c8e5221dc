"""Building independent editions at once, in worker processes.

Each edition is built by MkDocs on its own (its own config, its own output folder), so editions
can be built side by side with the same bytes as one after the other. The workers are forked:
they inherit the plan, the build function and every registered page, file and reader; nothing
is pickled but a task's index, its (small) result and the error of a failed build, and each
worker loads only the editions it renders. Where ``fork`` is not available, or with one job or
one task, the tasks run in this process, in order.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from briefgen.procs import signals_held, stop_pool, worker_died, worker_started

T = TypeVar("T")
R = TypeVar("R")
_WORK: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def default_jobs() -> int:
    """The CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _run(index: int) -> tuple[int, Any]:
    assert _WORK is not None
    func, tasks = _WORK
    return index, func(tasks[index])


def build_all(
    tasks: Sequence[T],
    func: Callable[[T], R],
    label: Callable[[T], str],
    jobs: int,
    progress: Callable[[int, int, str], None] | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> dict[str, R]:
    """``func(task)`` for every task, ``jobs`` at a time, as ``{label(task): result}`` in task
    order; the first error is raised (the other tasks are cancelled and their workers ended;
    the caller removes the staging folder). ``progress(done, total, label(task))`` follows
    each task done. ``meanwhile()`` runs in this process while the workers work (first, in one
    process)."""
    global _WORK
    total = len(tasks)
    jobs = min(jobs, total)
    results: dict[int, R] = {}
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        if meanwhile is not None:
            meanwhile()
        for done, task in enumerate(tasks, 1):
            results[done - 1] = func(task)
            if progress is not None:
                progress(done, total, label(task))
        return {label(tasks[i]): results[i] for i in range(total)}
    _WORK = (func, tasks)
    # the workers' garbage collector leaves what they inherit alone (Python's gc docs: freeze
    # before fork), so it neither walks it nor copies the memory pages it would touch
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        pool = ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=context,
            initializer=worker_started,
            initargs=(os.getpid(),),
        )
        try:
            with signals_held():
                pending = {pool.submit(_run, i) for i in range(total)}
            done = 0
            if meanwhile is not None:
                meanwhile()
            while pending:
                finished, pending = wait(pending, return_when=FIRST_EXCEPTION)
                for future in sorted(finished, key=lambda f: f.exception() is None):
                    try:
                        index, result = future.result()  # raises the worker's error
                    except BrokenProcessPool:
                        raise worker_died("the site's build") from None
                    results[index] = result
                    done += 1
                    if progress is not None:
                        progress(done, total, label(tasks[index]))
        except BaseException:  # the other tasks' results are not wanted: end them now
            stop_pool(pool)
            raise
        pool.shutdown(wait=True)
    finally:
        _WORK = None
        gc.unfreeze()
    return {label(tasks[i]): results[i] for i in range(total)}
