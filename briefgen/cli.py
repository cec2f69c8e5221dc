"""The ``briefgen`` command line. Each command parses options, calls ONE application-layer function
(:mod:`briefgen.app`), prints.

Errors are mapped in one place (:func:`main`): a :class:`BriefgenError` prints
``Error: <file>:<line>: <field>: <message>`` and exits 1 (2 for usage errors); ``--debug`` re-raises
it so the traceback shows.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
from collections.abc import Iterator
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
        except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM (see main)
            state = ctx.obj if isinstance(ctx.obj, _State) else None
            if state is not None and state.debug:
                raise
            name = "SIGTERM" if isinstance(exc, _Terminated) else "SIGINT"
            click.echo(f"Error: {INTERRUPTED.format(name)}", err=True)
            ctx.exit(128 + (signal.SIGTERM if name == "SIGTERM" else signal.SIGINT))


INTERRUPTED = (
    "interrupted ({}): stopped; every file written is complete (nothing half-written), "
    "run the command again to finish"
)
"""The message of a command stopped by Ctrl-C (SIGINT) or SIGTERM; it exits 130 or 143."""


class _Terminated(KeyboardInterrupt):
    """SIGTERM (a CI timeout, ``kill``), raised where the command is, so that it unwinds as
    after a Ctrl-C: its workers end, its temporary files and folders are removed, its lock is
    released."""


def _on_sigterm(_signum: int, _frame: object) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second one ends the command at once
    raise _Terminated


class _State:
    def __init__(self, project_dir: Path, config_file: Path | None, debug: bool) -> None:
        self.project_dir = project_dir
        self.config_file = config_file
        self.debug = debug

    def project(self, *, validate_site: bool = True) -> Any:
        from briefgen.app.project import load_project

        return load_project(self.project_dir, self.config_file, validate_site=validate_site)

    @contextlib.contextmanager
    def mutating(self, command: str, *, validate_site: bool = True) -> Iterator[Any]:
        """The project, held under its lock (one mutating command at a time; see briefgen.lock).
        ``validate_site=False``: MkDocs' own keys are not validated (the command never builds)."""
        from briefgen.lock import project_lock

        project = self.project(validate_site=validate_site)
        with project_lock(project.root, command, lambda msg: click.echo(msg, err=True)):
            project.store.remove_leftovers()
            yield project


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
@click.option(
    "-f",
    "--config-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The MkDocs config file (default: mkdocs.yml, then mkdocs.yaml, in the project folder).",
)
@click.pass_context
def cli(ctx: click.Context, debug: bool, project_dir: Path, config_file: Path | None) -> None:
    """Turn news coverage into trustworthy, cited briefings and a versioned static site."""
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING, format="%(levelname)s: %(message)s"
    )
    ctx.obj = _State(project_dir, config_file, debug)


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", default="Briefings", show_default=True, help="Site title.")
def init(directory: Path, title: str) -> None:
    """Scaffold a new briefing project in DIRECTORY.

    Example: briefgen init my-briefings
    """
    from briefgen.app.init import init_project

    written = init_project(directory, title=title)
    click.echo(f"Created {len(written)} files in {directory}")


@cli.command()
@click.argument("sources", nargs=-1)
@click.option("--topic", help="Topic slug (default: matched from content/topics.yaml keywords).")
@click.option(
    "--into",
    "into",
    nargs=2,
    multiple=True,
    metavar="SLUG SOURCE",
    help="Ingest SOURCE (a file, folder, URL or -) into topic SLUG; repeat for many topics.",
)
@click.option("--published", help="Publication date (YYYY-MM-DD), overriding what the page says.")
@click.option("--year", type=int, help="Year for dates the page states without one.")
@click.option("--publisher", help="Publisher name.")
@click.option("--url", help="URL of the original article.")
@click.option("--title", help="Headline, overriding the detected one.")
@click.option("--dry-run", is_flag=True, help="Print the record and dropped lines; write nothing.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Worker processes preparing the sources (default: one per CPU; 1: none).",
)
@pass_state
def ingest(
    state: _State,
    /,
    sources: tuple[str, ...],
    into: tuple[tuple[str, str], ...],
    jobs: int | None,
    **options: Any,
) -> None:
    """Turn scraped text, HTML files, URLs, folders or - (stdin) into article records.

    Example: briefgen ingest --topic afghanistan-pakistan page.txt https://example.org/story

    Many topics in one call: briefgen ingest --into border-talks saved/border/ --into ports
    saved/ports/ (or one folder, each page matched to its topic by keywords).
    """
    from briefgen.app.ingest import IngestOptions, ingest_sources
    from briefgen.app.progress import progress_bar

    if not sources and not into:
        raise click.UsageError("give at least one SOURCE (or --into SLUG SOURCE)")
    with (
        state.mutating("ingest", validate_site=False) as project,
        progress_bar("ingest") as progress,
    ):
        report = ingest_sources(
            project,
            sources,
            IngestOptions.parse(**options),
            into=into,
            jobs=jobs,
            stdin=sys.stdin.buffer,
            progress=progress,
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
    from briefgen.app.summarize import progress_bar, summarize_project

    with (
        state.mutating("summarize", validate_site=False) as project,
        progress_bar(not quiet) as progress,
    ):
        report = summarize_project(project, topics, force=force, progress=progress)
    for line in report.lines():
        click.echo(line)


@cli.command()
@click.option("--frozen", is_flag=True, help="Never change content/; fail if a briefing is stale.")
@click.option("--quiet", is_flag=True, help="Only print errors.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help="Worker processes building the site [default: CPUs].",
)
@pass_state
def build(state: _State, frozen: bool, quiet: bool, jobs: int | None) -> None:
    """Build the versioned static site into site/.

    Example: briefgen build && python -m http.server -d site
    """
    from briefgen.app.build import build_site
    from briefgen.app.progress import progress_bar

    with state.mutating("build") as project, progress_bar("build", not quiet) as progress:
        report = build_site(project, frozen=frozen, progress=progress, jobs=jobs)
    if not quiet:
        for topic in report.summarized:
            click.echo(f"Summarized {topic}")
        built = ", ".join(report.built) if report.built else "nothing (up to date)"
        click.echo(f"Built {built}; {len(report.editions)} edition(s), latest {report.latest}")
        click.echo(f"Site: {report.site_dir}")


class _OneLineErrors(click.Command):
    """A command whose option errors (unknown flag, bad value) are one ``Error:`` line, exit 2."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:
            from briefgen.errors import UsageError

            raise UsageError(
                f"{exc.format_message()} (see 'briefgen {info_name} --help')"
            ) from None


@cli.command(cls=_OneLineErrors)
@click.option(
    "--keep",
    type=int,
    required=True,
    help="How many of the newest editions stay readable (at least 1).",
)
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), help="Worker processes building the site."
)
@pass_state
def prune(state: _State, keep: int, jobs: int | None) -> None:
    """Keep the newest editions readable; older ones redirect to the oldest kept edition.

    Only the published site changes (content/editions/ keeps every edition), and later builds
    keep pruning to the same number (keep_editions in mkdocs.yml, when set, wins).

    Example: briefgen prune --keep 30
    """
    from briefgen.app.prune import prune_site

    with state.mutating("prune") as project:
        report = prune_site(project, keep, jobs)
    kept = [e for e in report.editions if e not in report.pruned]
    if report.pruned:
        click.echo(
            f"Pruned {len(report.pruned)} edition(s) ({', '.join(report.pruned)}): they redirect "
            f"to {kept[0]}"
        )
    else:
        click.echo("Pruned nothing")
    click.echo(f"Kept {len(kept)} edition(s): {', '.join(kept)}")


@cli.command()
@click.argument("edition_id", required=False)
@pass_state
def release(state: _State, edition_id: str | None) -> None:
    """Freeze the current briefings as a new edition in content/editions/.

    Example: briefgen release 2025-11-05
    """
    from briefgen.app.release import edition_file
    from briefgen.app.release import release as release_edition

    with state.mutating("release") as project:
        edition = release_edition(project, edition_id)
    click.echo(f"Released edition {edition.id}: {edition_file(project, edition.id)}")


@cli.command()
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address.")
@pass_state
def serve(state: _State, dev_addr: str) -> None:
    """Preview the site with live reload (mkdocs serve with the briefgen plugin).

    Example: briefgen serve -a 127.0.0.1:8000
    """
    from briefgen.app.serve import serve

    serve(
        state.project(),
        dev_addr,
        lambda url: click.echo(f"Serving on {url} (Ctrl-C to stop)"),
    )


@cli.command()
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@pass_state
def check(state: _State, strict: bool, fmt: str) -> None:
    """Validate articles and briefings and prove every statement against its source.

    Example: briefgen check --strict
    """
    from briefgen.app.check import run_check

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
    from briefgen.app.diff import run_diff

    report = run_diff(state.project_dir, base, head, config_file=state.config_file)
    click.echo(report.to_json() if fmt == "json" else report.to_markdown(), nl=False)


@cli.command()
@click.argument("name", type=click.Choice(["briefing", "article", "edition"]), default="briefing")
def schema(name: str) -> None:
    """Print the JSON Schema of a content file.

    Example: briefgen schema briefing > schemas/briefing.schema.json
    """
    from briefgen.app.init import json_schema

    click.echo(json_schema(name), nl=False)


@cli.group(name="eval")
def eval_() -> None:
    """Score briefgen on standard benchmarks.

    Example: briefgen eval tls timeline17/
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

    Example: briefgen eval tls timeline17/ --predictions out/
    """
    from briefgen.app.eval import eval_tls

    text, written = eval_tls(directory, predictions=predictions)
    click.echo(text)
    if predictions is not None:
        click.echo(f"Wrote {written} predicted timelines to {predictions}")


@eval_.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option(
    "--path",
    "which",
    type=click.Choice(["text", "html", "both"]),
    default="both",
    show_default=True,
    help="Way in: scraped text (html-text first), HTML ingest, or both.",
)
@click.option(
    "--predictions",
    type=click.Path(dir_okay=False, path_type=Path),
    help='Write the chosen path\'s bodies as {key: {"articleBody": ...}} to this JSON file.',
)
def extraction(directory: Path, which: str, predictions: Path | None) -> None:
    """Article-body extraction on a dataset in the article-extraction-benchmark layout.

    Example: briefgen eval extraction extraction-benchmark/ --path text
    """
    from briefgen.app.eval import eval_extraction

    text, written = eval_extraction(directory, which, predictions=predictions)
    click.echo(text)
    if predictions is not None:
        click.echo(f"Wrote {written} predictions to {predictions}")


@eval_.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option(
    "--predictions",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the resolved expressions here as JSON (character offsets into the plain text).",
)
def timex(directory: Path, predictions: Path | None) -> None:
    """Date expressions on TimeML news reports (TimeBank / TempEval-3 layout).

    Example: briefgen eval timex tempeval3/ --predictions timex.json
    """
    from briefgen.app.eval import eval_timex

    text, documents = eval_timex(directory, predictions=predictions)
    click.echo(text)
    if predictions is not None:
        click.echo(f"Wrote predictions for {documents} reports to {predictions}")


def _display(exc: BriefgenError) -> str:
    """``Error: <location>: <message>`` with the file shown relative to the working directory."""
    if exc.file and os.path.isabs(exc.file):
        rel = os.path.relpath(exc.file)
        if not rel.startswith(".." + os.sep + ".."):
            exc.file = rel
    return f"Error: {exc}"


def main() -> None:
    """Console-script entry point."""
    signal.signal(signal.SIGTERM, _on_sigterm)
    cli(prog_name="briefgen")
