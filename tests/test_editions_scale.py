"""New editions at constant cost: cached edition facts, untouched editions left alone, parallel
builds byte-identical to serial ones, latest/ as redirects, and ``briefgen prune``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_kit import CliRunner

from briefgen.app.build import build_site
from briefgen.app.project import Project
from briefgen.app.release import release
from briefgen.app.staleness import staleness_rule
from briefgen.cli import cli
from briefgen.model import Topic
from briefgen.publish import facts, parallel
from briefgen.publish.prune import redirect_tree
from briefgen.publish.site import STATE_FILE

from conftest import edition_loads, make_article, make_briefing


def _state(project: Project, n: int) -> None:
    """Working state number ``n`` of a one-topic project (same source date each time)."""
    store = project.store
    topic = Topic.validate(dict(slug="demo", title="Demo"))
    store.save_topics([topic])
    for old in store.article_paths("demo"):  # each state cites its own article (an article's
        old.unlink()  # text never changes under one id, as ingest makes them)
    a = make_article(
        f"2025-11-05-talks-{n}",
        paragraphs=((f"Talks resumed for round {n} on Thursday.", "Both attend."),),
    )
    store.save_article(a)
    digest = staleness_rule(project.settings).digest("demo", [a], topic)
    store.save_briefing(make_briefing(a, inputs=digest))


def _released(project: Project, count: int) -> list[str]:
    ids = []
    for n in range(1, count + 1):
        _state(project, n)
        ids.append(release(project).id)
    return ids


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != STATE_FILE
    }


def _ids(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


@pytest.fixture
def not_racy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Edition files count as settled at once (the cache otherwise ignores files changed in the
    last two seconds, whose mtime may not have ticked yet)."""
    monkeypatch.setattr(facts, "RACY_NS", -(10**12))


@pytest.mark.parametrize("old", [1, 4])
def test_one_more_edition_reads_only_the_newest_old_one(
    project: Project, monkeypatch: pytest.MonkeyPatch, not_racy: None, old: int
) -> None:
    """With 1 or 4 old editions, release reads no old edition file (not even through check) and
    build of one more reads two (the new one and the one before it) and builds only the new one."""
    ids = _released(project, old)
    build_site(project, jobs=1)
    _state(project, old + 1)
    loaded = edition_loads(monkeypatch)
    new = release(project).id
    release_reads = [e for e in loaded if e != new]
    loaded.clear()
    report = build_site(project, jobs=1)
    assert report.built == (new,)
    assert sorted(set(loaded)) == sorted({ids[-1], new})
    assert release_reads == []  # check trusts the files the last build parsed, by their stat


def test_untouched_editions_are_not_rebuilt(project: Project) -> None:
    """A new edition leaves the old editions' files as they were (same inode and mtime), but for
    the files archiving changes in the edition it replaces as the newest, and rewrites latest/
    to point at the new one."""
    ids = _released(project, 2)
    build_site(project, jobs=1)
    site = project.root / "site"
    before = {e: _ids(site / e) for e in ids}
    _state(project, 3)
    new = release(project).id
    report = build_site(project, jobs=1)
    assert report.built == (new,)
    after = {e: _ids(site / e) for e in ids}
    archived = {"briefings.json", "timeline/index.html", "search/search_index.json"}
    gone = {p for p in before[ids[1]] if p.startswith("data/")}
    assert gone and after[ids[0]] == before[ids[0]]
    assert {p: v for p, v in after[ids[1]].items() if p not in archived} == {
        p: v for p, v in before[ids[1]].items() if p not in archived | gone
    }
    assert all(after[ids[1]][p] != before[ids[1]][p] for p in archived)
    home = (site / "latest" / "index.html").read_text("utf-8")
    assert f'location.replace("../{new}/" + location.hash)' in home


def test_release_of_a_built_state_rebuilds_nothing(project: Project) -> None:
    """Building the working state, then releasing it, then building: nothing is rebuilt."""
    _released(project, 1)
    _state(project, 2)
    first = build_site(project, jobs=1)
    release(project)
    again = build_site(project, jobs=1)
    assert len(first.built) == 2 and again.built == ()


def test_parallel_build_is_byte_identical_to_serial(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cold build of three editions with two jobs (worker processes) writes the same files,
    byte for byte, as one job."""
    _released(project, 3)
    site = project.root / "site"
    build_site(project, jobs=1)
    serial = _files(site)
    shutil.rmtree(site)
    pools: list[int] = []

    class Counting(parallel.ProcessPoolExecutor):
        def __init__(self, max_workers: int, **kw: object) -> None:
            pools.append(max_workers)
            super().__init__(max_workers, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", Counting)
    report = build_site(project, jobs=2)
    assert pools == [2] and len(report.built) == 3
    assert _files(site) == serial


def test_latest_is_a_tree_of_redirects(project: Project) -> None:
    """latest/ holds one small redirect per page of the newest edition and nothing else but the
    favicon the site's root page names."""
    ids = _released(project, 2)
    build_site(project, jobs=1)
    site = project.root / "site"
    newest = sorted(p.relative_to(site / ids[-1]) for p in (site / ids[-1]).rglob("*.html"))
    latest = sorted(p.relative_to(site / "latest") for p in (site / "latest").rglob("*"))
    files = [p for p in latest if (site / "latest" / p).is_file()]
    assert files == sorted([*newest, Path("assets/images/favicon.png")])
    for rel in newest:
        text = (site / "latest" / rel).read_text("utf-8")
        assert "+ location.hash" in text and len(text) < 1000


def test_redirect_tree_keeps_path_else_home() -> None:
    """A page the target edition has redirects to the same path there; any other to its home."""
    tree = redirect_tree(
        ["index.html", "topics/a/index.html", "topics/gone/index.html", "404.html"],
        "2025-11-05",
        ["index.html", "topics/a/index.html", "404.html"],
        directory_urls=True,
    )
    assert 'location.replace("../2025-11-05/" + location.hash)' in tree["index.html"]
    assert (
        'location.replace("../../../2025-11-05/topics/a/" + location.hash)'
        in tree["topics/a/index.html"]
    )
    assert (
        'location.replace("../../../2025-11-05/" + location.hash)' in tree["topics/gone/index.html"]
    )
    assert 'location.replace("../2025-11-05/404.html" + location.hash)' in tree["404.html"]
    flat = redirect_tree(["topics/a.html"], "v2", ["topics/a.html"], directory_urls=False)
    assert 'location.replace("../../v2/topics/a.html" + location.hash)' in flat["topics/a.html"]


def _cli(project: Project, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["-C", str(project.root), *args])
    return result.exit_code, result.output


def test_prune_keeps_the_newest_and_redirects_the_rest(project: Project) -> None:
    """`prune --keep 2` of four editions: the two oldest folders become exactly their old pages,
    each redirecting to the same page of the oldest kept edition; versions.json lists the kept
    two; content/editions keeps all four; the next build keeps pruning and rebuilds nothing."""
    ids = _released(project, 4)
    build_site(project, jobs=1)
    site = project.root / "site"
    pages = {e: sorted(_html(site / e)) for e in ids}
    kept_before = {e: _ids(site / e) for e in ids[2:]}
    code, out = _cli(project, "prune", "--keep", "2")
    assert code == 0, out
    assert out.splitlines() == [
        f"Pruned 2 edition(s) ({ids[0]}, {ids[1]}): they redirect to {ids[2]}",
        f"Kept 2 edition(s): {ids[2]}, {ids[3]}",
    ]
    for eid in ids[:2]:
        written = sorted(p.relative_to(site / eid).as_posix() for p in (site / eid).rglob("*"))
        assert written == _with_dirs(pages[eid])
        topic = (site / eid / "topics" / "demo" / "index.html").read_text("utf-8")
        assert f'location.replace("../../../{ids[2]}/topics/demo/" + location.hash)' in topic
    assert {e: _ids(site / e) for e in ids[2:]} == kept_before
    versions = json.loads((site / "versions.json").read_text("utf-8"))
    assert [v["version"] for v in versions] == [ids[3], ids[2]]
    assert sorted(p.stem for p in project.store.editions_dir.glob("*.json")) == sorted(ids)
    again = build_site(project, jobs=1)
    assert again.built == () and again.pruned == (ids[0], ids[1])
    _state(project, 5)
    new = release(project).id
    later = build_site(project, jobs=1)
    assert later.built == (new,) and later.pruned == tuple(ids[:3])
    topic = (site / ids[0] / "topics" / "demo" / "index.html").read_text("utf-8")
    assert f'location.replace("../../../{ids[3]}/topics/demo/" + location.hash)' in topic


def _html(folder: Path) -> list[str]:
    return [p.relative_to(folder).as_posix() for p in folder.rglob("*.html")]


def _with_dirs(files: list[str]) -> list[str]:
    out = set(files)
    for f in files:
        parts = f.split("/")[:-1]
        out.update("/".join(parts[: i + 1]) for i in range(len(parts)))
    return sorted(out)


def test_keep_editions_setting_prunes_on_build(project: Project) -> None:
    """`keep_editions: 1` in mkdocs.yml: a cold build of three editions builds only the newest;
    the two others are redirect folders of their home, What changed and topic pages."""
    ids = _released(project, 3)
    config = project.root / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "  - briefgen:\n" in text
    config.write_text(text.replace("  - briefgen:\n", "  - briefgen:\n      keep_editions: 1\n"))
    report = build_site(Project.load(project.root), jobs=1)
    assert report.built == (ids[-1],) and report.pruned == tuple(ids[:2])
    site = project.root / "site"
    assert sorted(_html(site / ids[0])) == [
        "changes/index.html",
        "index.html",
        "topics/demo/index.html",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--keep", "0"],
            "Error: --keep must be at least 1 (got 0): the newest edition always stays readable",
        ),
        (
            ["--keep", "2", "--xyzzy"],
            "Error: No such option '--xyzzy'. (see 'briefgen prune --help')",
        ),
        ([], "Error: Missing option '--keep'. (see 'briefgen prune --help')"),
        (
            ["--keep", "two"],
            "Error: Invalid value for '--keep': 'two' is not a valid integer. "
            "(see 'briefgen prune --help')",
        ),
    ],
)
def test_prune_errors_are_one_line(project: Project, args: list[str], message: str) -> None:
    """A bad --keep or an unknown flag: exit 2, one line, the site untouched."""
    _released(project, 1)
    code, out = _cli(project, "prune", *args)
    assert (code, out.splitlines()) == (2, [message])
    assert not (project.root / "site").exists()


def test_an_edited_old_edition_is_rebuilt_with_the_one_after_it(
    project: Project, monkeypatch: pytest.MonkeyPatch, not_racy: None
) -> None:
    """Editing a frozen edition's file (its stat changes) makes the build read it again and
    rebuild it and the edition after it (whose "What changed" compares with it), no other."""
    ids = _released(project, 3)
    build_site(project, jobs=1)
    path = project.store.edition_path(ids[0])
    data = json.loads(path.read_text("utf-8"))
    data["briefings"][0]["title"] = "Demo, corrected"
    path.write_text(json.dumps(data, indent=1) + "\n", "utf-8")
    loaded = edition_loads(monkeypatch)
    report = build_site(project, jobs=1)
    assert report.built == (ids[0], ids[1])
    assert ids[0] in loaded and ids[2] not in loaded
    page = project.root / "site" / ids[0] / "topics" / "demo" / "index.html"
    assert "Demo, corrected" in page.read_text("utf-8")


def test_edition_facts_of_another_digest_scheme_are_read_again(
    project: Project, monkeypatch: pytest.MonkeyPatch, not_racy: None
) -> None:
    """Edition facts cached under another digest scheme (another JSON encoder or version, an older
    briefgen) are not trusted: the old editions are read again, and a working state identical to
    the newest edition is not published as a new, unreleased edition."""
    ids = _released(project, 2)
    build_site(project, jobs=1)
    state_file = project.root / "site" / STATE_FILE
    state = json.loads(state_file.read_text("utf-8"))
    assert state["edition_facts"]["scheme"] == facts.FACTS_SCHEME
    state["edition_facts"]["scheme"] = "1 an older serializer"
    for entry in state["edition_facts"]["editions"].values():
        entry["digest"] = "0" * 64  # what the other scheme hashed to
    del state["fingerprint"]  # so the build plans again
    state_file.write_text(json.dumps(state), "utf-8")
    loaded = edition_loads(monkeypatch)
    report = build_site(project, jobs=1)
    versions = json.loads((project.root / "site" / "versions.json").read_text("utf-8"))
    assert sorted(v["version"] for v in versions) == sorted(ids)
    assert set(loaded) == set(ids) and report.built == ()
