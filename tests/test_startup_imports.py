"""Start-up: each command imports only what it uses (modules asserted, not timed).

Each case runs one real command in a fresh ``python`` process and lists the modules it ended
with. The heavy libraries named here cost most of a short command's start-up when imported
needlessly (MkDocs' configuration machinery with Jinja2, Markdown and the theme's plugins,
trafilatura with lxml and dateparser, the network stack, the summarizer and the site builder).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_python, topic_project

_CHILD = """
import builtins, json, sys
out, args = sys.argv[1], sys.argv[2:]
importers = []
real_import = builtins.__import__
def tracked(name, globals=None, *rest, **kwargs):
    importer = (globals or {}).get("__name__", "")
    if name.partition(".")[0] == "click" and importer.partition(".")[0] == "briefgen":
        importers.append(importer)
    return real_import(name, globals, *rest, **kwargs)
builtins.__import__ = tracked
from briefgen.cli import main
try:
    main(args)
except SystemExit as exc:
    code = exc.code
with open(out, "w", encoding="utf-8") as fd:
    json.dump({"code": code, "modules": sorted(sys.modules), "click": importers}, fd)
"""
"""Runs ``briefgen ARGS`` and records the modules loaded and which briefgen modules imported
click (none may: the command line is argparse; only MkDocs' own modules bring click in)."""

SITE_CONFIG = ("mkdocs.config", "mkdocs.plugins", "jinja2", "markdown", "material", "pathspec")
"""MkDocs' validation of its own keys (theme, extensions, plugins): for build, check, serve."""
HTML = ("trafilatura", "lxml", "htmldate", "dateparser", "courlan")
NETWORK = ("http.client", "urllib.request", "briefgen.ingest.web")
STAGES = ("briefgen.summarize", "briefgen.timeline", "briefgen.publish", "briefgen.render")


def _modules(root: Path, *args: str) -> set[str]:
    """The modules ``briefgen ARGS``, run in ``root`` in a new process, ended with."""
    out = root.parent / "modules.json"
    done = run_python(root, "-c", _CHILD, str(out), *args, NO_COLOR="1")
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text("utf-8"))
    assert result["code"] in (0, None), done.stderr
    assert result["click"] == [], f"briefgen modules import click: {result['click']}"
    return set(result["modules"])


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    """The ``names`` (packages or modules) of which ``modules`` holds the module or a submodule."""
    return [n for n in names if any(m == n or m.startswith(n + ".") for m in modules)]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A scaffolded project with topic ``t`` and one plain-text page beside it."""
    return topic_project(
        tmp_path,
        "Start-up",
        "Talks resume in Geneva\n\nPublished on 3 March 2024\n\nNegotiators met on Monday in "
        "Geneva. The minister said talks would resume next week.\n",
    )


def test_version_imports_neither_data_model_nor_yaml(root: Path) -> None:
    """`briefgen --version` loads the command line only: no data model, YAML or MkDocs."""
    modules = _modules(root, "--version")
    model = ("msgspec", "briefgen.model", "briefgen.structs", "pydantic")
    assert _loaded(modules, (*model, "yaml", "mkdocs", "briefgen.app", *STAGES)) == []
    assert _loaded(modules, ("click",)) == []


def test_ingest_modules_import_no_pydantic(root: Path) -> None:
    """The command line and the ingest command's modules import msgspec for the data model and
    never pydantic (whose import and first model build cost about 0.1 s)."""
    code = "import sys, briefgen.cli, briefgen.app.ingest; print(' '.join(sorted(sys.modules)))"
    done = run_python(root, "-c", code)
    assert done.returncode == 0, done.stderr
    modules = set(done.stdout.split())
    assert "briefgen.model" in modules and "msgspec" in modules
    assert _loaded(modules, ("pydantic", "pydantic_core")) == []


@pytest.mark.parametrize("args", [["--help"], ["ingest", "--help"], ["schema", "article"]])
def test_help_and_schema_import_no_click(root: Path, args: list[str]) -> None:
    """The command line is argparse (standard library): help pages and `schema` load no click
    (commands that read mkdocs.yml get it from MkDocs' own loader, never from briefgen)."""
    assert _loaded(_modules(root, *args), ("click", "mkdocs")) == []


def test_text_ingest_imports_no_site_html_or_network_code(root: Path) -> None:
    """A one-file text ingest writes its record without MkDocs' config machinery, the HTML
    extractor, the network stack, the summarizer or the site builder."""
    modules = _modules(root, "ingest", "../one.txt", "--topic", "t")
    assert (root / "content" / "articles" / "t").is_dir()
    assert _loaded(modules, (*SITE_CONFIG, *HTML, *NETWORK, *STAGES)) == []
    assert "concurrent.futures.process" not in modules  # one source: no worker pool
    # the scaffolded mkdocs.yml is read plainly: neither MkDocs nor its command line (click)
    assert _loaded(modules, ("mkdocs", "click")) == []


def test_text_ingest_imports_no_asyncio(root: Path) -> None:
    """A one-file text ingest imports neither asyncio nor ssl (nor pydantic, which on Python
    < 3.13 pulled asyncio in)."""
    modules = _modules(root, "ingest", "../one.txt", "--topic", "t")
    assert _loaded(modules, ("asyncio", "ssl", "pydantic")) == []


def test_summarize_imports_no_site_config_or_builder(root: Path) -> None:
    """`briefgen summarize` reads briefgen's options only (it never builds): no MkDocs config
    machinery, no HTML extractor, no site builder."""
    _modules(root, "ingest", "../one.txt", "--topic", "t")
    modules = _modules(root, "summarize", "--quiet")
    assert (root / "content" / "briefings" / "t.yaml").is_file()
    site_builder = ("briefgen.publish", "briefgen.render")
    assert _loaded(modules, (*SITE_CONFIG, *HTML, *NETWORK, *site_builder)) == []
    assert _loaded(modules, ("mkdocs", "click")) == []  # mkdocs.yml read plainly
    again = _modules(root, "summarize", "--quiet")  # up to date: nothing to summarize
    assert _loaded(again, ("briefgen.summarize.run", "multiprocessing")) == []


def test_diff_of_two_folders_imports_no_site_config(root: Path) -> None:
    """`briefgen diff` compares briefings (it never builds): no MkDocs config machinery, no HTML
    extractor, no network code, no site builder."""
    modules = _modules(root, "diff", "--format", "json", str(root), str(root))
    site_builder = ("briefgen.publish", "briefgen.render")
    assert _loaded(modules, (*SITE_CONFIG, *HTML, *NETWORK, *site_builder)) == []
    assert _loaded(modules, ("mkdocs", "click")) == []  # mkdocs.yml read plainly


def test_check_imports_no_worker_pool_or_summarizer_run(root: Path) -> None:
    """`briefgen check` applies the staleness rule without summarize's worker pool, progress bar
    or summarizing run (MkDocs' validation it does load: check reports MkDocs' key errors)."""
    _modules(root, "ingest", "../one.txt", "--topic", "t")
    _modules(root, "summarize", "--quiet")
    modules = _modules(root, "check")
    assert "mkdocs.config.defaults" in modules
    pool = ("multiprocessing", "concurrent.futures.process", "briefgen.app.summarize")
    assert _loaded(modules, (*pool, "briefgen.summarize.run", *HTML, *NETWORK)) == []


_NO_DATACLASS = """
import dataclasses, json, runpy, sys
made = []
process = dataclasses._process_class
def record(cls, *args, **kwargs):
    made.append(f"{cls.__module__}.{cls.__qualname__}")
    return process(cls, *args, **kwargs)
dataclasses._process_class = record
out, sys.argv = sys.argv[1], ["briefgen", *sys.argv[2:]]
try:
    runpy.run_module("briefgen", run_name="__main__", alter_sys=True)
except SystemExit as exc:
    assert exc.code in (0, None), exc.code
with open(out, "w", encoding="utf-8") as fd:
    json.dump([m for m in made if m.startswith("briefgen")], fd)
"""


def _dataclasses_made(root: Path, *args: str) -> list[str]:
    """The briefgen classes ``briefgen ARGS``, run in ``root`` in a new process, turned into
    dataclasses (each costs about a millisecond of generated code compiled at import)."""
    out = root.parent / "dataclasses.json"
    done = run_python(root, "-c", _NO_DATACLASS, str(out), *args, NO_COLOR="1")
    assert done.returncode == 0, done.stderr
    made: list[str] = json.loads(out.read_text("utf-8"))
    return made


def test_ingest_summarize_check_define_no_dataclass(root: Path) -> None:
    """A one-file ingest, then summarize and check, define no briefgen dataclass: briefgen's
    value types are msgspec Structs, built in C when their module is imported."""
    assert _dataclasses_made(root, "ingest", "../one.txt", "--topic", "t") == []
    assert (root / "content" / "articles" / "t").is_dir()
    assert _dataclasses_made(root, "summarize", "--quiet") == []
    assert (root / "content" / "briefings" / "t.yaml").is_file()
    assert _dataclasses_made(root, "check") == []


def test_no_briefgen_module_defines_a_dataclass(root: Path) -> None:
    """Importing every module of the package defines no dataclass: one value-type mechanism."""
    code = (
        "import dataclasses, importlib, pkgutil, briefgen\n"
        "made = []\n"
        "process = dataclasses._process_class\n"
        "def record(cls, *a, **k):\n"
        "    made.append(f'{cls.__module__}.{cls.__qualname__}')\n"
        "    return process(cls, *a, **k)\n"
        "dataclasses._process_class = record\n"
        "for m in pkgutil.walk_packages(briefgen.__path__, 'briefgen.'):\n"
        "    if m.name != 'briefgen.__main__':  # running it runs the command line\n"
        "        importlib.import_module(m.name)\n"
        "print(' '.join(m for m in made if m.startswith('briefgen')))\n"
    )
    done = run_python(root, "-c", code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []
