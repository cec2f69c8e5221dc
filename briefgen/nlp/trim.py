"""Faithful trimming: only whole words are cut, from the ends only, so every word of the result is
in the cited sentence (``briefgen.nlp.similarity.support`` is 1.0). The one place briefgen shortens
a source sentence.

- :func:`trim_statement` (summarize): a leading dateline or connective goes;
- :func:`trim` (timeline events): also a trailing attribution, and a long sentence
  ends after the clause holding the date phrase.

The two keep their own dateline and connective lists (their outputs are pinned by the example
briefing and the dev benchmark figures).
"""

from __future__ import annotations

import re

from briefgen.nlp.patterns import lazy

_ATTRIBUTION = lazy(
    r",\s+(?:[\w'’.-]+\s+){0,6}?(?:said|says|reported|reports|announced|added|told\s+[\w\s'’.-]{1,40})"
    r"(?:\s+on\s+\w+)?\s*[.!]?[\"”]?$"
)
_LEAD = lazy(r"^(?:But|And|So|Meanwhile|However|Also|Now)\b,?\s+")
_DATELINE = lazy(r"^[A-Z][A-Z.’' ]{1,40}?(?:\s*\([A-Za-z]+\))?\s*[–—-]{1,2}\s+")
_CLAUSE_END = lazy(r",\s|;\s|\s[–—]\s")
LONG_WORDS = 30
"""Sentences longer than this are cut after the clause holding the date phrase (when given)."""


def _balanced(text: str) -> bool:
    return (
        text.count("(") == text.count(")")
        and text.count("“") == text.count("”")
        and text.count('"') % 2 == 0
    )


def trim(text: str, keep: tuple[int, int] | None = None) -> str:
    """A faithful shorter form of a sentence, cutting whole words from its ends only: a long
    sentence ends after the clause holding ``keep`` (the date phrase's span), and a trailing
    attribution (", officials said"), a leading dateline ("KABUL –") and a leading connective
    ("But") go. Returns the sentence itself when nothing applies."""
    out = text
    if keep is not None and len(out.split()) > LONG_WORDS:
        m = _CLAUSE_END.search(out, keep[1])
        head = out[: m.start()].rstrip(" ,;–—") if m else out
        if m and len(head.split()) >= 6 and _balanced(head):
            out = head + "."
    m = _ATTRIBUTION.search(out)
    if m and len(out[: m.start()].split()) >= 5:
        out = out[: m.start()].rstrip() + "."
    for pattern in (_DATELINE, _LEAD):
        m = pattern.match(out)
        if m and len(out[m.end() :].split()) >= 5:
            rest = out[m.end() :]
            out = rest[0].upper() + rest[1:]
    return out


_STATEMENT_LEAD = lazy(
    r"^(?:But|And|However|Meanwhile|Also|Still|Yet|Moreover|Furthermore|Nonetheless|Nevertheless"
    r"|In\s+addition|Separately)\b,?\s+(?=\S)"
)
_STATEMENT_DATELINE = lazy(
    r"^[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Za-z .]{2,30})?\s*(?:\([A-Za-z .]+\)\s*)?[-–—]+\s+(?=[A-Z])"
)


def trim_statement(text: str) -> str:
    """A faithful contiguous trim of a statement (summarize): drop a leading dateline or
    connective, capitalise the rest; the sentence itself when fewer than 4 words would remain."""
    out = _STATEMENT_DATELINE.sub("", text, count=1)
    out = _STATEMENT_LEAD.sub("", out, count=1)
    if out == text:
        return text
    if len(out.split()) < 4:
        return text
    return out[0].upper() + out[1:] if out[0].islower() else out


_WORD = lazy(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_FINITE_WORDS = frozenset(
    """am is are was were be been being has have had do does did will would shall should can
    could may might must isn't aren't wasn't weren't hasn't haven't hadn't doesn't didn't won't
    wouldn't can't couldn't shouldn't 's 're 've 'll 'd""".split()
)
_IRREGULAR_PAST = frozenset(
    """said told began became broke brought built bought caught chose came cut dealt did drew
    drove fell felt fought found fled flew forbade forgot froze gave got went grew held hid hit
    hung kept knew laid led left lent let lay lost made meant met paid put quit ran rang rose
    sought sold sent set shook shot shut sang sank sat slept slid spoke spent split spread stood
    stole struck stuck swore swept swam took taught tore thought threw understood woke wore won
    wrote""".split()
)
_NOT_VERB_BEFORE = frozenset(
    """a an the this that these those his her its their our my your some any each every no
    of in on at by for with from to into onto over under between among about after before
    during since until than per""".split()
)
_NOT_VERB_S = ("is", "us", "ss", "ics")
_CONTRACTIONS = ("n't", "'re", "'ve", "'ll", "'d", "it's", "he's", "she's", "that's", "there's")
"""Contracted auxiliaries ("'s" alone is most often a possessive, so only after a pronoun)."""


_QUICK_FINITE = lazy(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|said|says|did|does)\b", re.IGNORECASE
)
"""The commonest auxiliaries and reporting verbs: most sentences are settled by one search."""


def has_finite_verb(text: str) -> bool:
    """Could ``text`` hold a finite verb (a clause, not a phrase)? An auxiliary or modal, a past
    form (regular "-ed" or irregular), or a third-person "-s" form not right after a determiner,
    preposition or number. Conservative: only a text with no candidate at all is a fragment."""
    if _QUICK_FINITE.search(text):
        return True
    toks = [m.group().lower().replace("’", "'") for m in _WORD.finditer(text)]
    for i, w in enumerate(toks):
        before = toks[i - 1] if i else ""
        if w in _FINITE_WORDS or w.endswith(_CONTRACTIONS):
            return True
        if w in _IRREGULAR_PAST:
            return True
        if before in _NOT_VERB_BEFORE:
            continue
        if len(w) > 3 and w.endswith("ed"):
            return True
        if len(w) > 3 and w.endswith("s") and not w.endswith(_NOT_VERB_S) and i:
            return True
    return False


def is_fragment(text: str) -> bool:
    """A phrase that makes no statement ("A court in the capital on Tuesday, March 5."): it has
    no finite verb (:func:`has_finite_verb`)."""
    return not has_finite_verb(text)
