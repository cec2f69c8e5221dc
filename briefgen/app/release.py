"""``briefgen release``: freeze the working state as a new edition."""

from __future__ import annotations

from pathlib import Path

from briefgen.app.project import Project
from briefgen.model import Edition
from briefgen.publish import editions


def release(project: Project, edition_id: str | None = None) -> Edition:
    """Freeze the project's working state as ``content/editions/<id>.json``; see
    :func:`briefgen.publish.editions.release`."""
    return editions.release(project.store, edition_id)


def edition_file(project: Project, edition_id: str) -> Path:
    """Where edition ``edition_id`` is stored."""
    return project.store.edition_path(edition_id)
