"""The project's staleness rule: which briefings ``summarize`` would recompute.

Shared by ``summarize`` (which recomputes them), ``check`` (which reports them) and ``build``,
without the summarizing machinery: ``check`` needs the rule, not the worker pool.
"""

from __future__ import annotations

from pathlib import Path

from briefgen.config import Settings
from briefgen.staleness import Staleness
from briefgen.summarize.registry import summarizer_version


def staleness_rule(settings: Settings, config_file: Path | None = None) -> Staleness:
    """The project's staleness rule (its summarizer's name and version); a bad ``summarizer``
    option is a :class:`~briefgen.errors.ConfigError` here, naming ``config_file``."""
    return Staleness(settings, settings.summarizer, summarizer_version(settings, config_file))
