"""What an ``ingest`` call did: one result per source and the summary line."""

from __future__ import annotations

from typing import Literal

import msgspec

from briefgen.ingest.text import Dropped

Outcome = Literal["ingested", "duplicate", "near-duplicate", "failed"]


class SourceResult(msgspec.Struct, frozen=True):
    """The outcome for one source, with the line printed for it."""

    source: str
    outcome: Outcome
    message: str
    article_id: str | None = None
    exit_code: int = 0
    """1 for a failed source, 2 when it failed for want of ``--topic``."""
    record: str | None = None
    """The article record that would be written (``--dry-run`` only)."""
    dropped: tuple[Dropped, ...] = ()
    basis: str | None = None
    """How the publication date is known (``stated``, ``inferred``, ``stated-suspect`` ...)."""


class IngestReport(msgspec.Struct, frozen=True):
    """Every source's result, in the order the sources were given."""

    results: tuple[SourceResult, ...]
    dry_run: bool = False

    def count(self, *outcomes: Outcome) -> int:
        """How many sources ended in one of ``outcomes``."""
        return sum(1 for r in self.results if r.outcome in outcomes)

    @property
    def summary(self) -> str:
        """``N ingested, M skipped (duplicates), K failed``, and how many publication dates were
        inferred or are suspect when any are."""
        line = (
            f"{self.count('ingested')} ingested, "
            f"{self.count('duplicate', 'near-duplicate')} skipped (duplicates), "
            f"{self.count('failed')} failed"
        )
        inferred = sum(r.basis == "inferred" for r in self.results)
        suspect = sum(r.basis == "stated-suspect" for r in self.results)
        if inferred or suspect:
            line += f"; dates: {inferred} inferred, {suspect} suspect (check the evidence)"
        return line + (" (dry run: nothing written)" if self.dry_run else "")

    @property
    def exit_code(self) -> int:
        """0 when nothing failed; 2 when a source needs ``--topic``; else 1."""
        return max((r.exit_code for r in self.results), default=0)

    def to_text(self) -> str:
        """The standard-output report: each non-failed source, dry-run records, the summary."""
        out: list[str] = []
        for r in self.results:
            if r.outcome == "failed":
                if r.record is not None:  # --dry-run: what was cleaned before it failed
                    out.append(r.record.rstrip("\n"))
                    out.append(f"--- dropped {len(r.dropped)} lines as noise:")
                    out.extend(f"  line {d.line}: [{d.reason}] {d.text}" for d in r.dropped)
                continue
            out.append(r.message)
            if r.record is not None:
                out.append(r.record.rstrip("\n"))
                out.append(f"--- dropped {len(r.dropped)} lines as noise:")
                out.extend(f"  line {d.line}: [{d.reason}] {d.text}" for d in r.dropped)
        out.append(self.summary)
        return "\n".join(out) + "\n"

    def errors(self) -> list[str]:
        """The error lines (for standard error), one per failed source."""
        return [r.message for r in self.results if r.outcome == "failed"]
