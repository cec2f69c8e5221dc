"""The project lock: mutating commands wait for each other with one clear message."""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path

from cli_kit import CliRunner

from briefgen.app.project import Project
from briefgen.cli import cli
from briefgen.lock import LOCK_FILE, project_lock

from conftest import REPO

HOLDER = """
import sys
from pathlib import Path
from briefgen.lock import project_lock
with project_lock(Path(sys.argv[1]), "build"):
    print("held", flush=True)
    sys.stdin.readline()
"""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def _hold(root: Path) -> subprocess.Popen[str]:
    """A real process holding the project's lock (as `build`) until its stdin gets a line."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(root)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    return holder


def test_second_command_waits_with_one_message_then_proceeds(project: Project) -> None:
    """While `build` (pid N) holds the lock, `summarize` says it waits, once, then runs."""
    holder = _hold(project.root)
    waiter = subprocess.Popen(
        [sys.executable, "-m", "briefgen", "-C", str(project.root), "summarize", "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    try:
        assert waiter.stderr is not None
        ready, _, _ = select.select([waiter.stderr], [], [], 120)  # a hang fails, not blocks
        assert ready, "the second command neither waited visibly nor finished"
        first = waiter.stderr.readline()
        assert first == f"waiting for build (pid {holder.pid}) to finish …\n"
        assert waiter.poll() is None  # still waiting: it did not run past the lock
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.close()
        assert holder.wait(timeout=60) == 0
    out, rest = waiter.communicate(timeout=120)
    assert waiter.returncode == 0, rest
    assert "waiting" not in rest and "Traceback" not in rest
    assert out == "0 topic(s), 0 briefing(s) written\n"


def test_a_killed_holder_never_blocks_the_next_command(project: Project) -> None:
    """The kernel drops the lock with its process: after SIGKILL the next command runs at once."""
    holder = _hold(project.root)
    holder.kill()
    holder.wait(timeout=60)
    assert (project.root / LOCK_FILE).is_file()
    messages: list[str] = []
    with project_lock(project.root, "release", messages.append):
        assert (project.root / LOCK_FILE).read_text() == f"release {os.getpid()}\n"
    assert messages == []


def test_free_lock_says_nothing(project: Project) -> None:
    """With no other command running, a mutating command prints no waiting message."""
    result = CliRunner().invoke(cli, ["-C", str(project.root), "summarize", "--quiet"])
    assert result.exit_code == 0
    assert "waiting" not in result.output
