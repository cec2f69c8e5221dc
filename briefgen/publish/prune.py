"""Folders of redirect pages: ``latest/`` and pruned editions.

``latest/`` is not a second copy of the newest edition: for every HTML page of the newest edition
it holds a small page at the same path that sends the reader to that page in the edition's own
folder, keeping the ``#fragment`` (the script adds ``location.hash``; without script the meta
refresh and a link do the same, fragment aside). Symbolic or hard links would cost nothing on
disk, but the usual host does not keep them: GitHub Pages' ``actions/upload-pages-artifact``
packs the site with ``tar --dereference --hard-dereference`` (a Pages artifact may not contain
links), so each becomes a full copy again. mike, the versioning tool Material's version selector
reads, makes the same choice with its ``redirect`` alias type.

A pruned edition (``briefgen prune --keep N`` or ``keep_editions: N``) becomes the same kind of
folder: each of its pages redirects to the same path in the nearest kept edition (the oldest one
kept) when that edition has the page, else to that edition's home page. Frozen edition files in
content/editions are not touched: pruning changes the published site, not the history.

Editions older than the newest ``full_editions`` that are kept readable are archived in place
(:mod:`.archive`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from briefgen.escape import html_attr

INDEX = "index.html"


def html_pages(folder: Path) -> list[str]:
    """Every ``*.html`` file under ``folder`` as a sorted relative POSIX path."""
    if not folder.is_dir():
        return []
    out: list[str] = []
    for root, _dirs, files in os.walk(folder):
        for name in files:
            if name.endswith(".html"):
                out.append((Path(root) / name).relative_to(folder).as_posix())
    return sorted(out)


def edition_pages(topics: Iterable[str], directory_urls: bool) -> list[str]:
    """The pages every edition has and that links from outside it name (home, What changed, one
    per topic), for an edition pruned before it was ever built."""
    names = ["index.md", "changes.md", *(f"topics/{t}.md" for t in topics)]
    out = []
    for name in names:
        stem = name.removesuffix(".md")
        if stem == "index":
            out.append(INDEX)
        else:
            out.append(f"{stem}/{INDEX}" if directory_urls else f"{stem}.html")
    return sorted(out)


def page_redirect_html(target: str) -> str:
    """A page that replaces the location with ``target`` plus the current ``#fragment``."""
    script = json.dumps(target).replace("<", "\\u003c")
    attr = html_attr(target)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Redirecting</title>\n"
        f"<script>location.replace({script} + location.hash);</script>\n"
        f'<meta http-equiv="refresh" content="0; url={attr}">\n'
        '<meta name="robots" content="noindex">\n'
        "</head>\n<body>\n"
        f'<p>This page has moved: <a href="{attr}">continue</a>.</p>\n'
        "</body>\n</html>\n"
    )


def page_href(rel: str, directory_urls: bool) -> str:
    """How a link names page ``rel``: ``topics/x/`` for ``topics/x/index.html`` with directory
    URLs (what MkDocs' own links say), else the file."""
    if directory_urls and (rel == INDEX or rel.endswith(f"/{INDEX}")):
        return rel.removesuffix(INDEX)
    return rel


def redirect_tree(
    pages: Sequence[str], target_id: str, target_pages: Iterable[str], directory_urls: bool
) -> dict[str, str]:
    """``{page: redirect html}`` for a folder at the site root (``latest``, a pruned edition):
    each page sends the reader to the same page in edition ``target_id`` when ``target_pages``
    holds it, else to that edition's home page."""
    have = set(target_pages)
    out: dict[str, str] = {}
    for rel in pages:
        dest = rel if rel in have else INDEX
        up = "../" * len(Path(rel).parts)
        out[rel] = page_redirect_html(f"{up}{target_id}/{page_href(dest, directory_urls)}")
    return out


def write_tree(folder: Path, files: dict[str, str]) -> None:
    """Write ``files`` under a new ``folder`` (a staging folder: nothing is replaced)."""
    for rel, text in sorted(files.items()):
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")


def kept_editions(ids: Sequence[str], keep: int) -> tuple[list[str], list[str]]:
    """``(pruned, kept)`` of edition ids given oldest first: the newest ``keep`` are kept (all of
    them when ``keep`` is 0)."""
    if keep <= 0 or keep >= len(ids):
        return [], list(ids)
    return list(ids[:-keep]), list(ids[-keep:])
