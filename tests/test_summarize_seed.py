"""Quality gate on the seed topic (content/articles/afghanistan-pakistan): golden expectations
stated as assertions about content, run on the example project's own articles."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from briefgen.app.project import Project
from briefgen.app.summarize import summarize_project
from briefgen.model import Briefing
from briefgen.nlp.similarity import support

from conftest import REPO, require

TOPIC = "afghanistan-pakistan"
SEED_ARTICLES = REPO / "content" / "articles" / TOPIC
_NOISE = re.compile(
    r"donat|subscribe|newsletter|support (?:us|our|the)|contribution|latest articles|read more"
    r"|published on|bank|vipps|click|sign up|share",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def seed_briefing(tmp_path_factory: pytest.TempPathFactory) -> tuple[Briefing, Project]:
    """The seed topic summarized from scratch in a copy of the example project."""
    require(any(SEED_ARTICLES.glob("*.md")), "seed articles not ingested yet (issue: Ingest)")
    root = tmp_path_factory.mktemp("seed") / "proj"
    shutil.copytree(REPO / "content", root / "content", ignore=shutil.ignore_patterns("briefings"))
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    project = Project.load(root)
    summarize_project(project, [TOPIC], force=True, jobs=1)
    return project.store.load_briefing(project.store.briefing_path(TOPIC)), project


def _texts(items: object) -> list[str]:
    return [st.text for st in items]  # type: ignore[attr-defined]


def test_kabul_explosions_in_background_or_timeline(
    seed_briefing: tuple[Briefing, Project],
) -> None:
    """The 9 October Kabul explosions appear in background or the timeline."""
    b, _ = seed_briefing
    hits = [
        t
        for t in _texts(b.background) + _texts(b.timeline)
        if "Kabul" in t and re.search(r"explosion|blast", t, re.I)
    ]
    assert hits, "no background statement or timeline event about the Kabul explosions"
    dated = [
        ev
        for ev in b.timeline
        if "Kabul" in ev.text and re.search(r"explosion|blast", ev.text, re.I)
    ]
    assert not dated or any(ev.date.isoformat() == "2025-10-09" for ev in dated) or hits


def test_istanbul_talks_on_thursday_in_current_status(
    seed_briefing: tuple[Briefing, Project],
) -> None:
    """The talks resuming in Istanbul on Thursday appear in current_status."""
    b, _ = seed_briefing
    assert any("Istanbul" in t and "Thursday" in t for t in _texts(b.current_status))


def test_border_closures_and_traders_losses_in_stakes(
    seed_briefing: tuple[Briefing, Project],
) -> None:
    """The closed border crossings and the traders' losses appear in stakes."""
    b, _ = seed_briefing
    stakes = _texts(b.stakes)
    assert any(
        re.search(r"border crossings?", t, re.I) and re.search(r"clos", t, re.I) for t in stakes
    )
    assert any(re.search(r"trader", t, re.I) and re.search(r"loss", t, re.I) for t in stakes)


def test_no_boilerplate_anywhere(seed_briefing: tuple[Briefing, Project]) -> None:
    """No statement or timeline event holds donation or navigation text."""
    b, _ = seed_briefing
    for st, where in b.iter_cited():
        assert not _NOISE.search(st.text), f"{where}: {st.text}"


def test_every_statement_is_quoted_from_its_sources(
    seed_briefing: tuple[Briefing, Project],
) -> None:
    """Every generated statement is fully supported by its cited sentences (support 1.0)."""
    b, project = seed_briefing
    arts = {a.id: a for a in project.store.articles(TOPIC)}
    for st, where in b.iter_cited():
        cited = [arts[c.article_id].sentence(c.sentence) for c in st.cite]
        assert all(s is not None for s in cited), where
        assert support(st.text, [s.text for s in cited if s is not None]) == 1.0, where
    assert Path(project.store.briefing_path(TOPIC)).is_file()
