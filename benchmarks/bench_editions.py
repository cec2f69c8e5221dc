"""Benchmark: site bytes of 1 and 30 daily editions, and what one more edition costs to build.

A seeded generated topic (benchmarks/corpus.py: realistic news pages, 15-40 sentences each) of
ARTICLES pages is ingested, summarized, released and built as the README shows, each step a
separate ``briefgen`` process; then, DAYS - 1 times, one new page a day is ingested, summarized,
released and built. Measured:

- the site's bytes after the first and after the last edition, as every file's size summed (what
  a host that uploads a tar or an artifact stores) and on disk (each inode once);
- the wall and CPU time of ``briefgen build`` for the 2nd edition (1 old edition) and for the last
  one (DAYS - 1 old editions), and every day's in between; the CPU time of ``release``;
- where the bytes are after the last edition: the site root's shared folders, every edition
  folder together, and per path inside the newest edition and the oldest one.

``--full-editions N`` / ``--keep N`` set those plugin options in mkdocs.yml (default: as
``briefgen init`` leaves them, so the defaults are measured).

Targets (issue 15): DAYS = 30 editions < 3 x the bytes of one; the build of one more edition does
not grow with the number of old ones. Usage::

    python -m benchmarks.bench_editions [--articles 200] [--days 30] [--seed 15]
    python -m benchmarks.bench_editions --briefgen-path /path/to/other/checkout  # compare
    python -m benchmarks.bench_editions --keep 10  # with keep_editions: 10

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


def breakdown(site: Path, editions: list[str]) -> dict[str, int]:
    """Bytes by place: each shared root entry, ``<editions>`` (every edition folder), and, for
    the newest and the oldest edition, each file or first-level folder inside it."""
    out: dict[str, int] = {}
    ids = set(editions)
    for entry in sorted(site.iterdir()):
        if entry.name.startswith("."):
            continue
        size = site_bytes(entry)[0] if entry.is_dir() else entry.stat().st_size
        key = "<editions>" if entry.name in ids else entry.name
        out[key] = out.get(key, 0) + size
    for label, eid in (("newest", editions[-1]), ("oldest", editions[0])):
        folder = site / eid
        for entry in sorted(folder.iterdir()) if folder.is_dir() else []:
            is_data = entry.is_dir() and entry.name == "data"
            for part in sorted(entry.iterdir()) if is_data else [entry]:
                size = site_bytes(part)[0] if part.is_dir() else part.stat().st_size
                out[f"{label}/{part.relative_to(folder).as_posix()}"] = size
    return out


def _options(project: Path, options: dict[str, int]) -> None:
    """Set briefgen plugin options in the project's mkdocs.yml."""
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "  - briefgen:\n" in text
    lines = "".join(f"      {k}: {v}\n" for k, v in options.items())
    config.write_text(text.replace("  - briefgen:\n", "  - briefgen:\n" + lines), "utf-8")


def _briefgen(project: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "briefgen", "-C", str(project), *args]


def run(
    articles: int, days: int, seed: int, work: Path, options: dict[str, int] | None = None
) -> dict[str, object]:
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
    if options:
        _options(project, options)
    builds: list[float] = []
    build_cpu: list[float] = []
    release_cpu: list[float] = []
    sizes: list[tuple[int, int]] = []
    for day in range(days):
        folder = pages / f"day{day:02d}"
        folder.mkdir(parents=True)
        for n in range(articles if day == 0 else 1):
            text, _ = page(topic, n + day * 100_000, rng, real)
            (folder / f"{topic.slug}-{day:02d}-{n:05d}.txt").write_text(text, "utf-8")
        for step in (("ingest", str(folder)), ("summarize", "--quiet")):
            run_process(_briefgen(project, *step), project)
        release_cpu.append(run_process(_briefgen(project, "release"), project).cpu)
        built = run_process(_briefgen(project, "build", "--quiet"), project)
        builds.append(built.wall)
        build_cpu.append(built.cpu)
        sizes.append(site_bytes(project / "site"))
        print(
            f"edition {day + 1:2d}: build {builds[-1]:6.2f} s ({build_cpu[-1]:.2f} s CPU), "
            f"release {release_cpu[-1]:.2f} s CPU, site {sizes[-1][0] / 1e6:7.1f} MB",
            flush=True,
        )
    versions = json.loads((project / "site" / "versions.json").read_text("utf-8"))
    editions = [v["version"] for v in reversed(versions)]  # oldest first
    return {
        "machine": machine(),
        "date": dt.date.today().isoformat(),
        "articles": articles,
        "days": days,
        "seed": seed,
        "briefgen": os.environ.get("PYTHONPATH", ""),
        "options": options or {},
        "build_s": builds,
        "build_cpu_s": build_cpu,
        "release_cpu_s": release_cpu,
        "site_bytes": sizes,
        "breakdown": breakdown(project / "site", editions),
    }


def summary(result: dict[str, object]) -> str:
    """The figures as a few lines of text."""
    builds = result["build_s"]
    sizes = result["site_bytes"]
    assert isinstance(builds, list) and isinstance(sizes, list)
    one, last = sizes[0], sizes[-1]
    days = len(sizes)
    mid = sorted(builds[1:])
    cpu = result.get("build_cpu_s") or [0.0] * days
    rel = result.get("release_cpu_s") or [0.0] * days
    parts = result.get("breakdown") or {}
    assert isinstance(cpu, list) and isinstance(rel, list) and isinstance(parts, dict)
    return "\n".join(
        [
            f"{result['machine']}; {result['date']}",
            f"{result['articles']}-article topic, {days} daily editions (+1 article a day)",
            f"site after 1 edition:   {one[0] / 1e6:7.1f} MB ({one[1] / 1e6:.1f} MB on disk)",
            f"site after {days} editions: {last[0] / 1e6:7.1f} MB ({last[1] / 1e6:.1f} MB on disk)"
            f"  = {last[0] / one[0]:.2f} x one edition (target < 3)",
            f"build of edition 1 (cold): {builds[0]:.2f} s; edition 2: {builds[1]:.2f} s; "
            f"edition {days}: {builds[-1]:.2f} s; editions 2-{days}: {mid[0]:.2f}-{mid[-1]:.2f} s",
            f"build CPU: edition 2 {cpu[1]:.2f} s, last 5 {', '.join(f'{c:.2f}' for c in cpu[-5:])}"
            f" s; release CPU: edition 2 {rel[1]:.2f} s, last {rel[-1]:.2f} s",
            f"options: {result.get('options') or 'defaults'}",
            "bytes after the last edition:",
            *(f"  {k:32s} {v / 1e6:8.3f} MB" for k, v in parts.items()),
        ]
    )


def main(argv: list[str] | None = None) -> None:
    """Parse the options, run, print and save the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--work", type=Path, default=WORK)
    parser.add_argument("--keep", type=int, help="keep_editions in mkdocs.yml")
    parser.add_argument("--full-editions", type=int, help="full_editions in mkdocs.yml")
    parser.add_argument(
        "--briefgen-path", type=Path, help="run the briefgen found here (PYTHONPATH of each step)"
    )
    args = parser.parse_args(argv)
    if args.briefgen_path is not None:
        os.environ["PYTHONPATH"] = str(args.briefgen_path.resolve())
    options = {
        k: v
        for k, v in (("keep_editions", args.keep), ("full_editions", args.full_editions))
        if v is not None
    }
    result = run(args.articles, max(2, args.days), args.seed, args.work, options)
    text = summary(result)
    print(text)
    (args.work / "results.json").write_text(json.dumps(result, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
