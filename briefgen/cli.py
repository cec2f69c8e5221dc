"""The ``briefgen`` command line. Each command parses options, calls ONE application-layer function
(:mod:`briefgen.app`), prints.

Parsing is :mod:`briefgen.cliparse` (argparse underneath; help pages and usage errors as click
wrote them). Errors are mapped in one place (:func:`run`): a :class:`BriefgenError` prints
``Error: <file>:<line>: <field>: <message>`` and exits 1 (2 for usage errors); ``--debug``
re-raises it so the traceback shows.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

from briefgen import __version__
from briefgen.cliparse import Command, Exit, Group, UsageFault, argument, flag, option
from briefgen.clitypes import INTEGER, at_least, choice, path
from briefgen.errors import BriefgenError

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


def echo(text: str = "", *, err: bool = False, nl: bool = True) -> None:
    """Write ``text`` to stdout (stderr with ``err``) and flush, as click.echo did (so stdout and
    stderr lines interleave in the order written when both go to one pipe)."""
    stream = sys.stderr if err else sys.stdout
    stream.write(text + "\n" if nl else text)
    stream.flush()


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
        with project_lock(project.root, command, lambda msg: echo(msg, err=True)):
            project.store.remove_leftovers()
            yield project


def _root(debug: bool, project_dir: Path, config_file: Path | None) -> _State:
    """Turn news coverage into trustworthy, cited briefings and a versioned static site."""
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING, format="%(levelname)s: %(message)s"
    )
    return _State(project_dir, config_file, debug)


cli = Group(
    "briefgen",
    _root,
    (
        flag("--debug", help="Show tracebacks and debug logging."),
        option(
            "-C",
            "--project",
            dest="project_dir",
            kind=path(file_okay=False),
            default=Path("."),
            show_default=True,
            help="Project folder (holding mkdocs.yml).",
        ),
        option(
            "-f",
            "--config-file",
            kind=path(dir_okay=False),
            help="The MkDocs config file (default: mkdocs.yml, then mkdocs.yaml, in the project "
            "folder).",
        ),
    ),
    version=__version__,
)
"""The ``briefgen`` command group: its subcommands are registered below."""


@cli.command(
    argument("directory", kind=path(file_okay=False)),
    option("--title", default="Briefings", show_default=True, help="Site title."),
)
def init(directory: Path, title: str) -> None:
    """Scaffold a new briefing project in DIRECTORY.

    Example: briefgen init my-briefings
    """
    from briefgen.app.init import init_project

    written = init_project(directory, title=title)
    echo(f"Created {len(written)} files in {directory}")


@cli.command(
    argument("sources", nargs=-1),
    option("--topic", help="Topic slug (default: matched from content/topics.yaml keywords)."),
    option(
        "--into",
        nargs=2,
        multiple=True,
        metavar="SLUG SOURCE",
        help="Ingest SOURCE (a file, folder, URL or -) into topic SLUG; repeat for many topics.",
    ),
    option("--published", help="Publication date (YYYY-MM-DD), overriding what the page says."),
    option("--year", kind=INTEGER, help="Year for dates the page states without one."),
    option("--publisher", help="Publisher name."),
    option("--url", help="URL of the original article."),
    option("--title", help="Headline, overriding the detected one."),
    flag("--dry-run", help="Print the record and dropped lines; write nothing."),
    option(
        "-j",
        "--jobs",
        kind=at_least(1, "N"),
        help="Worker processes preparing the sources (default: one per CPU; 1: none).",
    ),
    pass_obj=True,
)
def ingest(
    state: _State,
    /,
    sources: tuple[str, ...],
    into: tuple[tuple[str, str], ...],
    jobs: int | None,
    **options: Any,
) -> int:
    """Turn scraped text, HTML files, URLs, folders or - (stdin) into article records.

    Example: briefgen ingest --topic afghanistan-pakistan page.txt https://example.org/story

    Many topics in one call: briefgen ingest --into border-talks saved/border/ --into ports
    saved/ports/ (or one folder, each page matched to its topic by keywords).
    """
    from briefgen.app.ingest import IngestOptions, ingest_sources
    from briefgen.app.progress import progress_bar

    if not sources and not into:
        raise UsageFault("give at least one SOURCE (or --into SLUG SOURCE)")
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
        echo(line, err=True)
    echo(report.to_text(), nl=False)
    return int(report.exit_code)


@cli.command(
    argument("topics", nargs=-1),
    flag("--force", help="Recompute even when the inputs did not change."),
    flag("--quiet", help="No progress bar."),
    pass_obj=True,
)
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
        echo(line)


@cli.command(
    flag("--frozen", help="Never change content/; fail if a briefing is stale."),
    flag("--quiet", help="Only print errors."),
    option(
        "--jobs",
        "-j",
        kind=at_least(1),
        help="Worker processes building the site [default: CPUs].",
    ),
    pass_obj=True,
)
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
            echo(f"Summarized {topic}")
        built = ", ".join(report.built) if report.built else "nothing (up to date)"
        echo(f"Built {built}; {len(report.editions)} edition(s), latest {report.latest}")
        echo(f"Site: {report.site_dir}")


@cli.command(
    option(
        "--keep",
        kind=INTEGER,
        required=True,
        help="How many of the newest editions stay readable (at least 1).",
    ),
    option("--jobs", "-j", kind=at_least(1), help="Worker processes building the site."),
    pass_obj=True,
    one_line_errors=True,
)
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
        echo(
            f"Pruned {len(report.pruned)} edition(s) ({', '.join(report.pruned)}): they redirect "
            f"to {kept[0]}"
        )
    else:
        echo("Pruned nothing")
    echo(f"Kept {len(kept)} edition(s): {', '.join(kept)}")


@cli.command(argument("edition_id", required=False), pass_obj=True)
def release(state: _State, edition_id: str | None) -> None:
    """Freeze the current briefings as a new edition in content/editions/.

    Example: briefgen release 2025-11-05
    """
    from briefgen.app.release import edition_file
    from briefgen.app.release import release as release_edition

    with state.mutating("release") as project:
        edition = release_edition(project, edition_id)
    echo(f"Released edition {edition.id}: {edition_file(project, edition.id)}")


@cli.command(
    option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address."),
    pass_obj=True,
)
def serve(state: _State, dev_addr: str) -> None:
    """Preview the site with live reload (mkdocs serve with the briefgen plugin).

    Example: briefgen serve -a 127.0.0.1:8000
    """
    from briefgen.app.serve import serve

    serve(state.project(), dev_addr, lambda url: echo(f"Serving on {url} (Ctrl-C to stop)"))


@cli.command(
    flag("--strict", help="Exit 1 on warnings too."),
    option("--format", dest="fmt", kind=choice("text", "json"), default="text"),
    pass_obj=True,
)
def check(state: _State, strict: bool, fmt: str) -> int:
    """Validate articles and briefings and prove every statement against its source.

    Example: briefgen check --strict
    """
    from briefgen.app.check import run_check

    report = run_check(state.project())
    echo(report.to_json() if fmt == "json" else report.to_text(), nl=False)
    return 1 if report.failed(strict) else 0


@cli.command(
    argument("base", required=False),
    argument("head", required=False),
    option("--format", dest="fmt", kind=choice("markdown", "json"), default="markdown"),
    pass_obj=True,
)
def diff(state: _State, base: str | None, head: str | None, fmt: str) -> None:
    """Review report of briefing changes between two git refs or folders.

    Example: briefgen diff origin/main HEAD
    """
    from briefgen.app.diff import run_diff

    report = run_diff(state.project_dir, base, head, config_file=state.config_file)
    echo(report.to_json() if fmt == "json" else report.to_markdown(), nl=False)


@cli.command(
    argument(
        "name", kind=choice("briefing", "article", "edition"), default="briefing", required=False
    )
)
def schema(name: str) -> None:
    """Print the JSON Schema of a content file.

    Example: briefgen schema briefing > schemas/briefing.schema.json
    """
    from briefgen.app.init import json_schema

    echo(json_schema(name), nl=False)


eval_ = cli.group(
    "eval",
    """Score briefgen on standard benchmarks.

    Example: briefgen eval tls timeline17/
    """,
)


@eval_.command(
    argument("directory", kind=path()),
    option(
        "--predictions",
        kind=path(file_okay=False),
        help="Write each predicted timeline as <collection>-<n>.json here.",
    ),
)
def tls(directory: Path, predictions: Path | None) -> None:
    """Timeline summarization on a dataset in the Timeline17 layout.

    Example: briefgen eval tls timeline17/ --predictions out/
    """
    from briefgen.app.eval import eval_tls

    text, written = eval_tls(directory, predictions=predictions)
    echo(text)
    if predictions is not None:
        echo(f"Wrote {written} predicted timelines to {predictions}")


@eval_.command(
    argument("directory", kind=path()),
    option(
        "--path",
        dest="which",
        kind=choice("text", "html", "both"),
        default="both",
        show_default=True,
        help="Way in: scraped text (html-text first), HTML ingest, or both.",
    ),
    option(
        "--predictions",
        kind=path(dir_okay=False),
        help='Write the chosen path\'s bodies as {key: {"articleBody": ...}} to this JSON file.',
    ),
)
def extraction(directory: Path, which: str, predictions: Path | None) -> None:
    """Article-body extraction on a dataset in the article-extraction-benchmark layout.

    Example: briefgen eval extraction extraction-benchmark/ --path text
    """
    from briefgen.app.eval import eval_extraction

    text, written = eval_extraction(directory, which, predictions=predictions)
    echo(text)
    if predictions is not None:
        echo(f"Wrote {written} predictions to {predictions}")


@eval_.command(
    argument("directory", kind=path()),
    option(
        "--predictions",
        kind=path(dir_okay=False),
        help="Write the resolved expressions here as JSON (character offsets into the plain text).",
    ),
)
def timex(directory: Path, predictions: Path | None) -> None:
    """Date expressions on TimeML news reports (TimeBank / TempEval-3 layout).

    Example: briefgen eval timex tempeval3/ --predictions timex.json
    """
    from briefgen.app.eval import eval_timex

    text, documents = eval_timex(directory, predictions=predictions)
    echo(text)
    if predictions is not None:
        echo(f"Wrote predictions for {documents} reports to {predictions}")


def _display(exc: BriefgenError) -> str:
    """``Error: <location>: <message>`` with the file shown relative to the working directory."""
    if exc.file and os.path.isabs(exc.file):
        rel = os.path.relpath(exc.file)
        if not rel.startswith(".." + os.sep + ".."):
            exc.file = rel
    return f"Error: {exc}"


def run(argv: Sequence[str]) -> int:
    """Parse ``argv`` (the words after ``briefgen``), run the command; its exit code. Usage
    errors, :class:`BriefgenError` and interrupts become one ``Error:`` line (with ``--debug``
    the error propagates, traceback and all)."""
    state: _State | None = None
    chain: list[tuple[Command, dict[str, Any]]] = [(cli, {})]
    try:
        chain = cli.resolve(list(argv))
        obj: Any = None
        for command, values in chain:
            if command.func is None:
                continue
            args = (obj,) if command.pass_obj else ()
            result = command.func(*args, **values)
            if command is cli:
                state = obj = result
            elif result:
                return int(result)
        return 0
    except Exit as exc:
        echo(exc.text, err=exc.err, nl=False)
        return exc.code
    except UsageFault as exc:
        if exc.command is None:  # raised by a command's own checks
            exc.command = chain[-1][0]
        echo(exc.show(), err=True)
        return exc.exit_code
    except BriefgenError as exc:
        if state is not None and state.debug:
            raise
        echo(_display(exc), err=True)
        return exc.exit_code
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM (see main)
        if state is not None and state.debug:
            raise
        name = "SIGTERM" if isinstance(exc, _Terminated) else "SIGINT"
        echo(f"Error: {INTERRUPTED.format(name)}", err=True)
        return 128 + (signal.SIGTERM if name == "SIGTERM" else signal.SIGINT)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Console-script entry point: ``briefgen ARGS``; exits with the command's code."""
    on_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _on_sigterm) if on_main_thread else None
    try:
        code = run(sys.argv[1:] if argv is None else argv)
    except BrokenPipeError:  # `briefgen check | head`: the reader left; say nothing more
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 1
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    raise SystemExit(code)
