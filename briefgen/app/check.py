"""``briefgen check``: validate every content file and prove every briefing against its sources.

A frozen edition file whose stat is the one the last build cached (the build parsed and
validated it then) is not read again, so ``check``, and ``release`` which runs it, cost the same
with 5 or 500 old editions.

The rules are :func:`briefgen.review.check.check_content`'s; staleness is the one rule of
:mod:`briefgen.staleness`, as ``summarize`` applies it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from briefgen.app.project import Project
from briefgen.app.staleness import staleness_rule
from briefgen.errors import BuildError
from briefgen.publish.facts import CachedEdition
from briefgen.review.check import check_content
from briefgen.review.report import CheckReport


def settled_editions(cache: Mapping[str, CachedEdition]) -> Callable[[Path], bool]:
    """Whether an edition file is still the one the last build parsed, validated and cached
    (same name, size, times and inode; see :mod:`briefgen.publish.facts`): ``check`` need not
    read it again."""
    from briefgen.publish.facts import file_stat

    def settled(path: Path) -> bool:
        hit = cache.get(path.stem)
        return hit is not None and hit.stat is not None and file_stat(path) == hit.stat

    return settled


def run_check(project: Project, cache: Mapping[str, CachedEdition] | None = None) -> CheckReport:
    """Check every content file of ``project``; a frozen edition whose file is unchanged since
    the last build (``cache``, default: that build's state file) is not read again."""
    from briefgen.publish.site import last_build

    settings = project.settings
    if cache is None:
        cache = last_build(project.site.site_dir).cache
    return check_content(
        project.store,
        project.root,
        settings.support_threshold,
        staleness_rule(settings, project.config_file),
        settled_editions(cache),
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
