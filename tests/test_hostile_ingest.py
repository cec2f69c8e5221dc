"""Long lines cannot hang ingest: the patterns that rescanned a long token from every character
find exactly what they found before, pysbd reads bounded chunks under a per-source budget, and
multi-megabyte one-line pages ingest (or fail with one line) with the right result.

No test here measures time (benchmarks/bench_hostile.py does); the bounds are asserted on the
work itself: the size of every text handed to pysbd and their total.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from cli_kit import CliRunner

from briefgen.app.project import Project
from briefgen.cli import cli
from briefgen.ingest import noise, split, split_bounds
from briefgen.ingest.text import clean_text
from briefgen.model import Topic
from briefgen.nlp import boilerplate

_OLD_GLUED = re.compile(r"[a-z]{2,}[A-Z][a-z]")
_OLD_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")
_OLD_NO_TAGS = re.compile(r"[#@]\w+|\S*(?:://|www\.)\S*")
_OLD_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]{2,}")

MB = 1_000_000


def _strings(alphabet: list[str], count: int, longest: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))) for _ in range(count)
    ]


def test_glued_pattern_counts_as_before() -> None:
    """The run-together-words pattern finds the same matches as the plain one it replaces."""
    for s in _strings([*"abAB .1", "ab", "Ab"], 8000, 16, seed=3):
        assert noise._GLUED.findall(s) == _OLD_GLUED.findall(s), repr(s)


def test_has_url_answers_as_the_url_pattern() -> None:
    """has_url (web-address regex plus a token scan for e-mail shapes) agrees with the plain
    pattern on random strings of the characters that matter."""
    alphabet = [*"a@._ -1é\t/", "www.", "http://", "@a.b", ".."]
    for s in _strings(alphabet, 8000, 10, seed=7):
        low = s.lower()
        assert boilerplate.has_url(low) == (_OLD_URL.search(low) is not None), repr(s)


def test_tag_stripping_and_email_test_answer_as_their_patterns() -> None:
    """The token-wise hashtag/handle/link stripping and the e-mail test give exactly what the
    plain patterns gave."""
    alphabet = [*"a#@.:/ w-+_1\t", "://", "www.", "@a", "#b", "a.b"]
    for s in _strings(alphabet, 8000, 14, seed=13):
        assert noise._no_tags(s) == _OLD_NO_TAGS.sub(" ", s), repr(s)
        assert (noise._EMAIL.search(s) is None) == (_OLD_EMAIL.search(s) is None), repr(s)


def test_last_word_within_a_span_equals_last_word_of_the_slice() -> None:
    """_last_word(text, start, end) answers as _last_word(text[start:end]), for spans that end in
    a letter, as the boundary scan asks."""
    rng = random.Random(9)
    for s in _strings([*"ab Z'’-\n.", "us", " x"], 3000, 14, seed=9):
        text = s + "x"
        start = rng.randint(0, len(text) - 1)
        assert split._last_word(text, start, len(text)) == split._last_word(text[start:]), text


ABOVE = "above the body (kicker, menu or standfirst without a sentence)"
WEB = "web address or contact line"


@pytest.mark.parametrize(
    ("line", "url", "reason"),
    [
        ("A" + "a" * MB, False, ABOVE),  # one word: the glued-words scan
        ("xa" * (MB // 2) + "@", False, ABOVE),  # an e-mail-like token without a domain
        ("x@" + "a" * MB + ".b", True, WEB),
        ("http://" + "a" * MB, True, WEB),
        ("a" * MB + "@b.cd", True, WEB),
        ("A." * (MB // 2), False, "section label"),  # an initialism run
    ],
    ids=["word", "at-sign", "e-mail", "url", "long-e-mail", "initials"],
)
def test_megabyte_token_line(line: str, url: bool, reason: str) -> None:
    """A one-line page holding a single 1 MB token is not prose: it is dropped with its reason
    and there is no body; the web-address test summarize runs on it answers too."""
    page = clean_text(f"{line}\n")
    assert page.paragraphs == ()
    assert [d.reason for d in page.dropped] == [reason]
    assert boilerplate.has_url(line.lower()) is url
    assert split.split_paragraph(line) == [line]


SENTENCES = [
    "Officials in the port said on Monday that the talks would resume.",
    'The union called the offer "an insult" and walked out.',
    "The U.S. envoy met Mr. Okafor at 3.5 km from the border.",
    "Prices had risen by 3.5 percent since the strike began!",
    "Why would the operators wait?",
    "The dockers waited... and the port stayed shut.",  # the rules leave these to pysbd
    "Ships, e.g. the ferries, were held at the quay.",
]


def _one_line(size: int) -> tuple[str, list[str]]:
    """One paragraph of numbered sentences (an ellipsis and "e.g." leave pieces to pysbd),
    about ``size`` characters, and the sentences it holds."""
    out: list[str] = []
    total = 0
    n = 0
    while total < size:
        s = SENTENCES[n % len(SENTENCES)].replace(" the ", f" the {n} ", 1)
        out.append(s)
        total += len(s) + 1
        n += 1
    return " ".join(out), out


def test_five_megabyte_paragraph_splits_right_in_bounded_pysbd_calls(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A 5 MB one-line paragraph splits into exactly its sentences; neither pysbd nor the rule
    splitter is handed more than PYSBD_PIECE_MAX characters at once, pysbd reads at most
    PYSBD_BUDGET in all (its time grows faster than its input), and the rest is cut at likely
    boundaries."""
    paragraph, expected = _one_line(5 * MB)
    calls: list[int] = []
    ruled: list[int] = []
    real, cut = split.split_sentences, split._cut

    def counting(text: str) -> list[str]:
        calls.append(len(text))
        return real(text)

    monkeypatch.setattr(split, "split_sentences", counting)
    monkeypatch.setattr(split, "_cut", lambda text: ruled.append(len(text)) or cut(text))
    assert split.split_body([paragraph]) == (tuple(expected),)
    assert calls and max(calls) <= split_bounds.PYSBD_PIECE_MAX
    assert ruled and max(ruled) <= split_bounds.PYSBD_PIECE_MAX
    budget = split_bounds.PYSBD_BUDGET
    assert budget - split_bounds.PYSBD_CHUNK <= sum(calls) <= budget


def test_budget_is_shared_by_the_paragraphs_of_a_source(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many long paragraphs of one source share one pysbd budget (split_body), while an ordinary
    paragraph is never read in chunks: the rules settle its sentences, and pysbd reads the
    pieces they leave (here two whole sentences) or the paragraph whole."""
    paragraph, expected = _one_line(30_000)
    calls: list[int] = []
    real = split.split_sentences
    monkeypatch.setattr(split, "split_sentences", lambda t: calls.append(len(t)) or real(t))
    assert split.split_body([paragraph] * 10) == (tuple(expected),) * 10
    assert sum(calls) <= split_bounds.PYSBD_BUDGET
    calls.clear()
    short = " ".join(SENTENCES)
    assert split.split_body([short]) == (tuple(SENTENCES),)
    assert calls == [len(SENTENCES[-2]), len(SENTENCES[-1])]


def test_rough_cuts_skip_abbreviations_and_initials() -> None:
    """The fallback boundaries never cut after a title, an initial or an initialism."""
    text = "Mr. Okafor met J. Smith in the U.S. Capitol. He left. “Fine,” she said. Then rain."
    assert split_bounds.rough(text) == [
        "Mr. Okafor met J. Smith in the U.S. Capitol.",
        "He left.",
        "“Fine,” she said.",
        "Then rain.",
    ]


@pytest.fixture
def proj(project: Project) -> Project:
    """The scaffolded project with one topic."""
    project.store.save_topics(
        [Topic.validate(dict(slug="ports", title="Ports", keywords=("port", "union")))]
    )
    return project


def test_five_megabyte_one_line_page_ingests(proj: Project, tmp_path: Path) -> None:
    """`briefgen ingest` of a 5 MB page that is one line of prose stores every sentence, one a
    line, and exits 0."""
    paragraph, expected = _one_line(5 * MB)
    source = tmp_path / "one-line.txt"
    source.write_text(f"Port talks resume after the strike\n\n{paragraph}\n", "utf-8")
    result = CliRunner().invoke(
        cli,
        ["-C", str(proj.root), "ingest", "--topic", "ports", "--published", "2025-10-24",
         str(source)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (article,) = proj.store.articles("ports")
    assert article.title == "Port talks resume after the strike"
    assert article.paragraphs == (tuple(expected),)


def test_five_megabyte_single_token_fails_in_one_line(proj: Project, tmp_path: Path) -> None:
    """A 5 MB page that is one word fails with one error line naming the file, exit 1, and
    writes nothing."""
    source = tmp_path / "token.txt"
    source.write_text("A" + "a" * (5 * MB), "utf-8")
    result = CliRunner().invoke(
        cli, ["-C", str(proj.root), "ingest", "--topic", "ports", str(source)]
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {source}: no body sentences found: no line reads as prose (1 dropped as noise; "
        "see --dry-run)\n"
    )
    assert proj.store.articles("ports") == []
