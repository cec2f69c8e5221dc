"""Editors' work survives `summarize`: YAML comments and the order of statements are kept."""

from __future__ import annotations

from cli_kit import CliRunner
from summarize_helpers import LATE_ARTICLE, add_harbor, add_late_article

from briefgen.app.project import Project
from briefgen.cli import cli
from briefgen.records import SCHEMA_COMMENT, briefing_to_text
from briefgen.yamlcomments import keep_comments

from conftest import FIXTURES, make_article, make_briefing

EDITING = FIXTURES / "editing"


def summarize(project: Project, *args: str) -> None:
    """Run `briefgen summarize` on ``project``; it must succeed."""
    result = CliRunner().invoke(cli, ["-C", str(project.root), "summarize", "--quiet", *args])
    assert result.exit_code == 0, result.output


def small_sections(project: Project) -> None:
    """Three statements a section, so the whole briefing fits in a reviewable fixture."""
    cfg = project.config_file
    text = cfg.read_text(encoding="utf-8")
    cfg.write_text(
        text.replace(
            "  - briefgen:\n", "  - briefgen:\n      section_max: 3\n      timeline_max: 2\n"
        ),
        encoding="utf-8",
    )


def test_comments_and_editor_order_survive_regeneration(project: Project) -> None:
    """A top comment, a comment above a statement, an inline comment, a generated section the
    editor reordered and an edited statement moved to the top all survive a summarize that a
    new article forces to regenerate: the file is exactly the expected one."""
    small_sections(project)
    project = Project.load(project.root)
    add_harbor(project, without=(LATE_ARTICLE,))
    summarize(project)
    path = project.store.briefing_path("harbor-strike")
    path.write_text((EDITING / "edited.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    add_late_article(project)
    summarize(project)
    expected = (EDITING / "expected.yaml").read_text(encoding="utf-8")
    assert path.read_text(encoding="utf-8") == expected
    summarize(project, "--force")
    assert path.read_text(encoding="utf-8") == expected, "a second run changes no byte"


def test_no_comments_means_the_same_bytes() -> None:
    """A previous file without comments leaves the written bytes exactly the dumper's."""
    briefing = make_briefing(make_article())
    plain = briefing_to_text(briefing)
    assert briefing_to_text(briefing, plain) == plain
    assert briefing_to_text(briefing, plain.replace("  - text:", "  - text:   ")) == plain


def test_hash_in_text_and_block_scalar_is_not_a_comment() -> None:
    """A '#' inside a quoted or plain scalar, a citation or a literal block is text, not comment."""
    old = "a: 'x # y'\nb: R&D#1 plan  # real\nc: |\n  line one\n  # not a comment\nd: [p#s1]\n"
    new = "a: 'x # y'\nb: R&D#1 plan\nc: |\n  line one\n  # not a comment\nd: [p#s1]\n"
    assert keep_comments(old, new) == (
        "a: 'x # y'\nb: R&D#1 plan  # real\nc: |\n  line one\n  # not a comment\nd: [p#s1]\n"
    )


def test_comment_of_a_removed_statement_moves_to_its_section() -> None:
    """A comment whose statement is gone is written above the section, never dropped."""
    old = "s:\n  - text: A\n    cite: [a#s1]\n  # about B\n  - text: B\n    cite: [b#s1]\n"
    new = "s:\n  - text: A\n    cite: [a#s1]\n  - text: C\n    cite: [c#s1]\n"
    assert keep_comments(old, new) == "# about B\n" + new


def test_comment_follows_a_moved_statement_and_schema_line_is_not_copied() -> None:
    """A statement's comments move with it (matched by its citations); the header is not doubled."""
    old = (
        SCHEMA_COMMENT + "# top\n"
        "s:\n  - text: A\n    cite: [a#s1]  # source checked\n"
        "  # on B\n  - text: B\n    cite: [b#s1]\n"
    )
    new = SCHEMA_COMMENT + "s:\n  - text: B2\n    cite: [b#s1]\n  - text: A\n    cite: [a#s1]\n"
    assert keep_comments(old, new, ignore=frozenset({SCHEMA_COMMENT.strip()})) == (
        SCHEMA_COMMENT + "# top\n"
        "s:\n  # on B\n  - text: B2\n    cite: [b#s1]\n"
        "  - text: A\n    cite: [a#s1]  # source checked\n"
    )


def test_alias_bomb_in_previous_text_is_walked_once() -> None:
    """An alias bomb in the text being replaced does not expand: its comments are still kept."""
    rows = ["a: &a [" + ", ".join(['"lol"'] * 10) + "]"]
    for prev, cur in zip("abcdefgh", "bcdefghi", strict=True):
        rows.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]")
    old = "# kept\n" + "\n".join(rows) + "\n"
    assert keep_comments(old, "x: 1\n") == "# kept\nx: 1\n"
