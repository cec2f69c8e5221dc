"""``briefgen ingest``: sources -> article records in the project's store."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from typing import BinaryIO

from briefgen.app.progress import Progress
from briefgen.app.project import Project
from briefgen.ingest import pipeline
from briefgen.ingest.pipeline import IngestOptions
from briefgen.ingest.report import IngestReport

__all__ = ["IngestOptions", "ingest_sources"]


def ingest_sources(
    project: Project,
    sources: Sequence[str],
    options: IngestOptions,
    *,
    into: Sequence[tuple[str, str]] = (),
    jobs: int | None = 1,
    stdin: BinaryIO | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Ingest every source into the project; failures are reported per source.
    ``into`` holds ``(topic, source)`` pairs (each source ingested into its topic, after
    ``sources``); ``jobs`` worker processes prepare the sources (``None``: one per CPU; 1: none),
    with the same files and report whatever their number. ``progress(done, total, source)``
    follows the sources (see :mod:`briefgen.app.progress`)."""
    return pipeline.ingest_sources(
        project.store,
        project.settings,
        project.root,
        sources,
        options,
        into=into,
        jobs=jobs or os.cpu_count() or 1,
        stdin=stdin,
        today=today,
        progress=progress,
    )
