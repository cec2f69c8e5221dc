"""A statement of one or more sentences in its topic: :func:`dangling_in`."""

from __future__ import annotations

import re

from msgspec.structs import replace

from briefgen.nlp.references.detector import dangling, resolves
from briefgen.nlp.references.lexicon import Reference

_SENTENCE_END = re.compile(r"[.!?][\"”’)]?(\s+)(?=[\"“‘(]?[A-Z])")
"""A sentence boundary inside a statement that joins consecutive source sentences."""


def sentences_of(statement: str) -> list[tuple[int, str]]:
    """The sentences of a statement (one, or a source sentence extended with the ones before it),
    each with its offset in the statement."""
    out: list[tuple[int, str]] = []
    start = 0
    for m in _SENTENCE_END.finditer(statement):
        part = statement[start : m.start(1)]
        if len(part.split()) >= 3:  # "U.S. officials": an abbreviation, not a sentence end
            out.append((start, part))
            start = m.end(1)
    out.append((start, statement[start:]))
    return out


_COORDINATED = re.compile(
    r"\b([A-Z][\w'’.-]*)(?:\s+[A-Z][\w'’.-]*)*\s*(?:[–—/-]|\s(?:and|or)\s+(?:the\s+)?)"
    r"\s*([A-Z][\w'’.-]*)"
)


def _pairs_named(text: str) -> frozenset[str]:
    """Lower-case names coordinated in ``text`` ("Turkey and Qatar", "Afghanistan–Pakistan")."""
    return frozenset(
        w.lower() for m in _COORDINATED.finditer(text) for w in (m.group(1), m.group(2))
    )


def topic_resolves(reference: Reference, before: str | None, topic: str | None) -> bool:
    """Does the topic's own pair resolve a pair reference ("the two countries" in a story whose
    title is "Afghanistan–Pakistan talks")? Only when the sentence before it does not coordinate
    two other names ("The mediation by Turkey and Qatar ... Both countries ..." means those)."""
    if reference.reason != "pair" or not topic:
        return False
    own = _pairs_named(topic)
    if len(own) < 2:
        return False
    near = _pairs_named(before) if before else frozenset()
    return not (near - own)


def dangling_in(
    statement: str, *, before: str | None = None, topic: str | None = None
) -> Reference | None:
    """:func:`dangling` for a statement of one or more sentences: the first reference that the
    sentence before it *in the statement* does not resolve (a statement extended with its
    antecedent sentence is self-contained). A pair reference the statement does not resolve is
    resolved by ``topic`` (the topic's title) when :func:`topic_resolves` says so; ``before`` is
    the source sentence before the statement's first one. Offsets are the statement's."""
    previous = before
    for n, (offset, part) in enumerate(sentences_of(statement)):
        ref = _unresolved(part, None if n == 0 else previous, previous, topic)
        if ref is not None:
            return replace(ref, start=ref.start + offset, end=ref.end + offset)
        previous = part
    return None


def _unresolved(
    part: str, antecedent: str | None, before: str | None, topic: str | None
) -> Reference | None:
    """The first reference of one sentence that neither ``antecedent`` (the sentence before it
    in the statement) nor the topic's pair resolves. A resolved reference reads as a name (a pair
    the topic resolves as the topic's two names) and the rest of the sentence is examined."""
    edits: list[tuple[int, int]] = []  # (position in the edited text, length change)
    for _ in range(4):
        ref = dangling(part)
        if ref is None:
            return None
        if antecedent is not None and resolves(ref, antecedent):
            named = "Zed"  # resolved: read the rest of the sentence as if it were named
        elif topic_resolves(ref, before, topic):
            named = " and ".join(sorted(_pairs_named(topic or "")))
        else:
            shift = sum(delta for at, delta in edits if at < ref.start)
            return replace(ref, start=ref.start - shift, end=ref.end - shift)
        part = part[: ref.start] + named + part[ref.end :]
        edits.append((ref.start, len(named) - (ref.end - ref.start)))
    return None
