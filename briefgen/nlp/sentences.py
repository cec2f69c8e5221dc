"""Sentence splitting (pysbd), run once at ingest: the stored body keeps one sentence a line.

Because the article file stores the split, sentence numbers (``<id>#s<n>``) never change when the
splitter or its version changes.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import pysbd


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def normalize(text: str) -> str:
    """NFC-normalize and collapse runs of whitespace to one space (curly quotes and dashes kept).

    ``str.split()`` splits on exactly the characters ``\\s`` matches (``str.isspace``), so joining
    its pieces is the same as collapsing whitespace runs with a regex and stripping, only faster.
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into trimmed, non-empty sentences."""
    text = normalize(paragraph)
    if not text:
        return []
    parts = _segmenter().segment(text)
    return [s for s in (normalize(p) for p in parts) if s]
