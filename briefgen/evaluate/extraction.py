"""``briefgen eval extraction``: article-body extraction scored with the article-extraction
benchmark's own metric (Scrapinghub *article-extraction-benchmark*).

A dataset folder holds ``ground-truth.json`` (``{key: {"articleBody": ..., "url": ...}}``) and
``html/<key>.html.gz``. Two ways into briefgen are measured:

- ``text``: the HTML turned into page text by ``html-text``
  (``extract_text(html, guess_layout=True)``, what a scraper copying the visible text gives), then
  briefgen's scraped-text cleaning (:func:`briefgen.ingest.text.clean_text`);
- ``html``: briefgen's HTML ingest (:func:`briefgen.ingest.html.clean_html`).

The metric: tokens are the ``\\w+`` runs (case kept); each text is a multiset of 4-token shingles
(a text of fewer tokens is one shingle). Per page TP, FP and FN are the shared, extra and missed
shingles, normalised to sum to 1. Precision is the mean of TP/(TP+FP) over pages with a prediction,
recall the mean of TP/(TP+FN) over pages with a truth (a page where both sides are empty scores 1
on both), and F1 = 2PR/(P+R) of the two means.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from statistics import fmean
from typing import Literal

import msgspec

from briefgen.errors import BriefgenError, UsageError
from briefgen.store import atomic_write

PathName = Literal["text", "html"]
PATHS: tuple[PathName, ...] = ("text", "html")
NGRAM = 4
_TOKEN = re.compile(r"\w+")


class EvalDataError(BriefgenError):
    """The dataset folder is not in the benchmark's layout."""


# --- the metric -----------------------------------------------------------------------------


def shingles(text: str, n: int = NGRAM) -> Counter[tuple[str, ...]]:
    """The multiset of ``n``-token shingles of ``text``; fewer than ``n`` tokens make one."""
    tokens = _TOKEN.findall(text)
    if not tokens:
        return Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


class PageScore(msgspec.Struct, frozen=True):
    """One page's shared, extra and missed shingles, normalised to sum to 1 (all 0: both empty)."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float | None:
        """TP/(TP+FP); ``None`` when the page has no prediction; 1 when both sides are empty."""
        if self.tp == self.fp == self.fn == 0:
            return 1.0
        return None if self.tp + self.fp == 0 else self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        """TP/(TP+FN); ``None`` when the page has no truth; 1 when both sides are empty."""
        if self.tp == self.fp == self.fn == 0:
            return 1.0
        return None if self.tp + self.fn == 0 else self.tp / (self.tp + self.fn)


def score_page(truth: str, predicted: str) -> PageScore:
    """Shingle TP/FP/FN of ``predicted`` against ``truth``, normalised per page."""
    want, got = shingles(truth), shingles(predicted)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    if total == 0:
        return PageScore(0.0, 0.0, 0.0)
    return PageScore(tp / total, fp / total, fn / total)


class Scores(msgspec.Struct, frozen=True):
    """Macro precision and recall over pages, and the F1 of those two means."""

    precision: float
    recall: float
    pages: int

    @property
    def f1(self) -> float:
        """2PR/(P+R) of the means (0 when both are 0)."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def aggregate(pages: Iterable[PageScore]) -> Scores:
    """The benchmark's averages over ``pages``."""
    listed = list(pages)
    ps = [p for p in (s.precision for s in listed) if p is not None]
    rs = [r for r in (s.recall for s in listed) if r is not None]
    return Scores(fmean(ps) if ps else 0.0, fmean(rs) if rs else 0.0, len(listed))


# --- the dataset ----------------------------------------------------------------------------


class BenchPage(msgspec.Struct, frozen=True):
    """One page of the dataset: its HTML, the people-written body and the page URL."""

    key: str
    html: str
    truth: str
    url: str | None


def default_dataset(repo: Path) -> Path | None:
    """The development pages beside a clone: ``$BRIEFGEN_EXTRACTION_DATA``, else
    ``shared/data/extraction`` next to ``repo`` or next to its parent (a git worktree)."""
    env = os.environ.get("BRIEFGEN_EXTRACTION_DATA")
    candidates = [Path(env)] if env else []
    candidates += [base / "shared" / "data" / "extraction" for base in repo.parents[:2]]
    return next((c for c in candidates if (c / "ground-truth.json").is_file()), None)


def _read_html(path: Path) -> str:
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    from briefgen.ingest.encoding import decode

    return decode(raw, str(path))


def load_pages(directory: Path) -> list[BenchPage]:
    """The pages of a folder in the benchmark's layout, sorted by key."""
    truth_file = directory / "ground-truth.json"
    if not truth_file.is_file():
        raise EvalDataError("not an extraction dataset (no ground-truth.json)", file=directory)
    try:
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise EvalDataError(f"not valid JSON: {exc}", file=truth_file) from None
    if not isinstance(truth, dict):
        raise EvalDataError("expected an object {key: {articleBody, url}}", file=truth_file)
    pages: list[BenchPage] = []
    for key in sorted(truth):
        entry = truth[key]
        if not isinstance(entry, dict) or not isinstance(entry.get("articleBody", ""), str):
            raise EvalDataError("expected {articleBody: str, url: str}", file=truth_file, field=key)
        html_file = directory / "html" / f"{key}.html.gz"
        if not html_file.is_file():
            html_file = directory / "html" / f"{key}.html"
        if not html_file.is_file():
            raise EvalDataError(f"no html/{key}.html.gz for this key", file=directory, field=key)
        url = entry.get("url")
        pages.append(
            BenchPage(key, _read_html(html_file), entry.get("articleBody") or "", url or None)
        )
    return pages


# --- the two ways in ------------------------------------------------------------------------


def page_text(html: str) -> str:
    """What a scraper copying the page's visible text gives (html-text, layout guessed)."""
    try:
        import html_text
    except ImportError:  # pragma: no cover - the eval extra is missing
        raise UsageError(
            "html-text is not installed (pip install 'briefgen[eval]')", field="--path text"
        ) from None
    return str(html_text.extract_text(html, guess_layout=True))


def text_body(html: str) -> str:
    """The scraped-text path: html-text, then briefgen's scraped-text cleaning."""
    from briefgen.ingest.text import clean_text

    return "\n".join(clean_text(page_text(html)).paragraphs)


def html_body(html: str, url: str | None = None) -> str:
    """The HTML path: briefgen's HTML ingest (the body it would store)."""
    from briefgen.ingest.html import clean_html

    try:
        _, page = clean_html(html, "page.html", url=url)
    except BriefgenError:
        return ""
    return "\n".join(page.paragraphs)


EXTRACTORS: dict[PathName, Callable[[BenchPage], str]] = {
    "text": lambda page: text_body(page.html),
    "html": lambda page: html_body(page.html, page.url),
}


# --- the run --------------------------------------------------------------------------------


class PathResult(msgspec.Struct, frozen=True):
    """One path's predictions and scores over the dataset."""

    path: str
    predictions: dict[str, str]
    scores: Scores


class ExtractionReport(msgspec.Struct, frozen=True):
    """The results of one ``eval extraction`` run (one per path asked for)."""

    directory: Path
    results: tuple[PathResult, ...]


def run_path(pages: list[BenchPage], name: str, extract: Callable[[BenchPage], str]) -> PathResult:
    """Run ``extract`` on every page and score it."""
    predictions = {p.key: extract(p) for p in pages}
    scores = aggregate(score_page(p.truth, predictions[p.key]) for p in pages)
    return PathResult(name, predictions, scores)


def write_predictions(path: Path, predictions: dict[str, str]) -> None:
    """Write ``{key: {"articleBody": ...}}`` (the benchmark's format), keys sorted."""
    data = {k: {"articleBody": predictions[k]} for k in sorted(predictions)}
    atomic_write(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def evaluate_extraction(
    directory: Path, *, path: str = "both", predictions: Path | None = None
) -> ExtractionReport:
    """Score the paths asked for (``text``, ``html`` or ``both``) on the dataset in
    ``directory``; with ``predictions``, write the one path's output there."""
    if path not in ("text", "html", "both"):
        raise UsageError(f"{path!r} is not a path (text, html or both)", field="--path")
    if predictions is not None and path == "both":
        raise UsageError(
            "--predictions writes one path's output: choose --path text or --path html",
            field="--predictions",
        )
    pages = load_pages(directory)
    names: tuple[PathName, ...] = PATHS if path == "both" else (path,)  # type: ignore[assignment]
    results = tuple(run_path(pages, n, EXTRACTORS[n]) for n in names)
    if predictions is not None:
        write_predictions(predictions, results[0].predictions)
    return ExtractionReport(directory, results)


_LABELS = {
    "text": "scraped text (html-text, then briefgen's text cleaning)",
    "html": "HTML (briefgen's HTML ingest)",
}


def format_table(rows: Iterable[tuple[str, Scores]]) -> str:
    """A Markdown table: path, F1, precision, recall, pages."""
    lines = ["| Path | F1 | Precision | Recall | Pages |", "|---|---|---|---|---|"]
    for label, s in rows:
        lines.append(f"| {label} | {s.f1:.3f} | {s.precision:.3f} | {s.recall:.3f} | {s.pages} |")
    return "\n".join(lines)


def format_report(report: ExtractionReport) -> str:
    """One table row per path, under a line naming the dataset."""
    head = f"Article extraction on {report.directory} (4-token shingles, macro P/R)"
    rows = [(_LABELS.get(r.path, r.path), r.scores) for r in report.results]
    return f"{head}\n\n{format_table(rows)}"
