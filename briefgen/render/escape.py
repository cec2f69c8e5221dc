"""Escaping untrusted text (article and briefing fields) on its way into Markdown and HTML.

Every string that comes from content/ passes through :func:`md_escape` before it reaches a page. The
result is plain text that neither Markdown nor HTML nor a Jinja-aware Markdown plugin can interpret:
HTML-significant characters become entities, and so does every character that Markdown (or a
Python-Markdown extension such as attr_list, pymdownx or footnotes) or Jinja gives a meaning to.
A browser shows the entities as the original characters, so the text reads exactly as written.
"""

from __future__ import annotations

import re
import urllib.parse

from markupsafe import Markup

# Characters with a meaning anywhere in a line: HTML, Markdown inline syntax, extension syntax
# (attr_list ``{: }``, footnotes ``[^ ]``, pymdownx ``== ~~ ^^ :emoji: $math$``), Jinja ``{{ }}``.
_ALWAYS = frozenset("&<>\"'\\`*_{}[]()#|~=^:!$%@+")
# Characters that only matter at the start of a line (lists, ordered lists, setext rules).
_LINE_START = re.compile(r"^(?:\d{1,9}([.)])|([-+]))")
_WHITESPACE = re.compile(r"\s+")


def _entity(ch: str) -> str:
    return f"&#{ord(ch)};"


def md_escape(value: object) -> Markup:
    """Escape ``value`` (converted to ``str``) so Markdown, HTML and Jinja render it as inert text.

    Newlines and runs of whitespace collapse to one space, so the text can never start a new block.
    """
    text = _WHITESPACE.sub(" ", str(value)).strip()
    out = "".join(_entity(ch) if ch in _ALWAYS else ch for ch in text)
    m = _LINE_START.match(out)
    if m:
        group = 1 if m.group(1) else 2
        start, end = m.span(group)
        out = out[:start] + _entity(out[start]) + out[end:]
    return Markup(out)


_SAFE_SCHEMES = ("http", "https")


def safe_url(value: object) -> Markup | None:
    """An ``http(s)`` URL made safe for a Markdown link or an HTML attribute, or ``None``.

    Anything else (``javascript:``, ``data:``, relative paths, malformed URLs) gives ``None``, so
    the caller shows no link at all.
    """
    text = str(value or "").strip()
    try:
        parts = urllib.parse.urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES or not parts.netloc:
        return None
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in text):
        return None
    return Markup(urllib.parse.quote(text, safe="/:?#&=%;,+@!$~.-_"))
