"""``briefgen summarize``: build or update each topic's briefing unit from its articles.

Everything is read and validated before anything is written: an unknown topic, an unreadable article
or a corrupted briefing stops the run with an error naming it, and no file changes. Topics whose
stored ``inputs`` digest still matches (:mod:`briefgen.staleness`) are skipped (``force``
recomputes them). The rest are summarized (:func:`briefgen.summarize.run.summarize_topic`) in
parallel across cores (one process per topic); results are collected in topic order, so the output
is identical to a serial run.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from msgspec.structs import replace

from briefgen.app.progress import progress_bar as shared_progress_bar
from briefgen.app.project import Project
from briefgen.app.staleness import staleness_rule
from briefgen.errors import BriefgenError, SummarizeError, UsageError
from briefgen.model import SLUG_PATTERN, Topic
from briefgen.summarize.report import (
    Progress,
    SummarizeReport,
    TopicResult,
    check_edited_sources,
)

if TYPE_CHECKING:
    from briefgen.summarize.run import TopicOutcome, TopicTask

# The summarizing machinery (briefgen.summarize.run, the backend) is imported when a topic is
# stale, and the process pool (multiprocessing) when several are: ``build`` and ``summarize``
# run this staleness check every time, and usually nothing is.

log = logging.getLogger(__name__)

__all__ = ["Progress", "progress_bar", "summarize_project", "summarize_stale"]


def _topics(project: Project, requested: Sequence[str]) -> tuple[dict[str, Topic], list[str]]:
    """The topic objects by slug and the slugs to summarize; unknown names exit 2."""
    store = project.store
    registry = {t.slug: t for t in store.topics()}
    with_articles = set(store.article_topics())
    known = sorted(set(registry) | with_articles)
    unknown = [t for t in requested if t not in known]
    if unknown:
        bad = [t for t in unknown if not re.fullmatch(SLUG_PATTERN, t)]
        what = "invalid topic name" if bad else "unknown topic"
        raise UsageError(
            f"{what} {', '.join(repr(t) for t in unknown)}; known topics: "
            + (", ".join(known) or "(none: add articles or content/topics.yaml entries)")
        )
    chosen = list(dict.fromkeys(requested)) if requested else known
    for slug in requested:
        if slug not in with_articles:
            raise SummarizeError(
                f"topic {slug!r} has no articles (add some with 'briefgen ingest --topic {slug}'); "
                "nothing written",
                file=store.articles_dir / slug,
            )
    topics = {
        s: registry.get(s) or Topic(slug=s, title=s.replace("-", " ").capitalize()) for s in chosen
    }
    return topics, chosen


def summarize_project(
    project: Project,
    topics: Sequence[str] = (),
    *,
    force: bool = False,
    progress: Progress | None = None,
    jobs: int | None = None,
) -> SummarizeReport:
    """Build or update ``content/briefings/<topic>.yaml`` for ``topics`` (default: every topic)."""
    store, settings = project.store, project.settings
    # a bad 'summarizer' option fails before any work
    staleness = staleness_rule(settings, project.config_file)
    store.require_unique_ids()  # an id in two topics: citations could not tell the copies apart
    registry = {t.slug: t for t in store.topics()}
    objs, chosen = _topics(project, topics)
    results: dict[str, TopicResult] = {}
    tasks: list[TopicTask] = []
    for slug in chosen:
        articles = tuple(store.articles(slug))
        if not articles:
            results[slug] = TopicResult(slug, "no-articles")
            continue
        path = store.briefing_path(slug)
        previous = store.briefing(slug)
        check_edited_sources(previous, articles, path)
        digest = staleness.digest(slug, articles, registry.get(slug))
        if previous is not None and previous.inputs == digest and not force:
            results[slug] = TopicResult(slug, "up-to-date", path)
            continue
        from briefgen.summarize.run import TopicTask

        tasks.append(TopicTask(objs[slug], articles, previous, settings, digest))
    outcomes = _execute(tasks, progress, jobs)
    for task, outcome in zip(tasks, outcomes, strict=True):
        path = store.briefing_path(task.topic.slug)
        changed = store.save_briefing(outcome.briefing, outcome.text)
        results[task.topic.slug] = TopicResult(
            task.topic.slug,
            "written" if changed else "unchanged",
            path,
            outcome.findings,
            outcome.skipped,
        )
        for f in outcome.findings:
            log.info("%s: %s", path, f)
    return SummarizeReport(tuple(results[s] for s in chosen))


def _execute(
    tasks: list[TopicTask], progress: Progress | None, jobs: int | None
) -> list[TopicOutcome]:
    """Run the tasks, in parallel when there are several (the biggest first); results in task
    order."""
    if not tasks:
        return []
    from briefgen.summarize.run import summarize_topic

    total = len(tasks)
    workers = min(total, jobs or os.cpu_count() or 1)
    out: list[TopicOutcome] = []
    if workers <= 1:
        inner = jobs or os.cpu_count() or 1
        for i, task in enumerate(tasks, 1):
            try:
                out.append(summarize_topic(replace(task, jobs=inner)))
            except BriefgenError:
                raise
            except Exception as exc:
                raise _failed(task, exc) from exc
            if progress is not None:
                progress(i, total, task.topic.slug)
        return out
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from briefgen.procs import signals_held, stop_pool, worker_died, worker_started

    # biggest topics first: a big one started last would leave the other cores idle at the end
    order = sorted(range(total), key=lambda i: -_sentences(tasks[i]))
    done: dict[int, TopicOutcome] = {}
    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=worker_started, initargs=(os.getpid(),)
    )
    try:
        with signals_held():
            futures = [pool.submit(summarize_topic, tasks[i]) for i in order]
        for n, (i, future) in enumerate(zip(order, futures, strict=True), 1):
            try:
                done[i] = future.result()
            except BrokenProcessPool:
                raise worker_died(f"topic {tasks[i].topic.slug!r}") from None
            except BriefgenError:
                raise
            except Exception as exc:  # the worker's traceback is chained (--debug shows it)
                raise _failed(tasks[i], exc) from exc
            if progress is not None:
                progress(n, total, tasks[i].topic.slug)
    except BaseException:  # a topic failed, a worker died or the command was interrupted
        stop_pool(pool)
        raise
    pool.shutdown(wait=True)
    return [done[i] for i in range(total)]


def _failed(task: TopicTask, exc: Exception) -> SummarizeError:
    """A summarizer's unexpected error on one topic, as one line (nothing is written)."""
    text = str(exc).strip().splitlines()
    what = f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__
    return SummarizeError(
        f"the {task.settings.summarizer!r} summarizer failed on topic {task.topic.slug!r}: "
        f"{what}; no briefing written (--debug shows the traceback)"
    )


def _sentences(task: TopicTask) -> int:
    """How many sentences a task's articles hold (its size, without building them)."""
    return sum(len(p) for a in task.articles for p in a.paragraphs)


def progress_bar(enabled: bool = True) -> AbstractContextManager[Progress | None]:
    """``summarize``'s progress bar: :func:`briefgen.app.progress.progress_bar` (on a terminal
    only)."""
    return shared_progress_bar("summarize", enabled)


def summarize_stale(project: Project) -> tuple[str, ...]:
    """Summarize every stale topic (``build``'s first step); the topics whose briefing changed."""
    report = summarize_project(project)
    return tuple(r.topic for r in report.results if r.state == "written")
