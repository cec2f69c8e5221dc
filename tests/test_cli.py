"""The command line: every command documented, exit codes and messages, init's file set."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from cli_kit import CliRunner

from briefgen import __version__
from briefgen.app.project import Project
from briefgen.cli import cli
from briefgen.cliparse import Group
from briefgen.schemas import json_schema

COMMANDS = [
    "init",
    "ingest",
    "summarize",
    "build",
    "release",
    "serve",
    "check",
    "diff",
    "schema",
    "eval",
    "eval tls",
]


def test_every_product_command_is_listed() -> None:
    """`briefgen --help` lists every command of the product with a one-line description."""
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in {c.split()[0] for c in COMMANDS}:
        line = next(ln for ln in result.output.splitlines() if ln.strip().startswith(name + " "))
        assert len(line.split(None, 1)[1]) > 10


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_example(command: str) -> None:
    """Each command's own --help exits 0 and shows an 'Example: briefgen ...' line."""
    result = CliRunner().invoke(cli, [*command.split(), "--help"])
    assert result.exit_code == 0, result.output
    assert "Example: briefgen " in result.output


def test_version() -> None:
    """`briefgen --version` prints the package version."""
    result = CliRunner().invoke(cli, ["--version"])
    assert (result.exit_code, result.output) == (0, f"briefgen, version {__version__}\n")


def test_python_dash_m_runs_the_cli() -> None:
    """`python -m briefgen --version` works like the console script."""
    out = subprocess.run(
        [sys.executable, "-m", "briefgen", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout == f"briefgen, version {__version__}\n"


def test_unknown_command_is_a_usage_error() -> None:
    """An unknown command exits 2 with the usage message click printed."""
    result = CliRunner().invoke(cli, ["frobnicate"])
    assert result.exit_code == 2
    assert "No such command 'frobnicate'" in result.output


@pytest.mark.parametrize("name", ["briefing", "article", "edition"])
def test_schema_command_prints_the_schema(name: str) -> None:
    """`briefgen schema NAME` prints exactly the generated JSON Schema."""
    result = CliRunner().invoke(cli, ["schema", name])
    assert (result.exit_code, result.output) == (0, json_schema(name))


def test_init_writes_the_project_file_set(tmp_path: Path) -> None:
    """`briefgen init DIR` writes mkdocs.yml, content/, docs/, templates/, schemas/, the review and
    publish workflows and the pre-commit config; the project loads."""
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "p")])
    assert result.exit_code == 0, result.output
    files = sorted(str(p.relative_to(tmp_path / "p")) for p in (tmp_path / "p").rglob("*"))
    assert files == [
        ".github",
        ".github/workflows",
        ".github/workflows/publish.yml",
        ".github/workflows/review.yml",
        ".gitignore",
        ".pre-commit-config.yaml",
        "content",
        "content/articles",
        "content/articles/.gitkeep",
        "content/briefings",
        "content/briefings/.gitkeep",
        "content/editions",
        "content/editions/.gitkeep",
        "content/topics.yaml",
        "docs",
        "docs/.gitkeep",
        "mkdocs.yml",
        "schemas",
        "schemas/article.schema.json",
        "schemas/briefing.schema.json",
        "schemas/edition.schema.json",
        "templates",
        "templates/README.md",
    ]
    assert result.output == f"Created 14 files in {tmp_path / 'p'}\n"
    project = Project.load(tmp_path / "p")
    assert project.store.topics() == []
    assert project.settings.timeline_cap == 12


def test_init_refuses_an_existing_project(tmp_path: Path) -> None:
    """`briefgen init` on an existing project exits 2, names the file and changes nothing."""
    runner = CliRunner()
    runner.invoke(cli, ["init", str(tmp_path)])
    before = (tmp_path / "mkdocs.yml").read_bytes()
    result = runner.invoke(cli, ["init", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output == (
        f"Error: {tmp_path / 'mkdocs.yml'} already exists: "
        "refusing to overwrite an existing project\n"
    )
    assert (tmp_path / "mkdocs.yml").read_bytes() == before


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    """With --debug the error propagates (traceback) instead of the one-line message."""
    runner = CliRunner()
    runner.invoke(cli, ["init", str(tmp_path)])
    result = runner.invoke(cli, ["--debug", "init", str(tmp_path)])
    assert result.exit_code == 1
    assert "already exists" in str(result.exception)


def test_group_maps_errors_to_one_line() -> None:
    """A BriefgenError with file and line prints `Error: file:line: field: message`, exit 1."""
    from briefgen.errors import SchemaError

    @cli.command(name="_raise_for_test", hidden=True)
    def _raise() -> None:
        raise SchemaError("input should be a valid date", file="b.yaml", line=5, field="as_of")

    try:
        result = CliRunner().invoke(cli, ["_raise_for_test"])
    finally:
        assert isinstance(cli, Group)
        cli.commands.pop("_raise_for_test")
    assert (result.exit_code, result.output) == (
        1,
        "Error: b.yaml:5: as_of: input should be a valid date\n",
    )
