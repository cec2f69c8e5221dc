"""Publication dates on a labelled set of pages: stated shapes, traps, future deadlines, suspect
stamps and undated pages, each with the expected date and basis (tests/fixtures/labeled)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from briefgen.errors import IngestError
from briefgen.ingest.dates import YearHint, resolve_published
from briefgen.ingest.split import split_paragraph
from briefgen.ingest.text import clean_text

from conftest import REPO

LABELED = REPO / "tests" / "fixtures" / "labeled" / "pubdates.jsonl"
CASES: list[dict[str, Any]] = [
    json.loads(line) for line in LABELED.read_text(encoding="utf-8").splitlines() if line
]


def resolve(case: dict[str, Any]) -> tuple[str | None, str]:
    """(date or None, basis or "error") for one labelled page, as ingest resolves it."""
    clean = clean_text(case["page"])
    sentences = [s for p in clean.paragraphs for s in split_paragraph(p)]
    given = case["published"]
    try:
        d = resolve_published(
            given=dt.date.fromisoformat(given) if given else None,
            date_lines=clean.date_lines,
            metadata=None,
            sentences=sentences,
            hint=YearHint(case["year"]),
            day_first=True,
            source="page.txt",
        )
    except IngestError:
        return None, "error"
    return d.date.isoformat(), d.basis


def test_labeled_set_is_large_and_covers_every_kind() -> None:
    """At least 60 cases, in every category, with every basis and failures among them."""
    assert len(CASES) >= 60
    assert len({c["id"] for c in CASES}) == len(CASES)
    assert {c["category"] for c in CASES} == {
        "stated shape", "trap", "future deadline", "suspect stamp", "undated"
    }  # fmt: skip
    assert {c["basis"] for c in CASES} == {"stated", "stated-suspect", "inferred", "given", "error"}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_labeled_publication_date(case: dict[str, Any]) -> None:
    """Each page gets its labelled publication date and basis (or fails asking for one)."""
    assert resolve(case) == (case["date"], case["basis"])


def test_inferred_and_suspect_carry_evidence() -> None:
    """An inferred date states its range; a suspect stamp says why it is suspect."""
    by_id = {c["id"]: c for c in CASES}
    clean = clean_text(by_id["deadline-after-past"]["page"])
    d = resolve_published(
        given=None,
        date_lines=clean.date_lines,
        metadata=None,
        sentences=list(clean.paragraphs),
        hint=YearHint(),
        day_first=True,
        source="page.txt",
    )
    assert d.evidence == (
        'latest date the text reports as past: "2 March 2025" (sentence 1) -> 2025-03-02; '
        "range 2025-03-02 to 2025-06-30 (the earliest date the text puts ahead)"
    )
    clean = clean_text(by_id["suspect-stamp-months-early"]["page"])
    d = resolve_published(
        given=None,
        date_lines=clean.date_lines,
        metadata=None,
        sentences=list(clean.paragraphs),
        hint=YearHint(),
        day_first=True,
        source="page.txt",
    )
    assert d.basis == "stated-suspect"
    assert d.evidence.endswith(
        "suspect: every dated event the text reports as past lies after it "
        "(earliest 2024-03-02, 2 reported)"
    )
