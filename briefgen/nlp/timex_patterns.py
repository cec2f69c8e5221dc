"""Candidate date phrases: the rules that find them in a sentence, and their filters.

Each rule is a regular expression with a *kind* (``mdy``, ``weekday``, ``bareyear`` ...) and a
cheap gate; :mod:`briefgen.nlp.temporal` runs them and resolves each match with
:mod:`briefgen.nlp.calendar`. Month names must be capitalised, bare months need a preposition or
a determiner, bare years must not be counts, labels or names, weekdays need a capital letter.
"""

from __future__ import annotations

import re
from typing import Literal

from briefgen.nlp.patterns import lazy
from briefgen.nlp.tense import Tense as Tense

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
_SINCE = lazy(r"\bsince\s+(?:early\s+|mid-?|late\s+)?$", re.IGNORECASE)
""""since" before a date points back ("sold since his death on 25 June")."""
_ADVERBIAL = lazy(r"(?:^|[;:(\[]|\s[–—-]{1,2}\s)\W*(?:(?:[Ii]n|[Oo]n|[Bb]y|[Ll]ate|[Ee]arly)\s+)?$")
"""A date phrase that opens its clause, alone or after one preposition ("In March, ...")."""
_DETERMINER = lazy(r"\b(?:[Tt]he|[Aa]|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Oo]ur)\s+$")
"""A determiner right before a date makes it a noun's modifier ("the Nov. 1 deadline")."""
_DEADLINE = lazy(
    r"\b(?:until|till|to|through|by|before|effective|payable|due|expires?|expiring)\W*$",
    re.IGNORECASE,
)
"""A target or deadline word right before a date ("extended to Nov. 20", "payable Jan. 2"): the
clause's past verb is the decision, not the date's event, so it does not put the date behind."""

# Each rule: (kind, compiled pattern). Earlier rules win over later ones on overlapping text.
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", lazy(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")),
    ("numeric", lazy(r"\b(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>\d{4})\b")),
    (
        "range",
        lazy(
            rf"\b(?:(?P<pre>[Bb]etween|[Ff]rom)\s+)?(?P<mon>{_MON})\s+(?P<d>\d{{1,2}}){_ORD}"
            rf"\s*(?P<sep>and|to|through|until|till|-|–|—)\s*(?P<d2>\d{{1,2}}){_ORD}\b"
            rf"(?!\s*(?:%|,\d|\.\d|[:/]\d|per\b))(?:\s*,?\s*(?P<y>{_YEAR})\b)?"
        ),
    ),
    (
        "drange",
        lazy(
            rf"\b(?:(?P<pre>[Bb]etween|[Ff]rom)\s+)?(?P<d>\d{{1,2}}){_ORD}"
            rf"\s*(?P<sep>and|to|through|until|till|-|–|—)\s*(?P<d2>\d{{1,2}}){_ORD}\s+"
            rf"(?:of\s+)?(?P<mon>{_MON})(?![a-z])(?:\s*,?\s*(?P<y>{_YEAR})\b)?"
        ),
    ),
    (
        "mdy",
        lazy(
            rf"(?:\b{_WD},?\s+)?\b(?P<mon>{_MON})\s+(?P<d>\d{{1,2}}){_ORD}\b"
            rf"(?!\s*(?:%|,\d|\.\d|per\s*cent))(?:\s*,?\s*(?P<y>{_YEAR})\b)?"
        ),
    ),
    (
        "dmy",
        lazy(
            rf"(?:\b{_WD},?\s+)?\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mon>{_MON})"
            rf"(?![a-z])(?:\s*,?\s*(?P<y>{_YEAR})\b)?"
        ),
    ),
    ("my", lazy(rf"\b(?P<mon>{_MON})\s+(?:of\s+)?(?P<y>{_YEAR})\b(?!\s*%)")),
    (
        "monthyear",
        lazy(rf"\b(?P<mon>{_MON_FULL})\s+(?:of\s+)?(?P<q>last|next|this)\s+year\b"),
    ),
    (
        "spoken",
        lazy(rf"(?:\b(?P<mon>{_MON_FULL})\s+|\b[Tt]he\s+year\s+)?\b(?P<sp>{_SPOKEN_YEAR})\b"),
    ),
    (
        "month",
        lazy(
            rf"\b(?P<pre>{_PREP}|[Tt]o|[Aa]nd|[Ff]or|[Ll]ast|[Nn]ext|[Tt]his)[\s-]+(?P<mon>{_MON_FULL})\b"
            rf"|\b(?P<det>{_DET})\s+(?P<dmon>{_MON_NAMEABLE})\b(?!\s+\d)"
        ),
    ),
    ("year", lazy(rf"\b(?P<pre>{_PREP})[\s-]+(?P<y>{_YEAR})\b(?![,.]\d|-\w|\s*%|\s*per)")),
    (
        "bareyear",
        lazy(
            rf"(?<![\w$#£€.,/:-])(?P<y>{_YEAR})\b(?![,.:/]\d|-\d|\s*%|\s*(?:per(?:\s*cent)?\b|a\.m|p\.m|GMT|UTC"
            r"|hours?\b|hrs\b|local\b|(?:people|persons|troops|soldiers|men|women|children|workers"
            r"|residents|members|delegates|students|families|homes|houses|cars|vehicles|tons|tonnes"
            r"|feet|foot|meters|metres|miles|kilometers|kilometres|dollars|euros|pounds|yen|shares"
            r"|points|votes|jobs|cases|deaths|times|units|copies|acres|hectares|barrels)\b))"
        ),
    ),
    (
        "thisyear",
        lazy(
            r"\b(?:[Tt]he\s+current(?:\s+fiscal|\s+calendar)?|[Tt]his\s+(?:fiscal|calendar))"
            r"\s+year\b"
            r"|\b(?:[Ff]or|[Oo]f|[Ii]n)\s+the\s+(?:(?:full|whole|entire|fiscal)\s+)?year\b"
            r"(?![\s-]*(?:ended|ending|to\b|before|after|earlier|ago|when|in\s+which|that|two|\d"
            r"|-|['’]s))"
        ),
    ),
    (
        "pastyear",
        lazy(r"\b(?:[Ii]n|[Oo]ver|[Dd]uring)\s+the\s+(?:past|last)\s+year\b(?!\s+of)"),
    ),
    (
        "ago",
        lazy(rf"\b(?P<n>{_NUM}|a couple of)\s+(?P<u>day|week|month|year)s?\s+ago\b", re.IGNORECASE),
    ),
    (
        "in",
        lazy(
            rf"\b(?:in|within)\s+(?P<n>{_NUM}|a couple of)\s+(?P<u>day|week|month|year)s?"
            r"(?:['’]\s*time)?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "period",
        lazy(
            r"\b(?P<q>last|next|this|earlier\s+this|later\s+this|the\s+previous|the\s+following"
            r"|the\s+coming|the\s+next)\s+(?P<u>week(?:end)?|month|year)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "weekday",
        lazy(
            rf"\b(?:(?P<mod>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Oo]n|[Ll]ate|[Ee]arly)\s+)?"
            rf"(?P<wd>{_WD})(?:\s+(?P<part>morning|afternoon|evening|night))?\b(?!\s*\d)"
        ),
    ),
    (
        "day",
        lazy(
            r"\b(?P<w>today|tonight|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon"
            r"|evening)|the\s+(?:previous|following|next)\s+day|the\s+day\s+(?:before|after))\b",
            re.IGNORECASE,
        ),
    ),
)

_MONTH_CAPS = tuple(m.capitalize() for m in _MONTHS)
_WEEKDAY_CAPS = tuple(w.capitalize() for w in _WEEKDAYS)
_GATES: dict[str, tuple[int, tuple[str, ...], tuple[str, ...]]] = {
    "iso": (4, (), ()),
    "numeric": (4, (), ()),
    "range": (1, (), _MONTH_CAPS),
    "drange": (1, (), _MONTH_CAPS),
    "mdy": (1, (), _MONTH_CAPS),
    "dmy": (1, (), _MONTH_CAPS),
    "my": (4, (), _MONTH_CAPS),
    "month": (0, (), _MONTH_CAPS),
    "year": (4, (), ()),
    "monthyear": (0, ("year",), _MONTH_CAPS),
    "spoken": (0, ("nineteen", "thousand"), ()),
    "bareyear": (4, (), ()),
    "thisyear": (0, ("year",), ()),
    "pastyear": (0, ("year",), ()),
    "ago": (0, ("ago",), ()),
    "in": (0, ("day", "week", "month", "year"), ()),
    "period": (0, ("week", "month", "year"), ()),
    "weekday": (0, ("day",), _WEEKDAY_CAPS),
    "day": (0, ("day", "night", "tomorrow", "morning", "afternoon", "evening"), ()),
}
"""Per rule: the digits every match holds (0; 1: a digit; 4: four digits in a row), lower-case
substrings one of which the lower-cased sentence holds wherever it matches, and substrings one of
which the sentence itself holds (the rules' month and weekday names are capitalised; a
capitalised month's lower-case form would add nothing). A rule is
run only on a sentence that passes its gate (most sentences name no date); the matches are the
rule's own."""
_MON3 = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_MONTH_DAY = lazy(rf"{_MON3}[a-z.]*\s+\d")
"""Part of every ``mdy`` and ``range`` match: a month (its first three letters, then letters or
dots, as every form of ``_MON``), white space and the day's first digit."""
_DAY_MONTH = lazy(rf"\d{_ORD}\s+(?:of\s+)?{_MON3}")
"""Part of every ``dmy`` and ``drange`` match: the day's last digit, its ordinal suffix, white
space, an optional "of" and the month's first three letters."""
_DAY_TO_DAY = lazy(r"\d(?:st|nd|rd|th)?\s*(?:and|to|through|until|till|-|–|—)\s*\d")
"""Part of every ``range`` and ``drange`` match: a day's last digit, ordinal, the separator and
the next day's first digit."""
_FULL_MONTH = lazy(_MON_FULL)
"""Part of every ``month`` and ``monthyear`` match: a month's full name."""
_NUMERIC_DATE = lazy(r"\d[/.-]\d\d?[/.-]\d")
"""Part of every ``iso`` and ``numeric`` match: digit, separator, one or two digits, separator,
digit."""
_PREP_YEAR = lazy(r"[neyglmhtdrf][\s-]+(?:1[89]|2[01])\d\d")
"""Part of every ``year`` match: the last letter of its preposition (``_PREP``), the space or
hyphen and the year."""
_IN_COUNT = lazy(rf"[nN]\s+(?i:{_NUM}|a couple of)\s+(?i:day|week|month|year)")
"""Part of every ``in`` match: the last letter of "in" / "within" (only "n" and "N" match "n"
case-insensitively), the count and the unit."""
_QUALIFIED_PERIOD = lazy(r"[tTsSſgG]\s+(?i:week|month|year)")
"""Part of every ``period`` match: the last letter of its qualifier ("last", "this", "the
following" ...; "ſ" matches "s" case-insensitively), white space and the unit."""
_DAY_WORD = lazy(
    r"[tTyYsSſgGeE](?:(?<=[tT])(?i:oday|onight|omorrow)|(?<=[yY])(?i:esterday)"
    r"|\s+(?i:night|morning|afternoon|evening|day))"
)
"""Part of every ``day`` match: "today", "tonight", "tomorrow", "yesterday", or the last letter
of "last", "this", "the previous / following / next", "the" with the word after it (only the
ASCII pair and the long s "ſ" match these letters case-insensitively)."""
_THE_YEAR = lazy(r"(?:the|current|fiscal|calendar|full|whole|entire)\s+year")
"""Part of every ``thisyear`` match: the word before "year" and "year"."""
_PAST_YEAR = lazy(r"the\s+[pl]ast\s+year")
"""Part of every ``pastyear`` match."""
_SHAPES: dict[str, tuple[re.Pattern[str], ...]] = {
    "day": (_DAY_WORD,),
    "thisyear": (_THE_YEAR,),
    "pastyear": (_PAST_YEAR,),
    "iso": (_NUMERIC_DATE,),
    "numeric": (_NUMERIC_DATE,),
    "year": (_PREP_YEAR,),
    "in": (_IN_COUNT,),
    "period": (_QUALIFIED_PERIOD,),
    "range": (_MONTH_DAY, _DAY_TO_DAY),
    "drange": (_DAY_MONTH, _DAY_TO_DAY),
    "mdy": (_MONTH_DAY,),
    "dmy": (_DAY_MONTH,),
    "month": (_FULL_MONTH,),
    "monthyear": (_FULL_MONTH,),
}
"""Per rule, patterns every one of which finds a part of each of the rule's matches: a rule
whose sentence passes its gate runs only if they all match somewhere. Each starts with a
character class (or literal alternatives), so the regex engine scans for it in C, where the
rules themselves (``\\b`` first, or an optional prefix) try every position; most sentences that
name a month hold no month-day pair and no day range."""
_DIGIT = lazy(r"\d")
_FOUR_DIGITS = lazy(r"\d\d\d\d")  # a digit first: the engine scans for it in C


_QUANTITY = lazy(
    r"\b(?:about|some|nearly|almost|over|under|than|least|approximately|around|roughly|only"
    r"|just|another|all|the\s+first|the\s+last|No\.|[Nn]umber|[Rr]oom|[Ff]light|[Rr]oute"
    r"|[Pp]age|[Ss]ection|[Aa]rticle|[Mm]odel|[Cc]lause|[Ff]orm|[Pp]rotocol|[Rr]esolution)\s*$"
)
"""Words before a bare four-digit number that make it a count or a label, not a year."""
_NAMED = lazy(rf"(?<![.!?\"“(]\s)(?<!^)\b(?!{_MON_FULL}\b|{_WD}\b)[A-Z][\w&-]*\s+$")
"""A capitalised word (not a month or weekday, not opening the sentence) before a bare four-digit
number makes it part of a name ("Orion 1980", "Windows 2000")."""
_ANAPHORIC = lazy(
    r"\b(?:the\s+(?:previous|following|preceding)|(?:on|by|until|from|since|before|after|of)\s+that)"
    r"\s+(?:same\s+|very\s+)?"
    r"(?:week(?:end)?|month|year|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$",
    re.IGNORECASE,
)
"""A weekday or period counted from another day the story names, not from publication."""
_SUPERLATIVE = lazy(
    r"\b(?:\w\w+est|first|last|most|least|best|worst|only)\b(?:\s+[\w'’-]+){0,4}\s*$",
    re.IGNORECASE,
)
"""A superlative shortly before "in a year" makes it a span ("the highest level in three years")."""
