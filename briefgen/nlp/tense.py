"""Tense and aspect: the one place briefgen decides whether words speak of the past, the present
or the future.

One definition per grammatical cue (:data:`PERFECT`, :data:`PLUPERFECT`, :data:`PROGRESSIVE`,
:data:`PASSIVE`, :data:`PAST_AUX`, :data:`PAST_VERB`, :data:`FUTURE` and the intention forms,
:data:`PRESENT`, :data:`REPORTING`), and one reader, :func:`read_tense`, that applies them to a
clause or sentence once and returns a :class:`TenseReading`. Three questions are views over them:

- :func:`tense_cues`: the tense and aspect evidence of a whole sentence -- used by the
  summarizer's classifier and ``check`` (the reading, as :class:`TenseCues`);
- :func:`reports_news`: whether an undated sentence reports the news of its report's day (a
  present perfect, progressive or passive, or a present-tense reporting verb) -- used by the
  timeline;
- :func:`clause_tense` / :func:`past_after`: which way a date phrase points, from the same cue
  patterns read *in order* around the phrase (the latest marker before it, the first after it),
  since a date's direction depends on which verb governs it, not on what the sentence holds --
  used by :mod:`briefgen.nlp.temporal` to resolve relative dates.

A change to how briefgen reads tense goes here.
"""

from __future__ import annotations

import bisect
import re
from typing import Literal

import msgspec

from briefgen.nlp.lookback import NEAR, Runs, search_back
from briefgen.nlp.patterns import Gated, fold, gate_text, lazy

# --- the cues: one definition each -------------------------------------------------------------

_ADVERBS = r"(?:(?:not|never|yet|now|already|also|just|still|since|so\s+far|\w+ly)\s+)*"
"""Adverbs that may stand between an auxiliary and its verb ("has not yet", "are now")."""
_IRREGULAR_PARTICIPLE = (
    r"left|kept|sent|spent|built|lost|meant|felt|dealt|bought|brought|caught|fought|sought"
    r"|taught|thought|hit|shut|cut|put|set|hurt|made|said|held|had|paid|sold|told|found|won"
    r"|led|fled|met|heard|stood|struck|come|become|run|fed|cost|let|quit|split|burst|cast|lent"
    r"|bent|slept|swept|wept|shot|got|sat|lit"
)
_PARTICIPLE = (
    r"(?!(?:even|often|when|then|one|none|own|seven|ten|children|women|men|citizen|open"
    r"|been)\b)(?:[a-z]{2,}ed|[a-z]+(?:en|wn|ne|un)|" + _IRREGULAR_PARTICIPLE + r")\b"
)
"""A past participle: regular (-ed) or irregular (-en, -wn, -ne, -un, or a listed form)."""
PERFECT = lazy(rf"\b(?:has|have|['’]ve)\s+{_ADVERBS}(?:been\b|{_PARTICIPLE})", re.IGNORECASE)
"""A present perfect ("has not confirmed", "have been killed", "has since left")."""
PLUPERFECT = lazy(rf"\bhad\s+{_ADVERBS}(?:been\b|{_PARTICIPLE})", re.IGNORECASE)
"""A past perfect ("had already left")."""
PROGRESSIVE = lazy(
    rf"\b(?:am|is|are)\s+{_ADVERBS}(?!going\s+to\b|(?:no|some|any|every)thing\b)[a-z]+ing\b",
    re.IGNORECASE,
)
"""A present progressive ("are fleeing", "is being built"); "is going to" is a future."""
PASSIVE = lazy(
    rf"\b(?:am|is|are)\s+{_ADVERBS}(?:being\s+)?(?!(?:set|due)\b){_PARTICIPLE}",
    re.IGNORECASE,
)
"""A present passive ("are feared dead", "is being held"); "is set/due to" is a schedule."""
_PAST_AUX = r"was|were|did|had"
PAST_AUX = lazy(rf"\b(?:{_PAST_AUX})\b")
"""Past-tense auxiliaries (and "had", the past of "have"), in lower-cased text."""
_PAST_VERB = (
    r"(?-i:[a-z]{2,}ed\b(?<!ceed)(?<!\bneed)(?<!\bhundred)|said|met|began|came|took|left|went|made"
    r"|held|fell|rose|won|lost|saw|told|gave|struck|hit|shot|fought|broke|brought|bought|sold"
    r"|paid|sent|found|got|led|ran|spent|built|kept|knew|became|chose|drove|fled|flew|grew|heard"
    r"|meant|sought|spoke|stood|stole|taught|threw|wrote|withdrew|forgot|swore|woke|rode|sank"
    r"|seized|drew|thought|fed)"
)
PAST_VERB = lazy(rf"\b{_PAST_VERB}\b")
"""A past-tense verb: a lower-case -ed form or a listed irregular ("United", "Met Office" and
"Rose" are names)."""
_WILL = r"will|shall|won't|['’]ll|going\s+to"
_SCHEDULE = r"set|due|expected|scheduled|poised|slated"
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
FUTURE = Gated(
    rf"\b(?:{_WILL}|(?:is|are|am)\s+(?:{_SCHEDULE})\s+to|to\s+be\s+held|upcoming|tomorrow"
    r"|next\s+(?:week|month|year|round))\b",
    (
        "will",
        "shall",
        "won't",
        "ll",
        "going",
        "set",
        "due",
        "expected",
        "scheduled",
        "poised",
        "slated",
        "held",
        "upcoming",
        "tomorrow",
        "next",
    ),
)
"""A future from the present: "will", "is going to", "is set/due/expected to", "tomorrow"."""
PRESENT = Gated(
    r"\b(?:now|currently|still|remains?|continues?|ongoing|so\s+far|at\s+present|this\s+week"
    r"|today|tonight)\b",
    (
        "now", "current", "still", "remain", "continue", "ongoing", "far", "present", "week",
        "today", "tonight",
    ),
)  # fmt: skip
"""Words that place a sentence in the present ("still", "remains", "so far", "today")."""
_REPORTING_ANCHORS = (
    "say", "tell", "announc", "warn", "confirm", "urge", "insist", "denies", "admit", "believ",
    "accus", "expect", "report", "claim", "fear", "estimat",
)  # fmt: skip
REPORTING = Gated(
    r"\b(?:(?:says|say|tells|announces|warns|confirms|urges|insists|denies|admits|believes"
    r"|accuses|expects)\b|(?:reports|claims|fears|estimates)(?=\s+that\b)"
    r"|(?:he|she|it|who)\s+(?:reports|claims|fears|estimates)\b)",
    _REPORTING_ANCHORS,
    re.IGNORECASE,
)
"""A present-tense reporting verb ("officials say", "the ministry warns"). "reports", "claims",
"fears" and "estimates" are as often plural nouns ("unconfirmed reports suggest"): they count
as verbs only before "that" or after a singular subject pronoun."""


class TenseReading(msgspec.Struct, frozen=True):
    """What the cues find in one clause or sentence (markers anywhere in it)."""

    future: bool
    progressive: bool
    perfect: bool
    pluperfect: bool
    passive: bool
    """A present passive."""
    present: bool
    """A present-time word (not a verb form)."""
    reporting: bool
    """A present-tense reporting verb."""
    past: int
    """Past-tense auxiliaries and verbs counted."""


def read_tense(text: str, low: str | None = None) -> TenseReading:
    """Read every cue of ``text`` once (``low``: ``text.lower()``, when the caller has it)."""
    low = text.lower() if low is None else low
    # the case-insensitive patterns also read "İs" and "ſaid"
    gate = low if low.isascii() else gate_text(text, low)
    perfect = ("ha" in gate or "ve" in gate) and PERFECT.search(text) is not None
    passive = _has_be(gate) and PASSIVE.search(text) is not None
    return TenseReading(
        future=FUTURE.search(low),
        progressive="ing" in gate and PROGRESSIVE.search(text) is not None,
        perfect=perfect,
        pluperfect="had" in gate and PLUPERFECT.search(text) is not None,
        passive=passive,
        present=PRESENT.search(low),
        reporting=REPORTING.search(low, text),
        past=len(PAST_AUX.findall(low)) + len(PAST_VERB.findall(_masked(text, perfect, passive))),
    )


def _has_be(low: str) -> bool:
    """Whether ``low`` may hold a present form of "be" (a cheap test before :data:`PASSIVE`)."""
    return "is" in low or "are" in low or "am" in low


def _masked(text: str, perfect: bool, passive: bool) -> str:
    """``text`` with each present perfect and present passive it holds blanked out, offsets
    kept: their participles ("has left", "are feared") are no past tense."""
    if perfect:
        text = _mask_perfect(text)
    if passive:
        text = PASSIVE.sub(lambda m: "~" * len(m.group()), text)
    return text


class TenseCues(msgspec.Struct, frozen=True):
    """The tense and aspect evidence of one sentence (markers anywhere in it)."""

    future: bool
    progressive: bool
    perfect: bool
    pluperfect: bool
    present: bool
    """A present-time word or a present-tense reporting verb."""
    past: int
    """Past-tense auxiliaries and verbs counted."""


def tense_cues(text: str, low: str | None = None) -> TenseCues:
    """Tense and aspect markers of ``text`` (``low``: ``text.lower()``, when the caller has it):
    the :class:`TenseReading`, with a reporting verb counted as present evidence."""
    r = read_tense(text, low)
    return TenseCues(
        future=r.future,
        progressive=r.progressive,
        perfect=r.perfect,
        pluperfect=r.pluperfect,
        present=r.present or r.reporting,
        past=r.past,
    )


def reports_news(text: str) -> bool:
    """Whether an undated sentence reports the news of its report's day, by its tense: a present
    perfect ("has resigned"), progressive ("are fleeing") or passive ("are feared dead"), or a
    present-tense reporting verb ("officials say"). A past simple narrates older events."""
    r = read_tense(text)
    return r.perfect or r.progressive or r.passive or r.reporting


# --- which way a date phrase points (nlp.temporal): the same cues, read in order ---------------

_MODAL = (
    rf"{_WILL}|(?:{_SCHEDULE}|plans?|expects?)\s+to|scheduled"
    r"|planned|to\s+be\s+held|upcoming|would\s+(?:not\s+)?(?:resume|meet|begin|start|hold|return"
    r"|reconvene|sign|vote|visit|travel|open|close|take\s+place)"
    r"|(?:promised|pledged|vowed|poised|ready|supposed)\s+to"
    r"|(?:is|are)\s+(?:expected|scheduled|due|slated)\b|would\s+(?:not\s+)?be\b"
    r"|(?<!\bseem\s)(?<!\bseems\s)(?<!\bseemed\s)(?<!\bappears\s)(?<!\bappeared\s)(?<!\bsaid\s)"
    r"(?<!\bthought\s)(?<!\bbelieved\s)(?<!\bknown\s)(?<!\bhad\s)(?<!\bused\s)(?<!\bfound\s)"
    r"(?<!\breported\s)(?<!\bshown\s)(?<!\bproved\s)(?<!\bproven\s)(?<!\bseen\s)(?<!\balleged\s)"
    r"(?<!\bclaimed\s)(?<!\bconsidered\s)(?<!\bunderstood\s)(?<!\bestimated\s)to\s+be\b"
    rf"|{_INTENT}\s+(?:[\w'’]+\s+){{0,2}}?{_INFINITIVE}"
)
"""Forms that point a date ahead, built on :data:`FUTURE`'s "will" and schedule words. Wider
than :data:`FUTURE`, which asks whether a sentence speaks from the present of its future: a
date's direction is forward also from a past point of view ("was expected to meet on Sunday",
"would resume on Monday", "agreed to reconvene next week")."""
_FUTURE = lazy(
    rf"(?:{PROGRESSIVE.pattern})|\b(?:{_MODAL}|resumes?|begins?|starts|opens|meets|convenes?"
    r"|(?<!\bto\s)(?<!\bdid\s)(?<!\bnot\s)(?<!n't\s)meet"
    r"|takes\s+place)\b",
    re.IGNORECASE,
)
"""Markers of a future clause: a modal or schedule form, a present progressive or present tense
of a scheduled event ("is meeting", "meets"), and an intention word with an infinitive ("agreed to
reconvene", "an agreement to extend the truce and reconvene"), which marks the infinitive's event
as still ahead."""
_FUTURE_AFTER = lazy(
    rf"\b(?:{_WILL}|(?:{_SCHEDULE}|ready|plans?"
    r"|hopes?|aims?|intends?|wants?)\s+to|would\s+(?:not\s+)?(?:resume|meet|begin|start|hold"
    r"|return|reconvene|sign|vote|visit|travel|open|close|take\s+place))\b",
    re.IGNORECASE,
)
"""The future markers that may decide from after a fronted phrase ("In Sunday's vote, citizens
are expected to ..."): modal forms only, not a present tense ("Sunday Service meets") nor a
purpose ("in an effort to")."""
_FRONT = lazy(r"(?:^|[;:(\[]|\s[–—-]{1,2}\s)\W*(?:[A-Za-z]+\W+){0,2}$")
"""A phrase is fronted when at most two words ("In", "On the") open its clause before it."""
Tense = Literal["past", "future"] | None
_PAST_PHRASES = ("yesterday", "last", "the previous", "the day before", "earlier", "late last")
_FUTURE_PHRASES = (
    "next", "the next", "the coming", "coming", "tomorrow", "later this", "the following",
    "the day after",
)  # fmt: skip
_BE_PARTICIPLE = lazy(r"\b(?:be|been|being)\s+\w+", re.IGNORECASE)
"""A participle after "be" ("will be held") is no past tense: it is blanked to "be"."""
_ADJECTIVE_ED = lazy(
    r"(\b(?:a|an|the|its|their|his|her|our|your|my)\s+(?:\w+ly\s+|still\s+)?\w+)ed\b",
    re.IGNORECASE,
)
"""An -ed word right after a determiner is an adjective ("a still unspecified date")."""
_PLUPERFECT_INTENT = lazy(
    rf"\bhad\s+{_ADVERBS}{_INTENT}\s+(?:[\w'’]+\s+){{0,2}}?{_INFINITIVE}",
    re.IGNORECASE,
)
"""An intention in the past perfect ("had decided to delay it until Monday") is told from a
past point of view: its infinitive's day may already be over, so it is no future marker."""
_PAST = lazy(rf"\b(?:ago|last|{_PAST_AUX}|{_PAST_VERB})\b", re.IGNORECASE)
"""A past marker in a clause: a past auxiliary or verb, or "ago" / "last"."""
_CLAUSE_BEFORE = lazy(
    r";|:|\s[–—]\s|\b(?:but|while|although|though|whereas|because|after)\s", re.IGNORECASE
)
"""Where the clause holding a date phrase starts (the last of these before it)."""
_CLAUSE_AFTER = lazy(
    r";|:|[()\[\]]|\s[–—-]{1,2}\s|,\s+(?:which|who|where|and|but)\b|\b(?:but|while|although|though|whereas"
    r"|because|that|which|who|after|before|when|since|until)\s",
    re.IGNORECASE,
)
"""Where the clause holding a date phrase ends (the first of these after it)."""
WINDOW_WORDS = 10
"""How many words of its clause on each side of a date phrase may decide its tense."""


def clause_tense(
    sentence: str, start: int, end: int, ahead: bool = False, runs: Runs | None = None
) -> Tense:
    """The direction a phrase points in, from its own clause. Some phrases carry it ("ago",
    "yesterday", "last", "next", "tomorrow", "in two weeks"). Otherwise the latest tense marker
    among the WINDOW_WORDS words of its clause before it decides ("will", "is set to", "agreed to
    reconvene" -> future; "said", "-ed" -> past; a present perfect such as "has not confirmed"
    leaves it open). With ``ahead`` and the phrase fronted in its clause ("In Sunday's vote,
    citizens are expected to ..."), a modal form right after it decides (:func:`_tense_after`).
    ``runs``: the sentence's :class:`~briefgen.nlp.lookback.Runs`, when the caller has them; the
    words read are the same, found without reading the whole sentence."""
    phrase = " ".join(fold(sentence[start:end]).split())  # "laſt night" reads "last night"
    if phrase.endswith(" ago") or phrase.startswith(_PAST_PHRASES):
        return "past"
    if phrase.startswith(_FUTURE_PHRASES):
        return "future"
    runs = Runs(sentence) if runs is None else runs
    window = _PLUPERFECT_INTENT.sub(
        lambda m: "had" + "~" * (len(m.group()) - 3), _window_before(runs, start)
    )
    last_future = max((m.end() for m in _FUTURE.finditer(window)), default=-1)
    last_perfect = max((m.end() for m in PERFECT.finditer(window)), default=-1)
    last_past = max((m.end() for m in _PAST.finditer(_mask_perfect(window))), default=-1)
    if last_perfect > max(last_future, last_past):
        return None
    if last_future >= 0 and last_future >= last_past:  # "scheduled" is both: future wins
        return "future"
    if last_past >= 0:
        return "past"
    # _FRONT's matches touch at most 2 word runs (its letters follow and precede non-words)
    if ahead and search_back(_FRONT, runs, start, 2, words=True):
        return _tense_after(runs.sentence[end : runs.ahead(end, 12)])
    return None


def _window(before: str) -> str:
    """The last WINDOW_WORDS words of the clause that ends ``before``, "the reduced dividend"
    and "will be held" read as no past tense."""
    cut = max((m.end() for m in _CLAUSE_BEFORE.finditer(before)), default=0)
    clause = _ADJECTIVE_ED.sub(r"\1~~", before[cut:])  # "the reduced dividend": no past tense
    clause = _BE_PARTICIPLE.sub("be", clause)  # "will be held" is not a past tense
    return " ".join(clause.split()[-WINDOW_WORDS:])


_BE_WORD = lazy(r"\b(?:be|been|being)$", re.IGNORECASE)
"""A form of "be" ending where white space starts: :data:`_BE_PARTICIPLE` may match across it."""
_ADJECTIVE_ED_AT = lazy(rf"(?=({_ADJECTIVE_ED.pattern}))", re.IGNORECASE)
""":data:`_ADJECTIVE_ED`'s match at each position (the one a left-to-right scan takes there)."""


def _window_before(runs: Runs, start: int) -> str:
    """``_window(sentence[:start])``, reading only a tail of the prefix long enough to hold the
    window (the whole prefix when it is at most :data:`~briefgen.nlp.lookback.NEAR` long).

    The tail starts at the start ``lo`` of a word ``j`` that is no dash and follows white space
    that no match of :data:`_CLAUSE_BEFORE`, :data:`_ADJECTIVE_ED` or :data:`_BE_PARTICIPLE`
    can hold (:func:`_joined`). A left-to-right scan from 0 then reaches ``lo`` as one started
    there does, and both find the same matches after it. If the clause starts in the tail, the
    tail holds it. Otherwise it starts at or before ``lo``, the substitutions leave the white
    space before ``lo`` in place, and the last WINDOW_WORDS words are the tail's once the tail
    has that many."""
    sentence = runs.sentence
    if start <= NEAR:
        return _window(sentence[:start])
    starts = runs.tokens[0]
    before = bisect.bisect_left(starts, start)  # words that start before the phrase
    want = 2 * WINDOW_WORDS
    while True:
        j = before - want
        while j > 0 and _joined(runs, j, start):
            j -= 1
        if j <= 0:
            return _window(sentence[:start])
        lo = starts[j]
        cut = max((m.end() for m in _CLAUSE_BEFORE.finditer(sentence, lo, start)), default=0)
        if cut:
            return _window(sentence[cut:start])
        clause = _ADJECTIVE_ED.sub(r"\1~~", sentence[lo:start])
        words = _BE_PARTICIPLE.sub("be", clause).split()
        if len(words) >= WINDOW_WORDS:
            return " ".join(words[-WINDOW_WORDS:])
        want *= 2


def _joined(runs: Runs, j: int, start: int) -> bool:
    """May a match of the clause patterns, in the prefix ending at ``start``, hold both the white
    space before word ``j`` and the word's first character? :data:`_CLAUSE_BEFORE` only when
    the word starts with a dash; :data:`_BE_PARTICIPLE` only after a form of "be";
    :data:`_ADJECTIVE_ED` only when its match at a position in the two words before (its white
    space follows a determiner or an adverb) reaches past the white space. The substitution of
    :data:`_ADJECTIVE_ED` ("ed" -> "~~") makes no new form of "be"."""
    sentence = runs.sentence
    starts, ends = runs.tokens
    q = ends[j - 1]  # where the white space before word j starts
    if sentence[starts[j]] in "–—" or _BE_WORD.search(sentence, max(0, q - 5), q):
        return True
    # a match from word j - 2 or j - 1 reads at most to the character after word j + 1
    stop = min(start, ends[j + 1] + 1) if j + 1 < len(ends) else start
    for m in _ADJECTIVE_ED_AT.finditer(sentence, starts[max(j - 2, 0)], stop):
        if m.start() >= q:
            break
        if m.end(1) > starts[j]:
            return True
    return False


def past_after(after: str) -> Tense:
    """Past when the main clause after a fronted date phrase ("In March, the company received
    ...") has a past verb among its first WINDOW_WORDS words and no future marker before it.
    Only the first WINDOW_WORDS + 2 words of ``after`` (once stripped) can matter: the clause
    end (:data:`_CLAUSE_AFTER`) is looked for only before the window's last word, and its
    matches there read at most the next word and the character after it."""
    text = after.lstrip(" ,:;–—-")
    stop = _CLAUSE_AFTER.search(text)
    window = " ".join(text[: stop.start() if stop else len(text)].split()[:WINDOW_WORDS])
    window = re.sub(r",\s*\w+ed\b", ",", window)  # ", entitled ...": a participle, no verb
    past = _PAST.search(_mask_perfect(_BE_PARTICIPLE.sub("be", window)))
    future = _FUTURE.search(window)
    if past is None or (future is not None and future.start() < past.start()):
        return None
    return "past"


def past_after_in(runs: Runs, end: int) -> Tense:
    """``past_after(sentence[end:])``, reading the first WINDOW_WORDS + 2 words after the
    stripped marks (see :func:`past_after`)."""
    sentence = runs.sentence
    p = end
    while p < len(sentence) and sentence[p] in " ,:;–—-":
        p += 1
    return past_after(sentence[p : runs.ahead(p, WINDOW_WORDS + 2)])


def _mask_perfect(text: str) -> str:
    """``text`` with each present perfect blanked out, offsets kept ("has confirmed" is no past
    tense)."""
    return PERFECT.sub(lambda m: "~" * len(m.group()), text)


def _tense_after(after: str) -> Tense:
    """Future when a modal or intention form (:data:`_FUTURE_AFTER`) comes first among the
    WINDOW_WORDS words after a phrase, within its clause, before any past or perfect verb; else
    open (``None``): a past verb after the phrase may belong to another event."""
    stop = _CLAUSE_AFTER.search(after)
    window = " ".join(after[: stop.start() if stop else len(after)].split()[:WINDOW_WORDS])
    window = _BE_PARTICIPLE.sub("be", window)
    future = _FUTURE_AFTER.search(window)
    if future is None:
        return None
    past = _PAST.search(_mask_perfect(window))
    perfect = PERFECT.search(window)
    blockers = [m.start() for m in (past, perfect) if m is not None]
    return "future" if future.start() <= min(blockers, default=len(window)) else None
