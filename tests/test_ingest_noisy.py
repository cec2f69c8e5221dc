"""Cleaning quality on hand-written noisy pages: for every fixture the body is kept and the noise
is gone (trafilatura-style), and on the two seed pages the listed boilerplate is dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.ingest.text import clean_text
from briefgen.nlp.sentences import normalize

from conftest import FIXTURES

NOISY = FIXTURES / "noisy"
PAGES = sorted(p.stem for p in NOISY.glob("*.txt"))


def _expected(name: str) -> tuple[str, list[str]]:
    text = (NOISY / f"{name}.expected").read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")
    assert head.startswith("title: ")
    return head[len("title: ") :], [p.strip() for p in body.strip().split("\n\n")]


def test_fixture_set_is_large_enough() -> None:
    """There are at least 12 hand-written noisy pages, each with its expected body."""
    assert len(PAGES) >= 12
    for name in PAGES:
        assert (NOISY / f"{name}.expected").is_file(), name


@pytest.mark.parametrize("name", PAGES)
def test_body_kept_and_noise_gone(name: str) -> None:
    """The headline is the title, every body paragraph is kept, and every noise line is gone."""
    page = (NOISY / f"{name}.txt").read_text(encoding="utf-8")
    title, body = _expected(name)
    result = clean_text(page)
    assert result.title == title
    for paragraph in body:
        assert paragraph in result.paragraphs, f"body paragraph lost: {paragraph[:60]}"
    kept = "\n".join(result.paragraphs)
    noise = [
        line.strip()
        for line in page.splitlines()
        if line.strip() and line.strip() != title and not any(line.strip() in p for p in body)
    ]
    assert noise, "a fixture must contain noise"
    for line in noise:
        assert line not in kept, f"noise kept: {line}"
    assert list(result.paragraphs) == body
    assert len(result.dropped) >= len(noise) - sum(1 for n in noise if n in title)


def _seed(prefix: str) -> str:
    files = sorted((FIXTURES / "seeds").glob(f"{prefix}_*.txt"))
    assert len(files) == 1
    return files[0].read_text(encoding="utf-8")


def test_seed_000_boilerplate_dropped() -> None:
    """Seed 000 keeps its headline and all 22 body paragraphs; breadcrumb, empty 'Published on'
    and the 'Latest articles' / 'More like this' lists are dropped."""
    page = _seed("000")
    result = clean_text(page)
    assert result.title == (
        "Afghanistan and Pakistan will reaffirm the truce in the Istanbul negotiations"
    )
    assert result.publisher == "Iran Cover"
    body_lines = [normalize(ln) for ln in page.splitlines()[5:48] if ln.strip()]
    assert list(result.paragraphs) == body_lines
    kept = "\n".join(result.paragraphs)
    for gone in ("HomeTrending", "Published on", "Latest articles", "More like this",
                 "Celebrities", "Selena Gomez", "newsletters", "48 hours"):  # fmt: skip
        assert gone not in kept
    reasons = {d.text: d.reason for d in result.dropped}
    assert reasons["Published on"] == "date label with no date"


def test_seed_002_boilerplate_dropped() -> None:
    """Seed 002 keeps every body paragraph and its subheadings ("From Clash to Ceasefire") with
    the "ISTANBUL –" dateline cut into metadata; the lone number, both donation appeals with
    their bank lines, 'Donate Here' and 'Comments are closed.' are dropped."""
    page = _seed("002")
    result = clean_text(page)
    assert result.title is not None and result.title.startswith("Afghanistan and Pakistan Set")
    lines = [normalize(ln) for ln in page.splitlines() if ln.strip()]
    start = lines.index(next(ln for ln in lines if ln.startswith("ISTANBUL")))
    end = lines.index(next(ln for ln in lines if ln.startswith("As the delegations")))
    body = lines[start : end + 1]
    body[0] = body[0].removeprefix("ISTANBUL – ")
    assert list(result.paragraphs) == body
    assert "From Clash to Ceasefire" in result.paragraphs
    assert result.dateline is not None
    assert (result.dateline.text, result.dateline.place) == ("ISTANBUL –", "Istanbul")
    kept = "\n".join(result.paragraphs)
    for gone in ("151", "Support Dawat", "contribution", "DNB", "Account for", "Vipps",
                 "Donate Here", "Comments are closed"):  # fmt: skip
        assert gone not in kept
    assert sum(1 for d in result.dropped if "contribution" in d.text) == 2


def test_dropped_lines_carry_line_numbers(tmp_path: Path) -> None:
    """Every dropped line is reported with its 1-based source line number and a reason."""
    result = clean_text("Menu\nA headline for the test page\n\nThe body sentence is here.\n151\n")
    assert [(d.line, d.text, d.reason) for d in result.dropped] == [
        (1, "Menu", "above the body (kicker, menu or standfirst without a sentence)"),
        (5, "151", "numbers or symbols, not prose"),
    ]
