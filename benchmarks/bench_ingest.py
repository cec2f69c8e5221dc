"""Ingest throughput: synthetic scraped-text and HTML pages through the full ``ingest`` path.

Run: ``python benchmarks/bench_ingest.py [--text N] [--html N]``. Pages are generated
deterministically (news-like sentences with quotes, numbers and abbreviations, plus menus, share
rows, newsletter boxes, captions, related-story lists and a stated date), written to a temporary
folder, and ingested into a scaffolded temporary project with ``ingest_sources`` -- reading,
decoding, cleaning, sentence splitting, topic matching, duplicate checks, dating and atomic
writes all included. Targets (issue 3): >= 200 text and >= 50 HTML articles/s on one core.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
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
    project.store.save_topics([Topic(slug="ports", title="Ports", keywords=("strike", "port"))])
    start, cpu = time.perf_counter(), time.process_time()
    report = ingest_sources(project, [str(src)], IngestOptions(topic="ports"))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - start
    assert report.count("ingested") == count, report.summary
    return count / cpu, count / wall


def main() -> None:
    """Run both benchmarks and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text", type=int, default=1000, help="text pages (default 1000)")
    parser.add_argument("--html", type=int, default=300, help="HTML pages (default 300)")
    args = parser.parse_args()
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
