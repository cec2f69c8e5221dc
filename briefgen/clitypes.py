"""The value types of :mod:`briefgen.cliparse` options and arguments, with click's metavars and
error messages (``'x' is not a valid integer.``, ``0 is not in the range x>=1.``)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any


class BadValue(ValueError):
    """A value a type rejects; the message is click's (``'x' is not a valid integer.``)."""


class Kind:
    """A value type: its metavar in help, its conversion and its range note (``x>=1``)."""

    __slots__ = ("convert", "metavar", "note")

    def __init__(self, metavar: str, convert: Callable[[str], Any] = str, note: str = "") -> None:
        self.metavar = metavar
        self.convert = convert
        self.note = note


TEXT = Kind("TEXT")


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise BadValue(f"{value!r} is not a valid integer.") from None


INTEGER = Kind("INTEGER", _int)


def at_least(low: int, metavar: str = "INTEGER RANGE") -> Kind:
    """An integer >= ``low`` (click's ``IntRange(min=low)``)."""

    def convert(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise BadValue(f"{value!r} is not a valid integer range.") from None
        if number < low:
            raise BadValue(f"{number} is not in the range x>={low}.")
        return number

    return Kind(metavar, convert, f"x>={low}")


def choice(*names: str) -> Kind:
    """One of ``names`` (click's ``Choice``)."""

    def convert(value: str) -> str:
        if value not in names:
            known = ", ".join(repr(n) for n in names)
            raise BadValue(f"{value!r} is not one of {known}.")
        return value

    return Kind(f"[{'|'.join(names)}]", convert)


def path(*, file_okay: bool = True, dir_okay: bool = True) -> Kind:
    """A path that need not exist; when it does, it must be of an allowed kind."""

    def convert(value: str) -> Path:
        if not file_okay and os.path.isfile(value):
            raise BadValue(f"Directory {value!r} is a file.")
        if not dir_okay and os.path.isdir(value):
            raise BadValue(f"File {value!r} is a directory.")
        return Path(value)

    return Kind("DIRECTORY" if not file_okay else "FILE" if not dir_okay else "PATH", convert)
