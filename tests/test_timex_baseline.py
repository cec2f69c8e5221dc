"""TimeBank figures of ``briefgen eval timex``, pinned in tests/baselines/timex.json."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from briefgen.evaluate.timex import load_corpus, predict, score

from conftest import REPO, committed_json, require

BASELINE = REPO / "tests" / "baselines" / "timex.json"
LOWER_FLAG = "BRIEFGEN_ACCEPT_LOWER_BASELINE"
"""Set to 1 to accept worse pinned figures than the committed ones (and say so in CHANGELOG.md)."""
DATA_CANDIDATES = (
    REPO.parent / "shared" / "data" / "tempeval3",
    REPO.parent.parent / "shared" / "data" / "tempeval3",
)


def _data() -> Path | None:
    return next((p for p in DATA_CANDIDATES if p.is_dir()), None)


def _lowered(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Which pinned figures ``new`` makes worse than ``old``."""
    worse = [k for k in ("value_recall", "accuracy_of_found") if new[k] < old[k]]
    return worse + (["not_gold"] if new["not_gold"] > old["not_gold"] else [])


def test_timebank_figures_hold_the_baseline() -> None:
    """On TimeBank, value recall and accuracy of found are at least, not-gold at most, the pins."""
    data = _data()
    require(data is not None, "../shared/data/tempeval3 is not present")
    assert data is not None
    pinned = json.loads(BASELINE.read_text(encoding="utf-8"))
    docs = load_corpus(data)
    s = score(docs, predict(docs))
    assert s.gold == pinned["gold"]
    got = f"recall {s.value_recall:.3f}, accuracy {s.accuracy_of_found:.3f}, not gold {s.not_gold}"
    assert round(s.value_recall, 3) >= pinned["value_recall"], got
    assert round(s.accuracy_of_found, 3) >= pinned["accuracy_of_found"], got
    assert s.not_gold <= pinned["not_gold"], got


def test_baseline_is_not_lowered_silently() -> None:
    """Worse pins than HEAD's need BRIEFGEN_ACCEPT_LOWER_BASELINE=1 and a CHANGELOG.md entry."""
    old = committed_json(BASELINE)
    if old is None:
        pytest.skip("baseline not committed yet (no git history to compare with)")
    new = json.loads(BASELINE.read_text(encoding="utf-8"))
    worse = _lowered(old, new)
    if not worse:
        return
    assert os.environ.get(LOWER_FLAG) == "1", f"{worse} lowered; set {LOWER_FLAG}=1 to accept"
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "tests/baselines/timex.json" in changelog, "say in CHANGELOG.md why the pins went down"


def test_lowering_rule() -> None:
    """A lower floor or a higher not-gold ceiling counts as lowered; better figures do not."""
    old = {"value_recall": 0.8, "accuracy_of_found": 0.9, "not_gold": 10}
    assert _lowered(old, {**old, "value_recall": 0.79}) == ["value_recall"]
    assert _lowered(old, {**old, "not_gold": 11}) == ["not_gold"]
    assert _lowered(old, {"value_recall": 0.9, "accuracy_of_found": 0.95, "not_gold": 3}) == []
