"""The MkDocs plugin adapter: ``plugins: - briefgen`` generates the briefing pages from content/.

An adapter, like :mod:`briefgen.cli`, and thin by design: it reads the same typed options as
:class:`briefgen.config.Settings` (its ``config_scheme`` is built from that model's fields) and asks
the application layer (:mod:`briefgen.app.build`) for the edition to show (the working state,
unless ``briefgen build`` hands it one via :meth:`BriefgenPlugin.use_edition`), rendered, and for
its data files; it adds them to MkDocs' files. ``mkdocs serve`` reloads when content/ or
templates/ change.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
from collections.abc import Callable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import jinja2.bccache
from mkdocs.config.base import BaseConfigOption, LegacyConfig
from mkdocs.config.base import ValidationError as MkDocsValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

if TYPE_CHECKING:
    from briefgen.app.build import EditionInput, NavItem, RenderedEdition, ThemeAssets

from briefgen.config import Settings, settings_from_options
from briefgen.errors import BriefgenError
from briefgen.escape import html_attr, html_text
from briefgen.problems import problem
from briefgen.structs import ValidationError

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

log = logging.getLogger("mkdocs.plugins.briefgen")

CSS_URI = "assets/briefgen/briefgen.css"
"""Where the packaged stylesheet is published inside each edition."""
THEME_OVERRIDES = Path(str(resources.files("briefgen") / "overrides"))
"""briefgen's theme templates (the old-edition banner), searched after the project's custom_dir."""


def add_theme_overrides(dirs: list[str]) -> None:
    """Put :data:`THEME_OVERRIDES` in the theme's search path just before the theme's own folders
    (after a project's ``custom_dir``, whose templates keep winning); once."""
    ours = str(THEME_OVERRIDES)
    if ours in dirs:
        return
    theme = next(
        (i for i, folder in enumerate(dirs) if (Path(folder) / "mkdocs_theme.yml").is_file()),
        len(dirs),
    )
    dirs.insert(theme, ours)


class SettingOption(BaseConfigOption[Any]):
    """A MkDocs config option validated exactly as the :class:`Settings` field of the same name."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.default = Settings.field_defaults()[name]

    def run_validation(self, value: object, /) -> Any:
        """Validate one option value; ``None`` (absent) gives the default."""
        if value is None:
            return self.default
        try:
            return getattr(Settings.validate({self.name: value}), self.name)
        except ValidationError as exc:
            msg = problem(exc, Settings, {self.name: value}).msg
            raise MkDocsValidationError(msg[0].lower() + msg[1:]) from None


def config_scheme() -> tuple[tuple[str, SettingOption], ...]:
    """One MkDocs option per :class:`Settings` field, in declaration order."""
    return tuple((name, SettingOption(name)) for name in Settings.__struct_fields__)


def mkdocs_nav(items: tuple[NavItem, ...]) -> list[Any]:
    """Our navigation tree in mkdocs.yml ``nav:`` form.

    Themes print nav titles as HTML, so the titles (a section may be named after a briefing) are
    HTML-escaped here.
    """
    out: list[Any] = []
    for item in items:
        if item.children:
            out.append({str(html_text(item.title or "")): mkdocs_nav(item.children)})
        elif item.title:
            out.append({str(html_text(item.title)): item.path})
        else:
            out.append(item.path)
    return out


def feed_links(feeds: Sequence[tuple[str, str]], page_url: str) -> str:
    """``<link rel="alternate" type="application/atom+xml">`` tags for a page at ``page_url``
    (relative to its edition folder, as MkDocs gives it: ``""``, ``topics/x/``, ``topics/x.html``)
    to feeds at paths under the site root, the edition folder's parent. The hrefs are relative, so
    they hold under both ``use_directory_urls`` settings, in ``latest/`` and on any host."""
    up = "../" * (page_url.count("/") + 1)
    return "".join(
        f'<link rel="alternate" type="application/atom+xml" title="{html_attr(title)}" '
        f'href="{html_attr(up + path)}">\n'
        for title, path in feeds
    )


SHARED_ASSETS = "assets"
"""The site-root folder of the theme assets every edition shares: ``assets/<key>/``, one folder
per distinct set of theme files (``key`` is their digest), so an edition built with another
version of the theme keeps the files it names."""
_KEPT_ASSETS = ("assets/images/",)
"""Shared theme assets of which each edition keeps a copy too (the favicon the root redirect
page names)."""


def _is_theme_file(file: File, dirs: Sequence[str]) -> bool:
    src = file.abs_src_path or ""
    return any(src.startswith(os.path.join(folder, "")) for folder in dirs)


NOT_IN_NAV = ("/sources/", "/timeline/")
"""Generated pages linked from other pages but not listed in the navigation: source pages and
the periods of a long timeline."""


def _not_in_nav(spec: Any, extra: Sequence[str] = ()) -> Any:
    """The user's ``not_in_nav`` patterns plus :data:`NOT_IN_NAV` and ``extra`` (so MkDocs does
    not report the source pages as omitted from the nav, whatever
    ``validation.nav.omitted_files`` says)."""
    from pathspec.gitignore import GitIgnoreSpec

    lines = [str(getattr(p, "pattern", "")) for p in getattr(spec, "patterns", ())]
    lines += [line for line in (*NOT_IN_NAV, *extra) if line not in lines]
    return GitIgnoreSpec.from_lines(lines)


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's compiled code of each theme template, kept in memory for the life of the process.

    Every MkDocs build makes a new Jinja environment and compiles Material's templates again
    (about 40, a tenth of a small build); ``briefgen build`` runs several builds in one process
    (the editions, the shared source pages) and in worker processes. Jinja keys each entry by
    the template's file name and checks it against a digest of the template's source, so an
    edited template is compiled anew; the code is the same either way, so are the pages.

    While :attr:`folder` is set (``briefgen build`` with workers: in its staging folder), each
    template's code is also written there, and a template not in memory is looked for there,
    so the workers of one build compile each template once between them: the first to need
    it; the others, which start on their own larger pages first, read it."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}
        self.folder: Path | None = None
        """Where the processes of one build share their compiled templates (None: nowhere)."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill ``bucket`` from memory, else from :attr:`folder` (a bucket whose source digest
        differs rejects it)."""
        data = self._code.get(bucket.key)
        if data is None and self.folder is not None:
            with contextlib.suppress(OSError):
                data = (self.folder / bucket.key).read_bytes()
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep ``bucket``'s compiled code (and share it through :attr:`folder`)."""
        data = bucket.bytecode_to_string()
        self._code[bucket.key] = data
        if self.folder is not None:
            with contextlib.suppress(OSError):  # a cache: a failed write costs a compile
                self.folder.mkdir(parents=True, exist_ok=True)
                part = self.folder / f".{bucket.key}.{os.getpid()}"
                part.write_bytes(data)
                os.replace(part, self.folder / bucket.key)  # a reader sees all of it or none

    def clear(self) -> None:
        """Forget every template (in memory)."""
        self._code.clear()


COMPILED_TEMPLATES = CompiledTemplates()
"""The process's :class:`CompiledTemplates`, given to each MkDocs build's Jinja environment."""

ThemeFiles = dict[tuple[object, ...], list[str]]
"""Theme file lists kept by :func:`_keep_theme_file_list`."""


def _keep_theme_file_list(theme: Any, kept: ThemeFiles, folder: Path | None = None) -> None:
    """Make ``theme``'s Jinja environments list the theme's files once per ``kept``.

    Each MkDocs build lists every file of the theme's folders (Material has 14,500, mostly
    icons) and matches each against a dozen patterns to find the assets to copy, a fixed cost
    per build that ``briefgen build`` pays for each edition and batch of source pages. The
    list is kept in ``kept`` by folders, filter and static templates: ``briefgen build`` gives
    each of its runs a new one (the folders do not change during a run, but may between runs).
    With ``folder`` (where the worker processes of one run share compiled templates) the list
    is shared there too, so one worker lists the files for all."""
    if "get_env" in vars(theme):
        return
    make = theme.get_env

    def get_env() -> jinja2.Environment:
        env: jinja2.Environment = make()
        listed = env.list_templates

        def list_templates(extensions: Any = None, filter_func: Any = None) -> list[str]:
            code = getattr(filter_func, "__code__", None)
            key = (
                tuple(getattr(env.loader, "searchpath", ())),
                tuple(extensions or ()),
                (code.co_filename, code.co_firstlineno, code.co_name) if code else filter_func,
                tuple(theme.static_templates),
            )
            if key not in kept:
                # a filter known by its code only: another process's key has no addresses
                share = folder if filter_func is None or code is not None else None
                kept[key] = _shared_list(share, key, lambda: listed(extensions, filter_func))
            return list(kept[key])

        env.list_templates = list_templates  # type: ignore[method-assign]
        return env

    theme.get_env = get_env


def _shared_list(
    folder: Path | None, key: tuple[object, ...], make: Callable[[], list[str]]
) -> list[str]:
    """``make()``, or the list another process of the run made and left in ``folder``."""
    if folder is None:
        return make()
    path = folder / f"files-{hashlib.sha256(repr(key).encode()).hexdigest()[:32]}.json"
    with contextlib.suppress(OSError, ValueError):
        listed = json.loads(path.read_text("utf-8"))
        if isinstance(listed, list) and all(isinstance(n, str) for n in listed):
            return listed
    listed = make()
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        part = path.with_name(f".{path.name}.{os.getpid()}")
        part.write_text(json.dumps(listed), "utf-8")
        os.replace(part, path)
    return listed


class BriefgenPlugin(BasePlugin[LegacyConfig]):  # type: ignore[no-untyped-call]
    """Generates every briefing page, the timeline, the "What changed" page and edition data."""

    config_scheme = config_scheme()
    supports_multiple_instances = False

    def __init__(self) -> None:
        self._input: EditionInput | None = None
        self._rendered: RenderedEdition | None = None
        self._later: Callable[[], RenderedEdition] | None = None
        self._watch: tuple[Path, ...] = ()
        self._feeds: dict[str, Sequence[tuple[str, str]]] = {}
        self._share_assets = False
        self._pages_only = False
        self._data_files = True
        self._theme_files: ThemeFiles | None = None
        self._templates: Path | None = None
        self._shared: re.Pattern[str] | None = None
        self._shared_key = ""
        self.theme_assets: ThemeAssets | None = None
        """What the last build linked to instead of holding (see :class:`ThemeAssets`)."""

    def use_edition(
        self,
        edition_input: EditionInput,
        rendered: RenderedEdition | None = None,
        feeds: Mapping[str, Sequence[tuple[str, str]]] | None = None,
        *,
        share_assets: bool = False,
        pages_only: bool = False,
        data_files: bool = True,
        theme_files: ThemeFiles | None = None,
        templates: Path | None = None,
        later: Callable[[], RenderedEdition] | None = None,
    ) -> None:
        """Show this edition (already ``rendered``, if given) instead of the working state.

        ``feeds`` (``{page source path: ((title, path under the site root), ...)}``) names the
        Atom feeds ``briefgen build`` writes at the site root, one folder above the edition's:
        each such page gets a ``<link rel="alternate">`` to them (see :func:`feed_links`).

        ``share_assets``: the theme's assets are left out and the pages link to them in
        ``assets/<key>/`` at the site root (:attr:`theme_assets`), which ``briefgen build`` writes.
        ``pages_only``: build just the ``rendered`` pages (the shared source pages), without the
        edition's data files or the pages of docs/. Without ``data_files`` the edition's data
        files are left out (``briefgen build`` writes them beside the build). ``theme_files``:
        where to keep the theme's file list for the next builds (:func:`_keep_theme_file_list`).
        ``templates``: the folder the processes of one build share compiled templates through
        (:class:`CompiledTemplates`). ``later``: the edition, when ``rendered`` holds only its
        navigation (its pages are still being made, :func:`briefgen.render.outputs.render_late`):
        called when MkDocs adds the pages."""
        self._input = edition_input
        self._later = later
        self._data_files = data_files
        self._theme_files = theme_files
        self._templates = templates
        self._rendered = rendered
        self._feeds = dict(feeds or {})
        self._share_assets = share_assets
        self._pages_only = pages_only

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Validate settings, render the edition's pages and set the sectioned navigation."""
        from briefgen.app.build import plugin_edition

        try:
            file = config.config_file_path or "mkdocs.yml"
            settings = settings_from_options(dict(self.config), file)
            if self._rendered is None or self._input is None:
                shown = plugin_edition(Path(file), settings, self._input)
                self._input, self._rendered, self._watch = shown.inp, shown.rendered, shown.watch
        except BriefgenError as exc:
            raise PluginError(str(exc)) from exc
        if not config.nav:
            config.nav = mkdocs_nav(self._rendered.nav)
        if CSS_URI not in config.extra_css:
            config.extra_css.append(CSS_URI)
        add_theme_overrides(config.theme.dirs)
        if self._theme_files is not None:
            _keep_theme_file_list(config.theme, self._theme_files, self._templates)
        shared_pages = ("/*/index.md",) if self._pages_only else ()  # sources/<id>/index.md
        config.not_in_nav = _not_in_nav(config.not_in_nav, shared_pages)
        config.validation.links.anchors = max(config.validation.links.anchors, logging.WARNING)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Add the generated pages (a page in docs/ with the same path wins) and the data files."""
        from briefgen.app.build import edition_data_files

        if self._later is not None:
            self._rendered, self._later = self._later(), None
        assert self._rendered is not None and self._input is not None
        generated: dict[str, str] = {p.path: p.markdown for p in self._rendered.pages}
        if self._pages_only:
            for file in [f for f in files if f.is_documentation_page()]:
                files.remove(file)
        elif self._data_files:
            generated.update(edition_data_files(self._input))
        css = (resources.files("briefgen") / "assets" / "briefgen.css").read_text("utf-8")
        shared: dict[str, bytes] = {}
        for file in [f for f in files if f.src_uri.endswith(".map")]:
            files.remove(file)  # no source maps on the published site
        if self._share_assets:
            for file in list(files):
                uri = file.dest_uri
                if uri.startswith(f"{SHARED_ASSETS}/") and _is_theme_file(file, config.theme.dirs):
                    shared[uri] = file.content_bytes
                    if not uri.startswith(_KEPT_ASSETS):
                        files.remove(file)
            shared[CSS_URI] = css.encode("utf-8")
        else:
            generated[CSS_URI] = css
        self._set_shared(shared)
        for path, content in generated.items():
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=content))
            else:
                log.info("briefgen: docs/%s overrides the generated page", path)
        return files

    def _set_shared(self, shared: dict[str, bytes]) -> None:
        if not shared:
            self.theme_assets, self._shared = None, None
            return
        h = hashlib.sha256()
        for uri in sorted(shared):
            h.update(f"{uri}\n{len(shared[uri])}\n".encode())
            h.update(shared[uri])
        from briefgen.app.build import ThemeAssets

        key = h.hexdigest()[:16]
        prefix = f"{SHARED_ASSETS}/"
        self.theme_assets = ThemeAssets(key, {u.removeprefix(prefix): b for u, b in shared.items()})
        names = "|".join(re.escape(u.removeprefix(prefix)) for u in sorted(shared))
        self._shared = re.compile(rf"""(["'][^"'\s<>]*?){re.escape(prefix)}(?=(?:{names})["'])""")
        self._shared_key = key

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Point the links to shared theme assets at ``assets/<key>/`` of the site root, make
        links to the site root relative to the page, add the feed discovery links."""
        from briefgen.app.build import resolve_root_links

        if self._shared is not None:
            output = self._shared.sub(rf"\g<1>../{SHARED_ASSETS}/{self._shared_key}/", output)
        output = resolve_root_links(output, page.url, config.use_directory_urls)
        return self._add_feed_links(output, page)

    def _add_feed_links(self, output: str, page: Page) -> str:
        """Add the feed discovery links of a page that an Atom feed describes."""
        feeds = self._feeds.get(page.file.src_uri)
        if not feeds:
            return output
        return output.replace("</head>", feed_links(feeds, page.url) + "</head>", 1)

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        """Keep the theme's compiled templates for the next MkDocs build in this process (and
        in the workers it forks, through the folder ``briefgen build`` names): see
        :class:`CompiledTemplates`."""
        if env.bytecode_cache is None:
            env.bytecode_cache = COMPILED_TEMPLATES
            COMPILED_TEMPLATES.folder = self._templates
        return env

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """Live reload when content/ or the template overrides change."""
        for path in self._watch:
            if path.is_dir():
                server.watch(str(path))
        return server
