"""Putting a finished build into site/ so that a reader (or a SIGKILL) never sees a gap.

Each top-level folder of site/ (an edition, ``latest``) is replaced by a fully written sibling
in one system call: ``renameat2(RENAME_EXCHANGE)`` swaps the new and the old folder atomically
(Linux 3.15+, glibc 2.28+; ext4, xfs, btrfs, tmpfs ...); the old one ends up in the staging
folder and is deleted with it. A folder that does not exist yet is renamed into place (atomic
too). Where the exchange is not available, the old folder is renamed aside and the new one
renamed in: a gap of two system calls, announced to the caller (``before_gap``) so that it can
point the root redirect at a folder that exists meanwhile.

Staging folders (``.briefgen-build-*`` beside site/) and write temps (``.<name>.<hex>.tmp``) of a
killed build are removed by the next one (:func:`clean_stale`); the project lock guarantees that
no other build is running then.
"""

from __future__ import annotations

import ctypes
import errno
import glob
import logging
import os
import re
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from briefgen.publish.versions import FEEDS_DIR

log = logging.getLogger(__name__)

STAGING_PREFIX = ".briefgen-build-"
"""Prefix of the temporary build folders made beside site/ (git-ignored)."""
KILL_ENV = "BRIEFGEN_TEST_KILL_AT"
"""Test hook: the name of a build step at which the build SIGKILLs itself (see :func:`step`)."""

_TEMP_RE = re.compile(r"^\..+\.[0-9a-f]{12}\.tmp$")
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP}


def step(name: str) -> None:
    """Mark a point of the swap; the kill tests set ``BRIEFGEN_TEST_KILL_AT=name`` to die here."""
    log.debug("build step %s", name)
    if os.environ.get(KILL_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def _renameat2() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        func = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    func.restype = ctypes.c_int
    return func


_RENAMEAT2 = _renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Atomically swap two existing paths; False when this system or filesystem cannot."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in _UNSUPPORTED:
        return False
    raise OSError(err, os.strerror(err), str(b))


def place(new: Path, dest: Path, aside: Path, before_gap: Callable[[], None] | None = None) -> bool:
    """Put folder ``new`` at ``dest``; the old ``dest`` (if any) ends up at ``aside``.

    Returns True when it was atomic (no moment without ``dest``), False when the old folder had
    to be renamed aside before the new one was renamed in; ``before_gap`` runs just before that
    gap opens."""
    if not dest.exists():
        os.rename(new, dest)
        return True
    if exchange(new, dest):
        os.rename(new, aside)  # ``new`` now holds the old folder
        return True
    if before_gap is not None:
        before_gap()
    os.rename(dest, aside)
    step(f"moved-aside:{dest.name}")
    os.rename(new, dest)
    return False


def remove_folder(path: Path, trash: Path) -> None:
    """Make ``path`` disappear in one rename (into ``trash``), then delete it at leisure."""
    if path.is_dir():
        os.rename(path, trash)
        shutil.rmtree(trash, ignore_errors=True)


def make_staging(site_dir: Path) -> Path:
    """A new, empty staging folder beside ``site_dir`` (same filesystem, so renames work):
    ``.briefgen-build-<site folder name>-<random>``, so builds of other sites sharing the parent
    folder never touch it."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    prefix = f"{STAGING_PREFIX}{site_dir.name}-"
    return Path(tempfile.mkdtemp(prefix=prefix, dir=site_dir.parent))


def clean_stale(site_dir: Path) -> list[Path]:
    """Delete what killed builds left: staging folders beside site/, write temps inside it."""
    gone: list[Path] = []
    if site_dir.parent.is_dir():
        for path in site_dir.parent.glob(f"{STAGING_PREFIX}{glob.escape(site_dir.name)}-*"):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
                gone.append(path)
    for folder in (site_dir, site_dir / FEEDS_DIR):
        if folder.is_dir():
            for path in folder.iterdir():
                if _TEMP_RE.match(path.name) and path.is_file():
                    path.unlink(missing_ok=True)
                    gone.append(path)
    if gone:
        log.info("removed %d leftovers of an interrupted build", len(gone))
    return gone
