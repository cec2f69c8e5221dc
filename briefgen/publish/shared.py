"""What every edition shares: the source pages (``site/sources/``) and the theme assets
(``site/assets/<key>/``), each written once.

**Source pages.** An article's page is ``sources/<article id>/`` at the site root, built once and
linked from every edition that cites it (``../../../sources/<id>/#s3`` from a topic page; the
links are made relative by the plugin, so they hold under both URL styles, with or without
``site_url`` and from ``latest/``). Its sentence anchors ``#s<n>`` stay stable because an article's
sentences do not change once ingested. If they do change all the same (an article file edited or
re-ingested with other text), no edition may be left pointing its ``#s<n>`` into text it did not
cite, so each distinct text gets its own page: the newest text keeps ``sources/<id>/``, every older
one moves to ``sources/<id>--<digest>/`` (``--`` never occurs in an id), and the editions that cite
an older text link there (the links are part of each edition's build hash, so those editions are
rebuilt once). A page is rebuilt only when what it shows changes: its article, the title of its
topic, the templates, code or config (:func:`page_digests`); pages no edition cites any more are
removed. Source pages have no search box and are not in any search index or sitemap: each
edition's search covers its own pages (briefings, timeline, what changed), which is what a reader
searches; indexing every article's full text in every edition was most of an edition's search
index, and the pages are cleaned copies of other publishers' articles, not pages to offer crawlers.

**Theme assets.** Every MkDocs build (each edition, the source pages) leaves the theme's assets
out and links to ``assets/<key>/`` at the site root, where ``key`` is the digest of the files
(:class:`ThemeAssets`). A real folder, not hard links, so that every host and
upload format (a Pages artifact is a tar made with ``--hard-dereference``) sees one copy; an
edition built with another theme version keeps its own folder until no edition names it.
Source maps (``*.map``) are not published.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from briefgen.model import Article
from briefgen.publish.facts import SourceFacts, text_digest
from briefgen.publish.swap import place, remove_folder, step
from briefgen.publish.versions import ASSETS_DIR, LATEST, SOURCES_DIR

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from briefgen.publish.editions import PlannedEdition
    from briefgen.render.pages import RenderedEdition

__all__ = ["ASSETS_DIR", "SOURCES_DIR", "SharedSource", "shared_sources", "source_links"]

SOURCES_KEY = SOURCES_DIR
"""The key of the source pages' build in the state's map of asset keys (never an edition id)."""


class ThemeAssets(msgspec.Struct, frozen=True):
    """The theme files a build links to in ``assets/<key>/`` at the site root instead of holding
    them (the MkDocs plugin's ``use_edition(share_assets=True)``); ``key`` is their digest."""

    key: str
    files: Mapping[str, bytes]
    """``{path under assets/<key>/: bytes}``."""


class SharedSource(msgspec.Struct, frozen=True, dict=True):
    """One shared source page: its folder name under ``sources/``, the article's facts and the
    newest planned edition that cites this text (the article itself is read from it only when
    the page is built)."""

    name: str
    facts: SourceFacts
    cited_by: PlannedEdition
    """Compared by identity (a :class:`PlannedEdition` has ``eq=False``); no code compares or
    hashes source pages, which are keyed by ``name``."""

    @property
    def topic_title(self) -> str | None:
        """The title of the article's topic in that edition, for the link back."""
        return self.facts.topic_title

    @cached_property
    def article(self) -> Article:
        """The article shown (loads the edition that cites it on first use)."""
        a = self.cited_by.articles.get(self.facts.id)
        if a is not None and text_digest(a) == self.facts.text:
            return a
        raise LookupError(f"edition {self.cited_by.id} has no article {self.facts.id}")


def shared_sources(
    plan: Sequence[PlannedEdition],
) -> tuple[dict[str, SharedSource], dict[tuple[str, str], str]]:
    """Every source page the plan's editions cite, ``{folder name: page}``, and the folder of
    each ``(article id, text digest)``: ``<id>`` for the newest text of an article, ``<id>--<first
    16 hex digits of the digest>`` for an older one (see the module docstring). Read from each
    edition's facts: no edition is loaded."""
    seen: dict[tuple[str, str], tuple[SourceFacts, PlannedEdition]] = {}
    newest: dict[str, str] = {}
    for p in plan:
        for f in p.facts.sources:
            seen[(f.id, f.text)] = (f, p)
            newest[f.id] = f.text
    pages: dict[str, SharedSource] = {}
    folders: dict[tuple[str, str], str] = {}
    for (aid, digest), (facts, planned) in sorted(seen.items(), key=lambda kv: kv[0]):
        name = aid if newest[aid] == digest else f"{aid}--{digest[:16]}"
        folders[(aid, digest)] = name
        pages[name] = SharedSource(name, facts, planned)
    return pages, folders


def source_links(planned: PlannedEdition, folders: Mapping[tuple[str, str], str]) -> dict[str, str]:
    """``{article id: folder under the site root}`` for the articles of one edition."""
    return {f.id: f"{SOURCES_DIR}/{folders[(f.id, f.text)]}" for f in planned.facts.sources}


def page_digests(pages: Mapping[str, SharedSource], common: str, site_url: str) -> dict[str, str]:
    """What each source page depends on, hashed: its article, topic title, folder name, the
    templates, code and config (``common``) and the site URL."""
    out: dict[str, str] = {}
    for name, page in pages.items():
        h = hashlib.sha256(f"{common}\n{site_url}\n{name}\n{page.topic_title}\n".encode())
        h.update(page.facts.record.encode("utf-8"))
        out[name] = h.hexdigest()
    return out


def render_sources(pages: Sequence[SharedSource], templates_dir: Path) -> RenderedEdition:
    """The Markdown of the given source pages (``<name>/index.md``), each linking back to its
    topic in ``latest/``; no navigation."""
    from briefgen.escape import md_front_matter
    from briefgen.render.env import make_env
    from briefgen.render.pages import Page, RenderedEdition, source_page
    from briefgen.render.views import root_link, topic_path

    env = make_env(templates_dir)
    out = []
    for page in pages:
        a = page.article
        link = root_link(f"{LATEST}/{topic_path(a.topic)}")
        text = md_front_matter(a.title) + source_page(env, a, page.topic_title, link)
        out.append(Page(f"{page.name}/index.md", text))
    return RenderedEdition(tuple(out), ())


def stage_assets(staging: Path, site_dir: Path, key: str, files: Mapping[str, bytes]) -> None:
    """Write the theme assets ``files`` to ``staging/.assets/<key>/`` unless site/ or staging
    already has that folder (same key, same bytes)."""
    if (site_dir / ASSETS_DIR / key).is_dir() or (staging / ".assets" / key).is_dir():
        return
    folder = staging / ".assets" / f".{key}.part"
    for rel, data in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    folder.rename(staging / ".assets" / key)


def place_shared(staging: Path, site_dir: Path, built_sources: Sequence[str]) -> None:
    """Move the new asset folders, then the rebuilt source pages, from staging into site/, each
    folder atomically (before any edition that links to them is placed)."""
    staged = staging / ".assets"
    if staged.is_dir():
        (site_dir / ASSETS_DIR).mkdir(parents=True, exist_ok=True)
        for folder in sorted(staged.iterdir()):
            place(
                folder, site_dir / ASSETS_DIR / folder.name, staging / f".old-assets-{folder.name}"
            )
    if built_sources:
        (site_dir / SOURCES_DIR).mkdir(parents=True, exist_ok=True)
    built = staging / ".sources-site"
    for name in built_sources:
        place(built / name, site_dir / SOURCES_DIR / name, staging / f".old-source-{name}")
    step("shared-placed")


def remove_unused(
    staging: Path, site_dir: Path, sources: Mapping[str, str], asset_keys: set[str]
) -> None:
    """Remove the source pages no edition cites and the asset folders no build links to."""
    for folder, keep in ((SOURCES_DIR, set(sources)), (ASSETS_DIR, asset_keys)):
        root = site_dir / folder
        if root.is_dir():
            for path in sorted(root.iterdir()):
                if path.is_dir() and path.name not in keep:
                    remove_folder(path, staging / f".gone-{folder}-{path.name}")


def sources_config(cfg: MkDocsConfig) -> None:
    """Adapt a loaded MkDocs config to building the shared source pages: no search (see the
    module docstring), no edition selector, and a header and navigation that lead to ``latest/``."""
    from briefgen.render.views import root_link

    for name in [n for n in cfg.plugins if n.rpartition("/")[2] == "search"]:
        plugin = cfg.plugins[name]
        for methods in cfg.plugins.events.values():
            methods[:] = [m for m in methods if getattr(m, "__self__", None) is not plugin]
        dict.__delitem__(cfg.plugins, name)
    latest = str(root_link(f"{LATEST}/index.md"))
    cfg.extra["version"] = None
    cfg.extra["homepage"] = latest
    cfg["nav"] = [{"Latest edition": latest}]
