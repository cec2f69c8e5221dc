"""One staleness rule: what summarize recomputes is what check and build --frozen call stale."""

from __future__ import annotations

import pytest
from cli_kit import CliRunner
from summarize_helpers import add_harbor

from briefgen.app.project import Project
from briefgen.app.staleness import staleness_rule
from briefgen.cli import cli
from briefgen.model import Article, Topic
from briefgen.staleness import Staleness, inputs_digest


def _run(project: Project, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["-C", str(project.root), *args])
    return result.exit_code, result.output


def _summarized(project: Project) -> Project:
    add_harbor(project)
    code, out = _run(project, "summarize", "--quiet")
    assert code == 0, out
    assert _run(project, "check")[0] == 0
    return project


@pytest.mark.parametrize(
    "change",
    [
        {"title": "Port Calder dock strike"},
        {"keywords": ("port", "strike")},
        {"description": "Dock workers walk out."},
    ],
)
def test_registry_entry_change_is_stale_for_check_frozen_build_and_summarize(
    project: Project, change: dict[str, object]
) -> None:
    """After a topics.yaml entry changes, check and --frozen say stale; summarize redoes it."""
    _summarized(project)
    topics = [t.replace(**change) for t in project.store.topics()]
    project.store.save_topics([Topic.validate(t.to_dict()) for t in topics])
    code, out = _run(project, "check")
    assert code == 1
    assert "content/briefings/harbor-strike.yaml:" in out and "briefing is stale" in out
    assert out.endswith("1 stale briefing\n")
    code, out = _run(project, "build", "--frozen")
    assert code == 1
    assert "--frozen refuses to build: briefing is stale" in out
    assert "stale: harbor-strike" in out
    assert not (project.root / "site").exists()
    code, out = _run(project, "summarize", "--quiet")
    assert code == 0 and out.startswith("harbor-strike: written"), out
    assert _run(project, "check")[0] == 0


def test_registering_a_topic_makes_its_briefing_stale(project: Project) -> None:
    """A briefing made without a topics.yaml entry is stale once the entry is added (check used to
    accept both digests)."""
    _summarized(project)
    project.store.save_topics([])
    assert _run(project, "summarize", "--quiet")[0] == 0
    assert _run(project, "check")[0] == 0
    add_harbor(project)  # registers the topic again
    code, out = _run(project, "check")
    assert code == 1 and "briefing is stale" in out


def test_summarizer_version_is_part_of_the_digest(project: Project) -> None:
    """A new summarizer version changes the digest, so every briefing becomes stale."""
    rule = staleness_rule(project.settings)
    articles: list[Article] = []
    entry = Topic.validate(dict(slug="t", title="T"))
    bumped = Staleness(rule.settings, rule.summarizer, rule.version + "-next")
    assert rule.digest("t", articles, entry) != bumped.digest("t", articles, entry)
    assert rule.digest("t", articles, entry) == inputs_digest(
        articles, project.settings, "extractive", rule.version, "t", entry
    )


def test_up_to_date_means_check_clean(project: Project) -> None:
    """Right after summarize, a second summarize skips the topic and check reports nothing stale."""
    _summarized(project)
    code, out = _run(project, "summarize", "--quiet")
    assert code == 0 and out.startswith("harbor-strike: up to date"), out
