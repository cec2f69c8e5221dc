"""Failures inside the parallel and multi-step paths: a worker killed mid-task, a full disk (a
file size limit), a summarizer that raises on one topic, a FIFO where the build reads a file,
an interrupt between two steps of a write. Each is one line with a non-zero exit, and nothing
half-written or left behind; every wait is bounded (faults_kit.LIMIT_S)."""

from __future__ import annotations

import fcntl
import os
import resource
import signal
import time
from pathlib import Path
from typing import Any

import pytest
from faults_kit import (
    LIMIT_S,
    copy_project,
    end,
    finish,
    freeze_workers,
    leftovers,
    run,
    start,
    tree,
)

from briefgen import fsio
from briefgen.app.build import build_site
from briefgen.app.project import Project
from briefgen.errors import BuildError
from briefgen.lock import LOCK_FILE, project_lock
from briefgen.procs import WorkerError, signals_held
from briefgen.publish.parallel import build_all

DIED = "(killed, or out of memory?); run the command again\n"


def _state(project: Path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    return tree(project / "content"), tree(project / "site")


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="summarize forks one worker per CPU")
@pytest.mark.parametrize(
    ("command", "what"),
    [("summarize", "topic 'topic-001'"), ("build", "the site's build")],
)
def test_a_worker_killed_mid_task_is_one_line(
    fault_base: Path, tmp_path: Path, command: str, what: str
) -> None:
    """SIGKILL to one worker of `summarize` / `build --jobs 2` (the OOM killer) while both
    work: exit 1 with one line naming what it worked on (it was a BrokenProcessPool
    traceback), the other worker ended, content/ and site/ as they were, nothing left."""
    proj = copy_project(fault_base, tmp_path / "proj")
    if command == "summarize":
        for path in (proj / "content" / "briefings").glob("*.yaml"):
            path.unlink()
        args = ["summarize"]
    else:
        (proj / "site" / ".briefgen-state.json").unlink()
        args = ["build", "--jobs", "2"]
    before = _state(proj)
    cmd = start(proj, *args)
    workers: list[int] = []
    try:
        workers = freeze_workers(cmd, 2)
        for pid in workers:
            os.kill(pid, signal.SIGKILL)
        code, err = finish(cmd)
    finally:
        end([cmd.pid, *workers])
    assert (code, err) == (
        1,
        f"Error: a worker process ended abruptly while working on {what} {DIED}",
    )
    assert _state(proj) == before
    assert leftovers(proj) == []
    assert (proj / LOCK_FILE).read_text() == ""


def _file_size_limit(limit: int) -> Any:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_full_disk_while_summarizing_is_one_line(fault_base: Path, tmp_path: Path) -> None:
    """A write past the file size limit (what a full disk does to a write) while summarize
    saves a briefing: one line naming the file (it was an OSError traceback), no temporary
    file, no briefing half-written."""
    proj = copy_project(fault_base, tmp_path / "proj")
    for path in (proj / "content" / "briefings").glob("*.yaml"):
        path.unlink()
    before = _state(proj)
    done = run(proj, "summarize", cwd=proj, preexec_fn=_file_size_limit(2000))
    assert (done.returncode, done.stderr) == (
        1,
        "Error: content/briefings/topic-000.yaml: cannot write: File too large; the file was "
        "left as it was\n",
    )
    assert _state(proj) == before
    assert leftovers(proj) == []


def test_a_full_disk_while_building_is_one_line(fault_base: Path, tmp_path: Path) -> None:
    """A write past the file size limit in the build's workers (MkDocs writing a page into
    the staging folder): one line naming site/ (it was an OSError traceback from the worker),
    site/ as it was, the staging folder removed."""
    proj = copy_project(fault_base, tmp_path / "proj")
    (proj / "site" / ".briefgen-state.json").unlink()
    before = _state(proj)
    done = run(proj, "build", "--jobs", "2", cwd=proj, preexec_fn=_file_size_limit(20_000))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines()[-1] == "Error: site: cannot update the site: File too large"
    assert _state(proj) == before
    assert leftovers(proj) == []


BACKEND = '''
class Boom:
    """The extractive summarizer, except on topic-001."""

    name = "boom"
    version = "1"

    def __init__(self, settings):
        self.settings = settings

    def summarize(self, topic, articles, previous):
        from briefgen.summarize.registry import get_summarizer

        if topic.slug == "topic-001":
            raise RuntimeError("backend exploded")
        inner = self.settings.replace(summarizer="extractive")
        return get_summarizer(inner).summarize(topic, articles, previous)
'''


def test_a_summarizer_raising_on_one_topic_is_one_line(fault_base: Path, tmp_path: Path) -> None:
    """A backend (`summarizer: boom:Boom`) raising on one topic in its worker: exit 1 with one
    line naming the backend, the topic and the error (it was the worker's traceback), and no
    briefing written, not even the other topic's."""
    proj = copy_project(fault_base, tmp_path / "proj")
    (tmp_path / "plug").mkdir()
    (tmp_path / "plug" / "boom.py").write_text(BACKEND, "utf-8")
    config = proj / "mkdocs.yml"
    text = config.read_text("utf-8").replace(
        "  - briefgen:\n", "  - briefgen:\n      summarizer: boom:Boom\n"
    )
    config.write_text(text, "utf-8")
    before = _state(proj)
    path = f"{Path(__file__).resolve().parent.parent}{os.pathsep}{tmp_path / 'plug'}"
    done = run(proj, "summarize", cwd=proj, env={**os.environ, "PYTHONPATH": path})
    assert (done.returncode, done.stderr) == (
        1,
        "Error: the 'boom:Boom' summarizer failed on topic 'topic-001': RuntimeError: backend "
        "exploded; no briefing written (--debug shows the traceback)\n",
    )
    assert _state(proj) == before


def test_a_fifo_in_docs_is_refused_instead_of_hanging_the_build(
    fault_base: Path, tmp_path: Path
) -> None:
    """A FIFO in docs/ (MkDocs would wait forever to read it): the build stops at once with
    one line naming it."""
    proj = copy_project(fault_base, tmp_path / "proj")
    (proj / "site" / ".briefgen-state.json").unlink()
    fifo = proj / "docs" / "notes.md"
    os.mkfifo(fifo)
    with pytest.raises(BuildError) as caught:
        build_site(Project.load(proj), jobs=1)
    assert str(caught.value) == f"{fifo}: not a regular file (a FIFO): the build cannot read it"


def test_a_worker_forked_under_the_lock_does_not_hold_it(tmp_path: Path) -> None:
    """A process forked while the project lock is held (a command's worker) does not keep it:
    once the command lets go, the lock is free although the worker still runs."""
    ready, say = os.pipe()
    with project_lock(tmp_path, "build"):
        child = os.fork()
        if child == 0:  # the worker: outlives the command's hold on the lock
            os.write(say, b"1")  # running: the fork's hooks are done
            time.sleep(LIMIT_S)
            os._exit(0)
        assert os.read(ready, 1) == b"1"
    os.close(ready)
    os.close(say)
    try:
        fd = os.open(tmp_path / LOCK_FILE, os.O_RDWR)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # BlockingIOError if the child held it
        finally:
            os.close(fd)
    finally:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)


def test_signals_held_are_delivered_after_the_section(monkeypatch: pytest.MonkeyPatch) -> None:
    """A SIGTERM that comes while a pool forks or takes a task is raised after that section,
    not inside it (where it could be lost or leave the pool's lock taken)."""
    raised: list[str] = []

    class Stop(Exception):
        pass

    def handler(_signum: int, _frame: object) -> None:
        raise Stop

    old = signal.signal(signal.SIGTERM, handler)
    try:
        with pytest.raises(Stop), signals_held():
            os.kill(os.getpid(), signal.SIGTERM)
            raised.append("section finished")
    finally:
        signal.signal(signal.SIGTERM, old)
    assert raised == ["section finished"]


def _die_on_two(task: int) -> int:
    if task == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    return task


def test_build_all_reports_a_killed_worker_in_one_line() -> None:
    """A build worker killed while building one task ends `build_all` with a WorkerError (one
    line), not a BrokenProcessPool."""
    with pytest.raises(WorkerError) as caught:
        build_all([1, 2, 3], _die_on_two, str, 2)
    assert (
        f"{caught.value}\n"
        == f"a worker process ended abruptly while working on the site's build {DIED}"
    )


def test_an_interrupt_right_after_the_temp_file_is_made_leaves_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C (or SIGTERM) raised just after atomic_write created its temporary file, before
    writing to it: the temporary file is removed and the old file kept."""
    target = tmp_path / "brief.yaml"
    target.write_text("old\n")
    real_open = os.open

    def open_then_interrupt(path: Any, flags: int, mode: int = 0o777) -> int:
        fd = real_open(path, flags, mode)
        if str(path).endswith(".tmp"):
            raise KeyboardInterrupt
        return fd

    monkeypatch.setattr(fsio.os, "open", open_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        fsio.atomic_write(target, "new\n")
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.yaml"]
    assert target.read_text() == "old\n"


def test_the_next_command_removes_temp_files_a_killed_one_left(
    fault_base: Path, tmp_path: Path
) -> None:
    """Temporary files of atomic writes that a command killed outright (SIGKILL) left in content/
    are removed by the next command that holds the lock; other dot files stay."""
    proj = copy_project(fault_base, tmp_path / "proj")
    folder = next((proj / "content" / "articles").iterdir())
    leftover = folder / ".2024-01-01-x.md.0123456789ab.tmp"
    leftover.write_text("half")
    kept = folder / ".notes.tmp"
    kept.write_text("mine")
    done = run(proj, "summarize", "--quiet")
    assert done.returncode == 0, done.stderr
    assert not leftover.exists()
    assert kept.read_text() == "mine"
