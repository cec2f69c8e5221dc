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
