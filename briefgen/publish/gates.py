"""What runs before rendering: summarizing stale topics (``build``) or refusing them (``--frozen``).

Both call the owning stage's core function: ``briefgen.review.check.run_check`` for ``--frozen``,
the summarize stage's project-level function for the default build. ``--frozen`` never writes
content/.
"""

from __future__ import annotations

import logging

from briefgen.config import Project
from briefgen.errors import BuildError

log = logging.getLogger(__name__)


def check_frozen(project: Project) -> None:
    """Raise :class:`BuildError` (naming the first finding) if any briefing is stale or invalid."""
    from briefgen.review.check import run_check

    report = run_check(project)
    if not report.errors:
        return
    first = report.errors[0]
    more = len(report.errors) - 1
    tail = (
        f" (and {more} more error{'s' if more != 1 else ''}; run 'briefgen check')" if more else ""
    )
    stale = f"; stale: {', '.join(report.stale)}" if report.stale else ""
    raise BuildError(
        f"--frozen refuses to build: {first.message}{tail}{stale}",
        file=project.root / first.path,
        line=first.line,
    )


def summarize_stale(project: Project) -> tuple[str, ...]:
    """Summarize every stale topic (the ``summarize`` command's core function); topics changed."""
    from briefgen.summarize.run import summarize_project

    report = summarize_project(project)
    return tuple(r.topic for r in report.results if r.state == "written")
