"""Minimal diffs: adding one article changes only what that article changed."""

from __future__ import annotations

import difflib
import re

from cli_kit import CliRunner
from summarize_helpers import LATE_ARTICLE, add_harbor, add_late_article

from briefgen.app.project import Project
from briefgen.cli import cli
from briefgen.model import SECTIONS, Briefing

_TEXT = re.compile(r"^\s*(?:-\s)?\s*text: (.*)$")


def _summarize(project: Project) -> tuple[str, Briefing]:
    result = CliRunner().invoke(cli, ["-C", str(project.root), "summarize", "--quiet"])
    assert result.exit_code == 0, result.output
    path = project.store.briefing_path("harbor-strike")
    return path.read_text(encoding="utf-8"), project.store.load_briefing(path)


def _texts(b: Briefing) -> dict[str, tuple[str, bool]]:
    """Statement and event text -> (where, cites the late article)."""
    out = {}
    for st, where in b.iter_cited():
        out[st.text] = (where, any(c.article_id == LATE_ARTICLE for c in st.cite))
    return out


def test_adding_an_article_touches_only_what_it_changed(project: Project) -> None:
    """The YAML diff after adding a 6th article only touches statements citing it or displaced by
    it, its timeline events, the sources list and the digest."""
    add_harbor(project, without=(LATE_ARTICLE,))
    old_text, old = _summarize(project)
    assert len(old.sources) == 5
    add_late_article(project)
    new_text, new = _summarize(project)
    assert LATE_ARTICLE in new.sources and len(new.sources) == 6

    old_items, new_items = _texts(old), _texts(new)
    diff = [
        line
        for line in difflib.unified_diff(
            old_text.splitlines(), new_text.splitlines(), lineterm="", n=0
        )
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert diff, "a new article must change the briefing"
    for line in diff:
        body = line[1:]
        m = _TEXT.match(body)
        if m is not None:
            text = m.group(1).strip("'\"")
            if line[0] == "+":
                where, cites_new = next(
                    (v for k, v in new_items.items() if k.startswith(text[:60])), ("?", False)
                )
                moved = any(k.startswith(text[:60]) for k in old_items)
                assert cites_new or moved, (
                    f"added statement {where} neither cites the new article nor moved: {text}"
                )
            continue
        if body.lstrip().startswith(("cite:", "- cite:")):
            continue  # a citation list changes together with its text or by gaining the new article
        if re.match(r"^\s+- [0-9]{4}-[0-9]{2}-[0-9]{2}-", body):
            assert body.strip() == f"- {LATE_ARTICLE}", (
                f"sources changed beyond the new article: {line}"
            )
            continue
        if body.startswith(("inputs:", "as_of:")):
            continue
        if re.match(
            r"^\s+(?:- )?(?:date|precision|status|times|phrase|conflict|single_source):", body
        ):
            continue  # fields of timeline events (their text lines are checked above)
        if re.match(r"^\s+(?:- )?(?:times|phrase|single_source|conflict):", body):
            continue  # marks of a statement or event: they change with its text and citations
        if re.match(r"^(?:current_status|background|stakes|timeline):", body):
            continue
        raise AssertionError(f"unexpected diff line: {line}")

    # Statements that neither cite the new article nor were displaced keep their relative order.
    for section in SECTIONS:
        before = [st.text for st in old.section(section)]
        after = [st.text for st in new.section(section)]
        common_before = [t for t in before if t in after]
        common_after = [t for t in after if t in before]
        assert common_before == common_after, f"{section}: kept statements were reordered"
    # Every changed citation list involves the new article.
    old_cites = {st.text: st.cite for st, _ in old.iter_cited()}
    for st, where in new.iter_cited():
        if st.text in old_cites and old_cites[st.text] != st.cite:
            assert any(c.article_id == LATE_ARTICLE for c in st.cite), where
