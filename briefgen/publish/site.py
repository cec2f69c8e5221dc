"""``briefgen build``: every edition into ``site/<id>/``, ``latest/``, versions.json, feeds.

The order of work keeps site/ whole for readers at every instant, even if the build is killed:
validate and plan, build each changed edition with MkDocs (strict) into a temporary folder beside
site/ (``.briefgen-build-*``), copy the newest into its ``latest``, and only when all of that
succeeded swap each folder into site/ atomically (:mod:`briefgen.publish.swap`), then write the
feeds, versions.json and the root redirect (so they name only folders that exist), then remove
editions that are gone, then the state file. An edition whose inputs hash (stored in
``site/.briefgen-state.json``) did not change is not rebuilt; when nothing under content/, the
templates or mkdocs.yml changed, the build is a no-op that reads no content at all.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen import __version__
from briefgen.config import Project, Settings
from briefgen.errors import BriefgenError, BuildError
from briefgen.publish.gates import check_frozen, summarize_stale
from briefgen.publish.swap import clean_stale, make_staging, place, remove_folder, step
from briefgen.publish.versions import (
    FEED_FILE,
    FEEDS_DIR,
    INDEX_FILE,
    LATEST,
    VERSIONS_FILE,
    redirect_html,
    versions_json,
)
from briefgen.store import atomic_write

if TYPE_CHECKING:
    from briefgen.publish.editions import PlannedEdition
    from briefgen.render.pages import EditionInput

# The no-op path (nothing changed) imports only the above; the rest is imported when needed, so
# an up-to-date build answers in well under a second even for large sites.
PACKAGE = Path(__file__).resolve().parent.parent

log = logging.getLogger(__name__)

STATE_FILE = ".briefgen-state.json"
"""Per-edition input hashes of the last successful build, inside site/."""
DEFAULT_SITE_URL = "http://localhost/"
"""Used for sitemaps (Material's same-page version switching) when mkdocs.yml sets no site_url."""


@dataclass(frozen=True)
class BuildReport:
    """What a build did."""

    site_dir: Path
    editions: tuple[str, ...]
    built: tuple[str, ...]
    latest: str
    summarized: tuple[str, ...] = ()

    @property
    def noop(self) -> bool:
        """True when nothing had to be rebuilt."""
        return not self.built


def edition_input(planned: PlannedEdition, settings: Settings) -> EditionInput:
    """The render input of a planned edition (with its "What changed" against the one before)."""
    from briefgen.render.pages import EditionInput
    from briefgen.review.compare import compare

    prev = planned.previous
    return EditionInput(
        edition=planned.edition,
        previous_id=prev.id if prev else None,
        changes=compare(prev.briefings, planned.edition.briefings) if prev else None,
        last_changed=planned.last_changed,
        timeline_cap=settings.timeline_cap,
        working=planned.working,
    )


def _files_digest(h: Any, root: Path, label: str) -> None:
    if not root.is_dir():
        return
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(f"{label}/{path.relative_to(root).as_posix()}\n".encode())
        h.update(path.read_bytes())


def _common_digest(project: Project, docs_dir: Path) -> str:
    """Everything besides content/ that shapes every edition: code, templates, config, docs/."""
    h = hashlib.sha256(f"briefgen {__version__}\n".encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        h.update(f"code/{path.relative_to(PACKAGE).as_posix()}\n".encode())
        h.update(path.read_bytes())
    _files_digest(h, PACKAGE / "templates", "templates")
    _files_digest(h, project.templates_dir, "overrides")
    _files_digest(h, PACKAGE / "assets", "assets")
    h.update(project.config_file.read_bytes())
    _files_digest(h, docs_dir, "docs")
    return h.hexdigest()


def _fingerprint(project: Project, common: str) -> str:
    h = hashlib.sha256(common.encode())
    h.update(project.store.digest().encode())  # refuses links out of content/, skips FIFOs
    return h.hexdigest()


def _edition_hash(p: PlannedEdition, common: str, site_url: str) -> str:
    from briefgen.publish.editions import content_digest

    h = hashlib.sha256(f"{common}\n{site_url}\n{p.edition.id}\n{p.edition.released}\n".encode())
    h.update(content_digest(p.edition).encode())
    h.update((content_digest(p.previous) + p.previous.id if p.previous else "-").encode())
    h.update(f"{p.working}\n{p.last_changed}\n".encode())
    return h.hexdigest()


def _read_state(site_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads((site_dir / STATE_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


@contextlib.contextmanager
def _env(**values: str) -> Iterator[None]:
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _mkdocs_build(
    project: Project, inp: EditionInput, out: Path, site_url: str, docs_dir: Path | None
) -> None:
    """Render one edition, then build it with MkDocs (strict) into ``out``."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException, PluginError

    from briefgen.render.env import make_env
    from briefgen.render.pages import render_edition

    rendered = render_edition(inp, make_env(project.templates_dir))
    released = inp.edition.released
    epoch = int(dt.datetime(released.year, released.month, released.day, tzinfo=dt.UTC).timestamp())
    kwargs: dict[str, Any] = {"site_dir": str(out), "strict": True, "site_url": site_url}
    if docs_dir is not None:
        kwargs["docs_dir"] = str(docs_dir)
    with _env(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=str(max(epoch, 0))):
        try:
            cfg = load_config(config_file=str(project.config_file), **kwargs)
            plugin = cfg.plugins.get("briefgen")
            if plugin is None or not hasattr(plugin, "use_edition"):
                raise BuildError("the briefgen plugin is not enabled", file=project.config_file)
            plugin.use_edition(inp, rendered)
            build(cfg)
        except PluginError as exc:
            if isinstance(exc.__cause__, BriefgenError):
                raise exc.__cause__ from None
            raise BuildError(f"edition {inp.edition.id}: {exc}") from None
        except MkDocsException as exc:
            raise BuildError(f"edition {inp.edition.id}: mkdocs: {exc}") from None


def build_site(project: Project, *, frozen: bool = False) -> BuildReport:
    """Build every edition into site/; see the module docstring for the steps."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    site_dir = (project.root / str(project.mkdocs.get("site_dir", "site"))).resolve()
    docs_dir = project.root / str(project.mkdocs.get("docs_dir", "docs"))
    site_url = str(project.mkdocs.get("site_url") or DEFAULT_SITE_URL).rstrip("/") + "/"
    if frozen:
        check_frozen(project)
    clean_stale(site_dir)  # what a killed build left (the project lock keeps others out)
    common = _common_digest(project, docs_dir)
    state = _read_state(site_dir)
    known: dict[str, str] = (
        state.get("editions", {}) if isinstance(state.get("editions"), dict) else {}
    )
    fingerprint = _fingerprint(project, common)
    complete = (
        bool(known)
        and all((site_dir / e).is_dir() for e in [*known, LATEST])
        and all((site_dir / f).is_file() for f in (INDEX_FILE, VERSIONS_FILE))
    )
    if state.get("fingerprint") == fingerprint and complete:
        ids = tuple(state.get("order", []))
        return BuildReport(site_dir, ids, (), ids[-1] if ids else "")
    summarized = () if frozen else summarize_stale(project)
    if summarized:
        fingerprint = _fingerprint(project, common)
    from briefgen.publish.editions import plan_editions

    plan = plan_editions(project.store)
    hashes = {p.edition.id: _edition_hash(p, common, site_url) for p in plan}
    stale = [
        p
        for p in plan
        if known.get(p.edition.id) != hashes[p.edition.id] or not (site_dir / p.edition.id).is_dir()
    ]
    newest = plan[-1].edition.id
    staging = make_staging(site_dir)
    try:
        docs = docs_dir if docs_dir.is_dir() else staging / ".empty-docs"
        docs.mkdir(exist_ok=True)
        for p in stale:
            log.info("building edition %s", p.edition.id)
            inp = edition_input(p, project.settings)
            edition_url = f"{site_url}{p.edition.id}/"
            _mkdocs_build(project, inp, staging / p.edition.id, edition_url, docs)
        built = [p.edition.id for p in stale]
        new_latest = (
            newest in built
            or state.get("latest") != hashes[newest]
            or not (site_dir / LATEST).is_dir()
        )
        if new_latest:
            source = staging / newest if newest in built else site_dir / newest
            shutil.copytree(source, staging / LATEST)  # a real copy: no symlinks, no hard links
        step("staged")
        base = site_url if project.mkdocs.get("site_url") else ""
        with _site_errors(site_dir):
            _swap_in(site_dir, staging, plan, built, new_latest)
            _write_root_files(project, site_dir, plan, base)
            for gone in sorted(set(known) - set(hashes)):
                remove_folder(site_dir / gone, staging / f".gone-{gone}")
            step("pruned")
            new_state = {
                "fingerprint": fingerprint,
                "editions": hashes,
                "order": [p.edition.id for p in plan],
                "latest": hashes[newest],
            }
            atomic_write(
                site_dir / STATE_FILE, json.dumps(new_state, indent=1, sort_keys=True) + "\n"
            )
            step("state-written")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BuildReport(
        site_dir,
        tuple(p.edition.id for p in plan),
        tuple(p.edition.id for p in stale),
        newest,
        summarized,
    )


@contextlib.contextmanager
def _site_errors(site_dir: Path) -> Iterator[None]:
    """An OS error while updating site/ (full disk, permissions) as one line naming site/."""
    try:
        yield
    except OSError as exc:
        where = exc.filename or site_dir
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
        newest = plan[-1].edition.id
        index = site_dir / INDEX_FILE

        def redirect_to_newest() -> None:
            if index.is_file():
                atomic_write(index, redirect_html(f"{newest}/"))

        place(staging / LATEST, site_dir / LATEST, staging / ".old-latest", redirect_to_newest)
    step("latest-placed")


def _write_root_files(
    project: Project, site_dir: Path, plan: list[PlannedEdition], base: str
) -> None:
    """The Atom feeds, then versions.json, then the redirect index.html (each file atomic).

    Called once every edition folder and ``latest/`` are in place, so what versions.json lists
    and where index.html sends the reader exist the moment either is written."""
    from briefgen.publish.feeds import editions_feed, topic_feeds

    name = str(project.mkdocs.get("site_name") or "Briefings")
    atomic_write(site_dir / FEED_FILE, editions_feed(plan, name, base))
    feeds = topic_feeds(plan, name, base)
    for topic, data in feeds.items():
        atomic_write(site_dir / FEEDS_DIR / f"{topic}.xml", data)
    step("feeds-written")
    atomic_write(site_dir / VERSIONS_FILE, versions_json([p.edition.id for p in plan]))
    step("versions-written")
    atomic_write(site_dir / INDEX_FILE, redirect_html())
    step("index-written")
    feeds_dir = site_dir / FEEDS_DIR
    if feeds_dir.is_dir():
        for old in feeds_dir.glob("*.xml"):
            if old.stem not in feeds:
                old.unlink()
