"""``briefgen diff [BASE] [HEAD]``: compare the briefings of two git refs or two project folders.

Each side is resolved to a set of briefings (see :mod:`briefgen.review.diff`): a folder is tried
first (its project's briefings on disk), then a git ref (the briefings committed there); no BASE is
the merge-base of ``HEAD`` with the default branch, no HEAD the working tree. The comparison is
:func:`briefgen.changes.compare`, the one that also makes the "What changed" page and the feeds.
"""

from __future__ import annotations

import logging
from pathlib import Path

from briefgen.app.project import Project, load_project
from briefgen.changes import compare
from briefgen.errors import ConfigError, ReviewError
from briefgen.review.diff import WORKING_TREE, DiffReport, Side, git_side
from briefgen.review.gitrefs import merge_base, resolve_commit

log = logging.getLogger(__name__)


def _project(folder: Path, config_file: Path | None = None) -> Project:
    """The project in ``folder``: briefgen's options only (``diff`` never builds, so MkDocs'
    own keys are not validated, as for ``ingest`` and ``summarize``)."""
    try:
        return load_project(folder, config_file, validate_site=False)
    except ConfigError as exc:
        prefix = (
            "" if exc.message.startswith("not a briefgen project") else "not a briefgen project: "
        )
        raise ReviewError(prefix + exc.message, file=exc.file or folder, line=exc.line) from None


def folder_side(folder: Path, label: str) -> Side:
    """The briefings of the project in ``folder`` as they are on disk."""
    store = _project(folder).store
    return Side(label, tuple(store.briefings()))


def resolve_side(
    spec: str | None, project_dir: Path, *, head: bool, config_file: Path | None = None
) -> Side:
    """Turn a BASE/HEAD argument (or its default) into a :class:`Side`."""
    if spec is None:
        project = _project(project_dir, config_file)
        if head:
            return Side(WORKING_TREE, tuple(project.store.briefings()))
        label, commit = merge_base(project.root)
        return git_side(project.root, commit, label, project.settings.content_dir)
    folder = Path(spec)
    if folder.is_dir():
        return folder_side(folder, spec)
    found = resolve_commit(project_dir if project_dir.is_dir() else Path("."), spec)
    if found is None:
        raise ReviewError(f"{spec!r} is neither a git ref nor a directory")
    project = _project(project_dir, config_file)
    return git_side(project.root, found, spec, project.settings.content_dir)


def run_diff(
    project_dir: Path,
    base: str | None = None,
    head: str | None = None,
    *,
    config_file: Path | None = None,
) -> DiffReport:
    """Compare the briefings of BASE and HEAD (see the module docstring for what each may be);
    ``config_file`` is the project's ``-f`` file (a folder side always uses its own)."""
    old = resolve_side(base, project_dir, head=False, config_file=config_file)
    new = resolve_side(head, project_dir, head=True, config_file=config_file)
    log.debug("diff: %d -> %d briefings", len(old.briefings), len(new.briefings))
    return DiffReport(old.label, new.label, compare(old.briefings, new.briefings))
