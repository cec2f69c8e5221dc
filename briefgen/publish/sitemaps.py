"""Site-root sitemaps: ``sitemap.xml`` (a sitemap index of the editions' sitemaps) and an empty
``feeds/sitemap.xml``.

Each edition has its own ``<edition>/sitemap.xml`` (MkDocs writes it when ``site_url`` is set).
The root ``sitemap.xml``, where crawlers look for one, is a sitemap index listing them, newest
first, with absolute URLs; without ``site_url`` there are no absolute URLs to give, so it is an
empty ``<urlset>``.

Material for MkDocs fetches ``sitemap.xml`` beside the target of every ``<link rel="alternate">``
of a page (it reads them as language versions of the site), so the feed discovery links on the
home page (``../feed.xml``) and topic pages (``feeds/<topic>.xml``) make it ask for the root's and
for ``feeds/sitemap.xml``. Both exist, so that lookup finds an empty sitemap instead of a 404 on
every page. (A topic whose slug is ``sitemap`` has its feed there instead, which serves as well.)
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from briefgen.publish.editions import PlannedEdition
from briefgen.publish.links import TOPIC_FEEDS, SiteLinks

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
SITEMAP = "sitemap.xml"


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    data: bytes = ET.tostring(root, xml_declaration=True, encoding="UTF-8")
    return data + b"\n"


def _empty() -> bytes:
    return _xml(ET.Element("urlset", xmlns=NS))


def sitemap_index(plan: Sequence[PlannedEdition], site: SiteLinks) -> bytes:
    """The root sitemap: an index of every edition's sitemap (newest first) with ``site_url``,
    else an empty ``<urlset>``."""
    if not site.absolute:
        return _empty()
    root = ET.Element("sitemapindex", xmlns=NS)
    for p in reversed([p for p in plan if not p.pruned]):
        entry = ET.SubElement(root, "sitemap")
        ET.SubElement(entry, "loc").text = f"{site.base}{p.id}/{SITEMAP}"
    return _xml(root)


def sitemaps(plan: Sequence[PlannedEdition], site: SiteLinks) -> dict[str, bytes | str]:
    """``sitemap.xml`` and ``feeds/sitemap.xml`` (see the module docstring)."""
    out: dict[str, bytes | str] = {SITEMAP: sitemap_index(plan, site)}
    topics = {t for p in plan for t in p.facts.topic_slugs}
    if "sitemap" not in topics:
        out[f"{TOPIC_FEEDS}/{SITEMAP}"] = _empty()
    return out
