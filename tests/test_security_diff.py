"""The ``diff`` report posted as a pull-request comment: hostile text renders inert on GitHub.

GitHub renders the comment as GitHub-flavoured Markdown, then links @mentions, #references and bare
URLs in the resulting text. The report is rendered here with markdown-it-py (CommonMark plus GFM
tables and strikethrough) and the rendered text is searched with GitHub's patterns.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

from cli_kit import CliRunner
from hostile_site import BREAKOUTS
from markdown_it import MarkdownIt

from briefgen.cli import cli
from briefgen.model import Briefing
from briefgen.records import briefing_to_text

GOLDEN = Path(__file__).resolve().parent / "golden" / "diff"
ALLOWED = {"p", "h2", "strong", "em", "s", "del", "ul", "li", "code"}
"""Every tag the report itself makes; anything else came from untrusted text."""


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.text: list[str] = []
        self._code = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self._code += tag == "code"

    def handle_endtag(self, tag: str) -> None:
        self._code -= tag == "code"

    def handle_data(self, data: str) -> None:
        if not self._code:  # GitHub links nothing inside code spans
            self.text.append(data)


def _render(report: str) -> _Tags:
    out = _Tags()
    out.feed(MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(report))
    return out


def _assert_inert(report: str) -> str:
    rendered = _render(report)
    assert rendered.tags <= ALLOWED, rendered.tags - ALLOWED
    text = "".join(rendered.text)
    assert not re.search(r"(?<![\w`])@[A-Za-z0-9]", text), "an @mention"
    assert not re.search(r"(?<![\w&])#\d|\bGH-\d", text), "an issue reference"
    assert not re.search(r"(?i)\b(?:https?|ftp)://|\bwww\.", text), "an autolinked URL"
    return text.replace("\u200b", "")


def test_golden_report_is_inert() -> None:
    """The golden report (with mentions, references, URLs, images, HTML) renders inert."""
    text = _assert_inert((GOLDEN / "changes" / "expected.md").read_text("utf-8"))
    assert "1. @octocat see #12 and GH-34 at https://evil.example/x" in text
    assert "<img src=x onerror=alert(1)> www.evil.example | a | b | <!-- x@y.example" in text


def _briefing(title: str, texts: list[str]) -> Briefing:
    cite = ["2025-11-04-trade#s1"]
    return Briefing.validate(
        {
            "topic": "border-talks",
            "title": title,
            "as_of": dt.date(2025, 11, 4),
            "headline": {"text": texts[0], "cite": cite},
            "current_status": [{"text": t, "cite": cite} for t in texts[1:]],
            "timeline": [{"date": "2025-11-04", "text": texts[-1], "cite": cite}],
            "sources": ["2025-11-04-trade"],
        }
    )


def test_every_breakout_in_every_field_is_inert(tmp_path: Path) -> None:
    """Breakouts in the title, headline, statements and events (added, changed) stay text."""
    values = list(BREAKOUTS.values())
    sides = {
        "base": _briefing("Talks", ["Talks resumed.", *(f"Old {v} text" for v in values)]),
        "head": _briefing(
            f"Talks {BREAKOUTS['mention']}",
            [f"Talks {BREAKOUTS['md-image']}", *(f"New {v} text" for v in values), "Added."],
        ),
    }
    for name, briefing in sides.items():
        folder = tmp_path / name / "content" / "briefings"
        folder.mkdir(parents=True)
        (tmp_path / name / "mkdocs.yml").write_text("site_name: S\nplugins:\n  - briefgen\n")
        (folder / "border-talks.yaml").write_text(briefing_to_text(briefing), "utf-8")
    result = CliRunner().invoke(cli, ["diff", str(tmp_path / "base"), str(tmp_path / "head")])
    assert result.exit_code == 0, result.output
    text = _assert_inert(result.output)
    for value in values:
        assert " ".join(value.split()) in text, value
