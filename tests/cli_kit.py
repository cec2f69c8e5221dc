"""Run ``briefgen`` in-process, as click's test runner did: ``CliRunner().invoke(cli, args)``.

:func:`briefgen.cli.main` runs with stdin, stdout and stderr replaced (not terminals, like a
pipe), its ``SystemExit`` caught; the result holds the exit code, stdout, stderr, both
interleaved as written (``output``), and the exception that escaped (``--debug``), if any.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from briefgen import cli as cli_module
from briefgen.cliparse import Group


@dataclass(frozen=True)
class Result:
    """One command's outcome."""

    exit_code: int
    stdout: str
    stderr: str
    output: str
    """stdout and stderr interleaved in the order written."""
    exception: BaseException | None
    """The exception that ended the command (``SystemExit`` for a non-zero exit), else None."""


class _Tee(io.TextIOBase):
    """A text stream writing into its own buffer and the shared ``output`` one."""

    def __init__(self, own: io.StringIO, shared: io.StringIO) -> None:
        self.own, self.shared = own, shared

    def write(self, text: str) -> int:
        self.own.write(text)
        self.shared.write(text)
        return len(text)

    def isatty(self) -> bool:
        return False


@contextmanager
def _environ(env: Mapping[str, str | None]) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in env}
    try:
        for key, value in env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


class CliRunner:
    """``invoke(cli, args, input=..., env=...)``: run ``briefgen ARGS`` in this process."""

    def invoke(
        self,
        cli: Group,
        args: Sequence[str] = (),
        input: str | bytes | None = None,
        env: Mapping[str, str | None] | None = None,
    ) -> Result:
        """Run ``briefgen args`` with ``input`` on stdin; its :class:`Result`."""
        assert cli is cli_module.cli, "only briefgen's own command group runs here"
        data = input.encode("utf-8") if isinstance(input, str) else (input or b"")
        stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
        out, err, both = io.StringIO(), io.StringIO(), io.StringIO()
        streams = (sys.stdin, sys.stdout, sys.stderr)
        code: int = 0
        exception: BaseException | None = None
        sys.stdin, sys.stdout, sys.stderr = stdin, _Tee(out, both), _Tee(err, both)
        try:
            with _environ(env or {}):
                cli_module.main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
            exception = exc if code else None
        except Exception as exc:  # --debug: the error escapes, as a traceback would show
            code, exception = 1, exc
        finally:
            sys.stdin, sys.stdout, sys.stderr = streams
        return Result(code, out.getvalue(), err.getvalue(), both.getvalue(), exception)
