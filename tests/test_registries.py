"""The extension points: source readers, summarizer backends, edition pages/data, site files."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import msgspec
import pytest
from summarize_helpers import add_harbor

from briefgen.app.ingest import IngestOptions, ingest_sources
from briefgen.app.project import Project
from briefgen.app.summarize import summarize_project
from briefgen.config import Settings
from briefgen.ingest import readers
from briefgen.ingest.fetch import RawSource
from briefgen.ingest.html import HtmlDoc
from briefgen.model import Article, Briefing, Edition, Topic
from briefgen.publish import outputs as site_outputs
from briefgen.publish.editions import plan_editions
from briefgen.publish.links import SiteLinks
from briefgen.render import outputs
from briefgen.render.env import make_env
from briefgen.render.pages import EditionInput, NavItem, Page
from briefgen.summarize import registry
from briefgen.summarize.extractive import ExtractiveSummarizer

from conftest import make_article, make_briefing


@pytest.fixture
def restore() -> Iterator[None]:
    """Put every registry back as it was after the test."""
    saved = (
        list(readers.OPENERS),
        list(readers.FORMATS),
        dict(registry.REGISTRY),
        list(outputs.EDITION_PAGES),
        dict(outputs.EDITION_FILES),
        dict(site_outputs.SITE_FILES),
    )
    yield
    readers.OPENERS[:] = saved[0]
    readers.FORMATS[:] = saved[1]
    registry.REGISTRY.clear()
    registry.REGISTRY.update(saved[2])
    outputs.EDITION_PAGES[:] = saved[3]
    outputs.EDITION_FILES.clear()
    outputs.EDITION_FILES.update(saved[4])
    site_outputs.SITE_FILES.clear()
    site_outputs.SITE_FILES.update(saved[5])


def test_builtin_readers_are_registered_in_order() -> None:
    """Openers: stdin, url, file; formats: html, text (the last of each takes the rest)."""
    assert [o.name for o in readers.OPENERS] == ["stdin", "url", "file"]
    assert [f.name for f in readers.FORMATS] == ["html", "text"]


def test_a_new_format_reader_is_one_registration(
    project: Project, tmp_path: Path, restore: None
) -> None:
    """A registered reader (a toy 'memo' format) is used by ingest for the files it accepts."""

    def is_memo(raw: RawSource) -> bool:
        return raw.data.startswith(b"MEMO\n")

    def read_memo(raw: RawSource) -> HtmlDoc:
        subject, _, body = raw.data.decode("utf-8")[5:].partition("\n")
        return HtmlDoc(text=body, title=subject.removeprefix("Subject: "), sitename="Memo Desk")

    readers.register_format(readers.FormatReader("memo", is_memo, read_memo))
    assert [f.name for f in readers.FORMATS] == ["html", "memo", "text"]
    with pytest.raises(ValueError, match="already registered"):
        readers.register_format(readers.FormatReader("memo", is_memo, read_memo))
    project.store.save_topics([Topic.validate(dict(slug="ports", title="Ports"))])
    src = tmp_path / "note.memo"
    src.write_text(
        "MEMO\nSubject: Dock workers return\n"
        "Dock workers at the northern port returned to work on Monday after a week-long strike.\n",
        "utf-8",
    )
    report = ingest_sources(
        project,
        [str(src)],
        IngestOptions(topic="ports", published=dt.date(2026, 3, 16)),
        today=dt.date(2026, 3, 16),
    )
    assert report.exit_code == 0, report.to_text()
    (article,) = project.store.articles("ports")
    assert (article.title, article.publisher) == ("Dock workers return", "Memo Desk")


class _Echo:
    """A toy backend: the headline is the newest article's first sentence."""

    name = "echo"
    version = "1"

    def __init__(self, settings: Settings) -> None:
        self.inner = ExtractiveSummarizer(settings)

    def summarize(
        self, topic: Topic, articles: Sequence[Article], previous: Briefing | None
    ) -> Briefing:
        return self.inner.summarize(topic, articles, previous)


def test_a_new_summarizer_backend_is_one_registration(project: Project, restore: None) -> None:
    """A backend registered by name is selected by `summarizer:` and writes the briefing."""
    registry.register("echo", _Echo)
    with pytest.raises(ValueError, match="already registered"):
        registry.register("echo", _Echo)
    add_harbor(project)
    settings = project.settings.replace(summarizer="echo")
    assert isinstance(registry.get_summarizer(settings), _Echo)
    report = summarize_project(msgspec.structs.replace(project, settings=settings), jobs=1)
    assert [r.state for r in report.results] == ["written"]


def test_builtin_summarizers_name_their_class_and_its_version() -> None:
    """Each built-in entry names a class that exists and carries the entry's version, which
    is the version the staleness rule uses."""
    assert set(registry.BUILTIN) == {"extractive"}
    for name, entry in registry.BUILTIN.items():
        module, _, attr = entry.target.partition(":")
        cls = getattr(importlib.import_module(module), attr)
        assert cls.name == name
        assert cls.version == entry.version
        settings = Settings.validate({"summarizer": name})
        assert isinstance(registry.get_summarizer(settings), cls)
        assert registry.summarizer_version(settings) == cls.version
    assert ExtractiveSummarizer.version == registry.BUILTIN["extractive"].version
    with pytest.raises(ValueError, match="already registered"):
        registry.register("extractive", ExtractiveSummarizer)


_STALENESS_CHILD = """
import json, sys
from briefgen.app.staleness import staleness_rule
from briefgen.config import Settings
rule = staleness_rule(Settings.validate({}))
print(json.dumps([rule.summarizer, rule.version, sorted(sys.modules)]))
"""


def test_the_staleness_rule_imports_no_summarizer() -> None:
    """The staleness rule (run by every build) gets the built-in backend's version without
    importing the backend or the summarizing machinery (merge, timeline)."""
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, "-c", _STALENESS_CHILD],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    name, version, modules = json.loads(done.stdout)
    assert (name, version) == ("extractive", ExtractiveSummarizer.version)
    heavy = ("briefgen.summarize.extractive", "briefgen.summarize.run", "briefgen.summarize.merge")
    assert [m for m in modules if m in heavy or m.startswith("briefgen.timeline")] == []


def _input() -> EditionInput:
    article = make_article("2025-11-05-a")
    edition = Edition.validate(
        dict(
            id="2025-11-05",
            released=dt.date(2025, 11, 5),
            briefings=(make_briefing(article),),
            articles=(article,),
        )
    )
    return EditionInput(edition, None, None, (), 12)


def test_builtin_pages_and_files_are_registered() -> None:
    """Pages: home, timeline, changes, topic, sources; files: briefings.json and TimelineJS."""
    assert [k.name for k in outputs.EDITION_PAGES] == [
        "home",
        "timeline",
        "changes",
        "topic",
        "sources",
    ]
    assert sorted(outputs.edition_files(_input())) == [
        "briefings.json",
        "data/timelinejs/demo.json",
    ]
    assert list(site_outputs.SITE_FILES) == ["feed", "feeds", "sitemaps", "versions", "index"]


def test_a_new_page_is_one_registration(restore: None) -> None:
    """A registered page maker's page is rendered and placed in the navigation by its rank."""

    def about(view: outputs.EditionView) -> outputs.Made:
        text = f"# About\n\n{len(view.briefings)} briefing(s).\n"
        return outputs.Made((Page("about.md", text),), (NavItem("About", "about.md"),))

    outputs.EDITION_PAGES.append(outputs.PageKind("about", about, nav_rank=1))
    rendered = outputs.render_edition(_input(), make_env())
    assert rendered.pages[-1] == Page("about.md", "# About\n\n1 briefing(s).\n")
    assert [n.title for n in rendered.nav] == [
        "Home",
        "Topics",
        "About",
        "Timeline",
        "What changed",
    ]


def test_a_new_data_file_and_site_file_are_one_registration(
    project: Project, restore: None
) -> None:
    """Registered data-file and site-file makers add their files."""
    outputs.EDITION_FILES["topics.txt"] = lambda inp: {
        "topics.txt": "".join(f"{b.topic}\n" for b in inp.edition.briefings)
    }
    assert outputs.edition_files(_input())["topics.txt"] == "demo\n"
    site_outputs.SITE_FILES["editions"] = lambda plan, site: {
        "editions.txt": "".join(f"{p.edition.id}\n" for p in plan)
    }
    article = make_article("2025-11-05-a")
    project.store.save_article(article)
    project.store.save_briefing(make_briefing(article))
    files = site_outputs.site_files(plan_editions(project.store), SiteLinks("Site"))
    assert files["editions.txt"] == "2025-11-05\n"
    assert {"versions.json", "index.html", "feed.xml", "feeds/demo.xml"} <= set(files)
