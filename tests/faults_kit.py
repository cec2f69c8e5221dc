"""A small generated project and process-tree helpers for the failure-injection tests
(test_faults_signals.py, test_faults_errors.py): commands run through the real CLI in their own
process group, their workers found through /proc and frozen (SIGSTOP) so that a signal always
reaches a command mid-run, every wait bounded."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.corpus import topics_yaml, write_corpus
from briefgen.app.build import build_site
from briefgen.app.ingest import IngestOptions, ingest_sources
from briefgen.app.project import Project
from briefgen.app.summarize import summarize_project
from briefgen.scaffold import init_project

from conftest import REPO

SITE_URL = "https://example.org/briefs/"
LIMIT_S = 120
"""Bound of every wait: a hang fails the test instead of blocking the suite."""


def make_base(root: Path) -> Path:
    """``root/corpus`` (40 generated pages over two topics) ingested, summarized and built in
    ``root/proj`` (in this process, one job); returns the project folder."""
    corpus = root / "corpus"
    made = write_corpus(corpus, 40, 7, None)
    for topic in made:  # a folder per topic, ingested with --into (see ingest_args)
        (corpus / topic.slug).mkdir()
        for page in corpus.glob(f"{topic.slug}-*.txt"):
            page.rename(corpus / topic.slug / page.name)
    proj = root / "proj"
    init_project(proj, title="Faults")
    config = proj / "mkdocs.yml"  # a site_url: no warning on stderr beside the one-line error
    text = config.read_text("utf-8").replace("site_url: !ENV SITE_URL", "site_url: " + SITE_URL)
    config.write_text(text, "utf-8")
    (proj / "content" / "topics.yaml").write_text(topics_yaml(made), "utf-8")
    project = Project.load(proj)
    into = [(t.slug, str(corpus / t.slug)) for t in made]
    ingest_sources(project, [], IngestOptions(), into=into, jobs=1)
    summarize_project(project, jobs=1)
    build_site(project, jobs=1)
    return proj


def ingest_args(base: Path) -> list[str]:
    """``ingest --jobs 2`` of the corpus of :func:`make_base`, each folder into its topic: a
    topic given is not checked against the dates of the articles an interrupted run left
    (a page matched by keywords is, so a rerun after an interruption may refuse it)."""
    corpus = base.parent / "corpus"
    args = ["ingest", "--jobs", "2"]
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
        args += ["--into", folder.name, str(folder)]
    return args


def copy_project(base: Path, dest: Path) -> Path:
    """A copy of the project ``base`` at ``dest``."""
    shutil.copytree(base, dest, symlinks=True)
    return dest


def env(**extra: str) -> dict[str, str]:
    """The environment of a command importing this checkout."""
    return {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1", **extra}


def start(project: Path, *args: str, **extra: str) -> subprocess.Popen[str]:
    """``briefgen -C project ARGS`` started in its own process group (stdout discarded)."""
    return subprocess.Popen(
        [sys.executable, "-m", "briefgen", "-C", str(project), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env(**extra),
        start_new_session=True,
    )


def run(project: Path, *args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """``briefgen -C project ARGS`` to completion (bounded); ``kwargs`` for subprocess.run."""
    options: dict[str, Any] = {"env": env(), **kwargs}
    return subprocess.run(
        [sys.executable, "-m", "briefgen", "-C", str(project), *args],
        capture_output=True,
        text=True,
        timeout=LIMIT_S,
        check=False,
        **options,
    )


def children(pid: int) -> list[int]:
    """The processes ``pid`` forked (its workers)."""
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in text.split()]


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting to be reaped does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def started(pid: int) -> bool:
    """Whether worker ``pid`` ran :func:`briefgen.procs.worker_started` (it ignores SIGINT)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    ignored = next((ln.split()[1] for ln in status.splitlines() if ln.startswith("SigIgn:")), "0")
    return bool(int(ignored, 16) & (1 << (signal.SIGINT - 1)))


def freeze_workers(proc: subprocess.Popen[str], count: int) -> list[int]:
    """Stop (SIGSTOP) the first ``count`` workers of ``proc`` as soon as each has started, so
    the command waits on them: whatever is sent next reaches it mid-run. Fails if the command
    ends first."""
    deadline = time.monotonic() + LIMIT_S
    frozen: list[int] = []
    while len(frozen) < count:
        assert proc.poll() is None, f"the command ended before {count} worker(s) started"
        assert time.monotonic() < deadline, "no worker started"
        for pid in children(proc.pid):
            if pid not in frozen and len(frozen) < count and started(pid):
                os.kill(pid, signal.SIGSTOP)
                frozen.append(pid)
        time.sleep(0.001)
    return frozen


def wait_gone(pids: list[int]) -> list[int]:
    """The processes of ``pids`` still running after up to :data:`LIMIT_S` seconds."""
    deadline = time.monotonic() + LIMIT_S
    while any(alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.01)
    return [p for p in pids if alive(p)]


def finish(proc: subprocess.Popen[str]) -> tuple[int, str]:
    """The exit status and stderr of ``proc`` (bounded)."""
    _, err = proc.communicate(timeout=LIMIT_S)
    return proc.returncode, err


def end(pids: list[int]) -> None:
    """Kill what a failed test may have left running (by pid)."""
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            continue


def tree(root: Path, keep: Callable[[Path], bool] = lambda p: True) -> dict[str, bytes]:
    """Every file under ``root`` (folders by name) with its bytes; the lock file left out."""
    out: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.name == ".briefgen.lock" or not keep(path):
            continue
        out[rel] = path.read_bytes() if path.is_file() else b"<folder>"
    return out


def clear_articles(project: Path) -> None:
    """Remove the project's articles (its topic folders) so that ``ingest`` has work."""
    for folder in (project / "content" / "articles").iterdir():
        if folder.is_dir():
            shutil.rmtree(folder)


def leftovers(project: Path) -> list[str]:
    """Temporary files and staging folders under the project (none may survive a command)."""
    return sorted(
        p.relative_to(project).as_posix()
        for p in project.rglob("*")
        if p.name.endswith(".tmp") or p.name.startswith(".briefgen-build-")
    )
