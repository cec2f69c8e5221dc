"""Benchmark: site bytes of 1 and 30 daily editions, and what one more edition costs to build.

A seeded generated topic (benchmarks/corpus.py: realistic news pages, 15-40 sentences each) of
ARTICLES pages is ingested, summarized, released and built as the README shows, each step a
separate ``briefgen`` process; then, DAYS - 1 times, one new page a day is ingested, summarized,
released and built. Measured:

- the site's bytes after the first and after the last edition, as every file's size summed (what
  a host that uploads a tar or an artifact stores) and on disk (each inode once);
- the wall time of ``briefgen build`` for the 2nd edition (1 old edition) and for the last one
  (DAYS - 1 old editions), and every day's in between.

Targets (issue 15): DAYS = 30 editions < 3 x the bytes of one; the build of one more edition does
not grow with the number of old ones. Usage::

    python -m benchmarks.bench_editions [--articles 200] [--days 30] [--seed 15]
    python -m benchmarks.bench_editions --briefgen-path /path/to/other/checkout  # compare

Work files go to benchmarks/.work/editions/ (git-ignored); the figures are printed and written
as JSON there.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks.corpus import find_timeline17, page, real_sentences, topics, topics_yaml
from benchmarks.pipeline import machine, run_process

WORK = Path(__file__).resolve().parent / ".work" / "editions"


def site_bytes(site: Path) -> tuple[int, int]:
    """``(apparent, on disk)``: every regular file's size summed, and each inode counted once
    (hard links); dot-files (the build state) left out."""
    apparent = 0
    inodes: dict[tuple[int, int], int] = {}
    for path in site.rglob("*"):
        if path.name.startswith(".") or path.is_symlink() or not path.is_file():
            continue
        st = path.stat()
        apparent += st.st_size
        inodes[(st.st_dev, st.st_ino)] = st.st_size
    return apparent, sum(inodes.values())


def _briefgen(project: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "briefgen", "-C", str(project), *args]


def run(articles: int, days: int, seed: int, work: Path) -> dict[str, object]:
    """Build ``days`` daily editions; return the measurements."""
    rng = random.Random(seed)
    real = real_sentences(find_timeline17())
    (topic,) = topics(1, rng)
    shutil.rmtree(work, ignore_errors=True)
    project, pages = work / "project", work / "pages"
    subprocess.run(
        [sys.executable, "-m", "briefgen", "init", str(project), "--title", "Editions"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    (project / "content" / "topics.yaml").write_text(topics_yaml([topic]), "utf-8")
    builds: list[float] = []
    sizes: list[tuple[int, int]] = []
    for day in range(days):
        folder = pages / f"day{day:02d}"
        folder.mkdir(parents=True)
        for n in range(articles if day == 0 else 1):
            text, _ = page(topic, n + day * 100_000, rng, real)
            (folder / f"{topic.slug}-{day:02d}-{n:05d}.txt").write_text(text, "utf-8")
        for step in (("ingest", str(folder)), ("summarize", "--quiet"), ("release",)):
            run_process(_briefgen(project, *step), project)
        builds.append(run_process(_briefgen(project, "build", "--quiet"), project).wall)
        sizes.append(site_bytes(project / "site"))
        print(f"edition {day + 1:2d}: build {builds[-1]:6.2f} s, site {sizes[-1][0] / 1e6:7.1f} MB")
    return {
        "machine": machine(),
        "date": dt.date.today().isoformat(),
        "articles": articles,
        "days": days,
        "seed": seed,
        "briefgen": os.environ.get("PYTHONPATH", ""),
        "build_s": builds,
        "site_bytes": sizes,
    }


def summary(result: dict[str, object]) -> str:
    """The figures as a few lines of text."""
    builds = result["build_s"]
    sizes = result["site_bytes"]
    assert isinstance(builds, list) and isinstance(sizes, list)
    one, last = sizes[0], sizes[-1]
    days = len(sizes)
    mid = sorted(builds[1:])
    return "\n".join(
        [
            f"{result['machine']}; {result['date']}",
            f"{result['articles']}-article topic, {days} daily editions (+1 article a day)",
            f"site after 1 edition:   {one[0] / 1e6:7.1f} MB ({one[1] / 1e6:.1f} MB on disk)",
            f"site after {days} editions: {last[0] / 1e6:7.1f} MB ({last[1] / 1e6:.1f} MB on disk)"
            f"  = {last[0] / one[0]:.2f} x one edition (target < 3)",
            f"build of edition 1 (cold): {builds[0]:.2f} s; edition 2: {builds[1]:.2f} s; "
            f"edition {days}: {builds[-1]:.2f} s; editions 2-{days}: {mid[0]:.2f}-{mid[-1]:.2f} s",
        ]
    )


def main(argv: list[str] | None = None) -> None:
    """Parse the options, run, print and save the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--work", type=Path, default=WORK)
    parser.add_argument(
        "--briefgen-path", type=Path, help="run the briefgen found here (PYTHONPATH of each step)"
    )
    args = parser.parse_args(argv)
    if args.briefgen_path is not None:
        os.environ["PYTHONPATH"] = str(args.briefgen_path.resolve())
    result = run(args.articles, max(2, args.days), args.seed, args.work)
    text = summary(result)
    print(text)
    (args.work / "results.json").write_text(json.dumps(result, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
