"""Hostile YAML in content files: an alias bomb is refused at once, naming the file and line."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from briefgen import yamlio
from briefgen.app.project import Project
from briefgen.errors import SchemaError

from conftest import make_article, make_briefing, run_python

REFUSED = (
    "YAML anchors and aliases are not allowed in content files (anchor '&a'); write the value out"
)


def bomb() -> str:
    """A ~460-byte "billion laughs": nine levels of ten aliases, 10**9 strings when expanded."""
    rows = ["a: &a [" + ", ".join(['"lol"'] * 10) + "]"]
    for prev, cur in zip("abcdefgh", "bcdefghi", strict=True):
        rows.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]")
    return "\n".join(rows) + "\n"


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``briefgen ARGS`` in ``cwd`` as a subprocess."""
    return run_python(cwd, "-m", "briefgen", *args, NO_MKDOCS_2_WARNING="1")


@pytest.fixture
def demo(project: Project) -> Path:
    """A project with one article, its briefing and a topics.yaml registering the topic."""
    article = make_article()
    project.store.save_article(article)
    project.store.save_briefing(make_briefing(article))
    project.store.topics_path.write_text("topics:\n  - slug: demo\n    title: Demo\n")
    return project.root


def briefing_lines(root: Path) -> int:
    """How many lines the clean briefing has (the bomb starts on the next one)."""
    return len((root / "content/briefings/demo.yaml").read_text().splitlines())


def test_bomb_is_about_460_bytes() -> None:
    """The fixture is the size the issue reports (so the test is about the real attack)."""
    assert 440 <= len(bomb().encode()) <= 480


def test_loader_refuses_anchor_and_alias_with_line() -> None:
    """yamlio.load names the first anchor or alias with its line; '&' and '*' in text are fine."""
    with pytest.raises(SchemaError) as exc:
        yamlio.load("x: 1\n" + bomb(), "f.yaml")
    assert str(exc.value) == f"f.yaml:2: {REFUSED}"
    with pytest.raises(SchemaError) as exc:
        yamlio.load("x: 1\ny: *undefined\n", "g.yaml", line_offset=1)
    assert str(exc.value) == (
        "g.yaml:3: YAML anchors and aliases are not allowed in content files "
        "(alias '*undefined'); write the value out"
    )
    assert yamlio.load("x: 'a & b * c'\ny: R&D *now*\n", "h.yaml") == {
        "x": "a & b * c",
        "y": "R&D *now*",
    }


def test_article_front_matter_anchor_is_refused(demo: Path) -> None:
    """An anchor in an article's front matter is refused by check, with the file's line."""
    path = demo / "content/articles/demo/2025-11-05-talks.md"
    text = path.read_text()
    path.write_text(text.replace("title: Talks resume", "title: &t Talks resume", 1))
    line = next(i for i, ln in enumerate(path.read_text().splitlines(), 1) if "&t" in ln)
    proc = run(demo, "check")
    assert proc.returncode == 1
    assert (
        f"content/articles/demo/2025-11-05-talks.md:{line}: error: YAML anchors and aliases are "
        "not allowed in content files (anchor '&t'); write the value out\n"
    ) in proc.stdout


@pytest.mark.parametrize("command", ["summarize", "build"])
def test_bomb_in_briefing_stops_command(demo: Path, command: str) -> None:
    """summarize and build refuse a briefing holding an alias bomb: one line, exit 1."""
    path = demo / "content/briefings/demo.yaml"
    line = briefing_lines(demo) + 1
    path.write_text(path.read_text() + bomb())
    proc = run(demo, command)
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"Error: content/briefings/demo.yaml:{line}: {REFUSED}"


def test_bomb_in_briefing_is_a_check_error(demo: Path) -> None:
    """check reports the bomb as an error on its line and exits 1."""
    path = demo / "content/briefings/demo.yaml"
    line = briefing_lines(demo) + 1
    path.write_text(path.read_text() + bomb())
    proc = run(demo, "check")
    assert proc.returncode == 1
    assert proc.stdout == (
        f"content/briefings/demo.yaml:{line}: error: {REFUSED}\n"
        "checked 1 article and 1 briefing: 1 error, 0 warnings\n"
    )


@pytest.mark.parametrize("command", ["summarize", "build"])
def test_bomb_in_topics_stops_command(demo: Path, command: str) -> None:
    """summarize and build refuse a topics.yaml holding an alias bomb: one line, exit 1."""
    (demo / "content/topics.yaml").write_text("topics:\n  - slug: demo\n    title: Demo\n" + bomb())
    proc = run(demo, command)
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"Error: content/topics.yaml:4: {REFUSED}"


def test_bomb_in_topics_is_a_check_error(demo: Path) -> None:
    """check reports a bomb in topics.yaml as an error on its line and exits 1."""
    (demo / "content/topics.yaml").write_text("topics:\n  - slug: demo\n    title: Demo\n" + bomb())
    proc = run(demo, "check")
    assert proc.returncode == 1
    assert f"content/topics.yaml:4: error: {REFUSED}\n" in proc.stdout
    assert proc.stdout.endswith("1 error, 2 warnings\n")


def test_bomb_in_diff_folder(demo: Path, tmp_path: Path) -> None:
    """diff between two project folders refuses the side whose briefing holds the bomb."""
    head = tmp_path / "head"
    shutil.copytree(demo, head)
    path = head / "content/briefings/demo.yaml"
    line = briefing_lines(head) + 1
    path.write_text(path.read_text() + bomb())
    proc = run(tmp_path, "diff", str(demo), "head")
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"Error: head/content/briefings/demo.yaml:{line}: {REFUSED}"


def test_bomb_in_diff_git_ref(demo: Path) -> None:
    """diff between git refs refuses a committed briefing holding the bomb, naming ref:path."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=demo, env=env, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "base")
    path = demo / "content/briefings/demo.yaml"
    line = briefing_lines(demo) + 1
    path.write_text(path.read_text() + bomb())
    git("commit", "-q", "-am", "bomb")
    proc = run(demo, "diff", "HEAD~1", "HEAD")
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"Error: HEAD:content/briefings/demo.yaml:{line}: {REFUSED}"


def test_locate_composes_a_text_once_for_many_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    """Locating many findings in one briefing text parses it once (check located each finding
    by composing the whole file again), and gives each path its own line."""
    import yaml

    calls: list[str] = []
    real = yaml.compose

    def counting(stream: str, Loader: type) -> object:
        calls.append(stream)
        return real(stream, Loader=Loader)

    monkeypatch.setattr(yaml, "compose", counting)
    yamlio._composed.cache_clear()
    text = "topic: x\nstatus:\n- text: a\n- text: b\n- text: c\n"
    lines = [yamlio.locate(text, ("status", i, "text")) for i in range(3)]
    assert lines == [3, 4, 5]
    assert yamlio.locate(text, ("topic",)) == 1
    assert calls == [text]
