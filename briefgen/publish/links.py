"""Addresses of the published site: page URLs, feed locations and the ids of feeds and entries.

One :class:`SiteLinks` describes how the site is published: its name, its ``site_url`` (absolute,
with one trailing slash, or ``""`` when mkdocs.yml sets none) and MkDocs' ``use_directory_urls``.
Every site-root file maker (:mod:`briefgen.publish.outputs`) and the feed links the plugin adds to
pages get their addresses here, so the two agree under both URL styles.

- With ``site_url``, links are absolute (``https://example.org/briefs/2025-11-05/changes/``).
- Without it, links are relative to the file that holds them (``../2025-11-05/changes/`` from
  ``feeds/<topic>.xml``), so the site works wherever it is copied.
- Feed and entry ids never depend on where the site is hosted: ``urn:briefgen:<site>:...`` with
  the site name's slug, the edition id and the topic slug. They stay the same between builds, when
  ``site_url`` is added or changed (a move to another domain does not make feed readers show every
  entry again), and are absolute IRIs as Atom requires.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata

import msgspec

from briefgen.publish.versions import FEED_FILE, FEEDS_DIR
from briefgen.urls import page_url

EDITIONS_FEED = FEED_FILE
"""The editions feed, at the site root."""
TOPIC_FEEDS = FEEDS_DIR
"""The folder of the per-topic feeds (``feeds/<topic>.xml``) at the site root."""


def topic_feed(topic: str) -> str:
    """The path of a topic's feed under the site root."""
    return f"{TOPIC_FEEDS}/{topic}.xml"


def name_slug(name: str) -> str:
    """An ASCII ``[a-z0-9-]`` slug of the site name for ids (``site`` when nothing is left)."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.sub(r"[^a-z0-9]+", " ", folded.lower()).split()) or "site"


class SiteLinks(msgspec.Struct, frozen=True):
    """How the site is addressed; see the module docstring."""

    name: str
    base: str = ""
    """``site_url`` with one trailing slash, or ``""`` (relative links)."""
    directory_urls: bool = True

    @property
    def absolute(self) -> bool:
        """Whether links are absolute (``site_url`` is set)."""
        return bool(self.base)

    def edition_page(self, edition: str, src_path: str) -> str:
        """The path under the site root of an edition's page built from ``src_path``."""
        return f"{edition}/{page_url(src_path, self.directory_urls)}"

    def href(self, target: str, holder: str) -> str:
        """A link to ``target`` (a path under the site root) from the file at path ``holder``:
        absolute with a site URL, else relative to the folder of ``holder``."""
        if self.base:
            return self.base + target
        start = posixpath.dirname(holder) or "."
        rel = posixpath.relpath(target or ".", start)
        if rel == ".":
            return "./"
        return rel + "/" if target.endswith("/") else rel

    def urn(self, *parts: str) -> str:
        """A stable id: ``urn:briefgen:<site name slug>:<part>:...``."""
        return ":".join(("urn:briefgen", name_slug(self.name), *parts))
