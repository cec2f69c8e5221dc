"""Building the site: every edition into ``site/<id>/``, ``latest/``, versions.json, feeds.

:mod:`briefgen.app.build` drives it: :func:`unchanged_build` (the no-op check), then summarizing,
then :func:`build_editions` with the edition plan.

The order of work keeps site/ whole for readers at every instant, even if the build is killed:
validate and plan, build each changed edition and the changed shared source pages with MkDocs
(strict) into a temporary folder beside site/ (``.briefgen-build-*``; in ``jobs`` worker processes,
:mod:`briefgen.publish.mkbuild`), write ``latest`` and each pruned edition as pages redirecting to
an edition (:mod:`briefgen.publish.prune`), archive the built editions older than the newest
``full_editions`` (:mod:`briefgen.publish.archive`), and only when all of that succeeded swap each
folder into site/ atomically (:mod:`briefgen.publish.swap`), archive in place the editions that
left the window since, then write the feeds, versions.json and the root redirect (so they name
only folders that exist), then remove editions that are gone, then the state file. An edition
whose inputs hash (stored in ``site/.briefgen-state.json``) did not change is not rebuilt, and the
facts of frozen editions whose file did not change are taken from that file too
(:mod:`briefgen.publish.facts`), so they are not read; when nothing under content/, the templates
or mkdocs.yml changed, the build is a no-op that reads no content at all.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

import msgspec

from briefgen import __version__
from briefgen.config import Settings, SiteConfig
from briefgen.errors import BuildError
from briefgen.fsio import what_is
from briefgen.publish.facts import CachedEdition, cache_to_json, read_cache
from briefgen.publish.links import SiteLinks
from briefgen.publish.swap import STAGING_PREFIX, make_staging, place, remove_folder, step
from briefgen.publish.versions import FAVICON, INDEX_FILE, LATEST, VERSIONS_FILE, redirect_html
from briefgen.store import Store, atomic_write

if TYPE_CHECKING:
    from collections.abc import Mapping

    from briefgen.publish.editions import PlannedEdition
    from briefgen.publish.mkbuild import Builds, Task
    from briefgen.publish.shared import ThemeAssets
    from briefgen.render.pages import EditionInput

# The no-op path (nothing changed) imports only the above; the rest is imported when needed, so
# an up-to-date build answers in well under a second even for large sites.
PACKAGE = Path(__file__).resolve().parent.parent

log = logging.getLogger(__name__)
_P = ParamSpec("_P")
_R = TypeVar("_R")

STATE_FILE = ".briefgen-state.json"
"""Per-edition input hashes of the last successful build, inside site/."""
NO_SITE_URL = (
    "site_url is not set in %s: pages get no canonical link, editions no sitemap.xml (switching "
    "editions opens the edition's home page) and feeds relative links. Set site_url to the "
    "address the site is published at."
)


class BuildReport(msgspec.Struct, frozen=True):
    """What a build did."""

    site_dir: Path
    editions: tuple[str, ...]
    built: tuple[str, ...]
    latest: str
    summarized: tuple[str, ...] = ()
    pruned: tuple[str, ...] = ()
    """Editions published as redirects to the nearest kept one (``keep_editions``, ``prune``)."""


class LastBuild(msgspec.Struct, frozen=True):
    """What the last build's state file says that the next build reuses."""

    cache: dict[str, CachedEdition]
    """Per frozen edition, its facts and the stat of its file (:mod:`briefgen.publish.facts`)."""
    keep: int
    """The ``briefgen prune --keep`` count in force (0: none)."""


def last_build(site_dir: Path) -> LastBuild:
    """The edition facts cache and the kept-editions count of the last build into ``site_dir``."""
    state = _read_state(site_dir)
    keep = state.get("keep", 0)
    return LastBuild(
        read_cache(state.get("edition_facts")), keep if isinstance(keep, int) and keep > 0 else 0
    )


class SiteBuild(msgspec.Struct, frozen=True):
    """What a build reads besides the editions: MkDocs' site options, the template overrides,
    the settings and the content folder (whose bytes decide whether anything changed)."""

    site: SiteConfig
    settings: Settings
    templates_dir: Path
    store: Store

    @property
    def site_url(self) -> str:
        """The configured site URL with one trailing slash, or ``""`` when unset."""
        return self.site.site_url.rstrip("/") + "/" if self.site.site_url else ""

    @property
    def links(self) -> SiteLinks:
        """How the published site is addressed (feeds, feed links on pages)."""
        return SiteLinks(
            self.site.site_name or "Briefings", self.site_url, self.site.use_directory_urls
        )


def edition_input(
    planned: PlannedEdition,
    settings: Settings,
    source_links: Mapping[str, str] | None = None,
    archived: bool = False,
) -> EditionInput:
    """The render input of a planned edition (with its "What changed" against the one before);
    ``source_links`` when it links to the shared source pages (:mod:`briefgen.publish.shared`);
    ``archived`` when it is built to be archived (:mod:`briefgen.publish.archive`)."""
    from briefgen.changes import compare_editions
    from briefgen.render.pages import EditionInput

    prev = planned.previous
    return EditionInput(
        edition=planned.edition,
        previous_id=prev.id if prev else None,
        changes=compare_editions(prev, planned.edition) if prev else None,
        last_changed=planned.last_changed,
        timeline_cap=settings.timeline_cap,
        working=planned.working,
        source_links=source_links,
        archived=archived,
    )


def _files_digest(h: Any, root: Path, label: str) -> None:
    """Hash the files under ``root``; anything there but files and folders (a FIFO, whose
    reading MkDocs or Jinja would wait on forever, a socket, a broken link) is refused."""
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        kind = what_is(path)
        if kind == "folder":
            continue
        if kind != "file":
            raise BuildError(f"not a regular file ({kind}): the build cannot read it", file=path)
        h.update(f"{label}/{path.relative_to(root).as_posix()}\n".encode())
        h.update(path.read_bytes())


def _common_digest(target: SiteBuild) -> str:
    """Everything besides content/ that shapes every edition: code, templates, config, docs/."""
    h = hashlib.sha256(f"briefgen {__version__}\n".encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        h.update(f"code/{path.relative_to(PACKAGE).as_posix()}\n".encode())
        h.update(path.read_bytes())
    _files_digest(h, PACKAGE / "templates", "templates")
    _files_digest(h, target.templates_dir, "overrides")
    _files_digest(h, PACKAGE / "assets", "assets")
    _files_digest(h, PACKAGE / "overrides", "theme-overrides")
    h.update(target.site.config_file.read_bytes())
    h.update(target.site.digest.encode())  # INHERIT parents and !ENV values
    _files_digest(h, target.site.docs_dir, "docs")
    return h.hexdigest()


def _fingerprint(target: SiteBuild, common: str, state: dict[str, Any]) -> tuple[str, Any]:
    """The hash of everything a build reads, and the content files' stat cache for the state
    file: a file whose size, times and inode match the last build's is not read again."""
    known = state.get("files")
    digest, files = target.store.digest_cached(known if isinstance(known, dict) else {})
    h = hashlib.sha256(common.encode())
    h.update(digest.encode())  # refuses links out of content/, skips FIFOs
    return h.hexdigest(), files


def _edition_hash(
    p: PlannedEdition, common: str, site_url: str, source_links: Mapping[str, str]
) -> str:
    h = hashlib.sha256(f"{common}\n{site_url}\n{p.id}\n{p.released}\n".encode())
    h.update(json.dumps(source_links, sort_keys=True).encode())  # where its citations point
    h.update(p.facts.digest.encode())
    prev = p.previous_facts
    h.update((prev.digest + prev.id if prev else "-").encode())
    # Not ``p.working``: the working edition renders exactly as the release that freezes it, so
    # ``release`` right after ``build`` rebuilds nothing.
    h.update(f"{p.last_changed}\n".encode())
    return h.hexdigest()


def _had_full(state: Mapping[str, Any], built: Mapping[str, str]) -> set[str]:
    """The editions the last build left in full (:mod:`.archive`); every edition when the state
    predates ``full_editions`` (archiving them again is harmless: it is idempotent)."""
    full = state.get("full")
    return {str(e) for e in full} if isinstance(full, list) else set(built)


def _read_state(site_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads((site_dir / STATE_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def unchanged_build(target: SiteBuild) -> BuildReport | None:
    """The last build's report when nothing under content/, the templates, the code or the config
    changed since it and its folders and root files are all there; else None. Reads no content,
    only bytes."""
    site_dir = target.site.site_dir
    state = _read_state(site_dir)
    known = state.get("editions", {}) if isinstance(state.get("editions"), dict) else {}
    sources = state.get("sources", {}) if isinstance(state.get("sources"), dict) else {}
    complete = (
        bool(known)
        and all((site_dir / e).is_dir() for e in [*known, LATEST])
        and all((site_dir / f).is_file() for f in (INDEX_FILE, VERSIONS_FILE))
        and all((site_dir / "sources" / name).is_dir() for name in sources)
    )
    if (
        state.get("fingerprint") == _fingerprint(target, _common_digest(target), state)[0]
        and complete
    ):
        ids = tuple(state.get("order", []))
        pruned = state.get("pruned", {})
        gone = tuple(e for e in ids if isinstance(pruned, dict) and e in pruned)
        return BuildReport(site_dir, ids, (), ids[-1] if ids else "", pruned=gone)
    return None


def _one_line_errors(
    build: Callable[Concatenate[SiteBuild, _P], _R],
) -> Callable[Concatenate[SiteBuild, _P], _R]:
    """``build`` with an OS error anywhere in it (a full disk or a file size limit met by a
    worker writing the staging folder, a read-only folder) as one line (:func:`_site_errors`)."""

    @functools.wraps(build)
    def one_line(target: SiteBuild, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with _site_errors(target.site.site_dir):
            return build(target, *args, **kwargs)

    return one_line


@_one_line_errors
def build_editions(
    target: SiteBuild,
    plan: list[PlannedEdition],
    summarized: tuple[str, ...] = (),
    progress: Callable[[int, int, str], None] | None = None,
    *,
    jobs: int = 1,
    keep: int = 0,
) -> BuildReport:
    """Build the editions of ``plan`` whose inputs changed; see the module docstring.
    ``progress(done, total, edition id)`` is called after each edition is built; ``jobs``
    worker processes share the editions, their data files and batches of the source pages
    (:mod:`.mkbuild`; the same bytes as one process); all but
    the newest ``keep`` editions (0: none) are published as redirects (:mod:`.prune`), and kept
    editions older than the newest ``full_editions`` are archived, in place once built
    (:mod:`.archive`)."""
    from briefgen.publish.archive import archive_edition, full_window
    from briefgen.publish.mkbuild import (
        Builds,
        gather_data,
        run_builds,
        schedule,
        sources_input,
        split_data,
    )
    from briefgen.publish.prune import kept_editions

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    site_dir = target.site.site_dir
    docs_dir = target.site.docs_dir
    site_url = target.site_url
    common = _common_digest(target)
    state = _read_state(site_dir)
    known: dict[str, str] = (
        state.get("editions", {}) if isinstance(state.get("editions"), dict) else {}
    )
    was_pruned: dict[str, str] = (
        state.get("pruned", {}) if isinstance(state.get("pruned"), dict) else {}
    )
    fingerprint, files = _fingerprint(target, common, state)
    pruned, kept = kept_editions([p.id for p in plan], keep)
    plan = [msgspec.structs.replace(p, pruned=True) if p.id in pruned else p for p in plan]
    from briefgen.publish import shared

    live = [p for p in plan if not p.pruned]
    pages, folders = shared.shared_sources(live)
    links = {p.id: shared.source_links(p, folders) for p in live}
    hashes = {p.id: _edition_hash(p, common, site_url, links[p.id]) for p in live}
    page_hashes = shared.page_digests(pages, common, site_url)
    known_pages = state.get("sources", {}) if isinstance(state.get("sources"), dict) else {}
    stale_pages = [
        name
        for name in sorted(pages)
        if known_pages.get(name) != page_hashes[name]
        or not (site_dir / shared.SOURCES_DIR / name).is_dir()
    ]
    old_assets = state.get("assets")
    keys = {  # the asset folder of each build
        k: v
        for k, v in (old_assets if isinstance(old_assets, dict) else {}).items()
        if isinstance(v, str)
    }
    asset_keys = {k: v for k, v in keys.items() if k in hashes or k == shared.SOURCES_KEY}
    full = full_window([p.id for p in live], target.settings.full_editions)
    had_full = _had_full(state, known)
    stale = [
        p
        for p in plan
        if not p.pruned
        and (
            known.get(p.id) != hashes[p.id]
            or not (site_dir / p.id).is_dir()
            or (p.id in full and p.id not in had_full)  # its timeline and data files come back
        )
    ]
    newest = plan[-1].id
    if not site_url:
        log.warning(NO_SITE_URL, target.site.config_file.name)
    staging = make_staging(site_dir)
    try:
        docs = docs_dir if docs_dir.is_dir() else staging / ".empty-docs"
        docs.mkdir(exist_ok=True)
        builds = Builds(
            target,
            staging,
            docs,
            lambda p: edition_input(p, target.settings, links[p.id], p.id not in full),
            pages,
            sources_input(pages[stale_pages[0]].cited_by, links[pages[stale_pages[0]].cited_by.id])
            if stale_pages
            else None,
            split_data(docs),
        )
        tasks = schedule(stale, stale_pages, jobs, full if builds.split_data else ())
        root: dict[str, dict[str, bytes | str]] = {}  # made while the workers build
        themes = run_builds(
            builds, tasks, jobs, progress, lambda: root.update(_root_files(target, plan))
        )
        gather_data(staging, tasks)
        # the parent stages the theme assets, so two workers never write one asset folder
        for task in tasks:
            theme = themes[task.label]
            if theme is not None and task.edition is not None and not task.data:
                shared.stage_assets(staging, site_dir, theme.key, theme.files)
                asset_keys[task.label] = theme.key
        if stale_pages:
            stale_pages = _stage_sources(builds, tasks, themes, asset_keys, jobs)
        built = [p.id for p in stale]
        urls = target.site.use_directory_urls
        for eid in sorted(set(built) - full):
            archive_edition(staging / eid, eid, urls)
        new_latest = (
            newest in built
            or state.get("latest") != hashes[newest]
            or not (site_dir / LATEST).is_dir()
        )
        if new_latest:
            _stage_redirects(target, staging, LATEST, [], newest, built)
        redirected = {eid: kept[0] for eid in pruned}
        redone = [
            eid
            for eid in pruned
            if was_pruned.get(eid) != kept[0] or kept[0] in built or not (site_dir / eid).is_dir()
        ]
        facts = {p.id: p.facts for p in plan}
        for eid in redone:
            _stage_redirects(target, staging, eid, facts[eid].topic_slugs, kept[0], built)
        step("staged")
        shared.place_shared(staging, site_dir, stale_pages)
        _swap_in(site_dir, staging, plan, [*built, *redone], new_latest)
        for eid in sorted((had_full & set(hashes)) - full - set(built)):
            archive_edition(site_dir / eid, eid, urls)  # in place: not rendered again
        _write_root_files(target, root)
        for gone in sorted((set(known) | set(was_pruned)) - {p.id for p in plan}):
            remove_folder(site_dir / gone, staging / f".gone-{gone}")
        shared.remove_unused(staging, site_dir, page_hashes, set(asset_keys.values()))
        step("pruned")
        cache = {p.id: p.cache_entry() for p in plan}
        new_state = {
            "fingerprint": fingerprint,
            "editions": hashes,
            "pruned": redirected,
            "keep": keep,
            "order": [p.id for p in plan],
            "latest": hashes[newest],
            "files": files,
            "edition_facts": cache_to_json({k: v for k, v in cache.items() if v is not None}),
            "full": sorted(full),
            "sources": page_hashes,
            "assets": asset_keys,
        }
        atomic_write(site_dir / STATE_FILE, json.dumps(new_state, indent=1, sort_keys=True) + "\n")
        step("state-written")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BuildReport(
        site_dir, tuple(p.id for p in plan), tuple(built), newest, summarized, tuple(pruned)
    )


def _stage_sources(
    builds: Builds,
    tasks: list[Task],
    themes: Mapping[str, ThemeAssets | None],
    asset_keys: dict[str, str],
    jobs: int,
) -> list[str]:
    """Gather the built source pages into staging and stage their theme assets; first build all
    of them again when the theme's assets changed since the others were built (they all share
    one asset folder). Returns the pages built."""
    from briefgen.publish import shared
    from briefgen.publish.mkbuild import gather_sources, run_builds, schedule

    site_dir = builds.target.site.site_dir
    before = asset_keys.get(shared.SOURCES_KEY)
    sources = [t for t in tasks if t.edition is None]
    stale = [name for t in sources for name in t.pages]
    theme = themes[sources[0].label]
    changed = theme is not None and before is not None and theme.key != before
    if changed and len(stale) < len(builds.pages):
        for task in sources:
            shutil.rmtree(builds.staging / task.out, ignore_errors=True)
        stale = sorted(builds.pages)  # every page links to the new assets
        sources = schedule([], stale, jobs)
        theme = run_builds(builds, sources, jobs)[sources[0].label]
    gather_sources(builds.staging, sources)
    if theme is not None:
        shared.stage_assets(builds.staging, site_dir, theme.key, theme.files)
        asset_keys[shared.SOURCES_KEY] = theme.key
    return stale


def _stage_redirects(
    target: SiteBuild,
    staging: Path,
    name: str,
    topics: tuple[str, ...] | list[str],
    dest: str,
    built: list[str],
) -> None:
    """Stage ``name`` (``latest`` or a pruned edition) as a folder of pages redirecting to the
    same pages of edition ``dest``: the pages ``name`` has now (``latest``: ``dest``'s), else the
    home, What changed and topic pages of an edition never built."""
    from briefgen.publish.prune import edition_pages, html_pages, redirect_tree, write_tree

    site_dir = target.site.site_dir
    dest_pages = html_pages(staging / dest if dest in built else site_dir / dest)
    if name == LATEST:
        pages = dest_pages
    else:
        pages = html_pages(site_dir / name) or edition_pages(topics, target.site.use_directory_urls)
    tree = redirect_tree(pages, dest, dest_pages, target.site.use_directory_urls)
    write_tree(staging / name, tree)
    icon = (staging / dest if dest in built else site_dir / dest) / FAVICON
    if name == LATEST and icon.is_file():  # the root redirect page names latest/'s favicon
        (staging / name / FAVICON).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(icon, staging / name / FAVICON)


@contextlib.contextmanager
def _site_errors(site_dir: Path) -> Iterator[None]:
    """An OS error while updating site/ (full disk, permissions) as one line naming site/ (or
    the file, when it is not in the staging folder, which is gone by then)."""
    try:
        yield
    except OSError as exc:
        where = exc.filename or site_dir
        if STAGING_PREFIX in str(where):
            where = site_dir
        raise BuildError(f"cannot update the site: {exc.strerror or exc}", file=where) from None


def _swap_in(
    site_dir: Path,
    staging: Path,
    plan: list[PlannedEdition],
    editions: list[str],
    new_latest: bool,
) -> None:
    """Move each built edition folder, then ``latest``, from staging into site/, one at a time.

    Every edition folder the old versions.json lists exists throughout (each is exchanged
    atomically with its replacement); new ones appear before any root file names them. Where
    ``latest/`` cannot be exchanged atomically, the root redirect first points at the newest
    edition's own folder, so it never points at a missing one."""
    site_dir.mkdir(parents=True, exist_ok=True)
    for eid in editions:
        place(staging / eid, site_dir / eid, staging / f".old-{eid}")
        step("edition-placed")
    step("editions-placed")
    if new_latest:
        newest = plan[-1].id
        index = site_dir / INDEX_FILE

        def redirect_to_newest() -> None:
            if index.is_file():
                atomic_write(index, redirect_html(f"{newest}/"))

        place(staging / LATEST, site_dir / LATEST, staging / ".old-latest", redirect_to_newest)
    step("latest-placed")


def _root_files(target: SiteBuild, plan: list[PlannedEdition]) -> dict[str, dict[str, bytes | str]]:
    """The site-root files of every registered :data:`~briefgen.publish.outputs.SITE_FILES`
    maker, ``{maker: {path: data}}``, in the order :func:`_write_root_files` writes them: the Atom
    feeds, then versions.json, then the redirect index.html (they name what must exist). A
    function of the plan only, so the build makes them while its workers build the editions."""
    from briefgen.publish.outputs import SITE_FILES

    last = [k for k in ("versions", "index") if k in SITE_FILES]
    keys = [*(k for k in SITE_FILES if k not in last), *last]
    return {key: SITE_FILES[key](plan, target.links) for key in keys}


def _write_root_files(target: SiteBuild, files: Mapping[str, Mapping[str, bytes | str]]) -> None:
    """Write the site-root files (:func:`_root_files`), each file atomic, in that order. Called
    once every edition folder and ``latest/`` are in place, so what versions.json lists and where
    index.html sends the reader exist the moment either is written. A file no maker makes any
    more in a folder the registry owns (an old topic feed) is removed."""
    from briefgen.publish.outputs import OWNED

    site_dir = target.site.site_dir
    made: set[str] = set()
    for key, data_by_path in files.items():
        for rel, data in data_by_path.items():
            atomic_write(site_dir / rel, data)
            made.add(rel)
        step(f"{key}-written")
    for pattern in OWNED:
        for old in site_dir.glob(pattern):
            if old.relative_to(site_dir).as_posix() not in made:
                old.unlink()
