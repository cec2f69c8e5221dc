"""Shared fixtures: article and briefing factories, a scaffolded project, component checks."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from briefgen.app.project import Project
from briefgen.model import Article, Briefing, Statement, TimelineEvent
from briefgen.scaffold import init_project
from briefgen.store import Store

REPO = Path(__file__).resolve().parent.parent


def run_python(cwd: Path, *argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``python ARGV`` in ``cwd`` as a new process importing this checkout's briefgen, with
    ``env`` added to the environment (the timeout is only a safety net: a blocked open fails
    the test instead of hanging the suite)."""
    return subprocess.run(
        [sys.executable, *argv],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO), **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def python_json(script: str, data: Any) -> Any:
    """What ``python -c SCRIPT`` prints as JSON when given ``data`` as JSON on its standard
    input, in a fresh interpreter importing this checkout's briefgen (a reference computation,
    such as stock pysbd, run apart from the code under test)."""
    done = subprocess.run(
        [sys.executable, "-c", script],
        input=json.dumps(data),
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(done.stdout)


CHROMIUM = os.environ.get("BRIEFGEN_CHROMIUM", "/usr/bin/chromium")
"""Debian's chromium, which the browser tests drive through Playwright."""
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",  # this machine's closed network refuses its requests
    "--disable-component-update",
    "--disable-sync",
]


def topic_project(tmp_path: Path, title: str, page: str) -> Path:
    """A scaffolded project in ``tmp_path/proj`` with topic ``t`` registered, and ``page`` as
    ``tmp_path/one.txt`` beside it (a plain-text source to ingest)."""
    project = tmp_path / "proj"
    init_project(project, title=title)
    (project / "content" / "topics.yaml").write_text(
        "topics:\n  - slug: t\n    title: T\n", "utf-8"
    )
    (tmp_path / "one.txt").write_text(page, "utf-8")
    return project


def committed_json(path: Path) -> dict[str, Any] | None:
    """The JSON file ``path`` as committed at HEAD (what a pinned baseline may not drop below);
    None outside a git checkout or before the file is committed."""
    try:
        out = subprocess.run(
            ["git", "show", f"HEAD:{path.relative_to(REPO).as_posix()}"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    data: dict[str, Any] = json.loads(out.stdout)
    return data


FIXTURES = Path(__file__).resolve().parent / "fixtures"


def require(ok: bool, why: str) -> None:
    """Skip when a component is missing, except in CI (CI=true), where that is a failure."""
    if ok:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"required component missing in CI: {why}")
    pytest.skip(why)


def newest_edition(site: Path) -> Path:
    """The edition folder ``site/latest/`` redirects to (the newest edition's own pages)."""
    html = (site / "latest" / "index.html").read_text("utf-8")
    redirect = r'location\.replace\("\.\./([^/"]+)/(?:index\.html)?" \+ location\.hash\)'
    match = re.search(redirect, html)
    assert match is not None, "latest/index.html is not a redirect to an edition"
    return site / match.group(1)


def make_article(
    article_id: str = "2025-11-05-talks",
    topic: str = "demo",
    paragraphs: Sequence[Sequence[str]] = (("Talks resumed on Thursday.", "Both sides attended."),),
    published: dt.date = dt.date(2025, 11, 5),
    **extra: object,
) -> Article:
    """An article with sensible defaults; ``sha256`` derives from the body."""
    body = "\n\n".join("\n".join(p) for p in paragraphs)
    data: dict[str, object] = {
        "id": article_id,
        "topic": topic,
        "title": extra.pop("title", "Talks resume"),
        "published": published,
        "published_basis": extra.pop("published_basis", "given"),
        "ingested": dt.date(2025, 11, 6),
        "sha256": hashlib.sha256(body.encode()).hexdigest(),
        "paragraphs": [list(p) for p in paragraphs],
    }
    data.update(extra)
    return Article.validate(data)


def make_briefing(article: Article, **extra: object) -> Briefing:
    """A small valid briefing over one article, citing its first sentences."""
    first = str(article.sentences[0].citation)
    data: dict[str, object] = {
        "topic": article.topic,
        "title": "Demo topic",
        "as_of": article.published,
        "headline": Statement.validate(dict(text=article.sentences[0].text, cite=[first])),
        "current_status": [Statement.validate(dict(text=article.sentences[0].text, cite=[first]))],
        "timeline": [
            TimelineEvent.validate(
                dict(date=article.published, text=article.sentences[0].text, cite=[first])
            )
        ],
        "sources": [article.id],
    }
    data.update(extra)
    return Briefing.validate(data)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A freshly scaffolded, empty briefgen project."""
    init_project(tmp_path / "proj", title="Test briefings")
    return Project.load(tmp_path / "proj")


def edition_loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the edition files ``Store.load_edition`` parses from now on, in order."""
    loaded: list[str] = []
    original = Store.load_edition

    def spy(self: Store, path: Path) -> object:
        loaded.append(path.stem)
        return original(self, path)

    monkeypatch.setattr(Store, "load_edition", spy)
    return loaded


@pytest.fixture(scope="session")
def fault_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated project (40 pages, two topics) ingested, summarized and built, shared by the
    failure-injection tests, which each work on a copy (faults_kit.copy_project)."""
    from faults_kit import make_base

    return make_base(tmp_path_factory.mktemp("fault-base"))
