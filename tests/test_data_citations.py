"""briefings.json and the TimelineJS files carry each citation's URL, publisher, date (with its
basis) and sentence text: plain in briefings.json, HTML-escaped in TimelineJS."""

from __future__ import annotations

import html
import json
from html.parser import HTMLParser
from pathlib import Path

from hostile_site import HostileSite, hostile_site
from test_publish_kit import make_site_project

from briefgen.model import Edition
from briefgen.publish.editions import plan_editions
from briefgen.render.data import briefings_json, timelinejs_json

from conftest import newest_edition

__all__ = ["hostile_site"]

TALKS = "2025-11-03-talks-day-3"


def _edition(tmp_path: Path) -> Edition:
    return plan_editions(make_site_project(tmp_path / "p").store)[-1].edition


def test_briefings_json_resolves_every_citation(tmp_path: Path) -> None:
    """Each cite of every statement and event has its source's fields and the sentence text."""
    edition = _edition(tmp_path)
    data = json.loads(briefings_json(edition))
    assert data["citations"][f"{TALKS}#s2"] == {
        "article": TALKS,
        "title": "Talks, day 3",
        "url": "https://example.org/talks/3?a=1&b=2",
        "publisher": "Example Wire",
        "published": "2025-11-03",
        "published_basis": "given",
        "sentence": "Delegates said progress was slow.",
    }
    cited = set()
    for b in data["briefings"]:
        statements = [b["headline"], *b["current_status"], *b["background"], *b["stakes"]]
        for item in [*statements, *b["timeline"]]:
            cited.update(item["cite"])
    assert set(data["citations"]) == cited
    articles = {a.id: a for a in edition.articles}
    for key, src in data["citations"].items():
        article_id, n = key.split("#s")
        sentence = articles[article_id].sentence(int(n))
        assert sentence is not None and src["sentence"] == sentence.text


def test_timelinejs_events_show_their_sources(tmp_path: Path) -> None:
    """An event shows publisher, date, sentence, link; `cite` only names it; about-dates."""
    edition = _edition(tmp_path)
    briefing = edition.briefings[0]
    articles = {a.id: a for a in edition.articles}
    event = json.loads(timelinejs_json(briefing, articles))["events"][0]
    assert event["text"]["text"] == (
        "<p>Example Wire, 3 Nov 2025: “Delegates said progress was slow.” "
        '<a href="https://example.org/talks/3?a=1&amp;b=2">Talks, day 3</a></p>'
        '<p class="bg-single">Single source: no independent publisher confirms it.</p>'
    )
    assert event["cite"] == [f"{TALKS}#s2"]
    assert "citations" not in event
    articles[TALKS] = articles[TALKS].replace(published_basis="inferred")
    inferred = json.loads(timelinejs_json(briefing, articles))["events"][0]
    assert inferred["text"]["text"].startswith("<p>Example Wire, about 3 Nov 2025: ")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def test_hostile_sources_stay_text(hostile_site: HostileSite) -> None:
    """Hostile publishers, titles, sentences and URLs: briefings.json holds them as plain text
    (no non-http URL); TimelineJS event text holds only our <p> and http(s) <a> tags."""
    site = newest_edition(hostile_site.site)
    data = json.loads((site / "briefings.json").read_text("utf-8"))
    assert data["citations"]
    for src in data["citations"].values():
        assert src.get("url", "https://").startswith(("https://", "http://"))
    for path in (site / "data" / "timelinejs").glob("*.json"):
        for event in json.loads(path.read_text("utf-8"))["events"]:
            parser = _Tags()
            parser.feed(event["text"]["text"])
            for tag, attrs in parser.tags:
                assert tag in ("p", "a"), (tag, attrs)
                if tag == "a":
                    assert [k for k, _ in attrs] == ["href"]
                    assert html.unescape(attrs[0][1] or "").startswith(("https://", "http://"))
