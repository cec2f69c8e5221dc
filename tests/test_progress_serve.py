"""Progress and addresses: bars only on a terminal, ``serve`` names its address, a busy port is
one line."""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from cli_kit import CliRunner
from test_publish_kit import make_site_project

from briefgen.app import progress as progress_mod
from briefgen.app.build import build_site
from briefgen.app.progress import progress_bar
from briefgen.app.project import Project
from briefgen.cli import cli
from briefgen.model import Topic

from conftest import REPO

STORY = (
    "{title}\n\nThe {place} harbour reopened on Monday after a week of repairs, officials said.\n\n"
    "Ships queued outside the {place} breakwater for most of the morning.\n"
)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _serve(project: Project, port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "briefgen",
        "-C",
        str(project.root),
        "serve",
        "-a",
        f"127.0.0.1:{port}",
    ]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}


def test_ingest_of_a_folder_prints_only_the_report_when_not_a_tty(
    project: Project, tmp_path: Path
) -> None:
    """CliRunner's streams are no terminal: ingest of three files prints the report, no bar."""
    project.store.save_topics(
        [Topic.validate(dict(slug="ports", title="Ports", keywords=("harbour",)))]
    )
    folder = tmp_path / "in"
    folder.mkdir()
    for place in ("Alder", "Birch", "Cedar"):
        (folder / f"{place.lower()}.txt").write_text(
            STORY.format(title=f"{place} harbour reopens", place=place), "utf-8"
        )
    result = CliRunner().invoke(
        cli,
        [
            "-C",
            str(project.root),
            "ingest",
            str(folder),
            "--topic",
            "ports",
            "--published",
            "2026-03-02",
        ],
    )
    assert result.exit_code == 0, result.output
    detail = " (topic ports: --topic; published 2026-03-02 [given])"
    assert result.stdout == (
        f"ingested {folder / 'alder.txt'} -> "
        f"content/articles/ports/2026-03-02-alder-harbour-reopens.md{detail}\n"
        f"ingested {folder / 'birch.txt'} -> "
        f"content/articles/ports/2026-03-02-birch-harbour-reopens.md{detail}\n"
        f"ingested {folder / 'cedar.txt'} -> "
        f"content/articles/ports/2026-03-02-cedar-harbour-reopens.md{detail}\n"
        "3 ingested, 0 skipped (duplicates), 0 failed\n"
    )
    assert result.stderr == ""


def test_build_of_two_editions_prints_only_the_summary_when_not_a_tty(tmp_path: Path) -> None:
    """CliRunner is no terminal: build of two editions prints its two summary lines, no bar."""
    project = make_site_project(tmp_path / "p")
    result = CliRunner().invoke(cli, ["-C", str(project.root), "build"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Built 2025-11-03, 2025-11-05; 2 edition(s), latest 2025-11-05\n"
        f"Site: {project.root / 'site'}\n"
    )


def test_progress_bar_shows_on_a_terminal_and_not_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On a terminal the bar names the label and item; on a pipe there is no callback at all."""
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert progress_mod.on_terminal()
    with progress_bar("build") as progress:
        assert progress is not None
        progress(1, 2, "2025-11-03")
        progress(2, 2, "2025-11-05")
    assert "build 2025-11-05" in terminal.getvalue()
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with progress_bar("build") as progress:
        assert progress is None
    with progress_bar("build", enabled=False) as progress:
        assert progress is None


def test_build_reports_each_edition_to_progress(tmp_path: Path) -> None:
    """build_site calls progress once per edition built, with the count done and the total (in
    plan order with one job; in the order they finish with two)."""
    project = make_site_project(tmp_path / "p")
    calls: list[tuple[int, int, str]] = []
    build_site(project, progress=lambda *a: calls.append(a), jobs=1)
    assert calls == [(1, 2, "2025-11-03"), (2, 2, "2025-11-05")]
    shutil.rmtree(project.root / "site")
    calls.clear()
    build_site(project, progress=lambda *a: calls.append(a), jobs=2)
    assert [c[:2] for c in calls] == [(1, 2), (2, 2)]
    assert sorted(c[2] for c in calls) == ["2025-11-03", "2025-11-05"]


def test_busy_port_is_one_line(project: Project) -> None:
    """With 127.0.0.1:<port> taken, serve exits 1 with exactly one error line, no traceback."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            _serve(project, port),
            capture_output=True,
            text=True,
            timeout=120,
            env=_env(),
        )
    assert done.returncode == 1
    assert done.stderr == f"Error: 127.0.0.1:{port}: address already in use\n"
    assert done.stdout == ""


def test_serve_prints_the_address_it_listens_on(project: Project) -> None:
    """serve prints `Serving on http://127.0.0.1:<port>/` and answers there."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen(
        _serve(project, port),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=_env(),
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line == f"Serving on http://127.0.0.1:{port}/ (Ctrl-C to stop)\n"
        for _ in range(240):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as resp:
                    assert resp.status == 200
                    break
            except OSError:
                if proc.poll() is not None:
                    raise AssertionError("serve exited") from None
                time.sleep(0.5)
        else:
            raise AssertionError("serve never answered")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
