"""Benchmark ``briefgen summarize`` on big synthetic topics built from Timeline17 articles.

    python -m benchmarks.bench_summarize [--sizes 500 5000] \
        [--data ../shared/data/timeline17]

Each topic of N articles cycles through every Timeline17 article (detokenized, one sentence a line);
copy k of an article drops every (k+2)-th sentence and is dated k days later, so copies overlap
heavily (like syndicated coverage) without being identical. Prints, per size: time to load the
articles, time for the summarizer (sections + timeline), total wall time of ``summarize_project``,
and the peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

from briefgen.app.project import Project
from briefgen.app.summarize import summarize_project
from briefgen.model import Article, Topic
from briefgen.scaffold import init_project
from briefgen.summarize.candidates import candidates
from briefgen.summarize.extractive import timeline_builder


def find_data() -> Path | None:
    """``shared/data/timeline17`` beside the checkout or any folder above it (a worktree too)."""
    here = Path(__file__).resolve().parent
    for folder in here.parents:
        candidate = folder / "shared" / "data" / "timeline17"
        if candidate.is_dir():
            return candidate
    return None


def detokenize(s: str) -> str:
    """Undo the Timeline17 tokenization (-LRB-, ``, split clitics and punctuation)."""
    s = s.replace("-LRB-", "(").replace("-RRB-", ")").replace("-LSB-", "[").replace("-RSB-", "]")
    s = re.sub(r"``\s*", "“", s)
    s = re.sub(r"\s*''", "”", s)
    s = re.sub(r"\s+([,.;:!?%)\]”])", r"\1", s)
    s = re.sub(r"([(\[“$])\s+", r"\1", s)
    s = re.sub(r"\s+('s|'re|'ve|'ll|'d|n't|'m|')(?=\W|$)", r"\1", s)
    return re.sub(r"\s+", " ", s).strip()


def source_articles(data: Path) -> list[tuple[dt.date, list[str]]]:
    """Every Timeline17 article as (date, sentences)."""
    out = []
    for path in sorted(data.glob("*/articles.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            sents = [detokenize(x) for x in row["text"].split(" \n") if x.strip()]
            sents = [s for s in sents if s]
            if sents:
                out.append((dt.date.fromisoformat(row["time"]), sents))
    return out


def make_topic(
    project: Project, slug: str, n: int, sources: list[tuple[dt.date, list[str]]]
) -> None:
    """Write ``n`` articles for topic ``slug`` into the project."""
    store = project.store
    for i in range(n):
        k, j = divmod(i, len(sources))
        date, sents = sources[j]
        if k:
            sents = [s for m, s in enumerate(sents) if m % (k + 2)] or sents
        date = date + dt.timedelta(days=k)
        paras = [sents[p : p + 4] for p in range(0, len(sents), 4)]
        body = "\n".join(sents)
        store.save_article(
            Article.validate(
                dict(
                    id=f"{date.isoformat()}-a{i:05d}",
                    topic=slug,
                    title=f"Article {i}",
                    published=date,
                    published_basis="given",
                    ingested=date,
                    sha256=hashlib.sha256(body.encode()).hexdigest(),
                    paragraphs=paras,
                )
            )
        )
    store.save_topics([*store.topics(), Topic.validate(dict(slug=slug, title=f"Synthetic {n}"))])


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished children."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    """Run the benchmark and print one block of figures per size."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    ap.add_argument("--data", type=Path, help="Timeline17 folder (default: found)")
    args = ap.parse_args()
    data = args.data or find_data()
    sources = source_articles(data) if data is not None else []
    if not sources:
        ap.error(f"no Timeline17 articles in {data or 'shared/data/timeline17 above the checkout'}")
    with tempfile.TemporaryDirectory() as tmp:
        init_project(Path(tmp) / "proj", title="bench")
        project = Project.load(Path(tmp) / "proj")
        for n in args.sizes:
            slug = f"synthetic-{n}"
            make_topic(project, slug, n, sources)
            t0 = time.perf_counter()
            articles = project.store.articles(slug)
            t1 = time.perf_counter()
            pool = candidates(articles)
            t2 = time.perf_counter()
            build = timeline_builder()
            events = build(articles) if build else ()
            t3 = time.perf_counter()
            c3 = _cpu()
            summarize_project(project, [slug], force=True)
            t4 = time.perf_counter()
            c4 = _cpu()
            b = project.store.load_briefing(project.store.briefing_path(slug))
            sentences = sum(len(a.sentences) for a in articles)
            print(f"topic of {n} articles ({sentences} sentences):")
            print(f"  load articles        {t1 - t0:6.2f} s")
            print(f"  candidates (sections){t2 - t1:6.2f} s  ({len(pool)} candidates)")
            print(f"  timeline (other stage){t3 - t2:5.2f} s  ({len(events)} events)")
            print(
                f"  summarize_project    {t4 - t3:6.2f} s  (load + summarize + write, end to end)"
            )
            print(f"    CPU used by it     {c4 - c3:6.2f} s  (all processes)")
            print(f"  load average now     {os.getloadavg()[0]:6.2f}  (on {os.cpu_count()} cores)")
            print(
                f"  briefing: {len(b.current_status)}/{len(b.background)}/{len(b.stakes)}"
                " statements"
            )
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"  peak RSS so far      {peak:6.0f} MB")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
