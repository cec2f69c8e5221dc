"""No injection in any built file: the hostile site's HTML, feeds, JSON data, search index, sitemap.

These parse what ``briefgen build`` wrote (no browser): every page's ``<title>`` is the literal
hostile text, no HTML file holds an event handler, a script URL or a payload script, feeds are
well-formed Atom carrying the text as text, and the JSON files round-trip it exactly.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

from hostile_site import (
    BAD_URLS,
    BREAKOUTS,
    BRIEFING_TITLE,
    HEADLINE,
    SITE_NAME,
    SITE_URL,
    TIME_PHRASE,
    TOPIC_DESCRIPTION,
    HostileSite,
    hostile_articles,
    hostile_site,
)

from briefgen.escape import html_text, safe_url
from briefgen.model import edition_label

from conftest import newest_edition

__all__ = ["hostile_site"]

ATOM = "{http://www.w3.org/2005/Atom}"
EMBEDS = {"img", "iframe", "object", "embed", "textarea", "form", "input", "base", "meta"}
"""Tags no untrusted text may create inside the article."""


class _Page(HTMLParser):
    """The <title> text, the article's visible text, and every active-content finding."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.titles: list[str] = []
        self.text: list[str] = []
        self.bad: list[str] = []
        self.links: list[str] = []
        self._stack: list[str] = []
        self._in_article = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        in_svg = "svg" in self._stack
        if tag == "title" and not in_svg:
            self.titles.append("")
        if tag == "article":
            self._in_article += 1
        if self._in_article and tag in EMBEDS | {"script", "style", "link"}:
            self.bad.append(f"<{tag}> in article")
        for name, value in attrs:
            v = (value or "").strip().lower()
            if name.startswith("on"):
                self.bad.append(f"<{tag} {name}>")
            if name in {"href", "src", "action", "formaction", "xlink:href", "srcset"}:
                if re.match(r"(javascript|data|vbscript):", v):
                    self.bad.append(f"<{tag} {name}={v}>")
                if self._in_article and tag == "a":
                    self.links.append(value or "")
        if tag not in {"br", "img", "meta", "link", "input", "hr", "path", "rect", "line"}:
            self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article -= 1
        if tag in self._stack:
            while self._stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        top = self._stack[-1] if self._stack else ""
        if top == "title" and "svg" not in self._stack:
            self.titles[-1] += data
        if top == "script" and "pwned" in data:
            self.bad.append("payload in <script>")
        if self._in_article:
            self.text.append(data)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8"))
    page.close()
    return page


def _pages(site: Path, pattern: str) -> list[Path]:
    """Pages matching ``pattern``, but not latest/'s (redirects to the newest edition's)."""
    return sorted(p for p in site.glob(pattern) if p.relative_to(site).parts[0] != "latest")


def test_every_html_file_is_free_of_active_content(hostile_site: HostileSite) -> None:
    """No event handler, script URL, payload script or embed in any HTML file of the site."""
    files = sorted(hostile_site.site.rglob("*.html"))
    assert len(files) == 19  # 3 x 5 edition pages, the root redirect, 3 shared source pages
    assert len([f for f in files if f.parent.parent.name == "sources"]) == 3
    for path in files:
        page = _parse(path)
        assert page.bad == [], path
        text = path.read_text("utf-8")
        assert "<script>window" not in text and "<svg onload" not in text, path
        assert TOPIC_DESCRIPTION not in html.unescape(text), "the description is not published"


def test_titles_are_the_literal_text(hostile_site: HostileSite) -> None:
    """Each page has one <title>: the untrusted title verbatim, then the site name."""
    site = hostile_site.site
    articles = {a.id: a for a in hostile_articles()}
    for path in _pages(site, "sources/*/index.html"):
        assert _parse(path).titles == [f"{articles[path.parent.name].title} - {SITE_NAME}"], path
    for path in _pages(site, "*/topics/hostile/index.html"):
        assert _parse(path).titles == [f"{BRIEFING_TITLE} - {SITE_NAME}"], path
    newest = newest_edition(site)
    for path in _pages(site, "*/timeline/index.html"):
        archived = f"Timeline — edition of {edition_label(path.parent.parent.name)} (archived)"
        want = f"Timeline - {SITE_NAME}" if path.parent.parent == newest else archived
        assert _parse(path).titles == [want], path
    for path in _pages(site, "*/changes/index.html"):
        assert _parse(path).titles == [f"What changed - {SITE_NAME}"], path
    assert _parse(newest_edition(site) / "index.html").titles == [SITE_NAME]


def test_pages_show_the_breakouts_as_text(hostile_site: HostileSite) -> None:
    """Topic, source and What-changed pages show the hostile strings verbatim as text."""
    latest = newest_edition(hostile_site.site)
    topic = " ".join("".join(_parse(latest / "topics/hostile/index.html").text).split())
    for key, value in BREAKOUTS.items():
        assert value in topic, key
    changes = " ".join("".join(_parse(latest / "changes/index.html").text).split())
    assert BREAKOUTS["mention"] in changes and BREAKOUTS["md-image"] in changes
    source = _parse(latest.parent / "sources/2025-11-05-report-3/index.html")
    assert [link for link in source.links if "evil" in link] == [str(safe_url(BAD_URLS[2]))]


def test_no_link_for_script_or_data_urls(hostile_site: HostileSite) -> None:
    """An article URL that is not http(s) gives no "original" link at all."""
    latest = newest_edition(hostile_site.site)
    for article_id in ("2025-11-03-report-1", "2025-11-04-report-2"):
        page = _parse(latest.parent / "sources" / article_id / "index.html")
        assert all(link.startswith(("../", "#")) for link in page.links), page.links


def test_feeds_are_well_formed_and_carry_text(hostile_site: HostileSite) -> None:
    """Both Atom feeds parse; titles and summaries hold the hostile text as text, no markup."""
    site = hostile_site.site
    topic = ET.parse(site / "feeds" / "hostile.xml").getroot()
    assert topic.findtext(f"{ATOM}title") == f"{SITE_NAME}: {BRIEFING_TITLE}"
    entries = topic.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        f"{BRIEFING_TITLE} — edition 2025-11-05",
        f"{BRIEFING_TITLE} — edition 2025-11-04",
    ]
    for e in entries:
        summary = e.find(f"{ATOM}summary")
        assert summary is not None and summary.get("type") in (None, "text")
        assert (summary.text or "").endswith(f"Headline: {HEADLINE}")
    editions = ET.parse(site / "feed.xml").getroot()
    for root in (topic, editions):
        assert {el.tag for el in root.iter()} <= {
            f"{ATOM}{t}"
            for t in (
                "feed",
                "id",
                "title",
                "link",
                "updated",
                "generator",
                "entry",
                "summary",
                "author",
                "name",
                "uri",
            )
        }


def test_briefings_json_round_trips_and_holds_no_tag(hostile_site: HostileSite) -> None:
    """briefings.json parses back to the exact hostile text and has no raw < > & in its bytes."""
    raw = (newest_edition(hostile_site.site) / "briefings.json").read_text("utf-8")
    assert not re.search(r"[<>&\u2028\u2029]", raw)
    data = json.loads(raw)
    briefing = data["briefings"][0]
    assert briefing["title"] == BRIEFING_TITLE
    assert briefing["headline"]["text"] == HEADLINE
    assert f"Stakes {BREAKOUTS['attr-list']} {BREAKOUTS['mention']}" in [
        s["text"] for s in briefing["stakes"]
    ]


def test_timelinejs_holds_escaped_html_that_round_trips(hostile_site: HostileSite) -> None:
    """TimelineJS fields (rendered as HTML by TimelineJS) hold html_text of the exact text."""
    raw = (newest_edition(hostile_site.site) / "data" / "timelinejs" / "hostile.json").read_text()
    assert not re.search(r"[<>&]", raw)
    data = json.loads(raw)
    assert data["title"]["text"]["headline"] == html_text(BRIEFING_TITLE)
    assert html.unescape(data["title"]["text"]["text"]) == HEADLINE
    headlines = []
    for event in data["events"]:  # HTML: the text, and a relative time's mark (its only tags)
        page = _Marks()
        page.feed(event["text"]["headline"])
        assert page.bad == [], event["text"]["headline"]
        headlines.append(page.text)
    assert f"Scheduled {BREAKOUTS['comment']} — 20 Nov {BREAKOUTS['mention']}" in headlines
    assert f"Vote {TIME_PHRASE} — about 20 Oct {BREAKOUTS['mention']}" in headlines
    vote = next(
        e for e in data["events"] if e["start_date"] == {"year": "2025", "month": "11", "day": "1"}
    )
    assert [html.unescape(t["phrase"]) for t in vote["times"]] == [TIME_PHRASE]
    assert vote["single_source"] is True
    assert vote["text"]["text"].startswith('<p class="bg-unreported">Scheduled, no report since.')
    assert sum(1 for e in data["events"] if e.get("conflict") == "turnout") == 3


class _Marks(HTMLParser):
    """The text of an HTML fragment; anything but a trust mark's ``<span class title>`` is bad."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        if tag != "span" or not names <= {"class", "title"}:
            self.bad.append(f"<{tag} {sorted(names)}>")

    def handle_data(self, data: str) -> None:
        self.text += data


def test_trust_marks_show_hostile_text_as_text(hostile_site: HostileSite) -> None:
    """On the topic page the hostile time phrase reads verbatim before its date, the conflict
    groups carry their badge, and the passed scheduled event reads "no report since"."""
    latest = newest_edition(hostile_site.site)
    topic = " ".join("".join(_parse(latest / "topics/hostile/index.html").text).split())
    assert f"Talks began {TIME_PHRASE} — 20 Oct, {BREAKOUTS['mention']}" in topic
    assert f"Vote {TIME_PHRASE} — about 20 Oct {BREAKOUTS['mention']}" in topic
    assert topic.count("Conflicting figures: death toll") == 1
    assert topic.count("Conflicting figures: turnout") == 1
    assert topic.count("scheduled, no report since") == 1
    timeline = " ".join("".join(_parse(latest / "timeline/index.html").text).split())
    assert timeline.count("Conflicting figures: turnout") == 3
    assert "scheduled, no report since" in timeline
    data = json.loads((latest / "briefings.json").read_text("utf-8"))["briefings"][0]
    assert [t["phrase"] for s in data["current_status"] for t in s["times"]] == [TIME_PHRASE]


def test_search_index_holds_only_escaped_text(hostile_site: HostileSite) -> None:
    """search_index.json (rendered as HTML by the search UI) holds no raw tag from the content."""
    for path in _pages(hostile_site.site, "*/search/search_index.json"):
        raw = path.read_text("utf-8")
        assert "<script" not in raw.lower() and "<svg" not in raw.lower(), path
        for doc in json.loads(raw)["docs"]:
            page = _Page()
            page.feed(f"<article>{doc['title']} {doc['text']}</article>")
            assert page.bad == [], (path, doc["location"])


def test_sitemap_lists_only_site_urls(hostile_site: HostileSite) -> None:
    """Each sitemap is well-formed XML listing only URLs of this site (slugs and ids)."""
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    for path in _pages(hostile_site.site, "*/sitemap.xml"):
        if path.parent.name == "feeds":  # empty, for Material (see briefgen.publish.sitemaps)
            assert list(ET.parse(path).getroot()) == []
            continue
        edition = path.parent.name if path.parent.name != "latest" else "2025-11-05"
        locs = [el.text or "" for el in ET.parse(path).getroot().iter(f"{ns}loc")]
        assert locs and all(
            re.fullmatch(re.escape(f"{SITE_URL}{edition}/") + r"[a-z0-9/-]*", loc) for loc in locs
        ), locs
