"""Content stays inside content/: links out of it are refused by check, summarize and build and
never read or written through; FIFOs are skipped, never opened; an article id in two topics is an
error in every command that reads content, and ingest never creates one."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_kit import CliRunner, Result
from test_check import articles as demo_articles

from briefgen.app.project import Project
from briefgen.app.summarize import summarize_project
from briefgen.cli import cli
from briefgen.errors import SchemaError
from briefgen.model import Topic
from briefgen.records import article_to_text
from briefgen.store import ContentPathError, Store, atomic_write

from conftest import make_article, run_python

SECRET = "The outside file holds a secret sentence about Zanzibarite."
REFUSED = "refused: nothing is read or written through it"


@pytest.fixture
def proj(project: Project, monkeypatch: pytest.MonkeyPatch) -> Project:
    """A project with topic ``demo``: two articles and their briefing; the working directory."""
    project.store.save_topics([Topic.validate(dict(slug="demo", title="Demo"))])
    for article in demo_articles():
        project.store.save_article(article)
    summarize_project(project)
    monkeypatch.chdir(project.root)
    return project


def cli_run(*args: str) -> Result:
    """``briefgen ARGS`` in the current (project) folder."""
    return CliRunner().invoke(cli, list(args))


def subprocess_run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m briefgen ARGS`` in ``root``."""
    return run_python(root, "-m", "briefgen", *args, NO_COLOR="1")


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (links not followed) and its bytes."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def leak_article(topic: str = "demo") -> str:
    """A valid article record whose body is the secret sentence."""
    return article_to_text(make_article("2025-11-09-leak", topic=topic, paragraphs=((SECRET,),)))


def _article_file(proj: Project, out: Path) -> tuple[Path, Path]:
    (out / "leak.md").write_text(leak_article(), encoding="utf-8")
    link = proj.store.articles_dir / "demo" / "2025-11-09-leak.md"
    link.symlink_to(out / "leak.md")
    return link, out / "leak.md"


def _topic_folder(proj: Project, out: Path) -> tuple[Path, Path]:
    (out / "leak").mkdir()
    (out / "leak" / "2025-11-09-leak.md").write_text(leak_article("leak"), encoding="utf-8")
    link = proj.store.articles_dir / "leak"
    link.symlink_to(out / "leak", target_is_directory=True)
    return link, out / "leak"


def _briefings_folder(proj: Project, out: Path) -> tuple[Path, Path]:
    link = proj.store.briefings_dir
    os.replace(link, out / "briefings")
    link.symlink_to(out / "briefings", target_is_directory=True)
    return link, out / "briefings"


def _topics_file(proj: Project, out: Path) -> tuple[Path, Path]:
    link = proj.store.topics_path
    (out / "topics.yaml").write_bytes(link.read_bytes())
    link.unlink()
    link.symlink_to(out / "topics.yaml")
    return link, out / "topics.yaml"


def _edition_file(proj: Project, out: Path) -> tuple[Path, Path]:
    (out / "ed.json").write_text("{}\n", encoding="utf-8")
    link = proj.store.editions_dir / "2025-11-09.json"
    link.symlink_to(out / "ed.json")
    return link, out / "ed.json"


def _content_itself(proj: Project, out: Path) -> tuple[Path, Path]:
    link = proj.store.root
    os.replace(link, out / "content")
    link.symlink_to(out / "content", target_is_directory=True)
    return link, out / "content"


def _trusted_file(proj: Project, out: Path) -> tuple[Path, Path]:
    """Inside the project but outside content/: mkdocs.yml is code, not content."""
    link = proj.store.topics_path
    link.unlink()
    link.symlink_to(Path("..") / "mkdocs.yml")
    return link, proj.root / "mkdocs.yml"


Setup = Callable[[Project, Path], tuple[Path, Path]]
VECTORS: dict[str, tuple[Setup, bool]] = {
    # name: (make the link, does summarize read it)
    "article-file": (_article_file, True),
    "topic-folder": (_topic_folder, True),
    "briefings-folder": (_briefings_folder, True),
    "topics-yaml": (_topics_file, True),
    "edition-file": (_edition_file, False),
    "content-itself": (_content_itself, True),
    "topics-yaml-to-mkdocs-yml": (_trusted_file, True),
}


@pytest.mark.parametrize("name", VECTORS)
def test_link_out_of_content_is_refused_by_check_summarize_and_build(
    proj: Project, tmp_path: Path, name: str
) -> None:
    """A link out of content/ is one located error in check, summarize and build; nothing is
    read (no secret in any output) or written through it (the target is byte-identical)."""
    setup, summarize_reads = VECTORS[name]
    out = tmp_path / "outside"
    out.mkdir()
    link, target = setup(proj, out)
    culprit = link.relative_to(proj.root).as_posix()
    where = "the project" if culprit == "content" else "the content folder"
    message = f"symbolic link leads out of {where} (to {target}); {REFUSED}"
    before = snapshot(out), (proj.root / "mkdocs.yml").read_bytes()

    result = cli_run("check")
    assert result.exit_code == 1, result.output
    assert f"{culprit}: error: {message}" in result.stdout.splitlines()

    result = cli_run("summarize", "--quiet")
    if summarize_reads:
        assert (result.exit_code, result.stderr) == (1, f"Error: {culprit}: {message}\n")
    else:  # summarize reads no editions, so it neither reads nor refuses this one
        assert result.exit_code == 0, result.output

    result = cli_run("build")
    assert (result.exit_code, result.stderr) == (1, f"Error: {culprit}: {message}\n")
    assert not (proj.root / "site").exists()

    assert (snapshot(out), (proj.root / "mkdocs.yml").read_bytes()) == before
    assert "Zanzibarite" not in result.output


def test_store_writes_never_follow_a_link_out(proj: Project, tmp_path: Path) -> None:
    """save_article/save_briefing/save_topics into a linked-out folder or file raise and leave
    the outside untouched; nothing is created there."""
    out = tmp_path / "outside"
    out.mkdir()
    store = proj.store
    briefing = store.briefings()[0]
    _topic_folder(proj, out)
    _briefings_folder(proj, out)
    _trusted_file(proj, out)
    before = snapshot(out), (proj.root / "mkdocs.yml").read_bytes()
    with pytest.raises(ContentPathError) as info:
        store.save_article(make_article("2025-11-10-new", topic="leak"))
    assert str(info.value) == (
        f"{store.articles_dir / 'leak'}: symbolic link leads out of the content folder "
        f"(to {out / 'leak'}); {REFUSED}"
    )
    with pytest.raises(ContentPathError) as info:
        store.save_briefing(briefing)
    assert info.value.file == str(store.briefings_dir)
    with pytest.raises(ContentPathError) as info:
        store.save_topics([Topic.validate(dict(slug="demo", title="Changed"))])
    assert info.value.file == str(store.topics_path)
    assert info.value.message == (
        f"symbolic link leads out of the content folder (to {proj.root / 'mkdocs.yml'}); {REFUSED}"
    )
    assert (snapshot(out), (proj.root / "mkdocs.yml").read_bytes()) == before


def test_link_inside_content_is_followed_and_kept(proj: Project) -> None:
    """A link that stays inside content/ is read through; a write updates its target and keeps
    the link (no temporary file is left anywhere)."""
    store = proj.store
    shared = store.root / "registry" / "topics.yaml"
    shared.parent.mkdir()
    os.replace(store.topics_path, shared)
    store.topics_path.symlink_to(Path("registry") / "topics.yaml")
    assert [t.slug for t in store.topics()] == ["demo"]
    assert cli_run("check").exit_code == 0
    assert store.save_topics([Topic.validate(dict(slug="demo", title="Renamed"))]) is True
    assert store.topics_path.is_symlink()
    assert store.topics()[0].title == "Renamed"
    assert "title: Renamed" in shared.read_text(encoding="utf-8")
    assert not [p for p in store.root.rglob("*.tmp")]


def test_atomic_write_replaces_a_link_instead_of_following_it(tmp_path: Path) -> None:
    """atomic_write over a symbolic link replaces the link with a file; its target is untouched."""
    target = tmp_path / "target.txt"
    target.write_text("keep\n", encoding="utf-8")
    link = tmp_path / "site" / "index.html"
    link.parent.mkdir()
    link.symlink_to(target)
    assert atomic_write(link, "new\n") is True
    assert not link.is_symlink()
    assert link.read_text(encoding="utf-8") == "new\n"
    assert target.read_text(encoding="utf-8") == "keep\n"


def test_confine_names_the_first_link_that_leads_out(tmp_path: Path) -> None:
    """The error names the link on the way out (content/articles), not the file under it."""
    out = tmp_path / "outside"
    (out / "demo").mkdir(parents=True)
    (tmp_path / "p" / "content").mkdir(parents=True)
    (tmp_path / "p" / "content" / "articles").symlink_to(out, target_is_directory=True)
    store = Store(tmp_path / "p" / "content", tmp_path / "p")
    with pytest.raises(ContentPathError) as info:
        store.confine(store.article_path("demo", "2025-11-05-talks"))
    assert info.value.file == str(store.articles_dir)
    assert info.value.message == (
        f"symbolic link leads out of the content folder (to {out}); {REFUSED}"
    )


# --- FIFOs and other non-files ----------------------------------------------------------------


FIFO_ARTICLE = "content/articles/demo/2025-01-01-x.md"
SKIPPED = "not a regular file (a FIFO): skipped"


def test_fifo_article_is_skipped_by_check_summarize_and_build(proj: Project) -> None:
    """A FIFO among the articles is a warning in check and a logged warning in summarize and
    build, which all complete (a FIFO that were opened would block until the timeout)."""
    os.mkfifo(proj.root / FIFO_ARTICLE)
    check = subprocess_run(proj.root, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert f"{FIFO_ARTICLE}: warning: {SKIPPED}" in check.stdout.splitlines()
    summarize = subprocess_run(proj.root, "summarize", "--force", "--quiet")
    assert summarize.returncode == 0, summarize.stderr
    assert f"WARNING: {FIFO_ARTICLE}: {SKIPPED}" in summarize.stderr.splitlines()
    build = subprocess_run(proj.root, "build")
    assert build.returncode == 0, build.stderr
    assert f"WARNING: {FIFO_ARTICLE}: {SKIPPED}" in build.stderr.splitlines()
    assert (proj.root / "site" / "latest" / "index.html").is_file()


def test_fifo_briefing_is_skipped_by_check_and_not_written_over(proj: Project) -> None:
    """A FIFO where the briefing goes: check warns; summarize refuses to replace it, exit 1."""
    path = proj.store.briefing_path("demo")
    path.unlink()
    os.mkfifo(path)
    check = subprocess_run(proj.root, "check")
    lines = check.stdout.splitlines()
    assert f"content/briefings/demo.yaml: warning: {SKIPPED}" in lines
    summarize = subprocess_run(proj.root, "summarize", "--quiet")
    assert summarize.returncode == 1
    assert summarize.stderr.splitlines() == [
        f"WARNING: content/briefings/demo.yaml: {SKIPPED}",
        "Error: content/briefings/demo.yaml: not a regular file (a FIFO): refused to write over it",
    ]
    assert path.is_fifo()


def test_fifo_topics_yaml_is_skipped(proj: Project) -> None:
    """A FIFO topics.yaml is skipped with a warning: summarize completes with default titles."""
    proj.store.topics_path.unlink()
    os.mkfifo(proj.store.topics_path)
    result = subprocess_run(proj.root, "summarize", "--force", "--quiet")
    assert result.returncode == 0, result.stderr
    assert f"WARNING: content/topics.yaml: {SKIPPED}" in result.stderr.splitlines()


def test_reading_a_fifo_directly_is_refused_without_opening_it(proj: Project) -> None:
    """Store.read_text on a FIFO raises at once: the stat check refuses it before any open."""
    code = (
        "import os, sys\n"
        "from briefgen.app.project import Project\n"
        "from briefgen.errors import SchemaError\n"
        "store = Project.load('.').store\n"
        f"os.mkfifo({FIFO_ARTICLE!r})\n"
        "try:\n"
        f"    store.read_text(store.root.parent / {FIFO_ARTICLE!r})\n"
        "except SchemaError as exc:\n"
        "    print(exc.message)\n"
    )
    out = run_python(proj.root, "-c", code)
    assert out.returncode == 0, out.stderr
    assert out.stdout == "not a regular file (a FIFO): not read\n"


# --- the same article id in two topics ---------------------------------------------------------


DUP_FIRST = "content/articles/a/2025-11-05-talks.md"
DUP_OTHER = "content/articles/b/2025-11-05-talks.md"
DUP_MESSAGE = (
    f"article id '2025-11-05-talks' is also used by {DUP_FIRST} "
    "(an id names one article across all topics; rename one of the files)"
)


@pytest.fixture
def dup(project: Project, monkeypatch: pytest.MonkeyPatch) -> Project:
    """Topics ``a`` and ``b`` each holding an article with id 2025-11-05-talks."""
    project.store.save_topics(
        [Topic.validate(dict(slug="a", title="A")), Topic.validate(dict(slug="b", title="B"))]
    )
    project.store.save_article(make_article(topic="a"))
    project.store.save_article(
        make_article(topic="b", paragraphs=(("Another story entirely.", "It is about b."),))
    )
    monkeypatch.chdir(project.root)
    return project


def test_duplicate_id_is_a_check_error_naming_both_files(dup: Project) -> None:
    """check reports the second file with the first named in the message, exit 1."""
    result = cli_run("check")
    assert result.exit_code == 1
    assert f"{DUP_OTHER}: error: {DUP_MESSAGE}" in result.stdout.splitlines()


def test_duplicate_id_stops_summarize_and_build(dup: Project) -> None:
    """summarize and build refuse with one line naming both files; nothing is written."""
    for args in (("summarize", "--quiet"), ("summarize", "--quiet", "a"), ("build",)):
        result = cli_run(*args)
        assert (result.exit_code, result.stderr) == (1, f"Error: {DUP_OTHER}: {DUP_MESSAGE}\n")
    assert not list(dup.store.briefings_dir.glob("*.yaml"))
    assert not (dup.root / "site").exists()


def test_duplicate_id_stops_frozen_build(dup: Project) -> None:
    """build --frozen refuses through check's finding, naming both files."""
    result = cli_run("build", "--frozen")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {DUP_OTHER}: --frozen refuses to build: {DUP_MESSAGE}")


def test_require_unique_ids_raises_schema_error(dup: Project) -> None:
    """The store's check raises a SchemaError located at the second file."""
    with pytest.raises(SchemaError) as info:
        dup.store.require_unique_ids()
    assert info.value.file == str(dup.root / DUP_OTHER)


def test_ingest_picks_an_id_no_topic_uses(project: Project, tmp_path: Path) -> None:
    """Ingesting into topic b an article whose id topic a already holds gets a '-2' id."""
    project.store.save_topics(
        [Topic.validate(dict(slug="a", title="A")), Topic.validate(dict(slug="b", title="B"))]
    )
    page = tmp_path / "page.txt"
    page.write_text(
        "Same headline in two topics\n\nThe first story is about a port strike in town.\n",
        encoding="utf-8",
    )
    other = tmp_path / "other.txt"
    other.write_text(
        "Same headline in two topics\n\nA second story, wholly unrelated, about the docks.\n",
        encoding="utf-8",
    )
    base = ["-C", str(project.root), "ingest", "--published", "2026-03-02"]
    assert cli_run(*base, "--topic", "a", str(page)).exit_code == 0
    result = cli_run(*base, "--topic", "b", str(other))
    assert result.exit_code == 0, result.output
    assert [
        p.relative_to(project.store.articles_dir).as_posix() for p in project.store.article_paths()
    ] == [
        "a/2026-03-02-same-headline-in-two-topics.md",
        "b/2026-03-02-same-headline-in-two-topics-2.md",
    ]
    assert project.store.duplicate_ids() == []


def test_ingest_into_a_linked_out_topic_fails_and_writes_nothing(
    proj: Project, tmp_path: Path
) -> None:
    """ingest --topic into a topic folder linked out of content/ fails that source, exit 1, and
    creates nothing outside."""
    out = tmp_path / "outside"
    out.mkdir()
    link, target = _topic_folder(proj, out)
    proj.store.save_topics(
        [
            Topic.validate(dict(slug="demo", title="Demo")),
            Topic.validate(dict(slug="leak", title="Leak")),
        ]
    )
    before = snapshot(out)
    page = tmp_path / "page.txt"
    page.write_text("A headline here\n\nThe story is about a port strike in town.\n", "utf-8")
    result = cli_run("ingest", "--topic", "leak", "--published", "2026-03-02", str(page))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {link}: symbolic link leads out of the content folder (to {target}); {REFUSED}"
    ]
    assert snapshot(out) == before
