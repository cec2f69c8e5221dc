"""``site_url`` and feeds as published: canonical links, sitemaps, Atom feeds and their discovery.

Without ``site_url`` a build warns once, pages have no canonical link, editions no sitemap and the
feeds relative links; with it all three are absolute. Feeds parse in feedparser and validate
against the RELAX NG schema of Atom 1.0 (RFC 4287, tests/fixtures/atom.rng) either way, and every
page a feed describes links to it with ``<link rel="alternate">`` under both URL styles.
"""

from __future__ import annotations

import logging
import posixpath
import re
from pathlib import Path

import pytest
from lxml import etree
from test_publish_kit import make_site_project

from briefgen.app.build import build_site
from briefgen.app.project import Project

from conftest import REPO

feedparser = pytest.importorskip("feedparser")

ATOM = "{http://www.w3.org/2005/Atom}"
SCHEMA = etree.RelaxNG(etree.parse(str(REPO / "tests" / "fixtures" / "atom.rng")))
EDITIONS = ("2025-11-03", "2025-11-05")
ALTERNATE = re.compile(
    r'<link rel="alternate" type="application/atom\+xml" title="([^"]*)" href="([^"]*)">'
)
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)">')


def _configure(project: Project, site_url: str | None, directory_urls: bool) -> Project:
    config = project.root / "mkdocs.yml"
    text = config.read_text("utf-8")
    line = f"site_url: {site_url}" if site_url else "# no site_url"
    text = text.replace("site_url: !ENV SITE_URL", line)
    if not directory_urls:
        text = text.replace("use_directory_urls: true", "use_directory_urls: false")
    config.write_text(text, "utf-8")
    return Project.load(project.root)


@pytest.fixture(scope="module")
def relative(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[logging.LogRecord]]:
    """The two-edition project built without site_url (directory URLs); the records logged."""
    project = make_site_project(tmp_path_factory.mktemp("relative") / "p")
    project = _configure(project, None, directory_urls=True)
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logging.getLogger("briefgen").addHandler(handler)
    try:
        assert build_site(project).built == EDITIONS
    finally:
        logging.getLogger("briefgen").removeHandler(handler)
    return project.root / "site", records


@pytest.fixture(scope="module")
def absolute(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two-edition project built at https://news.example.org/briefs/ with .html URLs."""
    project = make_site_project(tmp_path_factory.mktemp("absolute") / "p")
    project = _configure(project, "https://news.example.org/briefs", directory_urls=False)
    build_site(project)
    return project.root / "site"


def _feeds(site: Path) -> list[Path]:
    topics = sorted(p for p in (site / "feeds").glob("*.xml") if p.name != "sitemap.xml")
    return [site / "feed.xml", *topics]


def test_without_site_url_the_build_warns_once(
    relative: tuple[Path, list[logging.LogRecord]],
) -> None:
    """Two editions built without site_url give exactly one warning, naming site_url."""
    warnings = [r for r in relative[1] if r.levelno >= logging.WARNING]
    assert len(warnings) == 1
    assert warnings[0].getMessage().startswith("site_url is not set in mkdocs.yml: ")


def test_without_site_url_no_canonical_and_no_sitemap(
    relative: tuple[Path, list[logging.LogRecord]],
) -> None:
    """No edition page has a canonical link (no http://localhost/), no edition a sitemap."""
    site = relative[0]
    for page in site.glob("*/**/*.html"):
        text = page.read_text("utf-8")
        assert CANONICAL.search(text) is None, page
        assert "localhost" not in text, page
    for edition in (*EDITIONS, "latest"):
        assert sorted(p.name for p in (site / edition).rglob("sitemap.xml*")) == []
    empty = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" />'
    assert (site / "sitemap.xml").read_bytes().splitlines()[1] == empty
    assert (site / "feeds" / "sitemap.xml").read_bytes().splitlines()[1] == empty


def test_with_site_url_canonical_and_sitemap_are_absolute(absolute: Path) -> None:
    """With site_url, canonical links and sitemap locations are the exact published URLs."""
    page = (absolute / "2025-11-05" / "topics" / "border-talks.html").read_text("utf-8")
    assert CANONICAL.findall(page) == [
        "https://news.example.org/briefs/2025-11-05/topics/border-talks.html"
    ]
    home = (absolute / "2025-11-03" / "index.html").read_text("utf-8")
    assert CANONICAL.findall(home) == ["https://news.example.org/briefs/2025-11-03/index.html"]
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    sitemap = etree.parse(str(absolute / "2025-11-05" / "sitemap.xml"))
    locs = [el.text for el in sitemap.iter(f"{ns}loc")]
    assert "https://news.example.org/briefs/2025-11-05/topics/border-talks.html" in locs
    assert all(
        loc and loc.startswith("https://news.example.org/briefs/2025-11-05/") for loc in locs
    )
    index = etree.parse(str(absolute / "sitemap.xml"))
    assert [el.text for el in index.iter(f"{ns}loc")] == [
        "https://news.example.org/briefs/2025-11-05/sitemap.xml",
        "https://news.example.org/briefs/2025-11-03/sitemap.xml",
    ]


def _check_feed(path: Path) -> etree._ElementTree:
    tree = etree.parse(str(path))
    assert SCHEMA.validate(tree), (path, SCHEMA.error_log)
    parsed = feedparser.parse(path.read_bytes())
    assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
    assert parsed.version == "atom10"
    return tree


def test_feeds_are_valid_atom_without_site_url(
    relative: tuple[Path, list[logging.LogRecord]],
) -> None:
    """Both feeds validate (RFC 4287 schema, feedparser) with urn ids and relative links."""
    site = relative[0]
    editions = _check_feed(site / "feed.xml").getroot()
    assert editions.findtext(f"{ATOM}id") == "urn:briefgen:test-briefings:editions"
    assert editions.findtext(f"{ATOM}author/{ATOM}name") == "Test briefings"
    assert [el.get("href") for el in editions.findall(f"{ATOM}link")] == ["latest/", "feed.xml"]
    assert [e.findtext(f"{ATOM}id") for e in editions.iter(f"{ATOM}entry")] == [
        "urn:briefgen:test-briefings:edition:2025-11-05",
        "urn:briefgen:test-briefings:edition:2025-11-03",
    ]
    assert [e.find(f"{ATOM}link").get("href") for e in editions.iter(f"{ATOM}entry")] == [  # type: ignore[union-attr]
        "2025-11-05/changes/",
        "2025-11-03/changes/",
    ]
    topic = _check_feed(site / "feeds" / "border-talks.xml").getroot()
    assert topic.findtext(f"{ATOM}id") == "urn:briefgen:test-briefings:topic:border-talks"
    assert [el.get("href") for el in topic.findall(f"{ATOM}link")] == [
        "../latest/topics/border-talks/",
        "border-talks.xml",
    ]
    for entry in topic.iter(f"{ATOM}entry"):
        href = entry.find(f"{ATOM}link").get("href")  # type: ignore[union-attr]
        target = posixpath.normpath(posixpath.join("feeds", href or ""))
        assert (site / target / "index.html").is_file(), href


def test_feeds_are_absolute_with_site_url(absolute: Path) -> None:
    """With site_url (and .html URLs) every feed link is the absolute page URL; ids stay urns."""
    editions = _check_feed(absolute / "feed.xml").getroot()
    assert [el.get("href") for el in editions.findall(f"{ATOM}link")] == [
        "https://news.example.org/briefs/latest/index.html",
        "https://news.example.org/briefs/feed.xml",
    ]
    assert editions.findtext(f"{ATOM}author/{ATOM}uri") == "https://news.example.org/briefs/"
    assert editions.findtext(f"{ATOM}entry/{ATOM}id") == (
        "urn:briefgen:test-briefings:edition:2025-11-05"
    )
    topic = _check_feed(absolute / "feeds" / "border-talks.xml").getroot()
    assert [el.get("href") for el in topic.iter(f"{ATOM}link")] == [
        "https://news.example.org/briefs/latest/topics/border-talks.html",
        "https://news.example.org/briefs/feeds/border-talks.xml",
        "https://news.example.org/briefs/2025-11-05/topics/border-talks.html",
        "https://news.example.org/briefs/2025-11-03/topics/border-talks.html",
    ]
    for path in _feeds(absolute):
        for el in etree.parse(str(path)).iter(f"{ATOM}link"):
            rel = (el.get("href") or "").removeprefix("https://news.example.org/briefs/")
            assert (absolute / rel).is_file(), rel


@pytest.mark.parametrize("layout", ["relative", "absolute"])
def test_pages_link_the_feeds_they_describe(layout: str, request: pytest.FixtureRequest) -> None:
    """Home links the editions feed and each topic page its feed; every href resolves to the
    feed file from the page's own folder (directory URLs, .html URLs; latest/ only redirects)."""
    value = request.getfixturevalue(layout)
    site: Path = value[0] if layout == "relative" else value
    topic = "topics/border-talks/index.html" if layout == "relative" else "topics/border-talks.html"
    for edition in EDITIONS:
        for page, feed in (("index.html", "feed.xml"), (topic, "feeds/border-talks.xml")):
            path = site / edition / page
            links = ALTERNATE.findall(path.read_text("utf-8"))
            assert len(links) == 1, path
            resolved = (path.parent / links[0][1]).resolve()
            assert resolved == (site / feed).resolve(), (path, links)
            assert resolved.is_file()
    timeline = next((site / EDITIONS[-1]).glob("timeline*"))
    page = timeline / "index.html" if timeline.is_dir() else timeline
    assert ALTERNATE.findall(page.read_text("utf-8")) == []
