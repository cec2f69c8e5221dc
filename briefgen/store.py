"""``content/`` on disk: articles, briefings, topics and editions. The only module that touches it.

Layout (see DESIGN.md)::

    content/articles/<topic>/<YYYY-MM-DD>-<slug>.md   YAML front matter + body
    content/briefings/<topic>.yaml                    briefing unit
    content/topics.yaml                               topic registry
    content/editions/<edition-id>.json                frozen snapshot

Every write is atomic and deterministic: the same object always produces the same bytes (their
text is :mod:`briefgen.records`'), and a load -> save round trip of a file written by briefgen is
byte-identical.

Everything under content/ is untrusted (a contributor's pull request can put anything there), so
every content path goes through one gate, :meth:`Store.confine`, before it is listed, read or
written:

- a symbolic link under content/ may only lead inside content/ (its resolved path); one leading
  anywhere else -- outside the project, or to the project's trusted files such as mkdocs.yml,
  templates/ or .git/ -- is refused with :class:`ContentPathError`, and nothing is read or written
  through it. content/ itself may be a link, but only to a folder inside the project;
- a FIFO, socket, device or broken link where a content file is listed is skipped with a
  warning and never opened (opening a FIFO would block); one where briefgen must write is refused;
- reads open the resolved path with ``O_NOFOLLOW | O_NONBLOCK`` and check it is a regular file;
  writes go to the resolved path, so the temporary file and the rename stay inside content/ (a
  link inside content/ is kept and its target updated).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import msgspec

from briefgen import yamlio
from briefgen.errors import BriefgenError, SchemaError
from briefgen.fsio import ContentPathError as ContentPathError  # re-exported
from briefgen.fsio import atomic_write as atomic_write  # re-exported
from briefgen.fsio import entry_kind, inside, read_regular, remove_leftover_temps, what_is
from briefgen.model import (
    EDITION_ID_PATTERN,
    SLUG_PATTERN,
    Article,
    Briefing,
    Edition,
    Topic,
    edition_order,
)
from briefgen.records import (
    SCHEMA_COMMENT,
    article_from_text,
    article_to_text,
    briefing_from_text,
    briefing_to_text,
    edition_from_text,
    edition_to_text,
    topics_from_text,
    topics_to_text,
)
from briefgen.yamlcomments import keep_comments

log = logging.getLogger(__name__)


class ContentWriteError(BriefgenError):
    """A content file could not be written (a full disk, a read-only folder, a file size limit);
    the file is left as it was (:func:`briefgen.fsio.atomic_write`)."""


RACY_NS = 2_000_000_000
"""Files changed this recently (ns) are not stat-cached by :meth:`Store.digest_cached`."""


class PathIssue(msgspec.Struct, frozen=True):
    """A content entry that is refused (``error``: a link out of content/) or skipped."""

    path: Path
    error: bool
    message: str


def check_slug(value: str, what: str = "slug") -> str:
    """Return ``value`` if it is a safe slug, else raise :class:`SchemaError` naming it."""
    if not isinstance(value, str) or not re.fullmatch(SLUG_PATTERN, value):
        raise SchemaError(
            f"{what} {value!r} is not valid "
            "(lowercase letters, digits and single hyphens; no '/', '..' or capitals)"
        )
    return value


_ARTICLE_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*")


def article_id_of(path: Path) -> str:
    """The id an article file's name gives (``<YYYY-MM-DD>-<slug>.md``, as ingest writes it), or
    a :class:`SchemaError` naming the file."""
    m = _ARTICLE_NAME.fullmatch(path.stem)
    if m is not None:
        try:
            dt.date.fromisoformat(m.group(1))
            return path.stem
        except ValueError:
            pass
    raise SchemaError(
        f"article file name {path.name!r} is not <YYYY-MM-DD>-<slug>.md (a date, then lowercase "
        "letters, digits and single hyphens)",
        file=path,
    )


def check_edition_id(value: str) -> str:
    """Return ``value`` if it is a safe edition id (``2025-11-05``, ``v1.2``), else raise."""
    if not re.fullmatch(EDITION_ID_PATTERN, value):
        raise SchemaError(
            f"edition id {value!r} is not valid (lowercase letters, digits, '-' and '.'; "
            "no '/', '..' or capitals)"
        )
    return value


class Store:
    """Load and save the content of one briefgen project, every path through :meth:`confine`."""

    def __init__(self, content_dir: Path, project_root: Path | None = None) -> None:
        self.root = Path(content_dir)
        self.project_root = Path(project_root) if project_root is not None else self.root.parent
        self.articles_dir = self.root / "articles"
        self.briefings_dir = self.root / "briefings"
        self.editions_dir = self.root / "editions"
        self.topics_path = self.root / "topics.yaml"
        self._warned: set[Path] = set()

    def remove_leftovers(self) -> None:
        """Remove the temporary files a command killed outright (SIGKILL) left in the content
        folder; call it holding the project lock."""
        if self.root.is_dir():
            removed = remove_leftover_temps(self.root)
            if removed:
                log.info(
                    "removed %d temporary file(s) a killed command left in %s", removed, self.root
                )

    # the gate

    def confine(self, path: Path) -> Path:
        """``path`` (content/ or under it) with every link resolved, or :class:`ContentPathError`.

        content/ itself must resolve inside the project; anything under it, inside the resolved
        content/ (see the module docstring for why not the whole project). The error names the
        first link on the way that leads out."""
        project = os.path.realpath(self.project_root)
        top = os.path.realpath(self.root)
        real = os.path.realpath(path)
        if inside(top, project) and inside(real, top):
            return Path(real)
        chain = [p for p in (path, *path.parents) if p == self.root or self.root in p.parents]
        for lexical in reversed(chain):  # from content/ down: name the first link that leads out
            target = os.path.realpath(lexical)
            outside = "the project" if lexical == self.root else "the content folder"
            if not inside(target, project if lexical == self.root else top):
                what = "symbolic link" if os.path.islink(lexical) else "path"
                raise ContentPathError(
                    f"{what} leads out of {outside} (to {target}); refused: nothing is read or "
                    "written through it",
                    file=lexical,
                )
        raise ContentPathError("path leads out of the content folder; refused", file=path)

    def rel(self, path: Path) -> str:
        """``path`` relative to the project root, for messages."""
        try:
            return path.relative_to(self.project_root).as_posix()
        except ValueError:
            return path.as_posix()

    def _skip(self, path: Path, what: str, quiet: bool) -> None:
        if not quiet and path not in self._warned:
            self._warned.add(path)
            log.warning("%s: not a regular file (%s): skipped", self.rel(path), what)

    def _list(self, folder: Path, suffix: str, lenient: bool = False) -> list[Path]:
        """Sorted ``folder/*<suffix>`` regular files (sub-folders when ``suffix`` is ``/``).

        A link out of content/ raises (``lenient``: is left out; :meth:`audit` reports it); a
        FIFO, socket, device or broken link is skipped with a warning (``lenient``: silently)."""
        want = "folder" if suffix == "/" else "file"
        try:
            real = self.confine(folder)
            entries = sorted(os.scandir(real), key=lambda e: e.name)
        except ContentPathError:
            if lenient:
                return []
            raise
        except (FileNotFoundError, NotADirectoryError):
            return []
        out: list[Path] = []
        for entry in entries:
            if want == "file" and not entry.name.endswith(suffix):
                continue
            path = folder / entry.name
            if entry.is_symlink():
                try:
                    self.confine(path)
                except ContentPathError:
                    if lenient:
                        continue
                    raise
            what = entry_kind(entry)
            if what == want:
                out.append(path)
            elif what not in ("file", "folder", "missing"):
                self._skip(path, what, lenient)
        return out

    def _walk(self, issues: list[PathIssue] | None) -> list[tuple[Path, Path, bool, bool]]:
        """Every regular file under content/ and every link in it, sorted, as (path, resolved
        path, is a folder, is a link).

        Links out of content/ raise (or, with ``issues``, are recorded there); other non-files
        are skipped with a warning (or recorded). Linked folders are not descended into: their
        files are reached where they really are."""
        found: list[tuple[Path, Path, bool, bool]] = []
        try:
            top = self.confine(self.root)
        except ContentPathError as exc:
            if issues is None:
                raise
            issues.append(PathIssue(Path(exc.file or self.root), True, exc.message))
            return found
        stack = [(self.root, top)]
        while stack:
            folder, real = stack.pop()
            try:
                entries = sorted(os.scandir(real), key=lambda e: e.name)
            except (FileNotFoundError, NotADirectoryError):
                continue
            for entry in entries:
                path, target, link = folder / entry.name, real / entry.name, entry.is_symlink()
                if link:
                    try:
                        target = self.confine(path)
                    except ContentPathError as exc:
                        if issues is None:
                            raise
                        issues.append(PathIssue(path, True, exc.message))
                        continue
                what = entry_kind(entry)
                if what == "folder" and not link:
                    stack.append((path, target))
                elif what in ("file", "folder"):
                    found.append((path, target, what == "folder", link))
                elif what != "missing":
                    if issues is not None:
                        message = f"not a regular file ({what}): skipped"
                        issues.append(PathIssue(path, False, message))
                    self._skip(path, what, issues is not None)
        return sorted(found)

    def audit(self) -> list[PathIssue]:
        """Every entry under content/ that is refused (a link out of it) or skipped; no reads."""
        issues: list[PathIssue] = []
        self._walk(issues)
        return issues

    def digest_cached(self, known: Mapping[str, Any]) -> tuple[str, dict[str, list[Any]]]:
        """:meth:`digest`, reading only files whose stat changed: ``known`` maps a content path to
        ``[size, mtime_ns, ctime_ns, inode, sha256]`` from an earlier call (what this returns as
        its second value). A file changed in the last :data:`RACY_NS` is always read and never
        cached (its mtime may not have ticked yet)."""
        h = hashlib.sha256()
        seen: dict[str, list[Any]] = {}
        recent = time.time_ns() - RACY_NS
        for path, real, folder, link in self._walk(None):
            rel = path.relative_to(self.root).as_posix()
            h.update(f"{rel}\n".encode())
            if folder:
                h.update(os.path.relpath(real, os.path.realpath(self.root)).encode())
                continue
            try:
                st = os.stat(real)
            except OSError:
                read_regular(real, path)  # raises the error a read would
                raise
            key = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
            entry = known.get(rel)
            if isinstance(entry, list) and entry[:4] == key and len(entry) == 5:
                sha = str(entry[4])
            else:
                sha = hashlib.sha256(read_regular(real, path, checked=not link)).hexdigest()
            h.update(sha.encode())
            if max(st.st_mtime_ns, st.st_ctime_ns) < recent:
                seen[rel] = [*key, sha]
        return h.hexdigest(), seen

    def read_text(self, path: Path) -> str:
        """The UTF-8 text of a content file; only a regular file inside content/ is opened."""
        raw = read_regular(self.confine(path), path)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise SchemaError("file is not valid UTF-8", file=path) from None

    def _write(self, path: Path, text: str) -> bool:
        """Write atomically to the resolved ``path``; refuse to replace a non-regular file."""
        real = self.confine(path)
        what = what_is(real)
        if what not in ("file", "missing"):
            raise ContentPathError(
                f"not a regular file ({what}): refused to write over it", file=path
            )
        try:
            return atomic_write(real, text)
        except OSError as exc:  # a full disk, a read-only folder: the old file is left as it was
            raise ContentWriteError(
                f"cannot write: {exc.strerror or exc}; the file was left as it was", file=path
            ) from None

    def _exists(self, path: Path, quiet: bool = False) -> bool:
        """True for a regular file at ``path``; a non-file there is skipped with a warning."""
        what = what_is(self.confine(path))
        if what not in ("file", "missing"):
            self._skip(path, what, quiet)
        return what == "file"

    # articles
    def article_path(self, topic: str, article_id: str) -> Path:
        """Where an article lives; both parts are validated so input never becomes a path."""
        return self.articles_dir / check_slug(topic, "topic") / f"{check_slug(article_id, 'id')}.md"

    def article_paths(self, topic: str | None = None, *, lenient: bool = False) -> list[Path]:
        """Every article file (of one topic), sorted by topic then id (see :meth:`_list`)."""
        if topic is not None:
            return self._list(self.articles_dir / check_slug(topic, "topic"), ".md", lenient)
        folders = self._list(self.articles_dir, "/", lenient)
        return [p for folder in folders for p in self._list(folder, ".md", lenient)]

    def duplicate_ids(self, *, lenient: bool = False) -> list[tuple[Path, Path]]:
        """(first file, other file) for every article id used by more than one topic."""
        first: dict[str, Path] = {}
        pairs: list[tuple[Path, Path]] = []
        for path in self.article_paths(lenient=lenient):
            if path.stem in first:
                pairs.append((first[path.stem], path))
            else:
                first[path.stem] = path
        return pairs

    def duplicate_message(self, article_id: str, first: Path) -> str:
        """The message for an article id that ``first`` already uses."""
        return (
            f"article id {article_id!r} is also used by {self.rel(first)} "
            "(an id names one article across all topics; rename one of the files)"
        )

    def require_unique_ids(self) -> None:
        """Raise :class:`SchemaError` naming both files when two topics hold the same article id
        (citations name articles by id alone, so one topic would cite the other's copy)."""
        for first, other in self.duplicate_ids():
            raise SchemaError(self.duplicate_message(other.stem, first), file=other)

    def id_taken(self, article_id: str) -> bool:
        """True when any topic holds an entry named ``<article_id>.md``."""
        name = f"{check_slug(article_id, 'id')}.md"
        return any(os.path.lexists(f / name) for f in self._list(self.articles_dir, "/", True))

    def article_entry_names(self) -> set[str]:
        """The names of the entries in every topic folder (what :meth:`id_taken` looks for, read
        once: a command that allocates many ids under the project lock checks against this)."""
        return {name for f in self._list(self.articles_dir, "/", True) for name in os.listdir(f)}

    def load_article(self, path: Path) -> Article:
        """Load one article; its id is the file stem and its topic must match its folder."""
        article_id = article_id_of(path)
        text = self.read_text(path)
        article = article_from_text(text, path, article_id=article_id)
        if article.topic != path.parent.name:
            raise SchemaError(
                f"topic {article.topic!r} does not match the folder {path.parent.name!r}",
                file=path,
                field="topic",
            )
        return article

    def articles(self, topic: str | None = None) -> list[Article]:
        """Every article (of one topic), sorted by topic then id."""
        return [self.load_article(p) for p in self.article_paths(topic)]

    def article_topics(self) -> list[str]:
        """Slugs of topics that have at least one article."""
        return sorted({p.parent.name for p in self.article_paths()})

    def save_article(self, article: Article, *, text: str | None = None) -> Path:
        """Write an article record atomically; returns its path. ``text`` is
        ``article_to_text(article)`` when the caller has it already."""
        path = self.article_path(article.topic, article.id)
        self._write(path, article_to_text(article) if text is None else text)
        return path

    # briefings
    def briefing_path(self, topic: str) -> Path:
        """``content/briefings/<topic>.yaml``."""
        return self.briefings_dir / f"{check_slug(topic, 'topic')}.yaml"

    def briefing_paths(self, *, lenient: bool = False) -> list[Path]:
        """Every briefing file, sorted by topic (see :meth:`_list`)."""
        return self._list(self.briefings_dir, ".yaml", lenient)

    def load_briefing(self, path: Path) -> Briefing:
        """Load one briefing unit; its ``topic`` must match the file name."""
        text = self.read_text(path)
        briefing = briefing_from_text(text, path)
        if briefing.topic != path.stem:
            line = yamlio.locate(text, ("topic",))
            raise SchemaError(
                f"topic {briefing.topic!r} does not match the file name {path.stem!r}",
                file=path,
                line=line,
                field="topic",
            )
        return briefing

    def briefing(self, topic: str) -> Briefing | None:
        """The briefing of ``topic``, or None when there is none (or a non-file, skipped)."""
        path = self.briefing_path(topic)
        return self.load_briefing(path) if self._exists(path) else None

    def briefings(self) -> list[Briefing]:
        """Every briefing unit, sorted by topic."""
        return [self.load_briefing(p) for p in self.briefing_paths()]

    def save_briefing(self, briefing: Briefing, text: str | None = None) -> bool:
        """Write a briefing atomically, keeping the comments of the file it replaces (``text``: its
        :func:`briefing_to_text`, when a worker already made it). Returns False when the file
        already held these bytes."""
        path = self.briefing_path(briefing.topic)
        previous = self.read_text(path) if self._exists(path) else None
        plain = text or briefing_to_text(briefing)
        if previous is not None:
            plain = keep_comments(previous, plain, ignore=frozenset({SCHEMA_COMMENT.strip()}))
        return self._write(path, plain)

    # topics
    def topics(self, *, lenient: bool = False) -> list[Topic]:
        """The topic registry (empty when ``topics.yaml`` does not exist or is not a file)."""
        if not self._exists(self.topics_path, lenient):
            return []
        return topics_from_text(self.read_text(self.topics_path), self.topics_path)

    def save_topics(self, topics: list[Topic]) -> bool:
        """Write the topic registry atomically."""
        return self._write(self.topics_path, topics_to_text(topics))

    # editions
    def edition_path(self, edition_id: str) -> Path:
        """``content/editions/<id>.json``."""
        return self.editions_dir / f"{check_edition_id(edition_id)}.json"

    def edition_paths(self, *, lenient: bool = False) -> list[Path]:
        """Every edition file, sorted by name (see :meth:`_list`)."""
        return self._list(self.editions_dir, ".json", lenient)

    def load_edition(self, path: Path) -> Edition:
        """Load one edition snapshot."""
        return edition_from_text(self.read_text(path), path)

    def editions(self) -> list[Edition]:
        """Every frozen edition, oldest first (:func:`briefgen.model.edition_order`).

        A file whose name is not ``<its id>.json`` is an error naming it (and the file that
        rightly holds that id, if any): two files can never claim one edition."""
        eds = [self.load_frozen_edition(path) for path in self.edition_paths()]
        return sorted(eds, key=edition_order)

    def load_frozen_edition(self, path: Path) -> Edition:
        """The edition in ``content/editions/<id>.json``; a file whose name is not its id is an
        error naming it (and the file that rightly holds that id, if any)."""
        edition = self.load_edition(path)
        if path.stem != edition.id:
            other = self.editions_dir / f"{edition.id}.json"
            also = f"; {other} also holds it" if other.is_file() else ""
            raise SchemaError(
                f"edition id {edition.id!r} does not match the file name "
                f"(expected {edition.id}.json){also}",
                file=path,
                field="id",
            )
        return edition

    def save_edition(self, edition: Edition) -> Path:
        """Write an edition snapshot atomically; returns its path."""
        path = self.edition_path(edition.id)
        self._write(path, edition_to_text(edition))
        return path
