"""Summarizing one topic: :func:`summarize_topic` runs the configured backend over a
:class:`TopicTask` and audits the result (edited statements kept, stale citations, unmarked edits).

Pure over typed objects: the application layer (:mod:`briefgen.app.summarize`) loads the articles
and the previous briefing, decides which topics are stale, runs the tasks (in parallel) and saves
the briefings.
"""

from __future__ import annotations

import logging
from typing import Any

import msgspec

from briefgen.config import Settings
from briefgen.errors import SummarizeError
from briefgen.model import Article, Briefing, Topic
from briefgen.nlp.trim import trim_statement as trim
from briefgen.problems import problem
from briefgen.records import briefing_to_text
from briefgen.structs import CheckError, ValidationError
from briefgen.summarize import merge
from briefgen.summarize.classify import is_noise_text
from briefgen.summarize.registry import get_summarizer
from briefgen.summarize.statements import extended

log = logging.getLogger(__name__)


class TopicTask(msgspec.Struct, frozen=True):
    topic: Topic
    articles: tuple[Article, ...]
    previous: Briefing | None
    settings: Settings
    digest: str
    jobs: int = 1
    """Processes the summarizer may use inside this topic (when topics run one at a time)."""


class TopicOutcome(msgspec.Struct, frozen=True):
    briefing: Briefing
    findings: tuple[str, ...]
    skipped: tuple[str, ...]
    text: str = ""
    """The briefing as the file's text, made in the worker (YAML emitting is a third of the
    CPU of a summarize; the parent only writes it)."""


def summarize_topic(task: TopicTask) -> TopicOutcome:
    """Summarize one topic (runs in a worker process)."""
    summarizer = get_summarizer(task.settings)
    data: Any = None
    if task.jobs > 1 and isinstance(getattr(summarizer, "jobs", None), int):
        summarizer.jobs = task.jobs  # type: ignore[attr-defined]
    try:
        made = summarizer.summarize(task.topic, task.articles, task.previous)
        data = made.replace(inputs=task.digest).to_dict()
        briefing = Briefing.validate(data)
    except ValidationError as exc:
        found = problem(exc, Briefing, data)
        # worded as pydantic worded it: its messages for a check's ValueError began so
        first = f"Value error, {found.msg}" if found.kind == "value_error" else found.msg
        raise SummarizeError(
            f"the {task.settings.summarizer} summarizer made an invalid briefing: {first}",
            field=task.topic.slug,
        ) from None
    except CheckError as exc:  # a record the summarizer built failed its own check
        raise SummarizeError(
            f"the {task.settings.summarizer} summarizer made an invalid briefing: "
            f"Value error, {exc.message}",
            field=task.topic.slug,
        ) from None
    _check_edits_kept(task.previous, briefing, task.topic.slug)
    by_id = {a.id: a for a in task.articles}
    findings = [f"{f.where}: {f.message}" for f in merge.audit(task.previous, by_id)]
    findings.extend(_unmarked_edits(task.previous, by_id))
    skipped = tuple(
        a.id for a in task.articles if all(is_noise_text(s.text, a.published) for s in a.sentences)
    )
    return TopicOutcome(briefing, tuple(findings), skipped, briefing_to_text(briefing))


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
        found = [s for s in sources if s is not None]
        texts = {trim(s.text) for s in found} | {s.text for s in found}
        at = {(s.article_id, s.n): s for s in found}
        for s in found:  # a statement extended with the sentence before it, both cited
            nxt = at.get((s.article_id, s.n + 1))
            if nxt is not None:
                texts.add(extended(s.text, trim(nxt.text)))
        if texts and st.text not in texts:
            out.append(
                f"{where}: text differs from its source but is not marked 'edited: true'; "
                "regenerated (mark hand edits with 'edited: true' to keep them)"
            )
    return out
