"""Read briefings out of git history: refs, the default branch's merge-base, files at a ref.

Every call runs ``git`` without a shell, with arguments that cannot be read as options (refs that
start with ``-`` are refused), in the project's folder.
"""

from __future__ import annotations

import logging
import os
import subprocess
from pathlib import Path

import msgspec

from briefgen.errors import ReviewError

log = logging.getLogger(__name__)


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, env=env, check=False
        )
    except FileNotFoundError:
        raise ReviewError("git is not installed (needed to compare git refs)") from None


def _out(cwd: Path, *args: str) -> str | None:
    proc = _git(cwd, *args)
    return proc.stdout.strip() if proc.returncode == 0 else None


def in_repo(cwd: Path) -> bool:
    """True when ``cwd`` is inside a git work tree."""
    return _out(cwd, "rev-parse", "--is-inside-work-tree") == "true"


def resolve_commit(cwd: Path, ref: str) -> str | None:
    """The commit id ``ref`` names in the repository at ``cwd``, or None."""
    if not ref or ref.startswith("-") or not in_repo(cwd):
        return None
    return _out(cwd, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")


def default_branch(cwd: Path) -> str | None:
    """The default branch to compare against: the PR's base (``GITHUB_BASE_REF``), the remote's
    ``HEAD``, or the first of origin/main, origin/master, main, master that exists."""
    candidates: list[str] = []
    base = os.environ.get("GITHUB_BASE_REF")
    if base:
        candidates += [f"origin/{base}", base]
    head = _out(cwd, "symbolic-ref", "--quiet", "refs/remotes/origin/HEAD")
    if head:
        candidates.append(head.removeprefix("refs/remotes/"))
    candidates += ["origin/main", "origin/master", "main", "master"]
    for ref in candidates:
        if resolve_commit(cwd, ref):
            return ref
    return None


def merge_base(cwd: Path) -> tuple[str, str]:
    """(label, commit) of the merge-base of ``HEAD`` with the default branch."""
    if not in_repo(cwd):
        raise ReviewError("not in a git repository: pass BASE and HEAD as two folders", file=cwd)
    branch = default_branch(cwd)
    if branch is None:
        raise ReviewError("cannot find the default branch (origin/main, main, ...): pass BASE")
    commit = _out(cwd, "merge-base", branch, "HEAD")
    if not commit:
        raise ReviewError(f"{branch} and HEAD have no common ancestor: pass BASE")
    return f"merge-base of {branch} and HEAD ({commit[:12]})", commit


class GitTree(msgspec.Struct, frozen=True):
    """One folder of the repository at one commit."""

    cwd: Path
    commit: str
    prefix: str
    """The folder's path from the repository root, ``/``-terminated (or empty)."""

    @classmethod
    def at(cls, cwd: Path, commit: str) -> GitTree:
        """The folder ``cwd`` as it is at ``commit``."""
        prefix = _out(cwd, "rev-parse", "--show-prefix") or ""
        return cls(cwd, commit, prefix)

    def list(self, folder: str, suffix: str) -> list[str]:
        """Names of the files directly in ``folder`` ending in ``suffix`` (sorted; [] if absent)."""
        proc = _git(
            self.cwd, "ls-tree", "-z", "--name-only", f"{self.commit}:{self.prefix}{folder}"
        )
        if proc.returncode != 0:
            log.debug("no %s at %s: %s", folder, self.commit, proc.stderr.strip())
            return []
        return sorted(n for n in proc.stdout.split("\0") if n.endswith(suffix))

    def read(self, path: str) -> str:
        """The text of ``path`` (relative to the folder) at the commit."""
        proc = subprocess.run(
            ["git", "show", f"{self.commit}:{self.prefix}{path}"],
            cwd=self.cwd,
            capture_output=True,
            check=False,
        )
        if proc.returncode != 0:
            raise ReviewError(f"cannot read from git: {proc.stderr.decode(errors='replace')}")
        try:
            return proc.stdout.decode("utf-8")
        except UnicodeDecodeError:
            raise ReviewError("file is not valid UTF-8", file=path) from None
