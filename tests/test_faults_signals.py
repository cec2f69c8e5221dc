"""A command killed or interrupted mid-run through the real CLI (SIGKILL, SIGTERM, a Ctrl-C to
the process group) while its workers work: no worker outlives it or keeps the project lock, the
interrupt is one line with exit 143 or 130, nothing half-written or left behind, and a rerun
writes what a clean run writes. Every wait is bounded (faults_kit.LIMIT_S)."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from pathlib import Path

import pytest
from faults_kit import (
    children,
    clear_articles,
    copy_project,
    end,
    finish,
    freeze_workers,
    ingest_args,
    leftovers,
    run,
    start,
    tree,
    wait_gone,
)

from briefgen.cli import INTERRUPTED
from briefgen.lock import LOCK_FILE


def _content(project: Path) -> dict[str, bytes]:
    return tree(project / "content")


def _site(project: Path) -> dict[str, bytes]:
    return tree(project / "site", lambda p: p.name != ".briefgen-state.json")


def _interrupted_ingest(
    fault_base: Path, tmp_path: Path, send: Callable[[int], None]
) -> tuple[Path, int, str]:
    """A copy of the project with no articles whose `ingest --jobs 2` got ``send(pid)`` while
    its worker worked; its exit code and stderr. Asserts that no worker outlived it."""
    proj = copy_project(fault_base, tmp_path / "proj")
    clear_articles(proj)
    cmd = start(proj, *ingest_args(fault_base))
    workers: list[int] = []
    try:
        workers = freeze_workers(cmd, 1)
        send(cmd.pid)
        code, err = finish(cmd)
        assert wait_gone(workers) == []
    finally:
        end([cmd.pid, *workers])
    return proj, code, err


def test_a_killed_ingest_leaves_no_worker_holding_the_lock(
    fault_base: Path, tmp_path: Path
) -> None:
    """SIGKILL to `ingest --jobs 2` while its worker works: the worker dies with it (it held
    the project lock, so every later command waited forever), and a rerun ingests what a
    clean run does."""
    proj, code, _ = _interrupted_ingest(
        fault_base, tmp_path, lambda pid: os.kill(pid, signal.SIGKILL)
    )
    assert code == -signal.SIGKILL
    rerun = run(proj, *ingest_args(fault_base))
    assert rerun.returncode == 0, rerun.stderr
    assert "waiting for" not in rerun.stderr
    assert _content(proj) == _content(fault_base)


def test_ctrl_c_to_ingest_is_one_line_and_a_rerun_finishes(
    fault_base: Path, tmp_path: Path
) -> None:
    """A Ctrl-C (SIGINT to the whole process group) during `ingest --jobs 2`: exit 130, one
    line (no traceback from the command or its workers), no worker left, no temporary file,
    the lock free, and a rerun ingests what a clean run does."""
    proj, code, err = _interrupted_ingest(
        fault_base, tmp_path, lambda pid: os.killpg(pid, signal.SIGINT)
    )
    assert (code, err) == (130, f"Error: {INTERRUPTED.format('SIGINT')}\n")
    assert leftovers(proj) == []
    assert (proj / LOCK_FILE).read_text() == ""
    rerun = run(proj, *ingest_args(fault_base))
    assert rerun.returncode == 0, rerun.stderr
    assert _content(proj) == _content(fault_base)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="summarize forks one worker per CPU")
@pytest.mark.parametrize("command", ["summarize", "build"])
def test_sigterm_mid_run_unwinds_and_changes_nothing(
    fault_base: Path, tmp_path: Path, command: str
) -> None:
    """SIGTERM (a CI timeout) to `summarize` or `build --jobs 2` while its workers work: exit
    143 with one line, its workers ended, content/ and site/ as they were, no staging folder
    or temporary file left, the lock free; a rerun writes what the clean run wrote."""
    proj = copy_project(fault_base, tmp_path / "proj")
    if command == "summarize":
        for path in (proj / "content" / "briefings").glob("*.yaml"):
            path.unlink()  # every topic to summarize again
        args = ["summarize"]
    else:
        (proj / "site" / ".briefgen-state.json").unlink()  # every edition to build again
        args = ["build", "--jobs", "2"]
    content, site = _content(proj), _site(proj)
    cmd = start(proj, *args)
    workers: list[int] = []
    try:
        workers = freeze_workers(cmd, 2)  # each: the command waits on whichever has a task
        os.kill(cmd.pid, signal.SIGTERM)
        code, err = finish(cmd)
        assert wait_gone(workers) == []
        assert children(cmd.pid) == []
    finally:
        end([cmd.pid, *workers])
    assert (code, err) == (143, f"Error: {INTERRUPTED.format('SIGTERM')}\n"), err
    assert (_content(proj), _site(proj)) == (content, site)
    assert leftovers(proj) == []
    assert (proj / LOCK_FILE).read_text() == ""
    rerun = run(proj, *args)
    assert rerun.returncode == 0, rerun.stderr
    assert (_content(proj), _site(proj)) == (_content(fault_base), _site(fault_base))
