"""The MkDocs builds of one ``briefgen build``: each changed edition, and the changed shared
source pages in batches, spread over the worker processes (:mod:`briefgen.publish.parallel`).

MkDocs renders one page at a time in one process. A build has two kinds of independent work: the
editions (each its own MkDocs build into its own folder) and the shared source pages
(:mod:`briefgen.publish.shared`), which are most of the pages (one per cited article) and depend
on nothing but their own article: no search index, no sitemap, the same one-entry navigation. So
with ``jobs`` > 1 the source pages are split into batches, each built by MkDocs on its own into
its own folder, and the batches and the editions are the tasks of one pool, the editions first
(the larger tasks), the batches filling in; a page's bytes do not depend on the batch it was in,
so the site is byte for byte the one a single process builds (a test compares them). With one
job there is one batch, built before the editions, as before.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
from collections.abc import Callable, Container, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from briefgen.errors import BriefgenError, BuildError

if TYPE_CHECKING:
    from briefgen.publish.editions import PlannedEdition
    from briefgen.publish.shared import SharedSource, ThemeAssets
    from briefgen.publish.site import SiteBuild
    from briefgen.render.pages import EditionInput, RenderedEdition

SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")
"""MkDocs' sitemap files, left out of an edition when there is no ``site_url`` to put in them."""
BATCH_PAGES = 100
"""With several jobs, the source pages are built in batches of about this many pages (at least
one batch per job): small enough to even out the workers' loads, large enough that MkDocs'
start-up (its config, the theme's file list) stays a small part of each batch."""
SOURCES_OUT = ".sources-site"
"""The staging folder the shared source pages are gathered in (:func:`place_shared`)."""
PARTS_DIR = ".parts"
"""The staging folder pages rendered for another worker are left in
(:data:`briefgen.publish.parts.FOLDER`)."""
TEMPLATES = ".templates"
"""The staging folder the worker processes of a build share compiled templates through
(:class:`briefgen.plugin.CompiledTemplates`), so each template is compiled once per build."""


class Task(msgspec.Struct, frozen=True):
    """One task of a build: an edition's MkDocs build, the data files of an edition built
    apart (``data``), a MkDocs build of a batch of the shared source pages (their folder
    names), a MkDocs build of no page that compiles the theme's templates for the others
    (``warm``, :func:`warm_up`), or pages of an edition rendered for its worker (``part``,
    :func:`split_off`); ``label`` is the edition id, ``data/<id>``, ``sources/<n>`` for batch
    ``n``, ``warm/<id>`` or ``parts/<id>``."""

    label: str
    edition: PlannedEdition | None = None
    pages: tuple[str, ...] = ()
    data: bool = False
    warm: bool = False
    part: bool = False

    @property
    def out(self) -> str:
        """The task's output folder under staging."""
        if self.edition is None:
            return f"{SOURCES_OUT}-{self.label.partition('/')[2]}"
        if self.warm:
            return f".warm-{self.edition.id}"
        if self.part:
            return PARTS_DIR
        return f".data-{self.edition.id}" if self.data else self.edition.id


def warm_up(tasks: Sequence[Task], jobs: int) -> Task | None:
    """A task that compiles the theme's templates (and lists its files) into the folder the
    workers share (:data:`TEMPLATES`), for a build whose MkDocs builds leave a worker idle and
    build no source pages (which would compile them): an edition rebuilt on its own, as after
    each day's change. It is a MkDocs build of no page (MkDocs still renders its 404 page, from
    the templates every page uses), run on the idle worker while the edition's worker renders
    and converts its pages; nothing of it is published. None when no worker would be idle."""
    builds = [t for t in tasks if not t.data]
    if jobs <= 1 or len(builds) >= jobs or any(t.edition is None for t in builds):
        return None
    first = builds[0].edition if builds else None
    return None if first is None else Task(f"warm/{first.id}", edition=first, warm=True)


def split_off(tasks: Sequence[Task], jobs: int) -> Task | None:
    """A task that renders part of the first edition's pages (:mod:`briefgen.publish.parts`)
    for its worker, for a build with fewer editions than workers (a worker is idle at the
    start): the edition's build is the longest task of a small build. None otherwise."""
    editions = [t for t in tasks if t.edition is not None and not t.data]
    if jobs <= 1 or not editions or len(editions) >= jobs:
        return None
    first = editions[0].edition
    return None if first is None else Task(f"parts/{first.id}", edition=first, part=True)


def batches(pages: Sequence[str], jobs: int, busy: int = 0) -> list[tuple[str, ...]]:
    """``pages`` in consecutive batches: one with one job, else about :data:`BATCH_PAGES` pages
    each, and at least one for each of the ``jobs`` workers not ``busy`` with the build's
    other tasks (never an empty one). A batch is a MkDocs build with its own start-up, so a
    worker that would build two small batches of a small build builds one."""
    if not pages:
        return []
    if jobs <= 1:
        return [tuple(pages)]
    count = min(len(pages), max(1, jobs - busy, round(len(pages) / BATCH_PAGES)))
    size, extra = divmod(len(pages), count)
    out, start = [], 0
    for i in range(count):
        end = start + size + (i < extra)
        out.append(tuple(pages[start:end]))
        start = end
    return out


def schedule(
    editions: Sequence[PlannedEdition],
    pages: Sequence[str],
    jobs: int,
    data: Container[str] = (),
) -> list[Task]:
    """The tasks of a build: with one job the source pages in one batch, then the editions; with
    more, the editions first, then the batches of source pages. The data files of each edition
    whose id is in ``data`` are a task of their own, after the editions (see :func:`split_data`;
    an archived edition, outside :func:`briefgen.publish.archive.full_window`, gets none).
    The batches are at least as many as the workers the other tasks leave idle
    (:func:`batches`)."""
    built = [Task(p.id, edition=p) for p in editions]
    built += [Task(f"data/{p.id}", edition=p, data=True) for p in editions if p.id in data]
    split = batches(pages, jobs, len(built))
    sources = [Task(f"sources/{i}", pages=b) for i, b in enumerate(split)]
    return [*sources, *built] if jobs <= 1 else [*built, *sources]


def split_data(docs_dir: Path) -> bool:
    """Whether the editions' data files (briefings.json, TimelineJS: a fifth of an edition's
    build at 1,000 articles) are made as tasks of their own, beside the MkDocs builds: when
    ``docs_dir`` has no page of the user's, since none of the generated pages links to them
    and MkDocs validates a link to a file only against the files it builds."""
    return not any(docs_dir.rglob("*.md"))


def write_data(folder: Path, files: Mapping[str, str]) -> None:
    """Write the data files ``{path: text}`` under ``folder`` (as MkDocs writes them)."""
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))


def gather_data(staging: Path, tasks: Sequence[Task]) -> None:
    """Move each data task's files into its edition's built folder, where MkDocs would have
    written them; a file the build already has there (a file of docs/ or of the theme at that
    path) wins, as it does over a generated file in MkDocs."""
    for task in tasks:
        if not task.data:
            continue
        folder = staging / task.out
        into = staging / task.label.partition("/")[2]
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            dest = into / path.relative_to(folder)
            if not dest.exists():
                dest.parent.mkdir(parents=True, exist_ok=True)
                path.rename(dest)
        shutil.rmtree(folder)


def sources_input(cited_by: PlannedEdition, links: Mapping[str, str]) -> EditionInput:
    """What a build of source pages needs of an edition: its id (for errors) and release date
    (the pages' build date); no comparison with the edition before it."""
    from briefgen.render.pages import EditionInput

    edition = cited_by.edition
    return EditionInput(edition, None, None, cited_by.last_changed, 0, cited_by.working, links)


def gather_sources(staging: Path, tasks: Sequence[Task]) -> None:
    """Move the pages of every batch's folder into ``staging/.sources-site``, where
    :func:`briefgen.publish.shared.place_shared` takes them from."""
    into = staging / SOURCES_OUT
    into.mkdir(exist_ok=True)
    for task in tasks:
        if task.edition is None:
            for name in task.pages:
                (staging / task.out / name).rename(into / name)
            shutil.rmtree(staging / task.out)


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


def mkdocs_build(
    target: SiteBuild,
    inp: EditionInput,
    out: Path,
    site_url: str | None,
    docs_dir: Path | None,
    rendered: RenderedEdition | None = None,
    data_files: bool = True,
    theme_files: dict[Any, Any] | None = None,
    templates: Path | None = None,
    parts: Path | None = None,
) -> ThemeAssets | None:
    """Render one edition, then build it with MkDocs (strict) into ``out``: at ``site_url`` when
    given (canonical links, sitemap), else with relative links only and no sitemap. The theme
    assets are left out (returned, for ``assets/<key>/`` at the site root). Given ``rendered``
    pages, build only those, as the shared source pages (:mod:`briefgen.publish.shared`).
    Without ``data_files``, the edition's data files are left out (a data task makes them).
    ``theme_files`` keeps the theme's file list for the next builds of the same run;
    ``templates`` is where the worker processes of a run share compiled templates; ``parts``,
    the staging folder where another worker leaves part of the edition's pages
    (:func:`briefgen.publish.parts.fetch`)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException, PluginError

    from briefgen.publish.feeds import page_feeds
    from briefgen.publish.parts import PARTS, fetch
    from briefgen.publish.shared import sources_config
    from briefgen.render.env import make_env
    from briefgen.render.outputs import Apart, render_edition, render_late
    from briefgen.render.pages import RenderedEdition

    pages_only = rendered is not None
    released = inp.edition.released
    epoch = int(dt.datetime(released.year, released.month, released.day, tzinfo=dt.UTC).timestamp())
    kwargs: dict[str, Any] = {"site_dir": str(out), "strict": True}
    if site_url:
        kwargs["site_url"] = site_url
    if docs_dir is not None:
        kwargs["docs_dir"] = str(docs_dir)
    with _env(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=str(max(epoch, 0))):
        try:
            cfg = load_config(config_file=str(target.site.config_file), **kwargs)
            plugin = cfg.plugins.get("briefgen")
            if plugin is None or not hasattr(plugin, "use_edition"):
                raise BuildError("the briefgen plugin is not enabled", file=target.site.config_file)
            if pages_only:
                sources_config(cfg)
            later = None
            if rendered is None:
                env = make_env(target.templates_dir)
                folder = parts
                if folder is None:
                    rendered = render_edition(inp, env)
                else:  # the part made apart is taken when MkDocs adds the pages
                    apart = Apart(PARTS, lambda: fetch(folder, inp, env))
                    nav, later = render_late(inp, env, apart)
                    rendered = RenderedEdition((), nav)
            feeds = {} if pages_only else page_feeds(inp.edition, target.links)
            plugin.use_edition(
                inp,
                rendered,
                feeds,
                share_assets=True,
                pages_only=pages_only,
                data_files=data_files,
                theme_files=theme_files,
                templates=templates,
                later=later,
            )
            build(cfg)
        except PluginError as exc:
            if isinstance(exc.__cause__, BriefgenError):
                raise exc.__cause__ from None
            raise BuildError(f"edition {inp.edition.id}: {exc}") from None
        except MkDocsException as exc:
            raise BuildError(f"edition {inp.edition.id}: mkdocs: {exc}") from None
    if not site_url or pages_only:
        for name in SITEMAPS:
            (out / name).unlink(missing_ok=True)
    if pages_only:
        (out / "404.html").unlink(missing_ok=True)
    assets: ThemeAssets | None = plugin.theme_assets
    return assets


class Builds(msgspec.Struct, frozen=True):
    """What :func:`run_builds` needs besides the tasks."""

    target: SiteBuild
    staging: Path
    docs: Path
    edition_input: Callable[[PlannedEdition], EditionInput]
    """The render input of an edition (called in the worker that builds it)."""
    pages: Mapping[str, SharedSource]
    sources_input: EditionInput | None
    """The input of the source pages' builds (:func:`sources_input`); None when none is stale."""
    split_data: bool = False
    """The editions' data files are tasks of their own (:func:`split_data`)."""
    theme_files: dict[Any, Any] = msgspec.field(default_factory=dict)
    """The theme's file list, listed once per run (see the MkDocs plugin)."""


def run_builds(
    builds: Builds,
    tasks: Sequence[Task],
    jobs: int,
    progress: Callable[[int, int, str], None] | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> dict[str, ThemeAssets | None]:
    """Run ``tasks`` ``jobs`` at a time (:func:`briefgen.publish.parallel.build_all`); the theme
    assets each linked to, by task label. ``progress(done, total, edition id)`` follows the
    editions only; ``meanwhile()`` is what this process does while the workers build."""
    import logging

    from briefgen.publish import shared
    from briefgen.publish.parallel import build_all

    log = logging.getLogger("briefgen.publish.site")
    target = builds.target
    site_url = target.site_url
    sources_url = f"{site_url}{shared.SOURCES_DIR}/" if site_url else None
    run = list(tasks)
    warm = warm_up(tasks, jobs)
    if warm is not None:
        run.insert(1, warm)  # the second worker's first task
    part = split_off(tasks, jobs)
    if part is not None:
        run.insert(1, part)  # before the warm-up: the edition's worker needs it sooner
    # workers compile each template once between them; one process keeps them in memory
    templates = builds.staging / TEMPLATES if min(jobs, len(run)) > 1 else None

    def build_one(task: Task) -> ThemeAssets | None:
        # in a worker (forked): it loads only the editions it renders
        out = builds.staging / task.out
        if task.edition is None:
            assert builds.sources_input is not None
            log.info("building %d shared source pages", len(task.pages))
            rendered = shared.render_sources(
                [builds.pages[n] for n in task.pages], target.templates_dir
            )
            return mkdocs_build(
                target,
                builds.sources_input,
                out,
                sources_url,
                builds.docs,
                rendered,
                theme_files=builds.theme_files,
                templates=templates,
            )
        inp = builds.edition_input(task.edition)
        if task.part:
            from briefgen.publish import parts

            log.info("rendering part of edition %s's pages", task.edition.id)
            parts.make(builds.staging, inp, target.templates_dir)
            return None
        if task.warm:
            from briefgen.render.pages import RenderedEdition

            log.info("compiling the theme's templates")
            none = RenderedEdition((), ())
            return mkdocs_build(
                target,
                inp,
                out,
                None,
                builds.docs,
                none,
                theme_files=builds.theme_files,
                templates=templates,
            )
        if task.data:
            from briefgen.render.outputs import edition_files

            log.info("writing the data files of edition %s", task.edition.id)
            write_data(out, edition_files(inp))
            return None
        log.info("building edition %s", task.edition.id)
        url = f"{site_url}{task.edition.id}/" if site_url else None
        return mkdocs_build(
            target,
            inp,
            out,
            url,
            builds.docs,
            data_files=not builds.split_data,
            theme_files=builds.theme_files,
            templates=templates,
            parts=builds.staging if part is not None and part.edition is task.edition else None,
        )

    total = sum(1 for t in tasks if t.edition is not None and not t.data)
    count = [0]

    def editions_done(_done: int, _total: int, label: str) -> None:
        if progress is not None and "/" not in label:
            count[0] += 1
            progress(count[0], total, label)

    done = build_all(run, build_one, lambda t: t.label, jobs, editions_done, meanwhile)
    if warm is not None:
        del done[warm.label]
        shutil.rmtree(builds.staging / warm.out, ignore_errors=True)
    if part is not None:
        del done[part.label]
        shutil.rmtree(builds.staging / part.out, ignore_errors=True)
    return done
