"""``briefgen check``: validate every content file and prove every briefing against its sources.

The rules are :func:`briefgen.review.check.check_content`'s; staleness is the one rule of
:mod:`briefgen.staleness`, as ``summarize`` applies it.
"""

from __future__ import annotations

from briefgen.app.project import Project
from briefgen.app.summarize import staleness_rule
from briefgen.errors import BuildError
from briefgen.review.check import check_content
from briefgen.review.report import CheckReport


def run_check(project: Project) -> CheckReport:
    """Check every content file of ``project``."""
    settings = project.settings
    return check_content(
        project.store,
        project.root,
        settings.support_threshold,
        staleness_rule(settings, project.config_file),
    )


def check_frozen(project: Project) -> None:
    """Raise :class:`BuildError` (naming the first finding) if any briefing is stale or invalid
    (``build --frozen``, which never writes content/)."""
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
