"""File-system primitives for untrusted folders: atomic writes, reads of regular files only.

They know nothing of content/'s layout; :mod:`briefgen.store` decides which paths are allowed
(:meth:`briefgen.store.Store.confine`) and calls these on the resolved paths.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from briefgen.errors import SchemaError

_TEMP_FLAGS = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def _temp_name(path: Path) -> str:
    """A new name ``.<name>.<random>.tmp`` next to ``path``."""
    return os.path.join(path.parent, f".{path.name}.{os.urandom(6).hex()}.tmp")


_LEFTOVER = re.compile(r"\..+\.[0-9a-f]{12}\.tmp")
"""The name :func:`_temp_name` gives."""


def remove_leftover_temps(folder: Path) -> int:
    """Remove the temporary files of :func:`atomic_write` under ``folder`` (links not followed)
    that a process killed outright (SIGKILL) left behind; how many. Only under the project lock,
    when no other briefgen process can be writing one."""
    removed = 0
    for where, _folders, files in os.walk(folder):
        for name in files:
            path = os.path.join(where, name)
            if _LEFTOVER.fullmatch(name) and stat.S_ISREG(os.lstat(path).st_mode):
                os.unlink(path)
                removed += 1
    return removed


def atomic_write(path: Path, data: str | bytes) -> bool:
    """Write ``data`` to ``path`` via a temp file and rename. Returns False when bytes are equal.

    A new file gets 0o666 less the umask (what a new file gets; mkstemp would give 0o600); a
    rewritten one keeps its mode. Whatever else is at ``path`` (a symbolic link, a FIFO) is
    replaced by the rename, never followed or opened. The temp file is created exclusively and
    named before it is opened, so that whatever stops the write (an error, a full disk, Ctrl-C
    or SIGTERM raised between two steps) removes it: nothing half-written is left."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    mode: int | None = None
    try:
        st = os.lstat(path)
    except OSError:
        st = None
    if st is not None and stat.S_ISREG(st.st_mode):
        if st.st_size == len(raw) and read_regular(path, path) == raw:
            return False
        mode = st.st_mode & 0o777
    made_folder = False
    for _ in range(100):
        tmp = _temp_name(path)
        try:
            try:
                fd = os.open(tmp, _TEMP_FLAGS, 0o666)
            except FileExistsError:
                continue
            except (FileNotFoundError, NotADirectoryError):
                if made_folder:
                    raise
                path.parent.mkdir(parents=True, exist_ok=True)  # no folder yet: make it
                made_folder = True
                continue
            with os.fdopen(fd, "wb") as fh:
                fh.write(raw)
            if mode is not None:
                os.chmod(tmp, mode)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return True
    raise FileExistsError(f"no free temporary name next to {path}")


class ContentPathError(SchemaError):
    """A content path briefgen refuses: a symbolic link out of content/ (out of the project, for
    content/ itself), or something other than a regular file where a file must be read or
    written."""


_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a folder"),
)


def _describe(mode: int) -> str:
    """What a non-regular file is, for messages: ``a FIFO``, ``a socket``, ..."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def what_is(path: str | Path) -> str:
    """``file``, ``folder``, ``missing`` or what else is at ``path`` (links followed)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "a broken symbolic link" if os.path.islink(path) else "missing"
    except OSError as exc:
        return f"an unreadable entry: {exc.strerror}"
    if stat.S_ISREG(mode):
        return "file"
    return "folder" if stat.S_ISDIR(mode) else _describe(mode)


def entry_kind(entry: os.DirEntry[str]) -> str:
    """:func:`what_is` for a directory entry, without a system call for a plain file or folder."""
    if not entry.is_symlink():
        if entry.is_file(follow_symlinks=False):
            return "file"
        if entry.is_dir(follow_symlinks=False):
            return "folder"
    return what_is(entry.path)


def read_regular(real: str | Path, shown: str | Path, *, checked: bool = False) -> bytes:
    """The bytes of ``real`` (a path without links), opened only if it is a regular file.

    ``checked``: the caller just saw a regular file there (a directory entry's type), so the
    ``stat`` before the open is skipped. ``O_NOFOLLOW`` refuses a link swapped in since ``real``
    was resolved; ``O_NONBLOCK`` and the ``fstat`` check make a FIFO swapped in after the check
    fail instead of blocking."""
    try:
        mode = stat.S_IFREG if checked else os.stat(real).st_mode
        if not stat.S_ISREG(mode):
            raise ContentPathError(f"not a regular file ({_describe(mode)}): not read", file=shown)
        fd = os.open(real, _READ_FLAGS)
        with os.fdopen(fd, "rb") as fh:
            mode = os.fstat(fh.fileno()).st_mode
            if not stat.S_ISREG(mode):
                raise ContentPathError(
                    f"not a regular file ({_describe(mode)}): not read", file=shown
                )
            return fh.read()
    except OSError as exc:
        raise SchemaError(f"cannot read: {exc.strerror}", file=shown) from None


def inside(path: str, folder: str) -> bool:
    """True when the resolved ``path`` is ``folder`` or under it."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)
