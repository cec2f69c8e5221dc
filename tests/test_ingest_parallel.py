"""Ingest on several cores (issue 16): worker processes prepare the sources, the parent records
them in input order, so the files written and the report are those of a serial run."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from cli_kit import CliRunner

from benchmarks.corpus import Topic, topics_yaml, write_corpus
from briefgen.app.project import Project
from briefgen.cli import cli
from briefgen.ingest import workers
from briefgen.records import article_to_text
from briefgen.scaffold import init_project


def _page(title: str, published: str, body: list[str]) -> str:
    lines = ["Home | World | Politics", title, f"Published on {published}", *body]
    return "\n\n".join(lines) + "\n"


def _corpus(folder: Path) -> list[Topic]:
    """A generated corpus plus the cases whose outcome depends on the other sources: an exact
    and a near duplicate, a year borrowed from the topic, two articles whose ids collide, a page
    with no prose and one that matches no topic."""
    made = write_corpus(folder, 36, 11, None)
    pages = sorted(folder.iterdir())
    shutil.copy(pages[3], folder / "zz-exact-copy.txt")
    text = pages[5].read_text("utf-8")
    lines = text.splitlines()
    body = max(range(len(lines)), key=lambda i: len(lines[i]))
    lines[body] = lines[body].replace(" the ", " this ", 1)
    (folder / "zz-near-copy.txt").write_text("\n".join(lines) + "\n", "utf-8")
    place, group = made[0].place, made[0].group
    prose = [
        f"The {group} council in {place} met again on Monday to discuss the long dispute.",
        f"Officials from {place} said that the {group} talks had made some progress at last.",
        f"Residents of {place} said that prices had risen sharply since the {group} dispute began.",
    ]
    yearless = _page(f"{place} and {group}: talks resume", "14 March", prose)
    (folder / "aa-yearless.txt").write_text(yearless, "utf-8")
    title = f"{place} and {group}: a report on the crisis"
    (folder / "mm-same-id-1.txt").write_text(_page(title, "2 May 2010", prose[:2]), "utf-8")
    other = [
        f"A second {group} delegation reached {place} on Sunday after a long journey by road.",
        f"Its members said that they would stay in {place} until the {group} talks were over.",
    ]
    (folder / "mm-same-id-2.txt").write_text(_page(title, "2 May 2010", other), "utf-8")
    (folder / "nn-no-prose.txt").write_text("Menu\n\nSearch\n\nSign in\n", "utf-8")
    nobody = ["The weather was mild on Tuesday and the market in the town was busy all day."]
    (folder / "oo-no-topic.txt").write_text(_page("Market day", "3 May 2010", nobody), "utf-8")
    return made


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _run(tmp_path: Path, name: str, made: list[Topic], *args: str) -> tuple[int, str, str, Path]:
    root = tmp_path / name
    init_project(root, title="T")
    (root / "content" / "topics.yaml").write_text(topics_yaml(made), "utf-8")
    result = CliRunner().invoke(cli, ["-C", str(root), "ingest", *args])
    return result.exit_code, result.stdout, result.stderr, root


@pytest.mark.parametrize("dry_run", [False, True])
def test_parallel_ingest_writes_the_serial_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dry_run: bool
) -> None:
    """`ingest --jobs 2` of a folder writes every content/ file byte for byte as `--jobs 1`
    does, prints the same report and errors and exits with the same code (duplicates, a
    borrowed year, colliding ids and failures included), with and without --dry-run."""
    corpus = tmp_path / "corpus"
    made = _corpus(corpus)
    pools: list[int] = []
    start_pool = workers.start_pool

    def counting(n: int, *args: Any) -> Any:
        pools.append(n)
        return start_pool(n, *args)

    monkeypatch.setattr(workers, "start_pool", counting)
    extra = ["--dry-run"] if dry_run else []
    serial = _run(tmp_path, "serial", made, "--jobs", "1", *extra, str(corpus))
    assert pools == []
    parallel = _run(tmp_path, "parallel", made, "--jobs", "2", *extra, str(corpus))
    assert pools == [1]  # one worker: this process prepares too
    assert parallel[:3] == serial[:3]
    code, out, err, root = serial
    assert code == 2
    summary = "39 ingested, 2 skipped (duplicates), 2 failed"
    assert out.splitlines()[-1].startswith(summary)
    assert "skipped " + str(corpus / "zz-exact-copy.txt") + ": same article as" in out
    assert "zz-near-copy.txt: near-duplicate of" in out
    assert f"Error: {corpus / 'nn-no-prose.txt'}: no body sentences found" in err
    assert f"Error: {corpus / 'oo-no-topic.txt'}: no topic's keywords match" in err
    assert "(year 2012 from the topic" in (out if dry_run else _text(root))
    trees = [_tree(serial[3] / "content"), _tree(parallel[3] / "content")]
    assert trees[0] == trees[1]
    articles = [k for k in trees[0] if k.startswith("articles/") and k.endswith(".md")]
    assert len(articles) == (0 if dry_run else 39)
    if not dry_run:
        ids = sorted(Path(k).stem for k in articles if "a-report-on-the-crisis" in k)
        assert ids == ["2010-05-02-" + ids[0][11:], "2010-05-02-" + ids[0][11:] + "-2"]


def _text(root: Path) -> str:
    return "".join(p.read_text("utf-8") for p in sorted((root / "content").rglob("*.md")))


def test_into_ingests_each_folder_into_its_topic(tmp_path: Path) -> None:
    """`--into SLUG SOURCE`, repeated, ingests several topics' folders in one call, each page
    into the topic named with its folder (no keyword match needed); a slug that topics.yaml does
    not know is a usage error naming --into."""
    corpus = tmp_path / "corpus"
    made = write_corpus(corpus, 8, 3, None)
    folders = {t.slug: tmp_path / t.slug for t in made}
    for page in sorted(corpus.iterdir()):
        slug = page.name.rsplit("-", 1)[0]
        folders[slug].mkdir(exist_ok=True)
        shutil.copy(page, folders[slug] / page.name)
    args = [a for slug, folder in folders.items() for a in ("--into", slug, str(folder))]
    code, out, err, root = _run(tmp_path, "p", made, "--jobs", "2", *args)
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "8 ingested, 0 skipped (duplicates), 0 failed"
    for slug in folders:
        assert len(list((root / "content" / "articles" / slug).glob("*.md"))) == 4
        assert f"(topic {slug}: --into; published" in out
    code, out, err, _ = _run(tmp_path, "q", made, "--into", "nope", str(corpus))
    assert code == 2
    assert "Error: --into: unknown topic 'nope' (known: topic-000, topic-001)" in err


def _who(ctx: Any, opening: Any, task: Any) -> Any:
    from briefgen.ingest.prepare import Prepared

    return Prepared(task.name, shown=str(os.getpid()))


def test_prepared_keeps_input_order_with_this_process_helping(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`prepared` yields every task once, in input order, with `jobs` 3: this process
    prepares the first chunk (before the workers fork) and any later ones it takes while
    waiting; two workers prepare the rest."""
    from briefgen.ingest.prepare import Task
    from briefgen.ingest.readers import OpenContext

    monkeypatch.setattr(workers, "prepare", _who)  # fork carries it into the workers
    tasks = [Task(f"s{n:03d}") for n in range(97)]
    out = list(workers.prepared(None, OpenContext(1, 1, None), tasks, 3))  # type: ignore[arg-type]
    assert [p.name for p in out] == [t.name for t in tasks]
    here = str(os.getpid())
    assert all(p.shown == here for p in out[: workers.CHUNK])
    assert len({p.shown for p in out} - {here}) <= 2


def test_prepared_restores_the_thread_switch_interval(monkeypatch: pytest.MonkeyPatch) -> None:
    """The short thread switch interval a parallel `prepared` sets (so the pool's threads hand
    workers their chunks promptly) holds only while it runs: it is back to what it was after
    the last result, and after a caller that stops reading early."""
    from briefgen.ingest.prepare import Task
    from briefgen.ingest.readers import OpenContext

    monkeypatch.setattr(workers, "prepare", _who)
    before = sys.getswitchinterval()
    tasks = [Task(f"s{n:03d}") for n in range(40)]
    seen = []
    for _ in workers.prepared(None, OpenContext(1, 1, None), tasks, 2):  # type: ignore[arg-type]
        seen.append(sys.getswitchinterval())
    assert seen == [pytest.approx(workers.SWITCH_S)] * 40 and sys.getswitchinterval() == before
    early = workers.prepared(None, OpenContext(1, 1, None), tasks, 2)  # type: ignore[arg-type]
    next(early)
    early.close()
    assert sys.getswitchinterval() == before


def test_stored_records_are_the_text_of_their_articles(tmp_path: Path) -> None:
    """Each record written by a parallel ingest (rendered where its source was prepared, or
    here for a colliding id or a year borrowed from the topic) is exactly the text of the
    article it stores."""
    corpus = tmp_path / "corpus"
    made = _corpus(corpus)
    _, _, _, root = _run(tmp_path, "p", made, "--jobs", "2", str(corpus))
    store = Project.load(root).store
    paths = store.article_paths()
    assert len(paths) == 39
    for path in paths:
        assert path.read_text("utf-8") == article_to_text(store.load_article(path)), path
