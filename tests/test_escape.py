"""briefgen.escape: one function per output context, each with its exact output on breakouts."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET

import markdown
import pytest
from markdown_it import MarkdownIt
from mkdocs.utils.meta import get_data

from briefgen.escape import (
    clean,
    html_attr,
    html_text,
    json_text,
    md_front_matter,
    md_inline,
    md_pr_comment,
    safe_url,
    xml_text,
)

TITLE = "Officials </title><script>window.__pwned=1</script><title> met on Monday"
ZW = "\u200b"


def test_clean_drops_what_no_format_can_carry() -> None:
    """NUL, other C0/C1 controls, lone surrogates and U+FFFE/U+FFFF go; tab, newline, NEL stay."""
    assert clean("a\x00b\x08c\x0bd\x1fe\x7ff\x9fg\ud800h\ufffei\uffffj") == "abcdefghij"
    assert clean("a\tb\nc\rd\x85e é 😀") == "a\tb\nc\rd\x85e é 😀"


def test_html_text_exact() -> None:
    """html_text turns & < > " ' into entities and nothing else."""
    assert html_text(TITLE) == (
        "Officials &lt;/title&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;title&gt;"
        " met on Monday"
    )
    assert html_text("a & \"b\" 'c' </textarea> -->") == (
        "a &amp; &#34;b&#34; &#39;c&#39; &lt;/textarea&gt; --&gt;"
    )
    assert html_text("&lt;b&gt;") == "&amp;lt;b&amp;gt;"


def test_html_attr_exact() -> None:
    """html_attr is html_text on one line: no quote can close a double-quoted attribute."""
    assert html_attr("\"><svg onload=x>\n'a'") == "&#34;&gt;&lt;svg onload=x&gt; &#39;a&#39;"


def test_md_inline_exact() -> None:
    """md_inline: every Markdown, extension, HTML and Jinja character an entity; one line."""
    assert md_inline('{: onclick="x" } --> {{ j }} {% if %} ![i](http://e/)') == (
        "&#123;&#58; onclick&#61;&#34;x&#34; &#125; --&#62; &#123;&#123; j &#125;&#125; "
        "&#123;&#37; if &#37;&#125; &#33;&#91;i&#93;&#40;http&#58;//e/&#41;"
    )
    assert md_inline("see www.evil.example now") == "see www&#46;evil.example now"
    assert md_inline("a\u2028b\u2029c\n\nd") == "a b c d"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("1. not a list", "1&#46; not a list"),
        ("12) not a list", "12&#41; not a list"),
        ("- not a list", "&#45; not a list"),
        ("+ not a list", "&#43; not a list"),
        ("--- not a rule", "&#45;-- not a rule"),
        ("/// html | div", "&#47;// html &#124; div"),
        ("??? note", "&#63;?? note"),
        ("2025-11-05 stays", "2025-11-05 stays"),
    ],
)
def test_md_inline_line_start(text: str, expected: str) -> None:
    """A list, rule, block or details marker at the start is escaped; a date is not."""
    assert md_inline(text) == expected


def test_md_inline_renders_as_the_text_with_every_extension() -> None:
    """Python-Markdown (attr_list, md_in_html, ...) renders md_inline output as exactly the text."""
    text = f'{TITLE} **b**{{: onclick="x" }} [l](javascript:x) ![i](http://evil/) <!-- -->'
    out = markdown.markdown(
        md_inline(text), extensions=["attr_list", "md_in_html", "footnotes", "abbr", "tables"]
    )
    assert out == f"<p>{md_inline(text)}</p>"
    assert html.unescape(out[3:-4]) == text


def test_md_front_matter_exact_and_read_by_mkdocs() -> None:
    """The front matter is YAML MkDocs reads back as the HTML-escaped one-line title."""
    block = md_front_matter(TITLE + '\n"quoted" \\ 😀')
    assert block == (
        '---\ntitle: "Officials &lt;/title&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;'
        '&lt;title&gt; met on Monday &#34;quoted&#34; \\\\ 😀"\n---\n\n'
    )
    body, meta = get_data(block + "# Heading\n")
    assert body == "# Heading\n"
    assert meta == {"title": str(html_text(TITLE + ' "quoted" \\ 😀'))}


def test_safe_url_allows_http_only() -> None:
    """Only http(s) URLs with a host become links; quotes, brackets and braces are encoded."""
    assert safe_url("https://example.org/a?b=1&c=2") == "https://example.org/a?b=1&c=2"
    assert safe_url("http://example.org/a b(c){d}") == "http://example.org/a%20b%28c%29%7Bd%7D"
    assert safe_url('https://e.org/"><svg onload=x>') == "https://e.org/%22%3E%3Csvg%20onload=x%3E"
    for bad in (
        "javascript:alert(1)",
        " JavaScript:x",
        "java\tscript:x",
        "data:text/html,<script>x</script>",
        "vbscript:x",
        "https:evil",
        "//evil.example/",
        "/local",
        "https://e.org/\x00",
        "",
        None,
    ):
        assert safe_url(bad) is None, bad


@pytest.mark.parametrize(
    "text,expected",
    [
        ("@octocat and @org/team", f"@{ZW}octocat and @{ZW}org/team"),
        ("see #12 and GH-34", f"see \\#{ZW}12 and GH{ZW}-34"),
        ("https://evil.example/x", f"https:{ZW}//evil.example/x"),
        ("www.evil.example", f"www{ZW}.evil.example"),
        ("mail a@b.example", f"mail a@{ZW}b.example"),
        ("![i](http://e/p.png)", f"\\!\\[i\\]\\(http:{ZW}//e/p.png\\)"),
        ("<https://e/> <b>x</b> &amp;", f"\\<https:{ZW}//e/\\> \\<b\\>x\\</b\\> \\&amp;"),
        ("a | b | c", "a \\| b \\| c"),
        ("1. list", "1\\. list"),
        ("+ list", "\\+ list"),
        ("=== rule", "\\=== rule"),
        ("- list", "\\- list"),
        ("two\nlines", "two lines"),
    ],
)
def test_md_pr_comment_exact(text: str, expected: str) -> None:
    """md_pr_comment: backslash escapes, and a zero-width space breaks every GitHub autolink."""
    assert md_pr_comment(text) == expected


def test_md_pr_comment_renders_inert_in_commonmark_with_tables() -> None:
    """Rendered as CommonMark with GFM tables and strikethrough: text only, nothing GitHub links."""
    text = (
        f"{TITLE} @octocat #12 https://evil.example/ www.evil.example ![i](http://e/p.png) "
        "[l](javascript:x) <img src=x onerror=y> | a | b | {: onclick=x } ~~s~~"
    )
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    rendered = md.render(md_pr_comment(text) + "\n|---|---|\n")
    assert re.fullmatch(r"<p>[^<>]*</p>\n", rendered), rendered
    visible = html.unescape(rendered[3:-5]).replace(ZW, "")
    assert visible.splitlines()[0] == text
    shown = html.unescape(rendered)
    assert not re.search(r"(?<![\w`])@[a-z0-9]", shown)  # GitHub's mention pattern
    assert not re.search(r"(?<![\w&])#\d", shown)  # issue references
    assert not re.search(r"(?i)https?://|www\.", shown)  # autolinked URLs


def test_json_text_is_script_safe_and_round_trips() -> None:
    """< > & U+2028 U+2029 become \\u escapes; parsing gives back the same data."""
    data = {"b": "</script><!-- & \u2028\u2029 >", "a": [1, "é"]}
    out = json_text(data)
    assert out == (
        '{\n "a": [\n  1,\n  "é"\n ],\n'
        ' "b": "\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029 \\u003e"\n}\n'
    )
    assert json.loads(out) == data
    assert json_text({"k": "<"}, indent=None) == '{"k":"\\u003c"}\n'


def test_xml_text_keeps_feeds_well_formed() -> None:
    """xml_text drops what XML cannot hold; lxml (feedgen) then escapes the rest as text."""
    assert xml_text("a\x00b\x0bc\ud800d\ufffee  f\n g") == "abcde f g"
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.id("x")
    fg.title(xml_text(f"{TITLE} \x00 ]]> &amp;"))
    fg.link(href="./")
    fg.updated("2025-11-05T00:00:00Z")
    root = ET.fromstring(fg.atom_str())
    title = root.find("{http://www.w3.org/2005/Atom}title")
    assert title is not None and title.text == f"{TITLE} ]]> &amp;"
