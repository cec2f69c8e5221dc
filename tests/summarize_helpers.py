"""Helpers shared by the summarize tests: a project holding the harbor-strike fixture topic."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefgen.app.project import Project
from briefgen.model import Topic

HARBOR = Path(__file__).resolve().parent / "fixtures" / "summarize" / "harbor-strike"
LATE_ARTICLE = "2026-03-13-exporters-count-the-cost-of-port-strike"
"""The sixth harbor-strike article: dated between the others, added last in the diff test."""


def add_harbor(
    project: Project, *, without: tuple[str, ...] = (), topic: str = "harbor-strike"
) -> Path:
    """Copy the harbor-strike fixture articles (minus ``without``) into ``project``; register it.

    Copies into another topic get ids ending in ``-<topic>`` (an id names one article project-wide).
    """
    folder = project.store.articles_dir / topic
    folder.mkdir(parents=True, exist_ok=True)
    for src in sorted(HARBOR.glob("*.md")):
        if src.stem in without:
            continue
        text = src.read_text(encoding="utf-8")
        name = src.name
        if topic != "harbor-strike":
            text = text.replace("topic: harbor-strike", f"topic: {topic}", 1)
            name = f"{src.stem}-{topic}.md"
        (folder / name).write_text(text, encoding="utf-8")
    topics = {t.slug: t for t in project.store.topics()}
    topics[topic] = Topic.validate(dict(slug=topic, title=f"Port Calder strike ({topic})"))
    project.store.save_topics(list(topics.values()))
    return folder


def add_late_article(project: Project, topic: str = "harbor-strike") -> None:
    """Add the sixth harbor-strike article."""
    shutil.copy(HARBOR / f"{LATE_ARTICLE}.md", project.store.articles_dir / topic)
