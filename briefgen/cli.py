"""The ``briefgen`` command line. Each command parses options, calls ONE core function, prints.

Errors are mapped in one place (:func:`main`): a :class:`BriefgenError` prints
``Error: <file>:<line>: <field>: <message>`` and exits 1 (2 for usage errors); ``--debug`` re-raises
it so the traceback shows.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

import click

from briefgen import __version__
from briefgen.errors import BriefgenError


class _Group(click.Group):
    """A click group that maps :class:`BriefgenError` to ``Error: ...`` and its exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BriefgenError as exc:
            state = ctx.obj if isinstance(ctx.obj, _State) else None
            if state is not None and state.debug:
                raise
            click.echo(_display(exc), err=True)
            ctx.exit(exc.exit_code)


class _State:
    def __init__(self, project_dir: Path, debug: bool) -> None:
        self.project_dir = project_dir
        self.debug = debug

    def project(self) -> Any:
        from briefgen.config import Project

        return Project.load(self.project_dir)


pass_state = click.make_pass_decorator(_State)


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "--version", prog_name="briefgen")
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logging.")
@click.option(
    "-C",
    "--project",
    "project_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Project folder (holding mkdocs.yml).",
)
@click.pass_context
def cli(ctx: click.Context, debug: bool, project_dir: Path) -> None:
    """Turn news coverage into trustworthy, cited briefings and a versioned static site."""
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING, format="%(levelname)s: %(message)s"
    )
    ctx.obj = _State(project_dir, debug)


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", default="Briefings", show_default=True, help="Site title.")
def init(directory: Path, title: str) -> None:
    """Scaffold a new briefing project in DIRECTORY.

    Example: briefgen init my-briefings
    """
    from briefgen.scaffold import init_project

    written = init_project(directory, title=title)
    click.echo(f"Created {len(written)} files in {directory}")


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--topic", help="Topic slug (default: matched from content/topics.yaml keywords).")
@click.option("--published", help="Publication date (YYYY-MM-DD), overriding what the page says.")
@click.option("--year", type=int, help="Year for dates the page states without one.")
@click.option("--publisher", help="Publisher name.")
@click.option("--url", help="URL of the original article.")
@click.option("--title", help="Headline, overriding the detected one.")
@click.option("--dry-run", is_flag=True, help="Print the record and dropped lines; write nothing.")
@pass_state
def ingest(state: _State, /, sources: tuple[str, ...], **options: Any) -> None:
    """Turn scraped text, HTML files, URLs, folders or - (stdin) into article records.

    Example: briefgen ingest --topic afghanistan-pakistan page.txt https://example.org/story
    """
    from briefgen.ingest.pipeline import IngestOptions, ingest_sources

    report = ingest_sources(
        state.project(),
        sources,
        IngestOptions.parse(**options),
        stdin=sys.stdin.buffer,
    )
    for line in report.errors():
        click.echo(line, err=True)
    click.echo(report.to_text(), nl=False)
    if report.exit_code:
        raise click.exceptions.Exit(report.exit_code)


@cli.command()
@click.argument("topics", nargs=-1)
@click.option("--force", is_flag=True, help="Recompute even when the inputs did not change.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@pass_state
def summarize(state: _State, topics: tuple[str, ...], force: bool, quiet: bool) -> None:
    """Build or update briefing units from each topic's articles.

    Example: briefgen summarize afghanistan-pakistan
    """
    from briefgen.summarize.run import progress_bar, summarize_project

    with progress_bar(not quiet) as progress:
        report = summarize_project(state.project(), topics, force=force, progress=progress)
    for line in report.lines():
        click.echo(line)


@cli.command()
@click.option("--frozen", is_flag=True, help="Never change content/; fail if a briefing is stale.")
@click.option("--quiet", is_flag=True, help="Only print errors.")
@pass_state
def build(state: _State, frozen: bool, quiet: bool) -> None:
    """Build the versioned static site into site/.

    Example: briefgen build && python -m http.server -d site
    """
    from briefgen.publish.site import build_site

    report = build_site(state.project(), frozen=frozen)
    if not quiet:
        for topic in report.summarized:
            click.echo(f"Summarized {topic}")
        built = ", ".join(report.built) if report.built else "nothing (up to date)"
        click.echo(f"Built {built}; {len(report.editions)} edition(s), latest {report.latest}")
        click.echo(f"Site: {report.site_dir}")


@cli.command()
@click.argument("edition_id", required=False)
@pass_state
def release(state: _State, edition_id: str | None) -> None:
    """Freeze the current briefings as a new edition in content/editions/.

    Example: briefgen release 2025-11-05
    """
    from briefgen.publish.editions import release as release_edition

    project = state.project()
    edition = release_edition(project, edition_id)
    click.echo(f"Released edition {edition.id}: {project.store.edition_path(edition.id)}")


@cli.command()
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address.")
@pass_state
def serve(state: _State, dev_addr: str) -> None:
    """Preview the site with live reload (mkdocs serve with the briefgen plugin).

    Example: briefgen serve -a 127.0.0.1:8000
    """
    from briefgen.publish.serve import serve_site

    serve_site(state.project(), dev_addr)


@cli.command()
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@pass_state
def check(state: _State, strict: bool, fmt: str) -> None:
    """Validate articles and briefings and prove every statement against its source.

    Example: briefgen check --strict
    """
    from briefgen.review.check import run_check

    report = run_check(state.project())
    click.echo(report.to_json() if fmt == "json" else report.to_text(), nl=False)
    if report.failed(strict):
        raise click.exceptions.Exit(1)


@cli.command()
@click.argument("base", required=False)
@click.argument("head", required=False)
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown")
@pass_state
def diff(state: _State, base: str | None, head: str | None, fmt: str) -> None:
    """Review report of briefing changes between two git refs or folders.

    Example: briefgen diff origin/main HEAD
    """
    from briefgen.review.diff import run_diff

    report = run_diff(state.project_dir, base, head)
    click.echo(report.to_json() if fmt == "json" else report.to_markdown(), nl=False)


@cli.command()
@click.argument("name", type=click.Choice(["briefing", "article", "edition"]), default="briefing")
def schema(name: str) -> None:
    """Print the JSON Schema of a content file.

    Example: briefgen schema briefing > schemas/briefing.schema.json
    """
    from briefgen.schemas import json_schema

    click.echo(json_schema(name), nl=False)


@cli.group(name="eval")
def eval_() -> None:
    """Score briefgen on standard benchmarks.

    Example: briefgen eval tls ../shared/data/timeline17
    """


@eval_.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option(
    "--predictions",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write each predicted timeline as <collection>-<n>.json here.",
)
def tls(directory: Path, predictions: Path | None) -> None:
    """Timeline summarization on a dataset in the Timeline17 layout.

    Example: briefgen eval tls ../shared/data/timeline17 --predictions out/
    """
    from briefgen.timeline.evaluate import evaluate_tls, format_report

    report = evaluate_tls(directory, predictions=predictions)
    click.echo(format_report(report))
    if predictions is not None:
        click.echo(f"Wrote {len(report.results)} predicted timelines to {predictions}")


@eval_.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option(
    "--predictions",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the resolved expressions here as JSON (character offsets into the plain text).",
)
def timex(directory: Path, predictions: Path | None) -> None:
    """Date expressions on TimeML news reports (TimeBank / TempEval-3 layout).

    Example: briefgen eval timex ../shared/data/tempeval3 --predictions timex.json
    """
    from briefgen.evaluate.timex import evaluate_timex, format_report

    report = evaluate_timex(directory, predictions=predictions)
    click.echo(format_report(report))
    if predictions is not None:
        click.echo(f"Wrote predictions for {report.documents} reports to {predictions}")


def _display(exc: BriefgenError) -> str:
    """``Error: <location>: <message>`` with the file shown relative to the working directory."""
    if exc.file and os.path.isabs(exc.file):
        rel = os.path.relpath(exc.file)
        if not rel.startswith(".." + os.sep + ".."):
            exc.file = rel
    return f"Error: {exc}"


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="briefgen")
