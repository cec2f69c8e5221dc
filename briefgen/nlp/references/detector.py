"""One sentence: :func:`dangling` (its first reference needing an antecedent) and
:func:`resolves` (whether a given sentence supplies it)."""

from __future__ import annotations

import functools
import re

from briefgen.nlp.references.lexicon import (
    _ANAPHORIC_ADJECTIVES,
    _ANAPHORIC_BY_FIRST,
    _ATTRIBUTION,
    _CLAUSE_END,
    _CLAUSE_OPENERS,
    _CONTRAST_SUBJECTS,
    _COPULA,
    _DEMONSTRATIVES,
    _DETERMINERS,
    _FRONTING,
    _FUNCTION,
    _MODALS,
    _MULTI_LINKS,
    _PAIR_NOUNS,
    _PERSONAL,
    _PREPOSITIONS,
    _PRONOUNS,
    _QUANTIFIERS,
    _SHELL_NOUNS,
    _SINGLE_LINKS,
    _SUBJECT_WORDS,
    _TIME_NOUNS,
    _TWO_NAMES,
    NAME_RUNS,
    Reason,
    Reference,
    _set,
    _spans,
    _Tok,
    _tokens,
)


def _skip_links(text: str, toks: list[_Tok]) -> int:
    """Index of the first token after leading linking connectives ("But", "In fact,")."""
    i = 0
    for _ in range(3):
        if i >= len(toks):
            return i
        if toks[i].low in _SINGLE_LINKS and i + 1 < len(toks) and toks[i + 1].word:
            i += 1
        elif toks[i].low in _SINGLE_LINKS and i + 1 < len(toks) and toks[i + 1].text == ",":
            i += 2
        else:
            for phrase in _MULTI_LINKS:
                n = len(phrase.split())
                if " ".join(t.low for t in toks[i : i + n]) == phrase:
                    i += n + (1 if i + n < len(toks) and toks[i + n].text == "," else 0)
                    break
            else:
                return i
    return i


def _anaphoric_connective(toks: list[_Tok], i: int) -> tuple[int, int] | None:
    if i >= len(toks):
        return None
    for phrase, n in _ANAPHORIC_BY_FIRST.get(toks[i].low, ()):
        if " ".join(t.low for t in toks[i : i + n]) == phrase:
            nxt = toks[i + n] if i + n < len(toks) else None
            if phrase == "then" and (nxt is None or nxt.text != ","):
                return None  # "Then-president ..." or a narrative "Then he left" is rare; be strict
            if phrase in ("instead", "thus", "hence", "therefore") and nxt and nxt.low == "of":
                return None  # "Instead of ..." carries its own complement
            return i, i + n
    return None


def _subject_index(toks: list[_Tok], i: int) -> int:
    """Skip a fronted adverbial ("Since 2021, ...", "From the Pakistani perspective, ...",
    "Speaking on Sunday, ...") that ends with a comma within 15 tokens."""
    if i >= len(toks) or not toks[i].word:
        return i
    first = toks[i].low
    fronted = first in _FRONTING or (
        len(first) > 4 and (first.endswith("ing") or first.endswith("ed"))
    )
    if not fronted:
        return i
    depth = 0
    for j in range(i + 1, min(len(toks), i + 16)):
        t = toks[j].text
        if t in "([“":
            depth += 1
        elif t in ")]”":
            depth -= 1
        elif t == "," and depth == 0:
            return j + 1
    return i


def _noun_phrase(toks: list[_Tok], i: int, limit: int = 4) -> int:
    """End index of the content words after a determiner at ``i`` (up to ``limit``)."""
    j = i + 1
    while j < len(toks) and j - i <= limit:
        t = toks[j]
        if not t.word or t.low in _FUNCTION or t.low in _COPULA or t.low in _MODALS:
            break
        if toks[j].text[0].isupper() and j > i + 1:
            break
        j += 1
    return j


def _plural_end(toks: list[_Tok], i: int, limit: int = 3) -> int:
    """End index of a set phrase ("the two neighboring nations"): up to its first plural noun."""
    end = _noun_phrase(toks, i, limit)
    for k in range(i + 1, end):
        if toks[k].low.endswith("s") and toks[k].low not in ("two", "both"):
            return k + 1
    return end


def _is_proper(tok: _Tok, index: int) -> bool:
    return (
        index > 0
        and tok.word
        and tok.text[0].isupper()
        and tok.low not in _TIME_NOUNS
        and tok.low not in _FUNCTION
    )


def _names_two(text: str) -> bool:
    """The statement coordinates two proper names ("Afghanistan and Pakistan")."""
    rest = text[1:]
    return any(_TWO_NAMES.match(rest, run.start()) for run in NAME_RUNS.finditer(rest))


def _ref(text: str, toks: list[_Tok], a: int, b: int, reason: Reason, head: str) -> Reference:
    spans = _spans(text)
    start, end = spans[a][0], spans[b - 1][1]
    return Reference(text[start:end], start, end, reason, head.lower())


def _expletive_it(toks: list[_Tok], i: int) -> bool:
    """``it`` + copula (or modal + be) + adjective/participle ... + a that/to/wh- clause; or
    ``it`` + copula + a time ("It is flu season", "It was late at night")."""
    j = i + 1
    if toks[i].low == "it's":
        pass  # the copula is in the token: "It's hard to fathom how ..."
    elif j < len(toks) and toks[j].low in _MODALS:
        j += 1
        if j < len(toks) and toks[j].low == "not":
            j += 1
        if j < len(toks) and toks[j].low == "be":
            j += 1
        else:
            return False
    elif j < len(toks) and toks[j].low in _COPULA:
        j += 1
    elif j + 1 < len(toks) and toks[j].low in ("has", "had") and toks[j + 1].low == "been":
        j += 2
    else:
        return False
    if j < len(toks) and toks[j].low in ("not", "also", "still", "now"):
        j += 1
    if any(t.low in _TIME_NOUNS for t in toks[j : j + 4]):
        return True
    if j >= len(toks) or toks[j].low in _DETERMINERS or toks[j].low in ("as", "like"):
        return False
    word = toks[j].low
    if word.endswith("ing"):
        return False  # a progressive: "It is demanding that ..." has a real subject
    if word.endswith("ed") or word.endswith("en"):
        # a passive takes a finite clause ("It is believed that"); "It is transported to" does not
        return any(t.low in ("that", "whether", "if") for t in toks[j + 1 : j + 3])
    return any(t.low in _CLAUSE_OPENERS for t in toks[j + 1 : j + 6])


def _subject(text: str, toks: list[_Tok], i: int) -> Reference | None:
    """A dangling reference opening the main clause at token ``i``."""
    if i >= len(toks):
        return None
    t = toks[i]
    low = t.low.split("'")[0]
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if low in _PRONOUNS:
        if low == "it" and _expletive_it(toks, i):
            return None
        if low in ("his", "her", "their", "its") and nxt is not None and nxt.word:
            end = _noun_phrase(toks, i)
            return _ref(text, toks, i, end, "pronoun", low)
        return _ref(text, toks, i, i + 1, "pronoun", low)
    if low in _DEMONSTRATIVES:
        if nxt is not None and nxt.low in _TIME_NOUNS:
            return None
        if (
            low == "that"
            and nxt is not None
            and t.text == "That"
            and (nxt.low in _SUBJECT_WORDS or _is_proper(nxt, i + 1))
        ):
            return None  # "That Mubarak should go ...": a conjunction, not a reference
        end = _noun_phrase(toks, i)
        head = toks[end - 1].low if end > i + 1 else low
        return _ref(text, toks, i, end, "demonstrative", head)
    if low in ("both",) and nxt is not None:
        if nxt.word and (nxt.low == "of" or nxt.low not in _FUNCTION) and not nxt.text[0].isupper():
            end = _plural_end(toks, i)
            if not _names_two(text):
                return _ref(text, toks, i, max(end, i + 1), "pair", toks[max(end, i + 1) - 1].low)
        return None
    if low in _CONTRAST_SUBJECTS and low != "rest":
        end = _noun_phrase(toks, i) if low == "such" else i + 1
        if low == "such" and nxt is not None and nxt.low in ("a", "an"):
            end = _noun_phrase(toks, i + 1)
        return _ref(text, toks, i, max(end, i + 1), "contrast", toks[max(end, i + 1) - 1].low)
    if low == "the" and nxt is not None:
        return _definite(text, toks, i)
    return None


def _definite(text: str, toks: list[_Tok], i: int) -> Reference | None:
    nxt = toks[i + 1]
    if nxt.low == "two" or nxt.low in _PAIR_NOUNS:
        end = max(_plural_end(toks, i + (1 if nxt.low == "two" else 0)), i + 2)
        if _names_two(text):
            return None
        return _ref(text, toks, i, end, "pair", toks[end - 1].low)
    if nxt.low == "rest":
        return _ref(text, toks, i, i + 2, "contrast", "rest")
    if nxt.low in _ANAPHORIC_ADJECTIVES:
        end = max(_noun_phrase(toks, i + 1, limit=1), i + 2)
        return _ref(text, toks, i, end, "definite", toks[end - 1].low)
    # "The" + modifiers + head: read the phrase up to the first function word or punctuation.
    j = i + 1
    while j < len(toks) and j - i <= 4 and toks[j].word and toks[j].low not in _FUNCTION:
        if toks[j].low.endswith("'s") and not toks[j].text[0].isupper():
            base = toks[j].low[:-2]
            if base in _SHELL_NOUNS and j == i + 1:  # "The country's ...": the possessor dangles
                return _ref(text, toks, i, j + 1, "definite", base)
            return None  # a possessor identifies it ("the minister's office" is not examined)
        if toks[j].text[0].isupper() or toks[j].low.endswith("'s"):
            return None  # a proper name or a possessor identifies it ("The Doha deal")
        j += 1
    if j == i + 1:
        return None
    # The run may go on into the verb ("The move drew sharp criticism"): the head is its first
    # anaphoric noun.
    head_at = next((k for k in range(i + 1, j) if toks[k].low in _SHELL_NOUNS), None)
    if head_at is None:
        return None
    head = toks[head_at].low
    after = toks[head_at + 1] if head_at + 1 < len(toks) else None
    if after is not None:
        if after.low in _PREPOSITIONS:
            return None  # "The talks between ...", "The decision to ..."
        if after.text == "," or after.low in ("that", "which", "who"):
            pass  # an appositive or relative clause describes it but does not say which one
        elif (
            head_at + 3 < len(toks)
            and toks[head_at + 2].low == "by"
            and toks[head_at + 3].low not in ("a", "an")
        ):
            return None  # an agentive participle: "The measures taken by the authorities ..."
    return _ref(text, toks, i, head_at + 1, "definite", head)


def _inner_demonstrative(text: str, toks: list[_Tok], skip_to: int) -> Reference | None:
    """A demonstrative determiner + noun after the subject ("details of this body")."""
    for i in range(skip_to, len(toks) - 1):
        low, nxt = toks[i].low, toks[i + 1]
        if (
            low in _DEMONSTRATIVES
            and nxt.text in _CLAUSE_END
            and i > skip_to
            and toks[i - 1].word
            and toks[i - 1].low not in _DEMONSTRATIVES
        ):
            start, end = _spans(text)[i]  # "... to achieve this."
            return Reference(toks[i].text, start, end, "demonstrative", low, trailing=True)
        if low not in _DEMONSTRATIVES or not nxt.word or nxt.low in _FUNCTION:
            continue
        if nxt.low in _QUANTIFIERS or nxt.text[0].isdigit():
            continue  # "reporting that seven of ...", "estimates that up to 50,000": a clause
        if nxt.low in _TIME_NOUNS or nxt.low in _COPULA or nxt.low in _MODALS:
            continue
        if nxt.text[0].isupper():
            continue
        end = _noun_phrase(toks, i, limit=3)
        if end == i + 1:
            continue
        head = toks[end - 1].low
        if head in _TIME_NOUNS:
            continue
        if head.endswith("ly") and len(head) > 5 and end - i > 2:
            continue  # "jobs that depend directly on ...": a clause (an adverb), not a noun phrase
        if low in ("that", "those"):
            # "that" is a determiner only when its noun phrase ends the clause ("dislike that
            # situation, so", "compounds that error."): else it opens a clause ("said that
            # officials closed ...")
            if i > 0 and toks[i - 1].low in ("so", "such", "now", "fact"):
                continue
            after = toks[end] if end < len(toks) else None
            if (
                after is not None
                and after.word
                and after.low not in _PREPOSITIONS
                and after.low not in ("and", "or", "but", "as", "so")
            ):
                continue
        if any(t.low == head for t in toks[:i]):
            continue  # "a fossil ... this fossil": resolved inside the statement
        return _ref(text, toks, i, end, "demonstrative", head)
    return None


def _pair_inside(text: str, toks: list[_Tok], skip_to: int) -> Reference | None:
    if _names_two(text):
        return None
    for i in range(skip_to, len(toks) - 2):
        low, nxt = toks[i].low, toks[i + 1]
        if low == "both" and nxt.word and nxt.low not in _FUNCTION and not nxt.text[0].isupper():
            end = _noun_phrase(toks, i, limit=2)
            head = toks[end - 1].low
            if head.endswith("s"):
                return _ref(text, toks, i, end, "pair", head)
        if low == "the" and nxt.low == "two":
            end = _noun_phrase(toks, i + 1, limit=2)
            if end > i + 2 and toks[end - 1].low.endswith("s"):
                return _ref(text, toks, i, end, "pair", toks[end - 1].low)
    return None


_REPORTING = frozenset(
    """said says warned warns told added argued claimed insisted stressed noted believed believes
    feared fears acknowledged admitted announced confirmed denied explained suggested""".split()
)


_COLLECTIVE = frozenset(
    "police people government army military ministry team company council staff".split()
)


def _reported_subject(text: str, toks: list[_Tok], s: int) -> Reference | None:
    """The subject pronoun of what the main clause reports ("Mr Gates warned that *they* could
    trigger riots"): dangling when nothing before it in the statement can be its antecedent — a
    capitalised name for "he"/"she", a plural noun for "they"."""
    for j in range(s + 1, min(len(toks) - 1, s + 8)):
        if toks[j].low not in _REPORTING:
            continue
        k = j + 2 if toks[j + 1].low == "that" else j + 1
        if k >= len(toks) or toks[k].low not in ("he", "she", "they"):
            return None
        before = toks[:j]
        if toks[k].low == "they":
            plural = any(
                t.word
                and (n == 0 or t.text[0].islower())
                and (t.low.endswith("s") or t.low in _COLLECTIVE)
                and t.low not in _FUNCTION
                for n, t in enumerate(before)
            )
            if plural or any(t.low in ("and", "or") for t in before):
                return None
        elif any(
            _is_proper(t, n) or t.low in ("mr", "mrs", "ms", "dr") for n, t in enumerate(before)
        ):
            return None
        if toks[0].low in _PRONOUNS or toks[s].low in _PRONOUNS:
            return None  # the main subject is the pronoun: reported already
        return _ref(text, toks, k, k + 1, "pronoun", toks[k].low)
    return None


def _extraposed_subject(text: str, toks: list[_Tok], i: int) -> Reference | None:
    """The subject of the clause a non-referential ``it`` stands for ("It was unclear whether
    *that* would end it", "It is not known whether *he* survived"): a personal or demonstrative
    pronoun there needs an antecedent as much as a main-clause subject does."""
    for j in range(i + 2, min(len(toks) - 1, i + 8)):
        if toks[j].low in ("whether", "if", "that", "when", "why", "how"):
            k = j + 1
            if toks[k].low in ("he", "she", "they") or (
                toks[k].low in _DEMONSTRATIVES
                and k + 1 < len(toks)
                and (toks[k + 1].low in _MODALS or toks[k + 1].low in _COPULA)
            ):
                return _ref(
                    text,
                    toks,
                    k,
                    k + 1,
                    "pronoun" if toks[k].low in _PRONOUNS else "demonstrative",
                    toks[k].low,
                )
            return None
    return None


_FINITE = _set("is are was were has have had will would can could did does do been")


def _is_clause(toks: list[_Tok]) -> bool:
    """A fronted subordinate clause (it has a finite auxiliary), not a phrase."""
    return any(t.low in _FINITE for t in toks)


@functools.lru_cache(maxsize=1 << 16)
def dangling(text: str) -> Reference | None:
    """The first reference in ``text`` that needs an antecedent outside it, or ``None`` when the
    statement is self-contained (see the module docstring for the rules). A pure function of the
    text, cached: the timeline asks it of the same mention when choosing an event's text and when
    keeping the event, and syndicated copies repeat sentences."""
    toks = _tokens(text)
    i = _skip_links(text, toks)
    conn = _anaphoric_connective(toks, i)
    if conn is not None:
        a, b = conn
        return _ref(text, toks, a, b, "connective", " ".join(t.low for t in toks[a:b]))
    s = _subject_index(toks, i)
    found = _subject(text, toks, s)
    if found is not None and s != i and found.reason in ("contrast", "demonstrative", "definite"):
        fronted = toks[i:s]
        if _is_clause(fronted) and (
            found.reason == "contrast" or any(t.low == found.head for t in fronted)
        ):
            found = None  # "Although there was talk of closing the borders, such a move ..."
    if found is None and s < len(toks) and toks[s].low == "it" and _expletive_it(toks, s):
        found = _extraposed_subject(text, toks, s)
    if found is None:
        found = _reported_subject(text, toks, s)
    if found is not None:
        return found
    found = _pair_inside(text, toks, s) or _inner_demonstrative(text, toks, s + 1)
    if found is not None:
        return found
    m = _ATTRIBUTION.search(text)
    if m is not None:
        who = m.group("who") or m.group("who2")
        start = m.start("who") if m.group("who") else m.start("who2")
        end = start + len(who)
        return Reference(text[start:end], start, end, "attribution", who.lower())
    return None


def _proper_names(text: str) -> frozenset[str]:
    toks = _tokens(text)
    return frozenset(t.low for n, t in enumerate(toks) if _is_proper(t, n))


def _stem(word: str) -> str:
    w = word.lower()
    for suffix in (
        "ations",
        "ation",
        "ions",
        "ion",
        "ments",
        "ment",
        "ures",
        "ure",
        "ies",
        "es",
        "s",
        "ed",
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


def resolves(reference: Reference, antecedent: str) -> bool:
    """Does ``antecedent`` (the sentence before the statement in its article) supply what
    ``reference`` points at? The antecedent must itself be self-contained at its start (a chain
    of two dangling sentences is not resolved by one of them), and:

    - a pronoun, attribution pronoun or contrast: it names someone or something (a proper name;
      for ``it``/``they``/``its``/``their``/``them``/contrast, any self-contained sentence does);
    - a demonstrative or definite phrase: its head noun (or a word of the same stem) occurs there,
      or — for a pronoun-like demonstrative ("This is") — it is a self-contained sentence (not
    for one closing its sentence, "... to achieve this.", which may point anywhere);
    - a pair: it names two (a coordination of two proper names, or two distinct proper names);
    - a connective: any self-contained sentence.
    """
    text = antecedent.strip()
    if len(text.split()) < 4:
        return False
    own = dangling(text)
    if (
        own is not None
        and own.reason != "attribution"
        and (own.reason in ("pronoun", "connective") or own.start < 3)
    ):
        return False  # the antecedent needs an antecedent itself
    names = _proper_names(text)
    if reference.reason in ("pronoun", "attribution"):
        return bool(names) if reference.head in _PERSONAL else True
    if reference.reason in ("contrast", "connective"):
        return True
    if reference.reason == "pair":
        return _names_two(text) or len(names) >= 2
    if reference.head in _DEMONSTRATIVES:
        return not reference.trailing
    stems = {_stem(w) for w in re.findall(r"[A-Za-z]+", text)}
    return _stem(reference.head) in stems


def resolved_by(statement: str, antecedent: str | None) -> bool:
    """True when ``statement`` is self-contained, or ``antecedent`` resolves its reference."""
    ref = dangling(statement)
    if ref is None:
        return True
    return antecedent is not None and resolves(ref, antecedent)
