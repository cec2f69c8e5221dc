"""Clear one-line errors for hostile or broken project files: a template override that
includes itself (or a loop of two), an invalid ``summarizer:`` option, an article file with a bad
name. Each is one ``Error: <file>: ...`` line and exit 1 from every command that meets it."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_kit import CliRunner, Result
from test_publish_kit import make_site_project

from briefgen.app.project import Project
from briefgen.cli import cli

from conftest import make_article

LOOP_NOTE = "(a template includes, imports or extends itself)"


def _run(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    """Run briefgen from the project folder, so files are shown relative to it."""
    monkeypatch.chdir(root)
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"topic.md": '# {{ briefing.title }}\n{% include "topic.md" %}\n'},
            f"templates/topic.md: template include loop: topic.md -> topic.md {LOOP_NOTE}",
        ),
        (
            {
                "topic.md": '# {{ briefing.title }}\n{% include "part.md" %}\n',
                "part.md": '{% import "topic.md" as again %}\n',
            },
            "templates/topic.md: template include loop: topic.md -> part.md -> topic.md "
            + LOOP_NOTE,
        ),
        (
            {"topic.md": '{% extends "home.md" %}\n', "home.md": '{% include "topic.md" %}\n'},
            f"templates/home.md: template include loop: home.md -> topic.md -> home.md {LOOP_NOTE}",
        ),
        (
            {"topic.md": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}\n"},
            "templates/topic.md: template recursion too deep: an include, import, extends or "
            "macro loop",
        ),
        (
            {"topic.md": "# x\n\n{% if %}\n"},
            "templates/topic.md:3: template syntax error: Expected an expression, got 'end of "
            "statement block'",
        ),
    ],
    ids=["self", "two", "extends", "macro", "syntax"],
)
def test_template_loop_is_one_line_build_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str], message: str
) -> None:
    """A template override that includes, imports or extends itself, directly or through another
    template, or recurses through a macro, stops `build` with one line naming the template (and
    the loop), exit 1, no traceback; a syntax error still names the template and line."""
    project = make_site_project(tmp_path / "p")
    for name, text in files.items():
        (project.templates_dir / name).write_text(text, "utf-8")
    result = _run(project.root, monkeypatch, "build")
    assert (result.exit_code, result.stderr) == (1, f"Error: {message}\n")
    assert result.exception is None or isinstance(result.exception, SystemExit)


def _set_summarizer(project: Project, value: str) -> None:
    config = project.root / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "      day_first: true\n" in text
    config.write_text(
        text.replace(
            "      day_first: true\n", f"      day_first: true\n      summarizer: {value!r}\n"
        ),
        "utf-8",
    )


SUMMARIZER = "Error: mkdocs.yml: plugins.briefgen.summarizer: "


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("nope", "unknown summarizer 'nope' (known: extractive; or 'module:attribute')"),
        (
            "no_such_module_x:Backend",
            "cannot load summarizer 'no_such_module_x:Backend': ModuleNotFoundError: No module "
            "named 'no_such_module_x'",
        ),
        (":Backend", "cannot load summarizer ':Backend': ValueError: Empty module name"),
        (
            "json:Missing",
            "cannot load summarizer 'json:Missing': AttributeError: module 'json' has no "
            "attribute 'Missing'",
        ),
        (
            "hostile_backends:Boom",
            "cannot load summarizer 'hostile_backends:Boom': RuntimeError: import failed",
        ),
        (
            "hostile_ok:Failing",
            "cannot create summarizer 'hostile_ok:Failing': ValueError: no model here",
        ),
        (
            "hostile_ok:NotASummarizer",
            "'hostile_ok:NotASummarizer' is not a summarizer: it needs name, version and "
            "summarize() (the Summarizer protocol)",
        ),
        (
            "os:sep",
            "'os:sep' is not a summarizer: it needs name, version and summarize() (the "
            "Summarizer protocol)",
        ),
    ],
    ids=["unknown", "no-module", "empty-module", "no-attr", "import-fails", "init-fails",
         "not-a-class", "not-callable"],
)  # fmt: skip
@pytest.mark.parametrize("command", ["summarize", "check", "build"])
def test_invalid_summarizer_is_one_line(
    project: Project,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    value: str,
    message: str,
) -> None:
    """Every way a `summarizer:` value can be wrong gives one error line naming mkdocs.yml and
    plugins.briefgen.summarizer, exit 1, in summarize, check and build."""
    mods = tmp_path / "mods"
    mods.mkdir()
    (mods / "hostile_backends.py").write_text(
        'raise RuntimeError("import failed\\nsecond line")\n', "utf-8"
    )
    (mods / "hostile_ok.py").write_text(
        "class Failing:\n"
        "    def __init__(self, settings=None):\n"
        '        raise ValueError("no model here")\n'
        "class NotASummarizer:\n"
        "    pass\n",
        "utf-8",
    )
    monkeypatch.syspath_prepend(str(mods))
    project.store.save_article(make_article())
    _set_summarizer(project, value)
    result = _run(project.root, monkeypatch, command)
    assert result.exit_code == 1
    assert result.stderr.strip("\n") == SUMMARIZER + message


@pytest.mark.parametrize("name", ["Bad Name.md", "x.md", "2025-13-40-talks.md", "talks-2025.md"])
@pytest.mark.parametrize("command", ["summarize", "build"])
def test_bad_article_file_name_is_named(
    project: Project, monkeypatch: pytest.MonkeyPatch, name: str, command: str
) -> None:
    """An article file whose name is not <YYYY-MM-DD>-<slug>.md stops summarize and build with
    one line naming the file, exit 1."""
    path = project.store.save_article(make_article())
    path.rename(path.with_name(name))
    result = _run(project.root, monkeypatch, command)
    assert result.exit_code == 1
    assert result.stderr.strip("\n") == (
        f"Error: content/articles/demo/{name}: article file name {name!r} is not "
        "<YYYY-MM-DD>-<slug>.md (a date, then lowercase letters, digits and single hyphens)"
    )


def test_bad_article_file_name_is_a_check_finding(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """check reports a badly named article file as an error at that file and exits 1."""
    path = project.store.save_article(make_article())
    path.rename(path.with_name("Bad Name.md"))
    result = _run(project.root, monkeypatch, "check")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "content/articles/demo/Bad Name.md: error: article file name 'Bad Name.md' is not "
        "<YYYY-MM-DD>-<slug>.md (a date, then lowercase letters, digits and single hyphens)"
    )
