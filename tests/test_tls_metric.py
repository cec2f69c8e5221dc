"""The TLS metric (tilse's align+ m:1 ROUGE, news-tls averaging) on hand-computed cases."""

from __future__ import annotations

import datetime as dt

import pytest

from briefgen.timeline.metric import (
    PRF,
    align_rouge,
    approx_rouge1_f,
    average,
    date_f1,
    rouge_tokens,
    score_timeline,
)

D1, D2, D3, D5 = (dt.date(2010, 1, d) for d in (1, 2, 3, 5))


def test_rouge_tokens_drop_stopwords_and_stem() -> None:
    """Tokens are lower-cased, stopwords removed and Porter-stemmed, across sentences."""
    assert rouge_tokens(["The cases rose", "Flights were delayed."]) == (
        "case",
        "rose",
        "flight",
        "delay",
    )


def test_identical_timelines_score_one() -> None:
    """A timeline scored against itself gets 1.0 for dates, ROUGE-1 and ROUGE-2."""
    tl = {D1: ["Flu cases rise"], D5: ["Schools close in Mexico"]}
    scores = score_timeline(tl, tl)
    assert scores.date == PRF(1.0, 1.0)
    assert scores.rouge1 == PRF(1.0, 1.0)
    assert scores.rouge2 == PRF(1.0, 1.0)


def test_off_by_one_day_is_weighted_by_date_distance() -> None:
    """A prediction one day off is aligned to the matching summary and weighted 1/2.

    pred {Jan 2: quake hits haiti}; ref {Jan 1: quake hits haiti, Jan 5: aid arrives}.
    Jan 2 -> Jan 1 (cost 0.5 x 0 = 0 < 0.75 x 1). P1 = 1/2 x 3/3 = 0.5;
    R1 = (1/2 x 3 + 1/4 x 0) / (3 + 2) = 0.3, F1 = 0.375. P2 = 1/2 x 2/2; R2 = 1 / 3.
    """
    pred = {D2: ["quake hits haiti"]}
    ref = {D1: ["quake hits haiti"], D5: ["aid arrives"]}
    r1 = align_rouge(pred, ref, 1)
    assert (r1.precision, r1.recall) == pytest.approx((0.5, 0.3))
    assert r1.f1 == pytest.approx(0.375)
    r2 = align_rouge(pred, ref, 2)
    assert (r2.precision, r2.recall) == pytest.approx((0.5, 1 / 3))
    assert date_f1(pred, ref) == PRF(0.0, 0.0)


def test_content_decides_between_equally_distant_dates() -> None:
    """At equal date distance the alignment picks the reference date with overlapping content.

    pred {Jan 3: aid arrives}; ref {Jan 1: quake hits, Jan 5: aid arrives}: costs 2/3 x 1 vs
    2/3 x 0, so Jan 3 -> Jan 5 with weight 1/3: P1 = 1/3 x 2/2; R1 = (0 + 1/3 x 2) / 4 = 1/6.
    """
    pred = {D3: ["aid arrives"]}
    ref = {D1: ["quake hits"], D5: ["aid arrives"]}
    r1 = align_rouge(pred, ref, 1)
    assert (r1.precision, r1.recall) == pytest.approx((1 / 3, 1 / 6))


def test_many_to_one_lets_two_predictions_share_a_reference_date() -> None:
    """Both predicted dates align to the one reference date; recall counts it once.

    pred {Jan 1: quake hits, Jan 2: quake hits}; ref {Jan 1: quake hits}:
    P1 = (1 x 2 + 1/2 x 2) / 4 = 0.75; R1 = 1 x 2 / 2 = 1.
    """
    pred = {D1: ["quake hits"], D2: ["quake hits"]}
    ref = {D1: ["quake hits"]}
    r1 = align_rouge(pred, ref, 1)
    assert (r1.precision, r1.recall) == pytest.approx((0.75, 1.0))
    assert date_f1(pred, ref) == PRF(0.5, 1.0)


def test_empty_prediction_scores_zero() -> None:
    """An empty predicted timeline scores 0 everywhere (no division by zero)."""
    assert align_rouge({}, {D1: ["quake"]}, 1) == PRF(0.0, 0.0)
    assert date_f1({}, {D1: ["quake"]}) == PRF(0.0, 0.0)


def test_approximate_rouge_uses_whitespace_tokens() -> None:
    """The alignment's ROUGE approximation counts raw whitespace tokens (case-sensitive)."""
    assert approx_rouge1_f(["a b c"], ["a b d e"]) == pytest.approx(
        2 * (2 / 3) * 0.5 / (2 / 3 + 0.5)
    )
    assert approx_rouge1_f(["Quake"], ["quake"]) == 0.0


def test_average_is_mean_precision_and_recall_then_f() -> None:
    """news-tls averaging: mean P and mean R, then F (not the mean of the F scores)."""
    avg = average([PRF(1.0, 0.5), PRF(0.5, 0.0)])
    assert (avg.precision, avg.recall) == (0.75, 0.25)
    assert avg.f1 == pytest.approx(0.375)
    assert average([]) == PRF(0.0, 0.0)
