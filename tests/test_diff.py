"""``briefgen diff``: golden review reports on fixture pairs, git refs, and bad input.

Golden files live in tests/golden/diff/<case>/expected.{md,json}; each case has a ``base`` and a
``head`` project. After an intended change to the report, regenerate them with::

    BRIEFGEN_UPDATE_GOLDEN=1 pytest tests/test_diff.py

and review the resulting ``git diff`` of tests/golden/.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from cli_kit import CliRunner, Result

from briefgen.app.diff import run_diff
from briefgen.changes import compare
from briefgen.cli import cli
from briefgen.escape import md_pr_comment
from briefgen.model import Briefing, Statement
from briefgen.review.markdown import changed_text, summary_line

GOLDEN = Path(__file__).resolve().parent / "golden" / "diff"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "base").is_dir())
UPDATE = os.environ.get("BRIEFGEN_UPDATE_GOLDEN") == "1"


def invoke(*args: str) -> Result:
    """Run the CLI with ``args``."""
    return CliRunner().invoke(cli, list(args))


def golden(path: Path, actual: str) -> None:
    """Compare ``actual`` with the golden file (or rewrite it when updating)."""
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"missing golden file {path}; run with BRIEFGEN_UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("fmt,suffix", [("markdown", "md"), ("json", "json")])
def test_golden_report(case: str, fmt: str, suffix: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The report on each fixture pair equals its golden file, byte for byte."""
    monkeypatch.chdir(GOLDEN / case)
    result = invoke("diff", "base", "head", "--format", fmt)
    assert result.exit_code == 0, result.output
    golden(GOLDEN / case / f"expected.{suffix}", result.output)


def test_cases_exist() -> None:
    """The golden fixture pairs are present (so the parametrized test cannot pass vacuously)."""
    assert CASES == ["changes", "unchanged"]


def test_report_is_deterministic(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two runs give the same bytes."""
    monkeypatch.chdir(GOLDEN / "changes")
    assert invoke("diff", "base", "head").output == invoke("diff", "base", "head").output


def test_reverse_diff_swaps_added_and_removed(monkeypatch: pytest.MonkeyPatch) -> None:
    """head -> base reports the added topic as removed and vice versa."""
    monkeypatch.chdir(GOLDEN / "changes")
    report = run_diff(Path("."), "head", "base")
    kinds = {t.topic: t.kind for t in report.changes.topics}
    assert kinds == {"border-talks": "changed", "new-topic": "removed", "old-topic": "added"}


def test_neither_ref_nor_directory(tmp_path: Path) -> None:
    """A BASE that is neither a git ref nor a folder is an error naming it."""
    result = invoke("-C", str(tmp_path), "diff", "no-such-ref", str(tmp_path))
    assert result.exit_code == 1
    assert result.output == "Error: 'no-such-ref' is neither a git ref nor a directory\n"


def test_option_like_ref_is_refused(tmp_path: Path) -> None:
    """A ref starting with '-' is never passed to git as an option."""
    result = invoke("-C", str(tmp_path), "diff", "--", "--output=x", str(tmp_path))
    assert result.exit_code == 1
    assert "'--output=x' is neither a git ref nor a directory" in result.output
    assert not (tmp_path / "x").exists()


def test_directory_that_is_not_a_project(tmp_path: Path) -> None:
    """A folder without mkdocs.yml is not a briefgen project: error, exit 1."""
    result = invoke("diff", str(GOLDEN / "changes" / "base"), str(tmp_path))
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert result.output.rstrip().endswith(
        "not a briefgen project: no mkdocs.yml here (run 'briefgen init DIR')"
    )


def test_malformed_yaml_is_named(tmp_path: Path) -> None:
    """Malformed YAML in a side's briefing names the file and line and exits 1."""
    head = tmp_path / "head"
    shutil.copytree(GOLDEN / "changes" / "head", head)
    bad = head / "content" / "briefings" / "new-topic.yaml"
    bad.write_text(bad.read_text().replace("title: New | topic", "title: New: topic"))
    result = invoke("diff", str(GOLDEN / "changes" / "base"), str(head))
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert result.output.endswith(
        "new-topic.yaml:4: YAML syntax error: mapping values are not allowed in this context\n"
    )


# --- git refs ---------------------------------------------------------------------------------


def git(repo: Path, *args: str, input_text: str | None = None) -> str:
    """Run git in ``repo`` with a fixed identity; return stdout."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    env.pop("GITHUB_BASE_REF", None)
    proc = subprocess.run(
        ["git", *args],
        cwd=repo,
        env=env,
        input=input_text,
        capture_output=True,
        text=True,
        check=True,
    )
    return proc.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repo whose ``main`` holds the base briefings and branch ``pr`` the head ones."""
    monkeypatch.delenv("GITHUB_BASE_REF", raising=False)
    root = tmp_path / "repo"
    shutil.copytree(GOLDEN / "changes" / "base", root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "pr")
    shutil.rmtree(root / "content")
    shutil.copytree(GOLDEN / "changes" / "head" / "content", root / "content")
    return root


def test_git_refs_match_the_folder_report(repo: Path) -> None:
    """Comparing two commits reports the same changes as comparing the two folders."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "head")
    result = invoke("-C", str(repo), "diff", "main", "pr")
    assert result.exit_code == 0, result.output
    expected = (GOLDEN / "changes" / "expected.md").read_text()
    assert result.output == expected.replace("from `base` to `head`", "from `main` to `pr`", 1)


def test_default_base_is_merge_base_and_head_the_working_tree(repo: Path) -> None:
    """With no arguments: merge-base with main vs the uncommitted working tree."""
    base = git(repo, "rev-parse", "main").strip()
    result = invoke("-C", str(repo), "diff")
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith(
        f"**Briefing changes** from `merge-base of main and HEAD ({base[:12]})` "
        "to `working tree`: 3 topics changed (1 added, 1 removed);"
    )
    body = (GOLDEN / "changes" / "expected.md").read_text().split("\n", 1)[1]
    assert result.output.split("\n", 1)[1] == body


def test_ref_without_briefings_folder_has_no_briefings(repo: Path) -> None:
    """A ref that predates content/briefings/ is an empty side: every topic is added."""
    tree = git(repo, "mktree", input_text="").strip()
    commit = git(repo, "commit-tree", tree, "-m", "empty").strip()
    git(repo, "branch", "empty", commit)
    report = run_diff(repo, "empty", str(GOLDEN / "changes" / "head"))
    assert [(t.topic, t.kind) for t in report.changes.topics] == [
        ("border-talks", "added"),
        ("new-topic", "added"),
        ("quiet-topic", "added"),
    ]


def test_malformed_yaml_at_a_ref_is_named(repo: Path) -> None:
    """A broken briefing committed at a ref is named as <ref>:<path> with its line."""
    bad = repo / "content" / "briefings" / "new-topic.yaml"
    bad.write_text(bad.read_text().replace("title: New | topic", "title: New: topic"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "broken")
    result = invoke("-C", str(repo), "diff", "main", "pr", "--format", "json")
    assert result.exit_code == 1
    assert result.output == (
        "Error: pr:content/briefings/new-topic.yaml:4: YAML syntax error: "
        "mapping values are not allowed in this context\n"
    )


def test_json_report_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    """The JSON report carries the summary counts and both labels."""
    monkeypatch.chdir(GOLDEN / "changes")
    data = json.loads(invoke("diff", "base", "head", "--format", "json").output)
    assert data["base"] == "base" and data["head"] == "head"
    assert data["summary"]["topics_added"] == 1
    assert [t["topic"] for t in data["topics"]] == ["border-talks", "new-topic", "old-topic"]


def test_untrusted_text_is_escaped() -> None:
    """Markdown and HTML in statement text render as inert text in the report."""
    assert md_pr_comment("<img src=x> [a](javascript:x) **b** # c | `d`") == (
        "\\<img src=x\\> \\[a\\]\\(javascript:x\\) \\*\\*b\\*\\* \\#\u200b c \\| \\`d\\`"
    )
    assert md_pr_comment("two\nlines") == "two lines"


def test_summary_line_grammar() -> None:
    """The one-line summary uses singular nouns for one and skips zero counts."""
    old = Briefing.validate(
        {
            "topic": "t",
            "title": "T",
            "as_of": "2025-11-01",
            "headline": {"text": "Talks resumed.", "cite": ["a#s1"]},
            "sources": ["a"],
        }
    )
    new = old.replace(
        current_status=(Statement.validate(dict(text="Shops reopened.", cite=["a#s2"])),)
    )
    assert summary_line(compare([old], [new]), "main", "pr") == (
        "**Briefing changes** from `main` to `pr`: 1 topic changed; 1 statement added."
    )


def test_low_overlap_rewrite_shows_old_and_new() -> None:
    """A rewrite sharing few words shows the old text struck through, then the new text."""
    assert changed_text("Talks collapsed.", "A mediator was appointed on Sunday.") == (
        "~~Talks collapsed.~~ → A mediator was appointed on Sunday."
    )
    assert changed_text("Talks resume on Thursday.", "Talks resume on Friday.") == (
        "Talks resume on ~~Thursday~~ **Friday**."
    )
