"""``briefgen eval tls``: the standard timeline-summarization protocol (news-tls ``evaluate.py``).

For each gold timeline: keep the articles published within [first gold date, last gold date], run
the product's own timeline algorithm (:func:`~briefgen.timeline.core.timeline_events`, the function
behind ``build_timeline``) for L day dates within that span (L = the gold timeline's length) and at
most k events per date (k = its mean sentences per date, rounded half to even as numpy does), take
each date's event texts as its summary, and score Date-F1 and alignment-based ROUGE-1/2. Averages
take the mean precision and recall over timelines, then F.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

import msgspec

from briefgen.store import atomic_write
from briefgen.timeline.core import timeline_events
from briefgen.timeline.dataset import Collection, GoldTimeline, load_dataset
from briefgen.timeline.metric import PRF, TimelineScores, average, score_timeline

log = logging.getLogger(__name__)

Predicted = tuple[tuple[dt.date, tuple[str, ...]], ...]


class TimelineResult(msgspec.Struct, frozen=True):
    """One gold timeline's prediction and scores."""

    collection: str
    index: int
    n_dates: int
    k: int
    predicted: Predicted
    scores: TimelineScores


class Averages(msgspec.Struct, frozen=True):
    """news-tls averages over a set of timelines."""

    date: PRF
    rouge1: PRF
    rouge2: PRF

    @classmethod
    def of(cls, results: list[TimelineResult]) -> Averages:
        """Mean precision and recall of each figure over ``results``."""
        return cls(
            date=average([r.scores.date for r in results]),
            rouge1=average([r.scores.rouge1 for r in results]),
            rouge2=average([r.scores.rouge2 for r in results]),
        )


class EvalReport(msgspec.Struct, frozen=True):
    """Every timeline's result, per-collection averages and the overall average."""

    results: tuple[TimelineResult, ...]
    collections: tuple[tuple[str, Averages], ...]
    overall: Averages


def sentences_per_date(gold: GoldTimeline) -> int:
    """k: the gold timeline's mean sentences per date, rounded half to even (at least 1)."""
    return max(1, round(sum(len(s) for _, s in gold) / len(gold)))


def predict(collection: Collection, gold: GoldTimeline, *, day_first: bool = True) -> Predicted:
    """The product's timeline for one gold timeline's span: L day dates, at most k events each,
    each date's event texts as its sentences (in the timeline's (date, text) order)."""
    start, end = gold[0][0], gold[-1][0]
    articles = [a for a in collection.articles if start <= a.published <= end]
    events = timeline_events(
        articles,
        day_first=day_first,
        dates=len(gold),
        per_date=sentences_per_date(gold),
        span=(start, end),
        precisions=("day",),  # gold timelines are daily
    )
    by_date: dict[dt.date, list[str]] = {}
    for e in events:
        by_date.setdefault(e.date, []).append(e.text)
    return tuple((d, tuple(texts)) for d, texts in sorted(by_date.items()))


def evaluate_tls(
    directory: Path, *, predictions: Path | None = None, day_first: bool = True
) -> EvalReport:
    """Run the protocol on every collection under ``directory``; optionally write predictions."""
    dataset = load_dataset(directory)
    results: list[TimelineResult] = []
    for collection in dataset:
        for i, gold in enumerate(collection.timelines, 1):
            pred = predict(collection, gold, day_first=day_first)
            scores = score_timeline(dict(pred), dict(gold))
            k = sentences_per_date(gold)
            results.append(TimelineResult(collection.name, i, len(gold), k, pred, scores))
            log.info("%s-%d: %d dates predicted", collection.name, i, len(pred))
    if predictions is not None:
        for r in results:
            data = [[d.isoformat(), list(sents)] for d, sents in r.predicted]
            text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
            atomic_write(predictions / f"{r.collection}-{r.index}.json", text)
    per = tuple(
        (c.name, Averages.of([r for r in results if r.collection == c.name])) for c in dataset
    )
    return EvalReport(tuple(results), per, Averages.of(results))


def format_report(report: EvalReport) -> str:
    """The per-collection and averaged figures as a plain-text table."""
    lines = [f"{'collection':<24} {'Date-F1':>8} {'AR-1 F':>8} {'AR-2 F':>8}"]
    for name, avg in report.collections:
        lines.append(f"{name:<24} {avg.date.f1:>8.3f} {avg.rouge1.f1:>8.3f} {avg.rouge2.f1:>8.3f}")
    o = report.overall
    lines.append(f"{'average':<24} {o.date.f1:>8.3f} {o.rouge1.f1:>8.3f} {o.rouge2.f1:>8.3f}")
    return "\n".join(lines)
