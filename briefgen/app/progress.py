"""Progress on a terminal: a rich bar on stderr for long commands, nothing when not a TTY.

:func:`progress_bar` yields a :data:`Progress` callback ``(done, total, item)`` (or ``None`` when
disabled, when stderr is not a terminal, as under CI, a pipe or the tests' in-process runner),
which ``ingest`` and ``build`` call after each source or edition. The bar is transient: when the
command ends it is gone and only the command's own output remains.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

Progress = Callable[[int, int, str], None]
"""``progress(done, total, item)``: ``done`` of ``total`` finished, the last one ``item``."""


def on_terminal(stream: TextIO | None = None) -> bool:
    """Whether ``stream`` (default: stderr) is an interactive terminal."""
    stream = sys.stderr if stream is None else stream
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@contextmanager
def progress_bar(label: str, enabled: bool = True) -> Iterator[Progress | None]:
    """A transient rich progress bar ``<label> <item> ━━━ done/total`` on stderr, when ``enabled``
    and stderr is a terminal; else ``None``."""
    if not (enabled and on_terminal()):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn
    from rich.progress import Progress as RichProgress

    with RichProgress(
        TextColumn(f"{label} {{task.description}}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task_id = bar.add_task("", total=None)

        def update(done: int, total: int, item: str) -> None:
            bar.update(task_id, completed=done, total=total, description=item)

        yield update
