"""Benchmark: one more edition with 1, 10 and 50 old editions; a cold build of many editions with
one and two jobs; the bytes of ``latest/``.

A small seeded project (one topic of ``--articles`` articles, a briefing made from them, as in
:mod:`benchmarks.bench_build`) gets ``N`` frozen editions (each a retitled briefing, released the
same day: ids ``<date>``, ``<date>-2`` ...), then, each step a separate process, timed:

1. ``briefgen build`` of every edition into an empty site/ (cold);
2. ``briefgen release`` and ``briefgen build`` of one more edition (``--repeat`` times).

``--code DIR`` runs the briefgen found in DIR (e.g. another worktree, for before/after figures);
the project is always written by this checkout (the content formats are the same). ``--cold N``
also times a cold build of N editions with ``--jobs 1`` and ``--jobs 2`` (needs this checkout's
``build --jobs``). Usage::

    python -m benchmarks.bench_releases [--old 1 10 50] [--cold 10] [--code DIR]

Work files go to benchmarks/.work/editions/ (git-ignored).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.bench_build import _article, _briefing
from briefgen.app.project import Project
from briefgen.model import Topic
from briefgen.publish.editions import prepare_release
from briefgen.scaffold import init_project

WORK = Path(__file__).resolve().parent / ".work" / "editions"
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Timing:
    """Seconds of one process: wall clock and CPU (user + system, its children included)."""

    wall: float
    cpu: float

    def __add__(self, other: Timing) -> Timing:
        return Timing(self.wall + other.wall, self.cpu + other.cpu)

    def __str__(self) -> str:
        return f"{self.wall:6.2f} s wall / {self.cpu:6.2f} s CPU"


def make_project(root: Path, editions: int, articles: int) -> Project:
    """One topic, its briefing, and ``editions`` frozen editions of retitled briefings."""
    shutil.rmtree(root, ignore_errors=True)
    init_project(root, title="Editions benchmark")
    project = Project.load(root)
    store = project.store
    topic = Topic.validate(dict(slug="topic-000", title="Topic 000"))
    store.save_topics([topic])
    made = [_article(topic.slug, 0, a) for a in range(articles)]
    for article in made:
        store.save_article(article)
    briefing = _briefing(project, topic, made)
    for n in range(1, editions + 1):
        store.save_briefing(briefing.replace(title=f"Topic 000, update {n}"))
        store.save_edition(prepare_release(store))
    return project


def retitle(project: Project, n: int) -> None:
    """A change to release: the briefing's title."""
    store = project.store
    briefing = store.load_briefing(store.briefing_path("topic-000"))
    store.save_briefing(briefing.replace(title=f"Topic 000, update {n}"))


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(code: Path, project: Path, *args: str) -> Timing:
    """Wall and CPU seconds of ``briefgen ARGS`` run from ``code`` in a fresh process (CPU:
    the process and its workers; steadier than wall time on a shared machine)."""
    env = {**os.environ, "PYTHONPATH": str(code), "NO_MKDOCS_2_WARNING": "1"}
    cpu = _cpu()
    start = time.perf_counter()
    proc = subprocess.run(  # cwd: not a checkout, so that PYTHONPATH decides what is imported
        [sys.executable, "-m", "briefgen", "-C", str(project), *args],
        cwd=project,
        env=env,
        check=False,
        capture_output=True,
        text=True,
    )
    took = Timing(time.perf_counter() - start, _cpu() - cpu)
    if proc.returncode:
        raise SystemExit(f"briefgen {' '.join(args)} failed: {proc.stderr}")
    return took


def folder_bytes(folder: Path) -> int:
    """Bytes of the regular files under ``folder`` (links not followed)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def one_more(code: Path, old: int, articles: int, repeat: int) -> None:
    """Print the cold build of ``old`` editions and release + build of ``repeat`` more."""
    project = make_project(WORK / f"old-{old}", old, articles)
    cold = timed(code, project.root, "build", "--quiet")
    print(f"{old:3d} old editions: cold build {cold}", flush=True)
    for r in range(repeat):
        retitle(project, old + r + 1)
        rel = timed(code, project.root, "release")
        build = timed(code, project.root, "build", "--quiet")
        print(f"    one more: release {rel}; build {build}; both {rel + build}", flush=True)
    site = project.root / "site"
    if code == ROOT:
        print(f"    {plan_cost(project)}", flush=True)
    newest = max(
        (p for p in site.iterdir() if p.is_dir() and p.name[:1].isdigit()),
        key=lambda p: p.stat().st_mtime,
    )
    print(
        f"    latest/ {folder_bytes(site / 'latest'):,} bytes; newest edition "
        f"{folder_bytes(newest):,} bytes",
        flush=True,
    )


def plan_cost(project: Project) -> str:
    """CPU of planning a build (and making its feeds) here, without and with the facts cache the
    last build left: the part of a build that used to grow with the old editions."""
    from briefgen.publish.editions import plan_editions
    from briefgen.publish.feeds import editions_feed, topic_feeds
    from briefgen.publish.links import SiteLinks
    from briefgen.publish.site import last_build

    links = SiteLinks("Bench", "", True)
    out = []
    for label, cache in (("no cache", {}), ("cached", last_build(project.root / "site").cache)):
        start = time.process_time()
        plan = plan_editions(project.store, cache)
        editions_feed(plan, links)
        topic_feeds(plan, links)
        out.append(f"{label} {time.process_time() - start:.3f} s")
    return "plan + feeds CPU: " + ", ".join(out)


def cold_jobs(editions: int, articles: int) -> None:
    """Print a cold build of ``editions`` editions with one job and with two."""
    project = make_project(WORK / f"cold-{editions}", editions, articles)
    for jobs in (1, 2, 1, 2):
        shutil.rmtree(project.root / "site", ignore_errors=True)
        took = timed(ROOT, project.root, "build", "--quiet", "--jobs", str(jobs))
        print(f"cold build of {editions} editions, --jobs {jobs}: {took}", flush=True)


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--articles", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--cold", type=int, default=0)
    parser.add_argument("--code", type=Path, default=ROOT)
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    print(f"code: {args.code.resolve()}")
    for old in args.old:
        one_more(args.code.resolve(), old, args.articles, args.repeat)
    if args.cold:
        cold_jobs(args.cold, args.articles)


if __name__ == "__main__":
    main()
