"""``python -m benchmarks``: briefgen end to end on a generated corpus of news pages.

Generates a seeded corpus of realistic news pages from the Timeline17 development articles (the
test fixture sample when the dataset is not found), then for each size and run: ``briefgen init``,
``ingest`` (one call for every topic), ``summarize``, ``build``, each a separate process, timed,
with its peak memory; the site's bytes; and ``briefgen build`` against a bare ``mkdocs build`` of
the same Markdown, interleaved. Writes the section of benchmarks/RESULTS.md (``--results``) and
every measurement as JSON in the work folder. Usage::

    python -m benchmarks [--sizes 100 1000 10000] [--runs 3] [--seed 16]
    python -m benchmarks --report-from benchmarks/.work/pipeline/results.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
from pathlib import Path

from benchmarks.corpus import find_timeline17
from benchmarks.pipeline import (
    Run,
    as_installed,
    load_raw,
    report,
    run_size,
    save_raw,
    write_results,
)

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> None:
    """Parse the options, run every size, write the results."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--data", type=Path, help="Timeline17 folder (default: found)")
    parser.add_argument("--work", type=Path, default=HERE / ".work" / "pipeline")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument(
        "--report-from", type=Path, help="write RESULTS.md from a results.json; run nothing"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    log = logging.getLogger("benchmarks")
    data = find_timeline17(args.data)
    log.info("corpus from %s", data or "tests/fixtures/timeline17 (dataset not found)")
    when = dt.datetime.now(dt.UTC)
    results: dict[int, list[Run]] = {}
    if args.report_from is not None:
        results = load_raw(args.report_from)
    if args.report_from is None:
        as_installed()
    for size in [] if args.report_from else args.sizes:
        log.info("size %d: %d run(s)", size, args.runs)

        def saved(done: list[Run], size: int = size) -> None:
            results[size] = done
            r = done[-1]
            log.info(
                "  %s; site %.1f MB",
                ", ".join(f"{s} {t.wall:.1f} s ({t.cpu:.1f} s CPU)" for s, t in r.stages.items()),
                r.site_bytes / 1e6,
            )
            save_raw(args.work / "results.json", results)  # kept if a later run is stopped

        run_size(size, args.runs, args.seed, args.work, data, saved)
    if args.report_from is not None:  # measured when the file was last written
        when = dt.datetime.fromtimestamp(args.report_from.stat().st_mtime, dt.UTC)
    runs = max(len(done) for done in results.values())
    live = args.report_from is None
    write_results(args.results, report(results, runs, args.seed, when, live))
    log.info("wrote %s and %s", args.results, args.work / "results.json")


if __name__ == "__main__":
    main()
