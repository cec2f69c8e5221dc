"""Benchmark: the full Timeline17 development evaluation (7 collections), timed.

Run: python -m benchmarks.bench_tls [DATASET_DIR]   (from the repository root; the dataset is found
beside the repository or a folder above it when not given)

Prints the per-collection and averaged Date-F1 / AR-1 F / AR-2 F and the wall time of the whole
``briefgen eval tls`` run (loading, date extraction, ranking, selection, scoring). The predictions
come from the product's own timeline algorithm (``briefgen.timeline.core.timeline_events``, the
function behind ``build_timeline``), bounded to L dates and k events per date. Target: <= 120 s
on the 2-core development machine. Exits 1 when the target is missed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from benchmarks.corpus import find_timeline17
from briefgen.timeline.evaluate import evaluate_tls, format_report

TARGET_SECONDS = 120.0


def main() -> int:
    """Run the evaluation once, print the figures and the time; 1 if over the target."""
    directory = find_timeline17(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    if directory is None:
        print("Timeline17 not found: pass its folder")
        return 2
    start = time.perf_counter()
    report = evaluate_tls(directory)
    elapsed = time.perf_counter() - start
    print(format_report(report))
    print(f"timelines: {len(report.results)}; wall time: {elapsed:.1f} s")
    print(f"target: <= {TARGET_SECONDS:.0f} s")
    return 0 if elapsed <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
