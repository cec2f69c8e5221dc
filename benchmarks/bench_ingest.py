"""Ingest throughput: synthetic scraped-text and HTML pages through the full ``ingest`` path,
and real news text through the command line on every core.

Run: ``python -m benchmarks.bench_ingest [--text N] [--html N] [--real N] [--jobs 1 2]
[--startup]``. ``--startup`` times ``briefgen --version``, ``briefgen ingest --help``, a
one-file ``briefgen ingest`` into a fresh project, then ``summarize`` (up to date, and
``--force``), ``check`` and ``diff`` of that one-article project, and the floors under them
(minimum of 5 runs after a warm-up, bytecode written as in users' installs, wall and CPU seconds).
``--real N`` writes N Timeline17 development articles (detokenized, a headline and a stated date
added, three sentences a paragraph, one folder per collection) and ingests them with one
``briefgen ingest --into SLUG DIR ...`` call per ``--jobs`` value, reporting articles per second
of wall time and per CPU second (the command and its workers). Synthetic pages are generated
deterministically (news-like sentences with quotes, numbers and abbreviations, plus menus, share
rows, newsletter boxes, captions, related-story lists and a stated date), written to a temporary
folder, and ingested into a scaffolded temporary project with ``ingest_sources`` -- reading,
decoding, cleaning, sentence splitting, topic matching, duplicate checks, dating and atomic
writes all included. Targets (issue 3): >= 200 text and >= 50 HTML articles/s on one core.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

from briefgen.app.ingest import IngestOptions, ingest_sources
from briefgen.app.project import Project
from briefgen.model import Topic
from briefgen.scaffold import init_project

SUBJECTS = [
    "The minister",
    "Officials",
    "The council",
    "Rescue teams",
    "The union",
    "Analysts",
    "Residents",
    "The central bank",
    "Negotiators",
    "Mr. Okafor",
    "The U.S. envoy",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
VERBS = ["said", "warned", "confirmed", "announced", "reported", "argued", "insisted"]
OBJECTS = [
    "the talks would resume next week",
    "prices had risen by 3.5 percent",
    "the bridge would reopen in the spring",
    "more than 2,000 people were affected",
    "a deal was close",
    "the strike would continue",
    "the harvest had failed",
    "the port was closed for repairs",
    "aid convoys had reached the border",
]
NOISE = ["Menu", "Search", "Sign in", "Share this article", "Advertisement", "Facebook",
         "Sign up for our newsletter to get the latest news in your inbox.", "Related stories",
         "Photo: Jane Roe/Reuters", "Tags: politics, economy", "5 min read"]  # fmt: skip


SYLLABLES = ["ka", "ri", "mo", "ven", "tal", "sor", "bel", "du", "nar", "esk", "lo", "mi"]


def place(rng: random.Random) -> str:
    """A made-up place name, so that articles differ as real ones do."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def speaker(rng: random.Random) -> str:
    """A subject as it reads after a quote ("the minister", "Mr. Okafor")."""
    who = rng.choice(SUBJECTS)
    return who[0].lower() + who[1:] if who.split()[0] in ("The", "Officials", "Residents") else who


def sentence(rng: random.Random) -> str:
    """One news-like sentence; some quoted, some with numbers and abbreviations."""
    s = (
        f"{rng.choice(SUBJECTS)} in {place(rng)} {rng.choice(VERBS)} on "
        f"{rng.choice(DAYS)} that {rng.choice(OBJECTS)}."
    )
    if rng.random() < 0.2:
        s = f"“{rng.choice(OBJECTS).capitalize()},” {speaker(rng)} said."
    return s


def page(rng: random.Random, n: int) -> tuple[str, list[str]]:
    """A title and paragraphs of one synthetic article."""
    title = f"Report number {n} on the strike at the port and the talks"
    paras = [" ".join(sentence(rng) for i in range(rng.randint(2, 4)))
             for p in range(8)]  # fmt: skip
    return title, paras


def text_page(rng: random.Random, n: int) -> str:
    """Scraped text with menus, a date line, share rows and a related list."""
    title, paras = page(rng, n)
    top = rng.sample(NOISE, 3)
    lines = [*top, title, f"Published on {1 + n % 28} October 2025", *paras]
    lines.insert(6, rng.choice(NOISE))
    lines += ["Related stories", "Another headline about something", "Comments are closed."]
    return "\n\n".join(lines) + "\n"


def html_page(rng: random.Random, n: int) -> str:
    """An HTML article page with navigation, a figure, share links and an aside."""
    title, paras = page(rng, n)
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} | Wire</title>'
        f'<meta property="article:published_time" content="2025-10-{1 + n % 28:02d}">'
        f'<meta property="og:site_name" content="Wire"></head><body><nav><a href="/">Home</a>'
        f'<a href="/w">World</a></nav><article><h1>{title}</h1><p class="byline">By A. Writer</p>'
        f"{body}<figure><figcaption>Photo: Jane Roe/Reuters</figcaption></figure>"
        f'<div class="share">Share on Facebook</div></article><aside><h3>Related</h3><ul>'
        f'<li><a href="/a">Other story</a></li></ul></aside><footer>© 2025 Wire</footer>'
        "</body></html>"
    )


def run(kind: str, count: int, tmp: Path) -> tuple[float, float]:
    """Ingest ``count`` pages of one kind; return articles per CPU second and per wall second.

    CPU time (``time.process_time``) is what one dedicated core would take: the run is
    single-threaded, and on a shared machine wall time also counts other people's jobs."""
    rng = random.Random(42)
    src = tmp / f"src-{kind}"
    src.mkdir()
    for n in range(count):
        text = text_page(rng, n) if kind == "text" else html_page(rng, n)
        (src / f"{n:05d}.{'txt' if kind == 'text' else 'html'}").write_text(text, "utf-8")
    init_project(tmp / f"proj-{kind}", title="Bench")
    project = Project.load(tmp / f"proj-{kind}")
    project.store.save_topics(
        [Topic.validate(dict(slug="ports", title="Ports", keywords=("strike", "port")))]
    )
    start, cpu = time.perf_counter(), time.process_time()
    report = ingest_sources(project, [str(src)], IngestOptions(topic="ports"))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - start
    assert report.count("ingested") == count, report.summary
    return count / cpu, count / wall


def real_pages(data: Path, count: int, out: Path) -> list[str]:
    """Up to ``count`` Timeline17 articles as scraped text pages in ``out/<collection>/``, taken
    in turn from each collection; returns the collection folders' names (the topics)."""
    from briefgen.timeline.dataset import detokenize

    collections = sorted(p for p in data.iterdir() if (p / "articles.jsonl").is_file())
    rows = {c.name: (c / "articles.jsonl").read_text("utf-8").splitlines() for c in collections}
    made = 0
    for i in range(max((len(r) for r in rows.values()), default=0)):
        for name, lines in rows.items():
            if made >= count or i >= len(lines) or not lines[i].strip():
                continue
            row = json.loads(lines[i])
            sents = [detokenize(s) for s in row["text"].split("\n") if s.strip()]
            if len(sents) < 3:
                continue
            day = time.strptime(row["time"][:10], "%Y-%m-%d")
            paras = [" ".join(sents[j : j + 3]) for j in range(0, len(sents), 3)]
            head = " ".join(sents[0].split()[:12])
            stated = f"Published on {day.tm_mday} {time.strftime('%B %Y', day)}"
            folder = out / name.lower().replace("_", "-")
            folder.mkdir(parents=True, exist_ok=True)
            text = "\n\n".join([head, stated, *paras]) + "\n"
            (folder / f"{i:04d}.txt").write_text(text, "utf-8")
            made += 1
    return sorted(p.name for p in out.iterdir())


def run_real(data: Path, count: int, jobs: list[int], tmp: Path) -> None:
    """Ingest ``count`` real articles through the CLI once per ``jobs`` value, as an installed
    briefgen runs (bytecode present); print rates."""
    pages = tmp / "real"
    slugs = real_pages(data, count, pages)
    total = sum(1 for _ in pages.rglob("*.txt"))
    yaml = "topics:\n" + "".join(f"  - slug: {s}\n    title: {s}\n" for s in slugs)
    into = [a for s in slugs for a in ("--into", s, str(pages / s))]
    from benchmarks.pipeline import as_installed

    as_installed()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: see as_installed()
    for n in jobs:
        project = tmp / f"real-{n}"
        init_project(project, title="Bench")
        (project / "content" / "topics.yaml").write_text(yaml, "utf-8")
        cmd = [sys.executable, "-m", "briefgen", "-C", str(project), "ingest", "--jobs", str(n)]
        start = time.perf_counter()
        out = subprocess.DEVNULL
        proc = subprocess.Popen([*cmd, *into], env=env, stdout=out, stderr=out)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        cpu = usage.ru_utime + usage.ru_stime
        print(
            f"real text, --jobs {n}: {total} articles in {wall:.1f} s: {total / wall:.0f}/s wall, "
            f"{total / cpu:.0f} per CPU second (exit {os.waitstatus_to_exitcode(status)})"
        )


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


_SPY = """\
import json, re, runpy, sys
import briefgen.cli
compile_, seen = re._compile, {}
def spy(pattern, flags):
    frame = sys._getframe(1)
    while frame is not None and frame.f_globals.get("__name__", "").split(".")[0] == "re":
        frame = frame.f_back
    caller = frame.f_globals.get("__name__", "") if frame is not None else ""
    if isinstance(pattern, str) and caller.split(".")[0] in ("briefgen", "pysbd"):
        seen.setdefault((pattern, int(flags)), None)
    return compile_(pattern, flags)
re._compile = spy
sys.argv = ["briefgen", *sys.argv[2:]]
try:
    runpy.run_module("briefgen", run_name="__main__")
finally:
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(list(seen), f)
"""
"""Runs a command in-process and writes the regular expressions that briefgen's and pysbd's code
compiled (after the command line's imports) to the file named by ``OUT``."""

_LIBS = (
    "import argparse, bisect, datetime, hashlib, json, logging, pathlib, re, signal, typing, "
    "unicodedata, yaml, yaml_env_tag, msgspec, pysbd"
)
"""What a one-file ingest imports outside briefgen: the standard library's modules it uses, the
command line (argparse), PyYAML with MkDocs' ``!ENV`` constructor, the data model (msgspec) and
the sentence splitter (pysbd)."""

_STRUCT = "\nclass M(msgspec.Struct):\n    x: int\nmsgspec.convert({'x': 1}, M)\n"


def _compile_all(listing: Path) -> str:
    """Code compiling every pattern written to ``listing`` by :data:`_SPY`."""
    return (
        "import json, re\n"
        f"for p, f in json.load(open({str(listing)!r}, encoding='utf-8')): re.compile(p, f)\n"
    )


def _ingest_patterns(env: dict[str, str], project: Path, page: Path, tmp: Path) -> Path:
    """The regular expressions a one-file ingest compiles in briefgen's and pysbd's code."""
    listing = tmp / "patterns.json"
    shutil.rmtree(project / "content" / "articles", ignore_errors=True)
    code = _SPY.replace("OUT", repr(str(listing)))
    subprocess.run(
        [sys.executable, "-c", code, "-", "ingest", "--topic", "x", str(page)],
        cwd=project,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return listing


def run_startup(tmp: Path, runs: int = 5) -> None:
    """Minimum wall and CPU seconds of short commands, each a fresh process, with bytecode
    written and a warm-up run first (as users' installs have it); print them."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # users' installs have bytecode
    page = tmp / "one.txt"
    page.write_text(
        "Talks resume in Geneva\n\nPublished on 3 March 2024\n\nNegotiators met on Monday in "
        "Geneva. The minister said talks would resume next week.\n",
        "utf-8",
    )
    project = tmp / "one"
    init_project(project, title="Bench")
    (project / "content" / "topics.yaml").write_text(
        "topics:\n  - slug: x\n    title: X\n", "utf-8"
    )
    listing = _ingest_patterns(env, project, page, tmp)
    count = len(json.loads(listing.read_text("utf-8")))
    commands = {
        "briefgen --version": ["--version"],
        "briefgen ingest --help": ["ingest", "--help"],
        "one-file briefgen ingest": ["ingest", "--topic", "x", str(page)],
        # the article is re-ingested with the same bytes each run: its briefing is up to date
        "briefgen summarize (1 article, up to date)": ["summarize", "--quiet"],
        "briefgen summarize --force (1 article)": ["summarize", "--quiet", "--force"],
        "briefgen check (1 article)": ["check"],
        "briefgen diff (1 briefing, folder vs itself)": ["diff", ".", "."],
        # the floors: the interpreter; the libraries a one-file ingest imports (no briefgen
        # module), with one msgspec Struct defined and decoded into; the same libraries and the
        # regular expressions briefgen's and pysbd's code compile in that ingest
        "floor: python -c pass": ["-c", "pass"],
        "floor: the libraries a one-file ingest imports, 1 msgspec Struct": [
            "-c",
            _LIBS + _STRUCT,
        ],
        f"floor: the same libraries + the {count} regexes a one-file ingest compiles": [
            "-c",
            _LIBS + "\n" + _compile_all(listing),
        ],
    }
    best: dict[str, tuple[float, float]] = {}
    for run in range(runs + 1):  # run 0 warms up (writes bytecode); not counted
        for label, args in commands.items():
            if label.startswith("one-file"):
                shutil.rmtree(project / "content" / "articles", ignore_errors=True)
            cpu, start = _child_cpu(), time.perf_counter()
            subprocess.run(
                [sys.executable, *(args if args[0] == "-c" else ["-m", "briefgen", *args])],
                cwd=project,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            wall, cpu = time.perf_counter() - start, _child_cpu() - cpu
            if run:
                old = best.get(label, (wall, cpu))
                best[label] = (min(old[0], wall), min(old[1], cpu))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in ("msgspec", "mkdocs"))
    print(f"start-up, minimum of {runs} after a warm-up (load average {load}):")
    print(f"  Python {sys.version.split()[0]}, {versions}")
    for label, (wall, cpu) in best.items():
        print(f"  {label}: {wall:.3f} s wall, {cpu:.3f} s CPU")


def main() -> None:
    """Run the benchmarks asked for and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text", type=int, default=1000, help="text pages (default 1000)")
    parser.add_argument("--html", type=int, default=300, help="HTML pages (default 300)")
    parser.add_argument("--real", type=int, default=0, help="Timeline17 articles (default 0)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="for --real")
    parser.add_argument("--data", type=Path, help="Timeline17 folder (default: found)")
    parser.add_argument("--startup", action="store_true", help="time short commands only")
    args = parser.parse_args()
    if args.startup:
        with tempfile.TemporaryDirectory() as tmp:
            run_startup(Path(tmp))
        return
    if args.real:
        from benchmarks.corpus import find_timeline17

        data = find_timeline17(args.data)
        if data is None:
            parser.error("--real needs the Timeline17 folder (--data)")
        with tempfile.TemporaryDirectory() as tmp:
            run_real(data, args.real, args.jobs, Path(tmp))
        if not (args.text or args.html):
            return
    with tempfile.TemporaryDirectory() as tmp:
        text_rate = run("text", args.text, Path(tmp))
        html_rate = run("html", args.html, Path(tmp))
    for kind, n, (cpu, wall), target in (
        ("text", args.text, text_rate, 200),
        ("html", args.html, html_rate, 50),
    ):
        print(
            f"{kind}: {n} articles, {cpu:.0f} articles/s per CPU second on one core "
            f"({wall:.0f}/s wall clock) -- target >= {target}"
        )


if __name__ == "__main__":
    main()
