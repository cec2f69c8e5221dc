"""Tense and aspect: the one place briefgen decides whether words speak of the past, the present
or the future.

Three questions are asked of tense, each by one function here:

- :func:`clause_tense`: which way a date phrase points, from the tense of its own clause
  ("will meet on Sunday" -> future; "met on Sunday" -> past) -- used by
  :mod:`briefgen.nlp.temporal` to resolve relative dates;
- :func:`reports_news`: whether an undated sentence reports the news of its report's day (present
  perfect, present progressive, present-tense reporting verb) -- used by the timeline;
- :func:`tense_cues`: the tense and aspect evidence of a whole sentence (future, progressive,
  perfect, pluperfect, present, past) -- used by the summarizer's classifier.

The three keep their own word lists (their outputs are pinned by the dev benchmark figures and the
example briefing); a change to how briefgen reads tense goes here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from briefgen.nlp.patterns import Gated

# --- the tense of a date phrase's clause (nlp.temporal) ------------------------------------------

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
    r"\b(?:said|was|were|had|did|ago|last|(?!\w*ceed\b|need\b|hundred\b)\w+ed|met|began|came"
    r"|took|left|went|made|held|fell|rose|won|lost|saw|told|gave|struck|hit|shot|fought|broke"
    r"|brought|bought|sold|paid|sent|found|got|led|ran|spent|built|kept|knew|became|chose|drove"
    r"|fled|flew|grew|heard|meant|sought|spoke|stood|stole|taught|threw|wrote|withdrew|forgot"
    r"|swore|woke|rode|sank|seized)\b",
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


def clause_tense(sentence: str, start: int, end: int, ahead: bool = False) -> Tense:
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


def past_after(after: str) -> Tense:
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


# --- tense and aspect of a whole sentence (summarize.cues) -------------------------------------
_CUE_FUTURE = Gated(
    r"\b(?:will|shall|won't|['’]ll|(?:is|are)\s+(?:set|due|expected|scheduled|poised)\s+to"
    r"|going\s+to|to\s+be\s+held|upcoming|tomorrow|next\s+(?:week|month|year|round))\b",
    (
        "will",
        "shall",
        "won't",
        "ll",
        "set",
        "due",
        "expected",
        "scheduled",
        "poised",
        "going",
        "held",
        "upcoming",
        "tomorrow",
        "next",
    ),
)
_CUE_PROGRESSIVE = Gated(
    r"\b(?:is|are|am)\s+(?:\w+ly\s+)?(?:being\s+)?\w+ing\b",
    ("ing",),
)
_CUE_PERFECT = Gated(
    r"\b(?:has|have)\s+(?:now\s+|already\s+|also\s+|not\s+)?\w+(?:ed|en|wn|un|t)\b",
    ("has", "have"),
)
_CUE_PLUPERFECT = Gated(
    r"\bhad\s+(?:already\s+|also\s+|not\s+|never\s+)?\w+(?:ed|en|wn|un|t)\b",
    ("had",),
)
_CUE_PRESENT = Gated(
    r"\b(?:now|currently|still|remains?|continues?|ongoing|so\s+far|at\s+present|this\s+week"
    r"|today|tonight|says|say)\b",
    (
        "now",
        "current",
        "still",
        "remain",
        "continue",
        "ongoing",
        "far",
        "present",
        "week",
        "today",
        "tonight",
        "say",
    ),
)
_CUE_PAST_AUX = Gated(
    r"\b(?:was|were|did)\b",
    ("was", "were", "did"),
)
_CUE_PAST_VERB = re.compile(
    r"\b(?:[a-z]{3,}ed|said|told|began|came|went|took|made|gave|left|fell|rose|held|met|struck"
    r"|won|lost|saw|found|became|broke|brought|fought|sent|spent|kept|led|fled|drew|grew|knew"
    r"|sought|thought|wrote|spoke|stood|chose|flew|ran|paid|sold|built|shot|stole|threw|woke)\b"
)


@dataclass(frozen=True)
class TenseCues:
    """The tense and aspect evidence of one sentence (markers anywhere in it)."""

    future: bool
    progressive: bool
    perfect: bool
    pluperfect: bool
    present: bool
    past: int
    """Past-tense auxiliaries and verbs counted."""


def tense_cues(text: str, low: str | None = None) -> TenseCues:
    """Tense and aspect markers of ``text`` (``low``: ``text.lower()``, when the caller has it)."""
    low = text.lower() if low is None else low
    return TenseCues(
        future=_CUE_FUTURE.search(low),
        progressive=_CUE_PROGRESSIVE.search(low),
        perfect=_CUE_PERFECT.search(low),
        pluperfect=_CUE_PLUPERFECT.search(low),
        present=_CUE_PRESENT.search(low),
        past=_CUE_PAST_AUX.count(low) + len(_CUE_PAST_VERB.findall(text)),
    )


# --- whether an undated sentence reports the day's news (timeline) ---------------------------

_ADVERBS = r"(?:(?:not|now|already|also|just|still|since|so\s+far|\w+ly)\s+)*"
_NEWS_TENSE = re.compile(
    rf"\b(?:has|have|['’]ve)\s+{_ADVERBS}(?:been\s+)?(?!(?:to|a|an|the|no|its|their|his|her|some|any"
    r"|many|more|enough|this|that)\b)[a-z]{2,}\b"
    rf"|\b(?:is|are)\s+{_ADVERBS}(?:being\s+)?(?!going\b)[a-z]+(?:ing|ed)\b"
    r"|\b(?:says|say|tells|reports|announces|warns|confirms|claims|urges|insists|denies|admits"
    r"|believes|fears|expects|estimates|accuses)\b",
    re.IGNORECASE,
)
"""Tenses that report the day's news: present perfect ("has resigned", "have been killed"),
present progressive or passive ("are fleeing", "are feared dead") and present-tense reporting
verbs ("officials say"). A past simple ("carried out strikes") narrates older events."""


def reports_news(text: str) -> bool:
    """Whether an undated sentence reports the news of its report's day, by its tense
    (:data:`_NEWS_TENSE`)."""
    return _NEWS_TENSE.search(text) is not None
