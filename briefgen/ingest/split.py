"""Fast sentence splitting for ingest: unambiguous boundaries by rule, the rest by pysbd.

pysbd (``briefgen.nlp.sentences.split_sentences``) costs about 0.4 ms a sentence, which alone
would hold ingest below its throughput target. Most boundaries in news text are unambiguous: a
period, question or exclamation mark after a lower-case word that is not an abbreviation (pysbd's
own list), outside any quotation or parenthesis, followed by a space and a capitalised word.
The paragraph is cut at those boundaries first; a piece with no other terminal mark, quote or
ellipsis is a sentence as it stands, and any other piece goes to pysbd. ``_safe`` (used by the
tests) accepts a paragraph only when every piece is plain. ``tests/test_ingest_units.py`` checks
that the result equals pysbd's on the fixtures, the seeds and a development corpus.

pysbd's time grows faster than the length of what it reads (a 16,000-character paragraph takes
over a second, a 200,000-character one minutes), so its work is bounded: a piece longer than
``PYSBD_PIECE_MAX`` is first cut at likely boundaries (a terminal mark, a space and a capital,
not after an abbreviation or initial) and read in chunks of ``PYSBD_CHUNK``, and each source may
hand pysbd at most ``PYSBD_BUDGET`` characters in all (:class:`Budget`); past that, those likely
boundaries alone split it. Ordinary articles stay far below both bounds, so they split exactly as
before; a hostile page of one 5 MB line splits in time linear in its length.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from pysbd.lang.english import English

from briefgen.nlp.patterns import lazy
from briefgen.nlp.sentences import normalize, split_sentences

# The lookbehind follows the mark so that the scan looks for ".!?" first (much faster than
# trying the lookbehind at every position); the matches are those of "(?<=[a-z])([.!?])...".
_BOUNDARY = lazy(r"([.!?])(?<=[a-z][.!?])\s+(?=“?(?:[A-Z][a-z]|A\s))")
_WORD_CHARS = lazy(r"[A-Za-z’'-]{2,}")
_ABBREVIATIONS = frozenset(English.Abbreviation.ABBREVIATIONS) | {"me", "us"}
_RISKY = lazy(
    r"\.\.|…|[.!?][\"”’)\]]|[.!?]\s*[\"“‘(\[]|[.!?][^\s]|\s[.!?]|\b[A-Za-z]\.|`|\s'|'\s|‘"
    r"|[\"”)]\s+[A-Z]|--|[“”\"]"
)
# An initialism ("U.S.") is tried only from its first letter (``(?<!\b[A-Z]\.)``): a try from
# a later letter ends where the first one did, so the matches are those of the plain pattern, and
# a long "A.B.C.D..." run is scanned once instead of once per letter.
_MASK = lazy(
    r"\b\d+\.\d+\b|\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Capt|Prof|Sgt|Adm)\.(?= [A-Z])"
    r"|(?<!\b[A-Z]\.)\b(?:[A-Z]\.){2,}(?= [a-z])"
)
_RISKY_CHAR = lazy(r"[…`'‘\"”)-]")
_NOT_BRACKET = lazy(r"[^“”()]+")
_PAIRS = lazy(r"(?:“”|\(\))*")
_SPACE_QUOTE = lazy(r"\s['‘]")
_QUOTE_CAPITAL = lazy(r"(?<!,)[”\"]\s*[A-Z]|[.!?]”\s|[.!?]\s*“")


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


def _last_word(text: str, start: int = 0, end: int | None = None) -> str | None:
    """The last word of ``text[start:end]`` (which ends in a letter) when it is two or more
    letters, apostrophes or hyphens after a space or the start: what
    ``(?:^|\\s)([A-Za-z’'-]{2,})$`` captures, without trying the pattern at every position.
    Only the text after the last space is looked at (the word lies within it), so the cost is
    the word's length, not the distance back to ``start``."""
    end = len(text) if end is None else end
    space = text.rfind(" ", start, end)
    parts = text[space + 1 if space >= 0 else start : end].rsplit(None, 1)
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
        word = _last_word(paragraph, start, m.start(1))
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


PYSBD_PIECE_MAX = 5_000
"""Longest text handed to pysbd in one call (characters)."""

PYSBD_CHUNK = 2_000
"""Size of the chunks a longer piece is read in (pysbd reads them at its linear speed)."""

PYSBD_BUDGET = 100_000
"""Most characters one source hands pysbd in all (about two seconds of its time); the rest is cut
by :func:`_rough` alone. The 88 development pages hand it at most 45,000."""

# A likely boundary for long text: a terminal mark, closing quotes or brackets, spaces, then an
# opening quote or bracket and a capital or digit. Every try starts at a mark, so it is linear.
_ROUGH = lazy(r"[.!?…][\"'”’)\]]*(\s+)(?=[\"'“‘(\[]?[A-Z0-9])")


@dataclass
class Budget:
    """Characters pysbd may still read for one source."""

    left: int = PYSBD_BUDGET

    def take(self, size: int) -> bool:
        """Spend ``size`` characters if that many are left."""
        if size > self.left:
            return False
        self.left -= size
        return True


def _rough(piece: str) -> list[str]:
    """``piece`` cut at every likely boundary (:data:`_ROUGH`) whose last word is not an
    abbreviation (pysbd's list), an initial or an initialism with inner dots."""
    out: list[str] = []
    start = 0
    for m in _ROUGH.finditer(piece):
        mark = m.start()
        space = piece.rfind(" ", start, mark)
        word = piece[space + 1 if space >= 0 else start : mark].lstrip("\"'“‘([")
        if len(word) < 2 or "." in word or word.lower() in _ABBREVIATIONS:
            continue
        out.append(piece[start : m.start(1)])
        start = m.end(1)
    out.append(piece[start:])
    return [s for s in out if s]


def _chunks(sentences: list[str]) -> Iterator[list[str]]:
    """Consecutive sentences grouped so that each group, joined by spaces, stays within
    ``PYSBD_CHUNK`` (a longer sentence is a group of its own)."""
    group: list[str] = []
    size = 0
    for sentence in sentences:
        if group and size + 1 + len(sentence) > PYSBD_CHUNK:
            yield group
            group, size = [], 0
        size += len(sentence) + (1 if group else 0)
        group.append(sentence)
    if group:
        yield group


def _ambiguous(piece: str, budget: Budget) -> list[str]:
    """Sentences of a piece the rules do not settle: pysbd's, read in bounded chunks while the
    budget lasts, else the likely boundaries'."""
    if len(piece) <= PYSBD_PIECE_MAX and budget.take(len(piece)):
        return split_sentences(piece)
    out: list[str] = []
    for group in _chunks(_rough(piece)):
        text = " ".join(group)
        if len(text) <= PYSBD_PIECE_MAX and budget.take(len(text)):
            out.extend(split_sentences(text))
        else:
            out.extend(group)
    return out


def split_paragraph(paragraph: str, budget: Budget | None = None) -> list[str]:
    """Sentences of one paragraph: cut at unambiguous boundaries, pysbd on the other pieces
    (within ``budget``, shared by the paragraphs of one source; default: a fresh one)."""
    text = normalize(paragraph)
    if not text:
        return []
    budget = Budget() if budget is None else budget
    out: list[str] = []
    for piece in _pieces(text):
        out.extend([piece] if _plain(piece) else _ambiguous(piece, budget))
    return out


def split_body(paragraphs: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """The non-empty sentence lists of a source's paragraphs, under one pysbd budget."""
    budget = Budget()
    split = (tuple(split_paragraph(p, budget)) for p in paragraphs)
    return tuple(sentences for sentences in split if sentences)
