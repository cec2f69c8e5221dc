"""The references detector's closed word classes and its result type (general English: no
topic words)."""

from __future__ import annotations

import re
from itertools import repeat
from operator import itemgetter
from typing import Literal, NamedTuple

import msgspec

Reason = Literal[
    "pronoun", "attribution", "demonstrative", "definite", "pair", "contrast", "connective"
]

_EXPLAIN: dict[Reason, str] = {
    "pronoun": "a pronoun whose antecedent is in another sentence",
    "attribution": "a pronoun attribution: who said it is in another sentence",
    "demonstrative": "a demonstrative pointing at another sentence",
    "definite": "a definite phrase naming something introduced in another sentence",
    "pair": "a pair whose members the statement does not name",
    "contrast": "an elliptical subject contrasting with another sentence",
    "connective": "a connective whose meaning is the previous sentence",
}


class Reference(msgspec.Struct, frozen=True):
    """One reference needing an antecedent: ``text[start:end] == phrase``."""

    phrase: str
    start: int
    end: int
    reason: Reason
    head: str
    """The word the antecedent must supply (a noun, or the pronoun itself), lower-case."""
    trailing: bool = False
    """A bare demonstrative closing its sentence ("... to achieve this."): it may point inside
    the sentence or further back, so no single sentence before it resolves it."""

    def explain(self) -> str:
        """One line: the phrase and why it dangles."""
        return f'"{self.phrase}" ({_EXPLAIN[self.reason]})'


_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,]\d+)*|[^\sA-Za-z\d]")


class _Tok(NamedTuple):
    """One token of a statement, with its lower-case form (curly apostrophe made straight)
    computed once: the detector reads ``low`` a hundred times per statement. Offsets are not
    kept (:func:`_spans` gives them, for the reference found)."""

    text: str
    low: str
    word: bool
    """Does it start with a letter?"""


def _tokens(text: str) -> list[_Tok]:
    texts = _TOKEN.findall(text)
    low = text.lower().replace("’", "'")
    lows: list[str] | None = None
    if len(low) == len(text) and "Σ" not in text and "\u212a" not in text:
        # every character lowers to one character of its class (a letter, digit, space or
        # other) on its own: the lower-cased text splits into the same tokens, lower-cased
        lows = _TOKEN.findall(low)
    if lows is None or len(lows) != len(texts):
        # "İ" lowers to two characters, a sigma by its context, the Kelvin sign to "k"
        lows = [t.lower().replace("’", "'") for t in texts]
    starts = map(str.isalpha, map(itemgetter(0), texts))
    return list(map(_new_tok, repeat(_Tok), zip(texts, lows, starts, strict=True)))


_new_tok = tuple.__new__
"""Builds a :class:`_Tok` from its fields without the Python-level ``__new__``."""


def _spans(text: str) -> list[tuple[int, int]]:
    """The offsets of :func:`_tokens`' tokens in ``text``."""
    return [m.span() for m in _TOKEN.finditer(text)]


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Connectives that only link (trimmable): skipped before the subject is read.
_LINKING = (
    "but and however yet still meanwhile also moreover furthermore nonetheless nevertheless "
    "indeed besides so now well already separately|in addition|in fact|of course|by contrast"
)
# Connectives whose meaning is the previous sentence.
_ANAPHORIC_CONNECTIVES = (
    "as a result|in response|in return|in turn|instead|consequently|therefore|thus|hence|"
    "since then|after that|by then|at the time|at that time|then|even so|otherwise|likewise|"
    "similarly|for his part|for her part|for its part|for their part|to that end|by contrast"
)
_SINGLE_LINKS = _set(_LINKING.split("|")[0])
_MULTI_LINKS = tuple(_LINKING.split("|")[1:])
_ANAPHORIC = tuple(sorted(_ANAPHORIC_CONNECTIVES.split("|"), key=len, reverse=True))


def _by_first_word(phrases: tuple[str, ...]) -> dict[str, tuple[tuple[str, int], ...]]:
    """``phrases`` grouped by their first word, each with its length in words, in their order:
    tokens hold no space, so only a phrase starting with a token's word can match there."""
    out: dict[str, list[tuple[str, int]]] = {}
    for phrase in phrases:
        out.setdefault(phrase.split()[0], []).append((phrase, len(phrase.split())))
    return {k: tuple(v) for k, v in out.items()}


_ANAPHORIC_BY_FIRST = _by_first_word(_ANAPHORIC)


_FRONTING = _set(
    """after before since when whenever while as although though because if unless despite
    following during in on at for with from by under over amid amidst ahead according until
    once unlike like beyond without within across through throughout among against upon
    into outside inside near to earlier later last next"""
)
_PRONOUNS = _set("he she they it him them his her their its")
_PERSONAL = _set("he she him his her")
_DEMONSTRATIVES = _set("this that these those")
_TIME_NOUNS = _set(
    """week weeks month months year years morning afternoon evening night weekend season
    spring summer autumn fall winter time times century decade quarter day days hour
    monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december"""
)
_FUNCTION = _set(
    """a an the and or but of to in on at for with from by as is are was were be been being has
    have had do does did will would shall should can could may might must not no that which who
    whom whose this these those it its he she they we i you his her their our my your there here
    so than then also just only even very too about after before over under between among
    against into onto upon said says say told according if when while because although though
    since until what where why how all some any each every both either neither more most much
    many few such other another own same"""
)
_COPULA = _set("is was 's are were be been remains remained seems seemed appears appeared")
_MODALS = _set("will would could may might should must can")
_DETERMINERS = _set("a an the his her their its this that these those my our your some one")
_CLAUSE_OPENERS = _set("that whether if when where why how what who to")
_SUBJECT_WORDS = _set("he she it they we i you the a an")
_PREPOSITIONS = _set(
    """of to between among with on over against by for in from at about into across toward
    towards near under behind beyond involving including"""
)
_SHELL_NOUNS = _set(
    """measure measures move moves step steps decision decisions plan plans proposal proposals
    deal deals agreement agreements accord pact talks meeting meetings session sessions round
    negotiations discussions effort efforts initiative idea issue issues matter problem
    problems situation incident incidents case announcement statement statements claim claims
    remarks comments report reports findings study research change changes policy law bill
    legislation rule rules order ruling verdict vote request demand demands offer event events
    episode development developments rise increase decline drop criticism warning celebration
    note letter document story stories tour body group organisation organization company firm
    closure closures allegation allegations accusation accusations
    agency committee panel commission man woman men women boy girl boys girls child children
    couple patient patients victim victims suspect suspects officer officers official
    spokesman spokeswoman minister site village town building country countries city area
    region band album film show book books"""
)
_QUANTIFIERS = _set(
    """one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    hundred hundreds thousand thousands million millions dozen dozens up nearly almost around
    roughly approximately least only just several"""
)
_CLAUSE_END = frozenset('. ! ? ; ” "'.split())
_ANAPHORIC_ADJECTIVES = _set("latter former other same aforementioned above remaining")
_PAIR_NOUNS = _set("pair couple duo")
_CONTRAST_SUBJECTS = _set("others such rest")
_ATTRIBUTION = re.compile(
    r",[\"”’]?\s*(?P<who>he|she|they)\s+(?:also\s+)?(?:said|says|added|adds|told|tells|explained|noted|"
    r"argued|warned|wrote|insisted|stressed|claimed|declared)\b[^,;]{0,60}?[.!]?[\"”]?\s*$"
    r"|,[\"”’]?\s*(?:said|says|added|told|explained|noted|argued|warned|wrote)\s+"
    r"(?P<who2>he|she|they)"
    r"[.!]?[\"”]?\s*$",
    re.IGNORECASE,
)
_TWO_NAMES = re.compile(
    r"\b[A-Z][\w'’.-]*+(?:\s+[A-Z][\w'’.-]*+)*+\s+(?:and|or)\s+(?:the\s+)?[A-Z][\w'’.-]*+"
    r"(?![\w'’.-]*\s+[A-Z])"  # not "South and Central Asia": modifiers of one name
)
"""Two proper names joined by "and"/"or", tried only from the first capitalised word of a run
(:data:`NAME_RUNS`). Every repeat is possessive: a name word can only be followed by spaces at its
end, and only the end of a run of name words by "and"/"or", so giving characters back never finds
another match (the same answer as the backtracking form, which took time quadratic in a long word
or a long run of names)."""
NAME_RUNS = re.compile(r"\b[A-Z][\w'’.-]*+(?:\s+[A-Z][\w'’.-]*+)*+")
"""Runs of capitalised words: a match of :data:`_TWO_NAMES` from a later word of a run is one
from the run's first word, so only first words are tried (a linear scan, not one per word)."""
