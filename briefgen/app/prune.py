"""``briefgen prune --keep N``: keep the newest N editions readable, the rest redirects.

Builds the site as ``briefgen build`` would (no summarizing; unchanged editions are not rebuilt)
with every edition but the newest N published as a folder of pages redirecting to the same pages
of the oldest kept edition (:mod:`briefgen.publish.prune`). versions.json and the sitemap index
list only the kept editions; the feeds keep their entries (their links lead through the
redirects). The site remembers N: later builds keep pruning to N editions, unless mkdocs.yml sets
``keep_editions`` (which wins) or site/ is removed. content/editions/ is not touched: pruning
changes the published site, not the project's history.
"""

from __future__ import annotations

from briefgen.app.build import site_build
from briefgen.app.project import Project
from briefgen.errors import UsageError
from briefgen.publish.site import BuildReport


def prune_site(project: Project, keep: int, jobs: int | None = None) -> BuildReport:
    """Publish all but the newest ``keep`` editions as redirects; see the module docstring."""
    if keep < 1:
        raise UsageError(
            f"--keep must be at least 1 (got {keep}): the newest edition always stays readable"
        )
    from briefgen.publish.editions import plan_editions
    from briefgen.publish.parallel import default_jobs
    from briefgen.publish.site import build_editions, last_build
    from briefgen.publish.swap import clean_stale

    target = site_build(project)
    clean_stale(target.site.site_dir)
    last = last_build(target.site.site_dir)
    plan = plan_editions(project.store, last.cache)
    return build_editions(target, plan, (), None, jobs=jobs or default_jobs(), keep=keep)
