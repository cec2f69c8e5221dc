"""Pages of an edition made by another worker of the build, for the worker that builds it.

An edition's MkDocs build is the longest task of a small build: its worker renders the edition's
Markdown, then MkDocs converts and writes every page, while the other worker builds the data
files and the shared source pages and is done first. So when a worker is idle at the start, it
renders the edition's timeline pages (:data:`PARTS`: the period pages, most of the Markdown
rendering) while the edition's worker renders the other pages and starts MkDocs; the edition's
worker takes them from a file in the staging folder (:func:`fetch`). Rendering is pure, so the
pages are the same whichever process renders them: the first of the two to claim the part
renders it (an edition's worker that gets there first, or finds that the other failed, renders
it itself), and the edition is the same, byte for byte, as one process renders it.
"""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2

    from briefgen.render.outputs import Made
    from briefgen.render.pages import EditionInput

PARTS = frozenset({"timeline"})
"""The page makers (:data:`briefgen.render.outputs.EDITION_PAGES`) rendered apart."""
FOLDER = ".parts"
"""The staging folder the parts are left in (:data:`briefgen.publish.mkbuild.PARTS_DIR`)."""
WAIT_S = 600.0
"""How long the edition's worker waits for a claimed part before rendering it itself."""


def _paths(staging: Path, edition_id: str) -> tuple[Path, Path, Path]:
    folder = staging / FOLDER
    return (
        folder / f"{edition_id}.claim",
        folder / f"{edition_id}.pickle",
        folder / f"{edition_id}.failed",
    )


def _claim(path: Path) -> bool:
    """Whether this process is the first to claim the part (atomic: ``O_EXCL``)."""
    path.parent.mkdir(exist_ok=True)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return False
    os.close(fd)
    return True


def make(staging: Path, inp: EditionInput, templates_dir: Path) -> bool:
    """In the helping worker: render the parts of edition ``inp`` and leave them for its worker,
    unless that worker claimed them first; whether it did."""
    from briefgen.render.env import make_env
    from briefgen.render.outputs import render_kinds

    claim, done, failed = _paths(staging, inp.edition.id)
    if not _claim(claim):
        return False
    try:
        made = render_kinds(inp, make_env(templates_dir), PARTS)
        tmp = done.with_suffix(".tmp")
        tmp.write_bytes(pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, done)
    except BaseException:
        failed.touch()  # the edition's worker renders them itself (and meets the same error)
        raise
    return True


def fetch(staging: Path, inp: EditionInput, env: jinja2.Environment) -> dict[str, Made]:
    """In the edition's worker: the parts of edition ``inp``, made by the other worker, or here
    when it has not started them (or failed, or took longer than :data:`WAIT_S`)."""
    from briefgen.render.outputs import render_kinds

    claim, done, failed = _paths(staging, inp.edition.id)
    if _claim(claim):
        return render_kinds(inp, env, PARTS)
    deadline = time.monotonic() + WAIT_S
    delay = 0.001
    while not done.exists():
        if failed.exists() or time.monotonic() > deadline:
            return render_kinds(inp, env, PARTS)
        time.sleep(delay)
        delay = min(delay * 2, 0.02)
    made: dict[str, Made] = pickle.loads(done.read_bytes())  # written by this build's worker
    return made
