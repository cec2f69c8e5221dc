"""The review report of ``briefgen diff``: briefings of one side read from git, and the report.

:mod:`briefgen.app.diff` resolves each side to a set of briefings:

- a folder: a briefgen project (``mkdocs.yml`` with the briefgen plugin); its briefings on disk;
- a git ref: the briefings committed at that ref, read with ``git ls-tree`` / ``git show`` from the
  project's ``content_dir`` (a ref that has no briefings folder has no briefings);
- no BASE: the merge-base of ``HEAD`` with the default branch; no HEAD: the working tree.

A folder is tried first, then a git ref; anything else is an error. Malformed briefings on either
side raise :class:`~briefgen.errors.SchemaError` naming ``<ref>:<path>`` (or the file) and line.
"""

from __future__ import annotations

import json
from pathlib import Path

import msgspec

from briefgen import yamlio
from briefgen.changes import ChangeSet
from briefgen.errors import SchemaError
from briefgen.model import Briefing
from briefgen.records import briefing_from_text
from briefgen.review.gitrefs import GitTree
from briefgen.review.markdown import changeset_json, changeset_markdown

WORKING_TREE = "working tree"


class Side(msgspec.Struct, frozen=True):
    """One side of a comparison: a label for the report and its briefings, sorted by topic."""

    label: str
    briefings: tuple[Briefing, ...]


class DiffReport(msgspec.Struct, frozen=True):
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


def _check_topic(briefing: Briefing, text: str, file: str, stem: str) -> Briefing:
    if briefing.topic != stem:
        raise SchemaError(
            f"topic {briefing.topic!r} does not match the file name {stem!r}",
            file=file,
            line=yamlio.locate(text, ("topic",)),
            field="topic",
        )
    return briefing


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
