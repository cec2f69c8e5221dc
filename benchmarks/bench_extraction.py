"""Benchmark: article-body extraction on the article-extraction-benchmark development pages.

Run: python -m benchmarks.bench_extraction [DATASET_DIR]

Scores, in one run on the same pages with the benchmark's metric
(:mod:`briefgen.evaluate.extraction`): html-text with no cleaning, briefgen's scraped-text path
(html-text, then the text cleaning), briefgen's HTML path, and trafilatura's own ``extract()``
alone (its defaults, the page URL given). Prints the side-by-side table, the ratio of each briefgen
path's F1 to trafilatura's, and the speed of each path in pages per CPU second (one core;
the scraped-text figure excludes html-text). Exits 1 when a target is missed: scraped text
F1 >= 0.93, HTML path F1 >= trafilatura alone.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

from briefgen.evaluate.extraction import (
    BenchPage,
    default_dataset,
    format_table,
    html_body,
    load_pages,
    page_text,
    run_path,
)
from briefgen.ingest.text import clean_text

TEXT_TARGET = 0.93


def _trafilatura(page: BenchPage) -> str:
    return str(trafilatura.extract(page.html, url=page.url) or "")


def main() -> int:
    """Score the four rows, print them with ratios and timings; 1 if a target is missed."""
    found = default_dataset(Path(__file__).resolve().parents[1])
    directory = Path(sys.argv[1]) if len(sys.argv) > 1 else found
    if directory is None:
        print("no dataset: give DATASET_DIR or set BRIEFGEN_EXTRACTION_DATA")
        return 2
    pages = load_pages(directory)
    texts = {p.key: page_text(p.html) for p in pages}
    start = time.process_time()  # CPU time: one core, whatever else the machine runs
    cleaned = {k: "\n".join(clean_text(t).paragraphs) for k, t in texts.items()}
    clean_seconds = time.process_time() - start
    timed: dict[str, float] = {}
    rows = []
    extractors: list[tuple[str, Callable[[BenchPage], str]]] = [
        ("html-text, no cleaning", lambda p: texts[p.key]),
        ("briefgen scraped text (html-text, then text cleaning)", lambda p: cleaned[p.key]),
        ("briefgen HTML ingest", lambda p: html_body(p.html, p.url)),
        ("trafilatura extract() alone", _trafilatura),
    ]
    for label, fn in extractors:
        start = time.process_time()
        rows.append((label, run_path(pages, label, fn).scores))
        timed[label] = time.process_time() - start
    print(f"Article extraction, {len(pages)} pages of {directory}")
    print()
    print(format_table(rows))
    print()
    trafi = rows[3][1].f1
    for label, scores in rows[1:3]:
        print(f"{label}: F1 {scores.f1:.3f} = {scores.f1 / trafi:.3f} x trafilatura's {trafi:.3f}")
    rate = len(pages) / clean_seconds if clean_seconds else float("inf")
    lines = sum(t.count("\n") + 1 for t in texts.values()) // len(pages)
    print(f"scraped-text cleaning: {rate:.0f} pages/s per CPU second (whole pages, {lines} lines")
    print("  on average; html-text excluded)")
    for label in ("briefgen HTML ingest", "trafilatura extract() alone"):
        print(f"{label}: {len(pages) / timed[label]:.0f} pages/s per CPU second")
    ok = rows[1][1].f1 >= TEXT_TARGET and rows[2][1].f1 >= trafi
    verdict = "met" if ok else "missed"
    print(f"targets: scraped text F1 >= {TEXT_TARGET}, HTML F1 >= trafilatura: {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
