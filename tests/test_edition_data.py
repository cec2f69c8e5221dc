"""Archived editions: only the newest ``full_editions`` editions keep their timeline of every
event and their data files (older ones keep their briefing pages, a short timeline page and a
note saying where the data is), compact data files, and ``check``/``release`` reading no settled
old edition file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from briefgen.app.build import build_site
from briefgen.app.check import run_check
from briefgen.app.project import Project
from briefgen.app.release import release
from briefgen.app.staleness import staleness_rule
from briefgen.model import Topic
from briefgen.publish import facts
from briefgen.publish.archive import WITHDRAWN_SCHEMA, archived_timeline_html, withdrawn_json
from briefgen.publish.site import STATE_FILE
from briefgen.render import periods
from briefgen.render.data import BRIEFINGS_SCHEMA

from conftest import edition_loads, make_article, make_briefing


def _state(project: Project, n: int) -> None:
    """Working state number ``n`` of a one-topic project, citing its own article."""
    store = project.store
    topic = Topic.validate(dict(slug="demo", title="Demo"))
    store.save_topics([topic])
    for old in store.article_paths("demo"):
        old.unlink()
    a = make_article(
        f"2025-11-05-talks-{n}",
        paragraphs=((f"Talks resumed for round {n} on Thursday.", "Both attend."),),
    )
    store.save_article(a)
    digest = staleness_rule(project.settings).digest("demo", [a], topic)
    store.save_briefing(make_briefing(a, inputs=digest))


def _released(project: Project, first: int, count: int) -> list[str]:
    ids = []
    for n in range(first, first + count):
        _state(project, n)
        ids.append(release(project).id)
    return ids


def _set_full_editions(project: Project, n: int) -> Project:
    config = project.root / "mkdocs.yml"
    text = config.read_text("utf-8")
    lines = [line for line in text.splitlines(keepends=True) if "full_editions" not in line]
    text = "".join(lines).replace("  - briefgen:\n", f"  - briefgen:\n      full_editions: {n}\n")
    config.write_text(text, "utf-8")
    return Project.load(project.root)


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != STATE_FILE
    }


@pytest.fixture
def not_racy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Edition files count as settled at once (not only after two seconds)."""
    monkeypatch.setattr(facts, "RACY_NS", -(10**12))


def test_older_editions_keep_pages_and_a_note_instead_of_data(project: Project) -> None:
    """`full_editions: 1`: the newest edition publishes its timeline, briefings.json and
    TimelineJS; the older one keeps every page path, its topic page unchanged in kind, a short
    timeline page linking to its home and the newest timeline, no timeline entries in its search
    index, no data/ and a briefings.json note naming its frozen file."""
    project = _set_full_editions(project, 1)
    old, new = _released(project, 1, 2)
    build_site(project, jobs=1)
    site = project.root / "site"
    assert (site / old / "briefings.json").read_text("utf-8") == withdrawn_json(old)
    note = json.loads(withdrawn_json(old))
    assert note["schema"] == WITHDRAWN_SCHEMA and note["data"] == f"content/editions/{old}.json"
    assert not (site / old / "data").exists()
    assert "Talks resumed for round 1" in (site / old / "topics/demo/index.html").read_text("utf-8")
    assert sorted(p.relative_to(site / old).as_posix() for p in (site / old).rglob("*.html")) == (
        sorted(p.relative_to(site / new).as_posix() for p in (site / new).rglob("*.html"))
    )
    stub = (site / old / "timeline/index.html").read_text("utf-8")
    assert stub == archived_timeline_html(old, "timeline/index.html", True)
    assert '<a href="../">This edition&#39;s briefings</a>' in stub
    assert '<a href="../../latest/timeline/">The timeline of the newest edition</a>' in stub
    assert (site / "latest/timeline/index.html").is_file()
    locations = [d["location"] for d in _search(site / old)]
    assert locations and not [x for x in locations if x.startswith("timeline/")]
    assert [x for x in (d["location"] for d in _search(site / new)) if x.startswith("timeline/")]
    assert "Talks resumed for round 2" in (site / new / "timeline/index.html").read_text("utf-8")
    data = json.loads((site / new / "briefings.json").read_text("utf-8"))
    assert data["schema"] == BRIEFINGS_SCHEMA and data["edition"] == new
    raw = (site / new / "data/timelinejs/demo.json").read_text("utf-8")
    assert json.loads(raw)["events"] and "\n" not in raw.rstrip("\n") and ": " not in raw[:40]


def _search(edition: Path) -> list[dict[str, str]]:
    docs: list[dict[str, str]] = json.loads(
        (edition / "search/search_index.json").read_text("utf-8")
    )["docs"]
    return docs


def test_archived_timeline_page_links_and_escapes() -> None:
    """The stand-in page links up from its depth, to ``timeline.html`` without directory URLs,
    and shows an edition id that is not a date escaped."""
    assert (
        archived_timeline_html("2025-11-05-2", "timeline/2025/index.html", True).count(
            'href="../../../latest/timeline/"'
        )
        == 1
    )
    flat = archived_timeline_html("2025-11-05", "timeline.html", False)
    assert 'href="index.html"' in flat and 'href="../latest/timeline.html"' in flat
    assert "edition of 5 Nov 2025</h1>" in flat
    odd = archived_timeline_html("<b>&x", "timeline/index.html", True)
    assert "<b>" not in odd and "&lt;b&gt;&amp;x" in odd


def test_withdrawing_in_place_matches_a_cold_build(project: Project) -> None:
    """An edition leaving the data window is not rebuilt (same page inode), the site equals a cold
    build byte for byte, and `full_editions: 0` brings the data back."""
    project = _set_full_editions(project, 1)
    (old,) = _released(project, 1, 1)
    build_site(project, jobs=1)
    site = project.root / "site"
    page = site / old / "topics/demo/index.html"
    inode = page.stat().st_ino
    assert json.loads((site / old / "briefings.json").read_text("utf-8"))["edition"] == old
    (new,) = _released(project, 2, 1)
    report = build_site(project, jobs=1)
    assert report.built == (new,)
    assert page.stat().st_ino == inode
    assert (site / old / "briefings.json").read_text("utf-8") == withdrawn_json(old)
    incremental = _files(site)
    shutil.rmtree(site)
    build_site(project, jobs=1)
    assert _files(site) == incremental
    again = build_site(_set_full_editions(project, 0), jobs=1)  # a config change rebuilds all
    assert old in again.built
    data = json.loads((site / old / "briefings.json").read_text("utf-8"))
    assert (
        data["schema"] == BRIEFINGS_SCHEMA and (site / old / "data/timelinejs/demo.json").is_file()
    )


def test_archived_split_timeline_matches_a_cold_build(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the timeline split by period, an edition archived in place after a full build and
    one built archived (its timeline never rendered) are the same bytes: every period page of
    the older edition is the short page, at the same paths as in the newest edition."""
    monkeypatch.setattr(periods, "PAGE_MAX", 0)  # every timeline is split by period
    project = _set_full_editions(project, 1)
    (old,) = _released(project, 1, 1)
    build_site(project, jobs=1)
    site = project.root / "site"
    full_pages = sorted(p.relative_to(site / old).as_posix() for p in (site / old).rglob("*.html"))
    assert [p for p in full_pages if p.startswith("timeline/") and p != "timeline/index.html"]
    (new,) = _released(project, 2, 1)
    assert build_site(project, jobs=1).built == (new,)
    incremental = _files(site)
    for page in [p for p in full_pages if p.startswith("timeline/")]:
        text = (site / old / page).read_text("utf-8")
        assert text == archived_timeline_html(old, page, True), page
    shutil.rmtree(site)
    build_site(project, jobs=1)
    assert _files(site) == incremental


def test_check_and_release_read_no_settled_edition(
    project: Project, monkeypatch: pytest.MonkeyPatch, not_racy: None
) -> None:
    """After a build, check and release of one more edition read no old edition file; an old file
    changed since (here corrupted) is read again and reported."""
    ids = _released(project, 1, 4)
    build_site(project, jobs=1)
    loaded = edition_loads(monkeypatch)
    assert run_check(project).errors == ()
    _state(project, 5)
    new = release(project).id
    assert [e for e in loaded if e != new] == []
    broken = project.store.edition_path(ids[1])
    broken.write_text("{not json", "utf-8")
    errors = run_check(project).errors
    assert [(e.path, e.rule) for e in errors] == [(f"content/editions/{ids[1]}.json", "schema")]


def test_parallel_build_withdraws_the_same_bytes_as_serial(project: Project) -> None:
    """`full_editions: 1`, three editions: two jobs write the same files as one, byte for byte."""
    project = _set_full_editions(project, 1)
    ids = _released(project, 1, 3)
    site = project.root / "site"
    build_site(project, jobs=1)
    serial = _files(site)
    shutil.rmtree(site)
    report = build_site(project, jobs=2)
    assert report.built == tuple(ids)
    assert _files(site) == serial
    assert [(site / e / "briefings.json").read_text("utf-8") for e in ids[:2]] == [
        withdrawn_json(e) for e in ids[:2]
    ]
