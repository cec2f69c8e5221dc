"""``versions.json`` in mike's format and the root redirect page.

mike's format (read by Material's version selector with ``extra.version.provider: mike``) is a list,
newest first, of ``{"version": id, "title": label, "aliases": [...]}`` with aliases sorted: the
id names the folder (stable in URLs), the title is what readers see (``5 Nov 2025``,
``5 Nov 2025 (2)``, see :func:`briefgen.model.edition_label`). Material's outdated-version banner
compares the edition a page belongs to with the ``latest`` alias here.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from briefgen.model import edition_label

LATEST = "latest"
"""The alias (and folder) of the newest edition."""
VERSIONS_FILE = "versions.json"
INDEX_FILE = "index.html"
FAVICON = "assets/images/favicon.png"
"""The theme's favicon in every edition folder (Material's default icon)."""
FEED_FILE = "feed.xml"
FEEDS_DIR = "feeds"

SITEMAP_FILE = "sitemap.xml"

SOURCES_DIR = "sources"
"""The shared source pages (:mod:`briefgen.publish.shared`)."""
ASSETS_DIR = "assets"
"""The shared theme assets, ``assets/<key>/``."""

SITE_ROOT_ENTRIES = frozenset(
    {LATEST, VERSIONS_FILE, INDEX_FILE, FEED_FILE, FEEDS_DIR, SITEMAP_FILE, SOURCES_DIR, ASSETS_DIR}
)
"""What ``build`` writes at the root of site/ besides the edition folders (and dot-files)."""
HOST_ROOT_ENTRIES = frozenset(
    {"404.html", "assets", "data", "favicon.ico", "robots.txt", "search", "sitemap.xml"}
)
"""Root paths static hosts and MkDocs conventions give a meaning (error page, sitemap, ...)."""
RESERVED_EDITION_IDS = SITE_ROOT_ENTRIES | HOST_ROOT_ENTRIES
"""Edition ids that would name a path the site root already uses: refused everywhere."""


def versions_json(edition_ids: Sequence[str]) -> str:
    """mike's ``versions.json`` for editions given oldest first; ``latest`` marks the newest."""
    newest_first = list(reversed(edition_ids))
    data = [
        {"version": eid, "title": edition_label(eid), "aliases": [LATEST] if i == 0 else []}
        for i, eid in enumerate(newest_first)
    ]
    return json.dumps(data, indent=1) + "\n"


def redirect_html(target: str = f"{LATEST}/") -> str:
    """A root ``index.html`` that sends the reader to ``target``, keeping the ``#fragment``.

    A one-line script replaces the location with ``target`` plus the current fragment (so
    ``/#s3`` or a shared ``/#october-2025`` link still lands where it pointed); without script the
    meta refresh (which drops the fragment) and a plain link do the same. ``target`` is briefgen's
    own (``latest/`` or an edition id), written as a JSON string inside the script."""
    script = json.dumps(target).replace("<", "\\u003c")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Redirecting to {target}</title>\n"
        f"<script>location.replace({script} + location.hash);</script>\n"
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        f'<link rel="canonical" href="{target}">\n'
        f'<link rel="icon" href="{target}{FAVICON}">\n'
        "</head>\n<body>\n"
        f'<p>Redirecting to <a href="{target}">the latest edition</a>.</p>\n'
        "</body>\n</html>\n"
    )
