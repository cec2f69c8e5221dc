"""One ``briefgen build`` across worker processes: the shared source pages in batches beside the
editions, byte for byte the site one process builds, and still a no-op when nothing changed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from test_publish_kit import make_site_project

from briefgen.app.build import build_site
from briefgen.app.project import Project
from briefgen.publish import mkbuild
from briefgen.publish.site import STATE_FILE


def _tree(site: Path) -> dict[str, bytes]:
    """Every file of ``site``; the state file without its stat caches of content/ files (which
    hold only files older than two seconds: a matter of timing, not of the build)."""
    out = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.name == STATE_FILE:
                state = json.loads(data)
                state.pop("files")
                for entry in state["edition_facts"]["editions"].values():
                    entry.pop("stat")
                data = json.dumps(state, sort_keys=True).encode()
            out[path.relative_to(site).as_posix()] = data
    return out


def _spy_schedule(monkeypatch: pytest.MonkeyPatch) -> list[list[mkbuild.Task]]:
    seen: list[list[mkbuild.Task]] = []
    original = mkbuild.schedule

    def spy(*args: Any) -> list[mkbuild.Task]:
        tasks = original(*args)
        seen.append(tasks)
        return tasks

    monkeypatch.setattr(mkbuild, "schedule", spy)
    return seen


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """Two editions (one released, one working) citing three articles."""
    return make_site_project(tmp_path / "p")


def test_batches_split_pages_evenly_and_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """One batch with one job; else about BATCH_PAGES pages a batch, at least one per job not
    busy with other tasks, consecutive, sizes differing by at most one, never empty."""
    pages = [f"a{i:02d}" for i in range(7)]
    assert mkbuild.batches(pages, 1) == [tuple(pages)]
    assert mkbuild.batches([], 2) == []
    assert mkbuild.batches(pages[:1], 2) == [("a00",)]
    monkeypatch.setattr(mkbuild, "BATCH_PAGES", 100)
    assert [len(b) for b in mkbuild.batches(pages, 2)] == [4, 3]
    assert [len(b) for b in mkbuild.batches(pages, 2, busy=1)] == [7]
    assert [len(b) for b in mkbuild.batches(pages, 3, busy=1)] == [4, 3]
    assert [len(b) for b in mkbuild.batches(pages, 2, busy=5)] == [7]
    monkeypatch.setattr(mkbuild, "BATCH_PAGES", 2)
    split = mkbuild.batches(pages, 2)
    assert [len(b) for b in split] == [2, 2, 2, 1]
    assert [p for b in split for p in b] == pages


def test_schedule_orders_editions_first_with_jobs(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With one job the source pages are one task before the editions (as a serial build always
    ran); with two the editions come first, then the batches: one while the editions keep both
    workers busy, one per idle worker, else about BATCH_PAGES pages each."""
    from briefgen.publish.editions import plan_editions

    plan = plan_editions(project.store)
    one = mkbuild.schedule(plan, ["x", "y", "z"], 1)
    assert [(t.label, t.pages) for t in one] == [
        ("sources/0", ("x", "y", "z")),
        ("2025-11-03", ()),
        ("2025-11-05", ()),
    ]
    two = mkbuild.schedule(plan, ["x", "y", "z"], 2)
    assert [(t.label, t.pages, t.out) for t in two] == [
        ("2025-11-03", (), "2025-11-03"),
        ("2025-11-05", (), "2025-11-05"),
        ("sources/0", ("x", "y", "z"), ".sources-site-0"),
    ]
    assert [t.pages for t in mkbuild.schedule(plan[1:], ["x", "y", "z"], 3)] == [
        (),
        ("x", "y"),
        ("z",),
    ]
    assert [t.pages for t in mkbuild.schedule([], ["x", "y", "z"], 2)] == [("x", "y"), ("z",)]
    monkeypatch.setattr(mkbuild, "BATCH_PAGES", 1)
    assert [t.label for t in mkbuild.schedule(plan, ["x", "y", "z"], 2)] == [
        "2025-11-03",
        "2025-11-05",
        "sources/0",
        "sources/1",
        "sources/2",
    ]


def test_two_jobs_build_the_same_site_as_one(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cold build with two jobs, the source pages in one-page batches, writes site/ byte for
    byte as one job (state file included), and the next build with nothing changed builds
    nothing."""
    site = project.root / "site"
    serial_report = build_site(project, jobs=1)
    serial = _tree(site)
    shutil.rmtree(site)
    monkeypatch.setattr(mkbuild, "BATCH_PAGES", 1)
    seen = _spy_schedule(monkeypatch)
    report = build_site(project, jobs=2)
    assert [[t.label for t in tasks] for tasks in seen] == [
        [
            "2025-11-03",
            "2025-11-05",
            "data/2025-11-05",  # the archived edition 2025-11-03 publishes no data files
            "sources/0",
            "sources/1",
            "sources/2",
        ]
    ]
    assert sorted(p for t in seen[0] for p in t.pages) == sorted(
        p.name for p in (site / "sources").iterdir()
    )
    assert report == serial_report
    assert _tree(site) == serial
    assert build_site(project, jobs=2).built == ()


def _built_and_changed(project: Project, headline: str, new_source: bool = False) -> Path:
    """Build ``project`` with one job, copy it to a sibling ``base`` folder, then make the same
    change to the working state of both (a new headline; with ``new_source`` a newly cited
    article too, so its source page is built); returns ``base``."""
    from test_publish_kit import SEARCH_WORD, _briefing, _talks, hostile_article

    build_site(project, jobs=1)
    base = project.root.parent / "base"
    shutil.copytree(project.root, base, symlinks=True)
    cited = [
        _talks(3, "progress was slow"),
        hostile_article(),
        _talks(5, f"the {SEARCH_WORD} proposal was tabled"),
    ]
    if new_source:
        cited.append(_talks(6, "the talks moved to Ankara"))
    for root in (project.root, base):
        changed = Project.load(root)
        if new_source:
            changed.store.save_article(cited[-1])
        changed.store.save_briefing(_briefing(changed, cited, headline))
    return base


def test_one_edition_with_sources_in_parallel_matches_serial(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a serial build, a change to the working state rebuilds the working edition and
    its new source page with two jobs into the same bytes as one job does."""
    base = _built_and_changed(project, "Negotiators met on Saturday.", new_source=True)
    serial = build_site(Project.load(base), jobs=1)
    monkeypatch.setattr(mkbuild, "BATCH_PAGES", 1)
    seen = _spy_schedule(monkeypatch)
    parallel = build_site(project, jobs=2)
    assert parallel.built == serial.built == ("2025-11-06",)
    assert [t.label for t in seen[0]] == ["2025-11-06", "data/2025-11-06", "sources/0"]
    assert _tree(project.root / "site") == _tree(base / "site")


def test_data_files_stay_in_the_mkdocs_build_when_docs_has_pages(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a page of the user's in docs/ (it may link to briefings.json, which MkDocs checks)
    the data files are made by the edition's MkDocs build, not by a task of their own; a file
    of docs/ at a data file's path still wins, and two jobs still match one."""
    docs = project.root / "docs"
    (docs / "about.md").write_text("# About\n\nThe data: [briefings](briefings.json).\n")
    site = project.root / "site"
    build_site(project, jobs=1)
    serial = _tree(site)
    shutil.rmtree(site)
    seen = _spy_schedule(monkeypatch)
    build_site(project, jobs=2)
    assert not any(t.data for t in seen[0])
    assert _tree(site) == serial
    assert (site / "2025-11-05" / "briefings.json").read_bytes().startswith(b"{")


def test_a_docs_file_wins_over_a_data_file_built_apart(tmp_path: Path) -> None:
    """gather_data moves a data task's files into the edition's folder, except where the build
    already wrote a file at that path (from docs/ or the theme)."""
    from briefgen.publish.editions import plan_editions

    project = make_site_project(tmp_path / "p")
    planned = plan_editions(project.store)[-1]
    staging = tmp_path / "staging"
    mkbuild.write_data(staging / ".data-2025-11-05", {"a.json": "[1]", "d/b.json": "[é]"})
    (staging / "2025-11-05").mkdir()
    (staging / "2025-11-05" / "a.json").write_text("mine")
    task = mkbuild.Task("data/2025-11-05", edition=planned, data=True)
    mkbuild.gather_data(staging, [task])
    assert (staging / "2025-11-05" / "a.json").read_text() == "mine"
    assert (staging / "2025-11-05" / "d" / "b.json").read_bytes() == "[é]".encode()
    assert sorted(p.name for p in staging.iterdir()) == ["2025-11-05"]


def test_a_build_parses_each_content_file_once(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The staleness check and the edition plan of one build share the parsed articles and
    briefings: each file is parsed once."""
    import briefgen.store as store_module

    parsed: list[str] = []
    for name in ("article_from_text", "briefing_from_text"):
        original = getattr(store_module, name)

        def spy(text: str, path: Path, *a: Any, _f: Any = original, **kw: Any) -> Any:
            parsed.append(path.name)
            return _f(text, path, *a, **kw)

        monkeypatch.setattr(store_module, name, spy)
    build_site(project, jobs=1)
    assert parsed and sorted(parsed) == sorted(set(parsed))


def test_parsed_once_parses_a_rewritten_file_again(project: Project) -> None:
    """ParsedOnce returns the same object for an unchanged file and parses a file rewritten
    since (as summarizing rewrites a briefing)."""
    from briefgen.app.build import ParsedOnce

    store = ParsedOnce(project.store)
    path = store.briefing_path("border-talks")
    first = store.load_briefing(path)
    assert store.load_briefing(path) is first
    store.save_briefing(first.replace(title="Border talks, renamed"))
    assert store.load_briefing(path).title == "Border talks, renamed"


def test_a_theme_file_added_between_builds_is_published(project: Project) -> None:
    """The theme's file list is kept for one build only: a file added to the theme's custom_dir
    after a build, in the same process, is published by the next build."""
    config = project.root / "mkdocs.yml"
    text = config.read_text("utf-8").replace("theme:\n", "theme:\n  custom_dir: theme_extra\n", 1)
    config.write_text(text, "utf-8")
    (project.root / "theme_extra").mkdir()
    project = Project.load(project.root)
    site = project.root / "site"
    build_site(project, jobs=1)
    assert not (site / "2025-11-05" / "extra.txt").exists()
    (project.root / "theme_extra" / "extra.txt").write_text("added\n")
    shutil.rmtree(site)
    build_site(project, jobs=1)
    assert (site / "2025-11-05" / "extra.txt").read_text() == "added\n"


def test_compiled_templates_are_shared_through_a_folder(tmp_path: Path) -> None:
    """A template compiled by one process's cache (writing to the shared folder) is read by
    another's instead of compiled again, renders the same text, and an edited template is
    compiled anew; without a folder nothing is written."""
    import jinja2

    from briefgen.plugin import CompiledTemplates

    templates = tmp_path / "t"
    templates.mkdir()
    (templates / "page.html").write_text("<p>{{ name | upper }}</p>")

    def env(cache: CompiledTemplates) -> tuple[jinja2.Environment, list[str]]:
        made = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates)), bytecode_cache=cache
        )
        compiled: list[str] = []
        compile_ = made.compile

        def spy(source: str, name: str | None = None, *a: Any, **kw: Any) -> Any:
            compiled.append(str(name))
            return compile_(source, name, *a, **kw)

        made.compile = spy  # type: ignore[method-assign]
        return made, compiled

    alone = CompiledTemplates()
    first, compiled = env(alone)
    assert first.get_template("page.html").render(name="x") == "<p>X</p>"
    assert compiled == ["page.html"] and not (tmp_path / "shared").exists()

    one, two = CompiledTemplates(), CompiledTemplates()
    one.folder = two.folder = tmp_path / "shared"
    writer, written = env(one)
    reader, read = env(two)
    assert writer.get_template("page.html").render(name="x") == "<p>X</p>"
    assert reader.get_template("page.html").render(name="x") == "<p>X</p>"
    assert written == ["page.html"] and read == []
    assert len(list((tmp_path / "shared").iterdir())) == 1

    (templates / "page.html").write_text("<b>{{ name }}</b>")
    again, recompiled = env(two)
    assert again.get_template("page.html").render(name="x") == "<b>x</b>"
    assert recompiled == ["page.html"]


def test_theme_file_list_is_shared_through_the_folder(tmp_path: Path) -> None:
    """The theme's file list one process made is read from the shared folder by the next,
    which does not list the files again; without a folder each lists its own."""
    from briefgen.plugin import _shared_list

    key = (("/theme",), (), ("files.py", 149, "filter"), ())
    calls: list[int] = []

    def make() -> list[str]:
        calls.append(1)
        return ["assets/a.js", "assets/é.css"]

    assert _shared_list(None, key, make) == ["assets/a.js", "assets/é.css"]
    assert _shared_list(tmp_path / "shared", key, make) == ["assets/a.js", "assets/é.css"]
    assert _shared_list(tmp_path / "shared", key, make) == ["assets/a.js", "assets/é.css"]
    assert len(calls) == 2
    other = (("/theme2",), (), ("files.py", 149, "filter"), ())
    assert _shared_list(tmp_path / "shared", other, lambda: ["x"]) == ["x"]


def test_workers_share_compiled_templates_and_the_theme_file_list(
    project: Project, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """With two jobs the workers leave the theme's compiled templates and its file list in the
    build's shared folder (here kept outside staging to look at), and the site is byte for byte
    the one-job site, whose build shares nothing through a folder."""
    from briefgen.plugin import COMPILED_TEMPLATES

    site = project.root / "site"
    shared = tmp_path / "shared"
    monkeypatch.setattr(mkbuild, "TEMPLATES", str(shared))
    build_site(project, jobs=1)
    serial = _tree(site)
    assert not shared.exists()
    shutil.rmtree(site)
    COMPILED_TEMPLATES.clear()  # else the workers inherit this process's and compile none
    build_site(project, jobs=2)
    assert _tree(site) == serial
    names = sorted(p.name for p in shared.iterdir())
    assert [n for n in names if n.startswith("files-")] and len(names) > 20
    assert not [n for n in names if n.startswith(".")]  # no half-written file left


def test_an_edition_rebuilt_alone_has_the_templates_warmed_beside_it(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When a change rebuilds one edition and no source page, the idle worker renders the
    edition's timeline pages for it, then runs a warm-up build of no page beside it (before
    the edition's data files), which publishes nothing: two jobs still write the bytes one job
    does."""
    import briefgen.publish.parallel as parallel

    base = _built_and_changed(project, "The talks moved to Ankara.")
    assert mkbuild.warm_up([mkbuild.Task("e")], 1) is None
    serial = build_site(Project.load(base), jobs=1)
    ran: list[list[str]] = []
    build_all = parallel.build_all

    def spy(tasks: Any, *args: Any, **kw: Any) -> Any:
        ran.append([t.label for t in tasks])
        return build_all(tasks, *args, **kw)

    monkeypatch.setattr(parallel, "build_all", spy)
    report = build_site(project, jobs=2)
    assert report.built == serial.built == ("2025-11-05",)
    assert ran == [["2025-11-05", "parts/2025-11-05", "warm/2025-11-05", "data/2025-11-05"]]
    assert _tree(project.root / "site") == _tree(base / "site")
    assert not list(project.root.glob(".briefgen-build-*"))


def test_split_off_gives_an_idle_worker_the_first_editions_timeline(project: Project) -> None:
    """A worker idle at the start (fewer editions than jobs) renders the first edition's
    timeline pages; none with one job, or with as many editions as jobs."""
    from briefgen.publish.editions import plan_editions

    plan = plan_editions(project.store)
    tasks = mkbuild.schedule(plan[-1:], ["x"], 2, {plan[-1].id})
    part = mkbuild.split_off(tasks, 2)
    assert part is not None and part.part
    assert (part.label, part.edition) == (f"parts/{plan[-1].id}", plan[-1])
    assert part.out == mkbuild.PARTS_DIR
    assert mkbuild.split_off(tasks, 1) is None
    assert mkbuild.split_off(mkbuild.schedule(plan, [], 2), 2) is None
    assert mkbuild.split_off(mkbuild.schedule([], ["x", "y"], 2), 2) is None
    three = mkbuild.split_off(mkbuild.schedule(plan, [], 3), 3)
    assert three is not None and three.edition == plan[0]


def _rendered_parts(project: Project) -> tuple[Any, Any, Any]:
    from briefgen.app.build import working_edition
    from briefgen.render.env import make_env

    inp = working_edition(project.store, project.settings)
    return inp, make_env(project.templates_dir), make_env(project.templates_dir)


def test_an_edition_with_its_timeline_made_apart_is_the_same(project: Project) -> None:
    """render_late gives the edition's navigation before the timeline's pages are made apart
    (render_kinds, another environment), then the same pages in the same order as
    render_edition; render_kinds makes only the named makers' pages, whose navigation is the
    maker's fixed one; a maker without one cannot be made apart."""
    from briefgen.publish.parts import PARTS
    from briefgen.render.outputs import (
        EDITION_PAGES,
        Apart,
        render_edition,
        render_kinds,
        render_late,
    )

    inp, env, other = _rendered_parts(project)
    whole = render_edition(inp, env)
    fetched: list[str] = []

    def fetch() -> Any:
        fetched.append("timeline")
        return render_kinds(inp, other, PARTS)

    nav, later = render_late(inp, env, Apart(PARTS, fetch))
    assert (nav, fetched) == (whole.nav, [])
    assert later() == whole and fetched == ["timeline"]
    made = render_kinds(inp, other, PARTS)
    assert list(made) == ["timeline"]
    assert made["timeline"].nav == next(k.nav for k in EDITION_PAGES if k.name == "timeline")
    timeline = [p.path for p in made["timeline"].pages]
    assert timeline and all(p.startswith("timeline") for p in timeline)
    assert [p.path for p in whole.pages if p.path.startswith("timeline")] == timeline
    with pytest.raises(ValueError, match="cannot be made apart"):
        render_late(inp, env, Apart(frozenset({"home"}), fetch))


def test_parts_go_to_whichever_worker_claims_them_first(project: Project, tmp_path: Path) -> None:
    """The helping worker's timeline pages reach the edition's worker through the staging
    folder; when the edition's worker claims them first, or the helper failed, it renders them
    itself (the helper then does nothing); the pages are the same every way."""
    from briefgen.publish import parts
    from briefgen.render.outputs import render_kinds

    inp, env, _ = _rendered_parts(project)
    expected = render_kinds(inp, env, parts.PARTS)
    helped = tmp_path / "helped"
    helped.mkdir()
    assert parts.make(helped, inp, project.templates_dir) is True
    assert sorted(p.name for p in (helped / parts.FOLDER).iterdir()) == [
        f"{inp.edition.id}.claim",
        f"{inp.edition.id}.pickle",
    ]
    assert parts.fetch(helped, inp, env) == expected
    alone = tmp_path / "alone"
    alone.mkdir()
    assert parts.fetch(alone, inp, env) == expected
    assert parts.make(alone, inp, project.templates_dir) is False
    assert not (alone / parts.FOLDER / f"{inp.edition.id}.pickle").exists()
    failed = tmp_path / "failed"
    (failed / parts.FOLDER).mkdir(parents=True)
    (failed / parts.FOLDER / f"{inp.edition.id}.claim").touch()
    (failed / parts.FOLDER / f"{inp.edition.id}.failed").touch()
    assert parts.fetch(failed, inp, env) == expected
