"""Escaping untrusted text (article and briefing fields) for every context it is written to.

Everything under ``content/`` and every source is untrusted: a headline, a sentence, a publisher, a
URL, a topic title may carry HTML, Markdown, Jinja, GitHub mentions or a script. Each output context
has exactly one function here, and every writer goes through it:

=====================  ==========================================================================
context                function
=====================  ==========================================================================
HTML element text      :func:`html_text` (``& < > " '`` become entities)
HTML attribute value   :func:`html_attr` (the same, on one line; always inside double quotes)
MkDocs Markdown page   :func:`md_inline` (inert text: no HTML, link, image, attribute list,
                       Jinja, list or heading; every significant character an entity)
page ``<title>``/nav   :func:`md_front_matter` (a YAML ``title:`` holding :func:`html_text`)
link target            :func:`safe_url` (``http(s)`` only, percent-encoded; else no link)
GitHub comment         :func:`md_pr_comment` (backslash escapes, and no @mention, #reference,
                       autolink or bare URL: a zero-width space breaks each)
JSON file / ``<script>`` :func:`json_text` (``< > &`` U+2028 U+2029 as ``\\u`` escapes)
XML (Atom feeds)       :func:`xml_text` (drops what XML 1.0 cannot hold; feedgen/lxml escapes)
=====================  ==========================================================================

Every function first drops the characters no output format can carry (C0/C1 controls other than
whitespace, lone surrogates, U+FFFE/U+FFFF) with :func:`clean`. A browser shows entities as the
characters they stand for, so what a reader sees is the original text.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from typing import Any

from markupsafe import Markup, escape

_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters that XML 1.0, YAML or HTML cannot carry (tab, newline and CR stay)."""


def clean(value: object) -> str:
    """``value`` as ``str`` without the characters no output format can carry (see module doc)."""
    return _INVALID.sub("", str(value))


def one_line(value: object) -> str:
    """:func:`clean` text with every run of whitespace (any line break included) as one space."""
    return " ".join(clean(value).split())


# --- HTML -----------------------------------------------------------------------------------


def html_text(value: object) -> Markup:
    """Text for an HTML element's content: ``&``, ``<``, ``>``, ``"`` and ``'`` become entities."""
    return escape(clean(value))


def html_attr(value: object) -> Markup:
    """A value for a double-quoted HTML attribute: :func:`html_text` on one line."""
    return escape(one_line(value))


# --- Markdown pages (MkDocs) ----------------------------------------------------------------

# Characters with a meaning anywhere in a line: HTML, Markdown inline syntax, extension syntax
# (attr_list ``{: }``, footnotes ``[^ ]``, pymdownx ``== ~~ ^^ :emoji: $math$ ++keys++``,
# magiclink ``@user #1``), Jinja ``{{ }} {% %} {# #}``.
_MD_ALWAYS = frozenset("&<>\"'\\`*_{}[]()#|~=^:!$%@+")
# What only matters at the start of a line: list markers, setext/hr rules, pymdownx blocks
# (``///``) and details (``???``).
_MD_LINE_START = re.compile(r"^(?:\d{1,9}([.)])|([-+?/]))")
# A bare ``www.`` host, which pymdownx.magiclink would turn into a link.
_MD_WWW = re.compile(r"(?i)(?<![\w.])(www)\.")


def _entity(ch: str) -> str:
    return f"&#{ord(ch)};"


_MD_ENTITIES = {ord(ch): _entity(ch) for ch in _MD_ALWAYS}
""":data:`_MD_ALWAYS` as entities, a :meth:`str.translate` table."""


def md_inline(value: object) -> Markup:
    """Text for a MkDocs Markdown page that Markdown, HTML and Jinja all render as inert text.

    HTML-significant characters become entities, and so does every character that Markdown, a
    Python-Markdown extension or Jinja gives a meaning to. Whitespace runs (line breaks included)
    collapse to one space, so the text can never start a block; a list or rule marker at the start
    is escaped too. The result is also safe as HTML element text and as a quoted attribute value.
    """
    text = one_line(value)
    out = text.translate(_MD_ENTITIES)
    m = _MD_LINE_START.match(out)
    if m:
        group = 1 if m.group(1) else 2
        start, end = m.span(group)
        out = out[:start] + _entity(out[start]) + out[end:]
    out = _MD_WWW.sub(r"\1&#46;", out)
    return Markup(out)


def md_front_matter(title: object) -> str:
    """A YAML front-matter block giving a MkDocs page its ``title`` (ends in a blank line).

    Themes print ``page.title`` as HTML (MkDocs derives it from the first heading as HTML, and
    Material's ``<title>`` runs it through ``striptags``, which *decodes* entities: a heading
    ``&lt;/title&gt;&lt;script&gt;`` came out as a real ``</title><script>``). A ``title`` in the
    page's metadata wins over the heading and is printed as is, so it holds :func:`html_text`;
    the value is a JSON string, which is a valid YAML double-quoted scalar.
    """
    value = json.dumps(str(html_text(one_line(title))), ensure_ascii=False)
    return f"---\ntitle: {value}\n---\n\n"


_SAFE_SCHEMES = ("http", "https")


def safe_url(value: object) -> Markup | None:
    """An ``http(s)`` URL made safe for a Markdown link target or an HTML attribute, or ``None``.

    Anything else (``javascript:``, ``data:``, ``vbscript:``, relative paths, malformed URLs, a URL
    holding control characters) gives ``None``, so the caller shows no link at all. Quotes,
    brackets, parentheses, spaces and braces are percent-encoded.
    """
    text = str(value or "").strip()
    if any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in text):
        return None
    try:
        parts = urllib.parse.urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES or not parts.netloc:
        return None
    return Markup(urllib.parse.quote(text, safe="/:?#&=%;,+@!$~.-_"))


# --- GitHub-flavoured Markdown (the ``diff`` report posted as a pull-request comment) --------

_GFM_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#|~!&$])")
_GFM_LINE_START = re.compile(r"^(?:(\d{1,9})([.)])|([-+=]))")
_ZWSP = "\u200b"
# Things GitHub links on its own after Markdown (so backslashes cannot stop them): @mentions,
# #123 / GH-123 references, http(s)/ftp URLs and www. hosts. A zero-width space after the trigger
# breaks each while the text reads the same.
_GFM_MENTION = re.compile(r"([@#])")
_GFM_URL = re.compile(r"(?i)(?<=[a-z]):(?=//)")
_GFM_WWW = re.compile(r"(?i)(?<![\w.])(www)\.")
_GFM_GH = re.compile(r"(?i)\b(gh)-(?=\d)")


def md_pr_comment(value: object) -> str:
    """One line of untrusted text for GitHub-flavoured Markdown (a PR comment, a job summary).

    Markdown and HTML punctuation is backslash-escaped (no link, image, HTML, table cell, heading,
    code or list), and a zero-width space follows every ``@`` and ``#``, the ``:`` of ``://`` and
    ``www`` / ``GH`` so GitHub neither notifies anyone, nor cross-references issues, nor turns a
    URL into a link. Whitespace runs collapse to one space.
    """
    out = _GFM_SPECIAL.sub(r"\\\1", one_line(value))
    out = _GFM_MENTION.sub(r"\1" + _ZWSP, out)
    out = _GFM_URL.sub(":" + _ZWSP, out)
    out = _GFM_WWW.sub(r"\1" + _ZWSP + ".", out)
    out = _GFM_GH.sub(r"\1" + _ZWSP + "-", out)
    m = _GFM_LINE_START.match(out)
    if m:
        out = (f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}") + out[m.end() :]
    return out


# --- JSON and XML ---------------------------------------------------------------------------

_JSON_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028"}
_JSON_UNSAFE["\u2029"] = "\\u2029"
_JSON_UNSAFE_RE = re.compile("[<>&\u2028\u2029]")


def json_text(data: Any, *, indent: int | None = 1) -> str:
    """Deterministic JSON (sorted keys, one newline at the end) safe inside ``<script>`` too;
    ``indent=None``: compact, no space after ``,`` and ``:`` (published data files).

    ``<``, ``>`` and ``&`` are written as ``\\u`` escapes (no ``</script>`` or ``<!--`` can close
    or confuse a script element, and a JSON file sniffed as HTML holds no tag), and so are U+2028
    and U+2029 (line terminators in older JavaScript). Parsing gives back exactly the same data;
    these characters only ever occur inside JSON strings, so replacing them is exact.
    """
    seps = (",", ":") if indent is None else (",", ": ")
    text = json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=True, separators=seps)
    return _JSON_UNSAFE_RE.sub(lambda m: _JSON_UNSAFE[m.group()], text) + "\n"


def xml_text(value: object) -> str:
    """Text for an XML element or attribute written by feedgen (lxml escapes ``& < >`` itself).

    Drops the characters XML 1.0 cannot hold at all (lxml refuses them, which would fail the
    build) and collapses whitespace to one line.
    """
    return one_line(value)
