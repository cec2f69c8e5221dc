"""The MkDocs plugin adapter: typed options, ``mkdocs build`` with the plugin, ``serve`` reload."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from test_publish_kit import make_site_project

from briefgen.app.project import Project
from briefgen.config import Settings
from briefgen.plugin import THEME_OVERRIDES, BriefgenPlugin, add_theme_overrides


def _set_option(project: Project, line: str) -> None:
    cfg = project.config_file
    cfg.write_text(cfg.read_text().replace("      timeline_cap: 12", line), "utf-8")


def test_entry_point_and_config_scheme_match_settings() -> None:
    """The plugin is registered as 'briefgen' and accepts exactly the Settings keys."""
    eps = {ep.name: ep.value for ep in entry_points(group="mkdocs.plugins")}
    assert eps["briefgen"] == "briefgen.plugin:BriefgenPlugin"
    assert [name for name, _ in BriefgenPlugin.config_scheme] == list(Settings.__struct_fields__)


def test_mkdocs_build_with_the_plugin_renders_the_working_state(tmp_path: Path) -> None:
    """Plain `mkdocs build` (no briefgen command) generates the pages from content/."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = make_site_project(tmp_path / "p")
    (project.root / "docs").mkdir(exist_ok=True)
    cfg = load_config(config_file=str(project.config_file), site_dir=str(tmp_path / "out"))
    build(cfg)
    page = (tmp_path / "out" / "topics" / "border-talks" / "index.html").read_text("utf-8")
    assert "Zanzibarite" in page
    assert (tmp_path / "out" / "sources/border-talks/2025-11-05-talks-day-5/index.html").is_file()


def test_invalid_option_is_a_mkdocs_config_error_naming_the_key(tmp_path: Path) -> None:
    """A bad value fails MkDocs' own config validation with the option named."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    project = make_site_project(tmp_path / "p")
    (project.root / "docs").mkdir(exist_ok=True)
    _set_option(project, "      timeline_cap: 0")
    with pytest.raises((Abort, ConfigurationError)):
        load_config(config_file=str(project.config_file))
    plugin = BriefgenPlugin()
    errors, _ = plugin.load_config({"timeline_cap": 0})
    assert errors and errors[0][0] == "timeline_cap"
    assert "greater than or equal to 1" in str(errors[0][1])
    errors, _ = plugin.load_config({"timeline_cap": 5, "day_first": False})
    assert errors == [] and plugin.config["timeline_cap"] == 5


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            body: bytes = resp.read()
            return body.decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, needle: str, proc: subprocess.Popen[bytes], limit: float = 60) -> str:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        assert proc.poll() is None, "briefgen serve exited"
        body = _get(url)
        if body is not None and needle in body:
            return body
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} never appeared at {url}")


def test_serve_reloads_when_content_changes(tmp_path: Path) -> None:
    """`briefgen serve` serves the topic page and rebuilds it after a briefing edit."""
    project = make_site_project(tmp_path / "p")
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "briefgen",
            "-C",
            str(project.root),
            "serve",
            "-a",
            f"127.0.0.1:{port}",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/topics/border-talks/"
        _wait_for(url, "Zanzibarite", proc)
        path = project.store.briefing_path("border-talks")
        path.write_text(path.read_text().replace("Border talks {{", "Renamed talks {{"), "utf-8")
        _wait_for(url, "Renamed talks", proc)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_theme_overrides_go_after_the_projects_custom_dir(tmp_path: Path) -> None:
    """briefgen's theme folder is searched after a project's custom_dir and before the theme's
    own folder (so a project's main.html still wins), and is added once."""
    theme = tmp_path / "material"
    theme.mkdir()
    (theme / "mkdocs_theme.yml").write_text("{}\n")
    dirs = [str(tmp_path / "overrides"), str(theme), str(tmp_path / "mkdocs-templates")]
    add_theme_overrides(dirs)
    add_theme_overrides(dirs)
    assert dirs == [
        str(tmp_path / "overrides"),
        str(THEME_OVERRIDES),
        str(theme),
        str(tmp_path / "mkdocs-templates"),
    ]
    assert (THEME_OVERRIDES / "main.html").is_file()
