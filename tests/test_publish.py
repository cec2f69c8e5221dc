"""Publishing: release IDs, the edition plan, versions.json, data files and feeds."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from cli_kit import CliRunner
from test_publish_kit import make_site_project

from briefgen.app.project import Project
from briefgen.app.release import release
from briefgen.cli import cli
from briefgen.errors import UsageError
from briefgen.model import Topic
from briefgen.publish.editions import next_release_id, plan_editions
from briefgen.publish.feeds import editions_feed, topic_feeds
from briefgen.publish.links import SiteLinks
from briefgen.publish.versions import redirect_html, versions_json
from briefgen.render.data import BRIEFINGS_SCHEMA, briefings_json, timelinejs_json

from conftest import make_article, make_briefing


def _one_topic(project: Project, day: int = 5, text: str = "Talks resumed on Thursday.") -> None:
    store = project.store
    store.save_topics([Topic.validate(dict(slug="demo", title="Demo"))])
    a = make_article(
        f"2025-11-{day:02d}-talks",
        paragraphs=((text, "Both sides attended."),),
        published=dt.date(2025, 11, day),
    )
    store.save_article(a)
    store.save_briefing(make_briefing(a))


def test_next_release_id_counts_up_on_the_same_day() -> None:
    """The default ID is the newest source date, then -2, -3 on the same day."""
    day = dt.date(2025, 11, 5)
    assert next_release_id(day, []) == "2025-11-05"
    assert next_release_id(day, ["2025-11-05"]) == "2025-11-05-2"
    assert next_release_id(day, ["2025-11-05", "2025-11-05-2"]) == "2025-11-05-3"


def test_release_freezes_the_working_state(project: Project) -> None:
    """release writes content/editions/<newest source date>.json; a second one needs a change."""
    _one_topic(project)
    edition = release(project)
    assert edition.id == "2025-11-05"
    assert (project.store.editions_dir / "2025-11-05.json").is_file()
    with pytest.raises(UsageError, match="no change since edition 2025-11-05"):
        release(project)
    _one_topic(project, day=5, text="Talks resumed on Friday.")
    assert release(project).id == "2025-11-05-2"
    assert [e.id for e in project.store.editions()] == ["2025-11-05", "2025-11-05-2"]


@pytest.mark.parametrize("bad", ["../evil", "a/b", "..", "x y", "Upper", "a\\b"])
def test_release_refuses_ids_with_path_characters(project: Project, bad: str) -> None:
    """An edition ID with path characters is refused with exit code 2 and nothing written."""
    _one_topic(project)
    result = CliRunner().invoke(cli, ["-C", str(project.root), "release", bad])
    assert result.exit_code == 2
    assert "is not valid" in result.output
    assert list(project.store.editions_dir.glob("*.json")) == []


def test_release_refuses_an_empty_project(project: Project) -> None:
    """Releasing with no briefings is refused."""
    with pytest.raises(UsageError, match="no briefings yet"):
        release(project)


def test_plan_adds_the_working_state_only_when_it_differs(project: Project) -> None:
    """The working state is an edition of its own only when it differs from the newest release."""
    _one_topic(project)
    assert [(p.edition.id, p.working) for p in plan_editions(project.store)] == [
        ("2025-11-05", True)
    ]
    release(project, "v1")
    assert [(p.edition.id, p.working) for p in plan_editions(project.store)] == [("v1", False)]
    _one_topic(project, day=7)
    plan = plan_editions(project.store)
    assert [(p.edition.id, p.working) for p in plan] == [("v1", False), ("2025-11-07", True)]
    assert plan[1].previous is not None and plan[1].previous.id == "v1"
    assert dict(plan[1].last_changed) == {"demo": dt.date(2025, 11, 7)}


def test_empty_project_plans_one_draft_edition(project: Project) -> None:
    """A project with no sources has exactly one (draft) edition."""
    plan = plan_editions(project.store)
    assert [(p.edition.id, len(p.edition.briefings)) for p in plan] == [("draft", 0)]


def test_versions_json_is_mikes_format() -> None:
    """versions.json lists editions newest first with 'latest' on the newest, each titled as a
    reader reads a date (a same-day sequence in brackets, other ids as they are)."""
    assert json.loads(versions_json(["v1", "2025-11-03", "2025-11-05", "2025-11-05-2"])) == [
        {"version": "2025-11-05-2", "title": "5 Nov 2025 (2)", "aliases": ["latest"]},
        {"version": "2025-11-05", "title": "5 Nov 2025", "aliases": []},
        {"version": "2025-11-03", "title": "3 Nov 2025", "aliases": []},
        {"version": "v1", "title": "v1", "aliases": []},
    ]


def test_redirect_keeps_the_fragment_with_a_no_script_fallback() -> None:
    """The root redirect replaces the location with latest/ plus the fragment, and falls back
    to a meta refresh and a link."""
    html = redirect_html()
    assert '<script>location.replace("latest/" + location.hash);</script>' in html
    assert '<meta http-equiv="refresh" content="0; url=latest/">' in html
    assert '<a href="latest/">the latest edition</a>' in html


def test_briefings_json_and_timelinejs(tmp_path: Path) -> None:
    """briefings.json is schema-versioned; TimelineJS JSON has start dates and escaped text."""
    project = make_site_project(tmp_path / "p")
    edition = plan_editions(project.store)[-1].edition
    data = json.loads(briefings_json(edition))
    assert data["schema"] == BRIEFINGS_SCHEMA
    assert data["edition"] == "2025-11-05"
    assert [b["topic"] for b in data["briefings"]] == ["border-talks"]
    assert data["briefings"][0]["schema"] == "briefgen/briefing@1"
    tl = json.loads(timelinejs_json(edition.briefings[0]))
    assert tl["events"][0]["start_date"] == {"year": "2025", "month": "11", "day": "3"}
    assert all("<script>" not in e["text"]["headline"] for e in tl["events"])
    assert any("&lt;script&gt;" in e["text"]["headline"] for e in tl["events"])
    assert tl["title"]["text"]["headline"] == "Border talks {{ 7*7 }} &lt;b&gt;bold&lt;/b&gt;"


def test_feeds_list_editions_and_topic_changes(tmp_path: Path) -> None:
    """The editions feed has an entry per edition; a topic feed one per edition that changed it."""
    project = make_site_project(tmp_path / "p")
    plan = plan_editions(project.store)
    site = SiteLinks("Site", "https://example.org/")
    feed = editions_feed(plan, site).decode()
    assert feed.count("<entry>") == 2
    assert "<id>urn:briefgen:site:edition:2025-11-05</id>" in feed
    assert '<link href="https://example.org/2025-11-05/changes/"' in feed
    assert "<updated>2025-11-05T00:00:00+00:00</updated>" in feed
    topics = topic_feeds(plan, site)
    assert list(topics) == ["border-talks"]
    assert topics["border-talks"].decode().count("<entry>") == 2
    assert editions_feed(plan, SiteLinks("Site")) == editions_feed(plan, SiteLinks("Site"))
