"""General linguistic evidence about one sentence: tense and aspect (:mod:`briefgen.nlp.tense`),
temporal expressions
relative to the publication date, modality and conditionals, consequence and risk vocabulary,
attribution, web boilerplate and position in the article.

No cue names a topic: the word classes below are closed-class function words (auxiliaries, modals,
conditionals) and general news-register vocabulary (risk, cost, demand, warn), so the same cues
work on an epidemic, a court case or a border conflict.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from typing import Any

import msgspec

from briefgen.nlp.boilerplate import (
    attribution as _attribution,
)
from briefgen.nlp.boilerplate import first_person_unquoted, second_person, web_boilerplate
from briefgen.nlp.patterns import Gated
from briefgen.nlp.similarity import words
from briefgen.nlp.temporal import extract
from briefgen.nlp.tense import TenseCues, tense_cues

_HISTORY = Gated(
    r"\b(?:ago|earlier|previously|formerly|originally|began|begun|started|since|history"
    r"|historic(?:al(?:ly)?)?|decades?|centur(?:y|ies)|long-running|for\s+years|last\s+(?:year"
    r"|month|autumn|spring|summer|winter)|in\s+the\s+past|years?\s+ago|dating\s+back|former"
    r"|(?:was|were)\s+(?:set|due|expected|scheduled|supposed)\s+to|used\s+to)\b",
    (
        "ago",
        "earlier",
        "previous",
        "former",
        "original",
        "began",
        "begun",
        "started",
        "since",
        "histor",
        "decade",
        "centur",
        "long-running",
        "years",
        "last",
        "past",
        "dating",
        "was",
        "were",
        "used",
    ),
)
_RECENT = Gated(
    r"\b(?:on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|today"
    r"|tonight|this\s+(?:week|morning|afternoon|evening)|late\s+on|overnight)\b",
    ("day", "tonight", "this", "late", "overnight"),
)

# --- modality, conditionals, consequence and goals -----------------------------------------------
_MODAL = Gated(
    r"\b(?:could|may|might|would|likely|unlikely|possible|possibly|potential(?:ly)?|whether"
    r"|threatens?|feared?|fears)\b",
    (
        "could",
        "may",
        "might",
        "would",
        "likely",
        "possib",
        "potential",
        "whether",
        "threat",
        "fear",
    ),
)
_CONDITIONAL = Gated(
    r"\b(?:if|unless|otherwise|as\s+long\s+as|in\s+case)\b",
    ("if", "unless", "otherwise", "long", "case"),
)
_RISK = Gated(
    r"\b(?:risks?|threat(?:s|en(?:s|ed|ing)?)?|dangers?|dangerous|warn(?:s|ed|ing|ings)?|fears?"
    r"|concerns?|concerned|crisis|impact(?:s|ed)?|consequences?|costs?|costing|loss(?:es)?|lose"
    r"|losing|damage[sd]?|hurt|harm(?:ed|ful)?|affect(?:s|ed)?|jeopard\w*|vulnerable|depends?"
    r"|dependent|stake|crucial|vital|critical|shortages?|prices?|econom(?:y|ic|ies)|livelihoods?"
    r"|jobs|bankrupt\w*|severe|worse(?:n\w*)?|escalat\w+|spread(?:ing)?|undermine[sd]?|catastroph\w+"
    r"|disrupt\w*|needs?\s+help|implications?)\b",
    (
        "risk",
        "threat",
        "danger",
        "warn",
        "fear",
        "concern",
        "crisis",
        "impact",
        "consequence",
        "cost",
        "loss",
        "lose",
        "losing",
        "damage",
        "hurt",
        "harm",
        "affect",
        "jeopard",
        "vulnerable",
        "depend",
        "stake",
        "crucial",
        "vital",
        "critical",
        "shortage",
        "price",
        "econom",
        "livelihood",
        "jobs",
        "bankrupt",
        "severe",
        "worse",
        "escalat",
        "spread",
        "undermine",
        "catastroph",
        "disrupt",
        "need",
        "implication",
    ),
)
_GOAL = Gated(
    r"\b(?:wants?|demand(?:s|ed|ing)?|seeks?|seeking|aims?|goals?|objectives?|insists?|must"
    r"|needs?\s+to|urged?|urges|calls?\s+(?:for|on)|called\s+(?:for|on)|priority|guarantee"
    r"|priorities|intends?|refuses?|rejects?)\b",
    (
        "want",
        "demand",
        "seek",
        "aim",
        "goal",
        "objective",
        "insist",
        "must",
        "need",
        "urge",
        "call",
        "priorit",
        "guarantee",
        "intend",
        "refuse",
        "reject",
    ),
)

# --- surface shape ----------------------------------------------------------------------------
_WORD_START = re.compile(r"(?<!\S)[^\W_]")
_TERMINAL = re.compile(r"[.!?…]['\"”’)]*$")


class Cues(msgspec.Struct, frozen=True):
    """Counts and flags of the evidence found in one sentence (all general, none topic-specific)."""

    n_words: int
    position: int
    """1-based index of the sentence in its article."""
    of: int
    """Number of sentences in the article."""
    attribution: bool
    boilerplate: bool
    """Donation appeals, navigation, newsletter prompts, URLs, imperative calls to act."""
    second_person: bool
    first_person: bool
    """First person outside any quotation: the writer speaking (appeals, opinion)."""
    quote_fragment: bool
    question: bool
    unterminated: bool
    title_case: bool
    """Most words capitalised: a headline or navigation label, not a sentence."""
    noise: bool
    """The surface cues above make it boilerplate or a fragment: never a statement (the
    remaining cues are then left unset)."""
    future: bool = False
    progressive: bool = False
    perfect: bool = False
    pluperfect: bool = False
    present: bool = False
    past: int = 0
    history: int = 0
    recent: bool = False
    modal: int = 0
    conditional: bool = False
    risk: int = 0
    goal: int = 0
    past_far: bool = False
    """A resolved date more than a week before publication."""
    past_near: bool = False
    """A resolved date within the week up to publication."""
    scheduled: bool = False
    """A resolved date after publication (or in a future-tense clause)."""
    event_date: dt.date | None = None
    """The earliest resolved date that is not in the future (for chronological order)."""


def cues(
    text: str,
    published: dt.date,
    position: int,
    of: int,
    *,
    day_first: bool = True,
    toks: list[str] | None = None,
    surface_only: bool = False,
) -> Cues:
    """Collect the evidence for ``text``, sentence ``position`` of ``of`` published on ``published``
    (``toks``: its :func:`~briefgen.nlp.similarity.words`, when the caller has them already;
    ``surface_only``: stop after the boilerplate and fragment cues)."""
    fields = _surface(text, toks)
    if fields["noise"] or surface_only:
        return Cues(**fields, position=position, of=of)
    low = text.lower()
    past_far = past_near = scheduled = False
    event_date: dt.date | None = None
    refs = extract(text, published, day_first=day_first) if _may_hold_date(text, low) else []
    for ref in refs:
        delta = (ref.date - published).days
        if ref.scheduled or delta > 0:
            scheduled = True
            continue
        if (delta < -7 and ref.precision != "year") or delta < -400:
            past_far = True
        elif delta >= -7:
            past_near = True
        if event_date is None or ref.date < event_date:
            event_date = ref.date
    tense = text_tense(text)
    return Cues(
        **fields,
        position=position,
        of=of,
        future=tense.future,
        progressive=tense.progressive,
        perfect=tense.perfect,
        pluperfect=tense.pluperfect,
        present=tense.present,
        past=tense.past,
        history=_HISTORY.count(low),
        recent=_RECENT.search(low),
        modal=_MODAL.count(low),
        conditional=_CONDITIONAL.search(low),
        risk=_RISK.count(low),
        goal=_GOAL.count(low),
        past_far=past_far,
        past_near=past_near,
        scheduled=scheduled,
        event_date=event_date,
    )


def surface_noise(text: str, toks: Sequence[str] | None = None) -> bool:
    """``cues(text, ..., surface_only=True).noise`` without building the :class:`Cues` (none of
    the surface cues depends on the date or position)."""
    noise: bool = _surface(text, toks)["noise"]
    return noise


@functools.lru_cache(maxsize=1 << 14)
def text_tense(text: str) -> TenseCues:
    """:func:`~briefgen.nlp.tense.tense_cues` of ``text``, cached: the classifier reads each
    unit's source sentence, and supersession the same sentences again (as statements)."""
    return tense_cues(text)


_SURFACE: dict[str, dict[str, Any]] = {}
_SURFACE_MAX = 1 << 16


def _surface(text: str, toks: Sequence[str] | None) -> dict[str, Any]:
    """The surface cues of ``text`` and whether they make it noise (none depends on the
    sentence's position), as :class:`Cues` fields; cached: the summarizer asks them of every
    sentence when it picks units, of each unit it classifies and of each article's sentences when
    it reports articles with none usable. (``toks`` is ``words(text)`` when the caller has it.)
    The dictionary is shared: not to be modified."""
    found = _SURFACE.get(text)
    if found is not None:
        return found
    if toks is None:
        toks = words(text)
    stripped = text.strip()
    low = text.lower()
    attribution = _attribution(low)
    unterminated = not _TERMINAL.search(stripped)
    surface: dict[str, Any] = {
        "n_words": len(toks),
        "attribution": attribution,
        "boilerplate": web_boilerplate(text, low),
        "second_person": second_person(low),
        "first_person": first_person_unquoted(text),
        "quote_fragment": _quote_fragment(stripped) and not attribution,
        "question": stripped.rstrip("\"”’')").endswith("?"),
        "unterminated": unterminated,
        "title_case": unterminated and _title_case(stripped),
    }
    surface["noise"] = _is_noise(**surface)
    if len(_SURFACE) >= _SURFACE_MAX:
        _SURFACE.clear()
    _SURFACE[text] = surface
    return surface


def _is_noise(
    *,
    n_words: int,
    attribution: bool,
    boilerplate: bool,
    second_person: bool,
    first_person: bool,
    quote_fragment: bool,
    question: bool,
    unterminated: bool,
    title_case: bool,
    **_: object,
) -> bool:
    """Web boilerplate, fragments and asides that never make a statement."""
    if boilerplate or n_words < 5:
        return True
    if (second_person or first_person) and not attribution:
        return True
    if question or quote_fragment:
        return True
    return unterminated and (n_words < 12 or title_case)


def _quote_fragment(text: str) -> bool:
    """Opens with a quotation mark, or closes one it never opened: a piece of a split quote."""
    if text[:1] in "“\"'‘":
        return True
    return text.count("”") > text.count("“")


def _title_case(text: str) -> bool:
    """Most words (of at least three) start with a capital letter or a digit."""
    toks = _WORD_START.findall(text)
    if len(toks) < 3:
        return False
    return sum(1 for t in toks if t.isupper() or t.isdigit()) / len(toks) >= 0.6


_DATEISH = re.compile(
    r"\d{4}|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|day|week|month|year|night"
    r"|tomorrow|morning|afternoon|evening)"
)
"""Every expression :func:`briefgen.nlp.temporal.extract` resolves holds one of these: a 4-digit
year, a month name, or a day / week / month / year / time-of-day word (weekdays end in "day")."""


_DATEISH_WORDS = (
    "day", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    "week", "month", "year", "night", "tomorrow", "morning", "afternoon", "evening",
)  # fmt: skip
"""The words of :data:`_DATEISH`: in ASCII text, case-insensitive matching is a substring test
of the lower-cased text."""
_FOUR_DIGITS = re.compile(r"\d{4}")


def _may_hold_date(text: str, low: str) -> bool:
    """Cheap pre-filter: only sentences that can hold a date expression go to the resolver
    (``low``: ``text.lower()``). ASCII text is tested with substring lookups; other text with
    :data:`_DATEISH` itself (its case-insensitive match also takes a few non-ASCII letters, such
    as the Kelvin sign)."""
    if not text.isascii():
        return bool(_DATEISH.search(text))
    return any(w in low for w in _DATEISH_WORDS) or _FOUR_DIGITS.search(text) is not None
