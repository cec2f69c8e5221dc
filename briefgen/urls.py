"""The one rule for the URL MkDocs gives a page: shared by rendering (links between pages) and
publishing (sitemaps, feeds, redirects). No imports, so the no-op build path stays light."""

from __future__ import annotations


def page_url(src_path: str, directory_urls: bool = True) -> str:
    """The URL (relative to its site or edition root) MkDocs gives the page built from
    ``src_path``.

    ``index.md`` -> ``""`` (``index.html``), ``topics/x.md`` -> ``topics/x/`` (``topics/x.html``).
    """
    stem = src_path.removesuffix(".md")
    folder, _, name = stem.rpartition("/")
    prefix = f"{folder}/" if folder else ""
    if name in ("index", "README"):
        return prefix if directory_urls else f"{prefix}index.html"
    return f"{prefix}{name}/" if directory_urls else f"{prefix}{name}.html"
