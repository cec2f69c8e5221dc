"""``briefgen ingest``: sources -> article records in the project's store."""

from __future__ import annotations

import datetime as dt
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
    stdin: BinaryIO | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Ingest every source into the project; failures are reported per source.
    ``progress(done, total, source)`` follows the sources (see :mod:`briefgen.app.progress`)."""
    return pipeline.ingest_sources(
        project.store,
        project.settings,
        project.root,
        sources,
        options,
        stdin=stdin,
        today=today,
        progress=progress,
    )
