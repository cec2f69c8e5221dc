"""Sentence splitting (pysbd), run once at ingest: the stored body keeps one sentence a line.

Because the article file stores the split, sentence numbers (``<id>#s<n>``) never change when the
splitter or its version changes.
"""

from __future__ import annotations

import re
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


_CLOCK_END = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*[ap]\.m\.$", re.IGNORECASE)
_GOES_ON = re.compile(
    r"^(?:(?:Eastern|Central|Mountain|Pacific|Atlantic|Alaska|Hawaii|Greenwich|British|Central"
    r"\s+European|Universal|Coordinated|local|Moscow|Indian|Israel|Japan|Korea|China|Arabia)"
    r"(?:\s+(?:Standard|Daylight|Summer|Mean))?\s+[Tt]ime\b|[A-Z]{1,4}T\b|GMT\b|UTC\b"
    r"|(?:on|in|at|local|today|tomorrow|yesterday|and|or|to|until|when|after|before)\b|[a-z])"
)
"""How a sentence goes on after a clock time: a time zone ("Eastern Time", "EST", "GMT"), a
preposition or a lower-case word ("12:01 a.m. on March 1")."""


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into trimmed, non-empty sentences. A split right after a clock time
    ("12:01 a.m.") is undone when the next part goes on with a time zone or a lower-case word."""
    text = normalize(paragraph)
    if not text:
        return []
    parts = [s for s in (normalize(p) for p in _segmenter().segment(text)) if s]
    out: list[str] = []
    for part in parts:
        if out and _CLOCK_END.search(out[-1]) and _GOES_ON.match(part):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out
