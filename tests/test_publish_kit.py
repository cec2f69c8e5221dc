"""Fixture projects for the site tests: two editions, a hostile article, built once per module."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefgen.app.project import Project
from briefgen.app.release import release
from briefgen.app.staleness import staleness_rule
from briefgen.model import Article, Briefing, Statement, TimelineEvent, Topic
from briefgen.scaffold import init_project

from conftest import make_article

HOSTILE = (
    "<script>window.__pwned = 1</script> Officials met.",
    '<img src=x onerror="window.__pwned = 2"> Talks stalled.',
    "[click here](javascript:window.__pwned=3) for the statement.",
    "![pic](javascript:window.__pwned=4) Border closed.",
    '<div onclick="window.__pwned=5">raw html block</div>',
    "Jinja {{ 7 * 191 }} and {% if true %}1337{% endif %} stay literal.",
    '<a href="javascript:window.__pwned=6">x</a> and [ref]: javascript:alert(1)',
)
"""Each line an attack vector; every one must render as inert, visible text."""

SEARCH_WORD = "Zanzibarite"
"""A word that appears only in the second edition's briefing (search must find it)."""


def hostile_article() -> Article:
    """An article whose every field tries to inject script, HTML, Markdown or Jinja."""
    return make_article(
        "2025-11-04-hostile-report",
        topic="border-talks",
        paragraphs=(HOSTILE[:4], HOSTILE[4:]),
        published=dt.date(2025, 11, 4),
        title="<script>window.__pwned=7</script> {{ title }} [x](javascript:1)",
        publisher='<img src=x onerror="window.__pwned=8">',
        url="javascript:window.__pwned=9",
    )


def _talks(day: int, extra: str) -> Article:
    return make_article(
        f"2025-11-{day:02d}-talks-day-{day}",
        topic="border-talks",
        paragraphs=(
            ("Negotiators met in Istanbul on Saturday.", f"Delegates said {extra}."),
            ("The border crossing at Torkham stayed closed.",),
        ),
        published=dt.date(2025, 11, day),
        title=f"Talks, day {day}",
        publisher="Example Wire",
        url=f"https://example.org/talks/{day}?a=1&b=2",
    )


def _briefing(project: Project, articles: list[Article], headline: str) -> Briefing:
    by_id = {a.id: a for a in articles}
    first = articles[-1]
    hostile = by_id.get("2025-11-04-hostile-report")

    def st(a: Article, n: int) -> Statement:
        return Statement.validate(
            dict(text=a.sentences[n - 1].text, cite=[str(a.sentences[n - 1].citation)])
        )

    status = [st(first, 2)]
    background = [st(articles[0], 1)]
    stakes = [st(first, 3)]
    events = [
        TimelineEvent.validate(
            dict(date=a.published, text=a.sentences[1].text, cite=[f"{a.id}#s2"])
        )
        for a in articles
    ]
    events.append(
        TimelineEvent.validate(
            dict(
                date=dt.date(2025, 12, 1),
                status="scheduled",
                text=first.sentences[2].text,
                cite=[f"{first.id}#s3"],
            )
        )
    )
    if hostile is not None:
        background += [st(hostile, n) for n in range(1, len(hostile.sentences) + 1)]
        events.append(
            TimelineEvent.validate(
                dict(date=hostile.published, text=HOSTILE[0], cite=[f"{hostile.id}#s1"])
            )
        )
    return Briefing.validate(
        {
            "topic": "border-talks",
            "title": "Border talks {{ 7*7 }} <b>bold</b>",
            "as_of": max(a.published for a in articles),
            "headline": Statement.validate(dict(text=headline, cite=[f"{first.id}#s1"])),
            "current_status": status,
            "background": background,
            "stakes": stakes,
            "timeline": events,
            "sources": sorted(by_id),
            "inputs": _digest(project, articles),
        }
    )


def _digest(project: Project, articles: list[Article]) -> str:
    """The inputs digest summarize would store, so the fixture briefing counts as up to date."""
    settings = project.settings
    topic = next(t for t in project.store.topics() if t.slug == articles[0].topic)
    return staleness_rule(settings).digest(topic.slug, articles, topic)


def make_site_project(root: Path) -> Project:
    """A project with one released edition (2025-11-03) and a newer working state (2025-11-05)."""
    init_project(root, title="Test briefings")
    project = Project.load(root)
    store = project.store
    store.save_topics([Topic.validate(dict(slug="border-talks", title="Border talks"))])
    first = _talks(3, "progress was slow")
    store.save_article(first)
    store.save_briefing(_briefing(project, [first], "Negotiators met in Istanbul on Saturday."))
    release(project)
    second = _talks(5, f"the {SEARCH_WORD} proposal was tabled")
    hostile = hostile_article()
    for a in (second, hostile):
        store.save_article(a)
    store.save_briefing(
        _briefing(project, [first, hostile, second], "Negotiators met in Istanbul on Saturday.")
    )
    return project


def test_kit_project_has_two_editions(tmp_path: Path) -> None:
    """The fixture project plans a frozen edition and a newer working edition."""
    from briefgen.publish.editions import plan_editions

    project = make_site_project(tmp_path / "p")
    plan = plan_editions(project.store)
    assert [(p.edition.id, p.working) for p in plan] == [
        ("2025-11-03", False),
        ("2025-11-05", True),
    ]
