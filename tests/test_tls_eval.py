"""`briefgen eval tls`: the protocol on a tiny hand-made dataset, predictions, and bad input."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from cli_kit import CliRunner

from briefgen.cli import cli
from briefgen.errors import SchemaError, UsageError
from briefgen.timeline import build_timeline, timeline_events
from briefgen.timeline.dataset import detokenize, load_dataset
from briefgen.timeline.evaluate import evaluate_tls, predict

from conftest import FIXTURES

MINI = FIXTURES / "tls" / "mini"


def test_detokenize_restores_brackets_quotes_and_punctuation() -> None:
    """PTB tokens (-LRB-, ``, '') and spaces before punctuation are undone."""
    text = "The UN said its `` headquarters '' -LRB- in Haiti -RRB- collapsed , he 's sure ."
    assert detokenize(text) == 'The UN said its "headquarters" (in Haiti) collapsed, he\'s sure.'


def test_mini_dataset_exact_prediction_and_scores() -> None:
    """On the fixture the two gold dates are found and ROUGE matches a hand computation.

    R1: hits 3 + 1 over 6 + 5 predicted and 6 + 5 gold tokens: P = R = F = 4/11.
    R2: hits 2 + 0 over 5 + 4 predicted and 5 + 4 gold bigrams: P = R = 2/9.
    """
    report = evaluate_tls(MINI)
    (result,) = report.results
    assert (result.collection, result.index, result.n_dates, result.k) == ("quake", 1, 2, 1)
    assert result.predicted == (
        (dt.date(2010, 1, 12), ("The earthquake struck Haiti on Tuesday (January 12).",)),
        (dt.date(2010, 1, 15), ("Aid flights were delayed on Friday at the airport.",)),
    )
    assert report.overall.date.f1 == 1.0
    assert report.overall.rouge1.precision == pytest.approx(4 / 11)
    assert report.overall.rouge1.recall == pytest.approx(4 / 11)
    assert report.overall.rouge2.precision == pytest.approx(2 / 9)
    assert report.overall.rouge2.recall == pytest.approx(2 / 9)


def test_harness_runs_the_product_timeline_algorithm() -> None:
    """The harness's prediction is the event texts of timeline_events over the span's articles,
    and those events are the product's own (build_timeline) events of the kept dates."""
    (collection,) = load_dataset(MINI)
    gold = collection.timelines[0]
    start, end = dt.date(2010, 1, 12), dt.date(2010, 1, 15)
    span = [a for a in collection.articles if start <= a.published <= end]
    events = timeline_events(span, dates=2, per_date=1, span=(start, end), precisions=("day",))
    assert predict(collection, gold) == tuple((e.date, (e.text,)) for e in events)
    product = {(e.date, e.text): e for e in build_timeline(span)}
    assert [product[(e.date, e.text)] for e in events] == list(events)


def test_cli_prints_table_and_writes_predictions(tmp_path: Path) -> None:
    """The command prints per-collection and average rows and writes <collection>-<n>.json."""
    out = tmp_path / "pred"
    result = CliRunner().invoke(cli, ["eval", "tls", str(MINI), "--predictions", str(out)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["collection", "Date-F1", "AR-1", "F", "AR-2", "F"]
    assert lines[1].split()[:2] == ["quake", "1.000"]
    assert lines[2].split() == ["average", "1.000", "0.364", "0.222"]
    assert sorted(p.name for p in out.iterdir()) == ["quake-1.json"]
    data = json.loads((out / "quake-1.json").read_text())
    assert [d for d, _ in data] == ["2010-01-12", "2010-01-15"]


def _collection(root: Path, articles: str, timelines: str | None) -> Path:
    folder = root / "topic"
    folder.mkdir(parents=True)
    (folder / "articles.jsonl").write_text(articles)
    if timelines is not None:
        (folder / "timelines.jsonl").write_text(timelines)
    return root


GOOD_ARTICLE = '{"id": "1", "time": "2010-01-13", "text": "Quake hit on Tuesday ."}\n'
GOOD_TL = '[["2010-01-12", ["Quake ."]]]\n'


def test_empty_directory_is_an_error_naming_it(tmp_path: Path) -> None:
    """A dataset folder without collections fails with a message naming the folder."""
    with pytest.raises(SchemaError, match="no collection folders") as exc:
        load_dataset(tmp_path)
    assert exc.value.file is not None and Path(exc.value.file) == tmp_path
    with pytest.raises(UsageError, match="not a directory"):
        load_dataset(tmp_path / "missing")


@pytest.mark.parametrize(
    ("articles", "timelines", "file", "line", "message"),
    [
        ('{"id": 1}\n' + GOOD_ARTICLE, GOOD_TL, "articles.jsonl", 1, "expected an object"),
        (GOOD_ARTICLE + "{oops\n", GOOD_TL, "articles.jsonl", 2, "invalid JSON"),
        (GOOD_ARTICLE.replace("2010-01-13", "13/01/2010"), GOOD_TL, "articles.jsonl", 1, "date"),
        ("", GOOD_TL, "articles.jsonl", None, "empty file"),
        (GOOD_ARTICLE, None, "timelines.jsonl", None, "missing file"),
        (GOOD_ARTICLE, '[["2010-01-12", "Quake"]]\n', "timelines.jsonl", 1, r"expected \[date"),
        (GOOD_ARTICLE, '[["2010-02-30", ["Quake ."]]]\n', "timelines.jsonl", 1, "not a date"),
    ],
)
def test_malformed_dataset_errors_name_file_and_line(
    tmp_path: Path, articles: str, timelines: str | None, file: str, line: int | None, message: str
) -> None:
    """Every malformed input raises SchemaError naming the file (and line when there is one)."""
    root = _collection(tmp_path / "data", articles, timelines)
    with pytest.raises(SchemaError, match=message) as exc:
        load_dataset(root)
    assert Path(str(exc.value.file)).name == file
    assert exc.value.line == line


def test_cli_bad_dataset_exits_nonzero_with_located_error(tmp_path: Path) -> None:
    """The command reports a malformed file as 'Error: <file>:<line>: ...' and exits 1."""
    root = _collection(tmp_path / "data", GOOD_ARTICLE + "{oops\n", GOOD_TL)
    out = tmp_path / "pred"
    result = CliRunner().invoke(cli, ["eval", "tls", str(root), "--predictions", str(out)])
    assert result.exit_code == 1
    assert "articles.jsonl:2: invalid JSON" in result.output
    assert not out.exists()
