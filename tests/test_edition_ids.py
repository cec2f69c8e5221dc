"""Edition ids: reserved site paths refused, files validated, one numeric order everywhere."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from cli_kit import CliRunner

from briefgen.app.build import build_site
from briefgen.app.project import Project
from briefgen.app.release import release
from briefgen.app.staleness import staleness_rule
from briefgen.cli import cli
from briefgen.errors import BuildError, SchemaError, UsageError
from briefgen.model import Topic, edition_id_key
from briefgen.publish.editions import next_release_id, plan_editions
from briefgen.publish.versions import RESERVED_EDITION_IDS, SITE_ROOT_ENTRIES

from conftest import make_article, make_briefing


def _one_topic(project: Project, text: str = "Talks resumed on Thursday.") -> None:
    store = project.store
    topic = Topic.validate(dict(slug="demo", title="Demo"))
    store.save_topics([topic])
    a = make_article(paragraphs=((text, "Both sides attended."),))
    store.save_article(a)
    settings = project.settings
    digest = staleness_rule(settings).digest("demo", [a], topic)
    store.save_briefing(make_briefing(a, inputs=digest))


def _edit(project: Project, n: int) -> None:
    """Change the working state (same source date) so that it can be released again."""
    _one_topic(project, text=f"Talks resumed for round {n} on Thursday.")


RESERVED = sorted(
    {"latest", "index.html", "versions.json", "feeds", "feed.xml", "data", "assets"}
    | {"sitemap.xml", "404.html", "search", "robots.txt", "sources"}
)


def test_every_root_entry_build_writes_is_reserved(project: Project) -> None:
    """The reserved set covers every non-dot entry a real build writes at the site root."""
    _one_topic(project)
    build_site(project)
    written = {p.name for p in (project.root / "site").iterdir() if not p.name.startswith(".")}
    edition_dirs = {p.edition.id for p in plan_editions(project.store)}
    assert written - edition_dirs == SITE_ROOT_ENTRIES
    assert SITE_ROOT_ENTRIES <= RESERVED_EDITION_IDS
    assert set(RESERVED) <= RESERVED_EDITION_IDS


@pytest.mark.parametrize("name", RESERVED)
def test_release_refuses_ids_naming_site_paths(project: Project, name: str) -> None:
    """`release <site path>` exits 2 with one line naming the reserved id; nothing is written."""
    _one_topic(project)
    result = CliRunner().invoke(cli, ["-C", str(project.root), "release", name])
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"Error: edition id {name!r} is reserved: site/{name} is a path")
    assert list(project.store.editions_dir.glob("*.json")) == []


def test_frozen_edition_with_a_reserved_id_is_a_named_error(project: Project) -> None:
    """An edition file claiming a reserved id stops the build with its file named."""
    _one_topic(project)
    path = release(project).id
    src = project.store.edition_path(path)
    data = json.loads(src.read_text())
    data["id"] = "latest"
    (src.parent / "latest.json").write_text(json.dumps(data))
    src.unlink()
    with pytest.raises(SchemaError) as err:
        plan_editions(project.store)
    assert str(err.value).startswith(f"{src.parent / 'latest.json'}: id: edition id 'latest' is")


def test_two_files_with_one_id_are_an_error_naming_both(project: Project) -> None:
    """A copied edition file (same id, other name) is an error naming both files, no traceback."""
    _one_topic(project)
    eid = release(project).id
    original = project.store.edition_path(eid)
    copy = original.with_name("2025-11-05-copy.json")
    shutil.copy(original, copy)
    result = CliRunner().invoke(cli, ["-C", str(project.root), "build"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"Error: {copy}: id: edition id '2025-11-05' does not match the file name "
        f"(expected 2025-11-05.json); {original} also holds it"
    ]


def test_file_name_disagreeing_with_its_id_is_an_error(project: Project) -> None:
    """An edition file renamed by hand is refused with its name and the expected one."""
    _one_topic(project)
    eid = release(project).id
    renamed = project.store.editions_dir / "v9.json"
    project.store.edition_path(eid).rename(renamed)
    with pytest.raises(SchemaError, match=r"does not match the file name \(expected 2025-11-05"):
        release(project)


def test_id_key_orders_sequences_numerically() -> None:
    """-10 sorts after -9 (not after -1); custom ids sort naturally (v2 before v10)."""
    ids = ["2025-11-05-10", "2025-11-05-2", "2025-11-05", "2025-11-05-9", "v10", "v2", "v1.10"]
    assert sorted(ids, key=edition_id_key) == [
        "v1.10",
        "v2",
        "v10",
        "2025-11-05",
        "2025-11-05-2",
        "2025-11-05-9",
        "2025-11-05-10",
    ]
    taken = ["2025-11-05", *(f"2025-11-05-{n}" for n in range(2, 11))]
    assert next_release_id(dt.date(2025, 11, 5), taken) == "2025-11-05-11"
    assert next_release_id(dt.date(2025, 11, 5), ["2025-11-05", "2025-11-05-3"]) == "2025-11-05-4"


def test_ten_same_day_releases_keep_their_order(project: Project) -> None:
    """Ten same-day releases: versions.json lists them -10 first; latest/ leads to the tenth."""
    _one_topic(project)
    released = [release(project).id]
    for n in range(2, 11):
        _edit(project, n)
        released.append(release(project).id)
    assert released == ["2025-11-05", *(f"2025-11-05-{n}" for n in range(2, 11))]
    plan = plan_editions(project.store)
    assert [p.edition.id for p in plan] == released  # no phantom working edition
    assert plan[-1].previous is not None and plan[-1].previous.id == "2025-11-05-9"
    report = build_site(project)
    assert report.latest == "2025-11-05-10"
    site = project.root / "site"
    versions = json.loads((site / "versions.json").read_text())
    assert [v["version"] for v in versions] == list(reversed(released))
    assert versions[0]["aliases"] == ["latest"]
    latest = (site / "latest" / "topics" / "demo" / "index.html").read_text()
    assert 'location.replace("../../../2025-11-05-10/topics/demo/" + location.hash)' in latest
    assert "round 10" in (site / "2025-11-05-10" / "topics" / "demo" / "index.html").read_text()
    assert (
        'location.replace("../2025-11-05-10/" + location.hash)'
        in (site / "latest" / "index.html").read_text()
    )


def test_custom_id_that_would_sort_first_is_refused(project: Project) -> None:
    """A custom id after a dated release of the same date is refused (it would sort before it)."""
    _one_topic(project)
    release(project)
    _edit(project, 2)
    with pytest.raises(UsageError, match="'v2' would sort before edition '2025-11-05'"):
        release(project, "v2")
    assert release(project).id == "2025-11-05-2"


def test_automatic_id_after_a_custom_one_sorts_last(project: Project) -> None:
    """After `release v1`, a plain `release` of the same date sorts after v1, never before."""
    _one_topic(project)
    release(project, "v1")
    _edit(project, 2)
    assert release(project).id == "2025-11-05"
    assert [p.edition.id for p in plan_editions(project.store)] == ["v1", "2025-11-05"]


def test_release_refuses_a_state_check_rejects(project: Project) -> None:
    """A briefing citing a missing sentence fails check, so release exits 1 and writes nothing."""
    _one_topic(project)
    path = project.store.briefing_path("demo")
    path.write_text(path.read_text().replace("#s1", "#s9"), "utf-8")
    with pytest.raises(BuildError, match="check fails, so nothing was released"):
        release(project)
    result = CliRunner().invoke(cli, ["-C", str(project.root), "release"])
    assert result.exit_code == 1
    assert len(result.output.splitlines()) == 1
    assert result.output.startswith("Error: ")
    assert "content/briefings/demo.yaml:8: check fails, so nothing was released: " in result.output
    assert list(project.store.editions_dir.glob("*.json")) == []
