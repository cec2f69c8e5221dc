"""``briefgen eval``: score briefgen on standard benchmarks (the ``eval`` extra: rouge-score)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from briefgen.errors import UsageError

EXTRA_HINT = "pip install 'briefgen[eval]'"


def require_eval_extra() -> None:
    """Raise a one-line :class:`UsageError` when the ``eval`` extra is not installed."""
    if importlib.util.find_spec("rouge_score") is None:
        raise UsageError(f"briefgen eval needs the 'eval' extra (rouge-score): {EXTRA_HINT}")


def eval_tls(directory: Path, predictions: Path | None = None) -> tuple[str, int]:
    """Timeline summarization on a Timeline17-layout dataset: the report text and how many
    predicted timelines were written to ``predictions``."""
    require_eval_extra()
    from briefgen.timeline.evaluate import evaluate_tls, format_report

    report = evaluate_tls(directory, predictions=predictions)
    return format_report(report), len(report.results)


def eval_timex(directory: Path, predictions: Path | None = None) -> tuple[str, int]:
    """Date expressions on TimeML reports (TimeBank layout): the report text and how many
    reports' predictions were written to ``predictions`` (no extra needed)."""
    from briefgen.evaluate.timex import evaluate_timex, format_report

    report = evaluate_timex(directory, predictions=predictions)
    return format_report(report), report.documents


def eval_extraction(
    directory: Path, path: str = "both", predictions: Path | None = None
) -> tuple[str, int]:
    """Article-body extraction on an article-extraction-benchmark folder: the report text and how
    many bodies were written to ``predictions`` (the scraped-text path needs html-text, in the
    ``eval`` extra: :func:`briefgen.evaluate.extraction.page_text` says so in one line)."""
    from briefgen.evaluate.extraction import evaluate_extraction, format_report

    report = evaluate_extraction(directory, path=path, predictions=predictions)
    written = len(report.results[0].predictions) if predictions is not None else 0
    return format_report(report), written
