"""Fast sentence splitting for ingest: unambiguous boundaries by rule, the rest by pysbd.

pysbd (``briefgen.nlp.sentences.split_sentences``) costs about 0.4 ms a sentence, which alone
would hold ingest below its throughput target. Most boundaries in news text are unambiguous: a
period, question or exclamation mark after a lower-case word that is not an abbreviation (pysbd's
own list), outside any quotation or parenthesis, followed by a space and a capitalised word.
The paragraph is cut at those boundaries first; a piece with no other terminal mark, quote or
ellipsis is a sentence as it stands, and any other piece goes to pysbd. ``_safe`` (used by the
tests) accepts a paragraph only when every piece is plain. ``tests/test_ingest_units.py`` checks
that the result equals pysbd's on the fixtures, the seeds and a development corpus.
"""

from __future__ import annotations

import re

from pysbd.lang.english import English

from briefgen.nlp.sentences import normalize, split_sentences

# The lookbehind follows the mark so that the scan looks for ".!?" first (much faster than
# trying the lookbehind at every position); the matches are those of "(?<=[a-z])([.!?])...".
_BOUNDARY = re.compile(r"([.!?])(?<=[a-z][.!?])\s+(?=“?(?:[A-Z][a-z]|A\s))")
_WORD_CHARS = re.compile(r"[A-Za-z’'-]{2,}")
_ABBREVIATIONS = frozenset(English.Abbreviation.ABBREVIATIONS) | {"me", "us"}
_RISKY = re.compile(
    r"\.\.|…|[.!?][\"”’)\]]|[.!?]\s*[\"“‘(\[]|[.!?][^\s]|\s[.!?]|\b[A-Za-z]\.|`|\s'|'\s|‘"
    r"|[\"”)]\s+[A-Z]|--|[“”\"]"
)
_MASK = re.compile(
    r"\b\d+\.\d+\b|\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Capt|Prof|Sgt|Adm)\.(?= [A-Z])"
    r"|\b(?:[A-Z]\.){2,}(?= [a-z])"
)
_RISKY_CHAR = re.compile(r"[…`'‘\"”)-]")
_NOT_BRACKET = re.compile(r"[^“”()]+")
_PAIRS = re.compile(r"(?:“”|\(\))*")
_SPACE_QUOTE = re.compile(r"\s['‘]")
_QUOTE_CAPITAL = re.compile(r"(?<!,)[”\"]\s*[A-Z]|[.!?]”\s|[.!?]\s*“")


def _nested_ok(text: str) -> bool:
    """Quotes and parentheses open before they close and never nest."""
    if "“" not in text and "”" not in text and "(" not in text and ")" not in text:
        return True
    return _PAIRS.fullmatch(_NOT_BRACKET.sub("", text)) is not None


def _whole(paragraph: str) -> bool:
    """Straight quotes, backticks, ellipses, dashes or a single quote after a space: what
    ``\\.\\.|…|`|\\s'|\\s‘|"|--`` finds, by substring tests first."""
    if ".." in paragraph or "…" in paragraph or "`" in paragraph or '"' in paragraph:
        return True
    if "--" in paragraph:
        return True
    return ("'" in paragraph or "‘" in paragraph) and _SPACE_QUOTE.search(paragraph) is not None


def _last_word(text: str) -> str | None:
    """The last word of ``text`` (which ends in a letter) when it is two or more letters,
    apostrophes or hyphens after a space or the start: what ``(?:^|\\s)([A-Za-z’'-]{2,})$``
    captures, without trying the pattern at every position."""
    parts = text.rsplit(None, 1)
    if not parts:
        return None
    word = parts[-1]
    return word if _WORD_CHARS.fullmatch(word) else None


def _cuts(paragraph: str) -> list[tuple[int, int]]:
    """Spans (end of one sentence, start of the next) at the unambiguous boundaries; none when
    the paragraph has straight or unbalanced quotes, single-quoted spans or ellipses (pysbd
    treats quoted spans specially, so the whole paragraph goes to it)."""
    if (
        _whole(paragraph)
        or paragraph.count("“") != paragraph.count("”")
        or paragraph.count("(") != paragraph.count(")")
        or not _nested_ok(paragraph)
    ):
        return []
    cuts: list[tuple[int, int]] = []
    depth_quote = depth_paren = 0
    pos = 0
    for m in _BOUNDARY.finditer(paragraph):
        chunk = paragraph[pos : m.start(1)]
        depth_quote += chunk.count("“") - chunk.count("”")
        depth_paren += chunk.count("(") - chunk.count(")")
        pos = m.start(1)
        if depth_quote or depth_paren:
            continue
        start = cuts[-1][1] if cuts else 0
        word = _last_word(paragraph[start : m.start(1)])
        if word is None or not word.islower() or word in _ABBREVIATIONS:
            continue
        cuts.append((m.end(1), m.end()))
    return cuts


def _pieces(paragraph: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for end, nxt in _cuts(paragraph):
        pieces.append(paragraph[start:end])
        start = nxt
    pieces.append(paragraph[start:])
    return pieces


def _plain(piece: str) -> bool:
    """A piece with no terminal mark but its last, and nothing that could hide a boundary.
    Decimals, a title before a name ("Mr. Okafor"), initialisms before a lower-case word
    ("U.S. envoy") and balanced curly quotes that close before a lower-case word are allowed."""
    if piece.count("“") != piece.count("”") or piece.count("“") > 1 or not _nested_ok(piece):
        return False
    # every _MASK match has a "." before its last character
    text = _MASK.sub("x", piece) if piece.find(".", 0, len(piece) - 1) >= 0 else piece
    if text.endswith(("”", "’")) and text[-2:-1] in (".", "!", "?", ","):
        text = text[:-1]
    inner = text[:-1] if text[-1:] in ".!?" else text
    if ("”" in inner or '"' in inner or "“" in inner) and _QUOTE_CAPITAL.search(inner):
        return False
    inner = inner.replace("“", "").replace("”", "")
    if "." in inner or "!" in inner or "?" in inner:
        return False
    # without ".!?" only _RISKY's branches on these characters can match
    return not (_RISKY_CHAR.search(inner) and _RISKY.search(inner))


def _safe(paragraph: str) -> list[str] | None:
    """The rule split when every piece is plain, else ``None``."""
    pieces = _pieces(paragraph)
    return pieces if all(_plain(p) for p in pieces) else None


def split_paragraph(paragraph: str) -> list[str]:
    """Sentences of one paragraph: cut at unambiguous boundaries, pysbd on the other pieces."""
    text = normalize(paragraph)
    if not text:
        return []
    out: list[str] = []
    for piece in _pieces(text):
        out.extend([piece] if _plain(piece) else split_sentences(piece))
    return out
