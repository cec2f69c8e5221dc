"""``briefgen diff [BASE] [HEAD]``: compare the briefings of two git refs or two project folders.

Each side is resolved to a set of briefings:

- a folder: a briefgen project (``mkdocs.yml`` with the briefgen plugin); its briefings on disk;
- a git ref: the briefings committed at that ref, read with ``git ls-tree`` / ``git show`` from the
  project's ``content_dir`` (a ref that has no briefings folder has no briefings);
- no BASE: the merge-base of ``HEAD`` with the default branch; no HEAD: the working tree.

A folder is tried first, then a git ref; anything else is an error. Malformed briefings on either
side raise :class:`~briefgen.errors.SchemaError` naming ``<ref>:<path>`` (or the file) and line.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from briefgen import yamlio
from briefgen.config import Project
from briefgen.errors import ConfigError, ReviewError, SchemaError
from briefgen.model import Briefing
from briefgen.review.compare import ChangeSet, compare
from briefgen.review.gitrefs import GitTree, merge_base, resolve_commit
from briefgen.review.markdown import changeset_json, changeset_markdown
from briefgen.store import briefing_from_text

log = logging.getLogger(__name__)

WORKING_TREE = "working tree"


@dataclass(frozen=True)
class Side:
    """One side of a comparison: a label for the report and its briefings, sorted by topic."""

    label: str
    briefings: tuple[Briefing, ...]


@dataclass(frozen=True)
class DiffReport:
    """The comparison of two sides, renderable as Markdown or JSON."""

    base: str
    head: str
    changes: ChangeSet

    def to_markdown(self) -> str:
        """The review report: a one-line summary, then one section per changed topic."""
        return changeset_markdown(self.changes, self.base, self.head)

    def to_json(self) -> str:
        """The same report as indented JSON."""
        data = {"base": self.base, "head": self.head, **changeset_json(self.changes)}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _project(folder: Path) -> Project:
    try:
        return Project.load(folder)
    except ConfigError as exc:
        prefix = (
            "" if exc.message.startswith("not a briefgen project") else "not a briefgen project: "
        )
        raise ReviewError(prefix + exc.message, file=exc.file or folder, line=exc.line) from None


def _check_topic(briefing: Briefing, text: str, file: str, stem: str) -> Briefing:
    if briefing.topic != stem:
        raise SchemaError(
            f"topic {briefing.topic!r} does not match the file name {stem!r}",
            file=file,
            line=yamlio.locate(text, ("topic",)),
            field="topic",
        )
    return briefing


def folder_side(folder: Path, label: str) -> Side:
    """The briefings of the project in ``folder`` as they are on disk."""
    store = _project(folder).store
    return Side(label, tuple(store.briefings()))


def git_side(cwd: Path, commit: str, label: str, content_dir: str) -> Side:
    """The briefings committed at ``commit`` under ``content_dir`` of the project at ``cwd``."""
    tree = GitTree.at(cwd, commit)
    folder = f"{content_dir.strip('/')}/briefings"
    briefings = []
    for name in tree.list(folder, ".yaml"):
        path = f"{folder}/{name}"
        text = tree.read(path)
        where = f"{label}:{path}"
        briefing = briefing_from_text(text, where)
        briefings.append(_check_topic(briefing, text, where, name.removesuffix(".yaml")))
    return Side(label, tuple(briefings))


def resolve_side(spec: str | None, project_dir: Path, *, head: bool) -> Side:
    """Turn a BASE/HEAD argument (or its default) into a :class:`Side`."""
    if spec is None:
        project = _project(project_dir)
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
    project = _project(project_dir)
    return git_side(project.root, found, spec, project.settings.content_dir)


def run_diff(project_dir: Path, base: str | None = None, head: str | None = None) -> DiffReport:
    """Compare the briefings of BASE and HEAD (see the module docstring for what each may be)."""
    old = resolve_side(base, project_dir, head=False)
    new = resolve_side(head, project_dir, head=True)
    log.debug("diff: %d -> %d briefings", len(old.briefings), len(new.briefings))
    return DiffReport(old.label, new.label, compare(old.briefings, new.briefings))
