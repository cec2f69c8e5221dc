"""Temporal expressions in one sentence, resolved against a publication date.

Candidate phrases are found with our own rules (:mod:`briefgen.nlp.timex_patterns`: month names
must be capitalised, bare months need a preposition, weekdays need a capital letter), so "may",
"We" and percentages are never read as dates. Each short phrase is then resolved on its own
(:mod:`briefgen.nlp.calendar`): explicit dates by construction (an
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

from briefgen.nlp.calendar import _resolve
from briefgen.nlp.timex_patterns import (
    _ADVERBIAL,
    _ANAPHORIC,
    _DEADLINE,
    _DETERMINER,
    _DIGIT,
    _GATES,
    _NAMED,
    _QUANTITY,
    _RULES,
    _SINCE,
    _SUPERLATIVE,
    _WEEKDAYS,
    Tense,
)
from briefgen.nlp.timex_patterns import Precision as Precision

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
_AHEAD_KINDS = frozenset({"weekday", "mdy", "dmy", "month"})
"""Phrase kinds whose date depends on tense; only they may take it from the words after them."""
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
    tense: Tense = None
    """The direction its clause points in (``past``, ``future``), ``None`` when open."""


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
        refs.append(TimeRef(m.group(0), s, e, date, precision, relative, scheduled, kind, tense))
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
