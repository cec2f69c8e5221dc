"""Datelines and agency slugs at the start of a news body ("GENEVA:", "NAIROBI, Kenya — March 3,
2024 —", "(Syndicator- Agency) CITY, Mar 9 (Agency) --", "Lagos, Mar 9 (Agency)"): cut from the
first sentence and kept as metadata (place, agency, stated date).

A dateline is a place, optionally a region, a date and an agency in brackets, then a dash or a
colon before the first word of the story. A place in capitals needs no more than the separator;
a place in title case ("Lagos") counts only with a date or an agency, so an ordinary sentence
that opens with a name is never cut. Kickers in capitals ("BREAKING:", "EXCLUSIVE —") are cut
the same way but name no place.
"""

from __future__ import annotations

import re

import msgspec

from briefgen.nlp.patterns import lazy

_MONTH = (
    r"(?i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATE = rf"{_MONTH}\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}\.?(?:,?\s+\d{{4}})?"
_CAPS_WORD = r"[A-Z][A-Z.'’-]*[A-Z.]"
_TITLE_WORD = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_DATELINE = lazy(
    rf"""^(?:\((?P<synd>[^()]{{2,40}})\)\s*)?
    (?P<place>{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,3}}|{_TITLE_WORD}(?:\s+{_TITLE_WORD}){{0,2}})
    (?P<region>,\s*(?!{_MONTH}\b)[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){{0,2}})?
    (?:\s*(?:,|--|[—–-])?\s*(?P<date>{_DATE}))?
    (?:\s*\((?P<agency>[^()\d]{{2,30}})\))?
    \s*(?P<sep>\.?--|\.?[—–-]|:)?\s+(?=[“"‘'(A-Z0-9])""",
    re.VERBOSE,
)
_KICKERS = frozenset(
    "BREAKING UPDATE UPDATED EXCLUSIVE WATCH LIVE OPINION ANALYSIS EDITORIAL COMMENT "
    "BREAKING NEWS JUST IN".split()
)


class Dateline(msgspec.Struct, frozen=True):
    """The dateline cut from the start of a body."""

    text: str
    """The words cut, as written ("NAIROBI, Kenya — March 3, 2024 —")."""
    place: str | None
    agency: str | None
    """The news agency in brackets, or the syndicator before the place."""
    stated: str | None
    """The date the dateline states, as written ("March 3, 2024")."""


def split_dateline(paragraph: str) -> tuple[Dateline | None, str]:
    """The dateline opening ``paragraph`` (or ``None``) and the paragraph without it."""
    m = _DATELINE.match(paragraph)
    if m is None:
        return None, paragraph
    place, date, agency, sep = m.group("place"), m.group("date"), m.group("agency"), m.group("sep")
    synd = m.group("synd")
    rest = paragraph[m.end() :]
    caps = place.isupper() and sum(ch.isalpha() for ch in place) >= 3
    if caps:
        if not (sep or agency or date):
            return None, paragraph
    elif not (date or agency) or (m.group("region") and not (sep or agency)):
        return None, paragraph
    if not rest or len(rest.split()) < 3:
        return None, paragraph
    cut = paragraph[: m.end()].strip()
    if caps and " ".join(place.split()) in _KICKERS:
        return Dateline(cut, None, agency or synd, date), rest
    name = " ".join(place.split())
    if caps:
        name = name.title()
    return Dateline(cut, name, _agency(agency or synd), date), rest


def _agency(text: str | None) -> str | None:
    """The agency of a bracket: "(Reuters)" -> "Reuters"; "(Syndicator- Agency)" -> "Agency"."""
    if not text:
        return None
    return re.split(r"\s*[-–—/]\s*", text.strip())[-1] or None
