"""``briefgen release``: freeze the working state as a new edition, if ``check`` accepts it."""

from __future__ import annotations

from pathlib import Path

from briefgen.app.check import run_check
from briefgen.app.project import Project
from briefgen.errors import BuildError
from briefgen.model import Edition
from briefgen.publish import editions


def release(project: Project, edition_id: str | None = None) -> Edition:
    """Freeze the project's working state as ``content/editions/<id>.json``.

    Refuses what :func:`briefgen.publish.editions.prepare_release` refuses, and a working state
    that ``briefgen check`` rejects (the first error is named); nothing is written then.
    """
    from briefgen.publish.site import last_build

    cache = last_build(project.site.site_dir).cache  # old editions as the last build saw them
    edition = editions.prepare_release(project.store, edition_id, cache)
    errors = run_check(project, cache).errors
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise BuildError(
            f"check fails, so nothing was released: {first.message}{more}; run 'briefgen check'",
            file=project.root / first.path,
            line=first.line,
        )
    project.store.save_edition(edition)
    return edition


def edition_file(project: Project, edition_id: str) -> Path:
    """Where edition ``edition_id`` is stored."""
    return project.store.edition_path(edition_id)
