"""The result of ``briefgen check``: located findings, stale topics, and their text/JSON forms."""

from __future__ import annotations

import json
from typing import Literal

import msgspec

Severity = Literal["error", "warning"]
Rule = Literal[
    "schema",
    "citation",
    "support",
    "negation",
    "edited",
    "stale",
    "timeline",
    "unsummarized",
    "path",
    "dangling-reference",
    "duplicate-event",
    "scheduled-reported",
    "headline-repeated",
    "superseded-status",
    "trim-cut-attribution",
    "conflicting-figures",
    "conflict-unpaired",
    "time-mismatch",
    "date-inferred",
    "date-suspect",
]


class Finding(msgspec.Struct, frozen=True):
    """One problem at ``path`` (relative to the project root, ``/``-separated) and ``line``."""

    path: str
    line: int | None
    severity: Severity
    rule: Rule
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.severity}: {self.message}"

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order: path, line, errors before warnings, message."""
        return (self.path, self.line or 0, 0 if self.severity == "error" else 1, self.message)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class CheckReport(msgspec.Struct, frozen=True):
    """Every finding of one check run, sorted, with what was checked and which topics are stale."""

    findings: tuple[Finding, ...]
    stale: tuple[str, ...]
    """Topics whose briefing was made from other inputs than the current articles and settings."""
    articles: int
    briefings: int

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings of severity ``error`` (stale briefings are errors)."""
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The findings of severity ``warning``."""
        return tuple(f for f in self.findings if f.severity == "warning")

    def failed(self, strict: bool = False) -> bool:
        """True when there are errors (or, with ``strict``, any finding)."""
        return bool(self.findings if strict else self.errors)

    def summary(self) -> str:
        """One line: what was checked and how many errors, warnings and stale briefings."""
        checked = (
            f"checked {_plural(self.articles, 'article')} and {_plural(self.briefings, 'briefing')}"
        )
        if not self.findings:
            return f"{checked}: no problems"
        parts = [_plural(len(self.errors), "error"), _plural(len(self.warnings), "warning")]
        if self.stale:
            parts.append(_plural(len(self.stale), "stale briefing"))
        return f"{checked}: {', '.join(parts)}"

    def to_text(self) -> str:
        """``path:line: severity: message`` per finding, then the summary line."""
        lines = [str(f) for f in self.findings]
        lines.append(self.summary())
        return "\n".join(lines) + "\n"

    def to_json(self) -> str:
        """The report as indented, key-sorted JSON (for machines)."""
        data = {
            "articles": self.articles,
            "briefings": self.briefings,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "stale": list(self.stale),
            "findings": [
                {
                    "path": f.path,
                    "line": f.line,
                    "severity": f.severity,
                    "rule": f.rule,
                    "message": f.message,
                }
                for f in self.findings
            ],
        }
        return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
