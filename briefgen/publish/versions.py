"""``versions.json`` in mike's format and the root redirect page.

mike's format (read by Material's version selector with ``extra.version.provider: mike``) is a list,
newest first, of ``{"version": id, "title": id, "aliases": [...]}`` with aliases sorted.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

LATEST = "latest"
"""The alias (and folder) of the newest edition."""
VERSIONS_FILE = "versions.json"
INDEX_FILE = "index.html"
FEED_FILE = "feed.xml"
FEEDS_DIR = "feeds"

SITE_ROOT_ENTRIES = frozenset({LATEST, VERSIONS_FILE, INDEX_FILE, FEED_FILE, FEEDS_DIR})
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
        {"version": eid, "title": eid, "aliases": [LATEST] if i == 0 else []}
        for i, eid in enumerate(newest_first)
    ]
    return json.dumps(data, indent=1) + "\n"


def redirect_html(target: str = f"{LATEST}/") -> str:
    """A root ``index.html`` that sends the reader to ``target`` (no script needed)."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Redirecting to {target}</title>\n"
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        f'<link rel="canonical" href="{target}">\n'
        f'<link rel="icon" href="{target}assets/images/favicon.png">\n'
        "</head>\n<body>\n"
        f'<p>Redirecting to <a href="{target}">the latest edition</a>.</p>\n'
        "</body>\n</html>\n"
    )
