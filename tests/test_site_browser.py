"""The built site in a real browser: Playwright driving Debian's chromium against 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from test_publish_kit import SEARCH_WORD, make_site_project

from briefgen.app.build import build_site

from conftest import REPO, require

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("BRIEFGEN_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
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
    build_site(project)
    site = project.root / "site"
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}/"
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
    """The root redirects to latest/, whose home lists the topic with its headline."""
    browser.goto("")
    assert browser.page.url == browser.base + "latest/"
    content = browser.page.locator("article").inner_text()
    assert "Border talks {{ 7*7 }} <b>bold</b>" in content
    assert "Negotiators met in Istanbul on Saturday." in content
    _shot(browser, "home")


def test_topic_page_shows_the_three_sections(browser: Browser) -> None:
    """The topic page has Current status, Background and Stakes headings with statements."""
    browser.goto("latest/topics/border-talks/")
    headings = browser.page.locator("article h2").all_inner_texts()
    assert headings[:3] == ["Current status", "Background", "Stakes"]
    assert SEARCH_WORD in browser.page.locator("article ul").first.inner_text()
    _shot(browser, "topic")


def test_citation_click_lands_on_the_highlighted_sentence(browser: Browser) -> None:
    """Clicking a citation opens the source at the cited sentence, which is highlighted."""
    browser.goto("latest/topics/border-talks/")
    browser.page.locator("article ul").first.locator("sup a").first.click()
    browser.page.wait_for_load_state("networkidle")
    assert browser.page.url.endswith("/latest/sources/border-talks/2025-11-05-talks-day-5/#s2")
    target = browser.page.locator(".bg-s:target")
    assert target.inner_text() == f"Delegates said the {SEARCH_WORD} proposal was tabled."
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") == HIGHLIGHT
    assert target.evaluate(
        "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight }"
    )
    _shot(browser, "source")


def test_version_selector_lists_and_switches_editions(browser: Browser) -> None:
    """The selector lists both editions and switches to the same page in the older one."""
    browser.goto("latest/topics/border-talks/")
    selector = browser.page.locator(".md-version")
    selector.wait_for()
    assert browser.page.locator(".md-version__current").inner_text() == "2025-11-05"
    selector.hover()
    links = browser.page.locator(".md-version__link")
    assert links.all_inner_texts() == ["2025-11-05", "2025-11-03"]
    browser.page.locator(".md-version__link", has_text="2025-11-03").click()
    browser.page.wait_for_url("**/2025-11-03/topics/border-talks/")
    browser.page.wait_for_load_state("networkidle")
    assert SEARCH_WORD not in browser.page.locator("article").inner_text()
    assert browser.page.locator(".md-version__current").inner_text() == "2025-11-03"


def test_search_finds_a_briefing_word(browser: Browser) -> None:
    """Typing a word from the briefing into search lists the topic page."""
    browser.goto("latest/")
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
    """The timeline lists every event by month and charts the counts per month at full size."""
    browser.goto("latest/timeline/")
    months = browser.page.locator("article h2").all_inner_texts()
    assert months == ["December 2025", "November 2025"]
    assert browser.page.locator("article li").count() == 5
    chart = browser.page.locator("svg.bg-visual")
    tips = chart.locator("g.bg-col > title").all_text_contents()
    assert tips == ["November 2025: 4 happened", "December 2025: 1 scheduled"]
    assert chart.locator(".bg-count").all_text_contents() == ["4", "1"]
    box = chart.bounding_box()
    assert box is not None and round(box["width"]) == int(chart.get_attribute("width") or 0)
    _shot(browser, "timeline")


def test_every_page_is_quiet_local_and_inert(browser: Browser) -> None:
    """After visiting every page: no console error, no foreign request, no script ran."""
    for path in (
        "latest/changes/",
        "latest/sources/border-talks/2025-11-04-hostile-report/",
        "2025-11-03/",
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
