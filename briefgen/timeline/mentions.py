"""What one dated mention says: its clause, whether it is a far reference, who said it, the
figures it gives, the words that name its event, and the relative times in its text.

These are the event model's readings of one sentence (:mod:`briefgen.timeline.model` merges the
mentions into events). Every rule is about English grammar, not about one story:

* **Clauses.** A sentence that names two dates tells of two events when the dates stand in two
  clauses; each mention's text is then its own clause (:func:`clause_bounds`). Clauses end at
  ";", a spaced dash, a contrast or time conjunction that opens a finite clause ("while", "but",
  "whereas", "after ... <verb>"), and an "and" that opens a new subject and finite verb ("..., and
  the army withdrew on Tuesday"). An "and" joining two infinitives ("to extend the truce and
  reconvene on Thursday") joins no clauses.
* **Far references** (:func:`far_reference`): a date the sentence compares with ("the worst since
  1998", "the first such closure since 2003": a superlative or an ordinal before "since"), and
  the anchor of long-range context ("since the Taliban's return to power in 2021", "before next
  year's election": a date at year precision, or more than FAR_ANCHOR_DAYS away from
  publication, inside a "since / before / until / ahead of" phrase) are no events of the story.
  A sentence that itself reports an event then ("In 2021 the Taliban returned to power") keeps it.
* **Attribution** (:func:`attribution`): the speaker of a trailing or leading reporting verb
  (", the army said on Sunday", "Officials said ...", "according to the ministry").
* **Figures** (:func:`figures`): counts of a quantity (deaths, injured, casualties, arrests,
  displaced, days...) for the conflicting-figures rule.
* **Time stamps** (:func:`timestamp`): a date beside a clock time stamps a comment, an update or
  an edition line ("January 31, 2011 at 3:29 pm |"), unless a preposition governs the two.
* **Event words** (:func:`event_words`): content-word stems without date words, plus the kind
  of happening of each event noun (:data:`EVENT_CLASSES`: "talks" and "round" are a meeting).
* **Relative times** (:func:`relative_times`): "two weeks ago", "on Thursday" with their dates,
  as the date scan of the report resolved them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Protocol

from briefgen.model import Citation
from briefgen.model import TimeRef as ModelTimeRef
from briefgen.nlp.similarity import STOPWORDS, words
from briefgen.nlp.temporal import Precision
from briefgen.nlp.tense import PAST_VERB
from briefgen.timeline.dating import Mention

FAR_ANCHOR_DAYS = 366
"""A date inside a "since/before/until" phrase further than this from publication anchors
long-range context."""

_FINITE = (
    r"(?:is|are|was|were|has|have|had|will|would|could|can|may|might|must|should|did|does|do"
    r"|said|says)\b"
)
_VERB_AHEAD = re.compile(
    rf"^(?:[\w'’-]+\s+){{0,5}}?(?:{_FINITE}|{PAST_VERB.pattern[2:-2]}\b)", re.IGNORECASE
)
"""A finite verb within the first six words of what follows (a clause, not a phrase)."""
_HARD_BREAK = re.compile(r";\s|\s[–—]\s|:\s")
_SOFT_BREAK = re.compile(
    r",?\s(?:while|whereas|although|though|but|and|after|before|when|as|until)\s", re.IGNORECASE
)
_NOT_A_CLAUSE = re.compile(
    r"\s*(?:to\b|[\w'’-]+ing\b|\d|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|January|February|March|April|May|June|July|August|September|October|November|December)\b)"
)
"""After "and": an infinitive, a gerund or a second date joins phrases, not clauses."""
_ALWAYS_CLAUSE = frozenset({"while", "whereas", "although", "though", "but"})
_LEADING = re.compile(
    r"^(?:[;:,–—-]\s*)?(?:and|but|while|whereas|although|though|after|before|when|as|until)?"
    r"[\s,]*",
    re.IGNORECASE,
)
MIN_CLAUSE_WORDS = 4


_VERB_AT = re.compile(_VERB_AHEAD.pattern.removeprefix("^"), re.IGNORECASE)
""":data:`_VERB_AHEAD` matched at a position of the sentence rather than at the start of a copy
of its rest (a copy per boundary made one long sentence cost its length times its boundaries).
The character before that position is the white space that ends :data:`_SOFT_BREAK`'s match, so
``\b`` and the look-behinds read there as at the start of the copy."""


@lru_cache(maxsize=256)
def _breaks(sentence: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every clause boundary in ``sentence``: the boundary text is dropped.
    Cached: :func:`split_clauses` asks once per date phrase of the sentence."""
    out = [m.span() for m in _HARD_BREAK.finditer(sentence)]
    for m in _SOFT_BREAK.finditer(sentence):
        word = m.group().strip(" ,").lower()
        at = m.end()
        if word in _ALWAYS_CLAUSE or _VERB_AT.match(sentence, at):
            if word == "and" and _NOT_A_CLAUSE.match(sentence, at):
                continue
            out.append(m.span())
    return tuple(sorted(out))


def clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The character span of the clause of ``sentence`` that holds [start, end)."""
    a, b = 0, len(sentence)
    for s, e in _breaks(sentence):
        if e <= start:
            a = e
        elif s >= end and b == len(sentence):
            b = s
    return a, b


def clause_text(sentence: str, bounds: tuple[int, int]) -> str:
    """The clause as a statement: leading conjunction and punctuation gone, first letter
    capitalised, one final full stop. The whole sentence when the clause is the sentence."""
    a, b = bounds
    if (a, b) == (0, len(sentence)):
        return sentence
    part = sentence[a:b]
    part = part[_LEADING.match(part).end() :] if _LEADING.match(part) else part  # type: ignore[union-attr]
    part = part.rstrip(" ,;:–—-")
    if not part:
        return sentence
    if part[-1] not in ".!?\"”'’)":
        part += "."
    return part[0].upper() + part[1:]


def split_clauses(sentence: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]] | None:
    """The clause of each date phrase (``spans``), or ``None`` when two phrases share one clause
    (the sentence then tells of one event: its first date's)."""
    bounds = [clause_bounds(sentence, s, e) for s, e in spans]
    if len(set(bounds)) < len(bounds):
        return None
    return bounds


# --- far references ---

_COMPARISON = re.compile(
    r"\b(?:\w+est|most|least|first|second|third|fourth|fifth|last|only|biggest|worst|best"
    r"|highest|lowest|largest|smallest|longest|deadliest|record|ever)\b[^.;:]{0,60}$",
    re.IGNORECASE,
)
_ANCHOR = re.compile(
    r"\b(?:since|before|until|till|ahead\s+of|prior\s+to|by)\b(?:\s+[\w'’-]+){0,8}\s*$",
    re.IGNORECASE,
)
_SINCE = re.compile(r"\bsince\s*$|\bsince\s+(?:[\w'’-]+\s+){0,8}$", re.IGNORECASE)
_NO_VERB = re.compile(rf"\b(?:{_FINITE}|{PAST_VERB.pattern[2:-2]}\b)", re.IGNORECASE)


def _governs(m: re.Match[str] | None) -> bool:
    """The "since/before" phrase runs up to the date with no verb between (it holds the date)."""
    return m is not None and _NO_VERB.search(re.sub(r"^\W*\w+", "", m.group())) is None


class Dated(Protocol):
    """A date phrase found in a sentence (a :class:`TimeRef` or a timeline mention)."""

    @property
    def phrase(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def date(self) -> dt.date: ...
    @property
    def precision(self) -> Precision: ...


def far_reference(sentence: str, ref: Dated, published: dt.date) -> bool:
    """Is ``ref`` a comparison with the past or the anchor of long-range context (see the module
    docstring), rather than an event of this story?"""
    before = sentence[: ref.start]
    phrase = ref.phrase.lower()
    since = phrase.startswith("since") or _governs(_SINCE.search(before))
    if since:
        m = re.search(r"\bsince\b[^.;:]*$", before + ref.phrase, re.IGNORECASE)
        head = before[: m.start()] if m else before
        clause_head = re.split(r"[,;:]\s", head)[-1]
        if _COMPARISON.search(clause_head):
            return True
    anchored = (
        since or phrase.startswith(("before", "until", "by")) or _governs(_ANCHOR.search(before))
    )
    far = ref.precision == "year" or abs((ref.date - published).days) > FAR_ANCHOR_DAYS
    return anchored and far and not _opens_sentence(before)


def _opens_sentence(before: str) -> bool:
    """A date phrase opening the sentence ("In 2021, ...") dates the sentence's own event."""
    return len(before.split()) <= 1 and (not before.strip() or before.strip()[0].isupper())


_ZONE = r"(?:GMT|BST|UTC|[ECMP][SD]?T)\b"
_CLOCK = rf"\d{{1,2}}[:.]\d{{2}}(?:\s*(?:[ap]\.?m\b\.?|{_ZONE}))*"
_GLUE = r"[\s,|]*(?:(?:at|on)\s+)?"
_CLOCK_AFTER = re.compile(_GLUE + _CLOCK, re.IGNORECASE)
_CLOCK_BEFORE = re.compile(r"(?<![\d.:])" + _CLOCK + _GLUE + r"$", re.IGNORECASE)
_STAMP_AFTER = re.compile(r"[\s,|]*" + _CLOCK, re.IGNORECASE)
_HAS_ZONE = re.compile(_ZONE)
_PREPOSITIONS = frozenset(
    "at on from until till by since before after between and to of in around about".split()
)


def timestamp(sentence: str, start: int, end: int) -> bool:
    """Is the date phrase a page's time stamp ("January 31, 2011 at 3:29 pm |", "Posted by X on
    April 2, 2005 11:01 PM.", "on 01.54 GMT on Saturday 3 December 2005") rather than the date of
    an event? A clock time right after a date, or one with a time zone, stamps a comment, an
    update or an edition line; a clock time joined by "at"/"on" does too unless a preposition in
    the sentence governs the two ("the quake struck at 4.53pm on 12 January")."""
    right = _STAMP_AFTER.match(sentence, end)
    if right is not None:
        return True
    before = _CLOCK_BEFORE.search(sentence, 0, start)
    after = _CLOCK_AFTER.match(sentence, end)
    clock = before or after
    if clock is None:
        return False
    if _HAS_ZONE.search(clock.group()):
        return True
    begin = before.start() if before is not None else start
    previous = sentence[:begin].split()[-1:]
    return not (previous and previous[0] in _PREPOSITIONS)


# --- attribution ---

_REPORTING = r"(?:said|says|told|reported|reports|announced|added|stated|claimed|confirmed|warned)"
_TRAILING = re.compile(
    rf",\s+((?:[\w'’.-]+\s+){{0,6}}?){_REPORTING}\b(?:\s+[\w'’.-]+){{0,4}}?\s*[.!]?[\"”]?$"
)
_LEADING_SPEAKER = re.compile(rf"^((?:[A-Z][\w'’.-]*\s+){{1,5}}?){_REPORTING}\b")
_ACCORDING_HEAD = re.compile(r"\baccording\s+to\s+", re.IGNORECASE)
_ACCORDING_WORD = re.compile(r"([\w'’.-]++)\s*+")


def _according(sentence: str) -> str | None:
    r"""Who "according to" names: group 1 of ``\baccording\s+to\s+((?:[\w'’.-]+\s*){1,6}?)
    (?=[,.;]|$)`` (ignoring case), found in linear time.

    That pattern splits a word into up to six pieces in every way (about n⁵/120 ways for a word
    of n letters: 50 letters took seconds, 100 minutes) before it fails. Its first match in the
    engine's order is found here directly: the words one by one (each with its spaces, up to
    six), stopping after the first one followed by ",", ".", ";" or the end; failing that, the
    last "." inside a word (after its first letter), the deepest word first, since a piece may
    end just before one. Splitting a word elsewhere only spends pieces on places the whole
    word reached first. ``tests/test_redos.py`` compares it with the pattern."""
    n = len(sentence)
    for head in _ACCORDING_HEAD.finditer(sentence):
        begin = pos = head.end()
        words: list[tuple[int, int]] = []
        while len(words) < 6 and (m := _ACCORDING_WORD.match(sentence, pos)) is not None:
            words.append((pos, m.end(1)))
            pos = m.end()
            if pos == n or sentence[pos] in ",.;" or (pos == n - 1 and sentence[pos] == "\n"):
                return sentence[begin:pos]
        for start, end in reversed(words):
            cut = sentence.rfind(".", start + 1, end)
            if cut != -1:
                return sentence[begin:cut]
    return None


def _group(pattern: re.Pattern[str]) -> Callable[[str], str | None]:
    def find(sentence: str) -> str | None:
        m = pattern.search(sentence)
        return None if m is None else m.group(1)

    return find


_ATTRIBUTIONS = (_group(_TRAILING), _according, _group(_LEADING_SPEAKER))


def attribution(sentence: str) -> str | None:
    """Who the sentence attributes its claim to, when it says ("the army", "officials")."""
    for find in _ATTRIBUTIONS:
        group = find(sentence)
        if group and group.strip():
            who = group.strip(" ,.")
            return who[0].lower() + who[1:] if who.split()[0] in ("The", "A") else who
    return None


# --- figures ---

QUANTITIES: dict[str, tuple[str, ...]] = {
    "deaths": ("dead", "deaths", "killed", "died", "fatalities", "lives", "bodies"),
    "injured": ("injured", "wounded", "injuries", "hurt"),
    "casualties": ("casualties",),
    "arrests": ("arrested", "arrests", "detained", "detentions"),
    "displaced": ("displaced", "evacuated", "homeless", "refugees"),
    "days": ("days",),
    "hours": ("hours",),
}
_NOUN_OF = {w: key for key, nouns in QUANTITIES.items() for w in nouns}
_FIGURE = re.compile(
    r"\b(\d{1,3}(?:,\d{3})+|\d+)(?!\s*(?:percent|%|km|kilometres|kilometers|miles|-year))"
    r"(?=((?:\s+[\w'’-]+){0,3}))",
    re.IGNORECASE,
)


_MOST_DIGITS = 640
"""The longest number read as a figure: Python refuses longer ones in ``int()`` when its digit
limit is set as low as allowed (640; 4,300 by default), so a hostile page could make it fail."""


@lru_cache(maxsize=1 << 14)
def figures(text: str) -> dict[str, frozenset[int]]:
    """Counts the text gives per quantity: "at least 70 people were killed" -> deaths {70}
    (cached: callers must not change the mapping)."""
    out: dict[str, set[int]] = {}
    for m in _FIGURE.finditer(text):
        digits = m.group(1).replace(",", "")
        if len(digits) > _MOST_DIGITS:
            continue  # no count; int() would refuse it (and take quadratic time)
        number = int(digits)
        if 1900 <= number <= 2100 and "," not in m.group(1):
            continue  # a year
        for w in words(m.group(2)):
            key = _NOUN_OF.get(w)
            if key is not None:
                out.setdefault(key, set()).add(number)
                break
    return {k: frozenset(v) for k, v in out.items()}


def conflicting(a: dict[str, frozenset[int]], b: dict[str, frozenset[int]]) -> str | None:
    """The first quantity (in QUANTITIES order) on which two readings give disjoint figures."""
    for key in QUANTITIES:
        if key in a and key in b and not a[key] & b[key]:
            return key
    return None


# --- event words ---

EVENT_CLASSES: dict[str, tuple[str, ...]] = {
    "meeting": ("talks", "negotiations", "negotiation", "meeting", "meetings", "round", "session",
                "summit", "conference", "dialogue"),
    "vote": ("vote", "election", "elections", "poll", "polls", "referendum", "ballot"),
    "truce": ("ceasefire", "truce", "armistice"),
    "attack": ("attack", "attacks", "strike", "strikes", "airstrike", "airstrikes", "bombing",
               "explosion", "explosions", "blast", "blasts", "bombings"),
    "quake": ("earthquake", "quake", "tremor", "aftershock"),
    "death": ("death", "died", "dies", "killed", "dead"),
    "protest": ("protest", "protests", "demonstration", "demonstrations", "rally", "rallies",
                "march"),
}  # fmt: skip
"""Nouns that name one kind of happening: two reports of one meeting say "talks" and "round"."""
_CLASS_OF = {w: f"~{key}" for key, ws in EVENT_CLASSES.items() for w in ws}
_DATE_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december week weeks month months year years day
    days ago last next today yesterday tomorrow earlier later morning evening night""".split()
)


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude English stem: a plural, -ed, -ing or -ion ending goes; at most 6 letters kept
    ("negotiations", "negotiators" -> "negoti")."""
    for suffix in ("ations", "ation", "ions", "ion", "ings", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:6]


@lru_cache(maxsize=1 << 14)
def event_words(text: str) -> frozenset[str]:
    """What names a mention's event: content-word stems without date words or bare numbers,
    plus the event class of each happening noun (``~meeting`` for "talks" and "round")."""
    out: set[str] = set()
    for w in words(text):
        w = w.removesuffix("'s")
        if w in STOPWORDS or w in _DATE_WORDS or w.isdigit():
            continue
        out.add(stem(w))
        cls = _CLASS_OF.get(w)
        if cls is not None:
            out.add(cls)
    return frozenset(out)


CLASS_STEMS = frozenset(stem(w) for ws in EVENT_CLASSES.values() for w in ws)
"""The stems of the event-class nouns: sharing "talks" is the kind, not one more word."""


def event_classes(words_: frozenset[str]) -> frozenset[str]:
    """The event classes among :func:`event_words`."""
    return frozenset(w for w in words_ if w.startswith("~"))


# --- relative times ---


RELATIVE_KINDS = frozenset({"ago", "in", "period", "weekday", "day", "thisyear", "pastyear"})
"""Phrases that name a time only from the moment of writing ("two weeks ago", "on Thursday",
"last week", "yesterday"); a calendar date without its year ("October 9") is not one."""


def relative_times(mentions: Iterable[Mention]) -> dict[Citation, tuple[ModelTimeRef, ...]]:
    """The relative phrases of each mentioned sentence ("two weeks ago", "on Thursday"), each
    with the date it resolves to from its report's publication day, in text order, each phrase
    once (read from the mentions, so a report's context settles them as it settles the dates)."""
    out: dict[Citation, list[ModelTimeRef]] = {}
    for m in sorted(mentions, key=lambda m: (m.sentence.citation, m.start)):
        if m.kind not in RELATIVE_KINDS:
            continue
        refs = out.setdefault(m.sentence.citation, [])
        if all(r.phrase != m.phrase for r in refs):
            refs.append(ModelTimeRef(phrase=m.phrase, date=m.date, precision=m.precision))
    return {c: tuple(refs) for c, refs in out.items()}
