"""Duplicate detection: exact (same cleaned body) and near (word 4-gram shingles, Jaccard).

An index over a topic's articles answers "is this body already here?" without comparing every
pair: exact matches by a hash of the normalised body, near matches through an inverted index of a
deterministic sample of shingles (only articles sharing a sampled shingle are compared, and only
when their sizes allow the threshold), then the exact Jaccard similarity.
"""

from __future__ import annotations

import hashlib
import zlib
from array import array

import msgspec

from briefgen.model import Article
from briefgen.nlp.similarity import jaccard, token_shingles, words

_SAMPLE = 4
"""Keep shingles whose hash (the same in every process) is divisible by this: a near-duplicate
pair shares ~(1/_SAMPLE) of their many common shingles, so it is still found; unrelated pairs
rarely share any."""


_COMMON = 64
"""A sampled shingle found in more articles than this is a stock phrase, not evidence."""

_IDS: dict[str, int] = {}
"""Token -> :func:`~briefgen.nlp.similarity.token_ids` number, kept across the bodies one process
fingerprints (news reuses most of its words); emptied when it grows past :data:`_IDS_MAX`."""
_IDS_MAX = 200_000


def _token_ids(tokens: list[str]) -> list[int]:
    """:func:`~briefgen.nlp.similarity.token_ids` (CRC-32 of each token's UTF-8), each distinct
    token computed once per process instead of once per body."""
    ids = _IDS
    new = set(tokens).difference(ids)
    if new:
        if len(ids) + len(new) > _IDS_MAX:
            ids.clear()
            new = set(tokens)
        for t in new:
            ids[t] = zlib.crc32(t.encode("utf-8"))
    return list(map(ids.__getitem__, tokens))


def _shingles(tokens: list[str]) -> frozenset[int]:
    """:func:`~briefgen.nlp.similarity.token_shingles` (word 4-grams), the same tuples hashed,
    built by ``zip`` over shifted lists instead of one slice per position."""
    if len(tokens) < 4:
        return token_shingles(tokens)
    ids = _token_ids(tokens)
    return frozenset(map(hash, zip(ids, ids[1:], ids[2:], ids[3:], strict=False)))


def _tokens(paragraphs: tuple[tuple[str, ...], ...]) -> list[str]:
    return words("\n\n".join(" ".join(p) for p in paragraphs))


def _key(tokens: list[str]) -> str:
    return hashlib.sha256(" ".join(tokens).encode("utf-8")).hexdigest()


class Fingerprint:
    """What the index compares: the body's word hash and its shingles (computed once, in the
    process that prepares the source). Pickled (a worker sending it to the recording process),
    the shingle hashes travel packed (``array("q")`` bytes: one string, not a set of a thousand
    numbers) and become a set again only when a comparison needs one."""

    __slots__ = ("_sampled", "_set", "key", "packed")

    def __init__(
        self,
        key: str,
        shingles: frozenset[int] | None = None,
        sampled: list[int] | None = None,
        *,
        packed: bytes = b"",
        sampled_packed: bytes = b"",
    ) -> None:
        self.key = key
        self._set = shingles
        self.packed = packed if shingles is None else b""
        """The shingle hashes, 8 bytes each, when they came packed (else empty)."""
        self._sampled: list[int] | bytes = sampled if sampled is not None else sampled_packed

    @classmethod
    def of(cls, paragraphs: tuple[tuple[str, ...], ...]) -> Fingerprint:
        """Fingerprint a body."""
        tokens = _tokens(paragraphs)
        shingles = _shingles(tokens)
        sampled = [h for h in shingles if not h & (_SAMPLE - 1)]  # h % _SAMPLE == 0
        return cls(_key(tokens), shingles, sampled)

    @property
    def size(self) -> int:
        """How many distinct shingles the body has."""
        return len(self._set) if self._set is not None else len(self.packed) // 8

    @property
    def shingles(self) -> frozenset[int]:
        """The shingle hashes as a set (built on first use after unpickling)."""
        if self._set is None:
            self._set = frozenset(_unpack(self.packed))
        return self._set

    @property
    def sampled(self) -> list[int]:
        """The shingles the index keeps postings for (hash divisible by ``_SAMPLE``)."""
        if isinstance(self._sampled, bytes):
            self._sampled = _unpack(self._sampled)
        return self._sampled

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Fingerprint):
            return NotImplemented
        return self.key == other.key and self.shingles == other.shingles

    def __hash__(self) -> int:
        return hash(self.key)

    def __getstate__(self) -> tuple[str, bytes, bytes]:
        packed = self.packed if self._set is None else _pack(self._set)
        sampled = self._sampled if isinstance(self._sampled, bytes) else _pack(self._sampled)
        return (self.key, packed, sampled)

    def __setstate__(self, state: tuple[str, bytes, bytes]) -> None:
        key, packed, sampled = state
        self.__init__(key, packed=packed, sampled_packed=sampled)  # type: ignore[misc]


def _pack(hashes: set[int] | frozenset[int] | list[int]) -> bytes:
    return array("q", hashes).tobytes()


def _unpack(packed: bytes) -> list[int]:
    out = array("q")
    out.frombytes(packed)
    return out.tolist()


class Match(msgspec.Struct, frozen=True):
    """An earlier article this body duplicates."""

    article_id: str
    similarity: float
    exact: bool


class DedupIndex:
    """Exact and near-duplicate lookup over a growing set of article bodies.

    Postings hold one article id as a plain string and turn into a list only when a second
    article shares the shingle: most sampled shingles belong to one article, and a list for each
    would be hundreds of thousands of objects for the garbage collector to walk."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self._exact: dict[str, str] = {}
        self._raw: dict[str, str] = {}
        self._prints: dict[str, Fingerprint] = {}
        self._postings: dict[int, str | list[str]] = {}

    def add(self, article: Article, fingerprint: Fingerprint | None = None) -> None:
        """Index an article (its body, its raw sha256 and those of its recorded duplicates);
        pass the body's fingerprint when it is already known."""
        self._raw.setdefault(article.sha256, article.id)
        for dup in article.duplicates:
            self._raw.setdefault(dup.sha256, article.id)
        if article.id in self._prints:
            return
        fp = fingerprint or Fingerprint.of(article.paragraphs)
        self._exact.setdefault(fp.key, article.id)
        self._prints[article.id] = fp
        postings = self._postings
        aid = article.id
        for h in fp.sampled:
            have = postings.get(h)
            if have is None:
                postings[h] = aid
            elif isinstance(have, str):
                postings[h] = [have, aid]
            else:
                have.append(aid)

    def posted(self, h: int) -> tuple[str, ...]:
        """The ids of the articles holding the sampled shingle ``h``, in the order indexed."""
        have = self._postings.get(h, ())
        return (have,) if isinstance(have, str) else tuple(have)

    def shingles(self, article_id: str) -> frozenset[int]:
        """The shingle hashes of an indexed article."""
        return self._prints[article_id].shingles

    def _count(self, h: int) -> int:
        have = self._postings.get(h)
        return 0 if have is None else 1 if isinstance(have, str) else len(have)

    def find(self, fingerprint: Fingerprint, sha256: str) -> Match | None:
        """The article this body duplicates (exactly, else the most similar near copy), if any."""
        if sha256 in self._raw:
            return Match(self._raw[sha256], 1.0, True)
        if fingerprint.key in self._exact:
            return Match(self._exact[fingerprint.key], 1.0, True)
        size = fingerprint.size
        if not size:
            return None
        sampled = fingerprint.sampled
        postings = self._postings
        # Phrases that many articles share (stock phrases, boilerplate quotes) say nothing about
        # near-duplication; skipping them keeps each lookup short however large the topic grows.
        # (A shingle no article holds is "rare" too, and adds nothing to ``shared``.)
        found = [(h, have) for h in sampled if (have := postings.get(h)) is not None]
        rare = [h for h, have in found if isinstance(have, str) or len(have) <= _COMMON]
        rare_count = len(rare) + len(sampled) - len(found)
        if rare_count < len(sampled) // 2:
            count = self._count
            rare = sorted(sampled, key=lambda h: (count(h), h))[:8]
            rare_count = len(rare)
        shared: dict[str, int] = {}
        for h in rare:
            have = postings.get(h)
            if have is None:
                continue
            if isinstance(have, str):
                shared[have] = shared.get(have, 0) + 1
            else:
                for aid in have:
                    shared[aid] = shared.get(aid, 0) + 1
        if not sampled:
            shared = dict.fromkeys(self._prints, 0)  # tiny bodies may have no sampled shingle
        # A pair at the threshold shares about threshold x |sample| sampled shingles; demanding
        # half of that skips the exact comparison for pairs that merely share some phrases.
        need = 0.5 * self.threshold * rare_count
        best: Match | None = None
        for aid in sorted(shared):
            if shared[aid] < need:
                continue
            other = self._prints[aid]
            small, large = sorted((size, other.size))
            if large == 0 or small / large < self.threshold:
                continue
            sim = jaccard(fingerprint.shingles, other.shingles)
            if sim >= self.threshold and (best is None or sim > best.similarity):
                best = Match(aid, round(sim, 4), False)
        return best
