"""CI workflows and pre-commit hooks: valid YAML, the right triggers, and real briefgen commands."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefgen.cli import cli
from briefgen.cliparse import Exit, UsageFault

from conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"
SHELL_OPERATORS = {"|", "||", "&&", ";", ">", ">>", "<", "&", "(", ")", "{", "}"}


def load(path: Path) -> Any:
    """Parse a YAML file."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    """The ``on:`` mapping (YAML 1.1 reads the bare key ``on`` as True)."""
    on = workflow.get("on", workflow.get(True))
    assert isinstance(on, dict)
    return on


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    """Every step of every job."""
    return [s for job in workflow["jobs"].values() for s in job.get("steps", [])]


def briefgen_commands(script: str) -> list[list[str]]:
    """The argument lists of every ``briefgen ...`` command in a shell script."""
    script = script.replace("\\\n", " ")
    found: list[list[str]] = []
    for line in script.splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        lexer.commenters = "#"
        tokens = list(lexer)
        for i, tok in enumerate(tokens):
            if tok == "briefgen" and (i == 0 or tokens[i - 1] in SHELL_OPERATORS):
                args = []
                for t in tokens[i + 1 :]:
                    if t in SHELL_OPERATORS:
                        break
                    args.append(t)
                found.append(args)
    return found


def assert_command_exists(args: list[str]) -> None:
    """Parse ``briefgen <args>`` with the real CLI: the command and every option must exist."""
    assert args, "no command in: briefgen"
    try:
        chain = cli.resolve(list(args))
    except UsageFault as exc:  # pragma: no cover - the failure message is the point
        assert not exc.message.startswith("No such command"), f"briefgen has no {args[0]!r}"
        pytest.fail(f"briefgen {' '.join(args)}: {exc.message}")
    except Exit:  # --help / --version: parsed, nothing to run
        return
    assert len(chain) > 1, f"no command in: briefgen {' '.join(args)}"


def all_workflow_commands() -> list[list[str]]:
    """Every briefgen command run by any workflow step."""
    out: list[list[str]] = []
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for step in steps(load(path)):
            out += briefgen_commands(step.get("run", ""))
    return out


def test_workflow_files_are_valid_yaml_with_jobs() -> None:
    """Each workflow parses, has triggers and jobs, and every step uses or runs something."""
    paths = sorted(WORKFLOWS.glob("*.yml"))
    assert [p.name for p in paths] == ["publish.yml", "review.yml"]
    for path in paths:
        wf = load(path)
        assert triggers(wf)
        for step in steps(wf):
            assert ("uses" in step) != ("run" in step), f"{path.name}: {step}"


def test_workflow_briefgen_commands_exist() -> None:
    """Every `briefgen ...` a workflow runs is a real command with real options."""
    commands = all_workflow_commands()
    assert sorted(c[0] for c in commands) == ["build", "check", "diff"]
    for args in commands:
        assert_command_exists(args)


def test_command_check_rejects_unknown_commands_and_options() -> None:
    """The command check itself fails on a missing command or option (so it cannot pass blindly)."""
    with pytest.raises(AssertionError):
        assert_command_exists(["publish"])
    with pytest.raises(pytest.fail.Exception):
        assert_command_exists(["build", "--frozn"])
    assert briefgen_commands('x=1 && briefgen diff main > "$f" # briefgen nope') == [
        ["diff", "main"]
    ]


def test_review_workflow_posts_one_sticky_comment() -> None:
    """On pull requests: check, then the diff report posted/updated under one hidden marker."""
    wf = load(WORKFLOWS / "review.yml")
    assert "pull_request" in triggers(wf)
    assert wf["permissions"]["pull-requests"] == "write"
    all_steps = steps(wf)
    checkout = next(s for s in all_steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    runs = [briefgen_commands(s.get("run", "")) for s in all_steps]
    assert [["check"]] in runs and [["diff"]] in runs
    report = next(s for s in all_steps if briefgen_commands(s.get("run", "")) == [["diff"]])
    assert "<!-- briefgen-diff -->" in report["run"]
    script = next(s for s in all_steps if s.get("uses", "").startswith("actions/github-script"))
    code = script["with"]["script"]
    assert "const marker = '<!-- briefgen-diff -->';" in code
    assert "updateComment" in code and "createComment" in code and "startsWith(marker)" in code
    last = all_steps[-1]
    assert last["if"] == "steps.check.outcome == 'failure'" and "exit 1" in last["run"]


def test_publish_workflow_builds_frozen_and_deploys_pages() -> None:
    """On the default branch: build --frozen, refuse symlinks, upload and deploy to Pages."""
    wf = load(WORKFLOWS / "publish.yml")
    assert triggers(wf)["push"]["branches"] == ["main"]
    assert wf["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build = wf["jobs"]["build"]["steps"]
    assert ["build", "--frozen"] in [c for s in build for c in briefgen_commands(s.get("run", ""))]
    assert any("find site -type l" in s.get("run", "") for s in build)
    (frozen,) = [s for s in build if "briefgen build --frozen" in s.get("run", "")]
    pages = next(s for s in build if s.get("uses", "").startswith("actions/configure-pages@"))
    assert build.index(pages) < build.index(frozen)
    assert frozen["env"] == {"SITE_URL": f"${{{{ steps.{pages['id']}.outputs.base_url }}}}"}
    upload = next(s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    deploy = wf["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_pre_commit_hooks_run_briefgen_check() -> None:
    """.pre-commit-hooks.yaml offers briefgen-check; .pre-commit-config.yaml uses it locally."""
    (hook,) = load(REPO / ".pre-commit-hooks.yaml")
    assert hook["id"] == "briefgen-check" and hook["pass_filenames"] is False
    (config_repo,) = load(REPO / ".pre-commit-config.yaml")["repos"]
    assert config_repo["repo"] == "local"
    (local,) = config_repo["hooks"]
    assert local["id"] == "briefgen-check"
    for entry in (hook["entry"], local["entry"]):
        (args,) = briefgen_commands(entry)
        assert args == ["check"]
        assert_command_exists(args)
