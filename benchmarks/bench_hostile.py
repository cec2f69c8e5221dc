"""Hostile long lines: how long ``ingest`` takes on pages of ONE line, 100 kB to 5 MB.

Run: ``python -m benchmarks.bench_hostile [--sizes 100000,1000000,5000000] [--shapes ...]``.
Each page is one line (no newline inside), written to a temporary folder and ingested into a
scaffolded temporary project with ``ingest_sources`` -- reading, decoding, cleaning, sentence
splitting, topic matching, duplicate checks, dating and the atomic write all included. Shapes:

- ``token``: one word of letters with no space ("Aaaa...a"), the shape that took 80 s at 100 kB;
- ``prose``: news-like sentences with curly quotes, numbers and abbreviations, on one line;
- ``quoted``: the same with straight quotes, which send the whole paragraph to pysbd;
- ``html``: the ``prose`` line as one ``<p>`` of an HTML page (trafilatura first);
- ``singles``: sentences with split possessives and single-quoted words ("Obama 's men said
  'no' ..."), the shape whose single-quote check once compared every piece with every span.

The time should grow linearly with the size; it prints CPU seconds (one core) and MB/s, and the
outcome (``ingested`` with the sentence count, or the one-line error).
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

SHAPES = ("token", "prose", "quoted", "html", "singles")

SUBJECTS = ["The minister", "Officials", "Mr. Okafor", "The U.S. envoy", "Residents", "Dr. Lee"]
VERBS = ["said", "warned", "confirmed", "announced", "reported"]
OBJECTS = [
    "the talks would resume next week",
    "prices had risen by 3.5 percent",
    "more than 2,000 people were affected",
    "the port was closed for repairs",
]


def _sentences(rng: random.Random, size: int, quote: tuple[str, str]) -> str:
    """News-like sentences, some quoted, joined on one line up to ``size`` characters."""
    parts: list[str] = []
    total = 0
    while total < size:
        if rng.random() < 0.2:
            s = f"{quote[0]}{rng.choice(OBJECTS).capitalize()},{quote[1]} the minister said."
        else:
            s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} on 9 October 2025 that "
            s += f"{rng.choice(OBJECTS)}."
        parts.append(s)
        total += len(s) + 1
    return " ".join(parts)[:size].rsplit(" ", 1)[0]


def _singles(rng: random.Random, size: int) -> str:
    """Sentences with split possessives and single-quoted words, on one line."""
    parts: list[str] = []
    total = 0
    while total < size:
        who = rng.choice(["Obama", "The minister", "Okafor", "The union"])
        s = f"{who} 's men said '{rng.choice(['no', 'never', 'later'])}' on 9 October 2025 to "
        s += f"{rng.choice(OBJECTS)}."
        parts.append(s)
        total += len(s) + 1
    return " ".join(parts)[:size].rsplit(" ", 1)[0]


def page(shape: str, size: int) -> tuple[str, str]:
    """File name and text of one one-line page of about ``size`` bytes."""
    rng = random.Random(size)
    if shape == "token":
        return "token.txt", "A" + "a" * (size - 1)
    if shape == "prose":
        return "prose.txt", _sentences(rng, size, ("“", "”"))
    if shape == "quoted":
        return "quoted.txt", _sentences(rng, size, ('"', '"'))
    if shape == "singles":
        return "singles.txt", _singles(rng, size)
    body = _sentences(rng, size, ("“", "”"))
    return "page.html", (
        "<!doctype html><html lang='en'><head><title>Port strike talks</title></head><body>"
        f"<article><h1>Port strike talks</h1><p>{body}</p></article></body></html>"
    )


def run(shape: str, size: int, tmp: Path) -> tuple[float, float, str]:
    """Ingest one page; return CPU seconds, wall seconds and the outcome line."""
    name, text = page(shape, size)
    src = tmp / f"{shape}-{size}"
    src.mkdir()
    (src / name).write_text(text, "utf-8")
    root = tmp / f"proj-{shape}-{size}"
    init_project(root, title="Bench")
    project = Project.load(root)
    project.store.save_topics(
        [Topic.validate(dict(slug="ports", title="Ports", keywords=("port",)))]
    )
    start, cpu = time.perf_counter(), time.process_time()
    report = ingest_sources(project, [str(src / name)], IngestOptions(topic="ports"))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - start
    (result,) = report.results
    if result.outcome == "ingested":
        (article,) = project.store.articles("ports")
        outcome = f"ingested, {sum(len(p) for p in article.paragraphs)} sentences"
    else:
        outcome = result.message.replace(str(src) + "/", "")
    return cpu, wall, outcome


def main() -> None:
    """Time every shape at every size and print one line each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000,5000000", help="bytes, comma-separated")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        for shape in args.shapes.split(","):
            for size in sizes:
                cpu, wall, outcome = run(shape, size, Path(tmp))
                print(
                    f"{shape:>6} {size / 1e6:5.1f} MB: {cpu:6.2f} s CPU ({wall:6.2f} s wall, "
                    f"{size / 1e6 / cpu:5.2f} MB/s) -- {outcome}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
