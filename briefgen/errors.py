"""The exception hierarchy: every error briefgen reports to a user is a :class:`BriefgenError`.

The CLI catches ``BriefgenError`` in one place and prints ``Error: <location>: <message>``.
A location is ``file``, ``file:line`` or ``file: field.path`` — whatever the raiser knows.
"""

from __future__ import annotations

from pathlib import Path


class BriefgenError(Exception):
    """A user-facing error with, where known, the file, line and field it is about."""

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.field = field

    @property
    def location(self) -> str:
        """``file:line: field``, ``file: field``, ``file`` or the empty string."""
        parts = []
        if self.file:
            parts.append(self.file if self.line is None else f"{self.file}:{self.line}")
        if self.field:
            parts.append(self.field)
        return ": ".join(parts)

    def __str__(self) -> str:
        loc = self.location
        return f"{loc}: {self.message}" if loc else self.message


class ConfigError(BriefgenError):
    """mkdocs.yml or the briefgen plugin options are invalid."""


class IngestError(BriefgenError):
    """A source could not be turned into an article."""


class SchemaError(BriefgenError):
    """A content file (article, briefing, topics, edition) does not match its schema."""


class SummarizeError(BriefgenError):
    """A topic could not be summarized."""


class BuildError(BriefgenError):
    """The site could not be built or released."""


class ReviewError(BriefgenError):
    """``check`` or ``diff`` could not run (bad refs, not a project)."""


class UsageError(BriefgenError):
    """The user asked for something that cannot be done as asked (exit code 2)."""

    exit_code = 2
