"""Archived editions: what an edition older than the newest ``full_editions`` keeps.

The newest ``full_editions`` kept editions (default 1; 0: every one) are published in full. An
older edition is *archived*: what it told readers stays exactly as published (its home page,
every topic page with its headline, status, background, stakes, most important events and every
source with its citations, What changed, and search over those pages), and what is derived from
the same briefings for browsing or for programs is withdrawn:

- **The cross-topic timeline** (``timeline/`` and its period pages) becomes one short page per
  former page (:func:`archived_timeline_html`) that says so and links to the edition's own home
  page and to the newest edition's timeline (through ``latest/``, so the link never goes stale).
  It was the largest page of every edition (every event of every topic, each with a mark per
  citing source: about half an edition's own bytes), and the newest edition's timeline holds the
  story as now known. Its entries leave the edition's search index too, so search finds no page
  that is gone.
- **The data files** (``data/timelinejs/``; ``briefings.json`` becomes a short note,
  :func:`withdrawn_json`, schema :data:`WITHDRAWN_SCHEMA`, naming the frozen edition file
  ``content/editions/<id>.json`` in the project's repository, from which a build with a larger
  ``full_editions`` publishes everything again). They are for programs that follow the story,
  which read the newest edition.

Archiving is done in place on the built edition, once, as it leaves the window: its pages are not
rendered again, so releasing one more edition costs the same with 1 or 100 old ones, and the
result is byte-identical to a cold build (the stub pages' bytes depend only on the edition id and
the URL style). Doing it again changes nothing.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path

from briefgen.escape import html_attr, html_text, json_text
from briefgen.fsio import atomic_write
from briefgen.model import edition_label
from briefgen.publish.prune import INDEX, page_href
from briefgen.publish.versions import FAVICON

WITHDRAWN_SCHEMA = "briefgen/briefings-withdrawn@1"
"""Schema id of the note that replaces ``briefings.json`` in an archived edition."""
DATA_FILE = "briefings.json"
DATA_DIRS = ("data/timelinejs",)
"""The data files an edition publishes (:data:`briefgen.render.outputs.EDITION_FILES`)."""
TIMELINE = "timeline"
"""The cross-topic timeline's page (``timeline.md``) and folder of period pages."""
SEARCH_INDEX = "search/search_index.json"


def full_window(ids: Sequence[str], keep: int) -> set[str]:
    """The editions (ids given oldest first) published in full: the newest ``keep`` (every one
    when ``keep`` is 0)."""
    return set(ids if keep <= 0 else ids[-keep:])


def withdrawn_json(edition_id: str) -> str:
    """The note that stands in for ``briefings.json`` in edition ``edition_id``."""
    return json_text(
        {
            "schema": WITHDRAWN_SCHEMA,
            "edition": edition_id,
            "data": f"content/editions/{edition_id}.json",
            "note": "This edition's machine-readable data is no longer published (the site "
            "publishes it for its newest editions only: setting full_editions). Its briefing "
            "pages are unchanged. The full data is the frozen edition file named in 'data' in "
            "the site's source repository; the newest edition's briefings.json has the latest.",
        }
    )


def archived_timeline_html(edition_id: str, page: str, directory_urls: bool) -> str:
    """The page that stands in for timeline page ``page`` (its path in the edition folder, e.g.
    ``timeline/index.html``) of archived edition ``edition_id``."""
    up = "../" * (len(Path(page).parts) - 1)
    home = up + page_href(INDEX, directory_urls) or "./"
    newest = f"{up}../latest/" + page_href(
        f"{TIMELINE}/{INDEX}" if directory_urls else f"{TIMELINE}.html", directory_urls
    )
    label = html_text(edition_label(edition_id))
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f"<title>Timeline — edition of {label} (archived)</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="icon" href="{html_attr(up + FAVICON)}">\n'
        "<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;"
        "padding:0 1rem;line-height:1.5}</style>\n"
        "</head>\n<body>\n"
        f"<h1>Timeline — edition of {label}</h1>\n"
        "<p>This edition is archived: its briefings are kept as they were published, each with "
        "its most important events and every source, but its timeline of every event is no "
        "longer published.</p>\n"
        f'<ul>\n<li><a href="{html_attr(home)}">This edition&#39;s briefings</a></li>\n'
        f'<li><a href="{html_attr(newest)}">The timeline of the newest edition</a>, which '
        "holds the story as it is known now</li>\n</ul>\n"
        "</body>\n</html>\n"
    )


def _timeline_pages(folder: Path) -> list[str]:
    """The cross-topic timeline's HTML pages in a built edition folder, sorted."""
    pages = [f"{TIMELINE}.html"] if (folder / f"{TIMELINE}.html").is_file() else []
    root = folder / TIMELINE
    if root.is_dir():
        pages += [p.relative_to(folder).as_posix() for p in root.rglob("*.html")]
    return sorted(pages)


def _is_timeline(location: str) -> bool:
    """Whether a search entry's ``location`` is on a timeline page."""
    page = location.split("#", 1)[0]
    return page == f"{TIMELINE}.html" or page.startswith(f"{TIMELINE}/")


def _search_without_timeline(path: Path) -> str | None:
    """The search index at ``path`` without the timeline's entries, or None when it has none
    (or is not a search index this module knows)."""
    try:
        data = json.loads(path.read_text("utf-8"))
        docs = data["docs"]
        kept = [d for d in docs if not _is_timeline(str(d["location"]))]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if len(kept) == len(docs):
        return None
    data["docs"] = kept
    return json.dumps(data, separators=(",", ":"))


def archive_edition(folder: Path, edition_id: str, directory_urls: bool) -> bool:
    """Archive the built edition in ``folder`` (see the module docstring); True when anything
    changed. Idempotent: safe to repeat after an interruption."""
    if not folder.is_dir():
        return False
    changed = False
    for rel in DATA_DIRS:
        path = folder / rel
        if path.is_dir():
            shutil.rmtree(path)
            changed = True
            if path.parent != folder and not any(path.parent.iterdir()):
                path.parent.rmdir()
    changed |= atomic_write(folder / DATA_FILE, withdrawn_json(edition_id))
    pages = _timeline_pages(folder)
    for page in pages:
        changed |= atomic_write(
            folder / page, archived_timeline_html(edition_id, page, directory_urls)
        )
    search = folder / SEARCH_INDEX
    text = _search_without_timeline(search) if search.is_file() else None
    if text is not None:
        changed |= atomic_write(search, text)
    return changed
