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


USAGE_INIT = "Usage: briefgen init [OPTIONS] DIRECTORY\nTry 'briefgen init --help' for help.\n\n"
USAGE_INGEST = (
    "Usage: briefgen ingest [OPTIONS] [SOURCES]...\nTry 'briefgen ingest --help' for help.\n\n"
)
USAGE_CHECK = "Usage: briefgen check [OPTIONS]\nTry 'briefgen check --help' for help.\n\n"
USAGE = "Usage: briefgen [OPTIONS] COMMAND [ARGS]...\nTry 'briefgen --help' for help.\n\n"


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (["init"], USAGE_INIT + "Error: Missing argument 'DIRECTORY'.\n"),
        (["init", "a", "b"], USAGE_INIT + "Error: Got unexpected extra argument (b)\n"),
        (["init", "--title"], "Error: Option '--title' requires an argument.\n"),
        (["ingest", "--into", "a"], "Error: Option '--into' requires 2 arguments.\n"),
        (["ingest", "--dry-run=x", "a"], "Error: Option '--dry-run' does not take a value.\n"),
        (
            ["ingest", "--dry"],
            USAGE_INGEST + "Error: No such option '--dry'. (Did you mean one of: '--dry-run', "
            "'--url'?)\n",
        ),
        (
            ["ingest", "-j", "0", "a"],
            USAGE_INGEST
            + "Error: Invalid value for '-j' / '--jobs': 0 is not in the range x>=1.\n",
        ),
        (
            ["ingest", "--year", "x", "a"],
            USAGE_INGEST + "Error: Invalid value for '--year': 'x' is not a valid integer.\n",
        ),
        (["ingest"], USAGE_INGEST + "Error: give at least one SOURCE (or --into SLUG SOURCE)\n"),
        (
            ["check", "--format", "xml"],
            USAGE_CHECK + "Error: Invalid value for '--format': 'xml' is not one of 'text', "
            "'json'.\n",
        ),
        (["check", "-x"], USAGE_CHECK + "Error: No such option '-x'.\n"),
        (
            ["chek"],
            USAGE + "Error: No such command 'chek'. (Did you mean one of: 'check', 'schema'?)\n",
        ),
        (
            ["diff", "--fromat"],
            "Usage: briefgen diff [OPTIONS] [BASE] [HEAD]\nTry 'briefgen diff "
            "--help' for help.\n\nError: No such option '--fromat'. Did you mean '--format'?\n",
        ),
        (["--debug"], USAGE + "Error: Missing command.\n"),
        (
            ["check", "--format", "--"],
            USAGE_CHECK + "Error: Invalid value for '--format': '--' is not one of 'text', "
            "'json'.\n",
        ),
        (
            ["prune", "-j", "0", "--keep", "two"],
            "Error: Invalid value for '--jobs' / '-j': 0 is not in the range x>=1. "
            "(see 'briefgen prune --help')\n",
        ),
        (["-C"], "Error: Option '-C' requires an argument.\n"),
    ],
)
def test_usage_errors_keep_clicks_words(args: list[str], stderr: str) -> None:
    """A usage error exits 2 with the lines click printed (usage, hint, one `Error:` line); of
    two bad values the first given is reported."""
    result = CliRunner().invoke(cli, args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", stderr)


def test_help_page_keeps_clicks_layout() -> None:
    """`briefgen check --help` is laid out as click laid it out (usage, text, options)."""
    result = CliRunner().invoke(cli, ["check", "--help"], env={"COLUMNS": "100"})
    assert (result.exit_code, result.output) == (
        0,
        "Usage: briefgen check [OPTIONS]\n\n"
        "  Validate articles and briefings and prove every statement against its source.\n\n"
        "  Example: briefgen check --strict\n\n"
        "Options:\n"
        "  --strict              Exit 1 on warnings too.\n"
        "  --format [text|json]\n"
        "  -h, --help            Show this message and exit.\n",
    )


def test_no_arguments_print_the_help_and_exit_2() -> None:
    """Bare `briefgen` prints the command list on stderr and exits 2, as click did."""
    result = CliRunner().invoke(cli, [])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("Usage: briefgen [OPTIONS] COMMAND [ARGS]...\n")
    assert "\nCommands:\n" in result.stderr


def _values(*args: str) -> dict[str, object]:
    """The values `briefgen ARGS` gives its command (parsed, nothing run)."""
    return cli.resolve(list(args))[-1][1]


def test_options_and_sources_mix_in_any_order() -> None:
    """Options may come between sources; --into repeats; a value may start with a dash; words
    after `--` are sources even when they look like options."""
    values = _values("ingest", "a", "--topic", "t", "b", "--into", "x", "c", "--into", "y", "-")
    assert values["sources"] == ("a", "b")
    assert (values["topic"], values["into"]) == ("t", (("x", "c"), ("y", "-")))
    assert _values("ingest", "--title", "-x", "a")["title"] == "-x"
    assert _values("ingest", "--into", "s", "-x", "--into=t", "--")["into"] == (
        ("s", "-x"),
        ("t", "--"),
    )
    assert _values("ingest", "--topic=--", "a")["topic"] == "--"
    assert _values("ingest", "-j4", "a")["jobs"] == 4
    assert _values("ingest", "--topic", "t", "--", "-weird", "--url")["sources"] == (
        "-weird",
        "--url",
    )
    assert _values("-C", "p", "check", "--format=json", "--strict") == {
        "strict": True,
        "fmt": "json",
    }
