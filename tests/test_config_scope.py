"""Which commands validate MkDocs' own keys: the ones that build or vouch for the site.

``build``, ``check`` (and ``serve``, ``prune``, ``release``) have MkDocs validate mkdocs.yml and
report a bad theme, extension or plugin. ``ingest``, ``summarize`` and ``diff`` never build: they
read mkdocs.yml through the same guarded loader (UTF-8, alias bombs, YAML errors located by line)
and validate briefgen's own options with the same messages, but leave MkDocs' keys to the
commands that use them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_kit import CliRunner

from briefgen.cli import cli

from conftest import topic_project

PAGE = (
    "Talks resume in Geneva\n\nPublished on 3 March 2024\n\nNegotiators met on Monday in "
    "Geneva. The minister said talks would resume next week.\n"
)
BAD_THEME = "theme: Unrecognised theme name: 'no-such-theme'. The available installed themes are: "


def _run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["-C", str(root), *args])
    return result.exit_code, result.output


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A scaffolded project with topic ``t`` and one plain-text page beside it."""
    return topic_project(tmp_path, "Scope", PAGE)


def _set_theme(root: Path, name: str) -> Path:
    """Point mkdocs.yml's theme at ``name`` (nothing else changes); return the file."""
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "  name: material\n" in text
    config.write_text(text.replace("  name: material\n", f"  name: {name}\n", 1), "utf-8")
    return config


def test_bad_theme_does_not_stop_ingest_summarize_or_diff(root: Path) -> None:
    """An unknown theme is MkDocs' concern: ingest, summarize and diff (which never build)
    still do their work."""
    _set_theme(root, "no-such-theme")
    code, out = _run(root, "ingest", str(root.parent / "one.txt"), "--topic", "t")
    assert (code, out.splitlines()[-1]) == (0, "1 ingested, 0 skipped (duplicates), 0 failed")
    assert len(list((root / "content" / "articles" / "t").glob("*.md"))) == 1
    code, out = _run(root, "summarize", "--quiet")
    assert code == 0, out
    assert (root / "content" / "briefings" / "t.yaml").is_file()
    code, out = _run(root, "diff", "--format", "json", str(root), str(root))
    assert code == 0, out


def test_bad_theme_stops_check_and_build_naming_the_key(root: Path) -> None:
    """check and build have MkDocs validate mkdocs.yml: the bad theme is one located error."""
    config = _set_theme(root, "no-such-theme")
    for command in ("check", "build"):
        code, out = _run(root, command)
        assert code == 1, (command, out)
        assert out.startswith(f"Error: {config.resolve()}: {BAD_THEME}"), (command, out)
        assert out.count("\n") == 1
    assert not (root / "site").exists()


def test_yaml_error_stops_ingest_with_file_and_line(root: Path) -> None:
    """A malformed mkdocs.yml stops ingest before anything is written, naming file and line."""
    config = root / "mkdocs.yml"
    config.write_text("site_name: T\nplugins: [briefgen\n", "utf-8")
    code, out = _run(root, "ingest", str(root.parent / "one.txt"), "--topic", "t")
    assert code == 1
    assert out.startswith(f"Error: {config.resolve()}:3: YAML syntax error: ")
    assert list((root / "content" / "articles").rglob("*.md")) == []


def test_non_utf8_config_stops_ingest(root: Path) -> None:
    """The UTF-8 guard covers the light loader too: one line naming the file."""
    config = root / "mkdocs.yml"
    config.write_bytes("site_name: Caf\xe9\nplugins:\n  - briefgen\n".encode("latin-1"))
    code, out = _run(root, "ingest", str(root.parent / "one.txt"), "--topic", "t")
    assert (code, out) == (1, f"Error: {config.resolve()}: file is not valid UTF-8\n")


@pytest.mark.parametrize("command", ["ingest", "summarize", "check"])
def test_briefgen_option_errors_are_the_same_in_every_command(root: Path, command: str) -> None:
    """A bad briefgen option is reported with the same one-line message whichever command
    reads it, light or fully validated."""
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8").replace("timeline_cap: 12", "timeline_cap: many")
    config.write_text(text, "utf-8")
    args = [str(root.parent / "one.txt"), "--topic", "t"] if command == "ingest" else []
    code, out = _run(root, command, *args)
    assert (code, out) == (
        1,
        f"Error: {config.resolve()}: plugins.briefgen.timeline_cap: input should be a valid "
        "integer, unable to parse string as an integer\n",
    )
