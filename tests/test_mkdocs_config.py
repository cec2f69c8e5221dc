"""mkdocs.yml is read by MkDocs: INHERIT, !ENV, mkdocs.yaml, -f; every error at once; guards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_kit import CliRunner
from test_publish_kit import make_site_project

from briefgen.app.project import MAX_NODES, Project, load_project
from briefgen.cli import cli
from briefgen.errors import ConfigError

from conftest import newest_edition

BASE = """site_name: Base site
theme:
  name: material
  font: false
plugins:
  - search
  - briefgen:
      timeline_cap: 7
"""


def _split_config(root: Path, child: str) -> None:
    """Replace the project's mkdocs.yml by ``base.yml`` (inherited) plus ``child``."""
    (root / "base.yml").write_text(BASE, "utf-8")
    (root / "mkdocs.yml").write_text(child, "utf-8")


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_inherit_and_env_are_built_by_briefgen_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """INHERIT merges the parent; !ENV sets site_url; `briefgen build` uses both (feeds, title)."""
    project = make_site_project(tmp_path / "p")
    _split_config(
        project.root,
        "INHERIT: base.yml\nsite_name: Child site\nsite_url: !ENV [BRIEFGEN_TEST_URL]\n",
    )
    monkeypatch.setenv("BRIEFGEN_TEST_URL", "https://news.example.org/briefs/")
    loaded = Project.load(project.root)
    assert loaded.settings.timeline_cap == 7
    assert loaded.site.site_name == "Child site"
    assert loaded.site.site_url == "https://news.example.org/briefs/"
    code, out = _run("-C", str(project.root), "build")
    assert code == 0, out
    site = project.root / "site"
    feed = (site / "feed.xml").read_text("utf-8")
    assert "<title>Child site: editions</title>" in feed
    assert "https://news.example.org/briefs/2025-11-05/" in feed
    page = (newest_edition(site) / "index.html").read_text("utf-8")
    assert '<link rel="canonical" href="https://news.example.org/briefs/2025-11-05/"' in page
    versions = json.loads((site / "versions.json").read_text("utf-8"))
    assert [v["version"] for v in versions] == ["2025-11-05", "2025-11-03"]


def test_env_change_rebuilds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A changed !ENV value is a changed config: the next build is no no-op."""
    project = make_site_project(tmp_path / "p")
    _split_config(project.root, "INHERIT: base.yml\nsite_url: !ENV [BRIEFGEN_TEST_URL]\n")
    monkeypatch.setenv("BRIEFGEN_TEST_URL", "https://a.example.org/")
    assert _run("-C", str(project.root), "build")[0] == 0
    monkeypatch.setenv("BRIEFGEN_TEST_URL", "https://b.example.org/")
    code, out = _run("-C", str(project.root), "build")
    assert code == 0 and "Built 2025-11-03, 2025-11-05;" in out, out
    assert "https://b.example.org/" in (project.root / "site" / "feed.xml").read_text("utf-8")


def test_config_file_option_and_mkdocs_yaml(tmp_path: Path) -> None:
    """`-f other.yml` selects the config in every command; a lone mkdocs.yaml is found."""
    project = make_site_project(tmp_path / "p")
    (project.root / "mkdocs.yml").rename(project.root / "other.yml")
    code, out = _run("-C", str(project.root), "check")
    assert code == 1 and "not a briefgen project: no mkdocs.yml here" in out
    code, out = _run("-C", str(project.root), "-f", "other.yml", "check")
    assert code == 0, out
    code, out = _run("-C", str(project.root), "--config-file", "other.yml", "build")
    assert code == 0 and (project.root / "site" / "latest" / "index.html").is_file(), out
    (project.root / "other.yml").rename(project.root / "mkdocs.yaml")
    assert load_project(project.root).config_file.name == "mkdocs.yaml"
    code, out = _run("-C", str(project.root), "-f", "missing.yml", "check")
    assert code == 1
    assert out == f"Error: {project.root / 'missing.yml'}: config file not found\n"


def _write(root: Path, text: str | bytes) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    path = root / "mkdocs.yml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, "utf-8")
    return path


def test_every_error_is_reported_at_once_naming_its_key(tmp_path: Path) -> None:
    """MkDocs' errors and briefgen's typed option errors come in one message, each with its key."""
    _write(
        tmp_path,
        "site_name: T\nsite_url: 12\ntheme:\n  name: no-such-theme\nplugins:\n"
        "  - briefgen:\n      timeline_cap: many\n      timline_cap: 5\n",
    )
    with pytest.raises(ConfigError) as info:
        load_project(tmp_path)
    message = str(info.value).replace(str(tmp_path.resolve()) + "/", "")
    assert message.startswith("mkdocs.yml: 4 configuration errors: ")
    assert "site_url: " in message and "theme: Unrecognised theme name: 'no-such-theme'" in message
    assert "plugins.briefgen.timeline_cap: input should be a valid integer" in message
    assert "plugins.briefgen.timline_cap: unknown option" in message
    assert "\n" not in message


def test_non_utf8_config_is_a_one_line_error(tmp_path: Path) -> None:
    """A mkdocs.yml that is not UTF-8 is refused in one line naming the file."""
    file = _write(tmp_path, "site_name: Caf\xe9\nplugins:\n  - briefgen\n".encode("latin-1"))
    code, out = _run("-C", str(tmp_path), "check")
    assert (code, out) == (1, f"Error: {file.resolve()}: file is not valid UTF-8\n")


def test_non_utf8_inherited_config_names_the_parent(tmp_path: Path) -> None:
    """The guard also covers an INHERIT parent, and names that file."""
    (tmp_path / "base.yml").write_bytes(b"site_name: Caf\xe9\n")
    _write(tmp_path, "INHERIT: base.yml\nplugins:\n  - briefgen\n")
    with pytest.raises(ConfigError) as info:
        load_project(tmp_path)
    assert str(info.value) == f"{tmp_path.resolve() / 'base.yml'}: file is not valid UTF-8"


def test_alias_bomb_fails_fast_in_one_line(tmp_path: Path) -> None:
    """A billion-laughs alias bomb under extra: is refused at once, naming the file."""
    lines = ["site_name: T", "plugins:", "  - briefgen", "extra:", '  a0: &a0 ["lol"]']
    for i in range(1, 30):
        lines.append(f"  a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    file = _write(tmp_path, "\n".join(lines) + "\n")
    code, out = _run("-C", str(tmp_path), "check")
    assert code == 1
    assert out == (
        f"Error: {file.resolve()}: YAML aliases expand to more than {MAX_NODES:,} nodes; "
        "refusing to load it\n"
    )


def test_small_aliases_still_load(tmp_path: Path) -> None:
    """Ordinary anchors and aliases (a shared palette, say) are fine."""
    _write(
        tmp_path,
        "site_name: T\nextra:\n  a: &pal {primary: blue}\n  b: *pal\nplugins:\n  - briefgen\n",
    )
    assert load_project(tmp_path).settings.timeline_cap == 12


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    """A YAML syntax error keeps its one-line, located form."""
    file = _write(tmp_path, "site_name: T\nplugins: [briefgen\n")
    with pytest.raises(ConfigError) as info:
        load_project(tmp_path)
    assert str(info.value).startswith(f"{file.resolve()}:3: YAML syntax error: ")
