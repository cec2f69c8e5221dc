"""mkdocs.yml settings: defaults, validation errors naming key and file."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.app.project import Project
from briefgen.config import Settings
from briefgen.errors import ConfigError


def _project(tmp_path: Path, plugins: str) -> Path:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: T\nmarkdown_extensions:\n"
        "  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        f"plugins:\n{plugins}",
        encoding="utf-8",
    )
    return tmp_path


def test_defaults_when_plugin_has_no_options(tmp_path: Path) -> None:
    """`- briefgen` alone gives the documented defaults; python tags in mkdocs.yml are tolerated."""
    project = Project.load(_project(tmp_path, "  - search\n  - briefgen\n"))
    assert project.settings == Settings()
    assert project.store.root == tmp_path.resolve() / "content"


def test_options_are_typed(tmp_path: Path) -> None:
    """Options are read from the plugin entry and validated by type."""
    project = Project.load(_project(tmp_path, "  - briefgen:\n      timeline_cap: 5\n"))
    assert project.settings.timeline_cap == 5


@pytest.mark.parametrize(
    ("plugins", "message"),
    [
        (
            "  - briefgen:\n      timeline_cap: many\n",
            "mkdocs.yml: plugins.briefgen.timeline_cap: input should be a valid integer, "
            "unable to parse string as an integer",
        ),
        (
            "  - briefgen:\n      timline_cap: 5\n",
            "mkdocs.yml: plugins.briefgen.timline_cap: unknown option",
        ),
        (
            "  - search\n",
            "mkdocs.yml: plugins: the briefgen plugin is not enabled "
            "(add '- briefgen' under plugins:)",
        ),
    ],
)
def test_invalid_settings_name_key_and_file(tmp_path: Path, plugins: str, message: str) -> None:
    """A wrong type, an unknown option or a missing plugin entry names the key and the file."""
    with pytest.raises(ConfigError) as info:
        Project.load(_project(tmp_path, plugins))
    assert str(info.value).replace(str(tmp_path.resolve()) + "/", "") == message


def test_missing_config_says_not_a_project(tmp_path: Path) -> None:
    """A folder without mkdocs.yml is not a briefgen project, and the message says how to start."""
    with pytest.raises(ConfigError) as info:
        Project.load(tmp_path)
    assert str(info.value) == (
        f"{tmp_path.resolve()}: not a briefgen project: no mkdocs.yml here "
        "(run 'briefgen init DIR')"
    )
