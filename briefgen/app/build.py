"""``briefgen build`` (and the edition ``mkdocs build`` / ``mkdocs serve`` show).

The steps: ``--frozen`` first runs ``check`` and refuses a stale or invalid briefing
(:func:`briefgen.app.check.check_frozen`); when nothing changed since the last build it stops
there (:func:`briefgen.publish.site.unchanged_build`); otherwise it summarizes stale topics
(never with ``--frozen``), plans the editions and builds the changed ones
(:func:`briefgen.publish.site.build_editions`).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import msgspec

from briefgen.app.progress import Progress
from briefgen.app.project import Project
from briefgen.config import Settings
from briefgen.publish.shared import ThemeAssets
from briefgen.publish.site import BuildReport, SiteBuild, unchanged_build
from briefgen.publish.swap import clean_stale
from briefgen.store import Store

if TYPE_CHECKING:
    from briefgen.model import Article, Briefing
    from briefgen.render.pages import EditionInput, NavItem, RenderedEdition

T = TypeVar("T")

# An up-to-date build (the common case) imports only the above; the stages are imported when
# there is work to do.

__all__ = [
    "BuildReport",
    "EditionInput",
    "NavItem",
    "PluginEdition",
    "RenderedEdition",
    "ThemeAssets",
    "build_site",
    "edition_data_files",
    "plugin_edition",
    "resolve_root_links",
    "site_build",
    "working_edition",
]


def site_build(project: Project) -> SiteBuild:
    """What the publish stage needs of the project to build its site."""
    return SiteBuild(project.site, project.settings, project.templates_dir, project.store)


def build_site(
    project: Project,
    *,
    frozen: bool = False,
    progress: Progress | None = None,
    jobs: int | None = None,
) -> BuildReport:
    """Build every edition into the site folder; see the module docstring for the steps.
    ``progress(done, total, edition)`` follows the editions built (:mod:`briefgen.app.progress`);
    ``jobs`` worker processes share the work: the editions, their data files and batches of the
    shared source pages (default: one per CPU; 1: all in this process; the same bytes either
    way, :mod:`briefgen.publish.mkbuild`). All but the newest
    ``keep_editions`` (or the count the last ``briefgen prune`` set) are published as redirects."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if frozen:
        from briefgen.app.check import check_frozen

        check_frozen(project)
    target = site_build(project)
    clean_stale(target.site.site_dir)  # what a killed build left (the lock keeps others out)
    done = unchanged_build(target)
    if done is not None:
        return done
    # what is loaded so far (the modules, the config) lives as long as the build: the garbage
    # collector's full passes over the build's many new objects leave it alone
    gc.freeze()
    try:
        return _build_changed(project, frozen, progress, jobs)
    finally:
        gc.unfreeze()


def _build_changed(
    project: Project, frozen: bool, progress: Progress | None, jobs: int | None
) -> BuildReport:
    """Summarize the stale topics, plan the editions, build the changed ones."""
    from briefgen.app.summarize import summarize_stale
    from briefgen.publish.editions import plan_editions
    from briefgen.publish.parallel import default_jobs
    from briefgen.publish.site import build_editions, last_build

    project = msgspec.structs.replace(project, store=ParsedOnce(project.store))
    target = site_build(project)
    summarized = () if frozen else summarize_stale(project)
    last = last_build(target.site.site_dir)
    return build_editions(
        target,
        plan_editions(project.store, last.cache),
        summarized,
        progress,
        jobs=jobs or default_jobs(),
        keep=project.settings.keep_editions or last.keep,
    )


class ParsedOnce(Store):
    """The project's store for one build, parsing each article and briefing file once: the
    staleness check and the edition plan both read every one (parsing is most of either). A
    file is known by its path and stat (inode, size, modification time), so a briefing that
    summarizing rewrites (atomically: a new inode) is parsed again."""

    def __init__(self, store: Store) -> None:
        super().__init__(store.root, store.project_root)
        self._parsed: dict[tuple[str, str], tuple[tuple[int, int, int], Any]] = {}

    def _once(self, kind: str, path: Path, load: Callable[[Path], T]) -> T:
        try:
            st = path.stat()
        except OSError:
            return load(path)  # its error, as without the cache
        stat = (st.st_ino, st.st_size, st.st_mtime_ns)
        hit = self._parsed.get((kind, str(path)))
        if hit is not None and hit[0] == stat:
            return cast(T, hit[1])
        value = load(path)
        self._parsed[(kind, str(path))] = (stat, value)
        return value

    def load_article(self, path: Path) -> Article:
        """:meth:`Store.load_article`, parsed once."""
        return self._once("article", path, super().load_article)

    def load_briefing(self, path: Path) -> Briefing:
        """:meth:`Store.load_briefing`, parsed once."""
        return self._once("briefing", path, super().load_briefing)


def working_edition(store: Store, settings: Settings) -> EditionInput:
    """The newest edition (the working state when it changed) as render input: what a plain
    ``mkdocs build`` or ``mkdocs serve`` shows."""
    from briefgen.publish.editions import plan_editions
    from briefgen.publish.site import edition_input

    return edition_input(plan_editions(store)[-1], settings)


class PluginEdition(msgspec.Struct, frozen=True):
    """What the MkDocs plugin shows when MkDocs runs it directly: the working edition, rendered,
    and the folders to watch for live reload."""

    inp: EditionInput
    rendered: RenderedEdition
    watch: tuple[Path, ...]


def plugin_edition(
    config_file: Path, settings: Settings, inp: EditionInput | None = None
) -> PluginEdition:
    """Render ``inp`` (default: the working edition of the project of ``config_file``)."""
    from briefgen.render.env import make_env
    from briefgen.render.outputs import render_edition

    root = config_file.resolve().parent
    store = Store(root / settings.content_dir, root)
    templates = root / settings.templates_dir
    if inp is None:
        inp = working_edition(store, settings)
    return PluginEdition(inp, render_edition(inp, make_env(templates)), (store.root, templates))


def resolve_root_links(html: str, url: str, directory_urls: bool) -> str:
    """Links to the site root in a built page, relative to it (the shared source pages)."""
    from briefgen.render.views import resolve_root_links as resolve

    return resolve(html, url, directory_urls)


def edition_data_files(inp: EditionInput) -> dict[str, str]:
    """The registered data files of one edition (briefings.json, TimelineJS)."""
    from briefgen.render.outputs import edition_files

    return edition_files(inp)
