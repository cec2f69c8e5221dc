"""``briefgen ingest``: sources -> article records in the project's store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import BinaryIO

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
) -> IngestReport:
    """Ingest every source into the project; failures are reported per source."""
    return pipeline.ingest_sources(
        project.store, project.settings, project.root, sources, options, stdin=stdin, today=today
    )
