"""Safety: every attack vector from the Site issue renders as inert, visible text in every field."""

from __future__ import annotations

import datetime as dt
import html
import re
from html.parser import HTMLParser

import markdown
import pytest
from mkdocs.utils.meta import get_data

from briefgen.changes import compare
from briefgen.escape import md_inline, safe_url
from briefgen.model import Briefing, Edition, Statement, TimelineEvent, Topic
from briefgen.render.env import make_env
from briefgen.render.outputs import render_edition
from briefgen.render.pages import EditionInput

from conftest import make_article

VECTORS = {
    "script": "<script>window.__pwned=1</script>",
    "img-onerror": '<img src=x onerror="window.__pwned=1">',
    "javascript-link": '<a href="javascript:window.__pwned=1">go</a> <javascript:alert(1)>',
    "raw-html-block": '<div onclick="window.__pwned=1">block</div>',
    "markdown-link": "[click](javascript:window.__pwned=1) [ref][r] [r]: javascript:alert(1)",
    "markdown-image": "![x](javascript:window.__pwned=1) ![y](http://evil.example/p.png)",
    "jinja": "{{ 7 * 191 }} {% if true %}1337{% endif %} {# c #} {{ config }}",
}
"""One string per vector named in the issue."""

EXTENSIONS = ["toc", "tables", "fenced_code", "attr_list", "md_in_html", "footnotes", "abbr"]
"""Python-Markdown extensions a site may enable; escaping must hold with all of them."""


class _Inspect(HTMLParser):
    """Collects visible text and every tag and attribute of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _inspect(markdown_text: str) -> _Inspect:
    body, meta = get_data(markdown_text)  # front matter, read as MkDocs reads it
    out = _Inspect()
    if "title" in meta:
        out.feed(f"<title>{meta['title']}</title>")
    out.feed(markdown.markdown(body, extensions=EXTENSIONS))
    return out


def _assert_inert(page: str, markdown_text: str) -> None:
    found = _inspect(markdown_text)
    for tag, attrs in found.tags:
        assert tag not in {"script", "img", "iframe", "object", "embed"}, (page, tag)
        if tag == "div":
            assert ("class", "bg-article") in attrs, (page, attrs)
        for name, value in attrs:
            assert not name.startswith("on"), (page, tag, name)
            assert not (value or "").strip().lower().startswith("javascript:"), (page, value)
            if name in {"href", "src"}:
                assert "evil.example" not in (value or ""), (page, value)


def _edition(vector: str) -> Edition:
    article = make_article(
        "2025-11-05-report",
        topic="demo",
        paragraphs=((f"First {vector} sentence.", "Second sentence."), (vector,)),
        title=f"Title {vector}",
        publisher=f"Publisher {vector}",
        author=f"Author {vector}",
        url=f"javascript:{vector}",
    )
    s = article.sentences
    briefing = Briefing.validate(
        {
            "topic": "demo",
            "title": f"Topic {vector}",
            "as_of": article.published,
            "headline": Statement.validate(
                dict(text=f"Headline {vector}", cite=[str(s[0].citation)])
            ),
            "current_status": [Statement.validate(dict(text=s[0].text, cite=[str(s[0].citation)]))],
            "background": [Statement.validate(dict(text=s[2].text, cite=[str(s[2].citation)]))],
            "stakes": [Statement.validate(dict(text=f"Stake {vector}", cite=[str(s[1].citation)]))],
            "timeline": [
                TimelineEvent.validate(
                    dict(
                        date=dt.date(2025, 11, 4),
                        text=f"Event {vector}",
                        cite=["2025-11-05-report#s1"],
                    )
                )
            ],
            "sources": [article.id],
        }
    )
    return Edition.validate(
        dict(
            id="2025-11-05",
            released=article.published,
            topics=(Topic.validate(dict(slug="demo", title=f"Registry {vector}")),),
            briefings=(briefing,),
            articles=(article,),
        )
    )


@pytest.mark.parametrize("name", sorted(VECTORS))
def test_vector_is_inert_and_visible_on_every_page(name: str) -> None:
    """Each vector, in every article and briefing field, renders as literal text and no markup."""
    vector = VECTORS[name]
    edition = _edition(vector)
    previous = edition.replace(briefings=(), id="2025-11-01")
    inp = EditionInput(
        edition=edition,
        previous_id=previous.id,
        changes=compare(previous.briefings, edition.briefings),
        last_changed=(),
        timeline_cap=12,
    )
    rendered = render_edition(inp, make_env())
    assert {p.path for p in rendered.pages} >= {"index.md", "topics/demo.md", "timeline.md"}
    flat = " ".join(vector.split())
    for page in rendered.pages:
        _assert_inert(page.path, page.markdown)
        text = " ".join("".join(_inspect(page.markdown).text).split())
        if page.path != "changes.md":
            assert flat in text, (page.path, text)
        assert "1337 " not in text.replace("%}1337{%", ""), page.path
    topic = _inspect(next(p.markdown for p in rendered.pages if p.path == "topics/demo.md"))
    assert f"Headline {flat}" in " ".join("".join(topic.text).split())


def test_md_inline_exact_output() -> None:
    """md_inline turns every HTML/Markdown/Jinja-significant character into an entity."""
    assert md_inline("a <b> & [c](d) {{ e }}") == (
        "a &#60;b&#62; &#38; &#91;c&#93;&#40;d&#41; &#123;&#123; e &#125;&#125;"
    )
    assert md_inline("1. not a list") == "1&#46; not a list"
    assert md_inline("- not a list") == "&#45; not a list"
    assert md_inline("2025-11-05 stays") == "2025-11-05 stays"
    assert md_inline("two\n\nlines") == "two lines"


def test_md_inline_round_trips_to_the_original_text() -> None:
    """What the reader sees is exactly the original string (entities decode back)."""
    for vector in VECTORS.values():
        assert html.unescape(md_inline(vector)) == " ".join(vector.split())


def test_safe_url_allows_http_only() -> None:
    """Only http(s) URLs become links; javascript:, data: and relative URLs give no link."""
    assert safe_url("https://example.org/a?b=1&c=2") == "https://example.org/a?b=1&c=2"
    assert safe_url("http://example.org/a b(c)") == "http://example.org/a%20b%28c%29"
    for bad in ("javascript:alert(1)", " JavaScript:x", "data:text/html,x", "/local", "", None):
        assert safe_url(bad) is None, bad
    assert not re.search(r"[<>\"' ()]", str(safe_url('https://e.org/"><script>')))
