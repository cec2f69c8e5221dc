"""rouge-score is the optional `eval` extra: without it, `briefgen eval` says how to install it."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path

import pytest
from cli_kit import CliRunner

from briefgen.cli import cli

from conftest import REPO


def test_eval_without_the_extra_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without rouge-score, `briefgen eval tls` exits 2 saying `pip install 'briefgen[eval]'`."""
    real = importlib.util.find_spec

    def find_spec(name: str, *args: object) -> object:
        return None if name == "rouge_score" else real(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    result = CliRunner().invoke(cli, ["eval", "tls", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output == (
        "Error: briefgen eval needs the 'eval' extra (rouge-score): pip install 'briefgen[eval]'\n"
    )


def test_rouge_is_an_extra_that_the_test_extra_pulls_in() -> None:
    """rouge-score is no core dependency; `eval` has it and `test` includes `eval`; no `llm`."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    assert not any(d.startswith("rouge-score") for d in project["dependencies"])
    extras = project["optional-dependencies"]
    assert extras["eval"] == ["rouge-score>=0.1.2", "html-text>=0.6"]
    assert "briefgen[eval]" in extras["test"]
    assert "llm" not in extras
