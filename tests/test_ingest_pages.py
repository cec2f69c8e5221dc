"""The labelled page set (tests/fixtures/pages): scraped pages written for the tests, from many
kinds of site, agency and caption style, each with the record a reader would take from it."""

from __future__ import annotations

import json

import pytest

from briefgen.ingest.text import clean_text

from conftest import FIXTURES

PAGES_DIR = FIXTURES / "pages"
PAGES = sorted(p.stem for p in PAGES_DIR.glob("*.txt"))


def _load(name: str) -> tuple[str, dict[str, object]]:
    text = (PAGES_DIR / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((PAGES_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return text, expected


def test_page_set_is_large_and_labelled() -> None:
    """At least 40 pages, each with its expected record."""
    assert len(PAGES) >= 40
    for name in PAGES:
        assert (PAGES_DIR / f"{name}.json").is_file(), name


@pytest.mark.parametrize("name", PAGES)
def test_page_record(name: str) -> None:
    """Body kept exactly, every noise line gone, and headline, publisher, author and dateline
    as labelled."""
    text, exp = _load(name)
    page = clean_text(text)
    assert list(page.paragraphs) == exp["body"]
    kept = "\n".join(page.paragraphs)
    for line in exp["gone"]:  # type: ignore[union-attr]
        assert str(line).strip() not in kept, f"noise kept: {line}"
    assert page.title == exp["title"]
    assert page.publisher == exp["publisher"]
    assert page.author == exp["author"]
    dl = exp["dateline"]
    if dl is None:
        assert page.dateline is None
    else:
        assert page.dateline is not None
        got = {
            "text": page.dateline.text,
            "place": page.dateline.place,
            "agency": page.dateline.agency,
            "stated": page.dateline.stated,
        }
        assert got == dl


def test_every_dropped_line_has_a_reason_and_a_line_number() -> None:
    """On every page each dropped line names its 1-based source line and its reason."""
    for name in PAGES:
        text, _ = _load(name)
        lines = text.split("\n")
        for d in clean_text(text).dropped:
            assert d.reason
            assert d.text in " ".join(lines[d.line - 1].split()) or d.reason.startswith("cut")
