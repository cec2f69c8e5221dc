"""Fast sentence splitting for ingest: unambiguous boundaries by rule, the rest by pysbd.

pysbd (``briefgen.nlp.sentences.split_sentences``) costs about 0.4 ms a sentence, which alone
would hold ingest below its throughput target. Most boundaries in news text are unambiguous: a
period, question or exclamation mark after a word that is not an abbreviation in pysbd's list (or
after a number), outside every span pysbd protects (quotations, brackets, pairs of "--", its
single-quoted spans), followed by a space and a capitalised word; or a closing quote after a mark,
before a capital. Straight double quotes are read as the curly pairs pysbd makes of them
(:func:`_curly`). The paragraph is cut at those boundaries first; a piece with no other terminal
mark outside masks and quotations is a sentence as it stands, and any other piece goes to pysbd.
What pysbd decides over the whole text -- list items it acts on, parentheses between quotes,
backslashes inside quotations, its single-quote condition -- sends the paragraph to pysbd whole.
``_safe`` (used by the tests) accepts a paragraph only when every piece is plain.
``tests/test_split_pysbd.py`` and ``tests/test_ingest_units.py`` check that the result equals
pysbd's on hostile paragraphs, a seeded fuzz, the fixtures, the seeds and the Timeline17 sample.

pysbd's time grows faster than the length of what it reads, so its work is bounded
(:mod:`briefgen.ingest.split_bounds`): a paragraph longer than ``PYSBD_PIECE_MAX`` is first cut
at likely boundaries into groups of about ``PYSBD_CHUNK`` characters, each split as above, and
each source may hand pysbd at most ``PYSBD_BUDGET`` characters in all (charged with what it
reads); past that, likely boundaries alone split the pieces the rules leave. Ordinary articles
stay far below both bounds, so they split exactly as pysbd does; a hostile page of one 5 MB line
splits in time linear in its length, since the rules never read more than ``PYSBD_PIECE_MAX``
characters at once either.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pysbd.lang.english import English

from briefgen.ingest.split_bounds import (
    ABBREVIATIONS,
    PYSBD_PIECE_MAX,
    Budget,
    chunks,
    rough,
)
from briefgen.ingest.split_guards import escape_free
from briefgen.ingest.split_spans import covering, dash_spans, single_spans, spans_by_piece
from briefgen.nlp.patterns import lazy
from briefgen.nlp.pysbd_lists import list_pass_acts, may_hold_items
from briefgen.nlp.sentences import normalize, split_sentences

# The pattern opens with the one character every match starts with, so that the regex engine
# scans for ".!?”" with a fast loop instead of trying the alternatives at every position (it
# does so only for a pattern that opens with a literal or a set); each alternative then checks
# with a lookbehind which character that was and what stands before it, and marks the end of
# the mark, quote or ellipsis with an empty group (1, 2 or 3: ``m.lastindex`` tells which).
_CAPITALISED = r"(?=“?(?:[A-Z][A-Za-z'’]|[AI]\s))"
_BOUNDARY = lazy(
    r"[.!?”](?:"
    rf"(?<=[A-Za-z0-9%”][.!?])()\s+{_CAPITALISED}"
    r"|(?<=[.!?-]”)()\s(?=[A-Z])(?![A-Z]\.,)"
    r"|(?<=[A-Za-z]\.)\.\.()(?!\.)\s+(?=[A-Z][A-Za-z'’]|[AI]\s))"
)
"""A terminal mark after a letter, digit, "%" or closing quote, spaces and a capitalised word
(the word before the mark decides, :func:`_ends_sentence`); or a closing quote right after a
terminal mark or a dash, one space and a capital, where pysbd's post-processing always splits
(``QUOTATION_AT_END_OF_SENTENCE_REGEX``): the mark is inside the quote, so no other rule ends
the sentence there -- unless a single capital, a period and a comma follow ("X., the"), which
pysbd masks after a space but not at the start of the piece it would then read; or three
periods after a letter (not four), spaces and a capitalised word (no quote before it), which pysbd's
``ThreeConsecutiveRule`` ends a sentence at when the word before is not an abbreviation (its
abbreviation pass masks a period right after one before another "."; read alone, the piece
ending in the three periods keeps them as they are)."""
_WORD_CHARS = lazy(r"[A-Za-z’'-]{2,}")
_LETTERS_AND_DIGITS = lazy(
    r"[A-Za-z0-9'-]*(?:[A-Za-z][A-Za-z0-9'-]*\d|\d[A-Za-z0-9'-]*[A-Za-z])[A-Za-z0-9'-]*"
)
"""A word holding both ASCII letters and digits (and apostrophes or hyphens)."""
_ABBREVIATIONS = ABBREVIATIONS
# An initialism ("U.S.") is tried only from its first letter (``(?<!\b[A-Z]\.)``): a try from
# a later letter ends where the first one did, so the matches are those of the plain pattern, and
# a long "A.B.C.D..." run is scanned once instead of once per letter.
_PREPOSITIVE = sorted(
    set(English.Abbreviation.PREPOSITIVE_ABBREVIATIONS) & set(English.Abbreviation.ABBREVIATIONS)
)
_STARTERS = "|".join(English.AbbreviationReplacer.SENTENCE_STARTERS)
_MASK = lazy(
    r"\b\d+\.\d+\b"
    rf"|(?<!\S)(?i:{'|'.join(_PREPOSITIVE)})\.(?=\s)"
    r"|(?<!\b[A-Z]\.)\b(?:[A-Z]\.){2,}(?= [a-z])"
    rf"|(?<!\b[A-Z]\.)\b(?:[A-Z]\.){{2,}}(?<![AP]\.M\.)(?= [A-Z])(?! (?:{_STARTERS})\s)"
    rf"|(?<!\S)[A-HJ-Z]\.(?= [A-Z])(?! (?:{_STARTERS})\s)"
)
"""Periods pysbd never ends a sentence at: decimals; a prepositive abbreviation of its list
("Gen.", "Sen.", "St.", any case) before a space; an initialism before a lower-case word, or
before a capitalised one that is not one of pysbd's sentence starters ("The", "He", ...) after
which it restores the period ("U.S. The"), nor "A.M."/"P.M." (its am/pm rules); a single capital
other than "I" before a capitalised word ("Micah L. Sifry"), on the same condition."""
# Each pattern below opens with a literal in every alternative (a lookbehind follows it), so
# that the regex engine scans for those characters instead of trying each position; the matches
# are those of the plain forms given (``tests/test_split_pysbd.py`` compares them).
_RISKY = lazy(r"…|‘|“|”|\"|'(?:(?<=\s')|\s)|\)\s+[A-Z]")
"""In a text without ".!?“”" (the only texts :func:`_plain` asks about), what the plain pattern
``\\.\\.|…|[.!?][\"”’)\\]]|[.!?]\\s*[\"“‘(\\[]|[.!?][^\\s]|\\s[.!?]|\\b[A-Za-z]\\.|\\s'|'\\s|‘``
``|[\"”)]\\s+[A-Z]|[“”\"]`` finds behind the gate ``[…'‘\"”)]``: an ellipsis, a quote, a single
quote after or before a space, a closing parenthesis before a capitalised word."""
_NOT_BRACKET = lazy(r"[^“”()]+")
_PAIRS = lazy(r"(?:“”|\(\))*")
_QUOTE_CAPITAL = lazy(
    r"”(?<!,”)\s*[A-Z]|\"(?<!,\")\s*[A-Z]|\.(?:”\s|\s*“)|!(?:”\s|\s*“)|\?(?:”\s|\s*“)"
)
"""``(?<!,)[”\"]\\s*[A-Z]|[.!?]”\\s|[.!?]\\s*“``."""


_PYSBD_SIGNS = lazy("[。．！？（）「」∯∮⎋⌬✂♨☝⁃☄☇☈☉ȸȹᓰᓱᓳᓴᓷᓸûũƪǃʼ،☏♝♟♬♭ſıİ\u212a]")
"""Characters the rules cannot reason about for pysbd: the full-width terminal marks ("。",
"．", "！", "？", which end a sentence as "." does), the brackets its boundary pattern pairs, the
symbols it stands in for periods, list items and such while it works (a text holding one may
not come back as it went in), and the letters a case-insensitive pattern reads as ASCII ones
("ſ", "ı", "İ", the Kelvin sign): pysbd takes "ſt." for the abbreviation "st." only when the
lower-cased text also holds "st" somewhere. A paragraph holding one is pysbd's to split whole."""


def _nested_ok(text: str) -> bool:
    """Quotes and parentheses open before they close and never nest."""
    if "“" not in text and "”" not in text and "(" not in text and ")" not in text:
        return True
    return _PAIRS.fullmatch(_NOT_BRACKET.sub("", text)) is not None


def _whole(paragraph: str) -> bool:
    """A paragraph opening with a straight single quote, which pysbd may pair with the next
    single quote as a sentence of its own however many boundaries lie between."""
    return paragraph.startswith("'")


_PARENS_IN_QUOTES = lazy(r'["”]\s\(.*\)\s["“]')
"""pysbd's ``PARENS_BETWEEN_DOUBLE_QUOTES_REGEX``: it breaks lines around every parenthesis
between the first such quote and the last, over the whole paragraph."""


def _curly(paragraph: str) -> str | None:
    """``paragraph`` with its straight double quotes shown as the curly quotes pysbd reads them
    as (the same length, so positions carry over), or ``None`` when that reading is not certain.

    pysbd pairs straight quotes as ``"[^"\\\\]..."`` finds them: each with the next one, so
    with no backslash and no empty pair the odd ones open and the even ones close, and the last
    of an odd count pairs with none (it stays straight: no cut is made right before it, and the
    pieces holding it go to pysbd); its rules for curly quotes then apply alike. The rules only
    straight quotes have are excluded: its parentheses-between-quotes rule (which matches a
    straight quote on either side), a "?" or "!" right before an opening quote (the "in
    quotation" rules), and paragraphs that mix both kinds."""
    if '"' not in paragraph:
        return paragraph
    if (
        0 <= paragraph.find('"') < paragraph.rfind("\\")
        or "“" in paragraph
        or "”" in paragraph
        or _PARENS_IN_QUOTES.search(paragraph)
    ):
        return None
    parts = paragraph.split('"')
    lone = len(parts) % 2 == 0  # an odd count: the last quote pairs with none
    view = parts[0] + "".join(
        ('"' if lone and n == len(parts) - 1 else "“" if n % 2 else "”") + part
        for n, part in enumerate(parts[1:], 1)
    )
    if "“”" in view or "?“" in view or "!“" in view:
        return None
    return view


_FEW_MARKS = lazy(r"!(?<![!?]!)[!?]?(?![!?])|\?(?<![!?]\?)[!?]?(?![!?])")
"""``(?<![!?])[!?]{1,2}(?![!?])``: one or two "!" or "?" alone."""


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


def _ends_sentence(paragraph: str, start: int, mark: int) -> bool:
    """Whether the terminal mark at ``mark`` (outside quotes, brackets and dash pairs, before a
    space and a capitalised word) ends a sentence for pysbd, judged by the word before it:
    two or more letters, apostrophes or hyphens that are not an abbreviation in pysbd's list
    (pysbd keeps a period only after an abbreviation or a single letter when a capital
    follows), with "!" only after a lower-case word (pysbd's exclamation words are
    capitalised: "Yahoo!"); a closing quote (no rule of pysbd's looks at a mark after one: “it
    ended”. The ...); or, after a space, a number, a percentage ("40%") or a word of
    ASCII letters and digits ("70s", "AC360"; no abbreviation of pysbd's holds a digit, and a
    period after a digit is kept only before a non-space, at the start of a line or in a list,
    and paragraphs that may hold a list are never cut)."""
    if paragraph[mark - 1] == "”":  # after a quotation (at depth 0, so it closes one)
        return True
    word = _last_word(paragraph, start, mark)
    if word is not None:
        if word.islower():
            return word not in _ABBREVIATIONS
        return paragraph[mark] != "!" and word.lower() not in _ABBREVIATIONS
    space = paragraph.rfind(" ", start, mark)
    number = paragraph[space + 1 : mark]
    if number.endswith("%"):
        number = number[:-1]
    if space < 0 or not number.isascii():
        return False
    if number.isdigit():
        return True
    return _LETTERS_AND_DIGITS.fullmatch(number) is not None and (
        number.islower() or paragraph[mark] != "!"
    )


def _cuts(paragraph: str) -> list[tuple[int, int]]:
    """Spans (end of one sentence, start of the next) at the unambiguous boundaries outside
    quotes, brackets and pysbd's dash pairs; none when the paragraph has unbalanced or nested
    quotes or brackets, a backslash inside them (``escape_free``), single-quoted spans, ellipses
    or list items pysbd's list pass acts on (the whole paragraph then goes to pysbd)."""
    if (
        not escape_free(paragraph)
        or _whole(paragraph)
        or _PARENS_IN_QUOTES.search(paragraph)
        or paragraph.count("“") != paragraph.count("”")
        or paragraph.count("(") != paragraph.count(")")
        or paragraph.count("[") != paragraph.count("]")
        or paragraph.count("«") != paragraph.count("»")
        or not _nested_ok(paragraph)
        or list_pass_acts(paragraph)
    ):
        return []
    singles = single_spans(paragraph)
    if singles is None:
        return []
    dashes = dash_spans(paragraph) + singles
    covered = covering(dashes)
    cuts: list[tuple[int, int]] = []
    depth_quote = depth_paren = depth_other = 0
    marked = False
    pos = 0
    # a depth is counted only for the brackets the paragraph holds
    quotes, parens = "“" in paragraph, "(" in paragraph
    others = "[" in paragraph or "«" in paragraph
    for m in _BOUNDARY.finditer(paragraph):
        kind = m.lastindex or 1  # 1: a mark, 2: a closing quote after one, 3: an ellipsis
        quote = kind == 2
        end = m.end(2) if quote else m.start()
        if quotes:
            depth_quote += paragraph.count("“", pos, end) - paragraph.count("”", pos, end)
        if parens:
            depth_paren += paragraph.count("(", pos, end) - paragraph.count(")", pos, end)
        if others:
            depth_other += (
                paragraph.count("[", pos, end)
                - paragraph.count("]", pos, end)
                + paragraph.count("«", pos, end)
                - paragraph.count("»", pos, end)
            )
        pos = end
        if depth_quote or depth_paren or depth_other:
            continue
        if dashes and covered(end):
            continue
        if quote:
            cuts.append((end, m.end()))
            continue
        start = cuts[-1][1] if cuts else 0
        if kind == 3:
            word = _last_word(paragraph, start, end)
            if word is None or word.lower() in _ABBREVIATIONS:
                continue
        elif not _ends_sentence(paragraph, start, end):
            continue
        cuts.append((m.end(kind), m.end()))
        marked = True
    # pysbd looks for sentences only in text holding a terminal mark (after its own rules): one
    # ending a sentence above, or a "?" or "!", which none of its rules before that test removes
    # but a run of three
    if "“" not in paragraph or not (marked or _FEW_MARKS.search(paragraph)):
        return cuts
    return _quoted_sentences(paragraph, cuts, covered)


def _quoted_sentences(
    paragraph: str, cuts: list[tuple[int, int]], covered: Callable[[int], bool]
) -> list[tuple[int, int]]:
    """``cuts`` with a cut after every quotation that opens a piece and closes after anything
    but a comma, before a space and a capital (not inside a ``covered`` span): pysbd reads such
    a quotation as a sentence of its own (``SENTENCE_BOUNDARY_REGEX``), and cutting it off keeps
    a piece from starting with one (pysbd, reading a piece with no terminal mark, would not look
    for it)."""
    out = set(cuts)
    for first in [0, *(nxt for _, nxt in cuts)]:
        start = first
        while paragraph.startswith("“", start):  # a quotation cut off: its follower is next
            close = paragraph.find("”", start)
            cut = (close + 1, close + 2)
            if not (
                close > start + 1
                and paragraph[close - 1] != ","
                and paragraph[close + 1 : close + 2] == " "
                and "A" <= paragraph[close + 2 : close + 3] <= "Z"
                and paragraph[close + 3 : close + 5] != ".,"  # "X., " (see _BOUNDARY)
                and not covered(close + 1)
                and paragraph.count("[", start, close) == paragraph.count("]", start, close)
                and paragraph.count("«", start, close) == paragraph.count("»", start, close)
                and cut not in out
            ):
                break
            out.add(cut)
            start = close + 2
    return sorted(out)


def _pieces(paragraph: str) -> list[tuple[str, str]]:
    """The paragraph cut at its unambiguous boundaries: each piece as written and as read with
    curly quotes (:func:`_curly`; the same text when it has no straight double quotes)."""
    return _cut(paragraph)[0]


def _cut(paragraph: str) -> tuple[list[tuple[str, str]], bool]:
    """:func:`_pieces`, and whether pysbd's list pass is known to leave every piece alone.

    It is when the paragraph was cut: either each piece was checked below, or the paragraph
    holds nothing :func:`~briefgen.ingest.split_guards.may_hold_items` finds, and then no piece
    does (a piece starts after a space, so each item it may hold is one in the paragraph)."""
    signs = not paragraph.isascii() and _PYSBD_SIGNS.search(paragraph) is not None
    view = None if signs else _curly(paragraph)
    if view is None:
        return [(paragraph, paragraph)], False
    pieces: list[tuple[str, str]] = []
    start = 0
    cuts = _cuts(view)
    for end, nxt in cuts:
        pieces.append((paragraph[start:end], view[start:end]))
        start = nxt
    pieces.append((paragraph[start:], view[start:]))
    if not cuts:
        return pieces, False
    if ("'" in paragraph or "‘" in paragraph) and not _same_singles(paragraph, cuts):
        return [(paragraph, view)], False
    # a piece read alone may pair list items the whole paragraph does not (its first and last)
    if may_hold_items(view) and any(list_pass_acts(v) for _, v in pieces):
        return [(paragraph, view)], False
    return pieces, True


def _same_singles(paragraph: str, cuts: list[tuple[int, int]]) -> bool:
    """Whether pysbd, reading each piece alone, finds the single-quoted spans it finds in the
    whole paragraph (its condition for straight ones looks at the whole text it is given)."""
    starts = [0, *(nxt for _, nxt in cuts)]
    ends = [*(end for end, _ in cuts), len(paragraph)]
    inside = spans_by_piece(iter(sorted(single_spans(paragraph) or [])), starts, ends)
    for start, end, spans in zip(starts, ends, inside, strict=True):
        found = single_spans(paragraph[start:end])
        # sorted: a straight and a slanted span never share a start, so this compares each kind
        if found is None or sorted(found) != spans:
            return False
    return True


def _masked(piece: str) -> str:
    """``_MASK.sub`` showing each match by its first character, scanning only the words that
    hold a ".". Every match holds a "." and no whitespace, so it lies within such a word; trying
    the pattern at each position of those words from the left (its lookarounds still see the
    text around them) finds the matches ``sub`` finds, without running its long alternation at
    every position of the piece."""
    out: list[str] = []
    last = 0
    dot = piece.find(".")
    while dot >= 0:
        start = dot
        while start > last and not piece[start - 1].isspace():
            start -= 1
        end = dot + 1
        while end < len(piece) and not piece[end].isspace():
            end += 1
        pos = start
        while pos < end:
            # every branch starts with a letter or digit
            m = _MASK.match(piece, pos) if piece[pos].isalnum() else None
            if m is None:
                pos += 1
                continue
            out += (piece[last:pos], piece[pos])
            last = pos = m.end()
        dot = piece.find(".", end)
    return "".join(out) + piece[last:] if out else piece


def _ellipsis_ends(before: str) -> bool:
    """Whether three periods after ``before`` end a piece as plain text for pysbd: after a word
    of two or more letters that is not an abbreviation (no rule of pysbd's then touches them
    but ``OtherThreePeriodRule``, which hides them from its sentence search)."""
    if not before[-1:].isascii() or not before[-1:].isalpha():
        return False
    word = _last_word(before)
    return word is not None and word.lower() not in _ABBREVIATIONS


def _plain(piece: str, listless: bool = False) -> bool:
    """A piece with no terminal mark but its last, and nothing that could hide a boundary.
    Decimals, a title before a name ("Mr. Okafor"), initialisms before a lower-case word
    ("U.S. envoy") and balanced curly quotes that close before a lower-case word are allowed.
    ``listless``: pysbd's list pass is known to leave the piece alone (:func:`_cut`)."""
    if piece.count("“") != piece.count("”") or not _nested_ok(piece):
        return False
    if not listless and list_pass_acts(piece):
        return False
    # every _MASK match has a "." before its last character; each is shown by its first
    # character, so that what follows a capital ("(AP) Mr. Li", "” U.S. envoy") is seen as such
    text = _masked(piece) if piece.find(".", 0, len(piece) - 1) >= 0 else piece
    if (
        piece.endswith("...")
        and text.endswith("...")
        and piece[-4:-3] != "."
        and _ellipsis_ends(piece[:-3])
    ):
        inner = text[:-3]
    else:
        # a closing double quote after the last mark stays with it; a closing single quote
        # only after a comma: pysbd reads "over.’" with no "‘" before it (one would make the
        # piece risky) as two sentences, "over." and "’"
        if (text.endswith("”") and text[-2:-1] in (".", "!", "?", ",")) or text.endswith(",’"):
            text = text[:-1]
        inner = text[:-1] if text[-1:] in ".!?" else text
    if ("”" in inner or '"' in inner or "“" in inner) and _QUOTE_CAPITAL.search(inner):
        return False
    inner = inner.replace("“", "").replace("”", "")
    if "." in inner or "!" in inner or "?" in inner:
        return False
    if not piece.isascii() and _PYSBD_SIGNS.search(piece) is not None:
        return False
    return _RISKY.search(inner) is None


def _safe(paragraph: str) -> list[str] | None:
    """The rule split when every piece is plain, else ``None``."""
    pieces = _pieces(paragraph)
    return [p for p, _ in pieces] if all(_plain(v) for _, v in pieces) else None


def _ambiguous(piece: str, budget: Budget) -> list[str]:
    """Sentences of a piece the rules do not settle: pysbd's while the budget lasts (charged with
    what pysbd reads), else the likely boundaries', pysbd reading each group of them that still
    fits."""
    if len(piece) <= PYSBD_PIECE_MAX and budget.take(len(piece)):
        return split_sentences(piece)
    out: list[str] = []
    for group in chunks(rough(piece)):
        text = " ".join(group)
        if len(text) <= PYSBD_PIECE_MAX and budget.take(len(text)):
            out.extend(split_sentences(text))
        else:
            out.extend(group)
    return out


def _split(text: str, budget: Budget) -> list[str]:
    """Sentences of a normalized paragraph of at most ``PYSBD_PIECE_MAX`` characters."""
    out: list[str] = []
    pieces, listless = _cut(text)
    for piece, view in pieces:
        out.extend([piece] if _plain(view, listless) else _ambiguous(piece, budget))
    return out


def split_paragraph(paragraph: str, budget: Budget | None = None) -> list[str]:
    """Sentences of one paragraph: cut at unambiguous boundaries, pysbd on the other pieces
    (within ``budget``, shared by the paragraphs of one source; default: a fresh one, charged
    with what pysbd reads). A paragraph longer than ``PYSBD_PIECE_MAX`` is first cut at likely
    boundaries into groups of about ``PYSBD_CHUNK`` characters, each split so; so the rules never
    read more than ``PYSBD_PIECE_MAX`` characters at once, and a hostile line of megabytes
    splits in time linear in its length."""
    text = normalize(paragraph)
    budget = Budget() if budget is None else budget
    if len(text) <= PYSBD_PIECE_MAX:
        return _split(text, budget) if text else []
    out: list[str] = []
    for group in chunks(rough(text)):
        joined = " ".join(group)
        out.extend(_split(joined, budget) if len(joined) <= PYSBD_PIECE_MAX else group)
    return out


def split_body(paragraphs: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """The non-empty sentence lists of a source's paragraphs, under one pysbd budget."""
    budget = Budget()
    split = (tuple(split_paragraph(p, budget)) for p in paragraphs)
    return tuple(sentences for sentences in split if sentences)
