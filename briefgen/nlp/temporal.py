"""Temporal expressions in one sentence, resolved against a publication date.

Candidate phrases are found with our own rules (month names must be capitalised, bare months and
years need a preposition, weekdays need a capital letter), so "may", "We" and percentages are never
read as dates. Each short phrase is then resolved on its own: explicit dates by construction (an
impossible date such as "February 30" is rejected), "two weeks ago" / "in three days" by dateparser
with ``RELATIVE_BASE`` set to the publication date, and weekdays / "last week" / "yesterday" by
calendar arithmetic in which the tense of the clause decides past or future.

With ``published=None`` only expressions that carry their own year are resolved; the relative ones
are skipped and counted by :func:`scan`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import dateparser

Precision = Literal["day", "week", "month", "year"]

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

_MON = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?"
    r"|Aug(?:ust|\.)?|Sep(?:tember|t\.?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_MON_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM = r"(?:\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|2[01]\d\d)"
_PREP = (
    r"(?:[Ii]n|[Ss]ince|[Bb]y|[Dd]uring|[Uu]ntil|[Tt]ill|[Ff]rom|[Tt]hrough(?:out)?|[Ee]arly"
    r"|[Mm]id|[Ll]ate|[Bb]efore|[Aa]fter|[Oo]f)"
)

_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_SPOKEN_YEAR = (
    rf"(?:[Nn]ineteen[\s-]+(?:{_TENS}(?:[\s-]+{_UNITS})?|{_TEENS})"
    rf"|(?<=\b[Yy]ear\s)two\s+thousand(?:\s+(?:and\s+)?(?:{_UNITS}|{_TEENS}))?)"
)
"""A year said in words, as broadcast transcripts write it ("nineteen ninety-six"); "two
thousand" only after "the year" (otherwise it is a number)."""
_DET = r"(?:[Aa]|[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Tt]hat)"
_MON_NAMEABLE = r"(?:January|February|March|June|July|August|September|October|November|December)"
"""Month names that follow a determiner as a month ("a June agreement"); "the May" and "April"
are too often names."""
_SINCE = re.compile(r"\bsince\s+(?:early\s+|mid-?|late\s+)?$", re.IGNORECASE)
""""since" before a date points back ("sold since his death on 25 June")."""
_ADVERBIAL = re.compile(
    r"(?:^|[;:(\[]|\s[–—-]{1,2}\s)\W*(?:(?:[Ii]n|[Oo]n|[Bb]y|[Ll]ate|[Ee]arly)\s+)?$"
)
"""A date phrase that opens its clause, alone or after one preposition ("In March, ...")."""
_DETERMINER = re.compile(r"\b(?:[Tt]he|[Aa]|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Oo]ur)\s+$")
"""A determiner right before a date makes it a noun's modifier ("the Nov. 1 deadline")."""
_DEADLINE = re.compile(
    r"\b(?:until|till|to|through|by|before|effective|payable|due|expires?|expiring)\W*$",
    re.IGNORECASE,
)
"""A target or deadline word right before a date ("extended to Nov. 20", "payable Jan. 2"): the
clause's past verb is the decision, not the date's event, so it does not put the date behind."""

# Each rule: (kind, compiled pattern). Earlier rules win over later ones on overlapping text.
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")),
    ("numeric", re.compile(r"\b(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>\d{4})\b")),
    (
        "mdy",
        re.compile(
            rf"(?:\b{_WD},?\s+)?\b(?P<mon>{_MON})\s+(?P<d>\d{{1,2}}){_ORD}\b"
            rf"(?!\s*(?:%|,\d|\.\d|per\s*cent))(?:\s*,?\s*(?P<y>{_YEAR})\b)?"
        ),
    ),
    (
        "dmy",
        re.compile(
            rf"(?:\b{_WD},?\s+)?\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mon>{_MON})"
            rf"(?![a-z])(?:\s*,?\s*(?P<y>{_YEAR})\b)?"
        ),
    ),
    ("my", re.compile(rf"\b(?P<mon>{_MON})\s+(?:of\s+)?(?P<y>{_YEAR})\b(?!\s*%)")),
    (
        "monthyear",
        re.compile(rf"\b(?P<mon>{_MON_FULL})\s+(?:of\s+)?(?P<q>last|next|this)\s+year\b"),
    ),
    (
        "spoken",
        re.compile(rf"(?:\b(?P<mon>{_MON_FULL})\s+|\b[Tt]he\s+year\s+)?\b(?P<sp>{_SPOKEN_YEAR})\b"),
    ),
    (
        "month",
        re.compile(
            rf"\b(?P<pre>{_PREP}|[Tt]o|[Aa]nd|[Ff]or|[Ll]ast|[Nn]ext|[Tt]his)[\s-]+(?P<mon>{_MON_FULL})\b"
            rf"|\b(?P<det>{_DET})\s+(?P<dmon>{_MON_NAMEABLE})\b(?!\s+\d)"
        ),
    ),
    ("year", re.compile(rf"\b(?P<pre>{_PREP})[\s-]+(?P<y>{_YEAR})\b(?![,.]\d|-\w|\s*%|\s*per)")),
    (
        "bareyear",
        re.compile(
            rf"(?<![\w$#£€.,/:-])(?P<y>{_YEAR})\b(?![,.:/]\d|-\d|\s*%|\s*(?:per(?:\s*cent)?\b|a\.m|p\.m|GMT|UTC"
            r"|hours?\b|hrs\b|local\b|(?:people|persons|troops|soldiers|men|women|children|workers"
            r"|residents|members|delegates|students|families|homes|houses|cars|vehicles|tons|tonnes"
            r"|feet|foot|meters|metres|miles|kilometers|kilometres|dollars|euros|pounds|yen|shares"
            r"|points|votes|jobs|cases|deaths|times|units|copies|acres|hectares|barrels)\b))"
        ),
    ),
    (
        "thisyear",
        re.compile(
            r"\b(?:[Tt]he\s+current(?:\s+fiscal|\s+calendar)?|[Tt]his\s+(?:fiscal|calendar))"
            r"\s+year\b"
            r"|\b(?:[Ff]or|[Oo]f|[Ii]n)\s+the\s+(?:(?:full|whole|entire|fiscal)\s+)?year\b"
            r"(?![\s-]*(?:ended|ending|to\b|before|after|earlier|ago|when|in\s+which|that|two|\d"
            r"|-|['’]s))"
        ),
    ),
    (
        "pastyear",
        re.compile(r"\b(?:[Ii]n|[Oo]ver|[Dd]uring)\s+the\s+(?:past|last)\s+year\b(?!\s+of)"),
    ),
    (
        "ago",
        re.compile(
            rf"\b(?P<n>{_NUM}|a couple of)\s+(?P<u>day|week|month|year)s?\s+ago\b", re.IGNORECASE
        ),
    ),
    (
        "in",
        re.compile(
            rf"\b(?:in|within)\s+(?P<n>{_NUM}|a couple of)\s+(?P<u>day|week|month|year)s?"
            r"(?:['’]\s*time)?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "period",
        re.compile(
            r"\b(?P<q>last|next|this|earlier\s+this|later\s+this|the\s+previous|the\s+following"
            r"|the\s+coming|the\s+next)\s+(?P<u>week(?:end)?|month|year)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?:(?P<mod>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Oo]n|[Ll]ate|[Ee]arly)\s+)?"
            rf"(?P<wd>{_WD})(?:\s+(?P<part>morning|afternoon|evening|night))?\b(?!\s*\d)"
        ),
    ),
    (
        "day",
        re.compile(
            r"\b(?P<w>today|tonight|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon"
            r"|evening)|the\s+(?:previous|following|next)\s+day|the\s+day\s+(?:before|after))\b",
            re.IGNORECASE,
        ),
    ),
)

_MONTH_ANCHORS = tuple(_MONTHS)
_GATES: dict[str, tuple[bool, tuple[str, ...]]] = {
    "iso": (True, ()),
    "numeric": (True, ()),
    "mdy": (True, _MONTH_ANCHORS),
    "dmy": (True, _MONTH_ANCHORS),
    "my": (True, _MONTH_ANCHORS),
    "month": (False, _MONTH_ANCHORS),
    "year": (True, ()),
    "monthyear": (False, ("year",)),
    "spoken": (False, ("nineteen", "thousand")),
    "bareyear": (True, ()),
    "thisyear": (False, ("year",)),
    "pastyear": (False, ("year",)),
    "ago": (False, ("ago",)),
    "in": (False, ("day", "week", "month", "year")),
    "period": (False, ("week", "month", "year")),
    "weekday": (False, ("day",)),
    "day": (False, ("day", "night", "tomorrow", "morning", "afternoon", "evening")),
}
"""Per rule: whether every match holds a digit, and lower-case substrings one of which every
match holds. A rule is run only on a sentence that passes its gate (most sentences name no date);
the matches are the rule's own."""
_DIGIT = re.compile(r"\d")


_INTENT = (
    r"(?:agree[sd]?|agreements?|decided?|decisions?|plans?|planned|pledged?|vow(?:ed|s)?"
    r"|promised?|intends?|intended|hopes?|hoped|aims?|aimed|prepar(?:e[sd]?|ing)|ready|poised"
    r"|set|due|expected|scheduled|deal|commitment|invit(?:ed?|ation)|offered|proposed?"
    r"|proposals?|arrangements?|called|urged?|asked)"
)
"""Words whose infinitive names an event still ahead ("agreed to meet", "a deal to reopen")."""
_INFINITIVE = (
    r"to\s+(?!(?:a|an|the|this|that|these|those|its|their|his|her|our|my|your|some|any|no|all"
    r"|each|every|be|have)\b)(?![\w'’-]*[^\W_su]s\b)(?-i:[a-z])\w*"
)
"""``to`` + a verb-like word: lower case, no determiner, no plural noun ("agreed to talks")."""
_MODAL = (
    r"will|shall|won't|['’]ll|going\s+to|set\s+to|due\s+to|expected\s+to|scheduled|plans?\s+to"
    r"|planned|to\s+be\s+held|upcoming|would\s+(?:not\s+)?(?:resume|meet|begin|start|hold|return"
    r"|reconvene|sign|vote|visit|travel|open|close|take\s+place)"
    r"|(?:promised|pledged|vowed|poised|ready|supposed)\s+to|expects?\s+to"
    r"|(?:is|are)\s+(?:expected|scheduled|due|slated)\b|would\s+(?:not\s+)?be\b"
    r"|(?<!\bseem\s)(?<!\bseems\s)(?<!\bseemed\s)(?<!\bappears\s)(?<!\bappeared\s)(?<!\bsaid\s)"
    r"(?<!\bthought\s)(?<!\bbelieved\s)(?<!\bknown\s)(?<!\bhad\s)(?<!\bused\s)(?<!\bfound\s)"
    r"(?<!\breported\s)(?<!\bshown\s)(?<!\bproved\s)(?<!\bproven\s)(?<!\bseen\s)(?<!\balleged\s)"
    r"(?<!\bclaimed\s)(?<!\bconsidered\s)(?<!\bunderstood\s)(?<!\bestimated\s)to\s+be\b"
    rf"|{_INTENT}\s+(?:[\w'’]+\s+){{0,2}}?{_INFINITIVE}"
)
_FUTURE = re.compile(
    rf"\b(?:{_MODAL}|(?:is|are)\s+\w+ing|resumes?|begins?|starts|opens|meets|convenes?"
    r"|(?<!\bto\s)(?<!\bdid\s)(?<!\bnot\s)(?<!n't\s)meet"
    r"|takes\s+place)\b",
    re.IGNORECASE,
)
"""Markers of a future clause. An intention word with an infinitive ("agreed to reconvene",
"an agreement to extend the truce and reconvene") marks the infinitive's event as still ahead."""
_FUTURE_AFTER = re.compile(
    r"\b(?:will|shall|won't|['’]ll|going\s+to|(?:set|due|expected|scheduled|poised|ready|plans?"
    r"|hopes?|aims?|intends?|wants?)\s+to|would\s+(?:not\s+)?(?:resume|meet|begin|start|hold"
    r"|return|reconvene|sign|vote|visit|travel|open|close|take\s+place))\b",
    re.IGNORECASE,
)
"""The future markers that may decide from after a fronted phrase ("In Sunday's vote, citizens
are expected to ..."): modal forms only, not a present tense ("Sunday Service meets") nor a
purpose ("in an effort to")."""
_FRONT = re.compile(r"(?:^|[;:(\[]|\s[–—-]{1,2}\s)\W*(?:[A-Za-z]+\W+){0,2}$")
"""A phrase is fronted when at most two words ("In", "On the") open its clause before it."""
_QUANTITY = re.compile(
    r"\b(?:about|some|nearly|almost|over|under|than|least|approximately|around|roughly|only"
    r"|just|another|all|the\s+first|the\s+last|No\.|[Nn]umber|[Rr]oom|[Ff]light|[Rr]oute"
    r"|[Pp]age|[Ss]ection|[Aa]rticle|[Mm]odel|[Cc]lause|[Ff]orm|[Pp]rotocol|[Rr]esolution)\s*$"
)
"""Words before a bare four-digit number that make it a count or a label, not a year."""
_NAMED = re.compile(rf"(?<![.!?\"“(]\s)(?<!^)\b(?!{_MON_FULL}\b|{_WD}\b)[A-Z][\w&-]*\s+$")
"""A capitalised word (not a month or weekday, not opening the sentence) before a bare four-digit
number makes it part of a name ("Orion 1980", "Windows 2000")."""
_ANAPHORIC = re.compile(
    r"\b(?:the\s+(?:previous|following|preceding)|(?:on|by|until|from|since|before|after|of)\s+that)"
    r"\s+(?:same\s+|very\s+)?"
    r"(?:week(?:end)?|month|year|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$",
    re.IGNORECASE,
)
"""A weekday or period counted from another day the story names, not from publication."""
_SUPERLATIVE = re.compile(
    r"\b(?:\w\w+est|first|last|most|least|best|worst|only)\b(?:\s+[\w'’-]+){0,4}\s*$",
    re.IGNORECASE,
)
"""A superlative shortly before "in a year" makes it a span ("the highest level in three years")."""
_AHEAD_KINDS = frozenset({"weekday", "mdy", "dmy", "month"})
"""Phrase kinds whose date depends on tense; only they may take it from the words after them."""
Tense = Literal["past", "future"] | None
_PAST_PHRASES = ("yesterday", "last", "the previous", "the day before", "earlier", "late last")
_FUTURE_PHRASES = (
    "next", "the next", "the coming", "coming", "tomorrow", "later this", "the following",
    "the day after",
)  # fmt: skip
_PASSIVE = re.compile(r"\b(?:be|been|being)\s+\w+", re.IGNORECASE)
_ADJECTIVE_ED = re.compile(
    r"(\b(?:a|an|the|its|their|his|her|our|your|my)\s+(?:\w+ly\s+|still\s+)?\w+)ed\b",
    re.IGNORECASE,
)
"""An -ed word right after a determiner is an adjective ("a still unspecified date")."""
_PERFECT = re.compile(
    r"\b(?:has|have|['’]ve)(?:\s+(?:not|never|yet|already|also|still|just|now|so\s+far|\w+ly))*"
    r"\s+(?!been\b)\w+(?:ed|en|wn|ne|t)\b",
    re.IGNORECASE,
)
"""A present perfect ("has not confirmed"): a present state, not a past event on a day."""
_PLUPERFECT_INTENT = re.compile(
    rf"\bhad\s+(?:not\s+|\w+ly\s+)?{_INTENT}\s+(?:[\w'’]+\s+){{0,2}}?{_INFINITIVE}",
    re.IGNORECASE,
)
"""An intention in the past perfect ("had decided to delay it until Monday") is told from a
past point of view: its infinitive's day may already be over, so it is no future marker."""
_PAST = re.compile(
    r"\b(?:said|was|were|had|did|ago|last|(?!\w*ceed\b|need\b|hundred\b)\w+ed|met|began|came|took|left|went|made|held|fell|rose"
    r"|began|won|lost|saw|told|gave|struck|hit|shot|fought|broke|brought|bought|sold|paid|sent"
    r"|found|got|led|ran|spent|built|kept|knew|became|chose|drove|fled|flew|grew|heard|meant"
    r"|sought|spoke|stood|stole|taught|threw|wrote|withdrew|forgot|swore|woke|rode|sank|seized)\b",
    re.IGNORECASE,
)
_CLAUSE_BEFORE = re.compile(
    r";|:|\s[–—]\s|\b(?:but|while|although|though|whereas|because|after)\s", re.IGNORECASE
)
"""Where the clause holding a date phrase starts (the last of these before it)."""
_CLAUSE_AFTER = re.compile(
    r";|:|[()\[\]]|\s[–—-]{1,2}\s|,\s+(?:which|who|where|and|but)\b|\b(?:but|while|although|though|whereas"
    r"|because|that|which|who|after|before|when|since|until)\s",
    re.IGNORECASE,
)
"""Where the clause holding a date phrase ends (the first of these after it)."""
WINDOW_WORDS = 10
"""How many words of its clause on each side of a date phrase may decide its tense."""


@dataclass(frozen=True)
class TimeRef:
    """One temporal expression in a sentence, resolved to a date."""

    phrase: str
    """The matched text."""
    start: int
    """Character offset of the phrase in the sentence."""
    end: int
    """Character offset just past the phrase."""
    date: dt.date
    """The resolved date; the first day of the period for week / month / year precision."""
    precision: Precision
    """How much of the date the phrase pins down."""
    relative: bool
    """True when the publication date was needed to resolve it."""
    scheduled: bool
    """True when it points after the publication date, or to the publication day itself from a
    future-tense clause (a day before publication is over, whatever the clause's tense)."""
    kind: str = ""
    """The rule that found it: ``weekday``, ``mdy``, ``period``, ``ago`` ..."""


@dataclass(frozen=True)
class Scan:
    """Everything :func:`scan` found in one sentence."""

    refs: tuple[TimeRef, ...]
    skipped_relative: int = 0
    """Relative expressions left unresolved because the publication date was unknown."""
    invalid: int = 0
    """Candidate phrases naming an impossible date (``February 30``, ``31/04/2025``)."""


def extract(sentence: str, published: dt.date | None, *, day_first: bool = True) -> list[TimeRef]:
    """Every resolvable temporal expression in ``sentence``, in text order."""
    return list(scan(sentence, published, day_first=day_first).refs)


def scan(
    sentence: str,
    published: dt.date | None,
    *,
    day_first: bool = True,
    future_weekdays: frozenset[int] = frozenset(),
) -> Scan:
    """Find candidate phrases, resolve each against ``published``, and count what was skipped.

    ``future_weekdays`` (Monday = 0) are weekdays the same report already places ahead of its
    publication ("talks are expected to resume on Saturday"): a bare weekday whose own clause
    leaves the tense open ("details about Saturday's meeting") is read as that coming day."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, str, re.Match[str]]] = []
    low = sentence.lower()
    digit = _DIGIT.search(sentence) is not None
    for kind, pattern in _RULES:
        needs_digit, anchors = _GATES[kind]
        if (needs_digit and not digit) or (anchors and not any(a in low for a in anchors)):
            continue
        for m in pattern.finditer(sentence):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            found.append((s, e, kind, m))
    refs: list[TimeRef] = []
    skipped = invalid = 0
    for s, e, kind, m in sorted(found, key=lambda f: f[0]):
        if kind == "bareyear" and (
            _QUANTITY.search(sentence, 0, s) or _NAMED.search(sentence, 0, s)
        ):
            continue
        if kind in ("weekday", "period") and _ANAPHORIC.search(sentence, 0, e):
            continue  # "the previous Friday", "the following year": relative to the story's time
        if kind == "period" and m.group("u")[0].isupper():
            continue  # "This Week", "Next Month": a title
        if kind == "in" and _SUPERLATIVE.search(sentence, 0, s):
            continue  # "the smallest gain in a year": a span, not a date ahead
        ahead = kind in _AHEAD_KINDS and not m.groupdict().get("y")
        tense = "future" if kind == "in" else _tense(sentence, s, e, ahead)
        if (kind == "month" and m.group("det")) or (ahead and _DETERMINER.search(sentence, 0, s)):
            tense = None  # "a June agreement", "the June 12 summit": a modifier, not the event
        if tense == "past" and ahead and _DEADLINE.search(sentence, 0, s):
            tense = None
        elif tense != "future" and ahead and _SINCE.search(sentence, 0, s):
            tense = "past"
        elif tense is None and ahead and _opens_clause(sentence, s, e):
            tense = _past_after(sentence[e:])
        if tense is None and kind == "weekday" and _weekday(m) in future_weekdays:
            tense = "future"
        try:
            res = _resolve(kind, m, published, tense, day_first)
        except ValueError:
            invalid += 1
            continue
        if res is None:
            skipped += 1
            continue
        date, precision, relative = res
        future = tense == "future"
        scheduled = (
            future if published is None else date > published or (future and date == published)
        )
        refs.append(TimeRef(m.group(0), s, e, date, precision, relative, scheduled, kind))
    return Scan(tuple(refs), skipped, invalid)


def scan_document(
    sentences: Sequence[str], published: dt.date | None, *, day_first: bool = True
) -> tuple[Scan, ...]:
    """:func:`scan` of each sentence of one report, with the report as context: weekdays that some
    sentence places ahead of publication by its own tense settle the open-tense mentions of the
    same weekday elsewhere in the report."""
    first = [scan(s, published, day_first=day_first) for s in sentences]
    ahead = frozenset(
        r.date.weekday()
        for found in first
        for r in found.refs
        if r.kind == "weekday" and r.scheduled
    )
    if not ahead:
        return tuple(first)
    return tuple(
        scan(s, published, day_first=day_first, future_weekdays=ahead)
        if any(r.kind == "weekday" and not r.scheduled for r in found.refs)
        else found
        for s, found in zip(sentences, first, strict=True)
    )


def _weekday(m: re.Match[str]) -> int:
    """Monday = 0 for a match of the weekday rule."""
    return _WEEKDAYS.index((m.group("wd") or "").lower())


def _tense(sentence: str, start: int, end: int, ahead: bool = False) -> Tense:
    """The direction a phrase points in, from its own clause. Some phrases carry it ("ago",
    "yesterday", "last", "next", "tomorrow", "in two weeks"). Otherwise the latest tense marker
    among the WINDOW_WORDS words of its clause before it decides ("will", "is set to", "agreed to
    reconvene" -> future; "said", "-ed" -> past; a present perfect such as "has not confirmed"
    leaves it open). With ``ahead`` and the phrase fronted in its clause ("In Sunday's vote,
    citizens are expected to ..."), a modal form right after it decides (:func:`_tense_after`)."""
    phrase = " ".join(sentence[start:end].lower().split())
    if phrase.endswith(" ago") or phrase.startswith(_PAST_PHRASES):
        return "past"
    if phrase.startswith(_FUTURE_PHRASES):
        return "future"
    before = sentence[:start]
    cut = max((m.end() for m in _CLAUSE_BEFORE.finditer(before)), default=0)
    clause = _ADJECTIVE_ED.sub(r"\1~~", before[cut:])  # "the reduced dividend": no past tense
    clause = _PASSIVE.sub("be", clause)  # "will be held" is not a past tense
    window = " ".join(clause.split()[-WINDOW_WORDS:])
    window = _PLUPERFECT_INTENT.sub(lambda m: "had" + "~" * (len(m.group()) - 3), window)
    last_future = max((m.end() for m in _FUTURE.finditer(window)), default=-1)
    last_perfect = max((m.end() for m in _PERFECT.finditer(window)), default=-1)
    last_past = max((m.end() for m in _PAST.finditer(_mask_perfect(window))), default=-1)
    if last_perfect > max(last_future, last_past):
        return None
    if last_future >= 0 and last_future >= last_past:  # "scheduled" is both: future wins
        return "future"
    if last_past >= 0:
        return "past"
    if ahead and _FRONT.search(before):
        return _tense_after(sentence[end:])
    return None


def _opens_clause(sentence: str, start: int, end: int) -> bool:
    """Is the phrase a fronted adverbial ("In March, ...", "August 13: ...")?"""
    fronted = _ADVERBIAL.search(sentence, 0, start) is not None
    return fronted and sentence.startswith((",", ":"), end)


def _past_after(after: str) -> Tense:
    """Past when the main clause after a fronted date phrase ("In March, the company received
    ...") has a past verb among its first WINDOW_WORDS words and no future marker before it."""
    text = after.lstrip(" ,:;–—-")
    stop = _CLAUSE_AFTER.search(text)
    window = " ".join(text[: stop.start() if stop else len(text)].split()[:WINDOW_WORDS])
    window = re.sub(r",\s*\w+ed\b", ",", window)  # ", entitled ...": a participle, no verb
    past = _PAST.search(_mask_perfect(_PASSIVE.sub("be", window)))
    future = _FUTURE.search(window)
    if past is None or (future is not None and future.start() < past.start()):
        return None
    return "past"


def _not_a_year(sentence: str, start: int) -> bool:
    """Does the word before a bare four-digit number make it a count or a name?"""
    return bool(_QUANTITY.search(sentence, 0, start) or _NAMED.search(sentence, 0, start))


def _mask_perfect(text: str) -> str:
    """``text`` with each present perfect blanked out, offsets kept ("has confirmed" is no past
    tense)."""
    return _PERFECT.sub(lambda m: "~" * len(m.group()), text)


def _tense_after(after: str) -> Tense:
    """Future when a modal or intention form (:data:`_FUTURE_AFTER`) comes first among the
    WINDOW_WORDS words after a phrase, within its clause, before any past or perfect verb; else
    open (``None``): a past verb after the phrase may belong to another event."""
    stop = _CLAUSE_AFTER.search(after)
    window = " ".join(after[: stop.start() if stop else len(after)].split()[:WINDOW_WORDS])
    window = _PASSIVE.sub("be", window)
    future = _FUTURE_AFTER.search(window)
    if future is None:
        return None
    past = _PAST.search(_mask_perfect(window))
    perfect = _PERFECT.search(window)
    blockers = [m.start() for m in (past, perfect) if m is not None]
    return "future" if future.start() <= min(blockers, default=len(window)) else None


def _month(name: str) -> int:
    return _MONTHS[name[:3].lower()]


_TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_WORD_VALUES = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
        " fifteen sixteen seventeen eighteen nineteen".split()
    )
} | {
    w: 10 * n
    for n, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)
}


def _spoken_year(text: str) -> int:
    """ "nineteen ninety-six" -> 1996, "two thousand and one" -> 2001."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w not in ("and", "hundred")]
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(_WORD_VALUES[w] for w in words[2:])
    return 1900 + sum(_WORD_VALUES[w] for w in words[1:])


def _number(text: str) -> int:
    t = text.lower()
    if t == "a couple of":
        return 2
    return int(t) if t.isdigit() else _NUMBERS[t]


def _monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def _add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    return dt.date(y, m + 1, 1)


def _pick_year(month: int, day: int, published: dt.date, tense: Tense) -> dt.date:
    """The year for a month-day phrase: the next one for future clauses, the latest one up to the
    publication day for past ones, else the latest one not more than 120 days after publication
    (so "December 28" in a January report is last year's)."""
    options = []
    for y in (published.year - 1, published.year, published.year + 1):
        try:
            options.append(dt.date(y, month, day))
        except ValueError:
            continue
    if not options:
        raise ValueError(f"no year has {month}-{day}")
    if tense == "future":
        ahead = [d for d in options if d >= published - dt.timedelta(days=1)]
        return min(ahead) if ahead else max(options)
    slack = dt.timedelta(days=1 if tense == "past" else 120)
    behind = [d for d in options if d <= published + slack]
    return max(behind) if behind else min(options)


def _resolve(
    kind: str, m: re.Match[str], published: dt.date | None, tense: Tense, day_first: bool
) -> tuple[dt.date, Precision, bool] | None:
    """(date, precision, relative) for one candidate; ``None`` when it needs an unknown date.
    Raises ``ValueError`` for an impossible date."""
    g = m.groupdict()
    if kind == "iso":
        return dt.date(int(g["y"]), int(g["m"]), int(g["d"])), "day", False
    if kind == "numeric":
        a, b = int(g["a"]), int(g["b"])
        day, month = (a, b) if day_first else (b, a)
        return dt.date(int(g["y"]), month, day), "day", False
    if kind in ("mdy", "dmy"):
        month, day = _month(g["mon"]), int(g["d"])
        if g.get("y"):
            return dt.date(int(g["y"]), month, day), "day", False
        if published is None:
            if not 1 <= day <= 31:
                raise ValueError("day out of range")
            return None
        return _pick_year(month, day, published, tense), "day", True
    if kind == "my":
        return dt.date(int(g["y"]), _month(g["mon"]), 1), "month", False
    if kind in ("year", "bareyear"):
        return dt.date(int(g["y"]), 1, 1), "year", False
    if kind == "spoken":
        year = _spoken_year(g["sp"])
        if g.get("mon"):
            return dt.date(year, _month(g["mon"]), 1), "month", False
        return dt.date(year, 1, 1), "year", False
    if published is None:
        return None
    if kind == "monthyear":
        delta = {"last": -1, "next": 1}.get(g["q"], 0)
        return dt.date(published.year + delta, _month(g["mon"]), 1), "month", True
    if kind in ("thisyear", "pastyear"):
        return dt.date(published.year - (kind == "pastyear"), 1, 1), "year", True
    if kind == "month":
        pre = (g.get("pre") or "").lower()
        if m.string.startswith(("'s", "’s"), m.end()):  # "to December's figures": a name
            pre = ""
        month = _month(g.get("mon") or g.get("dmon") or "")
        return _resolve_month(month, pre, published, tense), "month", True
    if kind in ("ago", "in"):
        n, unit = _number(g["n"]), g["u"].lower()
        if kind == "ago" and unit == "year" and n == 1:  # "a year ago": the month a year back
            return _add_months(published.replace(day=1), -12), "month", True
        return _resolve_offset(kind, n, unit, published)
    if kind == "period":
        return _resolve_period(" ".join(g["q"].lower().split()), g["u"].lower(), published)
    if kind == "weekday":
        return _resolve_weekday(g, published, tense == "future"), "day", True
    return _resolve_day(" ".join(g["w"].lower().split()), published), "day", True


_TOWARD = frozenset({"by", "until", "till", "before"})
"""Prepositions that point a month ahead when the clause's tense leaves it open ("by May")."""


def _resolve_month(month: int, pre: str, published: dt.date, tense: Tense) -> dt.date:
    """A bare month: "this" the one in the publication year; "next"/future clauses (and an
    untensed "by"/"until" ...) the next one from publication (strictly after it for "next");
    "last" the latest one before the publication month, past clauses the latest one up to it,
    and untensed ones the latest one at most two months ahead."""
    if pre == "this":
        return dt.date(published.year, month, 1)
    now = published.year * 12 + published.month - 1
    options = [(published.year + dy) * 12 + month - 1 for dy in (-1, 0, 1)]
    if tense is None and pre in _TOWARD:
        tense = "future"
    if pre == "next":
        index = min(i for i in options if i > now)
    elif tense == "future" and pre != "last":
        index = min(i for i in options if i >= now)
    elif pre == "last" or tense == "past":
        index = max(i for i in options if i <= now + (-1 if pre == "last" else 0))
    else:
        index = max(i for i in options if i <= now + 2)
    y, m0 = divmod(index, 12)
    return dt.date(y, m0 + 1, 1)


@lru_cache(maxsize=4096)
def _dateparser(phrase: str, base: dt.date) -> dt.date | None:
    """dateparser on one short phrase, relative to ``base`` (never on whole text)."""
    settings = {
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    return parsed.date() if parsed is not None else None


def _resolve_offset(
    kind: str, n: int, unit: str, published: dt.date
) -> tuple[dt.date, Precision, bool] | None:
    phrase = f"{n} {unit}s ago" if kind == "ago" else f"in {n} {unit}s"
    date = _dateparser(phrase, published)
    if date is None:
        return None
    if unit == "week":
        return _monday(date), "week", True
    if unit == "month":
        return date.replace(day=1), "month", True
    if unit == "year":
        return dt.date(date.year, 1, 1), "year", True
    return date, "day", True


def _resolve_period(q: str, unit: str, published: dt.date) -> tuple[dt.date, Precision, bool]:
    step = {"last": -1, "the previous": -1, "next": 1, "the following": 1, "the coming": 1}
    delta = step.get(q, 1 if q == "the next" else 0)
    if unit == "weekend":
        saturday = _monday(published) + dt.timedelta(days=5 + 7 * delta)
        return saturday, "day", True
    if unit == "week":
        return _monday(published) + dt.timedelta(weeks=delta), "week", True
    if unit == "month":
        return _add_months(published.replace(day=1), delta), "month", True
    return dt.date(published.year + delta, 1, 1), "year", True


def _resolve_weekday(g: dict[str, str | None], published: dt.date, future: bool) -> dt.date:
    """A weekday: the publication day itself when it matches; otherwise the latest such day before
    publication, or the next one after it in a future clause (or after "next" / "coming")."""
    target = _WEEKDAYS.index((g["wd"] or "").lower())
    mod = (g["mod"] or "").lower()
    back = (published.weekday() - target) % 7
    if mod == "last":
        return published - dt.timedelta(days=back or 7)
    if mod in ("next", "coming") or (future and mod != "last"):
        ahead = (target - published.weekday()) % 7
        if mod == "next" and ahead == 0:
            ahead = 7
        return published + dt.timedelta(days=ahead)
    return published - dt.timedelta(days=back)


def _resolve_day(word: str, published: dt.date) -> dt.date:
    offsets = {
        "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
        "yesterday": -1, "last night": -1, "the previous day": -1, "the day before": -1,
        "tomorrow": 1, "the following day": 1, "the next day": 1, "the day after": 1,
    }  # fmt: skip
    return published + dt.timedelta(days=offsets[word])
