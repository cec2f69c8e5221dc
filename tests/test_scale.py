"""Scale work (issue 16): cached pysbd patterns, parallel ingest, build reports, the benchmark."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pysbd

from briefgen.nlp import sentences

FIXTURES = Path(__file__).parent / "fixtures"


def _paragraphs() -> list[str]:
    lines = (FIXTURES / "timeline17" / "sentences.txt").read_text("utf-8").splitlines()
    return [" ".join(lines[i : i + 6]) for i in range(0, len(lines), 6)]


def test_cached_patterns_split_exactly_as_pysbd() -> None:
    """pysbd with its patterns compiled once splits the Timeline17 sample exactly as stock pysbd."""
    paragraphs = _paragraphs()
    sentences._segmenter()  # installs the cached ``re`` in pysbd's modules
    modules = [importlib.import_module(f"pysbd.{m}") for m in sentences._PYSBD_MODULES]
    assert all(isinstance(m.re, sentences._CachedRe) for m in modules if hasattr(m, "re"))
    cached = [pysbd.Segmenter(language="en", clean=False).segment(p) for p in paragraphs]
    saved = [m.re for m in modules]
    try:
        for m in modules:
            m.re = re  # type: ignore[attr-defined]
        stock = [pysbd.Segmenter(language="en", clean=False).segment(p) for p in paragraphs]
    finally:
        for m, r in zip(modules, saved, strict=True):
            m.re = r  # type: ignore[attr-defined]
    assert cached == stock
    assert sum(len(s) for s in stock) > 600
