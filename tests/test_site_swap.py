"""The previous site survives a build killed (SIGKILL) at every step of the swap into site/."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from html import escape as html_escape
from pathlib import Path

import pytest
from test_publish_kit import make_site_project

from briefgen.app.build import build_site
from briefgen.app.project import Project
from briefgen.publish import swap
from briefgen.publish.site import STATE_FILE
from briefgen.publish.swap import KILL_ENV, STAGING_PREFIX, exchange
from briefgen.scaffold import init_project

from conftest import REPO, newest_edition, require

STEPS = [
    "staged",
    "shared-placed",
    "edition-placed",
    "editions-placed",
    "latest-placed",
    "feeds-written",
    "versions-written",
    "index-written",
    "pruned",
    "state-written",
]
"""Every named step of build_site's swap, in order (briefgen.publish.swap.step calls)."""

FALLBACK_STEPS = ["moved-aside:2025-11-05", "moved-aside:latest"]
"""The gap of the two-rename fallback (no renameat2), at an edition folder and at latest/."""

NO_EXCHANGE = (
    "import sys, briefgen.publish.swap as s; s._RENAMEAT2 = None; "
    "from briefgen.cli import main; sys.argv[0] = 'briefgen'; main()"
)


@pytest.fixture(scope="module")
def site_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The two-edition fixture project, built once; each test changes and rebuilds it."""
    project = make_site_project(tmp_path_factory.mktemp("swap") / "p")
    build_site(project)
    return project


def _retitle(project: Project, title: str) -> None:
    """Change the working briefing's title only (its inputs stay current: no summarize)."""
    path = project.store.briefing_path("border-talks")
    briefing = project.store.load_briefing(path)
    project.store.save_briefing(briefing.replace(title=title))


def _build(project: Project, kill_at: str, fallback: bool = False) -> int:
    """``briefgen build`` in a subprocess that SIGKILLs itself at step ``kill_at``."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env[KILL_ENV] = kill_at
    head = [sys.executable, "-c", NO_EXCHANGE] if fallback else [sys.executable, "-m", "briefgen"]
    proc = subprocess.run(
        [*head, "-C", str(project.root), "build", "--quiet"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode


def _assert_intact(site: Path, titles: tuple[str, ...], gap: bool = False) -> None:
    """The reader's view: the root redirect, versions.json and latest/ all lead to whole pages."""
    html = (site / "index.html").read_text("utf-8")
    match = re.search(r'content="0; url=([^"]+)"', html)
    assert match is not None
    target = site / match.group(1)
    assert (target / "index.html").is_file(), f"root redirect to missing {match.group(1)}"
    assert (target / "topics/border-talks/index.html").is_file()
    versions = json.loads((site / "versions.json").read_text("utf-8"))
    assert versions and versions[0]["aliases"] == ["latest"]
    for v in versions:
        assert (site / v["version"] / "index.html").is_file() or (
            gap and v["version"] == "2025-11-05"
        ), f"versions.json lists missing {v['version']}"
    newest = newest_edition(site) if (site / "latest").exists() else None
    if newest is not None and not (gap and not newest.exists()):  # fallback gap: a 404 at most
        page = (newest / "topics/border-talks/index.html").read_text("utf-8")
        shown = [t for t in titles if html_escape(t, quote=False) in page]  # as in <title>
        assert shown, "latest/ is neither the old nor the new build"
        _assert_links_whole(site, site / "latest/topics/border-talks/index.html")


def _assert_links_whole(site: Path, page: Path) -> None:
    """Every shared source page and asset folder the page links to exists."""
    text = page.read_text("utf-8")
    for href in re.findall(r'(?:href|src)="((?:\.\./)+(?:sources|assets)/[^"#]*)', text):
        target = (page.parent / href).resolve()
        assert target.exists(), f"{page.relative_to(site)} links to missing {href}"


def _assert_rebuilt(project: Project, title: str) -> None:
    """After a normal build: the new content everywhere, no leftovers of the killed build."""
    site = project.root / "site"
    assert newest_edition(site) == site / "2025-11-05"
    assert title in (site / "2025-11-05/topics/border-talks/index.html").read_text("utf-8")
    versions = json.loads((site / "versions.json").read_text("utf-8"))
    assert [v["version"] for v in versions] == ["2025-11-05", "2025-11-03"]
    assert "url=latest/" in (site / "index.html").read_text("utf-8")
    assert not list(project.root.glob(f"{STAGING_PREFIX}*"))
    assert not [p for p in site.rglob("*.tmp")]
    state = json.loads((site / STATE_FILE).read_text("utf-8"))
    assert state["order"] == ["2025-11-03", "2025-11-05"]


def _old_title(project: Project) -> str:
    return project.store.load_briefing(project.store.briefing_path("border-talks")).title


@pytest.mark.parametrize("step", STEPS)
def test_kill_at_each_step_keeps_the_previous_site(site_project: Project, step: str) -> None:
    """SIGKILL at one swap step: the site stays whole and the next build completes it."""
    project, site = site_project, site_project.root / "site"
    old = _old_title(project)
    new = f"Border talks after {step}"
    _retitle(project, new)
    assert _build(project, step) == -signal.SIGKILL
    _assert_intact(site, (old, new))
    done = step == "state-written"  # the killed build had finished all but its cleanup
    assert build_site(project).built == (() if done else ("2025-11-05",))
    _assert_rebuilt(project, new)


@pytest.mark.parametrize("step", FALLBACK_STEPS)
def test_fallback_gap_keeps_the_root_redirect_on_a_folder(
    site_project: Project, step: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without renameat2, a kill inside a two-rename gap leaves the redirect on a whole folder."""
    project, site = site_project, site_project.root / "site"
    old = _old_title(project)
    new = f"Border talks after {step}"
    _retitle(project, new)
    assert _build(project, step, fallback=True) == -signal.SIGKILL
    _assert_intact(site, (old, new), gap=True)
    monkeypatch.setattr(swap, "_RENAMEAT2", None)
    assert build_site(project).built == ("2025-11-05",)
    _assert_rebuilt(project, new)


def test_exchange_swaps_two_folders(tmp_path: Path) -> None:
    """renameat2(RENAME_EXCHANGE) is used on this Linux: both folders trade places in one call."""
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("from a")
    (b / "x").write_text("from b")
    require(exchange(a, b), "renameat2 RENAME_EXCHANGE is not available here")
    assert (a / "x").read_text() == "from b" and (b / "x").read_text() == "from a"


def test_leftovers_are_removed_and_git_ignored(site_project: Project, tmp_path: Path) -> None:
    """A stale staging folder and write temp go away on the next build; both are git-ignored."""
    project, site = site_project, site_project.root / "site"
    stale = project.root / f"{STAGING_PREFIX}site-dead"
    (stale / "2025-11-05").mkdir(parents=True)
    other = project.root / f"{STAGING_PREFIX}public-busy"  # another site's build: not ours
    other.mkdir()
    temp = site / ".versions.json.0123456789ab.tmp"
    temp.write_text("[]")
    _retitle(project, "Border talks, leftovers")
    build_site(project)
    assert not stale.exists() and not temp.exists()
    assert other.is_dir()
    other.rmdir()
    init_project(tmp_path / "fresh")
    ignored = (tmp_path / "fresh" / ".gitignore").read_text().splitlines()
    assert {f"{STAGING_PREFIX}*/", ".briefgen.lock"} <= set(ignored)
    repo_ignored = (REPO / ".gitignore").read_text().splitlines()
    assert {f"{STAGING_PREFIX}*/", ".briefgen.lock"} <= set(repo_ignored)
