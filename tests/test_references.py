"""The dangling-reference detector and its antecedent test: each rule, each exception."""

from __future__ import annotations

import pytest

from briefgen.nlp.references import dangling, dangling_in, resolved_by, resolves, sentences_of


@pytest.mark.parametrize(
    ("text", "phrase", "reason"),
    [
        (
            "Since the Taliban’s return to power in 2021, that relationship has inverted.",
            "that relationship",
            "demonstrative",
        ),
        ("These talks are the first since the war began.", "These talks", "demonstrative"),
        ("This is the third such incident this year.", "This", "demonstrative"),
        (
            "Negotiators will define the details of this body, officials said.",
            "this body",
            "demonstrative",
        ),
        ("The measure passed by a narrow margin.", "The measure", "definite"),
        ("The move drew sharp criticism from the opposition.", "The move", "definite"),
        ("The latter has denied any involvement.", "The latter", "definite"),
        ("He said the border would stay closed.", "He", "pronoun"),
        ("But they insisted the vote was fair.", "they", "pronoun"),
        ("Its leaders have refused to comment.", "Its leaders", "pronoun"),
        ("It comes after one school closed without advice.", "It", "pronoun"),
        ("Both countries have recalled their ambassadors.", "Both countries", "pair"),
        ("The two sides met again on Tuesday.", "The two sides", "pair"),
        ("Others argued that the ceasefire was fragile.", "Others", "contrast"),
        ("Such attacks have become more frequent.", "Such attacks", "contrast"),
        ("As a result, flights were cancelled across the region.", "As a result", "connective"),
        ("In response, the army sealed the border.", "In response", "connective"),
        ("The officials closed the market, she said.", "she", "attribution"),
        ("“We will not give up the posts,” he said.", "he", "attribution"),
        ("It was unclear whether that would end the problem.", "that", "demonstrative"),
        ("It is not known whether he survived the crash.", "he", "pronoun"),
        ("Mr Gates warned that they could trigger riots.", "they", "pronoun"),
        ("Once the dust has settled, we need to look at this.", "this", "demonstrative"),
        ("The country's economy shrank by a fifth.", "The country's", "definite"),
    ],
)
def test_dangling_references_are_found(text: str, phrase: str, reason: str) -> None:
    """Each kind of dangling reference is reported with its exact phrase, span and reason."""
    ref = dangling(text)
    assert ref is not None
    assert (ref.phrase, ref.reason) == (phrase, reason)
    assert text[ref.start : ref.end] == phrase


@pytest.mark.parametrize(
    "text",
    [
        "However, the Senate passed the bill on Tuesday.",
        "But Pakistan kept its border crossings closed.",
        "Meanwhile, the Haitian government appealed for more aid.",
        "This week, the World Health Organization raised its alert level.",
        "It is unclear whether the talks will resume.",
        "It was reported that the singer had died of cardiac arrest.",
        "That Mubarak should resign was the protesters' only demand.",
        "Both India and Pakistan claim Kashmir in full.",
        "The two countries, India and Pakistan, have fought three wars.",
        "The decision to close the schools was taken by the city council.",
        "The talks between Iran and the United States resumed in Oman.",
        "The measures taken by the authorities in Hong Kong underscore the concern.",
        "Instead of resigning, the minister called a snap election.",
        "Although there was talk of closing the borders, such a move seems unlikely.",
        "The earthquake struck Haiti on January 12, killing tens of thousands.",
        "At stake are about 9,000 jobs that depend directly on the port.",
        "The BBC is reporting that seven of the nine people tested negative.",
        "It's hard to fathom how a company like Nokia lost its lead.",
        "It is flu season and many people are ill.",
        "Officials said they would reopen the border on Monday.",
        "Mr Holmes said he was shocked by the damage.",
    ],
)
def test_self_contained_statements_pass(text: str) -> None:
    """Linking connectives, time demonstratives, expletive "it", named pairs and identified
    definite phrases are not dangling."""
    assert dangling(text) is None


def test_explain_names_the_phrase_and_the_reason() -> None:
    """The one-line explanation quotes the phrase and says why it dangles."""
    ref = dangling("The move drew sharp criticism.")
    assert ref is not None
    assert ref.explain() == (
        '"The move" (a definite phrase naming something introduced in another sentence)'
    )


def test_antecedent_with_the_head_noun_resolves_a_definite_phrase() -> None:
    """A definite phrase is resolved by a sentence holding its head noun (or its stem)."""
    ref = dangling("The measure passed by a narrow margin.")
    assert ref is not None
    assert resolves(ref, "Lawmakers voted on a measure to ban imports of steel.")
    assert not resolves(ref, "Lawmakers met in the capital on Tuesday for a long session.")


def test_pair_needs_two_names_in_the_antecedent() -> None:
    """'Both countries' is resolved by a sentence naming two, not by one naming one."""
    ref = dangling("Both countries have recalled their ambassadors.")
    assert ref is not None
    assert resolves(ref, "Relations between India and Pakistan worsened after the attack.")
    assert not resolves(ref, "Relations worsened sharply after the attack last week.")


def test_personal_pronoun_needs_a_name_and_a_dangling_antecedent_resolves_nothing() -> None:
    """'He' needs a proper name before it; an antecedent that itself dangles resolves nothing."""
    ref = dangling("He said the border would stay closed.")
    assert ref is not None
    assert resolves(ref, "Pakistan's foreign minister Ishaq Dar spoke to reporters on Monday.")
    assert not resolves(ref, "the minister spoke to reporters on the day.")
    assert not resolves(ref, "He spoke to Reuters reporters on Monday in Islamabad.")


def test_resolved_by_is_true_for_a_self_contained_statement() -> None:
    """A self-contained statement needs no antecedent; a dangling one needs a resolving one."""
    assert resolved_by("Pakistan closed the border on Sunday.", None)
    assert not resolved_by("The move drew criticism.", None)
    assert resolved_by(
        "The move drew criticism.", "Pakistan's move to close the border was abrupt."
    )


def test_statement_of_two_sentences_is_read_as_one_text() -> None:
    """A sentence extended with the one before it is self-contained when that one resolves its
    reference, and not when it does not (the offsets are the statement's)."""
    text = "Officials announced a measure banning rallies. The measure will last two weeks."
    assert dangling_in(text) is None
    text = "Trucks queued at the crossing. He said the border would stay closed."
    ref = dangling_in(text)
    assert ref is not None and text[ref.start : ref.end] == "He"
    assert [s for _, s in sentences_of("U.S. officials met. They agreed.")] == [
        "U.S. officials met.",
        "They agreed.",
    ]


def test_a_pair_is_the_topics_own_unless_another_pair_precedes() -> None:
    """'the two countries' in a topic titled for a pair is self-contained; right after a sentence
    naming two other countries, or in a topic naming no pair, it dangles."""
    text = "The border between the two countries has been closed for weeks."
    topic = "Afghanistan–Pakistan talks"
    assert dangling_in(text, topic=topic) is None
    assert dangling_in(text, topic=topic, before="Turkey and Qatar mediated.") is not None
    assert dangling_in(text, topic="Border talks") is not None


def test_a_demonstrative_closing_its_sentence_is_not_resolved_by_the_one_before() -> None:
    """'This is ...' opening a statement is resolved by any self-contained sentence before it;
    '... to achieve this.' closing one is not (it may point inside its sentence or further back)."""
    opening = dangling("This is the third such incident this year.")
    assert opening is not None and resolves(opening, "Gunmen attacked a bus near Quetta.")
    closing = dangling("Turkey pledged to continue supporting efforts to achieve this.")
    assert closing is not None and closing.trailing
    assert not resolves(closing, "Gunmen attacked a bus near Quetta.")
