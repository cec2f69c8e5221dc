"""What a paragraph costs the pysbd budget of its source (:class:`briefgen.ingest.split.Budget`).

The budget bounds pysbd's time on a long page (about 100,000 characters of one source are split
exactly; past that, likely boundaries alone split the rest). It is charged with the characters
that briefgen's first rule splitter (lower-case boundaries only; any straight quote, "--",
ellipsis, backtick or single quote after a space sent the paragraph whole) left to pysbd: the
rule splitter has since learnt to settle much more of a paragraph itself, and if the budget were
charged with what pysbd reads now it would last longer, and the few pages long enough to run it
out would split differently from before. Charged this way, every page splits byte for byte as
before, only faster. :func:`legacy_pieces` is that first splitter's cut, kept for the charge and
for the split past the budget.
"""

from __future__ import annotations

from briefgen.ingest.split import _ABBREVIATIONS, _QUOTE_CAPITAL, _WORD_CHARS, _nested_ok
from briefgen.nlp.patterns import lazy

_BOUNDARY = lazy(r"([.!?])(?<=[a-z][.!?])\s+(?=“?(?:[A-Z][a-z]|A\s))")
_RISKY = lazy(
    r"\.\.|…|[.!?][\"”’)\]]|[.!?]\s*[\"“‘(\[]|[.!?][^\s]|\s[.!?]|\b[A-Za-z]\.|`|\s'|'\s|‘"
    r"|[\"”)]\s+[A-Z]|--|[“”\"]"
)
_MASK = lazy(
    r"\b\d+\.\d+\b|\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Capt|Prof|Sgt|Adm)\.(?= [A-Z])"
    r"|(?<!\b[A-Z]\.)\b(?:[A-Z]\.){2,}(?= [a-z])"
)
_RISKY_CHAR = lazy(r"[…`'‘\"”)-]")
_WHOLE = lazy(r"\s['‘]")


def _whole(text: str) -> bool:
    if any(s in text for s in ("..", "…", "`", '"', "--")):
        return True
    return ("'" in text or "‘" in text) and _WHOLE.search(text) is not None


def _last_word(text: str, start: int, end: int) -> str | None:
    space = text.rfind(" ", start, end)
    parts = text[space + 1 if space >= 0 else start : end].rsplit(None, 1)
    return parts[-1] if parts and _WORD_CHARS.fullmatch(parts[-1]) else None


def _cuts(text: str) -> list[tuple[int, int]]:
    if (
        _whole(text)
        or text.count("“") != text.count("”")
        or text.count("(") != text.count(")")
        or not _nested_ok(text)
    ):
        return []
    cuts: list[tuple[int, int]] = []
    depth_quote = depth_paren = pos = 0
    for m in _BOUNDARY.finditer(text):
        chunk = text[pos : m.start(1)]
        depth_quote += chunk.count("“") - chunk.count("”")
        depth_paren += chunk.count("(") - chunk.count(")")
        pos = m.start(1)
        if depth_quote or depth_paren:
            continue
        word = _last_word(text, cuts[-1][1] if cuts else 0, m.start(1))
        if word is None or not word.islower() or word in _ABBREVIATIONS:
            continue
        cuts.append((m.end(1), m.end()))
    return cuts


def _plain(piece: str) -> bool:
    if piece.count("“") != piece.count("”") or piece.count("“") > 1 or not _nested_ok(piece):
        return False
    text = _MASK.sub("x", piece) if piece.find(".", 0, len(piece) - 1) >= 0 else piece
    if text.endswith(("”", "’")) and text[-2:-1] in (".", "!", "?", ","):
        text = text[:-1]
    inner = text[:-1] if text[-1:] in ".!?" else text
    if ("”" in inner or '"' in inner or "“" in inner) and _QUOTE_CAPITAL.search(inner):
        return False
    inner = inner.replace("“", "").replace("”", "")
    if "." in inner or "!" in inner or "?" in inner:
        return False
    return not (_RISKY_CHAR.search(inner) and _RISKY.search(inner))


def legacy_pieces(text: str) -> list[tuple[str, bool]]:
    """The first rule splitter's pieces of a normalized paragraph, each with whether it was
    plain (a sentence as it stands) or handed to pysbd."""
    pieces: list[tuple[str, bool]] = []
    start = 0
    for end, nxt in _cuts(text):
        pieces.append((text[start:end], _plain(text[start:end])))
        start = nxt
    pieces.append((text[start:], _plain(text[start:])))
    return pieces


def charge(text: str) -> int:
    """Characters of a normalized paragraph charged to the budget: those the first splitter
    handed pysbd."""
    return sum(len(piece) for piece, plain in legacy_pieces(text) if not plain)
