"""What ``summarize`` reports per topic, and the check it runs on every topic before any work:
light types and functions, apart from :mod:`briefgen.summarize.run` (which imports the
summarizing machinery), so that the staleness check ``build`` runs imports none of it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

import msgspec

from briefgen.errors import SummarizeError
from briefgen.model import Article, Briefing

Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, topic)`` after each topic."""

State = Literal["written", "unchanged", "up-to-date", "no-articles"]


class TopicResult(msgspec.Struct, frozen=True):
    """What happened to one topic."""

    topic: str
    state: State
    path: Path | None = None
    findings: tuple[str, ...] = ()
    """Editor-facing notes: stale citations, unmarked hand edits (``field: message``)."""
    skipped_articles: tuple[str, ...] = ()
    """Articles with no usable sentence (all boilerplate or fragments)."""


class SummarizeReport(msgspec.Struct, frozen=True):
    """The outcome of one ``summarize`` run, topic by topic."""

    results: tuple[TopicResult, ...] = msgspec.field(default_factory=tuple)

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


def check_edited_sources(
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
