"""The built site in a real browser: Playwright driving Debian's chromium against 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from test_publish_kit import SEARCH_WORD, make_site_project

from briefgen.app.build import build_site
from briefgen.app.project import Project

from conftest import CHROMIUM, REPO, require
from conftest import CHROMIUM_ARGS as ARGS

pytestmark = pytest.mark.browser

ARTIFACTS = REPO / "test-artifacts"
HIGHLIGHT = "rgb(255, 224, 102)"
"""The :target background of a cited sentence (briefgen.css)."""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class Browser:
    """A served site, a chromium page, and everything the page did that a test must check."""

    base: str
    page: Any
    console_errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def goto(self, path: str) -> None:
        """Open ``path`` under the site root and wait for the network to settle."""
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """Build the two-edition hostile fixture once, serve it, launch chromium."""
    require(Path(CHROMIUM).is_file(), f"chromium not found at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "playwright is not installed")
        raise
    project = make_site_project(tmp_path_factory.mktemp("browser") / "p")
    site = project.root / "site"
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_port}/"
    # Published at its address: sitemaps, which the version selector needs to keep the page.
    config = project.root / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("site_url: !ENV SITE_URL", f"site_url: {base}"),
        "utf-8",
    )
    build_site(Project.load(project.root))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        state = Browser(base, page)
        page.on(
            "console",
            lambda m: state.console_errors.append(m.text) if m.type == "error" else None,
        )
        page.on("pageerror", lambda e: state.console_errors.append(str(e)))
        page.on(
            "request",
            lambda r: (
                None if r.url.startswith((base, "data:", "blob:")) else state.foreign.append(r.url)
            ),
        )
        try:
            yield state
        finally:
            chromium.close()
            server.shutdown()
            server.server_close()


def _shot(b: Browser, name: str) -> None:
    b.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_home_lists_the_topic(browser: Browser) -> None:
    """The root redirects through latest/ to the newest edition, whose home lists the topic with
    its headline."""
    browser.goto("")
    browser.page.wait_for_url(browser.base + "2025-11-05/")
    content = browser.page.locator("article").inner_text()
    assert "Border talks {{ 7*7 }} <b>bold</b>" in content
    assert "Negotiators met in Istanbul on Saturday." in content
    _shot(browser, "home")


def test_topic_page_shows_the_three_sections(browser: Browser) -> None:
    """The topic page has Current status, Background and Stakes headings with statements."""
    browser.goto("2025-11-05/topics/border-talks/")
    headings = browser.page.locator("article h2").all_inner_texts()
    assert headings[:3] == ["Current status", "Background", "Stakes"]
    assert SEARCH_WORD in browser.page.locator("article ul").first.inner_text()
    _shot(browser, "topic")


def test_citation_click_lands_on_the_highlighted_sentence(browser: Browser) -> None:
    """Clicking a citation opens the source at the cited sentence, which is highlighted."""
    browser.goto("2025-11-05/topics/border-talks/")
    browser.page.locator("article ul").first.locator(".bg-cite a").first.click()
    browser.page.wait_for_load_state("networkidle")
    # the page shared by every edition, at the site root (not a copy inside latest/)
    assert browser.page.url == browser.base + "sources/2025-11-05-talks-day-5/#s2"
    target = browser.page.locator(".bg-s:target")
    assert target.inner_text() == f"Delegates said the {SEARCH_WORD} proposal was tabled."
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") == HIGHLIGHT
    assert target.evaluate(
        "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight }"
    )
    _shot(browser, "source")


def test_older_edition_citation_lands_on_the_same_shared_page(browser: Browser) -> None:
    """A citation in an older edition opens the same shared source page at its sentence, with
    the theme's styles and scripts (from the shared assets folder) working, and the page's header
    leads to the latest edition."""
    page = browser.page
    browser.goto("2025-11-03/topics/border-talks/")
    page.locator("article ul").first.locator(".bg-cite a").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(browser.base + "sources/") and "#s" in page.url
    target = page.locator(".bg-s:target")
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") == HIGHLIGHT
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"
    assert page.locator("input.md-search__input").count() == 0  # source pages are not searched
    page.locator(".md-header__button.md-logo").click()
    page.wait_for_load_state("networkidle")
    assert page.url == browser.base + "2025-11-05/"  # through latest/, a redirect


def test_version_selector_lists_and_switches_editions(browser: Browser) -> None:
    """The selector lists both editions and switches to the same page in the older one."""
    browser.goto("2025-11-05/topics/border-talks/")
    selector = browser.page.locator(".md-version")
    selector.wait_for()
    assert browser.page.locator(".md-version__current").inner_text() == "5 Nov 2025"
    selector.hover()
    links = browser.page.locator(".md-version__link")
    assert links.all_inner_texts() == ["5 Nov 2025", "3 Nov 2025"]
    browser.page.locator(".md-version__link", has_text="3 Nov 2025").click()
    browser.page.wait_for_url("**/2025-11-03/topics/border-talks/")
    browser.page.wait_for_load_state("networkidle")
    assert SEARCH_WORD not in browser.page.locator("article").inner_text()
    assert browser.page.locator(".md-version__current").inner_text() == "3 Nov 2025"


def test_search_finds_a_briefing_word(browser: Browser) -> None:
    """Typing a word from the briefing into search lists the topic page."""
    browser.goto("2025-11-05/")
    box = browser.page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(SEARCH_WORD.lower())
    result = browser.page.locator(".md-search-result__item a").first
    result.wait_for()
    hrefs = browser.page.locator(".md-search-result__item a").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    assert any("topics/border-talks/" in h for h in hrefs), hrefs
    box.fill("")
    box.press_sequentially("officials")
    browser.page.locator(".md-search-result__item").first.wait_for()
    assert browser.page.evaluate("typeof window.__pwned") == "undefined"


def test_timeline_page_shows_the_events(browser: Browser) -> None:
    """The timeline lists every event by month and charts the story per week, each column with
    events a link to its newest entry."""
    browser.goto("2025-11-05/timeline/")
    months = browser.page.locator("article h2").all_inner_texts()
    assert months == ["December 2025", "November 2025"]
    assert browser.page.locator("article li:has(> .bg-ev)").count() == 5
    chart = browser.page.locator("ol.bg-chart")
    labels = chart.locator("a.bg-col-link").evaluate_all(
        "els => els.map(e => [e.getAttribute('aria-label'), e.getAttribute('href')])"
    )
    assert labels == [
        ["week of 3 November 2025: 4 happened", "#ev-2"],
        ["week of 1 December 2025: 1 scheduled", "#ev-1"],
    ]
    assert chart.locator(".bg-count").all_text_contents() == ["4", "", "", "", "1"]
    _shot(browser, "timeline")


@pytest.mark.parametrize("width", [1280, 390])
def test_timeline_marks_fit_take_a_tap_and_the_keyboard(browser: Browser, width: int) -> None:
    """At 1280 and 390 px every chart column is inside the viewport (no sideways scroll), is a
    tap target at least 24 px wide and 44 px tall, is reached by Tab with a visible focus ring,
    and Enter jumps to its entry."""
    page = browser.page
    page.set_viewport_size({"width": width, "height": 900})
    try:
        browser.goto("2025-11-05/timeline/")
        assert page.evaluate("document.scrollingElement.scrollWidth") <= width
        marks = page.locator("a.bg-col-link")
        assert marks.count() == 2
        for box in (marks.nth(i).bounding_box() for i in range(marks.count())):
            assert box is not None
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
            assert box["width"] >= 24 and box["height"] >= 44, box
        for _ in range(80):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('bg-col-link')"):
                break
        else:
            pytest.fail("Tab never reached a timeline column")
        ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert ring != "none"
        href = page.evaluate("document.activeElement.getAttribute('href')")
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/2025-11-05/timeline/{href}")
        entry = page.locator(f"li:has(> {href})")
        assert "Delegates said" in entry.inner_text()
        assert entry.evaluate("e => e.getBoundingClientRect().top < innerHeight")
        _shot(browser, f"timeline-{width}")
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def test_provenance_marks_name_publisher_date_and_support(browser: Browser) -> None:
    """Each statement shows "Publisher · date" links and its count of independent sources; a
    hostile publisher is shown as text; on a phone each mark is a 44 x 44 px tap target."""
    page = browser.page
    browser.goto("2025-11-05/topics/border-talks/")
    headline = page.locator("blockquote .bg-prov")
    assert headline.inner_text() == "Example Wire · 5 Nov 1 source"
    assert headline.locator(".bg-single").count() == 1
    marks = page.locator("article .bg-cite a").all_inner_texts()
    assert '<img src=x onerror="window.__pwned=8"> · 4 Nov' in marks
    assert "Example Wire · 3 Nov" in marks
    page.set_viewport_size({"width": 390, "height": 900})
    try:
        box = page.locator("article .bg-cite a").first.bounding_box()
        assert box is not None and box["width"] >= 44 and box["height"] >= 44, box
        _shot(browser, "topic-390")
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_source_page_links_the_original_and_says_how_it_is_dated(browser: Browser) -> None:
    """A source page names its publisher and date, says how the date was established and links
    the original (and shows no link for a javascript: URL)."""
    page = browser.page
    browser.goto("sources/2025-11-05-talks-day-5/")
    assert page.locator("article .bg-meta").inner_text() == "Example Wire · 5 November 2025"
    dated = page.locator("article .bg-dated").inner_text()
    assert dated == "Date given by the editor when the article was added."
    original = page.locator("article a", has_text="Read the original at Example Wire")
    assert original.get_attribute("href") == "https://example.org/talks/5?a=1&b=2"
    browser.goto("sources/2025-11-04-hostile-report/")
    assert "No link to the original was recorded." in page.locator("article").inner_text()
    assert page.locator("article a", has_text="Read the original").count() == 0


def test_old_edition_shows_a_banner_linking_to_the_latest(browser: Browser) -> None:
    """Every page of the older edition shows Material's outdated banner linking to latest/
    (which leads to the newest edition); the newest edition (reached either way) shows none."""
    page = browser.page
    for path in ("2025-11-03/", "2025-11-03/topics/border-talks/"):
        browser.goto(path)
        banner = page.locator("[data-md-component=outdated]")
        banner.locator("a").wait_for(state="visible")
        assert banner.inner_text().startswith("You are reading an earlier edition")
    page.locator("[data-md-component=outdated] a").click()
    page.wait_for_url(browser.base + "2025-11-05/")
    for path in ("latest/", "2025-11-05/topics/border-talks/"):
        browser.goto(path)
        page.locator(".md-version").wait_for()
        assert page.locator("[data-md-component=outdated]").is_hidden(), path


def test_archived_edition_timeline_leads_to_its_briefings_and_the_newest(
    browser: Browser,
) -> None:
    """The older (archived) edition's topic page leads to a short timeline page that says so and
    whose links open the edition's own briefings and, through latest/, the newest timeline."""
    page = browser.page
    browser.goto("2025-11-03/topics/border-talks/")
    page.locator("article a[href$='timeline/']").last.click()
    page.wait_for_url(browser.base + "2025-11-03/timeline/")
    assert "This edition is archived" in page.locator("body").inner_text()
    page.get_by_role("link", name="The timeline of the newest edition").click()
    page.wait_for_url(browser.base + "2025-11-05/timeline/")
    assert page.locator("article .bg-ev").count() > 0
    browser.goto("2025-11-03/timeline/")
    page.get_by_role("link", name="This edition's briefings").click()
    page.wait_for_url(browser.base + "2025-11-03/")


@pytest.mark.parametrize("width", [1280, 390])
def test_reader_pages_fit_the_screen(browser: Browser, width: int) -> None:
    """Home, topic, timeline and a source page need no sideways scrolling at 1280 and 390 px
    (screenshots of each are saved as artifacts)."""
    page = browser.page
    page.set_viewport_size({"width": width, "height": 900})
    try:
        for name, path in (
            ("home", "2025-11-05/"),
            ("topic", "2025-11-05/topics/border-talks/"),
            ("timeline", "2025-11-05/timeline/"),
            ("source", "sources/2025-11-04-hostile-report/"),
            ("old-edition", "2025-11-03/topics/border-talks/"),
            ("archived-timeline", "2025-11-03/timeline/"),
        ):
            browser.goto(path)
            assert page.evaluate("document.scrollingElement.scrollWidth") <= width, path
            _shot(browser, f"page-{name}-{width}")
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def test_root_redirect_keeps_the_fragment(browser: Browser) -> None:
    """Opening the site root, or latest/, with a #fragment lands on the newest edition with the
    same fragment."""
    browser.goto("#border-talks")
    browser.page.wait_for_url(browser.base + "2025-11-05/#border-talks")
    browser.goto("latest/topics/border-talks/#background")
    browser.page.wait_for_url(browser.base + "2025-11-05/topics/border-talks/#background")


def test_palette_toggle_switches_to_dark_and_back(browser: Browser) -> None:
    """The header toggle cycles system, light and dark: dark is Material's slate scheme, in
    which the chart's labels are light on dark."""
    page = browser.page
    browser.goto("2025-11-05/timeline/")
    schemes = [page.evaluate("document.body.getAttribute('data-md-color-scheme')")]
    try:
        for _ in range(3):
            page.locator("form[data-md-component=palette] label:visible").click()
            schemes.append(page.evaluate("document.body.getAttribute('data-md-color-scheme')"))
        assert schemes == ["default", "default", "slate", "default"]
        page.locator("form[data-md-component=palette] label:visible").click()
        page.locator("form[data-md-component=palette] label:visible").click()
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        tick = page.locator(".bg-tick").first.evaluate("e => getComputedStyle(e).color")
        channels = [int(c) for c in tick[tick.index("(") + 1 : tick.index(")")].split(",")[:3]]
        assert sum(channels) / 3 > 160, tick
        _shot(browser, "timeline-dark")
    finally:
        page.evaluate("localStorage.clear()")


def test_every_page_is_quiet_local_and_inert(browser: Browser) -> None:
    """After visiting every page: no console error, no foreign request, no script ran."""
    for path in (
        "latest/changes/",
        "sources/2025-11-04-hostile-report/",
        "2025-11-03/",
        "2025-11-03/timeline/",
        "latest/topics/border-talks/",
    ):
        browser.goto(path)
        assert browser.page.evaluate("typeof window.__pwned") == "undefined", path
    assert browser.page.locator("script:not([src])").evaluate_all(
        "els => els.every(e => !e.textContent.includes('__pwned'))"
    )
    assert browser.console_errors == []
    assert browser.foreign == []
    shutil.rmtree(ARTIFACTS / "unused", ignore_errors=True)
