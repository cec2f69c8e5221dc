"""A project whose every untrusted field carries a breakout, built once per test session.

Untrusted fields: an article's headline, body sentences, publisher, author and URL; a topic's title
and description (topics.yaml); a briefing's title, headline, statements and timeline events, and
their trust marks (a relative time's phrase, a conflict group, the single-source flag, a scheduled
event with no report since). Each carries one or more of :data:`BREAKOUTS`. Two editions (one
released, one working) so the "What changed" page, the feeds and the version selector show
hostile text as well.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefgen.app.build import build_site
from briefgen.app.project import Project
from briefgen.app.release import release
from briefgen.app.staleness import staleness_rule
from briefgen.model import Article, Briefing, Statement, TimelineEvent, TimeRef, Topic
from briefgen.scaffold import init_project

from conftest import make_article

BREAKOUTS = {
    "title": "Officials </title><script>window.__pwned=1</script><title> met on Monday",
    "script": "</script><script>window.__pwned=2</script>",
    "attr": '"><svg onload=window.__pwned=3>',
    "attr-single": "'><img src=x onerror=window.__pwned=4>",
    "textarea": "</textarea><script>window.__pwned=5</script>",
    "comment": "--><script>window.__pwned=6</script><!--",
    "js-link": "[x](javascript:window.__pwned=7) <javascript:alert(8)>",
    "data-link": "[d](data:text/html,<script>window.__pwned=9</script>)",
    "md-image": "![x](http://evil.example/pixel.png) ![y](javascript:window.__pwned=10)",
    "md-link": "[click](http://evil.example/) <http://evil.example/auto> www.evil.example",
    "attr-list": '**bold**{: onclick="window.__pwned=11" } {: onmouseover="window.__pwned=12" }',
    "jinja": "{{ 7*191 }} {% if true %}1337{% endif %} {{ config.site_name }}",
    "entities": "&lt;script&gt;window.__pwned=13&lt;/script&gt; &#60;b&#62;",
    "mention": "@octocat see #12 and GH-34 at https://evil.example/x",
}
"""One string per breakout; each must show as literal text and do nothing."""

BAD_URLS = (
    "javascript:window.__pwned=20",
    "data:text/html,<script>window.__pwned=21</script>",
    'https://evil.example/a"><svg onload=window.__pwned=22>',
)
"""Article URLs: the first two must give no link, the third an inert, percent-encoded one."""

TOPIC = "hostile"
TOPIC_TITLE = f"Topic {BREAKOUTS['title']} {BREAKOUTS['attr']}"
TOPIC_DESCRIPTION = " ".join(BREAKOUTS.values())
BRIEFING_TITLE = f"Briefing {BREAKOUTS['title']} {BREAKOUTS['jinja']}"
HEADLINE = BREAKOUTS["title"]
SITE_NAME = "Hostile briefings"
SITE_URL = "https://news.example.org/briefs/"


def _article(n: int, day: int, title: str, publisher: str, url: str, keys: list[str]) -> Article:
    sentences = [f"Report {n} sentence {k}: {BREAKOUTS[k]}" for k in keys]
    return make_article(
        f"2025-11-{day:02d}-report-{n}",
        topic=TOPIC,
        paragraphs=(
            (HEADLINE, "Talks resumed on Thursday in Istanbul."),
            tuple(sentences),
        ),
        published=dt.date(2025, 11, day),
        title=title,
        publisher=publisher,
        author=BREAKOUTS["attr-single"],
        url=url,
    )


def hostile_articles() -> tuple[Article, Article, Article]:
    """Three hostile articles: the first two in the released edition, the third added after."""
    keys = sorted(BREAKOUTS)
    first = _article(1, 3, BREAKOUTS["title"], BREAKOUTS["script"], BAD_URLS[0], keys[:7])
    second = _article(
        2,
        4,
        f"{BREAKOUTS['textarea']} {BREAKOUTS['comment']}",
        BREAKOUTS["attr-list"],
        BAD_URLS[1],
        keys[7:],
    )
    third = _article(
        3,
        5,
        f"{BREAKOUTS['md-image']} {BREAKOUTS['md-link']}",
        BREAKOUTS["jinja"],
        BAD_URLS[2],
        keys,
    )
    return first, second, third


TIME_PHRASE = f'{BREAKOUTS["script"]} "q" </span> {BREAKOUTS["attr"]} two weeks ago'
"""A relative time's phrase (``times.phrase``) that tries to close the mark's ``<span>``."""


def _statement(a: Article, n: int, **marks: object) -> Statement:
    s = a.sentences[n - 1]
    return Statement.validate({"text": s.text, "cite": [str(s.citation)], **marks})


def hostile_briefing(project: Project, articles: list[Article], extra: str) -> Briefing:
    """A briefing quoting every hostile sentence, with edited statements carrying more breakouts."""
    first = articles[0]
    cite = [str(first.sentences[0].citation)]
    # the first two hostile sentences of each article disagree on one figure (a conflict group)
    background = [
        _statement(a, n, conflict="death-toll" if n < 5 else None, single_source=n == 3)
        for a in articles
        for n in range(3, len(a.sentences) + 1)
    ]
    events = [
        TimelineEvent.validate(
            dict(
                date=a.published,
                text=a.sentences[n].text,
                cite=[f"{a.id}#s{n + 1}"],
                conflict="turnout" if n == 2 else None,
            )
        )
        for a in articles
        for n in (2, 3)
    ]
    events.append(
        TimelineEvent.validate(
            dict(
                date=dt.date(2025, 12, 1),
                status="scheduled",
                text=f"Scheduled {BREAKOUTS['comment']} {extra}",
                cite=cite,
                edited=True,
                times=[
                    TimeRef.validate(dict(phrase=BREAKOUTS["comment"], date=dt.date(2025, 11, 20)))
                ],
            )
        )
    )
    events.append(  # scheduled before as_of, never reported: "scheduled, no report since"
        TimelineEvent.validate(
            dict(
                date=dt.date(2025, 11, 1),
                status="scheduled",
                text=f"Vote {TIME_PHRASE} {extra}",
                cite=cite,
                edited=True,
                times=[
                    TimeRef.validate(
                        dict(phrase=TIME_PHRASE, date=dt.date(2025, 10, 20), precision="week")
                    )
                ],
                single_source=True,
            )
        )
    )
    topic = next(t for t in project.store.topics() if t.slug == TOPIC)
    settings = project.settings
    return Briefing.validate(
        {
            "topic": TOPIC,
            "title": BRIEFING_TITLE,
            "as_of": max(a.published for a in articles),
            "headline": Statement.validate(dict(text=HEADLINE, cite=cite)),
            "current_status": [
                Statement.validate(
                    dict(text=f"Status {BREAKOUTS['md-image']} {extra}", cite=cite, edited=True)
                ),
                _statement(first, 2),
                Statement.validate(
                    dict(
                        text=f"Talks began {TIME_PHRASE}, {extra}",
                        cite=cite,
                        edited=True,
                        times=[
                            TimeRef.validate(dict(phrase=TIME_PHRASE, date=dt.date(2025, 10, 20)))
                        ],
                        single_source=True,
                    )
                ),
            ],
            "background": background,
            "stakes": [
                Statement.validate(
                    dict(text=f"Stakes {BREAKOUTS['attr-list']} {extra}", cite=cite, edited=True)
                )
            ],
            "timeline": events,
            "sources": sorted(a.id for a in articles),
            "inputs": staleness_rule(settings).digest(topic.slug, articles, topic),
        }
    )


def make_hostile_project(root: Path) -> Project:
    """The hostile project: edition 2025-11-04 released, a working state with a third article."""
    init_project(root, title=SITE_NAME)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("site_url: !ENV SITE_URL", f"site_url: {SITE_URL}"),
        "utf-8",
    )
    project = Project.load(root)
    store = project.store
    store.save_topics(
        [Topic.validate(dict(slug=TOPIC, title=TOPIC_TITLE, description=TOPIC_DESCRIPTION))]
    )
    first, second, third = hostile_articles()
    for a in (first, second):
        store.save_article(a)
    store.save_briefing(hostile_briefing(project, [first, second], BREAKOUTS["js-link"]))
    release(project, "2025-11-04")
    store.save_article(third)
    store.save_briefing(hostile_briefing(project, [first, second, third], BREAKOUTS["mention"]))
    return project


@dataclass(frozen=True)
class HostileSite:
    """The built hostile project."""

    project: Project
    site: Path


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> HostileSite:
    """Build the hostile project once per session (it must build: hostile text is not an error)."""
    project = make_hostile_project(tmp_path_factory.mktemp("hostile") / "p")
    report = build_site(project)
    assert report.summarized == (), "the fixture briefing must count as up to date"
    return HostileSite(project, project.root / "site")
