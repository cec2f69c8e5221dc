"""``briefgen summarize``: the one core function the CLI calls, :func:`summarize_project`.

Everything is read and validated before anything is written: an unknown topic, an unreadable article
or a corrupted briefing stops the run with an error naming it, and no file changes. Topics whose
stored ``inputs`` digest still matches are skipped (``force`` recomputes them). The rest are
summarized in parallel across cores (one process per topic); results are collected in topic order,
so the output is identical to a serial run.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from briefgen.config import Project, Settings
from briefgen.errors import SummarizeError, UsageError
from briefgen.model import SLUG_PATTERN, Article, Briefing, Topic
from briefgen.nlp.trim import trim_statement as trim
from briefgen.summarize import merge
from briefgen.summarize.base import inputs_digest
from briefgen.summarize.classify import is_noise_text
from briefgen.summarize.registry import get_summarizer

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, topic)`` after each topic."""

State = Literal["written", "unchanged", "up-to-date", "no-articles"]


@dataclass(frozen=True)
class TopicResult:
    """What happened to one topic."""

    topic: str
    state: State
    path: Path | None = None
    findings: tuple[str, ...] = ()
    """Editor-facing notes: stale citations, unmarked hand edits (``field: message``)."""
    skipped_articles: tuple[str, ...] = ()
    """Articles with no usable sentence (all boilerplate or fragments)."""


@dataclass(frozen=True)
class SummarizeReport:
    """The outcome of one ``summarize`` run, topic by topic."""

    results: tuple[TopicResult, ...] = field(default_factory=tuple)

    def lines(self) -> list[str]:
        """Human-readable lines: one per topic, then its findings indented."""
        out: list[str] = []
        for r in self.results:
            where = f" ({_shown(r.path)})" if r.path is not None else ""
            label = {
                "written": "written",
                "unchanged": "unchanged (no content change)",
                "up-to-date": "up to date (inputs unchanged; --force recomputes)",
                "no-articles": "skipped: no articles, nothing written",
            }[r.state]
            out.append(f"{r.topic}: {label}{where}")
            out.extend(f"  skipped article {a}: no usable sentences" for a in r.skipped_articles)
            out.extend(f"  {f}" for f in r.findings)
        written = sum(r.state == "written" for r in self.results)
        out.append(f"{len(self.results)} topic(s), {written} briefing(s) written")
        return out


def _shown(path: Path) -> str:
    """``path`` relative to the working directory when it lies below it, else as given."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class _Task:
    topic: Topic
    articles: tuple[Article, ...]
    previous: Briefing | None
    settings: Settings
    digest: str
    jobs: int = 1
    """Processes the summarizer may use inside this topic (when topics run one at a time)."""


@dataclass(frozen=True)
class _Outcome:
    briefing: Briefing
    findings: tuple[str, ...]
    skipped: tuple[str, ...]


def _run(task: _Task) -> _Outcome:
    """Summarize one topic (runs in a worker process)."""
    summarizer = get_summarizer(task.settings)
    if task.jobs > 1 and isinstance(getattr(summarizer, "jobs", None), int):
        summarizer.jobs = task.jobs  # type: ignore[attr-defined]
    try:
        briefing = summarizer.summarize(task.topic, task.articles, task.previous)
        briefing = Briefing.model_validate(
            {**briefing.model_dump(by_alias=True), "inputs": task.digest}
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        raise SummarizeError(
            f"the {task.settings.summarizer} summarizer made an invalid briefing: {first['msg']}",
            field=task.topic.slug,
        ) from None
    _check_edits_kept(task.previous, briefing, task.topic.slug)
    by_id = {a.id: a for a in task.articles}
    findings = [f"{f.where}: {f.message}" for f in merge.audit(task.previous, by_id)]
    findings.extend(_unmarked_edits(task.previous, by_id))
    skipped = tuple(
        a.id for a in task.articles if all(is_noise_text(s.text, a.published) for s in a.sentences)
    )
    return _Outcome(briefing, tuple(findings), skipped)


def _check_edited_sources(
    previous: Briefing | None, articles: Sequence[Article], path: Path
) -> None:
    """An edited statement citing a removed article cannot be kept: stop, naming it."""
    if previous is None:
        return
    ids = {a.id for a in articles}
    for st, where in previous.iter_cited():
        missing = [str(c) for c in st.cite if c.article_id not in ids]
        if st.edited and missing:
            raise SummarizeError(
                f"edited statement cites {missing[0]}, whose article no longer exists; "
                "fix or remove the statement (nothing written)",
                file=path,
                field=where,
            )


def _check_edits_kept(previous: Briefing | None, briefing: Briefing, topic: str) -> None:
    """A backend must keep every edited statement in its section; raise if one was dropped."""
    if previous is None:
        return
    new: dict[str, list[object]] = {}
    for st, where in briefing.iter_cited():
        new.setdefault(where.split(".")[0], []).append(st)
    for st, where in previous.iter_cited():
        if st.edited and st not in new.get(where.split(".")[0], []):
            raise SummarizeError(
                f"the summarizer dropped the edited statement {where}", field=topic
            )


def _unmarked_edits(previous: Briefing | None, by_id: dict[str, Article]) -> list[str]:
    """Generated statements whose text is no trim of their citation: hand edits without the flag."""
    out: list[str] = []
    if previous is None:
        return out
    for st, where in previous.iter_cited():
        if st.edited or where.startswith("timeline"):
            continue
        sources = [
            by_id[c.article_id].sentence(c.sentence) for c in st.cite if c.article_id in by_id
        ]
        texts = {trim(s.text) for s in sources if s is not None} | {
            s.text for s in sources if s is not None
        }
        if texts and st.text not in texts:
            out.append(
                f"{where}: text differs from its source but is not marked 'edited: true'; "
                "regenerated (mark hand edits with 'edited: true' to keep them)"
            )
    return out


def _topics(project: Project, requested: Sequence[str]) -> tuple[dict[str, Topic], list[str]]:
    """The topic objects by slug and the slugs to summarize; unknown names exit 2."""
    store = project.store
    registry = {t.slug: t for t in store.topics()}
    with_articles = set(store.article_topics())
    known = sorted(set(registry) | with_articles)
    unknown = [t for t in requested if t not in known]
    if unknown:
        bad = [t for t in unknown if not re.match(SLUG_PATTERN, t)]
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
    get_summarizer(settings)  # a bad 'summarizer' option fails before any work
    registry = {t.slug: t for t in store.topics()}
    objs, chosen = _topics(project, topics)
    results: dict[str, TopicResult] = {}
    tasks: list[_Task] = []
    for slug in chosen:
        articles = tuple(store.articles(slug))
        if not articles:
            results[slug] = TopicResult(slug, "no-articles")
            continue
        path = store.briefing_path(slug)
        previous = store.load_briefing(path) if path.exists() else None
        _check_edited_sources(previous, articles, path)
        digest = inputs_digest(articles, settings.summarizer, settings, registry.get(slug))
        if previous is not None and previous.inputs == digest and not force:
            results[slug] = TopicResult(slug, "up-to-date", path)
            continue
        tasks.append(_Task(objs[slug], articles, previous, settings, digest))
    outcomes = _execute(tasks, progress, jobs)
    for task, outcome in zip(tasks, outcomes, strict=True):
        path = store.briefing_path(task.topic.slug)
        changed = store.save_briefing(outcome.briefing)
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


def _execute(tasks: list[_Task], progress: Progress | None, jobs: int | None) -> list[_Outcome]:
    """Run the tasks, in parallel when there are several; results in task order."""
    total = len(tasks)
    workers = min(total, jobs or os.cpu_count() or 1)
    out: list[_Outcome] = []
    if workers <= 1:
        inner = jobs or os.cpu_count() or 1
        for i, task in enumerate(tasks, 1):
            out.append(_run(replace(task, jobs=inner)))
            if progress is not None:
                progress(i, total, task.topic.slug)
        return out
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for i, (task, outcome) in enumerate(zip(tasks, pool.map(_run, tasks), strict=True), 1):
            out.append(outcome)
            if progress is not None:
                progress(i, total, task.topic.slug)
    return out


@contextmanager
def progress_bar(enabled: bool) -> Iterator[Progress | None]:
    """A rich progress bar on stderr as a :data:`Progress` callback (``None`` when disabled)."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("summarize {task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task_id = bar.add_task("", total=None)

        def update(done: int, total: int, topic: str) -> None:
            bar.update(task_id, completed=done, total=total, description=topic)

        yield update
