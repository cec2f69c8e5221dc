"""``briefgen build``: editions into site/<id>/, latest/, versions.json, skips, swaps, refusals."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_kit import CliRunner
from test_publish_kit import make_site_project

from briefgen.app.build import build_site
from briefgen.app.project import Project
from briefgen.cli import cli
from briefgen.errors import BriefgenError, BuildError
from briefgen.publish.site import STATE_FILE

from conftest import REPO, make_article, newest_edition


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The two-edition fixture project, built once."""
    project = make_site_project(tmp_path_factory.mktemp("site") / "p")
    report = build_site(project)
    assert report.built == ("2025-11-03", "2025-11-05")
    return project


def test_site_layout(built: Project) -> None:
    """Every edition has a folder; latest/ redirects each page of the newest; root has versions,
    redirect, feeds."""
    site = built.root / "site"
    names = {p.name for p in site.iterdir()}
    assert {
        "2025-11-03",
        "2025-11-05",
        "latest",
        "versions.json",
        "index.html",
        "feed.xml",
    } <= names
    assert (site / "feeds" / "border-talks.xml").is_file()
    assert not (site / "latest").is_symlink()
    assert all(p.stat().st_nlink == 1 for p in (site / "latest").rglob("*") if p.is_file())
    newest = sorted(
        p.relative_to(site / "2025-11-05") for p in (site / "2025-11-05").rglob("*.html")
    )
    assert (
        sorted(p.relative_to(site / "latest") for p in (site / "latest").rglob("*") if p.is_file())
        == sorted([*newest, Path("assets/images/favicon.png")])  # the favicon the root page names
    )
    topic = (site / "latest/topics/border-talks/index.html").read_text()
    assert 'location.replace("../../../2025-11-05/topics/border-talks/" + location.hash)' in topic
    versions = json.loads((site / "versions.json").read_text())
    assert [v["version"] for v in versions] == ["2025-11-05", "2025-11-03"]
    for eid in ("2025-11-03", "2025-11-05"):
        ed = site / eid
        for page in (
            "index.html",
            "topics/border-talks/index.html",
            "timeline/index.html",
            "changes/index.html",
            "briefings.json",
        ):
            assert (ed / page).is_file(), f"{eid}/{page}"
        # Source pages and theme assets are shared at the site root (see test_site_shared.py).
        assert not (ed / "sources").exists() and not (ed / "assets/briefgen").exists()
    # full_editions 1: the older edition is archived (tests/test_edition_data.py)
    assert (site / "2025-11-05/data/timelinejs/border-talks.json").is_file()
    assert not (site / "2025-11-03/data").exists()
    (key,) = [p.name for p in (site / "assets").iterdir()]
    assert (site / "assets" / key / "briefgen/briefgen.css").is_file()
    old = (site / "2025-11-03" / "topics/border-talks/index.html").read_text()
    assert "Zanzibarite" not in old
    assert "Zanzibarite" in (site / "2025-11-05" / "topics/border-talks/index.html").read_text()
    # No site_url: no edition sitemap (it needs absolute URLs); see test_site_url.py.
    assert not [
        p for e in ("2025-11-03", "2025-11-05", "latest") for p in (site / e).glob("sitemap*")
    ]


def test_pages_are_offline(built: Project) -> None:
    """No page refers to another host for scripts, styles, fonts or images."""
    for page in newest_edition(built.root / "site").rglob("*.html"):
        text = page.read_text("utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, page
        for attr in ('src="http', "src='http", 'href="//', "@import url(http"):
            assert attr not in text, (page, attr)


def test_noop_rebuild_and_only_changed_editions_rebuild(tmp_path: Path) -> None:
    """A rebuild with no change builds nothing; a content change rebuilds only the working one."""
    src = make_site_project(tmp_path / "p")
    assert build_site(src).built == ("2025-11-03", "2025-11-05")
    frozen_before = (src.root / "site/2025-11-03/index.html").stat().st_mtime_ns
    again = build_site(src)
    assert again.built == ()
    assert again.editions == ("2025-11-03", "2025-11-05")
    art = next(src.store.articles_dir.glob("border-talks/2025-11-05-*.md"))
    art.write_text(art.read_text().replace("was tabled", "was tabled again"), "utf-8")
    # The article changed but the briefing did not: summarize runs first and rewrites it.
    report = build_site(src)
    assert report.built == ("2025-11-05",)
    assert report.summarized == ("border-talks",)
    assert (src.root / "site/2025-11-03/index.html").stat().st_mtime_ns == frozen_before
    state = json.loads((src.root / "site" / STATE_FILE).read_text())
    assert state["order"] == ["2025-11-03", "2025-11-05"]


def test_invalid_briefing_stops_the_build_and_keeps_the_site(tmp_path: Path) -> None:
    """A briefing that fails validation names file and field; site/ keeps the previous build."""
    project = make_site_project(tmp_path / "p")
    build_site(project)
    before = _tree(project.root / "site")
    path = project.store.briefing_path("border-talks")
    path.write_text(path.read_text().replace("as_of: 2025-11-05", "as_of: 2025-13-45"), "utf-8")
    result = CliRunner().invoke(cli, ["-C", str(project.root), "build"])
    assert result.exit_code == 1
    assert "border-talks.yaml:" in result.output and "as_of" in result.output
    assert _tree(project.root / "site") == before
    assert not list(project.root.glob(".briefgen-build-*"))


def test_strict_failure_keeps_the_site(tmp_path: Path) -> None:
    """A broken link (MkDocs strict validation) fails the build without touching site/."""
    project = make_site_project(tmp_path / "p")
    build_site(project)
    before = _tree(project.root / "site")
    docs = project.root / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "about.md").write_text("# About\n\n[missing](nowhere.md)\n", "utf-8")
    with pytest.raises(BuildError, match="strict"):
        build_site(project)
    assert _tree(project.root / "site") == before


def test_empty_project_builds_a_site_saying_no_briefings(project: Project) -> None:
    """With no topics the site is valid and says there are no briefings yet."""
    report = build_site(project)
    assert report.editions == ("draft",)
    home = (newest_edition(project.root / "site") / "index.html").read_text("utf-8")
    assert "There are no briefings yet." in home
    assert (project.root / "site" / "index.html").is_file()


def test_frozen_refuses_a_stale_briefing_and_writes_nothing(tmp_path: Path) -> None:
    """--frozen fails on a stale briefing, naming it, and never changes content/."""
    project = make_site_project(tmp_path / "p")
    art = next(project.store.articles_dir.glob("border-talks/2025-11-05-*.md"))
    art.write_text(art.read_text().replace("was tabled", "was tabled again"), "utf-8")
    content = _tree(project.store.root)
    result = CliRunner().invoke(cli, ["-C", str(project.root), "build", "--frozen"])
    assert result.exit_code == 1
    assert "--frozen refuses to build" in result.output
    assert "border-talks.yaml" in result.output and "stale" in result.output
    assert _tree(project.store.root) == content
    assert not (project.root / "site").exists()


def test_frozen_builds_valid_content_without_writing_it(tmp_path: Path) -> None:
    """--frozen on valid, fresh briefings builds and leaves content/ byte-identical."""
    project = make_site_project(tmp_path / "p")
    content = _tree(project.store.root)
    result = CliRunner().invoke(cli, ["-C", str(project.root), "build", "--frozen"])
    assert result.exit_code == 0, result.output
    assert "latest 2025-11-05" in result.output
    assert _tree(project.store.root) == content


def test_build_is_reproducible(built: Project, tmp_path: Path) -> None:
    """A fresh copy of the same content/ builds byte-identical editions."""
    other = make_site_project(tmp_path / "q")
    build_site(other)
    for eid in ("2025-11-03", "2025-11-05"):
        assert _tree(other.root / "site" / eid) == _tree(built.root / "site" / eid), eid


def test_fresh_clone_builds_from_committed_content(tmp_path: Path) -> None:
    """The README quick start: the repo's mkdocs.yml and content/ alone produce site/index.html."""
    clone = tmp_path / "clone"
    clone.mkdir()
    shutil.copy(REPO / "mkdocs.yml", clone / "mkdocs.yml")
    shutil.copytree(REPO / "content", clone / "content")
    if (REPO / "templates").is_dir():
        shutil.copytree(REPO / "templates", clone / "templates")
    result = CliRunner().invoke(cli, ["-C", str(clone), "build"])
    assert result.exit_code == 0, result.output
    assert (clone / "site" / "index.html").is_file()
    assert (clone / "site" / "latest" / "index.html").is_file()


def test_template_syntax_error_is_named(tmp_path: Path) -> None:
    """An override with a syntax error stops the build naming the template and line."""
    project = make_site_project(tmp_path / "p")
    (project.templates_dir / "topic.md").write_text("# x\n{% if %}\n", "utf-8")
    with pytest.raises(BriefgenError) as err:
        build_site(project)
    assert err.value.file is not None and err.value.file.endswith("templates/topic.md")
    assert err.value.line == 2


def test_new_article_without_briefing_is_summarized_by_build(project: Project) -> None:
    """The default build summarizes a topic that has articles but no briefing, then renders it."""
    store = project.store
    store.save_article(
        make_article(
            "2025-11-05-talks",
            paragraphs=(
                (
                    "Negotiators met in Istanbul on Saturday to discuss the ceasefire.",
                    "The talks ended without agreement, officials said.",
                ),
            ),
        )
    )
    report = build_site(project)
    assert report.summarized == ("demo",)
    assert store.briefing_path("demo").is_file()
    assert (project.root / "site" / "latest" / "topics" / "demo" / "index.html").is_file()
