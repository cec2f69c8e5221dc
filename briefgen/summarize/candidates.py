"""From a topic's articles to ranked candidate statements.

1. Every sentence is classified (:mod:`briefgen.summarize.classify`); noise is dropped and the
   rest is trimmed faithfully (a leading connective or dateline goes; the remaining words are the
   source's).
2. Sentences that say the same thing across sources are merged into one candidate citing them all.
   Pairs are only compared inside blocking buckets keyed on the smallest word hashes (a bottom-k
   sketch), so the step is near-linear, never all-pairs. Sentences whose figures differ are never
   merged: conflicting numbers stay side by side, each with its own attribution.
3. Each candidate gets an importance score: how many sources carry it, how central its words are to
   the topic (document frequency across articles), its position and the classifier's confidence.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Sequence

import msgspec

from briefgen.model import Article, Citation
from briefgen.nlp.similarity import STOPWORDS, sentence_words, words
from briefgen.nlp.trim import trim_statement
from briefgen.summarize.classify import Label, classify
from briefgen.summarize.cues import surface_noise

CLASSIFY_LIMIT = 4000
"""Most clusters classified in a big topic (by importance; recent ones are always classified)."""
RECENT_DAYS = 7
"""Clusters reported within this many days of the newest source are always classified."""
VOTERS = 5
"""Members of a cluster (oldest first) whose classification votes for its section."""
MERGE_SIMILARITY = 0.6
"""Word-set Jaccard at or above which two sentences (with the same figures) are one statement."""
_BUCKET_CAP = 48
NUMBER_WORDS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    hundred hundreds thousand thousands million millions billion dozen dozens""".split()
)
_FIGURE_WORDS = NUMBER_WORDS - {"one"}
"""Number words that give a figure ("one of the ..." seldom does)."""
_DIGIT = re.compile(r"\d")


class Unit(msgspec.Struct, frozen=True):
    """One usable (non-noise) sentence: its citation, trimmed text, position and word sets."""

    cite: Citation
    text: str
    """The statement text: the sentence or a faithful trim of it."""
    source: str
    """The sentence as the article has it (what is classified)."""
    published: dt.date
    position: int
    of: int
    words: frozenset[str]
    numbers: frozenset[str]


class _Vote(msgspec.Struct, frozen=True):
    label: Label
    confidence: float
    event_date: dt.date | None
    current: bool
    long_range: bool = False
    ahead: bool = False


class Candidate(msgspec.Struct, frozen=True):
    """A statement the summarizer could write: text, every citation, section and importance."""

    text: str
    cites: tuple[Citation, ...]
    section: Label
    score: float
    newest: dt.date
    """Publication date of the newest article carrying it."""
    date_key: dt.date
    """When it happened (resolved date, else the earliest source's date): background order."""
    words: frozenset[str]
    numbers: frozenset[str]
    current: bool = True
    """Some source phrases it as current: a lead sentence, or present / perfect / progressive /
    future tense, or a date within the last week or ahead."""
    origin: Citation | None = None
    """The sentence whose words the text is (the first, when the text joins two)."""
    ahead: bool = False
    """Some source places a date it names after its publication: it says what is scheduled."""
    events: frozenset[int] = frozenset()
    """The timeline events (indexes) whose mentions it cites: a statement that adds no event
    to those of a chosen one repeats it."""

    @property
    def key(self) -> Citation:
        """The first citation: a stable identity for ordering ties."""
        return self.cites[0]


def word_sets(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """A statement's content words and figures (numbers, number words), as units keep them."""
    toks = words(text)
    return (
        frozenset(w for w in toks if w not in STOPWORDS),
        frozenset(w for w in toks if _DIGIT.search(w) or w in NUMBER_WORDS),
    )


def units(article: Article) -> list[Unit]:
    """The article's usable sentences: boilerplate and fragments (surface cues) dropped. (A phrase
    with no finite verb is refused later, only among the candidates a section could take:
    :func:`briefgen.summarize.extractive.readable`.)"""
    out: list[Unit] = []
    count = len(article.sentences)
    for s in article.sentences:
        toks: Sequence[str] = sentence_words(s.text)
        if surface_noise(s.text, toks):
            continue
        text = trim_statement(s.text)
        if text != s.text:
            toks = words(text)
        out.append(
            Unit(
                cite=s.citation,
                text=text,
                source=s.text,
                published=article.published,
                position=s.n,
                of=count,
                words=frozenset(w for w in toks if w not in STOPWORDS),
                numbers=frozenset(w for w in toks if _DIGIT.search(w) or w in NUMBER_WORDS),
            )
        )
    return out


_DATES = re.compile(
    r"\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+\d{1,2}(?:st|nd|rd|th)?\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May"
    r"|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
    r"|\b(?:1[89]|20)\d\d(?:s)?\b|\b\d{1,2}:\d\d\b"
    r"|(?i:\b(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:days?|weeks?"
    r"|months?|years?)\s+(?:ago|earlier|later)\b)",
)


@functools.lru_cache(maxsize=65536)
def figures(text: str) -> frozenset[str]:
    """The figures a text gives: numbers and number words, not dates, years, times of day or
    relative times ("two weeks ago"). Cached by text: ``check`` compares every pair of a
    section's items, asking each item's figures once per pair."""
    masked = _DATES.sub(" ", text)
    return frozenset(w for w in words(masked) if any(map(str.isdigit, w)) or w in _FIGURE_WORDS)


def conflicting(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two sentences state different figures (both give numbers, and not the same ones)."""
    return bool(a) and bool(b) and a != b


class _Crc(dict[str, int]):
    """Each word's CRC-32, computed on first lookup (a topic's units share most words)."""

    def __missing__(self, word: str) -> int:
        h = self[word] = zlib.crc32(word.encode("utf-8"))
        return h


def _sketch(ws: frozenset[str], crc: _Crc | None = None) -> list[tuple[int, int]]:
    """Blocking keys: pairs among the three smallest word hashes (stable across processes)."""
    memo = _Crc() if crc is None else crc
    hs = sorted({memo[w] for w in ws})[:3]
    if len(hs) < 3:
        return []
    return [(hs[0], hs[1]), (hs[0], hs[2]), (hs[1], hs[2])]


def cluster(all_units: Sequence[Unit]) -> list[list[int]]:
    """Groups of unit indexes saying the same thing (same figures, similar words, two articles)."""
    parent = list(range(len(all_units)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
    exact: dict[tuple[frozenset[str], frozenset[str]], int] = {}
    crc = _Crc()
    # the units' fields as lists: the pair loop below is the hot path of a big topic
    article = [u.cite.article_id for u in all_units]
    numbers = [u.numbers for u in all_units]
    word_set = [u.words for u in all_units]
    for i, u in enumerate(all_units):
        twin = exact.setdefault((u.words, u.numbers), i)
        if twin != i and article[twin] != article[i]:
            parent[find(i)] = find(twin)  # a verbatim copy: same cluster, no comparisons needed
            continue
        mine, nums, size = u.words, u.numbers, len(u.words)
        for key in _sketch(mine, crc):
            bucket = buckets[key]
            for j in bucket:
                if article[j] == article[i]:
                    continue
                theirs = numbers[j]
                if nums and theirs and nums != theirs:
                    continue  # conflicting figures
                if find(i) == find(j):
                    continue
                # jaccard(mine, word_set[j]), its union counted as |A| + |B| - |A & B|
                inter = len(mine & word_set[j])
                union = size + len(word_set[j]) - inter
                if union and inter / union >= MERGE_SIMILARITY:
                    parent[find(i)] = find(j)
            if len(bucket) < _BUCKET_CAP:
                bucket.append(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(all_units)):
        groups[find(i)].append(i)
    return sorted(groups.values(), key=lambda g: min(g))


def ordered(articles: Sequence[Article]) -> list[Article]:
    """Articles oldest first (then by id): the order units are computed and merged in."""
    return sorted(articles, key=lambda a: (a.published, a.id))


def units_of(articles: Sequence[Article]) -> list[list[Unit]]:
    """:func:`units` of each article, in the given order (a picklable unit of parallel work)."""
    return [units(a) for a in articles]


def candidates(
    articles: Sequence[Article],
    *,
    day_first: bool = True,
    per_article: Sequence[Sequence[Unit]] | None = None,
    limit: int = CLASSIFY_LIMIT,
) -> list[Candidate]:
    """Every candidate statement of a topic, in a deterministic order (by first citation).

    ``per_article``: the units of :func:`ordered` articles when computed elsewhere (in parallel).
    Only the ``limit`` most important clusters (plus every cluster reported by the newest
    articles) are classified; the rest could not make a section anyway, and skipping them keeps a
    5,000-article topic fast. Topics with fewer clusters are classified in full."""
    if per_article is None:
        per_article = units_of(ordered(articles))
    all_units = [u for us in per_article for u in us]
    if not all_units:
        return []
    df: Counter[str] = Counter()
    for us in per_article:
        df.update(frozenset().union(*(u.words for u in us)))
    log_df = {w: math.log1p(n) for w, n in df.items()}
    norm = math.log1p(max(1, len(articles)))
    newest = max(u.published for u in all_units)
    groups = []
    for group in cluster(all_units):
        members = sorted(
            (all_units[i] for i in group),
            key=lambda u: (u.published, u.cite.article_id, u.cite.sentence),
        )
        rep = members[0]
        sources = len({u.cite.article_id for u in members})
        salience = (
            sum(map(log_df.__getitem__, rep.words)) / (len(rep.words) * norm) if rep.words else 0
        )
        base = (
            1.0
            + 0.6 * math.log2(sources)
            + salience
            + 0.3 * (rep.position <= 2)
            - 0.004 * max(0, len(rep.words) - 25)
        )
        groups.append((base, members))
    if len(groups) > limit:
        ranked = sorted(range(len(groups)), key=lambda i: (-groups[i][0], groups[i][1][0].cite))
        keep = set(ranked[:limit])
        recent = newest - dt.timedelta(days=RECENT_DAYS)
        keep.update(i for i, (_, ms) in enumerate(groups) if ms[-1].published >= recent)
        groups = [g for i, g in enumerate(groups) if i in keep]
    out: list[Candidate] = []
    for base, members in groups:
        votes = [_vote(u, day_first) for u in members[:VOTERS]]
        tally: dict[Label, float] = defaultdict(float)
        for v in votes:
            tally[v.label] += 1.0 + min(v.confidence, 2.0)
        section = max(sorted(tally), key=lambda k: tally[k])
        if section == "other":
            continue
        rep = members[0]
        dates = [v.event_date for v in votes if v.event_date is not None]
        if not dates and any(v.long_range for v in votes):
            dates = [dt.date.min]  # undated long-range context ("For decades, ...") comes first
        out.append(
            Candidate(
                text=rep.text,
                cites=tuple(sorted(u.cite for u in members)),
                section=section,
                score=round(base + 0.4 * min(votes[0].confidence, 2.0), 6),
                newest=members[-1].published,
                date_key=min(dates) if dates else rep.published,
                words=rep.words,
                numbers=rep.numbers,
                current=any(v.current for v in votes),
                origin=rep.cite,
                ahead=any(v.ahead for v in votes),
            )
        )
    return out


def _vote(u: Unit, day_first: bool) -> _Vote:
    c = classify(u.source, u.published, u.position, u.of, day_first=day_first)
    q = c.cues
    current = u.position <= 2 or any(
        (q.recent, q.future, q.scheduled, q.perfect, q.progressive, q.present, q.past_near)
    )
    long_range = (
        q.event_date is None
        and (q.history > 0 or q.pluperfect)
        and not any((q.present, q.perfect, q.progressive, q.future, q.recent))
    )
    return _Vote(c.label, c.confidence, q.event_date, current, long_range, q.scheduled)
