"""The registry of site-root files: what ``briefgen build`` writes beside the edition folders.

Each entry of :data:`SITE_FILES` is a function of the edition plan and the site's addresses
(:class:`~briefgen.publish.links.SiteLinks`: name, ``site_url`` or ``""``, URL style) that returns
``{path under site/: bytes or text}``. The files
inside each edition (its pages, ``briefings.json``, TimelineJS) are registered in
:mod:`briefgen.render.outputs`. A new site-root file is one function and one entry::

    def _sitemap_index(plan, site):
        return {"sitemap-index.xml": sitemap_index(plan, site.base)}

    SITE_FILES["sitemap-index"] = _sitemap_index
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from briefgen.publish.editions import PlannedEdition
from briefgen.publish.feeds import editions_feed, topic_feeds
from briefgen.publish.links import SiteLinks
from briefgen.publish.sitemaps import sitemaps
from briefgen.publish.versions import redirect_html, versions_json

SiteFiles = Callable[[Sequence[PlannedEdition], SiteLinks], dict[str, bytes | str]]
"""``maker(plan, site) -> {path: data}``."""


def _versions(plan: Sequence[PlannedEdition], site: SiteLinks) -> dict[str, bytes | str]:
    return {"versions.json": versions_json([p.id for p in plan if not p.pruned])}


def _redirect(plan: Sequence[PlannedEdition], site: SiteLinks) -> dict[str, bytes | str]:
    return {"index.html": redirect_html()}


def _editions_feed(plan: Sequence[PlannedEdition], site: SiteLinks) -> dict[str, bytes | str]:
    return {"feed.xml": editions_feed(plan, site)}


def _topic_feeds(plan: Sequence[PlannedEdition], site: SiteLinks) -> dict[str, bytes | str]:
    return {f"feeds/{topic}.xml": data for topic, data in topic_feeds(plan, site).items()}


SITE_FILES: dict[str, SiteFiles] = {
    "feed": _editions_feed,
    "feeds": _topic_feeds,
    "sitemaps": sitemaps,
    "versions": _versions,
    "index": _redirect,
}
"""Site-root file makers by name, in the order they are written: the redirect ``index`` last and
``versions`` just before it, so both name only folders and files that are already in place (the
build marks the step ``<name>-written`` after each, for the crash tests)."""

OWNED = ("feeds/*.xml",)
"""Site-root patterns whose files only :data:`SITE_FILES` makes: others there are removed."""


def site_files(plan: Sequence[PlannedEdition], site: SiteLinks) -> dict[str, bytes | str]:
    """Every registered site-root file, ``{path under site/: data}``."""
    out: dict[str, bytes | str] = {}
    for make in SITE_FILES.values():
        out.update(make(plan, site))
    return out
