"""Editions share what does not change: source pages once under site/sources/, theme assets once
under site/assets/<key>/, no source maps; citations land on the shared pages' sentence anchors."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from pathlib import Path

import pytest

from briefgen.app.build import build_site
from briefgen.app.project import Project
from briefgen.app.release import release
from briefgen.app.staleness import staleness_rule
from briefgen.model import Article, Briefing, Statement, TimelineEvent, Topic
from briefgen.publish.shared import text_digest
from briefgen.scaffold import init_project

from conftest import make_article, newest_edition

EDITIONS = 3
PER_DAY = 2
_HREF = re.compile(r'href="([^"]*sources/[^"]*)"')


def _article(day: int, k: int, extra: str = "") -> Article:
    date = dt.date(2025, 11, 1) + dt.timedelta(days=day)
    return make_article(
        article_id=f"{date.isoformat()}-report-{k}",
        published=date,
        title=f"Report {k} of day {day}",
        publisher=f"Wire {k % 3}",
        paragraphs=(
            (f"Delegates met for round {day}-{k} on Monday{extra}.", "Both sides attended."),
            (f"The convoy count reached {day * 10 + k} by evening.",),
        ),
    )


def _briefing(project: Project, articles: list[Article]) -> Briefing:
    topic = Topic.validate(dict(slug="demo", title="Demo talks"))
    newest = max(articles, key=lambda a: (a.published, a.id))
    return Briefing.validate(
        {
            "topic": "demo",
            "title": "Demo talks",
            "as_of": newest.published,
            "headline": Statement.validate(
                dict(text=newest.sentences[0].text, cite=[f"{newest.id}#s1"])
            ),
            "current_status": [
                Statement.validate(dict(text=a.sentences[0].text, cite=[f"{a.id}#s1"]))
                for a in articles
            ],
            "timeline": [
                TimelineEvent.validate(
                    dict(date=a.published, text=a.sentences[2].text, cite=[f"{a.id}#s3"])
                )
                for a in articles
            ],
            "sources": sorted(a.id for a in articles),
            "inputs": staleness_rule(project.settings).digest("demo", articles, topic),
        }
    )


def _save_day(project: Project, articles: list[Article]) -> None:
    project.store.save_topics([Topic.validate(dict(slug="demo", title="Demo talks"))])
    for a in articles:
        project.store.save_article(a)
    project.store.save_briefing(_briefing(project, articles))


def make_editions(root: Path, n: int = EDITIONS, directory_urls: bool = True) -> Project:
    """A topic that gains PER_DAY articles a day, released daily, n editions."""
    init_project(root, title="Shared test")
    if not directory_urls:
        config = root / "mkdocs.yml"
        config.write_text(
            config.read_text().replace("use_directory_urls: true", "use_directory_urls: false")
        )
    project = Project.load(root)
    articles: list[Article] = []
    for day in range(n):
        articles += [_article(day, day * PER_DAY + k) for k in range(PER_DAY)]
        _save_day(project, articles)
        release(project)
    return project


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def _citations(site: Path, page: Path) -> list[tuple[Path, str]]:
    """Every link to a source page on ``page``, as (file it lands on, anchor)."""
    out = []
    for href in _HREF.findall(page.read_text("utf-8")):
        path, _, anchor = href.partition("#")
        target = posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), path))
        file = site / target
        out.append((file / "index.html" if href.split("#")[0].endswith("/") else file, anchor))
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Three daily editions of a generated topic, built once."""
    project = make_editions(tmp_path_factory.mktemp("shared") / "p")
    build_site(project)
    return project


def test_source_pages_exist_once_under_the_shared_root(built: Project) -> None:
    """site/sources/ holds exactly one page per cited article; no edition holds a source page."""
    site = built.root / "site"
    ids = {
        f"{dt.date(2025, 11, 1) + dt.timedelta(days=d)}-report-{d * PER_DAY + k}"
        for d in range(EDITIONS)
        for k in range(PER_DAY)
    }
    assert _files(site / "sources") == {f"{i}/index.html" for i in ids}
    editions = [p["version"] for p in json.loads((site / "versions.json").read_text())]
    assert len(editions) == EDITIONS
    for folder in [*editions, "latest"]:
        assert not [f for f in _files(site / folder) if "sources" in f.split("/")], folder


def test_theme_assets_are_shared_and_no_source_maps(built: Project) -> None:
    """One assets/<key>/ folder at the root; editions keep only the favicon; no *.map anywhere."""
    site = built.root / "site"
    assert not [p for p in site.rglob("*.map")]
    (key,) = [p.name for p in (site / "assets").iterdir()]
    shared = _files(site / "assets" / key)
    assert "briefgen/briefgen.css" in shared
    assert any(f.startswith("javascripts/bundle.") for f in shared)
    assert any(f.startswith("stylesheets/main.") for f in shared)
    editions = [
        p
        for p in site.iterdir()
        if (p / "topics/demo/index.html").is_file() and p.name != "latest"  # latest/: redirects
    ]
    assert len(editions) == EDITIONS
    for folder in editions:
        assert {f for f in _files(folder) if f.startswith("assets/")} == {
            "assets/images/favicon.png"
        }, folder.name
    assert _files(site / "latest" / "assets") == {"images/favicon.png"}  # for the root page
    page = (newest_edition(site) / "topics/demo/index.html").read_text("utf-8")
    assert f'href="../../../assets/{key}/briefgen/briefgen.css"' in page


def test_citations_land_on_the_shared_sentence_anchors(built: Project) -> None:
    """Every citation on every edition's topic page (and latest/) resolves to a shared source page
    that has the cited sentence's anchor."""
    site = built.root / "site"
    for folder in [
        p for p in site.iterdir() if (p / "topics/demo/index.html").is_file() and p.name != "latest"
    ]:
        cites = _citations(site, folder / "topics/demo/index.html")
        assert cites, folder.name
        for file, anchor in cites:
            assert file.is_file() and file.parent.parent == site / "sources", (folder, file)
            if anchor:
                assert f'id="{anchor}"' in file.read_text("utf-8"), (file, anchor)


def test_one_more_edition_builds_only_its_new_source_pages(built: Project, tmp_path: Path) -> None:
    """A new edition builds only itself and the pages of its new sources; old ones are kept."""
    project = make_editions(tmp_path / "p", n=2)
    build_site(project)
    site = project.root / "site"
    before = {p: p.stat().st_mtime_ns for p in (site / "sources").rglob("index.html")}
    articles = [_article(d, d * PER_DAY + k) for d in range(3) for k in range(PER_DAY)]
    _save_day(project, articles)
    release(project)
    report = build_site(project)
    assert report.built == (report.editions[-1],)
    after = {p: p.stat().st_mtime_ns for p in (site / "sources").rglob("index.html")}
    assert {p: after[p] for p in before} == before
    assert len(after) == len(before) + PER_DAY
    assert build_site(project).built == ()


def test_changed_article_text_keeps_old_citations_on_the_text_they_cited(tmp_path: Path) -> None:
    """An article whose sentences change: the newest text keeps sources/<id>/, the editions that
    cite the old text are rebuilt to link to sources/<id>--<digest>/, which holds the old text."""
    project = make_editions(tmp_path / "p", n=2)
    build_site(project)
    site = project.root / "site"
    old = _article(0, 0)
    changed = _article(0, 0, extra=" and Tuesday")
    rest = [_article(d, d * PER_DAY + k) for d in range(2) for k in range(PER_DAY)]
    articles = [changed, *rest[1:]]
    _save_day(project, articles)
    report = build_site(project)
    assert len(report.built) == 3  # both old editions (links moved) and the working one
    versioned = f"{old.id}--{text_digest(old)[:16]}"
    assert "and Tuesday" in (site / "sources" / old.id / "index.html").read_text("utf-8")
    assert "and Tuesday" not in (site / "sources" / versioned / "index.html").read_text("utf-8")
    first = sorted(p for p in site.iterdir() if p.name.startswith("2025-"))[0]
    targets = {f.parent.name for f, _ in _citations(site, first / "topics/demo/index.html")}
    assert versioned in targets and old.id not in targets
    newest = {
        f.parent.name for f, _ in _citations(site, newest_edition(site) / "topics/demo/index.html")
    }
    assert old.id in newest and versioned not in newest


def test_links_without_directory_urls(tmp_path: Path) -> None:
    """With use_directory_urls: false citations name index.html and still land on the anchor."""
    project = make_editions(tmp_path / "p", n=2, directory_urls=False)
    build_site(project)
    site = project.root / "site"
    for folder in (
        newest_edition(site).name,
        sorted(p.name for p in site.iterdir() if p.name[0] == "2")[0],
    ):
        page = site / folder / "topics/demo.html"
        cites = _citations(site, page)
        assert cites and all(f.name == "index.html" and f.is_file() for f, _ in cites)
        for file, anchor in cites:
            assert not anchor or f'id="{anchor}"' in file.read_text("utf-8")
    source = next((site / "sources").glob("*/index.html")).read_text("utf-8")
    assert 'href="../../latest/topics/demo.html"' in source


def test_new_theme_assets_rebuild_every_source_page(tmp_path: Path) -> None:
    """When the theme's assets changed since the source pages were built, a build that adds one
    page rebuilds them all, so every page links to the one asset folder that is kept."""
    project = make_editions(tmp_path / "p", n=1)
    build_site(project)
    site = project.root / "site"
    state_file = site / ".briefgen-state.json"
    state = json.loads(state_file.read_text())
    (site / "assets" / ("0" * 16)).mkdir()  # what an older theme left
    state["assets"]["sources"] = "0" * 16
    state_file.write_text(json.dumps(state))
    before = {p: p.stat().st_mtime_ns for p in (site / "sources").rglob("index.html")}
    _save_day(project, [_article(d, d * PER_DAY + k) for d in range(2) for k in range(PER_DAY)])
    release(project)
    build_site(project)
    after = {p: p.stat().st_mtime_ns for p in (site / "sources").rglob("index.html")}
    assert all(after[p] != before[p] for p in before)
    (key,) = [p.name for p in (site / "assets").iterdir()]
    for page in after:
        refs = set(re.findall(r"assets/([0-9a-f]{16})/", page.read_text("utf-8")))
        assert refs == {key}, page
