"""Run the documented pipeline (init, ingest, summarize, build) on a generated corpus and measure
each stage as its own process; compare ``briefgen build`` with a bare ``mkdocs build``."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from benchmarks.corpus import topics_yaml, write_corpus

STAGES = ("ingest", "summarize", "build")
MARK_START = "<!-- python -m benchmarks: start -->"
MARK_END = "<!-- python -m benchmarks: end -->"


@dataclass(frozen=True)
class Timing:
    """One process: wall and CPU seconds, peak resident memory (its own and its children's)."""

    wall: float
    cpu: float
    rss_mb: float
    load: float = 0.0
    """The machine's one-minute load average when the process started (0 where unknown)."""


@dataclass
class Run:
    """One pass of the pipeline at one size."""

    size: int
    topics: int
    stages: dict[str, Timing] = field(default_factory=dict)
    pages: int = 0
    site_bytes: int = 0
    site_folders: dict[str, int] = field(default_factory=dict)
    """Bytes per top-level folder of site/ (the editions, ``sources``, ``assets``, ...)."""
    paired_build: Timing | None = None
    paired_bare: Timing | None = None


def run_process(cmd: list[str], cwd: Path) -> Timing:
    """Run ``cmd`` to completion; its wall time, CPU time and peak RSS (``wait4``'s rusage of
    that child, which covers the worker processes it waited for)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: see as_installed()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{err[-3000:]}")
    rss_kb = usage.ru_maxrss  # kilobytes on Linux
    return Timing(wall, usage.ru_utime + usage.ru_stime, rss_kb / 1024, load)


def as_installed() -> None:
    """Compile briefgen's modules to bytecode, as ``pip install`` does for every package: with a
    source checkout on a machine that sets ``PYTHONDONTWRITEBYTECODE`` every briefgen process
    (not MkDocs', whose packages were installed compiled) would compile its ~120 modules first,
    which no user pays. The stage processes run without that variable for the same reason."""
    import compileall

    import briefgen

    compileall.compile_dir(Path(briefgen.__file__).parent, quiet=1)


def _briefgen(project: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "briefgen", "-C", str(project), *args]


def folder_bytes(folder: Path) -> int:
    """Bytes of the regular files under ``folder`` (symbolic links not followed)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def make_bare(project: Path, bare: Path) -> int:
    """The Markdown ``briefgen build`` renders for the working edition, as a plain MkDocs
    project (same theme, nav and CSS, the search plugin, no briefgen plugin); its page count."""
    from benchmarks.bench_build import make_bare as dump
    from briefgen.app.project import Project

    dump(Project.load(project), bare)
    return sum(1 for _ in (bare / "docs").rglob("*.md"))


def run_once(size: int, index: int, corpus: Path, made_yaml: str, topics: int, work: Path) -> Run:
    """Init a project, then ingest, summarize and build it, each a separate timed process."""
    project = work / f"run{index}"
    shutil.rmtree(project, ignore_errors=True)
    subprocess.run(
        [sys.executable, "-m", "briefgen", "init", str(project), "--title", "Benchmark"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    (project / "content" / "topics.yaml").write_text(made_yaml, "utf-8")
    run = Run(size, topics)
    run.stages["ingest"] = run_process(_briefgen(project, "ingest", str(corpus)), project)
    run.stages["summarize"] = run_process(_briefgen(project, "summarize", "--quiet"), project)
    run.stages["build"] = run_process(_briefgen(project, "build", "--quiet"), project)
    run.site_bytes = folder_bytes(project / "site")
    site = project / "site"
    run.site_folders = {p.name: folder_bytes(p) for p in sorted(site.iterdir()) if p.is_dir()}
    bare = work / f"bare{index}"
    shutil.rmtree(bare, ignore_errors=True)
    run.pages = make_bare(project, bare)
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(bare / "mkdocs.yml")]

    def cold_build() -> Timing:
        shutil.rmtree(project / "site")
        return run_process(_briefgen(project, "build", "--quiet"), project)

    # interleaved: the order alternates between runs so a drift in machine speed hits both
    if index % 2:
        run.paired_bare = run_process(mkdocs, bare)
        run.paired_build = cold_build()
    else:
        run.paired_build = cold_build()
        run.paired_bare = run_process(mkdocs, bare)
    return run


def run_size(
    size: int,
    runs: int,
    seed: int,
    work: Path,
    data: Path | None,
    after_each: Callable[[list[Run]], None] = lambda _: None,
) -> list[Run]:
    """``runs`` passes of the pipeline over one generated corpus of ``size`` pages
    (``after_each`` gets the runs so far after each one)."""
    folder = work / f"size-{size}"
    shutil.rmtree(folder, ignore_errors=True)
    made = write_corpus(folder / "corpus", size, seed, data)
    done: list[Run] = []
    for i in range(runs):
        done.append(run_once(size, i, folder / "corpus", topics_yaml(made), len(made), folder))
        after_each(done)
    return done


def _span(values: list[float], fmt: str = "{:.1f}") -> str:
    lo, hi = min(values), max(values)
    return (
        fmt.format(lo) if fmt.format(lo) == fmt.format(hi) else f"{fmt.format(lo)}–{fmt.format(hi)}"
    )


def machine(load: bool = True) -> str:
    """One line describing the machine and interpreter (and its load now, with ``load``)."""
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    now = f", load average {os.getloadavg()[0]:.1f} at start" if hasattr(os, "getloadavg") else ""
    return (
        f"{os.cpu_count()} CPUs ({cpu}){mem}; {platform.system()} {platform.release()}; "
        f"CPython {platform.python_version()}{now if load else ''}"
    )


def report(
    results: dict[int, list[Run]], runs: int, seed: int, when: dt.datetime, live: bool = True
) -> str:
    """The RESULTS.md section: the machine, the date, ranges over the runs."""
    lines = [
        MARK_START,
        "## End to end (issue 16) — `python -m benchmarks`",
        "",
        f"- **Machine:** {machine(live)}.",
        f"- **Date:** {when:%Y-%m-%d %H:%M} UTC; {runs} run(s) per size, corpus seed {seed}; "
        "ranges are min–max over the runs.",
        "- Each stage is one process, run as the README shows: `briefgen ingest corpus/` (every "
        "topic in one call, topics matched by keyword), `briefgen summarize --quiet`, "
        "`briefgen build --quiet` into an empty site/. Peak RSS is the largest of the stages "
        "(its workers included).",
        "",
        "| Articles / topics | Pages | ingest (s) | summarize (s) | build (s) | pipeline (s) "
        "| ingest articles/s | peak RSS (MB) | site (MB) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for size, done in sorted(results.items()):
        total = [sum(r.stages[s].wall for s in STAGES) for r in done]
        rate = [size / r.stages["ingest"].wall for r in done]
        rss = [max(r.stages[s].rss_mb for s in STAGES) for r in done]
        cells = [
            f"{size:,} / {done[0].topics}",
            f"{done[0].pages:,}",
            *(_span([r.stages[s].wall for r in done]) for s in STAGES),
            _span(total),
            _span(rate, "{:.0f}"),
            _span(rss, "{:.0f}"),
            _span([r.site_bytes / 1e6 for r in done]),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "CPU seconds (user + system, the stage's process and its workers) — steadier than wall "
        "time on a shared machine:",
        "",
        "| Articles | ingest | summarize | build | pipeline | load average at the stages' start |",
        "|---|---|---|---|---|---|",
    ]
    for size, done in sorted(results.items()):
        cpu = [sum(r.stages[s].cpu for s in STAGES) for r in done]
        cells = [f"{size:,}", *(_span([r.stages[s].cpu for r in done]) for s in STAGES)]
        load = _span([r.stages[s].load for r in done for s in STAGES])
        lines.append("| " + " | ".join([*cells, _span(cpu), load]) + " |")
    lines += ["", "Site bytes by top-level folder of the last run (MB, largest first):", ""]
    for size, done in sorted(results.items()):
        folders = done[-1].site_folders
        if folders:
            big = sorted(folders.items(), key=lambda kv: (-kv[1], kv[0]))
            text = ", ".join(f"`{name}/` {n / 1e6:.1f}" for name, n in big)
            lines.append(f"- {size:,} articles: {text}")
    lines += [
        "",
        "`briefgen build` (cold, one edition) against a bare `mkdocs build` of the same Markdown "
        "(same theme, nav and CSS, search plugin, no briefgen plugin), run interleaved:",
        "",
        "| Articles | briefgen build (s) | bare mkdocs (s) | ratio, wall | ratio, CPU |",
        "|---|---|---|---|---|",
    ]
    for size, done in sorted(results.items()):
        pairs = [(r.paired_build, r.paired_bare) for r in done if r.paired_build and r.paired_bare]
        cells = [
            f"{size:,}",
            _span([b.wall for b, _ in pairs]),
            _span([m.wall for _, m in pairs]),
            _span([b.wall / m.wall for b, m in pairs], "{:.2f}×"),
            _span([b.cpu / m.cpu for b, m in pairs], "{:.2f}×"),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", MARK_END]
    return "\n".join(lines) + "\n"


def write_results(path: Path, section: str) -> None:
    """Replace this benchmark's section of ``path`` (or append it); other sections stay."""
    text = path.read_text("utf-8") if path.exists() else "# Benchmark results\n"
    if MARK_START in text and MARK_END in text:
        head, rest = text.split(MARK_START, 1)
        tail = rest.split(MARK_END, 1)[1].lstrip("\n")
        text = head + section + ("\n" + tail if tail else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, "utf-8")


def load_raw(path: Path) -> dict[int, list[Run]]:
    """The measurements :func:`save_raw` wrote."""
    out: dict[int, list[Run]] = {}
    for size, done in json.loads(path.read_text("utf-8")).items():
        runs = []
        for r in done:
            pair = {k: Timing(**r[k]) if r[k] else None for k in ("paired_build", "paired_bare")}
            stages = {k: Timing(**v) for k, v in r["stages"].items()}
            run = Run(r["size"], r["topics"], stages, r["pages"], r["site_bytes"], **pair)
            run.site_folders = dict(r.get("site_folders", {}))
            runs.append(run)
        out[int(size)] = runs
    return out


def save_raw(path: Path, results: dict[int, list[Run]]) -> None:
    """Every measurement, as JSON."""
    raw = {str(size): [asdict(r) for r in done] for size, done in results.items()}
    path.write_text(json.dumps(raw, indent=1, sort_keys=True) + "\n", "utf-8")
