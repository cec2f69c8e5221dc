"""Word-level similarity shared by ingest (near-duplicates), summarize and timeline (merging) and
review (is a statement supported by its cited sentences?).

All functions are pure and deterministic; none is quadratic in anything but its two arguments.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them themselves
    then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself yourselves said says say
    according told""".split()
)


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters and digits; inner apostrophes kept), accents folded."""
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return [w.replace("’", "'") for w in _WORD.findall(folded)]


def content_words(text: str) -> frozenset[str]:
    """The set of non-stopword tokens of ``text``."""
    return frozenset(w for w in words(text) if w not in STOPWORDS)


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    """|A ∩ B| / |A ∪ B| (0.0 for two empty sets)."""
    sa, sb = set(a), set(b)
    union = sa | sb
    return len(sa & sb) / len(union) if union else 0.0


def containment(part: Iterable[str], whole: Iterable[str]) -> float:
    """Share of ``part``'s items found in ``whole`` (1.0 when ``part`` is empty)."""
    sp = set(part)
    return len(sp & set(whole)) / len(sp) if sp else 1.0


def shingles(text: str, n: int = 4) -> frozenset[int]:
    """Hashed word n-grams of ``text`` (for near-duplicate detection of whole articles)."""
    toks = words(text)
    if len(toks) < n:
        return frozenset({hash(tuple(toks))}) if toks else frozenset()
    return frozenset(hash(tuple(toks[i : i + n])) for i in range(len(toks) - n + 1))


def support(statement: str, cited: Iterable[str]) -> float:
    """How well cited sentences support a statement: the share of the statement's words that occur
    in them (1.0 for a quote or a trim; lower for paraphrase or added words)."""
    source: set[str] = set()
    for text in cited:
        source.update(words(text))
    return containment(words(statement), source)
