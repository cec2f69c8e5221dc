"""The trust marks in a real browser (Playwright + Debian's chromium against 127.0.0.1): a
resolved relative time, conflicting figures side by side, the single-source mark and a scheduled
event with no report since, visible and tappable at 1280 and 390 px, in light and dark mode.
Screenshots go to test-artifacts/ (marks-*.png)."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from briefgen.app.build import build_site
from briefgen.app.project import Project
from briefgen.app.staleness import staleness_rule
from briefgen.model import Article, Briefing, Statement, TimelineEvent, TimeRef, Topic
from briefgen.scaffold import init_project

from conftest import CHROMIUM, REPO, make_article, require
from conftest import CHROMIUM_ARGS as ARGS

pytestmark = pytest.mark.browser

ARTIFACTS = REPO / "test-artifacts"
TOPIC = "flood-relief"
WIRE = "2025-11-05-relief-wire"
POST = "2025-11-04-relief-post"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _articles() -> tuple[Article, Article]:
    wire = make_article(
        WIRE,
        topic=TOPIC,
        paragraphs=(
            (
                "Relief convoys reached the valley two weeks ago after the bridge reopened.",
                "Officials said 40 people died in the floods.",
                "A donor conference was set for 1 November.",
                "Engineers expect the second bridge to reopen in December.",
            ),
        ),
        published=dt.date(2025, 11, 5),
        title="Convoys reach the valley",
        publisher="Example Wire",
        url="https://example.org/relief",
    )
    post = make_article(
        POST,
        topic=TOPIC,
        paragraphs=(
            (
                "Hospital staff said 52 people died in the floods.",
                "Aid groups said the reopened bridge carries only light trucks.",
            ),
        ),
        published=dt.date(2025, 11, 4),
        title="Hospitals count the dead",
        publisher="Other Post",
        url="https://example.org/post",
    )
    return wire, post


def _briefing(project: Project, wire: Article, post: Article) -> Briefing:
    def cite(a: Article, n: int) -> list[str]:
        return [f"{a.id}#s{n}"]

    week = TimeRef.validate(
        dict(phrase="two weeks ago", date=dt.date(2025, 10, 22), precision="week")
    )
    topic = next(t for t in project.store.topics() if t.slug == TOPIC)
    articles = [post, wire]
    return Briefing.validate(
        {
            "topic": TOPIC,
            "title": "Flood relief",
            "as_of": wire.published,
            "headline": Statement.validate(
                dict(text=wire.sentences[0].text, cite=cite(wire, 1), times=[week])
            ),
            "current_status": [
                Statement.validate(
                    dict(text=wire.sentences[0].text, cite=cite(wire, 1), times=[week])
                ),
                Statement.validate(
                    dict(
                        text="The reopened bridge carries only light trucks.",
                        cite=[*cite(post, 2), *cite(wire, 1)],
                        edited=True,
                        single_source=True,
                    )
                ),
            ],
            "background": [
                Statement.validate(
                    dict(text=wire.sentences[1].text, cite=cite(wire, 2), conflict="death-toll")
                ),
                Statement.validate(
                    dict(text=post.sentences[0].text, cite=cite(post, 1), conflict="death-toll")
                ),
            ],
            "stakes": [Statement.validate(dict(text=wire.sentences[3].text, cite=cite(wire, 4)))],
            "timeline": [
                TimelineEvent.validate(
                    dict(
                        date=dt.date(2025, 10, 22),
                        precision="week",
                        text=wire.sentences[0].text,
                        cite=cite(wire, 1),
                        times=[week],
                    )
                ),
                TimelineEvent.validate(
                    dict(
                        date=dt.date(2025, 11, 1),
                        status="scheduled",
                        text=wire.sentences[2].text,
                        cite=cite(wire, 3),
                    )
                ),
                TimelineEvent.validate(
                    dict(
                        date=dt.date(2025, 11, 4),
                        text=post.sentences[0].text,
                        cite=cite(post, 1),
                        conflict="death-toll",
                    )
                ),
                TimelineEvent.validate(
                    dict(
                        date=dt.date(2025, 11, 5),
                        text=wire.sentences[1].text,
                        cite=cite(wire, 2),
                        conflict="death-toll",
                    )
                ),
                TimelineEvent.validate(
                    dict(
                        date=dt.date(2025, 12, 1),
                        precision="month",
                        status="scheduled",
                        text=wire.sentences[3].text,
                        cite=cite(wire, 4),
                    )
                ),
            ],
            "sources": sorted(a.id for a in articles),
            "inputs": staleness_rule(project.settings).digest(TOPIC, articles, topic),
        }
    )


def make_marks_project(root: Path, site_url: str) -> Project:
    """One topic whose units carry every trust mark, published at ``site_url``."""
    init_project(root, title="Marks briefings")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("site_url: !ENV SITE_URL", f"site_url: {site_url}"),
        "utf-8",
    )
    project = Project.load(root)
    project.store.save_topics([Topic.validate(dict(slug=TOPIC, title="Flood relief"))])
    wire, post = _articles()
    for a in (wire, post):
        project.store.save_article(a)
    project.store.save_briefing(_briefing(project, wire, post))
    return project


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    """The marks project built, served on 127.0.0.1, and a chromium page at 1280 x 900."""
    require(Path(CHROMIUM).is_file(), f"chromium not found at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "playwright is not installed")
        raise
    root = tmp_path_factory.mktemp("marks") / "p"
    handler = functools.partial(_Quiet, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_port}/"
    project = make_marks_project(root, base)
    report = build_site(project)
    assert report.summarized == ()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        tab = chromium.new_page(viewport={"width": 1280, "height": 900})
        try:
            yield tab, base
        finally:
            chromium.close()
            server.shutdown()
            server.server_close()


def _open(tab: Any, url: str, width: int, dark: bool) -> None:
    tab.set_viewport_size({"width": width, "height": 900})
    tab.emulate_media(color_scheme="dark" if dark else "light")
    tab.goto(url)
    tab.wait_for_load_state("networkidle")
    scheme = tab.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme == ("slate" if dark else "default")


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_topic_page_shows_every_mark(page: tuple[Any, str], width: int, dark: bool) -> None:
    """The resolved date follows its phrase, the conflict badge heads its group (side by side
    at 1280 px, stacked at 390 px), "single source" and "scheduled, no report since" are
    visible; nothing scrolls sideways and every citation mark is a 44 x 44 px tap target."""
    tab, base = page
    _open(tab, f"{base}latest/topics/{TOPIC}/", width, dark)
    article = tab.locator("article")
    status = article.locator("h2:has-text('Current status') + ul > li").first
    assert status.inner_text().startswith(
        "Relief convoys reached the valley two weeks ago — about 22 Oct after the bridge"
    )
    when = status.locator(".bg-when")
    assert when.is_visible() and when.inner_text().strip() == "— about 22 Oct"
    badge = article.locator("h2:has-text('Background') + ul > li > .bg-conflict")
    assert badge.is_visible() and badge.inner_text() == "Conflicting figures: death toll"
    sides = article.locator("h2:has-text('Background') + ul > li > ul > li")
    assert sides.count() == 2
    first, second = (sides.nth(i).bounding_box() for i in range(2))
    assert first is not None and second is not None
    if width == 1280:
        assert abs(first["y"] - second["y"]) < 2 and second["x"] > first["x"] + 100, (first, second)
    else:
        assert second["y"] >= first["y"] + first["height"] - 1, (first, second)
    assert "Example Wire · 5 Nov" in sides.nth(0).inner_text()
    assert "Other Post · 4 Nov" in sides.nth(1).inner_text()
    single = article.locator(".bg-single", has_text="single source")
    assert single.count() == 1 and single.is_visible()
    late = article.locator(".bg-unreported")
    assert late.count() == 1 and late.is_visible()
    assert late.inner_text() == "scheduled, no report since"
    assert tab.evaluate("document.scrollingElement.scrollWidth") <= width
    for box in article.locator(".bg-cite a").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height] })"
    ):
        assert box[0] >= 44 and box[1] >= 44, box
    tab.screenshot(
        path=str(ARTIFACTS / f"marks-topic-{width}{'-dark' if dark else ''}.png"), full_page=True
    )


@pytest.mark.parametrize("width", [1280, 390])
def test_timeline_marks_are_compact_and_visible(page: tuple[Any, str], width: int) -> None:
    """The cross-topic timeline shows the conflict badge on each side and "scheduled, no report
    since"; the chart names both in its column label and draws the passed event apart."""
    tab, base = page
    _open(tab, f"{base}latest/timeline/", width, False)
    article = tab.locator("article")
    assert article.locator(".bg-conflict:visible").count() == 2
    assert article.locator(".bg-unreported:visible").inner_text() == "scheduled, no report since"
    labels = article.locator("a.bg-col-link").evaluate_all(
        "els => els.map(e => e.getAttribute('aria-label'))"
    )
    assert any("1 scheduled, no report since" in label for label in labels), labels
    assert any("with conflicting figures" in label for label in labels), labels
    assert article.locator(".bg-bar-unreported").first.is_visible()
    assert tab.evaluate("document.scrollingElement.scrollWidth") <= width
    tab.screenshot(path=str(ARTIFACTS / f"marks-timeline-{width}.png"), full_page=True)
