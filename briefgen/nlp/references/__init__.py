"""Dangling references: a statement whose meaning depends on a sentence that is not there.

:func:`dangling` finds the first reference in a statement that needs an antecedent outside it;
:func:`resolves` says whether a given sentence (the one before it in its article) supplies one.
Both are pure and know nothing of files or briefings. The rules are general English grammar, no
topic words:

- **pronoun** — the main clause's subject is a bare third-person pronoun or possessive ("He said",
  "They have", "Its leaders"); a non-referential ``it`` ("It is unclear whether ...", "It was
  believed that ...": ``it`` + copula + adjective/participle + a ``that``/``to``/wh- clause) is
  not one.
- **attribution** — the statement ends with a pronoun attribution (", he said."): who said it
  depends on another sentence.
- **demonstrative** — the subject is a demonstrative ("That relationship", "These talks", "This
  is"), except one naming a time ("This week", "That year"); anywhere else a demonstrative
  determiner with its noun ("details of this body", "dislike that situation") whose noun does not
  occur earlier in the statement. A clause-opening ``That`` ("That he won surprised no one") is a
  conjunction, not a reference.
- **definite** — the subject is a definite noun phrase whose head is an anaphoric (*shell* or
  *role*) noun — one that takes its content from what was said before ("The measure", "The move",
  "The announcement", "The patient") — with nothing in the phrase identifying it (no proper name,
  no post-modifier such as "of ...", "between ...", "taken by ..."); or a definite phrase with an
  anaphoric adjective ("The latter", "The former", "The other books", "The same").
- **pair** — "both countries", "the two sides", "the pair": a set of two whose members the
  statement does not name (no coordination of two proper names in it).
- **contrast** — an elliptical subject that contrasts with another sentence: "Others argued",
  "Such a move", "The rest".
- **connective** — an opening connective whose meaning is the previous sentence: "As a result",
  "In response", "Instead", "Since then", "For his part". (Additive and contrastive connectives
  — "But", "However", "Meanwhile" — only link; they are trimmable, not dangling: they are skipped
  and the rest of the statement is examined.)
"""

from __future__ import annotations

from briefgen.nlp.references.detector import dangling, resolved_by, resolves
from briefgen.nlp.references.lexicon import Reason, Reference
from briefgen.nlp.references.statement import dangling_in, sentences_of, topic_resolves

__all__ = [
    "Reason",
    "Reference",
    "dangling",
    "dangling_in",
    "resolved_by",
    "resolves",
    "sentences_of",
    "topic_resolves",
]
