"""`briefgen eval extraction`: the benchmark's metric by hand, the CLI on a tiny dataset, and the
predictions file."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from cli_kit import CliRunner

from briefgen.cli import cli
from briefgen.evaluate.extraction import (
    PageScore,
    aggregate,
    evaluate_extraction,
    score_page,
    shingles,
)

from conftest import require

try:
    import html_text  # noqa: F401

    HAVE_HTML_TEXT = True
except ImportError:  # pragma: no cover
    HAVE_HTML_TEXT = False


def test_shingles_are_four_token_runs_with_counts_and_case_kept() -> None:
    """Tokens are \\w+ runs; repeated shingles count twice; a short text is one shingle."""
    assert shingles("A b, c-d e!") == {("A", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("x y z w x y z w")[("x", "y", "z", "w")] == 2
    assert shingles("one two") == {("one", "two"): 1}
    assert shingles(" -- ") == {}


def test_page_score_is_normalised_to_one() -> None:
    """truth a..e (2 shingles), prediction a..d (1 shared): TP = FN = 1/2, FP = 0."""
    s = score_page("a b c d e", "a b c d")
    assert (s.tp, s.fp, s.fn) == (0.5, 0.0, 0.5)
    assert (s.precision, s.recall) == (1.0, 0.5)


def test_repeated_shingles_match_by_minimum_count() -> None:
    """truth x y z w x y z w has 5 shingles (xyzw twice); predicting xyzw once: TP 1, FN 4."""
    s = score_page("x y z w x y z w", "x y z w")
    assert (s.tp, s.fp, s.fn) == (0.2, 0.0, 0.8)


def test_case_matters_and_extra_text_is_false_positive() -> None:
    """ "The cat sat down" against "the cat sat down now": 0 shared, 1 missed, 2 extra."""
    s = score_page("The cat sat down", "the cat sat down now")
    assert (s.tp, s.fp, s.fn) == (0.0, pytest.approx(2 / 3), pytest.approx(1 / 3))
    assert (s.precision, s.recall) == (0.0, 0.0)


def test_empty_sides() -> None:
    """No prediction: no precision, recall 0; both empty: 1 and 1; no truth: no recall."""
    assert (score_page("a b c d", "").precision, score_page("a b c d", "").recall) == (None, 0.0)
    assert (score_page("", "").precision, score_page("", "").recall) == (1.0, 1.0)
    assert (score_page("", "a b c d").precision, score_page("", "a b c d").recall) == (0.0, None)


def test_macro_means_then_f1_of_the_means() -> None:
    """P over pages with a prediction (1, 1), R over pages with a truth (0.5, 0, 1): F1 = 2/3."""
    pages = [score_page("a b c d e", "a b c d"), score_page("a b c d", ""), score_page("", "")]
    s = aggregate(pages)
    assert (s.precision, s.recall, s.pages) == (1.0, 0.5, 3)
    assert s.f1 == pytest.approx(2 / 3)
    assert aggregate([PageScore(0.0, 1.0, 0.0)]).f1 == 0.0


BODY_1 = (
    "The council approved the new harbour budget on Tuesday after a long debate. "
    "Members said the money would pay for two new cranes and a wider quay."
)
BODY_2 = "Rescue teams reached the flooded village late on Friday. Nobody was hurt, officials said."
PAGES = {
    "p1": f"""<html><head><title>Harbour budget approved | Example Post</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Harbour budget approved</h1><p>By Jane Doe</p>
<p>{BODY_1.split(". ")[0]}.</p><p>{BODY_1.split(". ")[1]}</p></article>
<footer><p>Subscribe to our newsletter</p><p>© 2024 Example Post. All rights reserved.</p>
</footer></body></html>""",
    "p2": f"""<html><head><title>Village reached</title></head><body>
<h1>Rescue teams reach flooded village</h1><p>{BODY_2}</p>
<p>Share this article on Facebook</p></body></html>""",
}


def _dataset(root: Path) -> Path:
    (root / "html").mkdir(parents=True)
    for key, html in PAGES.items():
        (root / "html" / f"{key}.html.gz").write_bytes(gzip.compress(html.encode("utf-8")))
    truth = {
        "p1": {"articleBody": BODY_1, "url": "https://example.org/p1"},
        "p2": {"articleBody": BODY_2, "url": "https://example.org/p2"},
    }
    (root / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return root


def test_cli_scores_both_paths_on_a_tiny_dataset(tmp_path: Path) -> None:
    """Both paths keep the two bodies whole and drop the menus and footers: F1 1.000 each."""
    require(HAVE_HTML_TEXT, "html-text (pip install 'briefgen[eval]')")
    data = _dataset(tmp_path / "data")
    result = CliRunner().invoke(cli, ["eval", "extraction", str(data)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"Article extraction on {data} (4-token shingles, macro P/R)"
    assert lines[2:] == [
        "| Path | F1 | Precision | Recall | Pages |",
        "|---|---|---|---|---|",
        "| scraped text (html-text, then briefgen's text cleaning) | 1.000 | 1.000 | 1.000 | 2 |",
        "| HTML (briefgen's HTML ingest) | 1.000 | 1.000 | 1.000 | 2 |",
    ]


def test_predictions_file_is_the_benchmark_format(tmp_path: Path) -> None:
    """--path text --predictions writes {key: {"articleBody": body}} for every key, sorted."""
    require(HAVE_HTML_TEXT, "html-text (pip install 'briefgen[eval]')")
    data = _dataset(tmp_path / "data")
    out = tmp_path / "pred.json"
    args = ["eval", "extraction", str(data), "--path", "text", "--predictions", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == f"Wrote 2 predictions to {out}"
    assert "HTML (" not in result.output
    written = json.loads(out.read_text(encoding="utf-8"))
    assert list(written) == ["p1", "p2"]
    assert written["p1"] == {"articleBody": BODY_1.replace(". M", ".\nM")}
    assert written["p2"] == {"articleBody": BODY_2}


def test_predictions_need_one_path_and_a_dataset(tmp_path: Path) -> None:
    """--predictions with both paths is a usage error (exit 2); a folder without
    ground-truth.json is an error naming it (exit 1); nothing is written."""
    data = _dataset(tmp_path / "data")
    out = tmp_path / "pred.json"
    runner = CliRunner()
    both = runner.invoke(cli, ["eval", "extraction", str(data), "--predictions", str(out)])
    assert both.exit_code == 2
    assert both.output == (
        "Error: --predictions: --predictions writes one path's output: "
        "choose --path text or --path html\n"
    )
    missing = runner.invoke(cli, ["eval", "extraction", str(tmp_path / "none")])
    assert missing.exit_code == 1
    assert missing.output.endswith("none: not an extraction dataset (no ground-truth.json)\n")
    assert not out.exists()


def test_html_path_output_equals_the_ingested_body(tmp_path: Path) -> None:
    """The HTML path's prediction is the paragraphs ingest would store from the page."""
    from briefgen.ingest.html import clean_html

    data = _dataset(tmp_path / "data")
    report = evaluate_extraction(data, path="html")
    _, page = clean_html(PAGES["p2"], "p2", url="https://example.org/p2")
    assert report.results[0].predictions["p2"] == "\n".join(page.paragraphs)
