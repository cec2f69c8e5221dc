"""No script injection, in a real browser: every page of a site built from hostile content.

The site (tests/hostile_site.py) carries each breakout in every untrusted field. A real HTTP server
serves it on 127.0.0.1; Playwright drives Debian's chromium through every generated HTML page with
an init script that traps the payloads (``window.__pwned`` and ``alert``/``confirm``/``prompt``)
and a route that records (and refuses) every request whose host is not 127.0.0.1.
"""

from __future__ import annotations

import functools
import http.server
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hostile_site import BREAKOUTS, HEADLINE, SITE_NAME, HostileSite, hostile_site

from conftest import CHROMIUM, require
from conftest import CHROMIUM_ARGS as ARGS

pytestmark = pytest.mark.browser

__all__ = ["hostile_site"]


TRAP = """
(() => {
  const hits = [];
  Object.defineProperty(window, '__hits', { value: hits, writable: false, configurable: false });
  Object.defineProperty(window, '__pwned', {
    configurable: false,
    get() { return undefined; },
    set(v) { hits.push('__pwned=' + v); },
  });
  for (const name of ['alert', 'confirm', 'prompt']) {
    window[name] = (...args) => { hits.push(name + '(' + args.join(',') + ')'); };
  }
})();
"""
"""Runs before any page script: records every payload that executes, whatever it sets or calls."""

DOM_CHECK = """
() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const v = a.value.trim().toLowerCase();
      if (a.name.startsWith('on')) bad.push(el.tagName + ' ' + a.name);
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(a.name)
          && /^(javascript|data|vbscript):/.test(v)) bad.push(el.tagName + ' ' + a.name + '=' + v);
    }
  }
  for (const s of document.querySelectorAll('script')) {
    if (s.textContent.includes('pwned')) bad.push('script text: ' + s.textContent.slice(0, 60));
  }
  for (const tag of ['img', 'iframe', 'object', 'embed', 'textarea']) {
    if (document.querySelector('article ' + tag)) bad.push('article has ' + tag);
  }
  return bad;
}
"""
"""Elements a breakout would create: event handlers, script URLs, payload scripts, embeds."""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class Session:
    """The served site, the chromium page, and what the page did."""

    base: str
    page: Any
    site: Path
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def visit(self, path: str) -> None:
        """Open ``path`` under the site root and wait until the network is idle."""
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")

    def foreign(self) -> list[str]:
        """Every requested URL whose host is not 127.0.0.1."""
        return [
            u
            for u in self.requests
            if urllib.parse.urlsplit(u).hostname != "127.0.0.1"
            and not u.startswith(("data:", "blob:"))
        ]

    def hits(self) -> list[str]:
        """Payloads that ran on the current page (from the init-script trap)."""
        hits: list[str] = self.page.evaluate("window.__hits.slice()")
        return hits


@pytest.fixture(scope="module")
def session(hostile_site: HostileSite) -> Iterator[Session]:
    """Serve the hostile site on 127.0.0.1 and open it in chromium with the trap installed."""
    require(Path(CHROMIUM).is_file(), f"chromium not found at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "playwright is not installed")
        raise
    handler = functools.partial(_Quiet, directory=str(hostile_site.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}/"
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(TRAP)
        page = context.new_page()
        state = Session(base, page, hostile_site.site)

        def route(r: Any) -> None:
            url = r.request.url
            state.requests.append(url)
            if urllib.parse.urlsplit(url).hostname == "127.0.0.1":
                r.continue_()
            else:
                r.abort()

        context.route("**/*", route)
        page.on("dialog", lambda d: (state.dialogs.append(d.message), d.dismiss()))
        try:
            yield state
        finally:
            context.close()
            chromium.close()
            server.shutdown()
            server.server_close()


def _html_pages(site: Path) -> list[str]:
    """Every generated HTML page, as URL paths (``latest/topics/hostile/``), root redirect first."""
    out = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        out.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return out


def test_every_page_runs_no_payload_and_stays_local(session: Session) -> None:
    """Each HTML page of both editions loads with no payload run, no dialog, no foreign request."""
    pages = _html_pages(session.site)
    kinds = {"topics/hostile/", "timeline/", "sources/", "changes/", "404.html"}
    assert all(any(k in p for p in pages) for k in kinds), pages
    assert len(pages) == 19  # the root redirect, 5 pages in each of 3 editions, 3 shared sources
    for path in pages:
        session.visit(path)
        assert session.hits() == [], path
        assert session.page.evaluate(DOM_CHECK) == [], path
    assert session.dialogs == []
    assert session.foreign() == []
    assert len(session.requests) > len(pages)


def test_hostile_title_is_shown_as_text(session: Session) -> None:
    """The ``</title>`` headline is the literal document title and heading of its source page."""
    session.visit("sources/2025-11-03-report-1/")
    assert session.page.title() == f"{HEADLINE} - {SITE_NAME}"
    assert session.page.locator("article h1").inner_text() == HEADLINE
    article = session.page.locator("article").inner_text()
    for key in ("script", "attr-single", "comment", "attr", "data-link", "entities"):
        assert BREAKOUTS[key] in article, key
    assert session.page.locator("article a", has_text="Read the original").count() == 0
    assert session.hits() == []


def test_topic_page_shows_every_breakout_as_text(session: Session) -> None:
    """The topic page shows the hostile title, headline and statements verbatim, nothing more."""
    session.visit("latest/topics/hostile/")
    text = session.page.locator("article").inner_text()
    for key, value in BREAKOUTS.items():
        assert value in text, key
    assert session.page.locator("article a[href*='evil.example']").count() == 1  # "original"
    assert session.page.locator("nav").first.inner_text().count("<script>") >= 1
    assert session.hits() == []


def test_search_results_stay_inert(session: Session) -> None:
    """Searching for words of the breakouts lists results without running any of them."""
    session.visit("latest/")
    box = session.page.locator("input.md-search__input")
    for query in ("officials", "sentence", "report", "talks"):
        box.click()
        box.fill("")
        box.press_sequentially(query)
        session.page.locator(".md-search-result__item").first.wait_for()
        assert session.hits() == [], query
        assert session.page.evaluate(DOM_CHECK) == [], query
    assert session.foreign() == []
